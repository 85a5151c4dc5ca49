package postgres_test

import (
	"context"
	"reflect"
	"testing"

	"ovgraph/adapters/postgres"
)

// PageChildren hands over the rows the loaders' statements answer one by one, in one statement,
// and reads only the lists asked for.
func TestPageChildren(t *testing.T) {
	s, rec := openRecorded(t)
	ctx := context.Background()
	if err := s.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	rows, err := s.SearchCustomers(ctx, postgres.SearchCustomersParams{PageLimit: 10})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.CustomerView.ID
	}
	want := postgres.PageChildren{}
	for _, read := range []func() error{
		func() (err error) { want.Statuses, err = s.StatusesByCustomers(ctx, ids); return },
		func() (err error) { want.Addresses, err = s.AddressesByCustomers(ctx, ids); return },
		func() (err error) { want.Phones, err = s.PhonesByCustomers(ctx, ids); return },
		func() (err error) { want.ChipCards, err = s.ChipCardsByCustomers(ctx, ids); return },
		func() (err error) { want.Tokens, err = s.TokensByCustomers(ctx, ids); return },
		func() (err error) { want.Billing, err = s.BillingByCustomers(ctx, ids); return },
		func() (err error) { want.Mandates, err = s.MandatesByCustomers(ctx, ids); return },
		func() (err error) { want.Audit, err = s.AuditByCustomers(ctx, ids); return },
	} {
		if err := read(); err != nil {
			t.Fatal(err)
		}
	}
	all := postgres.ChildLists{Statuses: true, Addresses: true, Phones: true, ChipCards: true, Tokens: true,
		Billing: true, Mandates: true, Audit: true}
	before := len(rec.ran)
	var got postgres.PageChildren
	if err := s.PageChildren(ctx, ids, all, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PageChildren:\n%+v\nwant\n%+v", got, want)
	}
	if n := len(rec.ran) - before; n != 1 {
		t.Errorf("every list: %d statements, want 1", n)
	}
	for name, n := range map[string]int{"statuses": len(want.Statuses), "addresses": len(want.Addresses),
		"phones": len(want.Phones), "chip cards": len(want.ChipCards), "tokens": len(want.Tokens),
		"billing": len(want.Billing), "mandates": len(want.Mandates), "audit": len(want.Audit)} {
		if n == 0 {
			t.Errorf("the demo data has no %s: the comparison proves nothing of them", name)
		}
	}
	before = len(rec.ran)
	got = postgres.PageChildren{}
	if err := s.PageChildren(ctx, ids, postgres.ChildLists{Phones: true}, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, postgres.PageChildren{Phones: want.Phones}) || len(rec.ran)-before != 1 {
		t.Errorf("phones only: %+v, %d statements", got, len(rec.ran)-before)
	}
	// The lists not asked for are not read at all: their scans never run.
	explain(t, s, "ANALYZE", rec.last(t, "ProfileChildren")).walk(func(p plan) {
		if p.RelationName != "" && p.RelationName != "phone" && p.RelationName != "phone_type" && p.ActualLoops > 0 {
			t.Errorf("phones only: %s %s ran %d times", p.NodeType, p.RelationName, p.ActualLoops)
		}
	})
	before = len(rec.ran)
	got = postgres.PageChildren{}
	if err := s.PageChildren(ctx, ids, postgres.ChildLists{}, &got); err != nil || !reflect.DeepEqual(got, postgres.PageChildren{}) ||
		len(rec.ran) != before {
		t.Errorf("no list: %+v, %v, %d statements", got, err, len(rec.ran)-before)
	}
}
