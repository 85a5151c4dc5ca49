package accounts

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"ovgraph/adapters/upstream"
)

// The contract names every answer of the accounts API but defines none (GetAccount, AccountIds,
// ... are open objects, "x-undefined-in-source"), so the generated client hands them over as
// maps. These are the shapes ovgraph reads from them: the notes' reading of the vendor's
// snake_case documents (notes A(b)), which the sandbox serves. Read* turns an answer into its
// shape; an answer that does not read as one (a missing id, a wrong type) is the vendor
// answering garbage: an ErrUnavailable *upstream.Error, never a partial value.

// Account is one account (GetAccount). Since 4.41.0 it has no status; since 4.44.0 it has
// invoice.cycle.
type Account struct {
	AccountID      string               `json:"account_id"`
	OrgID          string               `json:"org_id"`
	CustomerID     string               `json:"customer_id"`
	Modality       string               `json:"modality"`
	PaymentMethod  *PaymentMethodAnswer `json:"payment_method"`
	BillingAddress *Address             `json:"billing_address"`
	Invoice        *Invoice             `json:"invoice"`
	CreatedAt      *time.Time           `json:"created_at"`
}

// PaymentMethodAnswer is an account's payment method: its type and, as in the PATCH, the iban
// (DIRECT_DEBIT) or token_id (CREDIT_CARD) in details.
type PaymentMethodAnswer struct {
	Type    string          `json:"type"`
	Details *PaymentDetails `json:"details"`
}

// PaymentDetails are the details of a payment method.
type PaymentDetails struct {
	Iban    string `json:"iban,omitempty"`
	TokenID string `json:"token_id,omitempty"`
}

// Address is a billing address (BillingAddress; address_lines of at most 100 characters since
// 4.62.0).
type Address struct {
	AddressLines []string `json:"address_lines"`
	PostalCode   string   `json:"postal_code,omitempty"`
	City         string   `json:"city,omitempty"`
	Country      string   `json:"country,omitempty"`
}

// Invoice is how an account is invoiced (AccountInvoice).
type Invoice struct {
	Cycle *InvoiceCycle `json:"cycle"`
}

// InvoiceCycle is an invoice cycle (InvoiceCycle, 4.44.0).
type InvoiceCycle struct {
	Name      string `json:"name"`
	Day       *int   `json:"day"`
	Type      string `json:"type"`
	Frequency string `json:"frequency"`
}

// BillingAddressRecord is one entry of an account's billing address history.
type BillingAddressRecord struct {
	ID             string              `json:"id"`
	BillingAddress *Address            `json:"billing_address"`
	CreateStamp    time.Time           `json:"createStamp"`
	ValidFrom      *openapi_types.Date `json:"valid_from"`
	ValidTo        *openapi_types.Date `json:"valid_to"`
}

// Promotion is an account promotion relation (AccountPromotion).
type Promotion struct {
	AccountPromotionID string              `json:"account_promotion_id"`
	PromotionCode      string              `json:"promotion_code"`
	Name               string              `json:"name"`
	Description        string              `json:"description"`
	Status             string              `json:"status"`
	StartDate          *openapi_types.Date `json:"start_date"`
	EndDate            *openapi_types.Date `json:"end_date"`
	CancellationDate   *openapi_types.Date `json:"cancellation_date"`
}

// PromotionOperation is one entry of an account's promotion history (AccountPromotionHistory).
type PromotionOperation struct {
	ID                 string              `json:"id"`
	AccountPromotionID string              `json:"account_promotion_id"`
	PromotionCode      string              `json:"promotion_code"`
	Name               string              `json:"name"`
	Operation          string              `json:"operation"`
	OperationDate      *openapi_types.Date `json:"operation_date"`
}

// AvailableMethod is a payment method the vendor offers for an account, the current one marked.
type AvailableMethod struct {
	Type    string `json:"type"`
	Current bool   `json:"current"`
}

