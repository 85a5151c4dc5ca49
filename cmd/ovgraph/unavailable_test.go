package main

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"ovgraph/adapters/auth"
	"ovgraph/adapters/postgres/pgtest"
)

// When PostgreSQL cannot be reached, reads and writes answer what the API documents for a service
// that is down: 503 in the REST dialect, UPSTREAM_UNAVAILABLE on /graphql; never a 500 or INTERNAL.
// Two ways to lose it: the database is dropped under the open pool (its connections are ended,
// new ones are refused by the server), and the server's port goes away (connections are cut, new
// ones are refused by the network).
func TestDatabaseUnavailable(t *testing.T) {
	t.Run("database dropped", func(t *testing.T) {
		dbURL := pgtest.NewDatabase(t)
		srv := unavailableServer(t, dbURL)
		cfg, err := pgx.ParseConfig(dbURL)
		if err != nil {
			t.Fatal(err)
		}
		name := cfg.Database
		cfg.Database = "postgres"
		admin, err := pgx.ConnectConfig(t.Context(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer admin.Close(t.Context())
		if _, err := admin.Exec(t.Context(), "DROP DATABASE "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			t.Fatal(err)
		}
		assertUnavailable(t, srv)
	})
	t.Run("server gone", func(t *testing.T) {
		dbURL, err := url.Parse(pgtest.NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		proxy := newTCPProxy(t, dbURL.Host)
		dbURL.Host = proxy.addr()
		srv := unavailableServer(t, dbURL.String())
		proxy.close()
		assertUnavailable(t, srv)
	})
}

// unavailableServer serves the demo data of the database at url and checks it answers.
func unavailableServer(t *testing.T, dbURL string) *httptest.Server {
	t.Helper()
	store := openStore(t, dbURL)
	if err := store.SeedDemo(t.Context()); err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, store)
	touchpoint := map[string]string{"Authorization": "Bearer " + sign(t, testSecret, "tp", auth.ScopeTouchpoint)}
	if res, _ := postGraphQL(t, srv, `{ customer(customerNumber: 1000001) { customerNumber } }`, touchpoint); len(res.Errors) > 0 {
		t.Fatalf("before the database goes: %+v", res.Errors)
	}
	return srv
}

// assertUnavailable checks that reads and writes over GraphQL and REST answer as a service down.
func assertUnavailable(t *testing.T, srv *httptest.Server) {
	touchpoint := map[string]string{"Authorization": "Bearer " + sign(t, testSecret, "tp", auth.ScopeTouchpoint)}
	for _, tc := range []struct{ name, query string }{
		{"read", `{ customer(customerNumber: 1000001) { customerNumber person { surname } } }`},
		{"search", `{ customers(first: 2) { totalCount nodes { customerNumber } } }`},
		{"write", `mutation { updatePerson(customerNumber: 1000001, input: {surname: "Test"}) { customerNumber } }`},
	} {
		t.Run("graphql "+tc.name, func(t *testing.T) {
			res, resp := postGraphQL(t, srv, tc.query, touchpoint)
			if len(res.Errors) == 0 {
				t.Fatalf("status %d, no errors; data %s", resp.StatusCode, res.Data)
			}
			for _, e := range res.Errors {
				if e.Extensions["code"] != "UPSTREAM_UNAVAILABLE" {
					t.Errorf("error %+v, want UPSTREAM_UNAVAILABLE", e)
				}
			}
		})
	}
	for _, tc := range []struct{ name, method, path, body string }{
		{"read", "GET", "/customers?customerNumber=1000001", ""},
		{"list", "GET", "/customers/list?surname=Jansen", ""},
		{"write", "PATCH", "/customers/1000001/persons", `{"person": {"surname": "Test"}}`},
	} {
		t.Run("rest "+tc.name, func(t *testing.T) {
			resp, raw := send(t, srv, tc.method, "/abt/abtcustomers/1.0"+tc.path, tc.body, touchpoint)
			var body map[string]any
			_ = json.Unmarshal(raw, &body)
			if resp.StatusCode != http.StatusServiceUnavailable || body["code"] != "503" {
				t.Errorf("status %d, body %s; want 503 with the API's error body", resp.StatusCode, raw)
			}
		})
	}
}

// tcpProxy forwards connections to a TCP address until it is closed; then it cuts the
// connections it forwards and refuses new ones, as a server that went away does.
type tcpProxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newTCPProxy(t *testing.T, target string) *tcpProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &tcpProxy{ln: ln}
	t.Cleanup(p.close)
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				in.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, in, out)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(out, in); out.Close() }()
			go func() { _, _ = io.Copy(in, out); in.Close() }()
		}
	}()
	return p
}

func (p *tcpProxy) addr() string { return p.ln.Addr().String() }

func (p *tcpProxy) close() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}
