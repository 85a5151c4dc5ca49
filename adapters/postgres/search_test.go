package postgres_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"ovgraph/adapters/postgres"
	"ovgraph/adapters/postgres/pgtest"
)

// recorder is a pgx QueryTracer that keeps every statement the store runs with its arguments.
type recorder struct {
	mu  sync.Mutex
	ran []pgx.TraceQueryStartData
}

func (r *recorder) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ran = append(r.ran, d)
	return ctx
}

func (r *recorder) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// last returns the last statement named name that ran.
func (r *recorder) last(t *testing.T, name string) pgx.TraceQueryStartData {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.ran) - 1; i >= 0; i-- {
		if strings.HasPrefix(r.ran[i].SQL, "-- name: "+name+" ") {
			return r.ran[i]
		}
	}
	t.Fatalf("no statement %s ran", name)
	return pgx.TraceQueryStartData{}
}

func openRecorded(t *testing.T) (*postgres.Store, *recorder) {
	t.Helper()
	rec := &recorder{}
	s, err := postgres.Open(context.Background(), postgres.Config{URL: pgtest.NewDatabase(t), Tracer: rec})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s, rec
}

// plan is a node of EXPLAIN (FORMAT JSON) output, with the fields the tests read.
type plan struct {
	NodeType     string `json:"Node Type"`
	RelationName string `json:"Relation Name"`
	IndexName    string `json:"Index Name"`
	ActualRows   int    `json:"Actual Rows"`
	ActualLoops  int    `json:"Actual Loops"`
	RowsRemoved  int    `json:"Rows Removed by Filter"`
	Plans        []plan `json:"Plans"`
}

func (p plan) walk(fn func(plan)) {
	fn(p)
	for _, c := range p.Plans {
		c.walk(fn)
	}
}

// explain runs EXPLAIN with options over a statement as it ran, with its arguments.
func explain(t *testing.T, s *postgres.Store, options string, ran pgx.TraceQueryStartData) plan {
	t.Helper()
	var out []struct{ Plan plan }
	var raw []byte
	if err := s.Pool().QueryRow(context.Background(), "EXPLAIN ("+options+", FORMAT JSON) "+ran.SQL, ran.Args...).Scan(&raw); err != nil {
		t.Fatalf("explain: %v", err)
	}
	if err := json.Unmarshal(raw, &out); err != nil || len(out) != 1 {
		t.Fatalf("explain output %s: %v", raw, err)
	}
	return out[0].Plan
}

// addChipCardHolders adds n profiles, each with one chip card, and refreshes the statistics.
func addChipCardHolders(t *testing.T, s *postgres.Store, n int) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Pool().Exec(ctx, `
		WITH p AS (
		    INSERT INTO customer_profile (surname) SELECT 'Holder' FROM generate_series(1, $1) RETURNING id)
		INSERT INTO ov_chip_card (customer_profile_id, chip_card_number)
		SELECT id, 3528000000000000 + id FROM p`, n); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pool().Exec(ctx, "ANALYZE"); err != nil {
		t.Fatal(err)
	}
}

func TestChipCardSearchUsesItsIndex(t *testing.T) {
	s, rec := openRecorded(t)
	ctx := context.Background()
	addChipCardHolders(t, s, 5000)
	var number string
	var id int64
	if err := s.Pool().QueryRow(ctx, "SELECT chip_card_number::text, customer_profile_id FROM ov_chip_card ORDER BY id OFFSET 2500 LIMIT 1").
		Scan(&number, &id); err != nil {
		t.Fatal(err)
	}
	rows, err := s.SearchCustomers(ctx, postgres.SearchCustomersParams{ChipCardNumber: &number, PageLimit: 21})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].CustomerView.ID != id {
		t.Fatalf("search for chip card %s: %d rows, want the profile %d", number, len(rows), id)
	}
	used, read := false, 0
	explain(t, s, "ANALYZE", rec.last(t, "SearchCustomers")).walk(func(p plan) {
		used = used || p.IndexName == "ov_chip_card_chip_card_number_key"
		if p.RelationName == "customer_profile" {
			read += p.ActualRows*p.ActualLoops + p.RowsRemoved
		}
	})
	if !used {
		t.Errorf("the chip-card search does not use ov_chip_card_chip_card_number_key")
	}
	// The card leads to its profile: the search does not go through the other profiles.
	if read > 10 {
		t.Errorf("the chip-card search read %d profile rows", read)
	}
	// A value that is no chip-card number matches nothing, without an error.
	for _, v := range []string{"not-a-number", "99999999999999999999", "", " " + number} {
		rows, err := s.SearchCustomers(ctx, postgres.SearchCustomersParams{ChipCardNumber: &v, PageLimit: 21})
		if err != nil || len(rows) != 0 {
			t.Errorf("search for chip card %q: %d rows, %v", v, len(rows), err)
		}
	}
}

