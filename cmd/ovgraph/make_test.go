package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// repoRoot is where the Makefile is, seen from this package's folder.
const repoRoot = "../.."

// freePort is a TCP port on 127.0.0.1 that nothing listens on.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// makeEnv is the environment for a make of our own: no database of the caller's, and none of the
// calling make's flags or job server.
func makeEnv() []string {
	return slices.DeleteFunc(os.Environ(), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return slices.Contains([]string{"DATABASE_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "DEMO"}, name)
	})
}

// TestMakeStopStopsTheServer runs `make run` as a developer does, in a data folder and on ports of
// its own, and checks that `make stop` ends the server with its database, so that a second
// `make run` can serve on the same address.
func TestMakeStopStopsTheServer(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Fatalf("make is needed: %v", err)
	}
	// The cluster's folder must be open to the postgres user, which runs it when we are root.
	data, err := os.MkdirTemp("", "ovgraph-make-run-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(data, 0o755); err != nil {
		t.Fatal(err)
	}
	vars := []string{"DATA=" + data, "PGPORT_RUN=" + freePort(t), "OVGRAPH_ADDR=127.0.0.1:" + freePort(t)}
	addr := strings.TrimPrefix(vars[2], "OVGRAPH_ADDR=")
	stop := func() (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "make", append([]string{"-s", "--no-print-directory", "stop"}, vars...)...)
		cmd.Dir, cmd.Env = repoRoot, makeEnv()
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	t.Cleanup(func() {
		_, _ = stop()
		_ = os.RemoveAll(data)
	})

	for round := 1; round <= 2; round++ {
		var out bytes.Buffer
		run := exec.Command("make", append([]string{"-s", "--no-print-directory", "run"}, vars...)...)
		run.Dir, run.Env, run.Stdout, run.Stderr = repoRoot, makeEnv(), &out, &out
		run.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := run.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- run.Wait() }()
		t.Cleanup(func() { _ = syscall.Kill(-run.Process.Pid, syscall.SIGKILL) })

		if err := waitHealthy(t, addr, exited); err != nil {
			t.Fatalf("make run, round %d: %v\n%s", round, err, out.String())
		}
		if msg, err := stop(); err != nil {
			t.Fatalf("make stop, round %d: %v\n%s", round, err, msg)
		}
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			t.Fatalf("round %d: make run still runs after make stop\n%s", round, out.String())
		}
		if conn, err := net.Dial("tcp", addr); err == nil {
			conn.Close()
			t.Fatalf("round %d: %s still accepts connections after make stop", round, addr)
		}
		if _, err := os.Stat(filepath.Join(data, "postgres", "postmaster.pid")); err == nil {
			t.Fatalf("round %d: PostgreSQL still runs after make stop", round)
		}
	}
}

// waitHealthy waits until the server at addr answers /healthz, or make run ends, or a minute
// (building and the first initdb take a while) has passed.
func waitHealthy(t *testing.T, addr string, exited <-chan error) error {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case err := <-exited:
			return &exitError{err}
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return context.DeadlineExceeded
		}
	}
}

type exitError struct{ err error }

func (e *exitError) Error() string {
	if e.err == nil {
		return "make run ended before serving"
	}
	return "make run ended before serving: " + e.err.Error()
}
