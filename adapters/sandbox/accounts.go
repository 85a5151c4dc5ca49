package sandbox

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"ovgraph/adapters/sandbox/accountsapi"
)

// accountsServer answers MasStack's accounts v4 operations from the store. The contract leaves
// every response schema open ("not defined in the source document"); the shapes here are the
// sandbox's reading, in MasStack's snake_case (README, "Vendor sandbox").
type accountsServer struct {
	store *accountsStore
}

var _ accountsapi.StrictServerInterface = (*accountsServer)(nil)

// accountsError is MasStack's error answer (ErrorResponse, undefined in the contract: the sandbox
// sends {code, message, status}). It is a response of every operation.
type accountsError struct {
	status  int
	code    string
	message string
}

func (e accountsError) Error() string { return e.message }

func (e accountsError) visit(w http.ResponseWriter) error {
	writeJSON(w, e.status, map[string]any{"status": e.status, "code": e.code, "message": e.message})
	return nil
}

func (e accountsError) VisitGetAccountResponse(w http.ResponseWriter) error { return e.visit(w) }
func (e accountsError) VisitGetBillingAddressHistoryResponse(w http.ResponseWriter) error {
	return e.visit(w)
}
func (e accountsError) VisitPatchAccountPaymentMethodResponse(w http.ResponseWriter) error {
	return e.visit(w)
}
func (e accountsError) VisitGetAccountPromotionsByTypeResponse(w http.ResponseWriter) error {
	return e.visit(w)
}
func (e accountsError) VisitGetAccountPromotionsResponse(w http.ResponseWriter) error {
	return e.visit(w)
}
func (e accountsError) VisitGetAccountPromotionHistoryResponse(w http.ResponseWriter) error {
	return e.visit(w)
}
func (e accountsError) VisitPatchAccountPromotionResponse(w http.ResponseWriter) error {
	return e.visit(w)
}
func (e accountsError) VisitGetCustomerAccountsResponse(w http.ResponseWriter) error {
	return e.visit(w)
}
func (e accountsError) VisitPostCustomerAccountResponse(w http.ResponseWriter) error {
	return e.visit(w)
}
func (e accountsError) VisitDeleteCustomerAccountResponse(w http.ResponseWriter) error {
	return e.visit(w)
}
func (e accountsError) VisitGetAvailablePaymentMethodsResponse(w http.ResponseWriter) error {
	return e.visit(w)
}

// toAccountsError is the answer for an error of the store: itself when it is one, else a 500.
func toAccountsError(err error) accountsError {
	var ae accountsError
	if errors.As(err, &ae) {
		return ae
	}
	return accountsError{status: http.StatusInternalServerError, code: "INTERNAL_SERVER_ERROR", message: err.Error()}
}

func accountsNotFound(what string) accountsError {
	return accountsError{status: http.StatusNotFound, code: "NOT_FOUND", message: what + " not found"}
}

func accountsBadRequest(format string, args ...any) accountsError {
	return accountsError{status: http.StatusBadRequest, code: "BAD_REQUEST", message: fmt.Sprintf(format, args...)}
}

func accountsConflict(format string, args ...any) accountsError {
	return accountsError{status: http.StatusConflict, code: "CONFLICT", message: fmt.Sprintf(format, args...)}
}

// accountsFault writes MasStack's error body for a fault or a refused request.
func accountsFault(w http.ResponseWriter, status int, message string) {
	_ = accountsError{status: status, code: strings.ToUpper(strings.ReplaceAll(http.StatusText(status), " ", "_")), message: message}.visit(w)
}

func accountsUnauthorized(w http.ResponseWriter, message string) {
	accountsFault(w, http.StatusUnauthorized, message)
}

// accountsRequestError answers a request the generated code cannot read (a path parameter that is
// no uuid, a body that is no JSON) as MasStack does: 400 "Invalid request body".
func accountsRequestError(w http.ResponseWriter, _ *http.Request, err error) {
	_ = accountsBadRequest("invalid request: %v", err).visit(w)
}

func (s *Sandbox) accountsResponseError(w http.ResponseWriter, r *http.Request, err error) {
	var ae accountsError
	if errors.As(err, &ae) {
		_ = ae.visit(w)
		return
	}
	s.log.ErrorContext(r.Context(), "sandbox accounts answer", "error", err)
	accountsFault(w, http.StatusInternalServerError, "internal server error")
}

