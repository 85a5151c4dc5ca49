package resolvers_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// plan is a node of EXPLAIN (FORMAT JSON) output, with the fields the tests read.
type plan struct {
	NodeType    string `json:"Node Type"`
	ActualLoops int    `json:"Actual Loops"`
	Plans       []plan `json:"Plans"`
}

func (p plan) walk(fn func(plan)) {
	fn(p)
	for _, c := range p.Plans {
		c.walk(fn)
	}
}

// explainAnalyze runs a statement as it ran, with its arguments, under EXPLAIN ANALYZE.
func (e *env) explainAnalyze(ran pgx.TraceQueryStartData) plan {
	e.t.Helper()
	var raw []byte
	if err := e.store.Pool().QueryRow(context.Background(), "EXPLAIN (ANALYZE, FORMAT JSON) "+ran.SQL, ran.Args...).
		Scan(&raw); err != nil {
		e.t.Fatalf("explain: %v", err)
	}
	var out []struct{ Plan plan }
	if err := json.Unmarshal(raw, &out); err != nil || len(out) != 1 {
		e.t.Fatalf("explain output %s: %v", raw, err)
	}
	return out[0].Plan
}

// The search counts its matches only when the document selects totalCount: the statement that
// runs without it executes no count.
func TestTotalCountOnlyWhenSelected(t *testing.T) {
	e := newEnv(t)
	if err := e.store.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	counted := func(query string) (bool, json.RawMessage) {
		t.Helper()
		r := e.do(touchpoint, query, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		search := e.count.last(t, "SearchCustomers")
		ran := false
		e.explainAnalyze(search).walk(func(p plan) {
			ran = ran || p.NodeType == "Aggregate" && p.ActualLoops > 0
		})
		return ran, r.Data
	}
	if ran, data := counted(`{ customers(first: 5) { totalCount nodes { customerNumber } } }`); !ran ||
		!strings.Contains(string(data), `"totalCount":36`) {
		t.Errorf("with totalCount: counted %v, data %s", ran, data)
	}
	for _, q := range []string{
		`{ customers(first: 5) { nodes { customerNumber } } }`,
		`{ customers(first: 5) { pageInfo { hasNextPage } edges { cursor } } }`,
	} {
		if ran, _ := counted(q); ran {
			t.Errorf("%s: the search counted its matches", q)
		}
	}
}
