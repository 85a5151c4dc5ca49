package resolvers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/graphql/introspection"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
	"ovgraph/resolvers"
)

// levels records the level of every log record.
type levels struct {
	mu  sync.Mutex
	got []slog.Level
}

func (l *levels) Enabled(context.Context, slog.Level) bool { return true }
func (l *levels) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.got = append(l.got, r.Level)
	return nil
}
func (l *levels) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *levels) WithGroup(string) slog.Handler      { return l }

func (l *levels) errors() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, lv := range l.got {
		if lv >= slog.LevelError {
			n++
		}
	}
	return n
}

// repeat joins n copies of format, each given its index.
func repeat(n int, format string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

// nest wraps inner in n levels of the field name.
func nest(n int, name, inner string) string {
	return strings.Repeat(name+" { ", n) + inner + strings.Repeat(" }", n)
}

// chain is a document whose depth, n+1, comes from n fragments that each nest one level.
func chain(n int) string {
	var b strings.Builder
	b.WriteString(`{ __type(name: "Customer") { ...F1 } }`)
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, " fragment F%d on __Type { ofType { ...F%d } }", i, i+1)
	}
	fmt.Fprintf(&b, " fragment F%d on __Type { name }", n)
	return b.String()
}

// fullPage selects every field of a page of profiles, as the REST shim's list does.
const fullPage = `{ customers(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes {
  customerProfileId customerNumber debtorNumber debtorStateId vascustomerNumber
  customerPreference { languageId }
  customerStatuses { name fromInclusive toInclusive }
  person { birthname surname prefix suffix dateOfBirth emailAddress
    addresses { addressId street houseNumber houseNumberSuffix postalCode city country addressType }
    phones { phoneId number countryCode phoneType isPreferred } }
  ovChipCards { ovChipCardId chipCardNumber validUntil alias }
  ovPayTokens { ovPayTokenId tokenTypeId xTat xBot alias lastDigits ovpasNumber tokenStatusId expirationDate replacedByTokenId }
  audit { auditTrailId customerProfileId action user timestamp correlationId }
} } }`

func TestLimits(t *testing.T) {
	e := newEnv(t)
	logs := &levels{}
	e.handler = resolvers.NewHandler(resolvers.Deps{Store: e.store, GBO: postgres.NewGBO(e.store), Log: slog.New(logs), Options: resolvers.DefaultOptions})
	o := resolvers.DefaultOptions

	refused := map[string]struct {
		query string
		want  string // in the message
	}{
		"8,000 repeated fields":  {"{" + strings.Repeat(" __typename", 8000) + " }", "tokens"},
		"a megabyte of fields":   {"{" + strings.Repeat(" __typename", 100_000) + " }", "tokens"},
		"@include 20,000 times":  {"{ __typename" + strings.Repeat(" @include(if: true)", 20_000) + " }", "tokens"},
		"one token over":         {"{" + strings.Repeat(" __typename", o.MaxTokens-1) + " }", "tokens"},
		"deep ofType chain":      {`{ __type(name: "Customer") { ` + nest(o.MaxDepth-1, "ofType", "name") + " } }", "deep"},
		"deep through fragments": {chain(o.MaxDepth), "deep"},
		"aliases":                {"{" + repeat(o.MaxAliases+1, " a%d: __typename") + " }", "aliases"},
		"aliases in fragments":   {`{ x: __type(name: "A") { ...F } y: __type(name: "B") { ...F } } fragment F on __Type {` + repeat(o.MaxAliases/2, " a%d: name") + " }", "aliases"},
		"1,000 pages of 100":     {"{" + repeat(1000, " c%d: customers(first: 100) { nodes { customerNumber } }") + " }", "tokens"},
		"30 pages of 100":        {"{" + repeat(o.MaxAliases, " c%d: customers(first: 100) { nodes { customerNumber person { surname } } }") + " }", "complexity"},
		"30 pages of $n = 100":   {"query($n: Int) {" + repeat(o.MaxAliases, " c%d: customers(first: $n) { nodes { customerNumber person { surname } } }") + " }", "complexity"},
		"5 full pages":           {"{" + repeat(5, " c%d: "+strings.TrimSuffix(strings.TrimPrefix(fullPage, "{"), "}")) + " }", "complexity"},
		"a fragment cycle":       {`{ __type(name: "A") { ...A } } fragment A on __Type { ofType { ...B } } fragment B on __Type { ofType { ...A } }`, "within itself"},
		"a page of a billion":    {"{ customers(first: 1000000000) { nodes { customerNumber } } }", "complexity"},
	}

	for name, c := range refused {
		t.Run("refused/"+name, func(t *testing.T) {
			vars := map[string]any{}
			if strings.Contains(c.query, "$n") {
				vars["n"] = 100
			}
			before := logs.errors()
			r := e.do(touchpoint, c.query, vars)
			if len(r.Errors) != 1 || r.code() != string(graph.CodeBadUserInput) || !strings.Contains(r.Errors[0].Message, c.want) {
				t.Fatalf("errors %.500v, want one BAD_USER_INPUT about %s", r.Errors, c.want)
			}
			if n := logs.errors() - before; n > 0 {
				t.Errorf("%d records logged at ERROR", n)
			}
		})
	}

	accepted := map[string]string{
		"introspection":             introspection.Query,
		"a full page of 100":        fullPage,
		"the deepest allowed":       `{ __type(name: "Customer") { ` + nest(o.MaxDepth-2, "ofType", "name") + " } }",
		"deepest through fragments": chain(o.MaxDepth - 1),
		"a page of $n = 5":          "query($n: Int) {" + repeat(o.MaxAliases, " c%d: customers(first: $n) { nodes { customerNumber person { surname } } }") + " }",
		"as many aliases as can":    "{" + repeat(o.MaxAliases, " a%d: __typename") + " }",
		"tokens up to the cap":      "{" + strings.Repeat(" __typename", o.MaxTokens-2) + " }",
	}
	for name, q := range accepted {
		t.Run("accepted/"+name, func(t *testing.T) {
			if r := e.do(touchpoint, q, map[string]any{"n": 5}); len(r.Errors) > 0 {
				t.Fatalf("errors %.500v", r.Errors)
			}
		})
	}
}

