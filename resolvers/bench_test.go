package resolvers_test

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/metrics"
	"syscall"
	"testing"
	"time"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
	"ovgraph/resolvers"
)

// BenchmarkNestedCustomers runs the nested customers query (every child list) for pages of 5 and
// 50 profiles on the demo data plus 20 more; compare the two side by side (ns/op ratio) and the
// statements per operation, which stay the same.
func BenchmarkNestedCustomers(b *testing.B) {
	e := newEnv(b)
	if err := e.store.SeedDemo(context.Background()); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		e.newCustomer(fmt.Sprintf("bench%d@example.nl", i))
	}
	for _, first := range []int{5, 50} {
		b.Run(fmt.Sprintf("first=%d", first), func(b *testing.B) {
			vars := map[string]any{"first": first}
			start := e.count.n.Load()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if r := e.do(touchpoint, nestedCustomers, vars); len(r.Errors) > 0 {
					b.Fatal(r.Errors)
				}
			}
			b.ReportMetric(float64(e.count.n.Load()-start)/float64(b.N), "stmts/op")
		})
	}
}

//go:embed testdata/bench_orders.sql
var benchOrders string

//go:embed testdata/bench_customers.sql
var benchCustomers string

// benchProfiles is the size of the read-path benchmarks' dataset.
const benchProfiles = 600

// profileFields is everything a profile offers to read, every child list included.
const profileFields = `
  customerNumber debtorNumber vascustomerNumber debtorStatus { id name }
  customerPreference { languageId language { name } }
  customerStatuses { name fromInclusive toInclusive } currentStatus
  person { birthname surname prefix dateOfBirth emailAddress
    addresses { addressId street houseNumber postalCode city country addressType isPreferred }
    phones { phoneId number countryCode phoneType isPreferred } }
  ovChipCards { ovChipCardId chipCardNumber validUntil alias }
  ovPayTokens { ovPayTokenId xTat xBot alias lastDigits tokenType { name } tokenStatus { name } }
  billingInformation { billingInformationId iban bic ascription alias }
  directDebitMandates { directDebitMandateId mandateReference mandateState }
  audit { action entity user correlationId }`

// w1 is the workload W1: a page of 50 profiles with every child list.
const w1 = `query W1($first: Int!) { customers(first: $first) {
  pageInfo { hasNextPage endCursor }
  edges { cursor node {` + profileFields + `} } } }`

// w4 is workload W4: a page of 50 profiles, each with its newest 5 orders, their lines and the
// lines' customer tokens.
const w4 = `query W4($first: Int!) { customers(first: $first) { nodes { customerNumber orders(first: 5) { nodes {
  orderId orderNumber totalAmount orderStatus { orderStatusId name }
  orderLines { orderLineId productId amountInclTax customerTokens { customerTokenId ovPayTokenId xTat } } } } } } }`

// w2 is workload W2: one profile with everything.
const w2 = `query W2($customerNumber: Int!) { customer(customerNumber: $customerNumber) {` + profileFields + `} }`

// w2me is W2 as the customer itself asks it: me with everything.
const w2me = `query W2me { me {` + profileFields + `} }`

// benchSubject is the subject of the W2 profile's customer in the read-path benchmarks.
const benchSubject = "bench-subject"

// processCPU is the CPU time the test process has used, user and system, in nanoseconds: on a
// machine shared with other work it varies far less than the wall time of ns/op.
func processCPU(b *testing.B) int64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return u.Utime.Nano() + u.Stime.Nano()
}

// discard is a ResponseWriter that keeps the status and the start of the body, so the
// benchmarks measure the server rather than a recorder's buffer and the client's decoding (the
// first request of each is decoded and checked in full).
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

