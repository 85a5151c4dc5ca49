package resolvers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"ovgraph/adapters/accounts"
	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// The writes on the profile's MasStack billing accounts. Each validates its input before
// MasStack is asked, then, in the profile's transaction (r.write, the profile locked), reads the
// profile's MasStack link, checks that an account it names is one of that customer's (else
// NOT_FOUND), makes the call under the operation's vendor deadline and writes an audit row with
// MasStack's ids (never an IBAN, a card token or an address). A refusal or failure of MasStack
// rolls the transaction back: nothing is recorded. The payload reads the account back.

// errNotLinkedToAccounts answers a write that needs a MasStack customer the profile does not have.
var errNotLinkedToAccounts = graph.NewError(graph.CodeUnprocessable,
	"The profile is not linked to a MasStack customer: link one first (linkVendorCustomer).")

// errNoSuchAccount answers a write naming an account that is not one of the profile's.
var errNoSuchAccount = &graph.Error{Code: graph.CodeNotFound, Message: "The profile has no such billing account.",
	Extra: map[string]any{graph.ExtVendor: accounts.Vendor}}

// maxAddressLines bounds the lines of a billing address.
const maxAddressLines = 4

// parseVendorID reads an id the caller names at MasStack (a uuid), refusing anything else as
// the input field.
func parseVendorID(field, s string) (uuid.UUID, error) {
	id, err := uuid.Parse(strings.TrimSpace(s))
	if err != nil {
		return uuid.Nil, graph.InputError(field, field+" must be a uuid")
	}
	return id, nil
}

// toPatchPaymentMethod checks a payment method input by MasStack's rules (iban for
// DIRECT_DEBIT, checked by its mod-97 check digits; token_id, a uuid, for CREDIT_CARD; neither
// for the other types) and makes it MasStack's body. field names the input ("input",
// "input.paymentMethod").
func toPatchPaymentMethod(field string, in *graph.AccountPaymentMethodInput) (accounts.PatchAccountPaymentMethod, error) {
	out := accounts.PatchAccountPaymentMethod{Type: string(in.Type)}
	ibanField, tokenField := field+".iban", field+".tokenId"
	switch in.Type {
	case graph.AccountPaymentTypeDirectDebit:
		if in.TokenID != nil {
			return out, graph.InputError(tokenField, "tokenId is for CREDIT_CARD only")
		}
		if in.Iban == nil || strings.TrimSpace(*in.Iban) == "" {
			return out, graph.InputError(ibanField, "iban is required for DIRECT_DEBIT")
		}
		iban, err := normalizeIBAN(*in.Iban)
		if err != nil {
			return out, graph.InputError(ibanField, "iban is not an IBAN with valid check digits")
		}
		var details accounts.PatchAccountPaymentMethod_Details
		if err := details.FromDirectDebitPaymentDetails(accounts.DirectDebitPaymentDetails{Iban: iban}); err != nil {
			return out, err
		}
		out.Details = &details
	case graph.AccountPaymentTypeCreditCard:
		if in.Iban != nil {
			return out, graph.InputError(ibanField, "iban is for DIRECT_DEBIT only")
		}
		if in.TokenID == nil || strings.TrimSpace(*in.TokenID) == "" {
			return out, graph.InputError(tokenField, "tokenId is required for CREDIT_CARD")
		}
		token, err := parseVendorID(tokenField, *in.TokenID)
		if err != nil {
			return out, err
		}
		var details accounts.PatchAccountPaymentMethod_Details
		if err := details.FromCreditCardPaymentDetails(accounts.CreditCardPaymentDetails{TokenID: token}); err != nil {
			return out, err
		}
		out.Details = &details
	default:
		if in.Iban != nil {
			return out, graph.InputError(ibanField, "iban is for DIRECT_DEBIT only")
		}
		if in.TokenID != nil {
			return out, graph.InputError(tokenField, "tokenId is for CREDIT_CARD only")
		}
	}
	return out, nil
}

// toPostPaymentMethod is a checked payment method as PostAccount's payment_method (undefined in
// the contract; read as the PATCH's {type, details}).
func toPostPaymentMethod(pm accounts.PatchAccountPaymentMethod) (accounts.PaymentMethod, error) {
	out := accounts.PaymentMethod{"type": pm.Type}
	if pm.Details == nil {
		return out, nil
	}
	b, err := pm.Details.MarshalJSON()
	if err != nil {
		return nil, err
	}
	var details map[string]any
	if err := json.Unmarshal(b, &details); err != nil {
		return nil, err
	}
	out["details"] = details
	return out, nil
}

