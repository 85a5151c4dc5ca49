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
		return slices.Contains([]string{"DATABASE_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "DEMO",
			"OVGRAPH_ACCOUNTS_URL", "OVGRAPH_APTIC_URL", "SANDBOX_FLAGS"}, name)
	})
}

// TestMakeStopStopsTheServer runs `make run` as a developer does, in a data folder and on ports of
// its own, and checks that `make stop` ends the server with its vendor sandbox and its database,
// so that a second `make run` can serve on the same addresses.
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
	vars := []string{"DATA=" + data, "PGPORT_RUN=" + freePort(t), "OVGRAPH_ADDR=127.0.0.1:" + freePort(t), "SANDBOX_ADDR=127.0.0.1:" + freePort(t)}
	addr := strings.TrimPrefix(vars[2], "OVGRAPH_ADDR=")
	sandboxAddr := strings.TrimPrefix(vars[3], "SANDBOX_ADDR=")
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
		if resp, err := http.Get("http://" + sandboxAddr + "/_sandbox/health"); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("round %d: the vendor sandbox does not answer on %s: %v %v\n%s", round, sandboxAddr, resp, err, out.String())
		} else {
			resp.Body.Close()
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
		if conn, err := net.Dial("tcp", sandboxAddr); err == nil {
			conn.Close()
			t.Fatalf("round %d: the vendor sandbox (%s) still accepts connections after make stop", round, sandboxAddr)
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

// With the Debian packages in place, `make deps` does nothing and says nothing, and needs no root:
// it runs as nobody here when the test runs as root.
func TestMakeDepsNeedsNoRoot(t *testing.T) {
	cmd := exec.Command("make", "-s", "--no-print-directory", "deps")
	cmd.Dir, cmd.Env = repoRoot, makeEnv()
	if os.Getuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	out, err := cmd.CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Fatalf("make deps: %v, output %q; want success and no output", err, out)
	}
}

// The npm installs of `make test` (the playground bundle, the audit suite) print no npm output
// when they install from scratch: the playground's build says one line, the audit suite nothing.
func TestMakeNPMInstallsAreQuiet(t *testing.T) {
	if _, err := exec.LookPath("npm"); err != nil {
		t.Fatalf("npm is needed: %v", err)
	}
	tmp := t.TempDir()
	copyTree := func(from, to string) {
		t.Helper()
		err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(from, path)
			if d.IsDir() {
				if d.Name() == "node_modules" {
					return filepath.SkipDir
				}
				return os.MkdirAll(filepath.Join(to, rel), 0o755)
			}
			if filepath.Base(filepath.Dir(path)) == "dist" && d.Name() != ".gitkeep" {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(to, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	playground := filepath.Join(tmp, "playground")
	audit := filepath.Join(tmp, "graphqlhttp")
	copyTree(filepath.Join(repoRoot, "cmd/ovgraph/playground"), playground)
	copyTree(filepath.Join(repoRoot, graphqlHTTPDirFromRoot), audit)

	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "make", "-s", "--no-print-directory", "playground", "graphql-http",
		"PLAYGROUND_DIR="+playground, "GRAPHQLHTTP_DIR="+audit)
	cmd.Dir, cmd.Env = repoRoot, makeEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make playground graphql-http: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "playground bundle built in ") {
		t.Errorf("make playground graphql-http printed\n%s\nwant only the playground's one line", out)
	}
}
