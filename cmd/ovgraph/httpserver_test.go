package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"ovgraph/adapters/auth"
	"ovgraph/adapters/postgres/pgtest"
)

// serveTest serves h as serve does, with limits l, on a loopback port until t ends.
func serveTest(t *testing.T, h http.Handler, l Limits) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newHTTPServer(h, l, slog.New(slog.DiscardHandler), context.Background())
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

// Shutdown, in order: /readyz turns 503; a request in flight that can finish within the grace
// period does; one still waiting on a row lock when the grace period ends is cancelled, answered
// and its transaction rolled back; serve returns without error. Before, the client got no answer,
// its write committed once the lock was released, and the process exited 1.
func TestShutdown(t *testing.T) {
	url := pgtest.NewDatabase(t)
	store := openStore(t, url) // no lock_timeout: only shutdown ends the wait
	if err := store.SeedDemo(t.Context()); err != nil {
		t.Fatal(err)
	}
	l := defaultLimits()
	l.ShutdownGrace = time.Second
	l.RequestTimeout = time.Minute // no deadline during the test
	l.WriteTimeout = 2 * time.Minute
	draining := &atomic.Bool{}
	h := testHandler(t, store, l, draining)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	served := make(chan error, 1)
	go func() { served <- serveUntil(ctx, ln, h, l, draining, slog.New(slog.DiscardHandler)) }()

	tp := map[string]string{"Authorization": "Bearer " + sign(t, testSecret, "tp", auth.ScopeTouchpoint)}
	releaseFinishing := holdRowLock(t, url, 1000002)
	releaseStuck := holdRowLock(t, url, 1000001)
	type answer struct {
		res gqlResponse
		err error
	}
	finishing, stuck := make(chan answer, 1), make(chan answer, 1)
	go func() {
		res, err := postWithin(base, updateSurname(1000002, "Finished"), tp, 30*time.Second)
		finishing <- answer{res, err}
	}()
	go func() {
		res, err := postWithin(base, updateSurname(1000001, "Stuck"), tp, 30*time.Second)
		stuck <- answer{res, err}
	}()
	pgtest.WaitForLockWaiters(t, url, 2)

	stop() // SIGTERM
	for tries := 0; ; tries++ {
		status := statusOf(h, "/readyz")
		if status == http.StatusServiceUnavailable {
			break
		}
		if tries == 500 {
			t.Fatalf("/readyz answers %d during shutdown, want 503", status)
		}
		time.Sleep(10 * time.Millisecond)
	}
	releaseFinishing()
	if a := <-finishing; a.err != nil || len(a.res.Errors) > 0 {
		t.Errorf("request finishing within the grace period: %+v, %v", a.res.Errors, a.err)
	}
	a := <-stuck
	if a.err != nil || firstCode(a.res) != "UPSTREAM_UNAVAILABLE" {
		t.Errorf("request stuck past the grace period: %+v, %v; want an answer with UPSTREAM_UNAVAILABLE", a.res.Errors, a.err)
	}
	if err := <-served; err != nil {
		t.Errorf("serve returned %v, want nil", err)
	}
	releaseStuck()
	if got := surname(t, store, 1000002); got != "Finished" {
		t.Errorf("surname of 1000002 %q, want Finished", got)
	}
	if got := surname(t, store, 1000001); got == "Stuck" {
		t.Error("the write cancelled at shutdown was committed")
	}
	if conn, err := net.Dial("tcp", ln.Addr().String()); err == nil {
		conn.Close()
		t.Error("the listener still accepts connections after shutdown")
	}
}

// statusOf is the status h answers a GET of path with.
func statusOf(h http.Handler, path string) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code
}