// toBillingAddress checks a billing address by MasStack's rules (release 4.62.0: lines of at
// most 100 characters, never "undefined"; here also one to four lines, none blank) and makes it
// MasStack's BillingAddress.
func toBillingAddress(field string, in *graph.BillingAccountAddressInput) (accounts.BillingAddress, error) {
	linesField := field + ".addressLines"
	if len(in.AddressLines) == 0 || len(in.AddressLines) > maxAddressLines {
		return nil, graph.InputError(linesField, fmt.Sprintf("addressLines must have 1 to %d lines", maxAddressLines))
	}
	lines := make([]any, len(in.AddressLines))
	for i, l := range in.AddressLines {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
			return nil, graph.InputError(linesField, "an address line must not be blank")
		case utf8.RuneCountInString(l) > 100:
			return nil, graph.InputError(linesField, "an address line has at most 100 characters")
		case strings.EqualFold(l, "undefined"):
			return nil, graph.InputError(linesField, `an address line must not be "undefined"`)
		}
		lines[i] = l
	}
	out := accounts.BillingAddress{"address_lines": lines}
	if in.PostalCode != nil {
		out["postal_code"] = strings.TrimSpace(*in.PostalCode)
	}
	if in.City != nil {
		out["city"] = strings.TrimSpace(*in.City)
	}
	if in.Country != nil {
		if !countryCode.MatchString(*in.Country) {
			return nil, graph.InputError(field+".country", "country must be an ISO 3166-1 alpha-2 code (NL)")
		}
		out["country"] = *in.Country
	}
	return out, nil
}

// accountsWrite runs a write at MasStack for the profile with customer number number, in the
// profile's transaction: it reads the profile's link (notLinked without one), runs call under the
// operation's vendor deadline and records the change call reports in the audit trail, with the
// vendor and its customer id added to the detail. call's error, mapped to what a client sees,
// rolls everything back. It returns the link.
func (r *Resolver) accountsWrite(ctx context.Context, number int, notLinked error,
	call func(ctx context.Context, c *accounts.Client, customer accountsCustomer) (change, error)) (accountsCustomer, error) {
	client, err := r.accountsClient()
	if err != nil {
		return accountsCustomer{}, clientVendorError(err)
	}
	var customer accountsCustomer
	err = r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		link, err := q.VendorLink(ctx, c.ID, accounts.Vendor)
		if errors.Is(err, postgres.ErrNotFound) {
			return change{}, notLinked
		}
		if err != nil {
			return change{}, err
		}
		if customer, err = toAccountsCustomer(link); err != nil {
			return change{}, err
		}
		vctx, cancel := r.vendorContext(ctx)
		defer cancel()
		ch, err := call(vctx, client, customer)
		if err != nil {
			return change{}, clientVendorError(err)
		}
		detail, _ := ch.detail.(map[string]any)
		if detail == nil {
			detail = map[string]any{}
		}
		detail["vendor"], detail["customerId"], detail["org"] = accounts.Vendor, customer.id.String(), customer.org
		ch.entity, ch.id, ch.detail = "billingAccount", c.ID, detail
		return ch, nil
	})
	return customer, err
}

// checkOwnAccount makes sure account is one of the customer's accounts at MasStack.
func checkOwnAccount(ctx context.Context, c *accounts.Client, customer accountsCustomer, account uuid.UUID) error {
	ids, err := accountIDsOf(ctx, c, customer)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if id == account {
			return nil
		}
	}
	return errNoSuchAccount
}

func (r *Resolver) billingAccountPayload(ctx context.Context, number int, customer accountsCustomer, account uuid.UUID) (*graph.BillingAccountPayload, error) {
	c, err := r.customer(ctx, number)
	if err != nil {
		return nil, err
	}
	return &graph.BillingAccountPayload{CustomerNumber: number, AccountID: account.String(), OrgID: customer.org,
		VendorCustomerID: customer.id.String(), Customer: c}, nil
}

