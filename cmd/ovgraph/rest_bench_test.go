package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"

	"ovgraph/adapters/postgres/pgtest"
)

// w3Profiles and w3Cities size W3's dataset: the first address of every profile lies in one of
// w3Cities cities, so each city has w3Profiles/w3Cities = 50 profiles, as in make bench.
const (
	w3Profiles = 600
	w3Cities   = 12
)

// BenchmarkW3 runs workload W3 of make bench through the real handler, built as serve builds it:
// REST's GET /customers/list?addressCity=… and the same document with the same variables posted
// to /graphql, each answering the 50 profiles of a city with their child lists. Run both in one
// invocation (-count interleaves them) and compare: the REST shim's cost is the difference. Besides
// B/op and allocs/op it reports the process's CPU time per request (server and client part), which
// the machine's other work moves far less than ns/op.
func BenchmarkW3(b *testing.B) {
	store := openStore(b, pgtest.NewDatabase(b))
	// The read-path benchmarks' dataset (resolvers), its first addresses spread over the cities.
	seed, err := os.ReadFile("../../resolvers/testdata/bench_customers.sql")
	if err != nil {
		b.Fatal(err)
	}
	for _, stmt := range []struct {
		sql  string
		args []any
	}{
		{string(seed), []any{w3Profiles}},
		{`UPDATE address a SET city = CASE WHEN a.is_preferred THEN 'Stad ' || (c.customer_number % $1)
		    ELSE 'Dorp ' || c.customer_number END
		  FROM customer_profile c WHERE c.id = a.customer_profile_id`, []any{w3Cities}},
		{"ANALYZE", nil},
	} {
		if _, err := store.Pool().Exec(b.Context(), stmt.sql, stmt.args...); err != nil {
			b.Fatal(err)
		}
	}
	h := testHandler(b, store, defaultLimits(), nil)
	token := "Bearer " + sign(b, testSecret, "tp", "touchpoint")

	// The /graphql request carries the REST route's own document, as make bench's W3 does.
	var doc strings.Builder
	for _, name := range []string{"getCustomerProfileList.graphql", "fragments.graphql"} {
		text, err := os.ReadFile("../../adapters/rest/documents/abtcustomers/" + name)
		if err != nil {
			b.Fatal(err)
		}
		doc.Write(text)
		doc.WriteString("\n")
	}
	gqlBodies := make([][]byte, w3Cities)
	for i := range gqlBodies {
		body, err := json.Marshal(map[string]any{"query": doc.String(),
			"variables": map[string]any{"filter": map[string]any{"addressCity": city(i)}}})
		if err != nil {
			b.Fatal(err)
		}
		gqlBodies[i] = body
	}
	restRequest := func(i int) *http.Request {
		r := httptest.NewRequest(http.MethodGet,
			"/abt/abtcustomers/1.0/customers/list?addressCity="+url.QueryEscape(city(i)), nil)
		r.Header.Set("Authorization", token)
		return r
	}
	gqlRequest := func(i int) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(gqlBodies[i]))
		r.Header.Set("Authorization", token)
		r.Header.Set("Content-Type", "application/json")
		return r
	}

	// Both answer the same profiles, in the same shape.
	rest := httptest.NewRecorder()
	h.ServeHTTP(rest, restRequest(0))
	gql := httptest.NewRecorder()
	h.ServeHTTP(gql, gqlRequest(0))
	var fromREST struct{ Entries []json.RawMessage }
	var fromGQL struct {
		Data struct{ Customers json.RawMessage }
	}
	if rest.Code != http.StatusOK || json.Unmarshal(rest.Body.Bytes(), &fromREST) != nil || len(fromREST.Entries) != w3Profiles/w3Cities {
		b.Fatalf("REST: %d %.300s", rest.Code, rest.Body)
	}
	if gql.Code != http.StatusOK || json.Unmarshal(gql.Body.Bytes(), &fromGQL) != nil ||
		!jsonEqual(b, rest.Body.Bytes(), fromGQL.Data.Customers) {
		b.Fatalf("/graphql answers otherwise than REST: %d %.300s", gql.Code, gql.Body)
	}

	for _, w := range []struct {
		name    string
		request func(int) *http.Request
		prefix  string
	}{
		{"REST", restRequest, `{"Entries"`},
		{"GraphQL", gqlRequest, `{"data"`},
	} {
		b.Run(w.name, func(b *testing.B) {
			cpu := processCPU(b)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				out := &discard{header: http.Header{}}
				h.ServeHTTP(out, w.request(i%w3Cities))
				if out.status != http.StatusOK || !bytes.HasPrefix(out.start, []byte(w.prefix)) {
					b.Fatalf("%d %s", out.status, out.start)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(processCPU(b)-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// city is the i-th city of BenchmarkW3's dataset.
func city(i int) string { return fmt.Sprintf("Stad %d", i) }

// jsonEqual tells whether two JSON texts hold the same value.
func jsonEqual(b *testing.B, x, y []byte) bool {
	var vx, vy any
	if json.Unmarshal(x, &vx) != nil || json.Unmarshal(y, &vy) != nil {
		return false
	}
	cx, err := json.Marshal(vx)
	if err != nil {
		b.Fatal(err)
	}
	cy, err := json.Marshal(vy)
	if err != nil {
		b.Fatal(err)
	}
	return bytes.Equal(cx, cy)
}

// processCPU is the CPU time the test process has used, user and system, in nanoseconds.
func processCPU(b *testing.B) int64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return u.Utime.Nano() + u.Stime.Nano()
}

// discard is a ResponseWriter that keeps the status and the start of the body, so the benchmark
// measures the server rather than a recorder's buffer (the first answers are checked in full).
type discard struct {
	header http.Header
	status int
	start  []byte
}

func (d *discard) Header() http.Header { return d.header }
func (d *discard) WriteHeader(status int) {
	if d.status == 0 {
		d.status = status
	}
}
func (d *discard) Write(p []byte) (int, error) {
	d.WriteHeader(http.StatusOK)
	if len(d.start) < 16 {
		d.start = append(d.start, p[:min(len(p), 16-len(d.start))]...)
	}
	return len(p), nil
}
