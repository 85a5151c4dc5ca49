package resolvers_test

import (
	"context"
	"strconv"
	"testing"

	"ovgraph/adapters/aptic"
	"ovgraph/adapters/sandbox"
	"ovgraph/adapters/upstream"
)

// apticMandates are the mandates Aptic holds for the customer guid with reference ref.
func (e *env) apticMandates(n int, ref string) []map[string]any {
	e.t.Helper()
	var out struct {
		Customer struct {
			Credit struct {
				DirectDebitMandates struct{ Nodes []map[string]any }
			}
		}
	}
	e.ok(touchpoint, `query($n: Int!, $r: String!) { customer(customerNumber: $n) { credit { directDebitMandates(filter: {referenceNo: $r}) {
		nodes { mandateGuid directDebitMandateType referenceNo bankAccountNo signedDate } } } } }`, map[string]any{"n": n, "r": ref}, &out)
	return out.Customer.Credit.DirectDebitMandates.Nodes
}

// A mandate signed through an order payment reaches Aptic by a job: the payment commits with a
// PENDING sync, the job makes the Aptic mandate (type 3, the IBAN, our reference) and records
// SYNCED with Aptic's GUID; a second run makes no second mandate.
func TestApticMandateSyncFromPayment(t *testing.T) {
	e := newEnv(t)
	number, profile, _ := e.payCustomer("sync@example.nl", "tat-sync")
	guid := e.vendorApticCustomer(number)
	e.exec(`INSERT INTO vendor_link (customer_profile_id, vendor, external_id) VALUES ($1, 'aptic', $2)`, profile, guid)
	orderID, _ := e.payOrder(profile, payLine{product: 21, srid: "NLOVNAMED000000001", amount: 100})
	total := e.payOK(touchpoint, orderDoc, map[string]any{"id": orderID}).TotalAmount
	v := e.payOK(touchpoint, addPaymentDoc, map[string]any{"id": orderID, "in": pay(total)})

	// Aptic is down while the payment is made: the payment does not notice.
	e.fault("aptic", sandbox.ModeError, 0)
	in := psp("190")
	in["mandateInput"] = map[string]any{"directDebitMandateTypeId": 1, "iban": "DE89 3704 0044 0532 0130 00", "ascription": "J. Jansen"}
	v = e.payOK(touchpoint, updatePayDoc, map[string]any{"id": v.Payments[0].PaymentID, "in": in})
	if v.OrderStatus.OrderStatusID != 4 || v.Payments[0].MandateInput.DirectDebitMandateID == nil {
		t.Fatalf("paid %+v", v)
	}
	mandateID := *v.Payments[0].MandateInput.DirectDebitMandateID
	syncs := e.vendorSyncs(number)
	if len(syncs) != 1 || syncs[0].Vendor != "APTIC" || syncs[0].Operation != "aptic.mandate" || syncs[0].Subject != strconv.Itoa(mandateID) ||
		syncs[0].State != "PENDING" || syncs[0].Attempts != 0 || syncs[0].ExternalID != nil {
		t.Fatalf("syncs %+v", syncs)
	}
	id := syncs[0].VendorSyncID

	// The job runs while Aptic is down: still PENDING, the attempt and its code recorded, retried.
	if err := e.runSyncErr(t, id); err == nil {
		t.Fatalf("a push while Aptic is down reports no error to retry on: %+v %s", e.vendorSyncs(number), *e.vendorSyncs(number)[0].LastErrorCode)
	}
	if s := e.vendorSyncs(number)[0]; s.State != "PENDING" || s.Attempts != 1 || s.LastErrorCode == nil || *s.LastErrorCode != "UPSTREAM_UNAVAILABLE" {
		t.Fatalf("after a failed attempt %+v", s)
	}

	// Aptic is back: SYNCED with Aptic's GUID, and the mandate is Aptic's, sent as a recurring
	// SEPA mandate from a foreign IBAN (class 4) to the operator's creditor account.
	e.fault("aptic", sandbox.ModeNone, 0)
	counter := e.countedAptic(upstream.Policy{})
	if err := e.runSyncErr(t, id); err != nil {
		t.Fatal(err)
	}
	if b := counter.sent("DirectDebitMandates"); b == nil || b["directDebitMandateType"] != float64(3) || b["sendingBankAccountClass"] != float64(4) ||
		b["sendingBankAccountNo"] != "DE89370400440532013000" || b["receivingBankAccountNo"] != aptic.DefaultCreditorIBAN || b["signedDate"] == nil ||
		b["referenceNo"] == nil {
		t.Fatalf("sent %v", b)
	}
	s := e.vendorSyncs(number)[0]
	var ref string
	if err := e.store.Pool().QueryRow(context.Background(), `SELECT mandate_reference FROM direct_debit_mandate WHERE id = $1`, mandateID).Scan(&ref); err != nil {
		t.Fatal(err)
	}
	got := e.apticMandates(number, ref)
	if s.State != "SYNCED" || s.Attempts != 2 || s.ExternalID == nil || len(got) != 1 || got[0]["mandateGuid"] != *s.ExternalID ||
		got[0]["directDebitMandateType"] != float64(3) || got[0]["bankAccountNo"] != "DE89370400440532013000" || got[0]["signedDate"] == nil {
		t.Fatalf("sync %+v, mandates at Aptic %v", s, got)
	}
	res, err := e.work.Aptic.GetCustomerDirectDebitMandateWithResponse(context.Background(), guid, *s.ExternalID)
	if err != nil || res.JSON200 == nil {
		t.Fatal(err)
	}

	// A run again after a commit that was lost (the row still PENDING) finds the mandate by its
	// reference and makes no second one.
	e.exec(`UPDATE vendor_sync SET state = 'PENDING', external_id = NULL WHERE id = $1`, id)
	if err := e.runSyncErr(t, id); err != nil {
		t.Fatal(err)
	}
	if s2 := e.vendorSyncs(number)[0]; s2.State != "SYNCED" || *s2.ExternalID != *s.ExternalID || len(e.apticMandates(number, ref)) != 1 {
		t.Fatalf("again: %+v, %d mandates", s2, len(e.apticMandates(number, ref)))
	}
}