func (r *Resolver) changePaymentMethod(ctx context.Context, number int, accountID string, in graph.AccountPaymentMethodInput) (*graph.BillingAccountPayload, error) {
	account, err := parseVendorID("accountId", accountID)
	if err != nil {
		return nil, err
	}
	body, err := toPatchPaymentMethod("input", &in)
	if err != nil {
		return nil, err
	}
	customer, err := r.accountsWrite(ctx, number, graph.NotFound(), func(ctx context.Context, c *accounts.Client, customer accountsCustomer) (change, error) {
		if err := checkOwnAccount(ctx, c, customer, account); err != nil {
			return change{}, err
		}
		res, err := c.PatchAccountPaymentMethodWithResponse(ctx, customer.org, account, body)
		if err := accountAnswer(res, err); err != nil {
			return change{}, err
		}
		return change{action: "update", detail: map[string]any{"accountId": account.String(), "paymentMethodType": body.Type}}, nil
	})
	if err != nil {
		return nil, err
	}
	return r.billingAccountPayload(ctx, number, customer, account)
}

func (r *Resolver) createBillingAccount(ctx context.Context, number int, in graph.CreateBillingAccountInput) (*graph.BillingAccountPayload, error) {
	pm, err := toPatchPaymentMethod("input.paymentMethod", in.PaymentMethod)
	if err != nil {
		return nil, err
	}
	body := accounts.PostAccount{Modality: accounts.PostAccountModality(in.Modality)}
	if body.PaymentMethod, err = toPostPaymentMethod(pm); err != nil {
		return nil, err
	}
	if in.BillingAddress != nil {
		address, err := toBillingAddress("input.billingAddress", in.BillingAddress)
		if err != nil {
			return nil, err
		}
		body.BillingAddress = &address
	}
	var account uuid.UUID
	customer, err := r.accountsWrite(ctx, number, errNotLinkedToAccounts, func(ctx context.Context, c *accounts.Client, customer accountsCustomer) (change, error) {
		res, err := c.PostCustomerAccountWithResponse(ctx, customer.org, customer.id, body)
		if err := accountAnswer(res, err); err != nil {
			return change{}, err
		}
		if res.JSON200 == nil {
			return change{}, noBody("account created")
		}
		if account, err = accounts.ReadAccountCreated(*res.JSON200); err != nil {
			return change{}, err
		}
		return change{action: "insert", detail: map[string]any{"accountId": account.String(), "modality": string(in.Modality),
			"paymentMethodType": pm.Type}}, nil
	})
	if err != nil {
		return nil, err
	}
	return r.billingAccountPayload(ctx, number, customer, account)
}

func (r *Resolver) deleteBillingAccount(ctx context.Context, number int, accountID string) (*graph.DeleteBillingAccountPayload, error) {
	account, err := parseVendorID("accountId", accountID)
	if err != nil {
		return nil, err
	}
	_, err = r.accountsWrite(ctx, number, graph.NotFound(), func(ctx context.Context, c *accounts.Client, customer accountsCustomer) (change, error) {
		if err := checkOwnAccount(ctx, c, customer, account); err != nil {
			return change{}, err
		}
		res, err := c.DeleteCustomerAccountWithResponse(ctx, customer.org, customer.id, account)
		if err := accountAnswer(res, err); err != nil {
			return change{}, err
		}
		return change{action: "delete", detail: map[string]any{"accountId": account.String()}}, nil
	})
	if err != nil {
		return nil, err
	}
	c, err := r.customer(ctx, number)
	if err != nil {
		return nil, err
	}
	return &graph.DeleteBillingAccountPayload{CustomerNumber: number, AccountID: account.String(), Customer: c}, nil
}

func (r *Resolver) cancelPromotion(ctx context.Context, number int, accountID, promotionID string, day graph.Date) (*graph.BillingAccountPayload, error) {
	account, err := parseVendorID("accountId", accountID)
	if err != nil {
		return nil, err
	}
	promotion, err := parseVendorID("accountPromotionId", promotionID)
	if err != nil {
		return nil, err
	}
	customer, err := r.accountsWrite(ctx, number, graph.NotFound(), func(ctx context.Context, c *accounts.Client, customer accountsCustomer) (change, error) {
		if err := checkOwnAccount(ctx, c, customer, account); err != nil {
			return change{}, err
		}
		res, err := c.PatchAccountPromotionWithResponse(ctx, customer.org, account, promotion,
			accounts.PatchAccountPromotion{CancellationDate: openapi_types.Date{Time: day.Time}})
		if err := accountAnswer(res, err); err != nil {
			return change{}, err
		}
		return change{action: "update", detail: map[string]any{"accountId": account.String(),
			"accountPromotionId": promotion.String(), "cancellationDate": day.String()}}, nil
	})
	if err != nil {
		return nil, err
	}
	return r.billingAccountPayload(ctx, number, customer, account)
}
