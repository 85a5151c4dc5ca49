package main

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serveTest serves h as serve does, with limits l, on a loopback port until t ends.
func serveTest(t *testing.T, h http.Handler, l Limits) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newHTTPServer(h, l, slog.New(slog.DiscardHandler))
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String()
}

// closedBy reports, on the returned channel, when the server closes conn (reading and dropping
// whatever it sends).
func closedBy(conn net.Conn) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, conn)
		close(done)
	}()
	return done
}

// trickle writes data to conn one byte at a time, a pause between bytes, and reports whether the
// server closed the connection before all of it was sent.
func trickle(conn net.Conn, closed <-chan struct{}, data string) bool {
	for i := range len(data) {
		if _, err := conn.Write([]byte{data[i]}); err != nil {
			return true
		}
		select {
		case <-closed:
			return true
		case <-time.After(20 * time.Millisecond):
		}
	}
	return false
}

// Clients that send slowly, stay idle or never read are cut off by the server's timeouts. Before,
// 200 connections sending one byte a second stayed open, and clients that never read held memory.
func TestHTTPServerTimeouts(t *testing.T) {
	l := defaultLimits()
	l.ReadHeaderTimeout = 100 * time.Millisecond
	l.ReadTimeout = 200 * time.Millisecond
	l.WriteTimeout = 200 * time.Millisecond
	l.IdleTimeout = 100 * time.Millisecond
	wrote := make(chan error, 1)
	addr := serveTest(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			return
		}
		if r.URL.Path != "/large" {
			_, _ = w.Write([]byte("ok"))
			return
		}
		// 64 MB at most, in pieces, until a write fails.
		piece := make([]byte, 64<<10)
		for range 1024 {
			if _, err := w.Write(piece); err != nil {
				wrote <- err
				return
			}
		}
		wrote <- nil
	}), l)
	dial := func(t *testing.T) net.Conn {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		return conn
	}
	// Enough bytes to take 2 s at the trickle's pace, ten times the timeouts.
	slow := strings.Repeat("x", 100)

	t.Run("headers sent slowly", func(t *testing.T) {
		conn := dial(t)
		if !trickle(conn, closedBy(conn), "GET / HTTP/1.1\r\nHost: test\r\nX-Slow: "+slow) {
			t.Error("the server still reads the headers")
		}
	})
	t.Run("body sent slowly", func(t *testing.T) {
		conn := dial(t)
		closed := closedBy(conn)
		if _, err := io.WriteString(conn, "POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		if !trickle(conn, closed, slow) {
			t.Error("the server still reads the body")
		}
	})
	t.Run("idle keep-alive connection", func(t *testing.T) {
		conn := dial(t)
		if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: test\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		select {
		case <-closedBy(conn):
		case <-time.After(5 * time.Second):
			t.Error("an idle connection is still open after 5 s")
		}
	})
	t.Run("client that never reads", func(t *testing.T) {
		conn := dial(t)
		if _, err := io.WriteString(conn, "GET /large HTTP/1.1\r\nHost: test\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-wrote:
			if err == nil {
				t.Error("64 MB were written to a client that reads nothing")
			}
		case <-time.After(5 * time.Second):
			t.Error("the server still writes to a client that reads nothing after 5 s")
		}
	})
}
