package postgres_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"ovgraph/adapters/postgres"
)

// addOrders adds n orders (n a multiple of 10) on n/10 new profiles, ten each, created a minute
// apart from 2025-01-01 on: every 500th in status 2 (awaitingPayment), the others 5 (delivered),
// each with one line whose product was loaded onto the card 'tat-<order key>'. It refreshes the
// statistics.
func addOrders(t *testing.T, s *postgres.Store, n int) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Pool().Exec(ctx, `
		WITH c AS (
		    INSERT INTO customer_profile (surname) SELECT 'Koper' FROM generate_series(1, $1 / 10) RETURNING id),
		o AS (
		    INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id, language_id, order_status_id, total_amount,
		                             created_on, last_updated_on)
		    SELECT c.id, 3, 1, CASE WHEN (c.id * 10 + k) % 500 = 0 THEN 2 ELSE 5 END, 1500,
		           '2025-01-01T00:00:00+01:00'::timestamptz + (c.id * 10 + k) * interval '1 minute',
		           '2025-01-01T00:00:00+01:00'::timestamptz + (c.id * 10 + k) * interval '1 minute'
		    FROM c, generate_series(1, 10) k
		    RETURNING id),
		l AS (
		    INSERT INTO order_line (sales_order_id, product_id, product_name, product_description, fiko_article_number,
		                            tax_code, tax_percentage, amount_incl_tax, order_line_status_id)
		    SELECT id, 10, 'HTM 90% Korting', 'HTM 90% Korting', '6620', 'V09', 9, 1500, 4 FROM o
		    RETURNING id, sales_order_id)
		INSERT INTO purchased_product (order_line_id, x_tat) SELECT id, 'tat-' || sales_order_id FROM l`, n); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pool().Exec(ctx, "ANALYZE"); err != nil {
		t.Fatal(err)
	}
}

