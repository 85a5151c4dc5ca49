package resolvers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"

	"ovgraph/graph"
)

// Concurrent writes of one order: each waits for the order's lock, so none undoes another.

// send runs a GraphQL request as caller; safe from any goroutine (it reports instead of failing).
func (e *env) send(caller graph.Caller, query string, vars map[string]any) (result, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, request(caller, body))
	var out result
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		return out, fmt.Errorf("decode %s: %w", rec.Body.String(), err)
	}
	return out, nil
}

// race runs n requests at once, each built by req(i), and answers their results in order of i.
func (e *env) race(t *testing.T, n int, req func(i int) (graph.Caller, string, map[string]any)) []result {
	t.Helper()
	out := make([]result, n)
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			caller, query, vars := req(i)
			<-start
			out[i], errs[i] = e.send(caller, query, vars)
		}()
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func (e *env) orderVersion(t *testing.T, orderID string) int {
	t.Helper()
	var v int
	if err := e.store.Pool().QueryRow(context.Background(),
		`SELECT version FROM sales_order WHERE order_id = $1`, orderID).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

const addLineSmall = `mutation($id: String!, $in: OrderLineInput!) { addOrderLine(orderId: $id, input: $in) { orderId } }`

// Many lines added at once, by the customer and by a touchpoint: every one is there, the total
// counts each, and the version counts every write.
func TestConcurrentOrderLinesAllCount(t *testing.T) {
	e := newEnv(t)
	number, _ := e.seProfile("koper@example.nl")
	me := customer(int64(number))
	o := e.newOrder(t, me, nil, map[string]any{})
	id := o["orderId"].(string)
	before := e.orderVersion(t, id)

	// More writers than the pool has connections, so some wait for a connection while others
	// wait for the order's lock.
	const n = 24
	results := e.race(t, n, func(i int) (graph.Caller, string, map[string]any) {
		caller := me
		if i%2 == 1 {
			caller = touchpoint
		}
		return caller, addLineSmall, map[string]any{"id": id, "in": map[string]any{"productId": 11, "quantity": 1 + i%3,
			"externalOrderLineId": fmt.Sprintf("L-%02d", i)}}
	})
	want := 0
	for i, r := range results {
		if len(r.Errors) > 0 {
			t.Errorf("write %d: %+v", i, r.Errors)
		}
		want += 780 * (1 + i%3)
	}
	var read struct {
		Order struct {
			TotalAmount int
			OrderLines  []struct {
				ExternalOrderLineID string
				AmountInclTax       int
			}
		}
	}
	e.ok(me, `query($id: String!) { order(orderId: $id) { totalAmount orderLines { externalOrderLineId amountInclTax } } }`,
		map[string]any{"id": id}, &read)
	seen := map[string]bool{}
	sum := 0
	for _, l := range read.Order.OrderLines {
		seen[l.ExternalOrderLineID] = true
		sum += l.AmountInclTax
	}
	if len(read.Order.OrderLines) != n || len(seen) != n {
		t.Errorf("%d lines (%d distinct), want %d", len(read.Order.OrderLines), len(seen), n)
	}
	if read.Order.TotalAmount != want || sum != want {
		t.Errorf("total %d (lines sum to %d), want %d", read.Order.TotalAmount, sum, want)
	}
	if v := e.orderVersion(t, id); v != before+n {
		t.Errorf("version %d, want %d + %d writes", v, before, n)
	}
	if got := e.auditOf(t, "order_line"); len(got) != n {
		t.Errorf("%d audit rows of lines, want %d", len(got), n)
	}
}

// deleteOrder racing lines being added: the delete succeeds, each add either came before it (and
// was deleted with the order) or finds no order; nothing of the order is left behind.
func TestDeleteOrderRacesAddOrderLine(t *testing.T) {
	e := newEnv(t)
	number, _ := e.seProfile("koper@example.nl")
	me := customer(int64(number))
	for round := range 3 {
		o := e.newOrder(t, me, nil, map[string]any{"orderLines": []any{map[string]any{"productId": 11, "quantity": 1}}})
		id := o["orderId"].(string)
		const n = 12
		del := round * 5 % n // the delete starts among the adds
		results := e.race(t, n, func(i int) (graph.Caller, string, map[string]any) {
			if i == del {
				return me, deleteOrderDoc, map[string]any{"id": id}
			}
			return me, addLineSmall, map[string]any{"id": id, "in": map[string]any{"productId": 11, "quantity": 1}}
		})
		added := 0
		for i, r := range results {
			switch {
			case i == del && len(r.Errors) > 0:
				t.Errorf("round %d: the delete failed: %+v", round, r.Errors)
			case i == del:
			case len(r.Errors) == 0:
				added++
			case r.code() != "NOT_FOUND":
				t.Errorf("round %d: add %d: %+v", round, i, r.Errors)
			}
		}
		if r := e.do(me, readOrderDoc, map[string]any{"id": id}); r.code() != "NOT_FOUND" {
			t.Errorf("round %d: the order outlived its delete: %+v", round, r.Errors)
		}
		var left int
		if err := e.store.Pool().QueryRow(context.Background(), `SELECT (SELECT count(*) FROM sales_order WHERE order_id = $1) +
			(SELECT count(*) FROM order_line l WHERE NOT EXISTS (SELECT 1 FROM sales_order o WHERE o.id = l.sales_order_id))`,
			id).Scan(&left); err != nil {
			t.Fatal(err)
		}
		if left != 0 {
			t.Errorf("round %d: %d rows of the order left", round, left)
		}
		// Each add that answered success was recorded. An add may also have committed just before
		// the delete and answer NOT_FOUND: it reads the order back after its commit, and by then the
		// order is gone (with the line).
		var audited int
		if err := e.store.Pool().QueryRow(context.Background(), `SELECT count(*) FROM audit_trail a
			WHERE a.entity = 'order_line' AND a.action = 'insert' AND a.id > (SELECT max(id) FROM audit_trail WHERE entity = 'sales_order'
			AND action = 'insert')`).Scan(&audited); err != nil {
			t.Fatal(err)
		}
		if audited < added+1 || audited > n {
			t.Errorf("round %d: %d line inserts audited, want %d to %d (%d adds succeeded, and the first line)",
				round, audited, added+1, n, added)
		}
	}
}

// Two writes of which only one can win: of many order customers added at once exactly one is
// added, the others are CONFLICT.
func TestConcurrentOrderCustomersOneWins(t *testing.T) {
	e := newEnv(t)
	number, _ := e.seProfile("koper@example.nl")
	me := customer(int64(number))
	id := e.newOrder(t, me, nil, map[string]any{})["orderId"].(string)
	const n = 8
	results := e.race(t, n, func(i int) (graph.Caller, string, map[string]any) {
		caller := me
		if i%2 == 1 {
			caller = touchpoint
		}
		return caller, `mutation($id: String!, $s: String!) { addOrderCustomer(orderId: $id, input: {surname: $s}) { orderId } }`,
			map[string]any{"id": id, "s": fmt.Sprintf("Klant %d", i)}
	})
	won, winner := 0, -1
	for i, r := range results {
		switch r.code() {
		case "":
			won++
			winner = i
		case "CONFLICT":
		default:
			t.Errorf("write %d: %+v", i, r.Errors)
		}
	}
	if won != 1 {
		t.Fatalf("%d writes won, want 1", won)
	}
	var read struct {
		Order struct{ OrderCustomer struct{ Surname string } }
	}
	e.ok(me, `query($id: String!) { order(orderId: $id) { orderCustomer { surname } } }`, map[string]any{"id": id}, &read)
	if want := fmt.Sprintf("Klant %d", winner); read.Order.OrderCustomer.Surname != want {
		t.Errorf("surname %q, want the winner's %q", read.Order.OrderCustomer.Surname, want)
	}
	var customers int
	if err := e.store.Pool().QueryRow(context.Background(), `SELECT count(*) FROM order_customer`).Scan(&customers); err != nil || customers != 1 {
		t.Errorf("%d order customers (%v), want 1", customers, err)
	}
}