func (a *accountsServer) GetAccount(_ context.Context, req accountsapi.GetAccountRequestObject) (accountsapi.GetAccountResponseObject, error) {
	var out map[string]any
	err := a.store.read(req.OrgId, req.AccountId, func(acc *account, today civilDate) error {
		out = acc.toGetAccount()
		return nil
	})
	if err != nil {
		return toAccountsError(err), nil
	}
	return accountsapi.GetAccount200JSONResponse(out), nil
}

func (a *accountsServer) GetBillingAddressHistory(_ context.Context, req accountsapi.GetBillingAddressHistoryRequestObject) (accountsapi.GetBillingAddressHistoryResponseObject, error) {
	from, to := dateOrZero(req.Params.From), dateOrZero(req.Params.To)
	if !from.IsZero() && !to.IsZero() && to.before(from) {
		return accountsBadRequest("to (%s) is before from (%s)", to, from), nil
	}
	var out map[string]any
	err := a.store.read(req.OrgId, req.AccountId, func(acc *account, _ civilDate) error {
		history := []any{}
		for _, h := range acc.billingHistory {
			day := civil(h.createStamp)
			if (!from.IsZero() && day.before(from)) || (!to.IsZero() && to.before(day)) {
				continue
			}
			history = append(history, h.toMap())
		}
		out = map[string]any{"account_id": acc.id.String(), "billing_addresses": history}
		return nil
	})
	if err != nil {
		return toAccountsError(err), nil
	}
	return accountsapi.GetBillingAddressHistory200JSONResponse(out), nil
}

func (a *accountsServer) PatchAccountPaymentMethod(_ context.Context, req accountsapi.PatchAccountPaymentMethodRequestObject) (accountsapi.PatchAccountPaymentMethodResponseObject, error) {
	if req.Body == nil {
		return accountsBadRequest("a body is required"), nil
	}
	pm, err := paymentMethodFromPatch(*req.Body)
	if err != nil {
		return toAccountsError(err), nil
	}
	if err := a.store.write(req.OrgId, req.AccountId, func(acc *account, _ civilDate) error {
		acc.paymentMethod = pm
		return nil
	}); err != nil {
		return toAccountsError(err), nil
	}
	return accountsapi.PatchAccountPaymentMethod204Response{}, nil
}

func (a *accountsServer) GetAccountPromotionsByType(_ context.Context, req accountsapi.GetAccountPromotionsByTypeRequestObject) (accountsapi.GetAccountPromotionsByTypeResponseObject, error) {
	kind := "ACTIVE"
	if req.Params.AccountPromotionType != nil {
		kind = string(*req.Params.AccountPromotionType)
	}
	var out []accountsapi.AccountPromotion
	err := a.store.read(req.OrgId, req.AccountId, func(acc *account, today civilDate) error {
		out = acc.promotionsOf(today, kind)
		return nil
	})
	if err != nil {
		return toAccountsError(err), nil
	}
	return accountsapi.GetAccountPromotionsByType200JSONResponse(out), nil
}

func (a *accountsServer) GetAccountPromotions(_ context.Context, req accountsapi.GetAccountPromotionsRequestObject) (accountsapi.GetAccountPromotionsResponseObject, error) {
	var out []accountsapi.AccountPromotion
	err := a.store.read(req.OrgId, req.AccountId, func(acc *account, today civilDate) error {
		out = acc.promotionsOf(today, "ACTIVE")
		return nil
	})
	if err != nil {
		return toAccountsError(err), nil
	}
	return accountsapi.GetAccountPromotions200JSONResponse(out), nil
}

func (a *accountsServer) GetAccountPromotionHistory(_ context.Context, req accountsapi.GetAccountPromotionHistoryRequestObject) (accountsapi.GetAccountPromotionHistoryResponseObject, error) {
	start := dateOrZero(req.Params.StartDate)
	out := []accountsapi.AccountPromotionHistory{}
	err := a.store.read(req.OrgId, req.AccountId, func(acc *account, _ civilDate) error {
		for _, op := range acc.promotionOps {
			if !start.IsZero() && op.date.before(start) {
				continue
			}
			out = append(out, op.toMap())
		}
		return nil
	})
	if err != nil {
		return toAccountsError(err), nil
	}
	return accountsapi.GetAccountPromotionHistory200JSONResponse(out), nil
}

