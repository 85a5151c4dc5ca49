package resolvers_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

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
		search := e.count.last(t, "SearchCustomers", "ListCustomers")
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

// Status intervals take the database's clock, as every other timestamp of a write does: the first
// status starts the instant the profile is created, and a change of status closes the old one the
// instant the new one opens and its audit row is written.
func TestStatusIntervalsUseTheDatabaseClock(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("clock@example.nl")
	e.ok(touchpoint, `mutation($n: Int!) { addCustomerStatus(customerNumber: $n, input: {name: "blocked"}) { customerNumber } }`,
		map[string]any{"n": n}, nil)
	var created, firstFrom, firstTo, secondFrom, audited time.Time
	if err := e.store.Pool().QueryRow(context.Background(), `
		SELECT c.created, s1.from_inclusive, s1.to_inclusive, s2.from_inclusive, a."timestamp"
		FROM customer_profile c
		JOIN customer_status s1 ON s1.customer_profile_id = c.id AND s1.to_inclusive IS NOT NULL
		JOIN customer_status s2 ON s2.customer_profile_id = c.id AND s2.to_inclusive IS NULL
		JOIN audit_trail a ON a.customer_profile_id = c.id AND a.entity = 'customerStatus'
		WHERE c.customer_number = $1`, n).Scan(&created, &firstFrom, &firstTo, &secondFrom, &audited); err != nil {
		t.Fatal(err)
	}
	if !firstFrom.Equal(created) {
		t.Errorf("first status from %v, profile created %v", firstFrom, created)
	}
	if !firstTo.Equal(secondFrom) || !secondFrom.Equal(audited) {
		t.Errorf("first status to %v, second from %v, audited %v", firstTo, secondFrom, audited)
	}
}

// A page prefetches only the child lists its nodes select, through fragments and directives, in
// one statement after the search.
func TestPagePrefetchesSelectedChildren(t *testing.T) {
	e := newEnv(t)
	if err := e.store.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		query        string
		stmts, trips int64
		// lists: the child lists the prefetch read.
		lists []string
	}{
		"no child list": {`{ customers(first: 5) { nodes { customerNumber person { surname } } } }`, 1, 1, nil},
		"phones through a fragment": {`{ customers(first: 5) { edges { node { ...F } } } }
			fragment F on Customer { person { phones { number } } }`, 2, 2, []string{"phones"}},
		"skipped lists": {`{ customers(first: 5) { nodes { ovPayTokens @skip(if: true) { alias }
			audit @include(if: false) { action } ovChipCards { alias } } } }`, 2, 2, []string{"chipCards"}},
		"every list": {`{ customers(first: 5) { nodes { customerStatuses { name } person { addresses { city } phones { number } }
			ovChipCards { alias } ovPayTokens { alias } billingInformation { iban } directDebitMandates { mandateState }
			audit { action } } } }`, 2, 2, allLists},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			stmts, trips, from := e.count.n.Load(), e.count.trips.Load(), e.count.len()
			e.ok(touchpoint, c.query, nil, nil)
			if got := e.count.n.Load() - stmts; got != c.stmts {
				t.Errorf("statements %d, want %d", got, c.stmts)
			}
			if got := e.count.trips.Load() - trips; got != c.trips {
				t.Errorf("round trips %d, want %d", got, c.trips)
			}
			if got := e.count.childLists(from); !slices.Equal(got, c.lists) {
				t.Errorf("read the child lists %v, want %v", got, c.lists)
			}
		})
	}
}
