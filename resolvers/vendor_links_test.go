package resolvers_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"ovgraph/adapters/sandbox"
	"ovgraph/adapters/upstream"
)

const linkVendor = `mutation($n: Int!, $in: VendorLinkInput!) { linkVendorCustomer(customerNumber: $n, input: $in) {
	customerNumber vendor vendorLink { vendor externalId org } customer { vendorLinks { vendor externalId org } } } }`

const vendorLinksOf = `query($n: Int!) { customer(customerNumber: $n) { vendorLinks { vendor externalId org } } }`

type vendorLinkOut struct {
	Vendor, ExternalID string
	Org                *string
}

func (e *env) vendorLinksOf(n int) []vendorLinkOut {
	e.t.Helper()
	var out struct {
		Customer struct{ VendorLinks []vendorLinkOut }
	}
	e.ok(touchpoint, vendorLinksOf, map[string]any{"n": n}, &out)
	return out.Customer.VendorLinks
}

func TestLinkVendorCustomer(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("link@example.nl")
	other := e.newCustomer("link-other@example.nl")
	guid := e.vendorApticCustomer(n)
	mas, _ := e.vendorAccount("c3000000-0000-4000-8000-000000000001")

	// Aptic: the customer exists and carries our number.
	var out struct {
		LinkVendorCustomer struct {
			Vendor     string
			VendorLink vendorLinkOut
			Customer   struct{ VendorLinks []vendorLinkOut }
		}
	}
	e.ok(touchpoint, linkVendor, map[string]any{"n": n, "in": map[string]any{"vendor": "APTIC", "externalId": guid}}, &out)
	if got := out.LinkVendorCustomer; got.Vendor != "APTIC" || got.VendorLink.ExternalID != guid || got.VendorLink.Org != nil ||
		len(got.Customer.VendorLinks) != 1 {
		t.Fatalf("aptic link: %+v", got)
	}
	// MasStack: linked in its organisation; the list shows ACCOUNTS first.
	e.ok(touchpoint, linkVendor, map[string]any{"n": n, "in": map[string]any{"vendor": "ACCOUNTS", "org": sandbox.DemoOrg, "externalId": mas}}, nil)
	links := e.vendorLinksOf(n)
	if len(links) != 2 || links[0].Vendor != "ACCOUNTS" || links[0].ExternalID != mas || links[0].Org == nil ||
		*links[0].Org != sandbox.DemoOrg || links[1].Vendor != "APTIC" {
		t.Fatalf("links: %+v", links)
	}

	refused := []struct {
		name string
		n    int
		in   map[string]any
		code string
	}{
		{"another profile's aptic customer", other, map[string]any{"vendor": "APTIC", "externalId": guid}, "CONFLICT"},
		{"aptic customer of another number", other, map[string]any{"vendor": "APTIC", "externalId": e.vendorApticCustomer(n + 1000)}, "CONFLICT"},
		{"unknown aptic customer", other, map[string]any{"vendor": "APTIC", "externalId": "d9999999-0000-4000-8000-000000000000"}, "NOT_FOUND"},
		{"accounts without org", other, map[string]any{"vendor": "ACCOUNTS", "externalId": mas}, "BAD_USER_INPUT"},
		{"aptic with org", other, map[string]any{"vendor": "APTIC", "org": "telco", "externalId": guid}, "BAD_USER_INPUT"},
		{"accounts id no uuid", other, map[string]any{"vendor": "ACCOUNTS", "org": "telco", "externalId": "123"}, "BAD_USER_INPUT"},
		{"blank id", other, map[string]any{"vendor": "APTIC", "externalId": "  "}, "BAD_USER_INPUT"},
		{"another profile's accounts customer", other, map[string]any{"vendor": "ACCOUNTS", "org": sandbox.DemoOrg, "externalId": mas}, "CONFLICT"},
		{"unknown profile", 99999999, map[string]any{"vendor": "APTIC", "externalId": guid}, "NOT_FOUND"},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			if r := e.do(touchpoint, linkVendor, map[string]any{"n": c.n, "in": c.in}); r.code() != c.code {
				t.Fatalf("code %q, want %s: %+v", r.code(), c.code, r.Errors)
			}
			if links := e.vendorLinksOf(other); len(links) != 0 {
				t.Fatalf("a refused link wrote %+v", links)
			}
		})
	}

	// Unlink: gone, and a second unlink finds nothing.
	const unlink = `mutation($n: Int!) { unlinkVendorCustomer(customerNumber: $n, vendor: APTIC) { vendorLink { vendor } customer { vendorLinks { vendor } } } }`
	var un struct {
		UnlinkVendorCustomer struct {
			VendorLink *vendorLinkOut
			Customer   struct{ VendorLinks []vendorLinkOut }
		}
	}
	e.ok(touchpoint, unlink, map[string]any{"n": n}, &un)
	if un.UnlinkVendorCustomer.VendorLink != nil || len(un.UnlinkVendorCustomer.Customer.VendorLinks) != 1 {
		t.Fatalf("unlink: %+v", un)
	}
	if r := e.do(touchpoint, unlink, map[string]any{"n": n}); r.code() != "NOT_FOUND" {
		t.Fatalf("second unlink: %+v", r.Errors)
	}
	// Each write left an audit row naming the vendor, and no vendor data beyond the ids.
	var audits int
	if err := e.store.Pool().QueryRow(context.Background(), `SELECT count(*) FROM audit_trail a JOIN customer_profile p
		ON p.id = a.customer_profile_id WHERE p.customer_number = $1 AND a.entity = 'vendorLink'`, n).Scan(&audits); err != nil {
		t.Fatal(err)
	}
	if audits != 3 {
		t.Fatalf("%d audit rows of vendor links, want 3", audits)
	}
}