// Without a filter the store runs ListCustomers instead of the search; both answer the same
// pages, has_previous and count.
func TestListCustomersAnswersAsSearch(t *testing.T) {
	s, rec := openRecorded(t)
	ctx := context.Background()
	if err := s.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	for _, after := range []*int64{nil, ptr(int64(0)), ptr(int64(1000010)), ptr(int64(1000036)), ptr(int64(2000000))} {
		for _, count := range []bool{false, true} {
			arg := postgres.SearchCustomersParams{After: after, PageLimit: 11, WithCount: count}
			got, err := s.SearchCustomers(ctx, arg)
			if err != nil {
				t.Fatal(err)
			}
			rec.last(t, "ListCustomers")
			want, err := s.Queries.SearchCustomers(ctx, arg)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("after %v, count %v: list %+v, search %+v", after, count, got, want)
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }

// The SE search's filters on a profile's debtor number, its cards and its tokens each find their
// rows through an index and the profile by its key: however many profiles there are, the search
// reads a handful of profile rows.
func TestSESearchFiltersUseIndexes(t *testing.T) {
	s, rec := openRecorded(t)
	ctx := context.Background()
	if _, err := s.Pool().Exec(ctx, `
		WITH p AS (
		    INSERT INTO customer_profile (surname, debtor_number, debtor_status_id)
		    SELECT 'Holder', 'DB' || n, 1 + n % 3 FROM generate_series(1, 5000) n RETURNING id),
		c AS (
		    INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, alias)
		    SELECT id, 3528000000000000 + id, 'kaart ' || id FROM p)
		INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias)
		SELECT id, 1, 2, 'tat-' || id, 'bot-' || id, 'token ' || id FROM p`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pool().Exec(ctx, "ANALYZE"); err != nil {
		t.Fatal(err)
	}
	var id, tokenID int64
	var debtor string
	if err := s.Pool().QueryRow(ctx, `SELECT c.id, c.debtor_number, t.id FROM customer_profile c
		JOIN ovpay_token t ON t.customer_profile_id = c.id ORDER BY c.id OFFSET 2500 LIMIT 1`).Scan(&id, &debtor, &tokenID); err != nil {
		t.Fatal(err)
	}
	n := strconv.FormatInt(id, 10)
	for _, c := range []struct {
		name  string
		arg   postgres.SearchCustomersParams
		index string
	}{
		{"debtor number", postgres.SearchCustomersParams{DebtorNumber: &debtor}, "customer_profile_debtor_number_idx"},
		{"chip-card alias", postgres.SearchCustomersParams{ChipCardAlias: ptr("kaart " + n)}, "ov_chip_card_alias_idx"},
		{"token id", postgres.SearchCustomersParams{OvpayTokenID: &tokenID}, "ovpay_token_pkey"},
		{"token alias", postgres.SearchCustomersParams{TokenAlias: ptr("token " + n)}, "ovpay_token_alias_idx"},
		{"token xTat", postgres.SearchCustomersParams{TokenXTat: ptr("tat-" + n)}, "ovpay_token_x_tat_key"},
		{"token xBot", postgres.SearchCustomersParams{TokenXBot: ptr("bot-" + n)}, "ovpay_token_x_bot_idx"},
	} {
		c.arg.PageLimit = 2
		rows, err := s.SearchCustomers(ctx, c.arg)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].CustomerView.ID != id {
			t.Errorf("search by %s: %d rows, want the profile %d", c.name, len(rows), id)
			continue
		}
		used, read := false, 0
		explain(t, s, "ANALYZE", rec.last(t, "SearchCustomers")).walk(func(p plan) {
			used = used || p.IndexName == c.index
			if p.RelationName == "customer_profile" {
				read += p.ActualRows*p.ActualLoops + p.RowsRemoved
			}
		})
		if !used {
			t.Errorf("the search by %s does not use %s", c.name, c.index)
		}
		if read > 10 {
			t.Errorf("the search by %s read %d profile rows", c.name, read)
		}
	}
	// A removed token's xTat no longer finds its profile.
	if _, err := s.Pool().Exec(ctx, "UPDATE ovpay_token SET token_status_id = 6 WHERE id = $1", tokenID); err != nil {
		t.Fatal(err)
	}
	rows, err := s.SearchCustomers(ctx, postgres.SearchCustomersParams{TokenXTat: ptr("tat-" + n), PageLimit: 2})
	if err != nil || len(rows) != 0 {
		t.Errorf("search by a removed token's xTat: %d rows, %v", len(rows), err)
	}
}
