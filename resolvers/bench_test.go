package resolvers_test

import (
	"context"
	"fmt"
	"testing"
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
