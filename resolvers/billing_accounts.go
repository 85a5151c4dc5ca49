package resolvers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/graph-gophers/dataloader/v7"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"ovgraph/adapters/accounts"
	"ovgraph/adapters/postgres"
	"ovgraph/adapters/upstream"
	"ovgraph/graph"
)

// Customer.billingAccounts: the accounts of the profile's MasStack customer and, per account, its
// billing address history, promotions, promotion history and available payment methods. MasStack
// has no batch endpoint, so each resource is a loader of the operation (operationLoader) whose
// batch calls MasStack once per key, a bounded number at a time (newVendorLoader): a resource is
// asked once per operation however often a document selects it, and a page of profiles asks each
// of its resources once. Each field fails on its own: null with the vendor's error.

// accountsCustomer names a MasStack customer: its organisation and its uuid.
type accountsCustomer struct {
	org string
	id  uuid.UUID
}

// accountRef names a MasStack account.
type accountRef struct {
	org string
	id  uuid.UUID
}

// The keys of the per-account lists: the account and the arguments MasStack is asked with ("" for
// an argument not sent).
type (
	historyKey struct {
		account  accountRef
		from, to string
	}
	promotionsKey struct {
		account accountRef
		kind    string
	}
	promotionHistoryKey struct {
		account accountRef
		start   string
	}
	availableKey struct {
		customer accountsCustomer
		account  uuid.UUID
	}
)

// accountsClient is the MasStack client, or the error of a MasStack that is not configured.
func (r *Resolver) accountsClient() (*accounts.Client, error) {
	if r.Accounts == nil {
		return nil, &upstream.Error{Vendor: accounts.Vendor, Kind: upstream.ErrNotConfigured}
	}
	return r.Accounts, nil
}

// toAccountsCustomer reads a profile's MasStack link.
func toAccountsCustomer(link postgres.VendorLink) (accountsCustomer, error) {
	id, err := uuid.Parse(link.ExternalID)
	if err != nil {
		return accountsCustomer{}, fmt.Errorf("accounts link of profile %d: the customer id is no uuid", link.CustomerProfileID)
	}
	return accountsCustomer{org: link.Org, id: id}, nil
}

// accountAnswer is the error of a MasStack call: err as a vendor error, else the answer's
// status as one (nil for 2xx).
func accountAnswer(res interface{ StatusCode() int }, err error) error {
	if err != nil {
		return accounts.Classify(err)
	}
	return accounts.CheckStatus(res.StatusCode())
}

// noBody is the error of a 2xx answer without the body MasStack documents.
func noBody(what string) error {
	return &upstream.Error{Vendor: accounts.Vendor, Kind: upstream.ErrUnavailable, Err: errors.New(what + " answer without a body")}
}

// fetchAccountIDs asks MasStack for the ids of a customer's accounts.
func fetchAccountIDs(ctx context.Context, c *accounts.Client, k accountsCustomer) ([]uuid.UUID, error) {
	res, err := c.GetCustomerAccountsWithResponse(ctx, k.org, k.id)
	if err := accountAnswer(res, err); err != nil {
		return nil, err
	}
	if res.JSON200 == nil {
		return nil, noBody("account ids")
	}
	return accounts.ReadAccountIDs(*res.JSON200)
}

// fetchAccount asks MasStack for one account.
func fetchAccount(ctx context.Context, c *accounts.Client, k accountRef) (accounts.Account, error) {
	res, err := c.GetAccountWithResponse(ctx, k.org, k.id)
	if err := accountAnswer(res, err); err != nil {
		return accounts.Account{}, err
	}
	if res.JSON200 == nil {
		return accounts.Account{}, noBody("account")
	}
	return accounts.ReadAccount(*res.JSON200)
}

// accountsLoader is the operation's loader named name over fetch, on the MasStack client.
func accountsLoader[K comparable, V any](r *Resolver, ctx context.Context, name string,
	fetch func(context.Context, *accounts.Client, K) (V, error)) *dataloader.Loader[K, V] {
	return operationLoader(ctx, "accounts."+name, func() *dataloader.Loader[K, V] {
		return newVendorLoader(r, ctx, func(ctx context.Context, k K) (V, error) {
			c, err := r.accountsClient()
			if err != nil {
				var zero V
				return zero, err
			}
			return fetch(ctx, c, k)
		})
	})
}

