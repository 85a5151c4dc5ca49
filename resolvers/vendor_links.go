package resolvers

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/graph-gophers/dataloader/v7"
	"golang.org/x/sync/errgroup"

	"ovgraph/adapters/accounts"
	"ovgraph/adapters/aptic"
	"ovgraph/adapters/postgres"
	"ovgraph/adapters/upstream"
	"ovgraph/graph"
)

// This file is what every vendor-backed field shares: the profile's links to its customers in the
// vendor systems, the operation's vendor loaders, the deadline of an operation's vendor calls and
// a bounded fan-out for vendors without a batch endpoint.

// vendorKey is the vendor as vendor_link, vendor_sync and extensions.vendor spell it.
func vendorKey(v graph.Vendor) string {
	if v == graph.VendorAccounts {
		return accounts.Vendor
	}
	return aptic.Vendor
}

func toGraphVendor(key string) graph.Vendor {
	if key == accounts.Vendor {
		return graph.VendorAccounts
	}
	return graph.VendorAptic
}

func toGraphVendorLink(l postgres.VendorLink) *graph.VendorLink {
	out := &graph.VendorLink{Vendor: toGraphVendor(l.Vendor), ExternalID: l.ExternalID,
		LinkedAt: graph.DateTime{Time: l.LinkedAt}}
	if l.Org != "" {
		out.Org = &l.Org
	}
	return out
}

func toGraphVendorSync(s postgres.VendorSync) *graph.VendorSync {
	return &graph.VendorSync{VendorSyncID: int(s.ID), Vendor: toGraphVendor(s.Vendor), Operation: s.Operation,
		Subject: s.Subject, State: graph.VendorSyncState(s.State), Attempts: int(s.Attempts),
		LastErrorCode: s.LastErrorCode, ExternalID: s.ExternalID, Created: graph.DateTime{Time: s.Created},
		Updated: graph.DateTime{Time: s.Updated}}
}

// operationLoader is the loader (or any per-operation value) named name, built by build the first
// time an operation asks for it and dropped when a write makes the loaders forget. Vendor fields
// keep their loaders here, so a vendor resource is fetched once per operation.
func operationLoader[T any](ctx context.Context, name string, build func() T) T {
	l := loadersFor(ctx)
	l.namedMu.Lock()
	defer l.namedMu.Unlock()
	if v, ok := l.named[name].(T); ok {
		return v
	}
	if l.named == nil {
		l.named = map[string]any{}
	}
	v := build()
	l.named[name] = v
	return v
}

// vendorLinks loads the links of the profiles of a page in one statement: the links of profile id,
// by vendor key.
func (r *Resolver) vendorLinks(ctx context.Context, profileID int64) (map[string]postgres.VendorLink, error) {
	ld := operationLoader(ctx, "vendorLinks", func() *dataloader.Loader[int64, []postgres.VendorLink] {
		l := loadersFor(ctx)
		return childrenOf(l.pages, l.wait, r.Store.VendorLinksByCustomers,
			func(v postgres.VendorLink) int64 { return v.CustomerProfileID },
			func(v postgres.VendorLink) postgres.VendorLink { return v })
	})
	rows, err := ld.Load(ctx, profileID)()
	if err != nil {
		return nil, err
	}
	out := make(map[string]postgres.VendorLink, len(rows))
	for _, row := range rows {
		out[row.Vendor] = row
	}
	return out, nil
}

// vendorLink is the profile's link to vendor (a vendor key), and whether it has one.
func (r *Resolver) vendorLink(ctx context.Context, profileID int64, vendor string) (postgres.VendorLink, bool, error) {
	links, err := r.vendorLinks(ctx, profileID)
	if err != nil {
		return postgres.VendorLink{}, false, err
	}
	link, ok := links[vendor]
	return link, ok, nil
}

func (r *Resolver) customerVendorLinks(ctx context.Context, c *graph.Customer) ([]*graph.VendorLink, error) {
	links, err := r.vendorLinks(ctx, int64(c.CustomerProfileID))
	if err != nil {
		return nil, err
	}
	out := make([]*graph.VendorLink, 0, len(links))
	for _, key := range []string{accounts.Vendor, aptic.Vendor} {
		if l, ok := links[key]; ok {
			out = append(out, toGraphVendorLink(l))
		}
	}
	return out, nil
}

func (r *Resolver) customerVendorSyncs(ctx context.Context, c *graph.Customer) ([]*graph.VendorSync, error) {
	ld := operationLoader(ctx, "vendorSyncs", func() *dataloader.Loader[int64, []*graph.VendorSync] {
		l := loadersFor(ctx)
		return childrenOf(l.pages, l.wait, r.Store.VendorSyncsByCustomers,
			func(v postgres.VendorSync) int64 { return v.CustomerProfileID }, toGraphVendorSync)
	})
	return ld.Load(ctx, int64(c.CustomerProfileID))()
}