func (a *accountsServer) PatchAccountPromotion(_ context.Context, req accountsapi.PatchAccountPromotionRequestObject) (accountsapi.PatchAccountPromotionResponseObject, error) {
	if req.Body == nil {
		return accountsBadRequest("a body is required"), nil
	}
	cancel := civil(req.Body.CancellationDate.Time)
	err := a.store.write(req.OrgId, req.AccountId, func(acc *account, today civilDate) error {
		for _, p := range acc.promotions {
			if p.id != req.AccountPromotionId {
				continue
			}
			if p.cancellation != nil {
				return accountsBadRequest("the promotion is cancelled already (on %s)", *p.cancellation)
			}
			if cancel.before(today) {
				return accountsBadRequest("cancellation_date %s is in the past", cancel)
			}
			p.cancellation = &cancel
			acc.promotionOps = append(acc.promotionOps, promotionOp{id: uuid.New(), promotion: p, operation: "CANCELLATION", date: today})
			return nil
		}
		return accountsNotFound("account promotion " + req.AccountPromotionId.String())
	})
	if err != nil {
		return toAccountsError(err), nil
	}
	return accountsapi.PatchAccountPromotion204Response{}, nil
}

func (a *accountsServer) GetCustomerAccounts(_ context.Context, req accountsapi.GetCustomerAccountsRequestObject) (accountsapi.GetCustomerAccountsResponseObject, error) {
	ids := a.store.accountIDs(req.OrgId, req.CustomerId)
	list := make([]any, len(ids))
	for i, id := range ids {
		list[i] = id.String()
	}
	return accountsapi.GetCustomerAccounts200JSONResponse{"customer_id": req.CustomerId.String(), "account_ids": list}, nil
}

func (a *accountsServer) PostCustomerAccount(_ context.Context, req accountsapi.PostCustomerAccountRequestObject) (accountsapi.PostCustomerAccountResponseObject, error) {
	if req.Body == nil {
		return accountsBadRequest("a body is required"), nil
	}
	body := *req.Body
	switch body.Modality {
	case accountsapi.POSTPAID, accountsapi.RECURRINGPREPAID:
	default:
		return accountsBadRequest("modality %q: one of POSTPAID, RECURRING_PREPAID", body.Modality), nil
	}
	pm, err := paymentMethodFromMap(body.PaymentMethod)
	if err != nil {
		return toAccountsError(err), nil
	}
	var address map[string]any
	if body.BillingAddress != nil {
		if address, err = checkBillingAddress(*body.BillingAddress); err != nil {
			return toAccountsError(err), nil
		}
	}
	id, err := a.store.create(req.OrgId, req.CustomerId, string(body.Modality), pm, address)
	if err != nil {
		return toAccountsError(err), nil
	}
	return accountsapi.PostCustomerAccount200JSONResponse{"account_id": id.String()}, nil
}

func (a *accountsServer) DeleteCustomerAccount(_ context.Context, req accountsapi.DeleteCustomerAccountRequestObject) (accountsapi.DeleteCustomerAccountResponseObject, error) {
	if err := a.store.delete(req.OrgId, req.CustomerId, req.AccountId); err != nil {
		return toAccountsError(err), nil
	}
	return accountsapi.DeleteCustomerAccount204Response{}, nil
}

func (a *accountsServer) GetAvailablePaymentMethods(_ context.Context, req accountsapi.GetAvailablePaymentMethodsRequestObject) (accountsapi.GetAvailablePaymentMethodsResponseObject, error) {
	var out map[string]any
	err := a.store.readOwned(req.OrgId, req.CustomerId, req.AccountId, func(acc *account, _ civilDate) error {
		methods := []any{}
		for _, m := range availablePaymentMethods[acc.modality] {
			methods = append(methods, map[string]any{"type": m, "current": m == acc.paymentMethod.kind})
		}
		out = map[string]any{"account_id": acc.id.String(), "modality": acc.modality, "payment_methods": methods}
		return nil
	})
	if err != nil {
		return toAccountsError(err), nil
	}
	return accountsapi.GetAvailablePaymentMethods200JSONResponse(out), nil
}

// availablePaymentMethods by modality (the sandbox's choice; release 4.45.0 added TECI).
var availablePaymentMethods = map[string][]string{
	"POSTPAID":          {"DIRECT_DEBIT", "CREDIT_CARD", "BANK_TRANSFER", "TECI"},
	"RECURRING_PREPAID": {"DIRECT_DEBIT", "CREDIT_CARD"},
}

