package resolvers

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/graph-gophers/dataloader/v7"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// flakyStore fails the loaders' batch reads until failures runs out, then answers one row per
// key. Methods the test does not use are left to the nil Store and panic.
type flakyStore struct {
	Store
	failures atomic.Int32
	calls    atomic.Int32
}

var errFlaky = errors.New("connection reset by peer")

func (s *flakyStore) fail() bool {
	s.calls.Add(1)
	return s.failures.Add(-1) >= 0
}

func (s *flakyStore) CustomersByIDs(_ context.Context, ids []int64) ([]postgres.CustomerView, error) {
	if s.fail() {
		return nil, errFlaky
	}
	out := make([]postgres.CustomerView, len(ids))
	for i, id := range ids {
		out[i] = postgres.CustomerView{ID: id, CustomerNumber: 1000000 + id}
	}
	return out, nil
}

func (s *flakyStore) AddressesByCustomers(_ context.Context, ids []int64) ([]postgres.AddressView, error) {
	if s.fail() {
		return nil, errFlaky
	}
	out := make([]postgres.AddressView, len(ids))
	for i, id := range ids {
		out[i] = postgres.AddressView{ID: 100 + id, CustomerProfileID: id}
	}
	return out, nil
}

func (s *flakyStore) CustomerBySubject(context.Context, string) (postgres.CustomerBySubjectRow, error) {
	if s.fail() {
		return postgres.CustomerBySubjectRow{}, errFlaky
	}
	return postgres.CustomerBySubjectRow{ID: 7, CustomerNumber: 1000007}, nil
}

// A failed batch (the database unreachable for a moment) is not remembered: the next load of the
// same key in the operation asks the database again.
func TestLoadersDoNotCacheFailures(t *testing.T) {
	ctx := context.Background()
	cases := map[string]func(l *loaders, s Store) error{
		"by key": func(l *loaders, _ Store) error {
			c, err := l.customerByID.Load(ctx, 7)()
			if err == nil && (c == nil || c.CustomerProfileID != 7) {
				t.Errorf("loaded %+v", c)
			}
			return err
		},
		"children": func(l *loaders, _ Store) error {
			a, err := l.addressesByCustomer.Load(ctx, 7)()
			if err == nil && len(a) != 1 {
				t.Errorf("loaded %+v", a)
			}
			return err
		},
		"children of a page": func(l *loaders, _ Store) error {
			l.pages.add([]int64{7, 8})
			a, err := l.addressesByCustomer.Load(ctx, 7)()
			if err == nil && len(a) != 1 {
				t.Errorf("loaded %+v", a)
			}
			return err
		},
	}
	cases["the caller's profile"] = func(l *loaders, s Store) error {
		ctx := graph.WithCaller(context.WithValue(ctx, loadersKey{}, l), graph.Caller{Application: "app", CustomerSubject: "s"})
		row, found, err := (&Resolver{Deps: Deps{Store: s}}).selfProfile(ctx)
		if err == nil && (!found || row.CustomerNumber != 1000007) {
			t.Errorf("loaded %+v, %v", row, found)
		}
		return err
	}
	for name, load := range cases {
		t.Run(name, func(t *testing.T) {
			s := &flakyStore{}
			s.failures.Store(1)
			l := newLoaders(ctx, s, nil, time.Millisecond)
			if err := load(l, s); !errors.Is(err, errFlaky) {
				t.Fatalf("first load: %v, want the failure", err)
			}
			if err := load(l, s); err != nil {
				t.Fatalf("second load: %v", err)
			}
			if err := load(l, s); err != nil || s.calls.Load() != 2 {
				t.Fatalf("third load: %v after %d batches, want the cached value after 2", err, s.calls.Load())
			}
		})
	}
}

// A page's objects are grouped into one list per profile, each a piece of the objects read; a
// profile met again further on gets a list of its own, and no other list changes.
func TestGroupedPrime(t *testing.T) {
	ctx := context.Background()
	var g grouped[string]
	for _, r := range []struct {
		owner int64
		item  string
	}{{1, "a"}, {1, "b"}, {2, "c"}, {1, "d"}, {3, "e"}} {
		g.add(r.owner, r.item)
	}
	l := newLoader(time.Millisecond, func(context.Context, []int64) []*dataloader.Result[[]string] {
		t.Error("a primed key was read")
		return nil
	})
	g.prime(ctx, true, l, []int64{3, 1, 2, 4})
	for id, want := range map[int64][]string{1: {"a", "b", "d"}, 2: {"c"}, 3: {"e"}, 4: {}} {
		got, err := l.Load(ctx, id)()
		if err != nil || !slices.Equal(got, want) || got == nil {
			t.Errorf("profile %d: %q, %v; want %q", id, got, err, want)
		}
	}
	if !slices.Equal(g.items, []string{"a", "b", "c", "d", "e"}) {
		t.Errorf("the objects read became %q", g.items)
	}
}