// vendorContext bounds a vendor call by the operation's vendor deadline (Deps.VendorDeadline
// after the operation began) as well as by ctx's own: however many vendor fields a document
// selects, their calls end by then, and the rest of the answer is sent on time.
func (r *Resolver) vendorContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if r.VendorDeadline <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithDeadline(ctx, loadersFor(ctx).started.Add(r.VendorDeadline))
}

// vendorFanOut is the batch function of a loader over a vendor that has no batch endpoint: it
// calls fetch once per key, at most limit at a time, under the operation's vendor deadline, and
// maps each failure to the error a client sees (vendorError). Results keep the order of keys.
func vendorFanOut[K comparable, V any](r *Resolver, limit int, fetch func(context.Context, K) (V, error)) dataloader.BatchFunc[K, V] {
	return func(ctx context.Context, keys []K) []*dataloader.Result[V] {
		ctx, cancel := r.vendorContext(ctx)
		defer cancel()
		out := make([]*dataloader.Result[V], len(keys))
		var g errgroup.Group
		g.SetLimit(max(limit, 1))
		for i, k := range keys {
			g.Go(func() error {
				v, err := fetch(ctx, k)
				if err != nil {
					out[i] = &dataloader.Result[V]{Error: clientVendorError(err)}
					return nil
				}
				out[i] = &dataloader.Result[V]{Data: v}
				return nil
			})
		}
		_ = g.Wait()
		return out
	}
}

// vendorFanOutLimit bounds the concurrent calls one loader batch makes to a vendor (the client's
// own bound, upstream.Policy.MaxConcurrent, bounds the process).
const vendorFanOutLimit = 8

// newVendorLoader is a loader whose batches fan out over fetch (vendorFanOut) without waiting:
// the keys of a page arrive together, as their fields resolve.
func newVendorLoader[K comparable, V any](r *Resolver, ctx context.Context, fetch func(context.Context, K) (V, error)) *dataloader.Loader[K, V] {
	return dataloader.NewBatchedLoader(vendorFanOut(r, vendorFanOutLimit, fetch),
		dataloader.WithWait[K, V](loadersFor(ctx).wait), dataloader.WithBatchCapacity[K, V](maxBatch),
		dataloader.WithCache[K, V](dataloader.NewCache[K, V]()))
}

// clientVendorError is err as a client sees it: a vendor failure becomes UPSTREAM_TIMEOUT or
// UPSTREAM_UNAVAILABLE naming the vendor (vendorError); a vendor's 4xx answer becomes NOT_FOUND,
// CONFLICT or UNPROCESSABLE; anything else is left as it is (an internal error).
func clientVendorError(err error) error {
	if ve := vendorError(err); ve != nil {
		return ve
	}
	vendor := upstream.VendorOf(err)
	name := vendorName(vendor)
	switch {
	case errors.Is(err, upstream.ErrNotFound):
		return vendorAnswer(graph.CodeNotFound, vendor, "The "+name+" does not know it.", err)
	case errors.Is(err, upstream.ErrConflict):
		return vendorAnswer(graph.CodeConflict, vendor, "The "+name+" refused it: it conflicts with what the vendor holds.", err)
	case errors.Is(err, upstream.ErrRejected):
		return vendorAnswer(graph.CodeUnprocessable, vendor, "The "+name+" refused it.", err)
	}
	return err
}

func vendorAnswer(code graph.Code, vendor, msg string, cause error) *graph.Error {
	e := &graph.Error{Code: code, Message: msg, Cause: cause}
	if vendor != "" {
		e.Extra = map[string]any{graph.ExtVendor: vendor}
	}
	return e
}