// The orders search's filters each match what they say, alone and combined, and pages follow
// each other newest first without gaps or overlaps.
func TestSearchOrders(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	if err := s.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	var delivered, paid, concept struct {
		key      int64
		uuid     pgtype.UUID
		number   string
		profile  int64
		created  time.Time
		external *string
	}
	for _, o := range []struct {
		status int
		into   *struct {
			key      int64
			uuid     pgtype.UUID
			number   string
			profile  int64
			created  time.Time
			external *string
		}
	}{{5, &delivered}, {4, &paid}, {1, &concept}} {
		if err := s.Pool().QueryRow(ctx, `SELECT id, order_id, order_number, customer_profile_id, created_on, external_order_id
			FROM sales_order WHERE order_status_id = $1`, o.status).
			Scan(&o.into.key, &o.into.uuid, &o.into.number, &o.into.profile, &o.into.created, &o.into.external); err != nil {
			t.Fatal(err)
		}
	}
	at := func(s string) *time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return &v
	}
	for name, c := range map[string]struct {
		arg  postgres.SearchOrdersParams
		want []int64
	}{
		"no filter":                         {postgres.SearchOrdersParams{}, []int64{concept.key, paid.key, delivered.key}},
		"order id":                          {postgres.SearchOrdersParams{OrderID: paid.uuid}, []int64{paid.key}},
		"order number":                      {postgres.SearchOrdersParams{OrderNumber: &concept.number}, []int64{concept.key}},
		"external order id":                 {postgres.SearchOrdersParams{ExternalOrderID: delivered.external}, []int64{delivered.key}},
		"customer profile":                  {postgres.SearchOrdersParams{CustomerProfileID: &paid.profile}, []int64{paid.key}},
		"one status":                        {postgres.SearchOrdersParams{OrderStatusIds: []int32{4}}, []int64{paid.key}},
		"statuses":                          {postgres.SearchOrdersParams{OrderStatusIds: []int32{1, 5}}, []int64{concept.key, delivered.key}},
		"no status":                         {postgres.SearchOrdersParams{OrderStatusIds: []int32{}}, nil},
		"a status no order is in":           {postgres.SearchOrdersParams{OrderStatusIds: []int32{6}}, nil},
		"xTat of a purchased product":       {postgres.SearchOrdersParams{XTat: ptr("xtat-1000001-1")}, []int64{delivered.key}},
		"xTat of a token not yet delivered": {postgres.SearchOrdersParams{XTat: ptr("xtat-1000002-2")}, nil},
		"created before":                    {postgres.SearchOrdersParams{CreatedBefore: at("2025-02-01T00:00:00+01:00")}, []int64{delivered.key}},
		"created after":                     {postgres.SearchOrdersParams{CreatedAfter: at("2025-02-01T00:00:00+01:00")}, []int64{concept.key, paid.key}},
		"created bounds are exclusive": {postgres.SearchOrdersParams{CreatedAfter: &delivered.created, CreatedBefore: at("2025-03-01T00:00:00+01:00")},
			[]int64{paid.key}},
		"updated before":            {postgres.SearchOrdersParams{UpdatedBefore: at("2025-03-01T00:00:00+01:00")}, []int64{paid.key, delivered.key}},
		"updated after":             {postgres.SearchOrdersParams{UpdatedAfter: at("2025-03-01T00:00:00+01:00")}, []int64{concept.key}},
		"status and customer":       {postgres.SearchOrdersParams{OrderStatusIds: []int32{4, 5}, CustomerProfileID: &delivered.profile}, []int64{delivered.key}},
		"status and customer, none": {postgres.SearchOrdersParams{OrderStatusIds: []int32{1}, CustomerProfileID: &delivered.profile}, nil},
		"status, dates and xTat": {postgres.SearchOrdersParams{OrderStatusIds: []int32{5}, CreatedAfter: at("2024-01-01T00:00:00Z"),
			UpdatedBefore: at("2026-01-01T00:00:00Z"), XTat: ptr("xtat-1000001-1")}, []int64{delivered.key}},
	} {
		t.Run(name, func(t *testing.T) {
			c.arg.PageLimit, c.arg.WithCount = 10, true
			rows, err := s.SearchOrders(ctx, c.arg)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, r := range rows {
				got = append(got, r.OrderView.ID)
				if r.TotalCount != int64(len(c.want)) {
					t.Errorf("total count %d, want %d", r.TotalCount, len(c.want))
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("orders %v, want %v", got, c.want)
			}
		})
	}

	// Pages of 2 over 25 orders: newest first, each after the last of the page before.
	addOrders(t, s, 20)
	var all []int64
	if err := s.Pool().QueryRow(ctx, `SELECT array_agg(id ORDER BY id DESC) FROM sales_order`).Scan(&all); err != nil {
		t.Fatal(err)
	}
	var seen []int64
	var after *int64
	for page := 0; ; page++ {
		rows, err := s.SearchOrders(ctx, postgres.SearchOrdersParams{After: after, PageLimit: 2, WithCount: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			break
		}
		if rows[0].HasPrevious != (page > 0) || rows[0].TotalCount != int64(len(all)) {
			t.Errorf("page %d: has previous %v, count %d", page, rows[0].HasPrevious, rows[0].TotalCount)
		}
		for _, r := range rows {
			seen = append(seen, r.OrderView.ID)
		}
		last := rows[len(rows)-1].OrderView.ID
		after = &last
	}
	if !slices.Equal(seen, all) {
		t.Errorf("pages gave %v, want %v", seen, all)
	}
}

// The orders search's filters on the current status, the xTat and the customer find their orders
// through their indexes: however many orders there are, the search reads a handful of them.
func TestOrderSearchUsesIndexes(t *testing.T) {
	s, rec := openRecorded(t)
	ctx := context.Background()
	addOrders(t, s, 5000)
	var key, profile int64
	if err := s.Pool().QueryRow(ctx, `SELECT id, customer_profile_id FROM sales_order ORDER BY id OFFSET 2500 LIMIT 1`).
		Scan(&key, &profile); err != nil {
		t.Fatal(err)
	}
	var awaiting int64
	if err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM sales_order WHERE order_status_id = 2`).Scan(&awaiting); err != nil {
		t.Fatal(err)
	}
	tat := "tat-" + strconv.FormatInt(key, 10)
	for _, c := range []struct {
		name  string
		arg   postgres.SearchOrdersParams
		want  int64
		index string
	}{
		{"status", postgres.SearchOrdersParams{OrderStatusIds: []int32{2}}, awaiting, "sales_order_status_idx"},
		{"xTat", postgres.SearchOrdersParams{XTat: &tat}, 1, "purchased_product_x_tat_idx"},
		{"customer", postgres.SearchOrdersParams{CustomerProfileID: &profile}, 10, "sales_order_customer_idx"},
	} {
		c.arg.PageLimit = 21
		rows, err := s.SearchOrders(ctx, c.arg)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(rows)) != c.want || c.want == 0 {
			t.Errorf("search by %s: %d rows, want %d", c.name, len(rows), c.want)
			continue
		}
		used, read := false, 0
		explain(t, s, "ANALYZE", rec.last(t, "SearchOrders")).walk(func(p plan) {
			used = used || p.IndexName == c.index
			if p.RelationName == "sales_order" {
				read += p.ActualRows*p.ActualLoops + p.RowsRemoved
			}
		})
		if !used {
			t.Errorf("the search by %s does not use %s", c.name, c.index)
		}
		if read > 50 {
			t.Errorf("the search by %s read %d order rows", c.name, read)
		}
	}
}
