package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"ovgraph/adapters/auth"
	"ovgraph/adapters/postgres"
	"ovgraph/adapters/postgres/pgtest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// defaultsRow is one setting with a default, as testdata/config_defaults.json pins it.
type defaultsRow struct {
	Env     string `json:"env"`
	Flag    string `json:"flag,omitempty"`
	Default string `json:"default"`
}

func defaultsTable() []defaultsRow {
	c := defaultConfig()
	rows := []defaultsRow{
		{"OVGRAPH_ADDR", "addr", c.HTTP.Addr},
		{"OVGRAPH_JWT_MAX_LIFETIME", "", shortDuration(c.Auth.MaxLifetime)},
		{"OVGRAPH_JWT_LEEWAY", "", shortDuration(c.Auth.Leeway)},
		{"OVGRAPH_LOG_FORMAT", "log-format", c.Log.Format},
		{"OVGRAPH_MODE", "mode", c.Mode},
	}
	for _, s := range c.Limits.settings() {
		rows = append(rows, defaultsRow{s.env, s.flag, s.value.String()})
	}
	// The vendor settings with a default (the URLs and credentials have none).
	for _, s := range c.Vendors.settings() {
		if d := s.value.String(); d != "" {
			rows = append(rows, defaultsRow{s.env, s.flag, d})
		}
	}
	return rows
}

// The defaults are pinned: a change shows in testdata/config_defaults.json (go test -run
// TestConfigDefaults -update rewrites it) and is reviewed like code. `serve -h` and the README's
// settings table show every limit with its default.
func TestConfigDefaults(t *testing.T) {
	rows := defaultsTable()
	got, err := json.MarshalIndent(rows, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	const golden = "testdata/config_defaults.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the defaults are not the ones %s pins (-update rewrites it):\n%s", golden, got)
	}

	var help bytes.Buffer
	if err := run(context.Background(), []string{"serve", "-h"}, envOf(nil), io.Discard, &help); err != nil || help.Len() == 0 {
		t.Fatalf("serve -h: %v, printed %q", err, help.String())
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		t.Run(r.Env, func(t *testing.T) {
			if row := "| `" + r.Env + "` | `" + r.Default + "` |"; !strings.Contains(string(readme), row) {
				t.Errorf("README's settings table has no row %q", row)
			}
			if r.Flag == "" {
				return
			}
			line := helpLine(help.String(), r.Flag)
			shown := strings.Contains(line, "(default "+r.Default+")") || strings.Contains(line, `(default "`+r.Default+`")`)
			if !strings.Contains(line, r.Env) || (r.Default != "0s" && !shown) {
				t.Errorf("serve -h says %q, want %s and its default %s", line, r.Env, r.Default)
			}
		})
	}
}

// helpLine is the usage text of one flag in flag's -h output (the flag's line and the next).
func helpLine(help, name string) string {
	lines := strings.Split(help, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "-"+name+" ") || strings.TrimSpace(l) == "-"+name {
			if i+1 < len(lines) {
				return l + lines[i+1]
			}
			return l
		}
	}
	return ""
}

// holdRowLock locks the profile of customer n from a connection of its own, as a long write
// would, until release (or the end of t) rolls its transaction back.
func holdRowLock(t *testing.T, url string, n int64) (release func()) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := conn.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(context.Background(), "SELECT 1 FROM customer_profile WHERE customer_number = $1 FOR UPDATE", n); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			_ = tx.Rollback(context.Background())
			conn.Close(context.Background())
		})
	}
	t.Cleanup(release)
	return release
}

// surname reads the stored surname of customer n.
func surname(t *testing.T, store *postgres.Store, n int64) string {
	t.Helper()
	rows, err := store.CustomersByNumbers(context.Background(), []int64{n})
	if err != nil || len(rows) != 1 {
		t.Fatalf("customer %d: %d rows, %v", n, len(rows), err)
	}
	if rows[0].Surname == nil {
		return ""
	}
	return *rows[0].Surname
}

// doWithin makes one request to url and gives up after d, so a stalled server fails the test
// instead of hanging it.
func doWithin(method, url, body string, headers map[string]string, d time.Duration) (int, []byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return resp.StatusCode, raw, err
}

// postWithin posts a GraphQL query to the server at base within d.
func postWithin(base, query string, headers map[string]string, d time.Duration) (gqlResponse, error) {
	body, _ := json.Marshal(map[string]string{"query": query})
	status, raw, err := doWithin(http.MethodPost, base+"/graphql", string(body), headers, d)
	var out gqlResponse
	if err == nil {
		if err = json.Unmarshal(raw, &out); err != nil {
			err = fmt.Errorf("status %d: %w", status, err)
		}
	}
	return out, err
}

func updateSurname(n int64, s string) string {
	return fmt.Sprintf(`mutation { updatePerson(customerNumber: %d, input: {surname: %q}) { customerNumber } }`, n, s)
}