// ReadAccount reads a GetAccount answer.
func ReadAccount(a GetAccount) (Account, error) {
	out, err := read[Account]("account", a)
	if _, perr := uuid.Parse(out.AccountID); err == nil && perr != nil {
		err = garbage("account", "no account_id that is a uuid")
	}
	if err == nil && out.PaymentMethod != nil && out.PaymentMethod.Type == "" {
		err = garbage("account", "a payment_method without type")
	}
	return out, err
}

// ReadAccountIDs reads an AccountIds answer: {"account_ids": [uuid, ...]}.
func ReadAccountIDs(a AccountIds) ([]uuid.UUID, error) {
	out, err := read[struct {
		AccountIDs *[]uuid.UUID `json:"account_ids"`
	}]("account ids", a)
	if err == nil && out.AccountIDs == nil {
		err = garbage("account ids", "no account_ids")
	}
	if err != nil {
		return nil, err
	}
	return *out.AccountIDs, nil
}

// ReadAccountCreated reads an AccountCreated answer: the new account's account_id.
func ReadAccountCreated(a AccountCreated) (uuid.UUID, error) {
	out, err := read[struct {
		AccountID uuid.UUID `json:"account_id"`
	}]("account created", a)
	if err == nil && out.AccountID == uuid.Nil {
		err = garbage("account created", "no account_id")
	}
	return out.AccountID, err
}

// ReadBillingAddressHistory reads a BillingAddressHistoryResponse: {"billing_addresses": [...]}.
func ReadBillingAddressHistory(a BillingAddressHistoryResponse) ([]BillingAddressRecord, error) {
	out, err := read[struct {
		BillingAddresses *[]BillingAddressRecord `json:"billing_addresses"`
	}]("billing address history", a)
	if err == nil && out.BillingAddresses == nil {
		err = garbage("billing address history", "no billing_addresses")
	}
	if err != nil {
		return nil, err
	}
	for _, r := range *out.BillingAddresses {
		if r.ID == "" || r.CreateStamp.IsZero() {
			return nil, garbage("billing address history", "a record without id or createStamp")
		}
	}
	return *out.BillingAddresses, nil
}

// ReadPromotions reads a list of AccountPromotion.
func ReadPromotions(a []AccountPromotion) ([]Promotion, error) {
	out, err := read[[]Promotion]("promotions", a)
	for _, p := range out {
		if err == nil && p.AccountPromotionID == "" {
			err = garbage("promotions", "a promotion without account_promotion_id")
		}
	}
	return out, err
}

// ReadPromotionHistory reads a list of AccountPromotionHistory.
func ReadPromotionHistory(a []AccountPromotionHistory) ([]PromotionOperation, error) {
	out, err := read[[]PromotionOperation]("promotion history", a)
	for _, p := range out {
		if err == nil && (p.ID == "" || p.Operation == "") {
			err = garbage("promotion history", "an operation without id or operation")
		}
	}
	return out, err
}

// ReadAvailablePaymentMethods reads an AvailablePaymentMethods answer: {"payment_methods": [...]}.
func ReadAvailablePaymentMethods(a AvailablePaymentMethods) ([]AvailableMethod, error) {
	out, err := read[struct {
		PaymentMethods *[]AvailableMethod `json:"payment_methods"`
	}]("available payment methods", a)
	if err == nil && out.PaymentMethods == nil {
		err = garbage("available payment methods", "no payment_methods")
	}
	if err != nil {
		return nil, err
	}
	for _, m := range *out.PaymentMethods {
		if m.Type == "" {
			return nil, garbage("available payment methods", "a method without type")
		}
	}
	return *out.PaymentMethods, nil
}

// read converts an answer the client decoded as open JSON into its shape T.
func read[T any](what string, answer any) (T, error) {
	var out T
	b, err := json.Marshal(answer)
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		return out, garbage(what, shapeError(err))
	}
	return out, nil
}

// shapeError says what did not read, without the value (an answer may carry personal data, and
// the cause of a vendor error is logged).
func shapeError(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%s is %s, not %s", te.Field, te.Value, te.Type)
	}
	return "a value does not read as its type"
}

func garbage(what, why string) error {
	return &upstream.Error{Vendor: Vendor, Kind: upstream.ErrUnavailable, Err: fmt.Errorf("read the %s answer: %s", what, why)}
}