func TestErrorCap(t *testing.T) {
	e := newEnv(t)
	limit := resolvers.DefaultOptions.MaxErrors
	for _, n := range []int{limit, limit + 1, 3 * limit} {
		t.Run(fmt.Sprint(n, " unknown fields"), func(t *testing.T) {
			r := e.do(touchpoint, "{"+repeat(n, " unknown%d")+" }", nil)
			want := min(n, limit+1)
			if len(r.Errors) != want {
				t.Fatalf("%d errors, want %d", len(r.Errors), want)
			}
			for _, err := range r.Errors {
				if err.Extensions["code"] != string(graph.CodeBadUserInput) {
					t.Fatalf("error %+v, want BAD_USER_INPUT", err)
				}
			}
			last := r.Errors[len(r.Errors)-1].Message
			if dropped := n - limit; dropped > 0 && !strings.HasPrefix(last, fmt.Sprintf("%d more errors left out", dropped)) {
				t.Errorf("last error %q, want it to say %d more were left out", last, dropped)
			}
		})
	}
}

// BenchmarkRefusal measures what a hostile document costs the server, from the request body to the
// answer. Compare "limits/8,000 fields" (refused) with "no limits/2,000 fields", which validates a
// quarter of its fields: validation grows with the square of repeated fields. "limits/worst
// accepted" is the most expensive document under the token cap.
func BenchmarkRefusal(b *testing.B) {
	e := newEnv(b)
	docs := []struct {
		name, query string
	}{
		{"8,000 fields", "{" + strings.Repeat(" __typename", 8000) + " }"},
		{"1 MB of fields", "{" + strings.Repeat(" __typename", 100_000) + " }"},
		// Two braces and the comment added below: the cap exactly.
		{"worst accepted", "{" + strings.Repeat(" __typename", resolvers.DefaultOptions.MaxTokens-3) + " }"},
		{"2,000 fields", "{" + strings.Repeat(" __typename", 2000) + " }"},
	}
	for _, opts := range []struct {
		name string
		o    resolvers.Options
	}{{"limits", resolvers.DefaultOptions}, {"no limits", resolvers.Options{}}} {
		h := resolvers.NewHandler(resolvers.Deps{Store: e.store, GBO: postgres.NewGBO(e.store), Log: slog.New(slog.DiscardHandler), Options: opts.o})
		for _, d := range docs {
			if opts.name == "no limits" && d.name != "2,000 fields" {
				continue
			}
			b.Run(opts.name+"/"+d.name, func(b *testing.B) {
				body, _ := json.Marshal(map[string]any{"query": d.query})
				post := func(i int) *httptest.ResponseRecorder {
					// A different document each time (a comment at the end), so no cache answers.
					q := append(append([]byte{}, body[:len(body)-2]...), fmt.Sprintf(" #%d\"}", i)...)
					req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(q))
					req.Header.Set("Content-Type", "application/json")
					req = req.WithContext(graph.WithCaller(req.Context(), touchpoint))
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req)
					return rec
				}
				refused := strings.Contains(post(-1).Body.String(), `"errors"`)
				if want := d.name != "worst accepted" && opts.name == "limits"; refused != want {
					b.Fatalf("refused %t, want %t: %.300s", refused, want, post(-2).Body.String())
				}
				for i := 0; b.Loop(); i++ {
					post(i)
				}
			})
		}
	}
}
