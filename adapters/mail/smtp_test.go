package mail_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"mime/quotedprintable"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"

	"ovgraph/adapters/mail"
)

// received is one message an smtpServer took.
type received struct {
	from, to string
	header   textproto.MIMEHeader
	body     string
}

// smtpServer is a tiny SMTP server on a loopback port: it takes every message, or refuses each
// RCPT TO with refuseRcpt when that is set.
type smtpServer struct {
	ln         net.Listener
	refuseRcpt string
	mu         sync.Mutex
	got        []received
	wg         sync.WaitGroup
}

func newSMTPServer(t *testing.T, refuseRcpt string) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln, refuseRcpt: refuseRcpt}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				s.session(conn)
			}()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		s.wg.Wait()
	})
	return s
}

func (s *smtpServer) addr() string { return s.ln.Addr().String() }

func (s *smtpServer) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

func (s *smtpServer) session(conn net.Conn) {
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	c := textproto.NewConn(conn)
	reply := func(line string) { _ = c.PrintfLine("%s", line) }
	reply("220 test.local ESMTP")
	var m received
	for {
		line, err := c.ReadLine()
		if err != nil {
			return
		}
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch {
		case verb == "EHLO" || verb == "HELO":
			reply("250 test.local")
		case strings.HasPrefix(strings.ToUpper(line), "MAIL FROM:"):
			m = received{from: line[len("MAIL FROM:"):]}
			reply("250 OK")
		case strings.HasPrefix(strings.ToUpper(line), "RCPT TO:"):
			if s.refuseRcpt != "" {
				reply(s.refuseRcpt)
				continue
			}
			m.to = line[len("RCPT TO:"):]
			reply("250 OK")
		case verb == "DATA":
			reply("354 go ahead")
			data, err := c.ReadDotBytes()
			if err != nil {
				return
			}
			r := textproto.NewReader(bufio.NewReader(bytes.NewReader(data)))
			if m.header, err = r.ReadMIMEHeader(); err != nil {
				reply("554 bad header")
				continue
			}
			body, err := io.ReadAll(quotedprintable.NewReader(r.R))
			if err != nil {
				reply("554 bad body")
				continue
			}
			m.body = string(body)
			s.mu.Lock()
			s.got = append(s.got, m)
			s.mu.Unlock()
			reply("250 queued")
		case verb == "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 not implemented")
		}
	}
}

// A message sent through SMTP reaches the server for its recipient, from the sender, with its
// subject and its body (quoted-printable, decoded here) intact.
func TestSMTPSend(t *testing.T) {
	srv := newSMTPServer(t, "")
	s := mail.SMTP{Addr: srv.addr(), From: "noreply@htm.example"}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	body := "Uw verificatiecode is 493817.\n\nDe code is 15 minuten geldig: één regel die langer is dan zesenzeventig tekens, zodat quoted-printable hem moet afbreken."
	if err := s.Send(context.Background(), mail.Message{To: "houder@example.nl", Subject: "Uw verificatiecode van HTM", Body: body}); err != nil {
		t.Fatal(err)
	}
	got := srv.messages()
	if len(got) != 1 {
		t.Fatalf("%d messages, want 1", len(got))
	}
	m := got[0]
	if m.to != "<houder@example.nl>" || m.from != "<noreply@htm.example>" {
		t.Errorf("envelope from %s to %s", m.from, m.to)
	}
	if m.header.Get("To") != "<houder@example.nl>" || m.header.Get("Subject") != "Uw verificatiecode van HTM" ||
		!strings.HasPrefix(m.header.Get("Content-Type"), "text/plain; charset=utf-8") || m.header.Get("Message-Id") == "" {
		t.Errorf("headers %v", m.header)
	}
	// ReadDotBytes reads the lines' CRLF as LF.
	if got := strings.TrimSuffix(m.body, "\n"); got != body {
		t.Errorf("body %q, want %q", got, body)
	}
}

// A refusal is an error that names the step and the reply code, never the server's text (which
// repeats the address); a server that cannot be reached is an error too.
func TestSMTPRefused(t *testing.T) {
	srv := newSMTPServer(t, "550 5.1.1 <houder@example.nl>: Recipient address rejected")
	err := mail.SMTP{Addr: srv.addr(), From: "noreply@htm.example"}.Send(context.Background(),
		mail.Message{To: "houder@example.nl", Subject: "s", Body: "123456"})
	if !errors.Is(err, mail.ErrRejected) || !strings.Contains(err.Error(), "550") || strings.Contains(err.Error(), "houder") {
		t.Errorf("refusal: %v, want ErrRejected with the reply code, without the address", err)
	}
	if err := (mail.SMTP{Addr: srv.addr(), From: "noreply@htm.example"}).Send(context.Background(),
		mail.Message{To: "not an address", Subject: "s", Body: "b"}); !errors.Is(err, mail.ErrRejected) {
		t.Errorf("a recipient that is no address: %v, want ErrRejected", err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	if err := (mail.SMTP{Addr: addr, From: "noreply@htm.example"}).Send(context.Background(),
		mail.Message{To: "houder@example.nl", Subject: "s", Body: "b"}); err == nil {
		t.Error("a server that is not there took the message")
	}
}

func TestSMTPCheck(t *testing.T) {
	if err := (mail.SMTP{Addr: "mail.example", From: "not an address"}).Check(); err == nil ||
		!strings.Contains(err.Error(), "host:port") || !strings.Contains(err.Error(), "mail from") {
		t.Errorf("Check() = %v, want both settings named", err)
	}
}
