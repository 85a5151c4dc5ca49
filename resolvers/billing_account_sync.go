package resolvers

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"ovgraph/adapters/accounts"
	"ovgraph/adapters/postgres"
	"ovgraph/adapters/upstream"
)

// A linked profile's bank account reaches MasStack: when addBillingInformation or
// updateBillingInformation sets an IBAN, the write enqueues a vendor sync (operation
// accounts.paymentMethod, subject the billing information id) in its transaction, and the job
// makes the IBAN the payment method of the customer's DIRECT_DEBIT accounts at MasStack.

// syncAccountsPaymentMethod is the operation of that sync.
const syncAccountsPaymentMethod = "accounts.paymentMethod"

func init() { syncPushes[syncAccountsPaymentMethod] = pushAccountsPaymentMethod }

// enqueueAccountsPaymentMethod records that billing information billingID of the profile changed
// its IBAN, to push to MasStack; nothing when the profile is not linked to MasStack.
func (r *Resolver) enqueueAccountsPaymentMethod(ctx context.Context, q *postgres.Queries, profileID, billingID int64) error {
	_, err := r.enqueueVendorSync(ctx, q, profileID, accounts.Vendor, syncAccountsPaymentMethod, strconv.FormatInt(billingID, 10))
	return err
}

// pushAccountsPaymentMethod reads the billing information's IBAN as it is now (a later change
// pushes its own) and PATCHes it as the payment method of each of the customer's accounts paid
// by DIRECT_DEBIT whose IBAN differs; accounts paid otherwise keep their method. It answers the
// ids of the customer's DIRECT_DEBIT accounts, comma-separated. Billing information that is gone
// has nothing to push: the sync fails as NOT_FOUND, without retries.
func pushAccountsPaymentMethod(ctx context.Context, r *Resolver, q *postgres.Queries, s postgres.VendorSync, link postgres.VendorLink) (string, error) {
	billingID, err := strconv.ParseInt(s.Subject, 10, 64)
	if err != nil {
		return "", err
	}
	b, err := q.BillingByID(ctx, s.CustomerProfileID, billingID)
	if errors.Is(err, postgres.ErrNotFound) {
		return "", &upstream.StatusError{Vendor: accounts.Vendor, Status: http.StatusNotFound}
	}
	if err != nil {
		return "", err
	}
	client, err := r.accountsClient()
	if err != nil {
		return "", err
	}
	customer, err := toAccountsCustomer(link)
	if err != nil {
		return "", err
	}
	ids, err := accountIDsOf(ctx, client, customer)
	if err != nil {
		return "", err
	}
	var details accounts.PatchAccountPaymentMethod_Details
	if err := details.FromDirectDebitPaymentDetails(accounts.DirectDebitPaymentDetails{Iban: b.Iban}); err != nil {
		return "", err
	}
	body := accounts.PatchAccountPaymentMethod{Type: accounts.PaymentTypeDirectDebit, Details: &details}
	var debited []string
	for _, id := range ids {
		a, err := fetchAccount(ctx, client, accountRef{org: customer.org, id: id})
		if errors.Is(err, upstream.ErrNotFound) {
			continue // deleted since MasStack listed it
		}
		if err != nil {
			return "", err
		}
		if a.PaymentMethod == nil || a.PaymentMethod.Type != string(accounts.PaymentTypeDirectDebit) {
			continue
		}
		debited = append(debited, id.String())
		if a.PaymentMethod.Details != nil && strings.ToUpper(strings.ReplaceAll(a.PaymentMethod.Details.Iban, " ", "")) == b.Iban {
			continue
		}
		res, err := client.PatchAccountPaymentMethodWithResponse(ctx, customer.org, id, body)
		if err := accountAnswer(res, err); err != nil {
			return "", err
		}
	}
	return strings.Join(debited, ","), nil
}