// linkVendorCustomer links the profile to a customer the vendor knows (see the schema).
func (r *Resolver) linkVendorCustomer(ctx context.Context, number int, in graph.VendorLinkInput) (*graph.VendorLinkPayload, error) {
	external := strings.TrimSpace(in.ExternalID)
	if external == "" {
		return nil, graph.InputError("externalId", "externalId must not be empty")
	}
	org := ""
	if in.Org != nil {
		org = strings.TrimSpace(*in.Org)
	}
	switch {
	case in.Vendor == graph.VendorAccounts && org == "":
		return nil, graph.InputError("org", "org is required for ACCOUNTS: MasStack's organisation")
	case in.Vendor == graph.VendorAptic && in.Org != nil:
		return nil, graph.InputError("org", "org is only for ACCOUNTS; Aptic has no organisation")
	}
	profile, err := r.Store.CustomersByNumbers(ctx, []int64{int64(number)})
	if err != nil {
		return nil, err
	}
	if len(profile) == 0 {
		return nil, graph.NotFound()
	}
	if err := r.checkVendorCustomer(ctx, in.Vendor, org, external, number); err != nil {
		return nil, err
	}
	vendor := vendorKey(in.Vendor)
	var link postgres.VendorLink
	err = r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		owner, err := q.VendorLinkOwner(ctx, postgres.VendorLinkOwnerParams{Vendor: vendor, Org: org, ExternalID: external})
		switch {
		case err == nil && owner != c.ID:
			return change{}, &graph.Error{Code: graph.CodeConflict,
				Message: "This customer of the " + vendorName(vendor) + " is linked to another profile."}
		case err != nil && !errors.Is(err, postgres.ErrNotFound):
			return change{}, err
		}
		link, err = q.UpsertVendorLink(ctx, postgres.UpsertVendorLinkParams{CustomerProfileID: c.ID, Vendor: vendor,
			ExternalID: external, Org: org})
		return change{action: "update", entity: "vendorLink", id: c.ID,
			detail: map[string]any{"vendor": vendor, "externalId": external, "org": org}}, err
	})
	if err != nil {
		return nil, err
	}
	return r.vendorLinkPayload(ctx, number, in.Vendor, &link)
}

// checkVendorCustomer asks the vendor whether it knows the customer: MasStack lists the
// customer's accounts (404 for a customer it does not know); Aptic answers the customer, whose
// customerReference, when set, must be our customer number.
func (r *Resolver) checkVendorCustomer(ctx context.Context, v graph.Vendor, org, external string, number int) error {
	ctx, cancel := r.vendorContext(ctx)
	defer cancel()
	switch v {
	case graph.VendorAccounts:
		if r.Accounts == nil {
			return clientVendorError(&upstream.Error{Vendor: accounts.Vendor, Kind: upstream.ErrNotConfigured})
		}
		id, err := uuid.Parse(external)
		if err != nil {
			return graph.InputError("externalId", "externalId must be MasStack's customer uuid")
		}
		res, err := r.Accounts.GetCustomerAccountsWithResponse(ctx, org, id)
		if err != nil {
			return clientVendorError(accounts.Classify(err))
		}
		return clientVendorError(accounts.CheckStatus(res.StatusCode()))
	default:
		if r.Aptic == nil {
			return clientVendorError(&upstream.Error{Vendor: aptic.Vendor, Kind: upstream.ErrNotConfigured})
		}
		res, err := r.Aptic.GetCustomerWithResponse(ctx, external)
		if err != nil {
			return clientVendorError(aptic.Classify(err))
		}
		if err := aptic.CheckStatus(res.StatusCode()); err != nil {
			return clientVendorError(err)
		}
		if res.JSON200 == nil {
			return clientVendorError(aptic.Classify(errors.New("customer answer without a body")))
		}
		if ref := res.JSON200.CustomerReference; ref != nil && *ref != "" && *ref != strconv.Itoa(number) {
			return &graph.Error{Code: graph.CodeConflict,
				Message: "This Aptic customer carries another customer number as its customerReference."}
		}
		return nil
	}
}

// unlinkVendorCustomer removes the profile's link to vendor.
func (r *Resolver) unlinkVendorCustomer(ctx context.Context, number int, v graph.Vendor) (*graph.VendorLinkPayload, error) {
	vendor := vendorKey(v)
	err := r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		n, err := q.DeleteVendorLink(ctx, c.ID, vendor)
		if err == nil && n == 0 {
			return change{}, graph.NotFound()
		}
		return change{action: "delete", entity: "vendorLink", id: c.ID, detail: map[string]any{"vendor": vendor}}, err
	})
	if err != nil {
		return nil, err
	}
	return r.vendorLinkPayload(ctx, number, v, nil)
}

func (r *Resolver) vendorLinkPayload(ctx context.Context, number int, v graph.Vendor, link *postgres.VendorLink) (*graph.VendorLinkPayload, error) {
	c, err := r.customer(ctx, number)
	if err != nil {
		return nil, err
	}
	out := &graph.VendorLinkPayload{CustomerNumber: number, Vendor: v, Customer: c}
	if link != nil {
		out.VendorLink = toGraphVendorLink(*link)
	}
	return out, nil
}

// vendorState is what loaders keep for the vendor fields: the named loaders and when the
// operation began (the start of its vendor deadline).
type vendorState struct {
	namedMu sync.Mutex
	named   map[string]any
	started time.Time
}