func (r *Resolver) customerBillingAccounts(ctx context.Context, c *graph.Customer) ([]*graph.BillingAccount, error) {
	link, ok, err := r.vendorLink(ctx, int64(c.CustomerProfileID), accounts.Vendor)
	if err != nil || !ok {
		return nil, err
	}
	customer, err := toAccountsCustomer(link)
	if err != nil {
		return nil, err
	}
	ids, err := accountsLoader(r, ctx, "accountIDs", fetchAccountIDs).Load(ctx, customer)()
	if err != nil {
		return nil, err
	}
	refs := make([]accountRef, len(ids))
	for i, id := range ids {
		refs[i] = accountRef{org: customer.org, id: id}
	}
	list, errs := accountsLoader(r, ctx, "account", fetchAccount).LoadMany(ctx, refs)()
	out := make([]*graph.BillingAccount, 0, len(list))
	for i, a := range list {
		if len(errs) > i && errs[i] != nil {
			if isCode(errs[i], graph.CodeNotFound) {
				continue // deleted since MasStack listed it
			}
			return nil, errs[i]
		}
		out = append(out, toGraphBillingAccount(customer, a))
	}
	return out, nil
}

// billingAccount reads one account of a MasStack customer (a write's payload).
func (r *Resolver) billingAccount(ctx context.Context, customer accountsCustomer, id uuid.UUID) (*graph.BillingAccount, error) {
	a, err := accountsLoader(r, ctx, "account", fetchAccount).Load(ctx, accountRef{org: customer.org, id: id})()
	if err != nil {
		return nil, err
	}
	return toGraphBillingAccount(customer, a), nil
}

func (r *Resolver) payloadBillingAccount(ctx context.Context, p *graph.BillingAccountPayload) (*graph.BillingAccount, error) {
	customer, err := uuid.Parse(p.VendorCustomerID)
	if err != nil {
		return nil, err
	}
	id, err := uuid.Parse(p.AccountID)
	if err != nil {
		return nil, err
	}
	return r.billingAccount(ctx, accountsCustomer{org: p.OrgID, id: customer}, id)
}

func isCode(err error, code graph.Code) bool {
	var ge *graph.Error
	return errors.As(err, &ge) && ge.Code == code
}

func toGraphBillingAccount(customer accountsCustomer, a accounts.Account) *graph.BillingAccount {
	out := &graph.BillingAccount{AccountID: a.AccountID, OrgID: customer.org, CustomerID: customer.id.String(),
		Modality: a.Modality, BillingAddress: toGraphAccountAddress(a.BillingAddress)}
	if pm := a.PaymentMethod; pm != nil {
		out.PaymentMethod = &graph.BillingAccountPaymentMethod{Type: pm.Type}
		if pm.Details != nil {
			out.PaymentMethod.Iban = nonEmpty(pm.Details.Iban)
			out.PaymentMethod.TokenID = nonEmpty(pm.Details.TokenID)
		}
	}
	if a.Invoice != nil {
		out.Invoice = &graph.BillingAccountInvoice{}
		if cy := a.Invoice.Cycle; cy != nil {
			out.Invoice.Cycle = &graph.InvoiceCycle{Name: nonEmpty(cy.Name), Day: cy.Day, Type: nonEmpty(cy.Type),
				Frequency: nonEmpty(cy.Frequency)}
		}
	}
	if a.CreatedAt != nil {
		out.CreatedAt = &graph.DateTime{Time: *a.CreatedAt}
	}
	return out
}