// A vendor that cannot be asked refuses the link with its UPSTREAM code, names itself, and nothing
// is written.
func TestLinkVendorCustomerVendorDown(t *testing.T) {
	e := newEnv(t)
	e.withVendors(upstream.Policy{Timeout: 300 * time.Millisecond, Retries: -1})
	n := e.newCustomer("link-down@example.nl")
	guid := e.vendorApticCustomer(n)
	for _, c := range []struct{ mode, code string }{
		{sandbox.ModeError, "UPSTREAM_UNAVAILABLE"},
		{sandbox.ModeGarbage, "UPSTREAM_UNAVAILABLE"},
		{sandbox.ModeHang, "UPSTREAM_TIMEOUT"},
	} {
		t.Run(c.mode, func(t *testing.T) {
			e.fault(sandbox.VendorAptic, c.mode, 0)
			defer e.fault(sandbox.VendorAptic, sandbox.ModeNone, 0)
			r := e.do(touchpoint, linkVendor, map[string]any{"n": n, "in": map[string]any{"vendor": "APTIC", "externalId": guid}})
			if r.code() != c.code || r.Errors[0].Extensions["vendor"] != "aptic" {
				t.Fatalf("errors %+v, want %s naming aptic", r.Errors, c.code)
			}
			if links := e.vendorLinksOf(n); len(links) != 0 {
				t.Fatalf("a refused link wrote %+v", links)
			}
		})
	}
	// Not configured: said so, by name.
	e.work.Aptic = nil
	e.withHandler()
	r := e.do(touchpoint, linkVendor, map[string]any{"n": n, "in": map[string]any{"vendor": "APTIC", "externalId": guid}})
	if r.code() != "UPSTREAM_UNAVAILABLE" || r.Errors[0].Message != "The aptic system is not configured." {
		t.Fatalf("not configured: %+v", r.Errors)
	}
}

// vendorLinks and vendorSyncs of a page of profiles are one statement each, whatever the page size.
func TestVendorLinksOneStatementPerPage(t *testing.T) {
	counts := map[int]int{}
	for _, size := range []int{2, 6} {
		e := newEnv(t)
		for i := range size {
			n := e.newCustomer(fmt.Sprintf("links-%d@example.nl", i))
			e.linkVendors(e.profileID(n), fmt.Sprintf("c4000000-0000-4000-8000-%012d", i), fmt.Sprintf("aptic-%d", i))
		}
		since := e.count.mark()
		var out struct {
			Customers struct {
				Nodes []struct{ VendorLinks []vendorLinkOut }
			}
		}
		e.ok(touchpoint, `query($first: Int!) { customers(first: $first) { nodes { vendorLinks { vendor } vendorSyncs { state } } } }`,
			map[string]any{"first": size}, &out)
		if len(out.Customers.Nodes) != size {
			t.Fatalf("%d profiles, want %d", len(out.Customers.Nodes), size)
		}
		for _, c := range out.Customers.Nodes {
			if len(c.VendorLinks) != 2 {
				t.Fatalf("links %+v", c.VendorLinks)
			}
		}
		counts[size] = e.count.namedSince(since, "VendorLinksByCustomers", "VendorSyncsByCustomers")
	}
	if counts[2] != 2 || counts[6] != 2 {
		t.Fatalf("statements for links and syncs by page size: %v, want 2 each", counts)
	}
}