func firstCode(r gqlResponse) string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// A JSON array of operations is refused as the client's mistake, not answered INTERNAL.
func TestBatchRefused(t *testing.T) {
	srv := demoServer(t)
	tp := map[string]string{"Authorization": "Bearer " + sign(t, testSecret, "tp", auth.ScopeTouchpoint)}
	for name, c := range map[string]struct {
		body   string
		status int
		code   string
	}{
		"a batch":                   {`[{"query":"{ __typename }"},{"query":"{ __typename }"}]`, http.StatusBadRequest, "BAD_USER_INPUT"},
		"a batch after white space": {" \n\t[{\"query\":\"{ __typename }\"}]", http.StatusBadRequest, "BAD_USER_INPUT"},
		"one operation":             {`{"query":"{ __typename }"}`, http.StatusOK, ""},
	} {
		t.Run(name, func(t *testing.T) {
			resp, raw := send(t, srv, http.MethodPost, "/graphql", c.body, tp)
			var out gqlResponse
			if err := json.Unmarshal(raw, &out); err != nil {
				t.Fatalf("status %d, body not JSON: %s", resp.StatusCode, raw)
			}
			if resp.StatusCode != c.status || firstCode(out) != c.code {
				t.Errorf("status %d, body %s; want %d and code %q", resp.StatusCode, raw, c.status, c.code)
			}
		})
	}
}

// A request waiting on a row lock past its deadline answers UPSTREAM_UNAVAILABLE (503 from the
// REST shim), and its write is rolled back. Before, it waited as long as the lock was held.
func TestRequestDeadline(t *testing.T) {
	url := pgtest.NewDatabase(t)
	store := openStore(t, url) // no lock_timeout: only the deadline ends the wait
	if err := store.SeedDemo(t.Context()); err != nil {
		t.Fatal(err)
	}
	l := defaultLimits()
	l.RequestTimeout = 300 * time.Millisecond
	srv := newLimitedServer(t, store, l)
	tp := map[string]string{"Authorization": "Bearer " + sign(t, testSecret, "tp", auth.ScopeTouchpoint)}
	release := holdRowLock(t, url, 1000001)

	res, err := postWithin(srv.URL, updateSurname(1000001, "Deadline"), tp, 10*time.Second)
	if err != nil || firstCode(res) != "UPSTREAM_UNAVAILABLE" {
		t.Errorf("GraphQL write behind a row lock: %+v, %v; want UPSTREAM_UNAVAILABLE", res.Errors, err)
	}
	status, raw, err := doWithin(http.MethodPatch, srv.URL+"/abt/abtcustomers/1.0/customers/1000001/persons",
		`{"person": {"surname": "Deadline"}}`, tp, 10*time.Second)
	if status != http.StatusServiceUnavailable {
		t.Errorf("REST write behind a row lock: %d %s, %v; want 503", status, raw, err)
	}
	release()
	if got := surname(t, store, 1000001); got == "Deadline" {
		t.Errorf("surname %q: a write past its deadline was committed", got)
	}
}

// One row lock held long stalled reads of other customers: the writes queued behind it held the
// whole pool (pgx's default, 4 here). With the default limits, the pool full of such writes,
// a read of another customer completes while the lock is held, and the writes that gave up say
// so with a code.
func TestRowLockDoesNotStallOtherCustomers(t *testing.T) {
	url := pgtest.NewDatabase(t)
	l := defaultLimits()
	store, err := postgres.Open(t.Context(), l.storeConfig(url))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	if err := store.SeedDemo(t.Context()); err != nil {
		t.Fatal(err)
	}
	srv := newLimitedServer(t, store, l)
	tp := map[string]string{"Authorization": "Bearer " + sign(t, testSecret, "tp", auth.ScopeTouchpoint)}
	release := holdRowLock(t, url, 1000001)

	codes := make(chan string, l.DBMaxConns)
	var wg sync.WaitGroup
	for i := range l.DBMaxConns {
		wg.Go(func() {
			res, err := postWithin(srv.URL, updateSurname(1000001, fmt.Sprint("Writer", i)), tp, 30*time.Second)
			if err != nil {
				codes <- err.Error()
				return
			}
			codes <- firstCode(res)
		})
	}
	pgtest.WaitForLockWaiters(t, url, 1)
	res, err := postWithin(srv.URL, `{ customer(customerNumber: 1000002) { customerNumber } }`, tp, 10*time.Second)
	if err != nil || len(res.Errors) > 0 || string(res.Data["customer"]) != `{"customerNumber":1000002}` {
		t.Errorf("read of another customer while a row is locked: %+v, %v", res, err)
	}
	release()
	wg.Wait()
	close(codes)
	for code := range codes {
		if code != "" && code != "UPSTREAM_UNAVAILABLE" {
			t.Errorf("a write behind the lock answered %q, want success or UPSTREAM_UNAVAILABLE", code)
		}
	}
}
