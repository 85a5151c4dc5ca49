package resolvers

import (
	"context"
	"fmt"
	"strconv"

	"ovgraph/adapters/aptic"
	"ovgraph/adapters/postgres"
)

// A direct-debit mandate signed in ovgraph (through an order payment's mandate input, or set to
// SIGNED by updateDirectDebitMandate) is pushed to Aptic as a mandate of the profile's Aptic
// customer: a vendor_sync row "aptic.mandate" whose subject is our mandate id, enqueued in the
// signing transaction (syncApticMandate), pushed by its River job (pushApticMandate).

// apticMandateSync is the vendor_sync operation of a signed mandate.
const apticMandateSync = "aptic.mandate"

// apticSEPAConsumerRecurring is Aptic's mandate type 3, the SEPA core scheme's recurring mandate.
const apticSEPAConsumerRecurring = 3

func init() { syncPushes[apticMandateSync] = pushApticMandate }

// syncApticMandate records, in q's transaction, that mandate mandateID of profile profileID was
// signed and goes to Aptic; nothing when the profile is not linked to Aptic.
func (r *Resolver) syncApticMandate(ctx context.Context, q *postgres.Queries, profileID, mandateID int64) error {
	_, err := r.enqueueVendorSync(ctx, q, profileID, aptic.Vendor, apticMandateSync, strconv.FormatInt(mandateID, 10))
	return err
}

// pushApticMandate creates the mandate at Aptic: type 3 SEPAConsumerRecurring; the payer's IBAN
// (class 3 for a Dutch IBAN, 4 for a foreign one); the operator's creditor IBAN as the receiving
// account; our mandate reference as referenceNo; signed when the signing was recorded (the sync
// row's creation, in the signing transaction). Aptic's mandates cannot be changed: it is
// idempotent by its reference, a mandate with our reference found at Aptic is the one pushed
// before (a run whose commit was lost), and no second is made.
func pushApticMandate(ctx context.Context, r *Resolver, q *postgres.Queries, s postgres.VendorSync, link postgres.VendorLink) (string, error) {
	id, err := strconv.ParseInt(s.Subject, 10, 64)
	if err != nil {
		return "", fmt.Errorf("aptic mandate sync %d: subject %q is no mandate id", s.ID, s.Subject)
	}
	m, err := q.MandateByID(ctx, s.CustomerProfileID, id)
	if err != nil {
		return "", fmt.Errorf("aptic mandate sync %d: read mandate: %w", s.ID, err)
	}
	b, err := q.BillingByID(ctx, s.CustomerProfileID, m.BillingInformationID)
	if err != nil {
		return "", fmt.Errorf("aptic mandate sync %d: read billing information: %w", s.ID, err)
	}
	cl, err := r.apticClient()
	if err != nil {
		return "", err
	}
	found, err := fetchApticMandates(ctx, cl, apticListKey{guid: link.ExternalID, top: 1,
		filter: "referenceNo eq " + odataQuote(m.MandateReference)})
	if err != nil {
		return "", err
	}
	for _, x := range found.value {
		if x.MandateGUID != nil && valueOf(x.ReferenceNo) == m.MandateReference {
			return *x.MandateGUID, nil
		}
	}
	iban, class, ref, signed := b.Iban, apticAccountClass(b.Iban), m.MandateReference, s.Created.UTC()
	res, err := cl.CreateCustomerDirectDebitMandateWithResponse(ctx, link.ExternalID, aptic.NewDirectDebitMandate{
		DirectDebitMandateType: apticSEPAConsumerRecurring, ReceivingBankAccountNo: cl.CreditorIBAN(),
		SendingBankAccountNo: &iban, SendingBankAccountClass: &class, ReferenceNo: &ref, SignedDate: &signed})
	if err := apticCheck(res, err, func() bool { return res.JSON200 != nil && res.JSON200.MandateGUID != nil }); err != nil {
		return "", err
	}
	return *res.JSON200.MandateGUID, nil
}