// paymentMethodFromPatch applies the documented rules: iban is mandatory for DIRECT_DEBIT and
// token_id for CREDIT_CARD; other types carry no details.
func paymentMethodFromPatch(body accountsapi.PatchAccountPaymentMethod) (paymentMethod, error) {
	pm := paymentMethod{kind: body.Type}
	if pm.kind == "" {
		return pm, accountsBadRequest("type is required")
	}
	switch pm.kind {
	case "DIRECT_DEBIT":
		if body.Details == nil {
			return pm, accountsBadRequest("details.iban is mandatory when type is DIRECT_DEBIT")
		}
		dd, err := body.Details.AsDirectDebitPaymentDetails()
		if err != nil || dd.Iban == "" {
			return pm, accountsBadRequest("details.iban is mandatory when type is DIRECT_DEBIT")
		}
		if !validIBAN(dd.Iban) {
			return pm, accountsBadRequest("details.iban is no valid IBAN")
		}
		pm.iban = normalizeIBAN(dd.Iban)
	case "CREDIT_CARD":
		if body.Details == nil {
			return pm, accountsBadRequest("details.token_id is mandatory when type is CREDIT_CARD")
		}
		cc, err := body.Details.AsCreditCardPaymentDetails()
		if err != nil || cc.TokenId == uuid.Nil {
			return pm, accountsBadRequest("details.token_id is mandatory when type is CREDIT_CARD")
		}
		pm.tokenID = cc.TokenId.String()
	}
	return pm, nil
}

// paymentMethodFromMap reads PostAccount.payment_method (undefined in the contract; read as the
// PATCH's {type, details}).
func paymentMethodFromMap(m map[string]any) (paymentMethod, error) {
	var body accountsapi.PatchAccountPaymentMethod
	t, _ := m["type"].(string)
	body.Type = t
	if d, ok := m["details"].(map[string]any); ok {
		body.Details = &accountsapi.PatchAccountPaymentMethod_Details{}
		if iban, ok := d["iban"].(string); ok {
			_ = body.Details.FromDirectDebitPaymentDetails(accountsapi.DirectDebitPaymentDetails{Iban: iban})
		} else if tok, ok := d["token_id"].(string); ok {
			id, err := uuid.Parse(tok)
			if err != nil {
				return paymentMethod{}, accountsBadRequest("payment_method.details.token_id is no uuid")
			}
			_ = body.Details.FromCreditCardPaymentDetails(accountsapi.CreditCardPaymentDetails{TokenId: id})
		}
	}
	pm, err := paymentMethodFromPatch(body)
	if err != nil {
		ae := toAccountsError(err)
		ae.message = "payment_method: " + ae.message
		return pm, ae
	}
	return pm, nil
}

// checkBillingAddress applies release 4.62.0: address_lines of at most 100 characters, never
// the literal "undefined".
func checkBillingAddress(m map[string]any) (map[string]any, error) {
	if lines, ok := m["address_lines"].([]any); ok {
		for _, l := range lines {
			s, _ := l.(string)
			if len(s) > 100 || strings.EqualFold(s, "undefined") {
				return nil, accountsBadRequest("billing_address.address_lines: at most 100 characters, never \"undefined\"")
			}
		}
	}
	return cloneMap(m), nil
}

func dateOrZero(d *openapi_types.Date) civilDate {
	if d == nil {
		return civilDate{}
	}
	return civil(d.Time)
}

// civilDate is a calendar day.
type civilDate struct{ t time.Time }

func civil(t time.Time) civilDate {
	y, m, d := t.Date()
	return civilDate{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

func (d civilDate) IsZero() bool                { return d.t.IsZero() }
func (d civilDate) before(o civilDate) bool     { return d.t.Before(o.t) }
func (d civilDate) String() string              { return d.t.Format(time.DateOnly) }
func (d civilDate) addDays(n int) civilDate     { return civilDate{d.t.AddDate(0, 0, n)} }
func (d civilDate) between(a, b civilDate) bool { return !d.before(a) && !b.before(d) }

func cloneMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		switch v := v.(type) {
		case map[string]any:
			out[k] = cloneMap(v)
		case []any:
			out[k] = slices.Clone(v)
		default:
			out[k] = v
		}
	}
	return out
}