// BenchmarkRead runs the read workloads through the real handler on benchProfiles
// profiles (testdata/bench_customers.sql), reporting the statements each request runs, the
// round trips they take and the CPU time of the process (the server's and the client's part).
// W2me is W2 asked by the profile's own customer through me.
func BenchmarkRead(b *testing.B) {
	e := newEnv(b)
	if _, err := e.store.Pool().Exec(context.Background(), benchCustomers, benchProfiles); err != nil {
		b.Fatal(err)
	}
	if _, err := e.store.Pool().Exec(context.Background(), benchOrders); err != nil {
		b.Fatal(err)
	}
	if _, err := e.store.Pool().Exec(context.Background(), "UPDATE customer_profile SET subject = $1 WHERE customer_number = $2",
		benchSubject, 2000000+benchProfiles/2); err != nil {
		b.Fatal(err)
	}
	if _, err := e.store.Pool().Exec(context.Background(), "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	self := graph.Caller{Application: "test-app", CustomerSubject: benchSubject}
	for _, w := range []struct {
		name   string
		caller graph.Caller
		query  string
		vars   map[string]any
	}{
		{"W1", touchpoint, w1, map[string]any{"first": 50}},
		{"W2", touchpoint, w2, map[string]any{"customerNumber": 2000000 + benchProfiles/2}},
		{"W2me", self, w2me, nil},
		{"W4", touchpoint, w4, map[string]any{"first": 50}},
	} {
		b.Run(w.name, func(b *testing.B) {
			if r := e.do(w.caller, w.query, w.vars); len(r.Errors) > 0 || len(r.Data) < 1000 {
				b.Fatalf("%s: %s %+v", w.name, r.Data, r.Errors)
			}
			body, err := json.Marshal(map[string]any{"query": w.query, "variables": w.vars})
			if err != nil {
				b.Fatal(err)
			}
			start, trips := e.count.n.Load(), e.count.trips.Load()
			cpu := processCPU(b)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				out := &discard{header: http.Header{}}
				e.handler.ServeHTTP(out, request(w.caller, body))
				if out.status != http.StatusOK || !bytes.HasPrefix(out.start, []byte(`{"data"`)) {
					b.Fatalf("%d %s", out.status, out.start)
				}
			}
			b.ReportMetric(float64(e.count.n.Load()-start)/float64(b.N), "stmts/op")
			b.ReportMetric(float64(e.count.trips.Load()-trips)/float64(b.N), "trips/op")
			b.ReportMetric(float64(processCPU(b)-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkReadParallel runs W1, W2 and W4 from 32 concurrent clients (16 per CPU on this 2-core
// machine, as the c=32) against pools of 4, 8 and 20 connections, reporting the CPU per
// request and the peak heap in use (sampled every millisecond) besides B/op: the figures the
// pool size and the GOGC/GOMEMLIMIT defaults of cmd/ovgraph are chosen by.
func BenchmarkReadParallel(b *testing.B) {
	e := newEnv(b)
	if _, err := e.store.Pool().Exec(context.Background(), benchCustomers, benchProfiles); err != nil {
		b.Fatal(err)
	}
	if _, err := e.store.Pool().Exec(context.Background(), benchOrders); err != nil {
		b.Fatal(err)
	}
	if _, err := e.store.Pool().Exec(context.Background(), "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	url := e.store.Pool().Config().ConnString()
	for _, conns := range []int32{4, 8, 20} {
		store, err := postgres.Open(context.Background(), postgres.Config{URL: url, MaxConns: conns})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(store.Close)
		h := resolvers.NewHandler(resolvers.Deps{Store: store, GBO: postgres.NewGBO(store), Log: slog.New(slog.DiscardHandler), Options: resolvers.DefaultOptions})
		for _, w := range []struct {
			name string
			body string
		}{
			{"W1", mustJSON(b, map[string]any{"query": w1, "variables": map[string]any{"first": 50}})},
			{"W2", mustJSON(b, map[string]any{"query": w2, "variables": map[string]any{"customerNumber": 2000000 + benchProfiles/2}})},
			{"W4", mustJSON(b, map[string]any{"query": w4, "variables": map[string]any{"first": 50}})},
		} {
			b.Run(fmt.Sprintf("%s/conns=%d", w.name, conns), func(b *testing.B) {
				peak := sampleHeap()
				cpu := processCPU(b)
				b.SetParallelism(16)
				b.ReportAllocs()
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						out := &discard{header: http.Header{}}
						h.ServeHTTP(out, request(touchpoint, []byte(w.body)))
						if out.status != http.StatusOK || !bytes.HasPrefix(out.start, []byte(`{"data"`)) {
							b.Errorf("%d %s", out.status, out.start)
							return
						}
					}
				})
				b.StopTimer()
				b.ReportMetric(float64(processCPU(b)-cpu)/float64(b.N), "cpu-ns/op")
				b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
			})
		}
	}
}

func mustJSON(b *testing.B, v any) string {
	out, err := json.Marshal(v)
	if err != nil {
		b.Fatal(err)
	}
	return string(out)
}

// sampleHeap samples the heap in use every millisecond until the returned function is called,
// which returns the largest sample.
func sampleHeap() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	done, result := make(chan struct{}), make(chan uint64)
	go func() {
		var peak uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				result <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 { close(done); return <-result }
}
