package resolvers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"ovgraph/adapters/accounts"
	"ovgraph/adapters/aptic"
	"ovgraph/adapters/sandbox"
	"ovgraph/resolvers"
)

// vendorAccount gives the MasStack customer customerID (a uuid the sandbox does not know yet) one
// POSTPAID account paid by direct debit, in the sandbox's demo organisation, and returns the
// customer and account ids.
func (e *env) vendorAccount(customerID string) (string, string) {
	e.t.Helper()
	id := uuid.MustParse(customerID)
	res, err := e.work.Accounts.PostCustomerAccountWithResponse(context.Background(), sandbox.DemoOrg, id, accounts.PostAccount{
		Modality:      "POSTPAID",
		PaymentMethod: accounts.PaymentMethod{"type": "DIRECT_DEBIT", "details": map[string]any{"iban": "NL91ABNA0417164300"}},
	})
	if err != nil || res.JSON200 == nil {
		e.t.Fatalf("create a sandbox account: %v (status %d)", err, res.StatusCode())
	}
	account, _ := (*res.JSON200)["account_id"].(string)
	if account == "" {
		e.t.Fatalf("the sandbox named no account_id: %s", res.Body)
	}
	return customerID, account
}

// vendorApticCustomer creates an Aptic customer in the sandbox whose customerReference is
// customerNumber and returns its GUID.
func (e *env) vendorApticCustomer(customerNumber int) string {
	e.t.Helper()
	ref, first, last := strconv.Itoa(customerNumber), "Jan", "Jansen"
	res, err := e.work.Aptic.CreateCustomerWithResponse(context.Background(), aptic.NewCustomer{
		CustomerReference: &ref, Firstname: &first, Lastname: &last})
	if err != nil || res.JSON200 == nil || res.JSON200.CustomerGUID == nil {
		e.t.Fatalf("create a sandbox Aptic customer: %v (status %d)", err, res.StatusCode())
	}
	return *res.JSON200.CustomerGUID
}

// linkVendors links the profile to its MasStack customer (org sandbox.DemoOrg) and its Aptic
// customer, as linkVendorCustomer would.
func (e *env) linkVendors(profileID int, accountsCustomer, apticCustomer string) {
	e.t.Helper()
	if _, err := e.store.Pool().Exec(context.Background(), `INSERT INTO vendor_link (customer_profile_id, vendor, external_id, org)
		VALUES ($1, 'accounts', $2, $3), ($1, 'aptic', $4, '')`, profileID, accountsCustomer, sandbox.DemoOrg, apticCustomer); err != nil {
		e.t.Fatal(err)
	}
}

// fault tells the sandbox to fail every request to vendor ("accounts", "aptic", or "" for both)
// in mode (sandbox.ModeHang, ModeError, ModeGarbage, ModeSlow with delay, ModeNone to recover),
// through its admin endpoint, as a person trying partial results in the playground would.
func (e *env) fault(vendor, mode string, delay time.Duration) {
	e.t.Helper()
	body, _ := json.Marshal(map[string]any{"vendor": vendor, "mode": mode, "delay": delay.String()})
	res, err := http.Post(e.sandboxURL+"/_sandbox/faults", "application/json", bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		e.t.Fatalf("set fault %s %s: status %d", vendor, mode, res.StatusCode)
	}
}

// mark is where the statements run from now on start, for namedSince.
func (c *statementCounter) mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.ran)
}

// namedSince counts the statements named one of names (sqlc's `-- name:` line) run since mark.
func (c *statementCounter) namedSince(mark int, names ...string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, d := range c.ran[mark:] {
		for _, name := range names {
			if strings.HasPrefix(d.SQL, "-- name: "+name+" ") {
				n++
			}
		}
	}
	return n
}

// profileID is the customerProfileId of customer number n.
func (e *env) profileID(n int) int {
	e.t.Helper()
	var out struct {
		Customer struct{ CustomerProfileID int }
	}
	e.ok(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { customerProfileId } }`, map[string]any{"n": n}, &out)
	return out.Customer.CustomerProfileID
}

// withHandler builds the handler anew on the environment's dependencies, after a test changed them.
func (e *env) withHandler() { e.handler = resolvers.NewHandler(e.work.Deps) }

// vendorSyncOut is a sync as Customer.vendorSyncs shows it.
type vendorSyncOut struct {
	VendorSyncID  int
	Vendor        string
	Operation     string
	Subject       string
	State         string
	Attempts      int
	LastErrorCode *string
	ExternalID    *string
}

// vendorSyncs are the profile's syncs as Customer.vendorSyncs shows them.
func (e *env) vendorSyncs(n int) []vendorSyncOut {
	e.t.Helper()
	var out struct {
		Customer struct{ VendorSyncs []vendorSyncOut }
	}
	e.ok(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { vendorSyncs {
		vendorSyncId vendor operation subject state attempts lastErrorCode externalId } } }`, map[string]any{"n": n}, &out)
	return out.Customer.VendorSyncs
}

// runSyncErr runs the sync's job as River would and answers its error.
func (e *env) runSyncErr(t *testing.T, id int) error {
	t.Helper()
	_, err := e.runSync(t, id)
	return err
}

// runSync runs the sync's job as River would, and reports whether it completed the job.
func (e *env) runSync(t *testing.T, id int) (completed bool, err error) {
	t.Helper()
	err = e.work.RunVendorSync(t.Context(), int64(id), func(pgx.Tx) error {
		completed = true
		return nil
	})
	return completed, err
}

// texts are the values of the one text column query answers, in its order.
func (e *env) texts(t *testing.T, query string, args ...any) []string {
	t.Helper()
	rows, err := e.store.Pool().Query(context.Background(), query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