// A mandate set to SIGNED by updateDirectDebitMandate is pushed too, with a Dutch IBAN's class;
// a refusal of Aptic (here: it does not know the linked customer) ends the sync FAILED.
func TestApticMandateSyncFromUpdate(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("sign@example.nl")
	profile := e.profileID(n)
	guid := e.vendorApticCustomer(n)
	e.exec(`INSERT INTO vendor_link (customer_profile_id, vendor, external_id) VALUES ($1, 'aptic', $2)`, profile, guid)
	var b struct {
		AddBillingInformation struct{ BillingInformationID int }
	}
	e.ok(touchpoint, `mutation($n: Int!) { addBillingInformation(customerNumber: $n, input: {iban: "NL91ABNA0417164300", ascription: "J. Jansen",
		alias: "Betaal"}) { billingInformationId } }`, map[string]any{"n": n}, &b)
	addMandate := func(ref string) int {
		var m struct {
			AddDirectDebitMandate struct{ DirectDebitMandateID int }
		}
		e.ok(touchpoint, `mutation($n: Int!, $b: Int!, $r: String!) { addDirectDebitMandate(customerNumber: $n, input: {directDebitMandateTypeId: 1,
			billingInformationId: $b, mandateReference: $r}) { directDebitMandateId } }`, map[string]any{"n": n, "b": b.AddBillingInformation.BillingInformationID, "r": ref}, &m)
		return m.AddDirectDebitMandate.DirectDebitMandateID
	}
	sign := func(id int) {
		e.ok(touchpoint, `mutation($n: Int!, $m: Int!) { updateDirectDebitMandate(customerNumber: $n, directDebitMandateId: $m, input: {mandateState: SIGNED}) {
			directDebitMandateId } }`, map[string]any{"n": n, "m": id}, nil)
	}
	first := addMandate("SIGN-1")
	if len(e.vendorSyncs(n)) != 0 {
		t.Fatal("a PREPARED mandate is pushed")
	}
	sign(first)
	sign(first) // SIGNED again changes nothing: no second sync
	syncs := e.vendorSyncs(n)
	if len(syncs) != 1 || syncs[0].Subject != strconv.Itoa(first) || syncs[0].State != "PENDING" {
		t.Fatalf("syncs %+v", syncs)
	}
	counter := e.countedAptic(upstream.Policy{})
	if err := e.runSyncErr(t, syncs[0].VendorSyncID); err != nil {
		t.Fatal(err)
	}
	if b := counter.sent("DirectDebitMandates"); b["sendingBankAccountClass"] != float64(3) || b["referenceNo"] != "SIGN-1" {
		t.Fatalf("sent %v", b)
	}
	got := e.apticMandates(n, "SIGN-1")
	if s := e.vendorSyncs(n)[0]; s.State != "SYNCED" || len(got) != 1 || got[0]["bankAccountNo"] != "NL91ABNA0417164300" {
		t.Fatalf("sync %+v, mandates %v", s, got)
	}

	// Aptic does not know the linked customer: FAILED, not retried.
	second := addMandate("SIGN-2")
	e.exec(`UPDATE vendor_link SET external_id = 'd9999999-0000-4000-8000-000000000000' WHERE customer_profile_id = $1 AND vendor = 'aptic'`, profile)
	sign(second)
	syncs = e.vendorSyncs(n)
	if err := e.runSyncErr(t, syncs[1].VendorSyncID); err != nil {
		t.Fatalf("a refusal is retried: %v", err)
	}
	if s := e.vendorSyncs(n)[1]; s.State != "FAILED" || s.LastErrorCode == nil || *s.LastErrorCode != "NOT_FOUND" || s.Attempts != 1 {
		t.Fatalf("refused %+v", s)
	}
	// A profile without an Aptic link records no sync.
	e.exec(`DELETE FROM vendor_link WHERE customer_profile_id = $1`, profile)
	sign(addMandate("SIGN-3"))
	if len(e.vendorSyncs(n)) != 2 {
		t.Fatalf("syncs %+v", e.vendorSyncs(n))
	}
}
