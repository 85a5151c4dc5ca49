// Package mail sends e-mail: the one-time passwords of personal account data. A message is
// written to the outbox (email_outbox) in the transaction that needs it, and sent by a background
// job once that transaction committed (Outbox.Deliver). Addresses and bodies are personal data:
// nothing here logs them or puts them in an error; only the outbox row's id is named.
package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"net/smtp"
	"net/textproto"
	"strings"
	"time"
)

// Message is one e-mail to one recipient, plain text.
type Message struct {
	To      string
	Subject string
	Body    string
}

// ErrRejected is (wrapped in) the error of a message that will never be taken: the server
// refused it for good (an SMTP 5xx reply), or its recipient is not an address.
var ErrRejected = errors.New("rejected")

// Sender sends a message. An error means it was not sent (as far as the sender knows) and, unless
// it is ErrRejected, may be tried again; it names no address and no content.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SMTP sends through an SMTP server (a relay) without authentication, upgrading to TLS with
// STARTTLS when the server offers it.
type SMTP struct {
	// Addr is the server's host:port.
	Addr string
	// From is the sender's address, the envelope's and the From header's.
	From string
	// Timeout bounds a whole delivery when ctx has no earlier deadline; 0 for 30 s.
	Timeout time.Duration
}

// Check reports settings that cannot work.
func (s SMTP) Check() error {
	var errs []error
	if _, _, err := net.SplitHostPort(s.Addr); err != nil {
		errs = append(errs, fmt.Errorf("smtp address %q: want host:port", s.Addr))
	}
	if _, err := netmail.ParseAddress(s.From); err != nil {
		errs = append(errs, fmt.Errorf("mail from %q: not an e-mail address", s.From))
	}
	return errors.Join(errs...)
}

// Send delivers m in one SMTP session.
func (s SMTP) Send(ctx context.Context, m Message) error {
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	host, _, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return fmt.Errorf("smtp: address: %w", err)
	}
	msg, err := s.compose(m)
	if err != nil {
		return err
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	// The session ends with ctx too, not only at the deadline.
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return smtpError("greeting", err)
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}); err != nil {
			return smtpError("starttls", err)
		}
	}
	if err := c.Mail(s.From); err != nil {
		return smtpError("mail from", err)
	}
	if err := c.Rcpt(m.To); err != nil {
		return smtpError("rcpt to", err)
	}
	w, err := c.Data()
	if err != nil {
		return smtpError("data", err)
	}
	if _, err := w.Write(msg); err != nil {
		return smtpError("data", err)
	}
	if err := w.Close(); err != nil {
		return smtpError("data", err)
	}
	if err := c.Quit(); err != nil {
		return smtpError("quit", err)
	}
	return nil
}

// smtpError names the step of the session that failed and, for a refusal, the server's reply
// code only: its text may repeat the recipient's address. A 5xx reply is ErrRejected.
func smtpError(step string, err error) error {
	var te *textproto.Error
	if errors.As(err, &te) {
		if te.Code >= 500 {
			return fmt.Errorf("smtp: %s: %w with reply code %d", step, ErrRejected, te.Code)
		}
		return fmt.Errorf("smtp: %s: refused with reply code %d", step, te.Code)
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return fmt.Errorf("smtp: %s: %w", step, ne)
	}
	return fmt.Errorf("smtp: %s failed", step)
}

// compose writes m as an RFC 5322 message: UTF-8 plain text, quoted-printable, CRLF lines.
func (s SMTP) compose(m Message) ([]byte, error) {
	to, err := netmail.ParseAddress(m.To)
	if err != nil {
		return nil, fmt.Errorf("smtp: %w: the recipient is not an e-mail address", ErrRejected)
	}
	from, err := netmail.ParseAddress(s.From)
	if err != nil {
		return nil, errors.New("smtp: the sender is not an e-mail address")
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		return nil, errors.New("smtp: the subject spans lines")
	}
	var id [12]byte
	_, _ = rand.Read(id[:])
	domain := from.Address[strings.LastIndexByte(from.Address, '@')+1:]
	var b bytes.Buffer
	header := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	header("From", from.String())
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	header("Date", time.Now().Format(time.RFC1123Z))
	header("Message-ID", "<"+hex.EncodeToString(id[:])+"@"+domain+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	body := strings.ReplaceAll(strings.ReplaceAll(m.Body, "\r\n", "\n"), "\n", "\r\n")
	if _, err := qp.Write([]byte(body)); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