func toGraphAccountAddress(a *accounts.Address) *graph.BillingAccountAddress {
	if a == nil {
		return nil
	}
	lines := a.AddressLines
	if lines == nil {
		lines = []string{}
	}
	return &graph.BillingAccountAddress{AddressLines: lines, PostalCode: nonEmpty(a.PostalCode), City: nonEmpty(a.City),
		Country: nonEmpty(a.Country)}
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func toGraphDate(d *openapi_types.Date) *graph.Date {
	if d == nil || d.IsZero() {
		return nil
	}
	return &graph.Date{Time: d.Time}
}

// accountRefOf is the account a BillingAccount names.
func accountRefOf(a *graph.BillingAccount) (accountRef, error) {
	id, err := uuid.Parse(a.AccountID)
	if err != nil {
		return accountRef{}, &upstream.Error{Vendor: accounts.Vendor, Kind: upstream.ErrUnavailable,
			Err: errors.New("an account id that is no uuid")}
	}
	return accountRef{org: a.OrgID, id: id}, nil
}

const dayLayout = time.DateOnly

// billingAddressHistory lists the records created from `from` to `to`, both days included. The
// contract does not say whether MasStack's from/to include their days: MasStack is asked for a
// day more on each side, and the days are cut here, so the answer includes both whichever way
// MasStack reads them (the day of a createStamp is its UTC date).
func (r *Resolver) billingAddressHistory(ctx context.Context, a *graph.BillingAccount, from, to *graph.Date) ([]*graph.BillingAddressRecord, error) {
	if from != nil && to != nil && to.Before(from.Time) {
		return nil, graph.InputError("to", "to lies before from")
	}
	ref, err := accountRefOf(a)
	if err != nil {
		return nil, clientVendorError(err)
	}
	k := historyKey{account: ref}
	if from != nil {
		k.from = from.AddDate(0, 0, -1).Format(dayLayout)
	}
	if to != nil {
		k.to = to.AddDate(0, 0, 1).Format(dayLayout)
	}
	records, err := accountsLoader(r, ctx, "billingAddressHistory", fetchBillingAddressHistory).Load(ctx, k)()
	if err != nil {
		return nil, err
	}
	out := []*graph.BillingAddressRecord{}
	for _, rec := range records {
		day := rec.CreateStamp.UTC().Format(dayLayout)
		if (from != nil && day < from.Format(dayLayout)) || (to != nil && day > to.Format(dayLayout)) {
			continue
		}
		out = append(out, &graph.BillingAddressRecord{ID: rec.ID, BillingAddress: toGraphAccountAddress(rec.BillingAddress),
			CreateStamp: graph.DateTime{Time: rec.CreateStamp}, ValidFrom: toGraphDate(rec.ValidFrom), ValidTo: toGraphDate(rec.ValidTo)})
	}
	return out, nil
}

func fetchBillingAddressHistory(ctx context.Context, c *accounts.Client, k historyKey) ([]accounts.BillingAddressRecord, error) {
	params := &accounts.GetBillingAddressHistoryParams{From: dateParam(k.from), To: dateParam(k.to)}
	res, err := c.GetBillingAddressHistoryWithResponse(ctx, k.account.org, k.account.id, params)
	if err := accountAnswer(res, err); err != nil {
		return nil, err
	}
	if res.JSON200 == nil {
		return nil, noBody("billing address history")
	}
	return accounts.ReadBillingAddressHistory(*res.JSON200)
}

// dateParam is a day of a key as a query parameter, nil for "".
func dateParam(day string) *openapi_types.Date {
	if day == "" {
		return nil
	}
	t, err := time.Parse(dayLayout, day)
	if err != nil {
		return nil
	}
	return &openapi_types.Date{Time: t}
}

func (r *Resolver) accountPromotions(ctx context.Context, a *graph.BillingAccount, kind *graph.AccountPromotionType) ([]*graph.AccountPromotion, error) {
	ref, err := accountRefOf(a)
	if err != nil {
		return nil, clientVendorError(err)
	}
	k := promotionsKey{account: ref, kind: string(graph.AccountPromotionTypeActive)}
	if kind != nil {
		k.kind = string(*kind)
	}
	list, err := accountsLoader(r, ctx, "promotions", fetchPromotions).Load(ctx, k)()
	if err != nil {
		return nil, err
	}
	out := make([]*graph.AccountPromotion, len(list))
	for i, p := range list {
		out[i] = &graph.AccountPromotion{AccountPromotionID: p.AccountPromotionID, PromotionCode: nonEmpty(p.PromotionCode),
			Name: nonEmpty(p.Name), Description: nonEmpty(p.Description), Status: nonEmpty(p.Status),
			StartDate: toGraphDate(p.StartDate), EndDate: toGraphDate(p.EndDate), CancellationDate: toGraphDate(p.CancellationDate)}
	}
	return out, nil
}

func fetchPromotions(ctx context.Context, c *accounts.Client, k promotionsKey) ([]accounts.Promotion, error) {
	kind := accounts.GetAccountPromotionsByTypeParamsAccountPromotionType(k.kind)
	res, err := c.GetAccountPromotionsByTypeWithResponse(ctx, k.account.org, k.account.id,
		&accounts.GetAccountPromotionsByTypeParams{AccountPromotionType: &kind})
	if err := accountAnswer(res, err); err != nil {
		return nil, err
	}
	if res.JSON200 == nil {
		return nil, noBody("promotions")
	}
	return accounts.ReadPromotions(*res.JSON200)
}

func (r *Resolver) accountPromotionHistory(ctx context.Context, a *graph.BillingAccount, start *graph.Date) ([]*graph.AccountPromotionOperation, error) {
	ref, err := accountRefOf(a)
	if err != nil {
		return nil, clientVendorError(err)
	}
	k := promotionHistoryKey{account: ref}
	if start != nil {
		k.start = start.Format(dayLayout)
	}
	list, err := accountsLoader(r, ctx, "promotionHistory", fetchPromotionHistory).Load(ctx, k)()
	if err != nil {
		return nil, err
	}
	out := make([]*graph.AccountPromotionOperation, len(list))
	for i, op := range list {
		out[i] = &graph.AccountPromotionOperation{ID: op.ID, AccountPromotionID: nonEmpty(op.AccountPromotionID),
			PromotionCode: nonEmpty(op.PromotionCode), Name: nonEmpty(op.Name), Operation: op.Operation,
			OperationDate: toGraphDate(op.OperationDate)}
	}
	return out, nil
}

func fetchPromotionHistory(ctx context.Context, c *accounts.Client, k promotionHistoryKey) ([]accounts.PromotionOperation, error) {
	res, err := c.GetAccountPromotionHistoryWithResponse(ctx, k.account.org, k.account.id,
		&accounts.GetAccountPromotionHistoryParams{StartDate: dateParam(k.start)})
	if err := accountAnswer(res, err); err != nil {
		return nil, err
	}
	if res.JSON200 == nil {
		return nil, noBody("promotion history")
	}
	return accounts.ReadPromotionHistory(*res.JSON200)
}

func (r *Resolver) availablePaymentMethods(ctx context.Context, a *graph.BillingAccount) ([]*graph.AvailablePaymentMethod, error) {
	ref, err := accountRefOf(a)
	if err != nil {
		return nil, clientVendorError(err)
	}
	customer, err := uuid.Parse(a.CustomerID)
	if err != nil {
		return nil, err
	}
	k := availableKey{customer: accountsCustomer{org: a.OrgID, id: customer}, account: ref.id}
	list, err := accountsLoader(r, ctx, "availablePaymentMethods", fetchAvailablePaymentMethods).Load(ctx, k)()
	if err != nil {
		return nil, err
	}
	out := make([]*graph.AvailablePaymentMethod, len(list))
	for i, m := range list {
		out[i] = &graph.AvailablePaymentMethod{Type: m.Type, Current: m.Current}
	}
	return out, nil
}

func fetchAvailablePaymentMethods(ctx context.Context, c *accounts.Client, k availableKey) ([]accounts.AvailableMethod, error) {
	res, err := c.GetAvailablePaymentMethodsWithResponse(ctx, k.customer.org, k.customer.id, k.account)
	if err := accountAnswer(res, err); err != nil {
		return nil, err
	}
	if res.JSON200 == nil {
		return nil, noBody("available payment methods")
	}
	return accounts.ReadAvailablePaymentMethods(*res.JSON200)
}

// accountIDsOf asks MasStack, now and not through the loaders, for the ids of a customer's
// accounts: what a write checks the account it names against.
func accountIDsOf(ctx context.Context, c *accounts.Client, customer accountsCustomer) ([]uuid.UUID, error) {
	return fetchAccountIDs(ctx, c, customer)
}
