package sandbox

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"ovgraph/adapters/sandbox/apticapi"
)

// apticTokenPath is Aptic's client-credentials token endpoint under the gateway's base path.
const apticTokenPath = "/login/oauth/access_token"

// problem is Aptic's error answer (RFC 7807 problem details). It is a response of every
// operation (aptic_problems.go).
type problem struct {
	status int
	detail string
}

func (p problem) Error() string { return p.detail }

func (p problem) visit(w http.ResponseWriter) error {
	w.Header().Set("Content-Type", "application/problem+json")
	writeJSON(w, p.status, map[string]any{
		"type":   "https://tools.ietf.org/html/rfc7231#section-6",
		"title":  http.StatusText(p.status),
		"status": p.status,
		"detail": p.detail,
	})
	return nil
}

// toProblem is the answer for an error of the store: itself when it is one, else a 500.
func toProblem(err error) problem {
	var p problem
	if errors.As(err, &p) {
		return p
	}
	return problem{status: http.StatusInternalServerError, detail: err.Error()}
}

func apticNotFound(format string, args ...any) problem {
	return problem{status: http.StatusNotFound, detail: fmt.Sprintf(format, args...)}
}

func apticBadRequest(format string, args ...any) problem {
	return problem{status: http.StatusBadRequest, detail: fmt.Sprintf(format, args...)}
}

// apticFault writes Aptic's problem body for a fault or a refused request.
func apticFault(w http.ResponseWriter, status int, detail string) {
	_ = problem{status: status, detail: detail}.visit(w)
}

func apticUnauthorized(w http.ResponseWriter, detail string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="aptic-sandbox"`)
	apticFault(w, http.StatusUnauthorized, detail)
}

func apticRequestError(w http.ResponseWriter, _ *http.Request, err error) {
	apticFault(w, http.StatusBadRequest, "invalid request: "+err.Error())
}

func (s *Sandbox) apticResponseError(w http.ResponseWriter, r *http.Request, err error) {
	var p problem
	if errors.As(err, &p) {
		_ = p.visit(w)
		return
	}
	s.log.ErrorContext(r.Context(), "sandbox aptic answer", "error", err)
	apticFault(w, http.StatusInternalServerError, "internal server error")
}

// apticToken is the OAuth2 client-credentials token endpoint (RFC 6749 §4.4): any client id and
// secret, in the form or in basic auth, get a fresh opaque bearer token.
func (s *Sandbox) apticToken(w http.ResponseWriter, r *http.Request) {
	oauthError := func(status int, code, description string) {
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, status, map[string]string{"error": code, "error_description": description})
	}
	if err := r.ParseForm(); err != nil {
		oauthError(http.StatusBadRequest, "invalid_request", "the body must be application/x-www-form-urlencoded")
		return
	}
	if gt := r.PostForm.Get("grant_type"); gt != "client_credentials" {
		oauthError(http.StatusBadRequest, "unsupported_grant_type", "grant_type must be client_credentials")
		return
	}
	id, _, ok := r.BasicAuth()
	if !ok {
		id = r.PostForm.Get("client_id")
	}
	if id == "" {
		oauthError(http.StatusUnauthorized, "invalid_client", "a client id is required (basic auth or client_id)")
		return
	}
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": "sandbox-" + base64.RawURLEncoding.EncodeToString(b),
		"token_type":   "Bearer",
		"expires_in":   int(s.cfg.TokenTTL / time.Second),
	})
}

// apticServer answers Aptic's customers operations from the store.
type apticServer struct {
	store *apticStore
}

var _ apticapi.StrictServerInterface = (*apticServer)(nil)

func (a *apticServer) GetCustomers(_ context.Context, req apticapi.GetCustomersRequestObject) (apticapi.GetCustomersResponseObject, error) {
	items := a.store.list()
	p := req.Params
	value, total, skip, err := odataPage(items, p.Filter, p.Orderby, p.Skip, p.Top)
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomers200JSONResponse{Count: ptr(int32(len(value))), Skip: &skip, Total: &total, Value: &value}, nil
}

func (a *apticServer) CreateCustomer(_ context.Context, req apticapi.CreateCustomerRequestObject) (apticapi.CreateCustomerResponseObject, error) {
	if req.Body == nil {
		return apticBadRequest("a body is required"), nil
	}
	c, err := a.store.createCustomer(*req.Body)
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.CreateCustomer200JSONResponse(c), nil
}

func (a *apticServer) GetCustomer(_ context.Context, req apticapi.GetCustomerRequestObject) (apticapi.GetCustomerResponseObject, error) {
	var out apticapi.Customer
	err := a.store.read(req.Guid, func(c *apticCustomer) error { out = c.toCustomer(); return nil })
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomer200JSONResponse(out), nil
}

func (a *apticServer) UpdateCustomer(_ context.Context, req apticapi.UpdateCustomerRequestObject) (apticapi.UpdateCustomerResponseObject, error) {
	if req.Body == nil {
		return apticBadRequest("a body is required"), nil
	}
	if err := checkChannels(req.Body.PreferredChannel, req.Body.InvoiceChannel); err != nil {
		return toProblem(err), nil
	}
	err := a.store.write(req.Guid, func(c *apticCustomer) error { c.update(*req.Body); return nil })
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.UpdateCustomer204Response{}, nil
}

func (a *apticServer) GetCustomerFinancialOverview(_ context.Context, req apticapi.GetCustomerFinancialOverviewRequestObject) (apticapi.GetCustomerFinancialOverviewResponseObject, error) {
	var out apticapi.FinancialOverview
	err := a.store.read(req.Guid, func(c *apticCustomer) error { out = c.overview; return nil })
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomerFinancialOverview200JSONResponse(out), nil
}

func (a *apticServer) GetCustomerLoans(_ context.Context, req apticapi.GetCustomerLoansRequestObject) (apticapi.GetCustomerLoansResponseObject, error) {
	var items []apticapi.Loan
	err := a.store.read(req.Guid, func(c *apticCustomer) error { items = slices.Clone(c.loans); return nil })
	if err != nil {
		return toProblem(err), nil
	}
	p := req.Params
	value, _, _, err := odataPage(items, p.Filter, p.Orderby, p.Skip, p.Top)
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomerLoans200JSONResponse(value), nil
}

// --- party parameters

func (a *apticServer) GetCustomerPartyParameters(_ context.Context, req apticapi.GetCustomerPartyParametersRequestObject) (apticapi.GetCustomerPartyParametersResponseObject, error) {
	p := req.Params
	value, total, skip, err := listOf(a.store, req.CustomerGuid, func(c *apticCustomer) []apticapi.PartyParameter { return c.partyParams }, p.Filter, p.Orderby, p.Skip, p.Top)
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomerPartyParameters200JSONResponse{Count: ptr(int32(len(value))), Skip: &skip, Total: &total, Value: &value}, nil
}

func (a *apticServer) CreateCustomerPartyParameters(_ context.Context, req apticapi.CreateCustomerPartyParametersRequestObject) (apticapi.CreateCustomerPartyParametersResponseObject, error) {
	if req.Body == nil || len(*req.Body) == 0 {
		return apticBadRequest("at least one party parameter is required"), nil
	}
	var out apticapi.PartyParameter
	err := a.store.write(req.CustomerGuid, func(c *apticCustomer) error {
		for _, p := range *req.Body {
			if p.Name == nil || *p.Name == "" {
				return apticBadRequest("every party parameter needs a name")
			}
			if slices.ContainsFunc(c.partyParams, func(q apticapi.PartyParameter) bool { return *q.Name == *p.Name }) {
				return problem{status: http.StatusConflict, detail: fmt.Sprintf("party parameter %q exists already", *p.Name)}
			}
		}
		for _, p := range *req.Body {
			p.Href = ptr(fmt.Sprintf("/v1/Customers/%s/PartyParameters/%s", c.guid, *p.Name))
			c.partyParams = append(c.partyParams, p)
			out = p
		}
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.CreateCustomerPartyParameters200JSONResponse(out), nil
}

func (a *apticServer) GetCustomerPartyParameter(_ context.Context, req apticapi.GetCustomerPartyParameterRequestObject) (apticapi.GetCustomerPartyParameterResponseObject, error) {
	var out apticapi.PartyParameter
	err := a.store.read(req.CustomerGuid, func(c *apticCustomer) error {
		i := slices.IndexFunc(c.partyParams, func(q apticapi.PartyParameter) bool { return *q.Name == req.Name })
		if i < 0 {
			return apticNotFound("party parameter %q not found", req.Name)
		}
		out = c.partyParams[i]
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomerPartyParameter200JSONResponse(out), nil
}

func (a *apticServer) UpdateCustomerPartyParameter(_ context.Context, req apticapi.UpdateCustomerPartyParameterRequestObject) (apticapi.UpdateCustomerPartyParameterResponseObject, error) {
	if req.Body == nil || len(*req.Body) == 0 {
		return apticBadRequest("the body is an array with the parameter's new details"), nil
	}
	err := a.store.write(req.CustomerGuid, func(c *apticCustomer) error {
		i := slices.IndexFunc(c.partyParams, func(q apticapi.PartyParameter) bool { return *q.Name == req.Name })
		if i < 0 {
			return apticNotFound("party parameter %q not found", req.Name)
		}
		in := (*req.Body)[0]
		p := c.partyParams[i]
		if in.Type != nil {
			p.Type = in.Type
		}
		if in.Value != nil {
			p.Value = in.Value
		}
		c.partyParams[i] = p
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.UpdateCustomerPartyParameter204Response{}, nil
}

func (a *apticServer) DeleteCustomerPartyParameter(_ context.Context, req apticapi.DeleteCustomerPartyParameterRequestObject) (apticapi.DeleteCustomerPartyParameterResponseObject, error) {
	err := a.store.write(req.CustomerGuid, func(c *apticCustomer) error {
		n := len(c.partyParams)
		c.partyParams = slices.DeleteFunc(c.partyParams, func(q apticapi.PartyParameter) bool { return *q.Name == req.Name })
		if len(c.partyParams) == n {
			return apticNotFound("party parameter %q not found", req.Name)
		}
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.DeleteCustomerPartyParameter204Response{}, nil
}

// --- addresses

func (a *apticServer) GetCustomerAddresses(_ context.Context, req apticapi.GetCustomerAddressesRequestObject) (apticapi.GetCustomerAddressesResponseObject, error) {
	p := req.Params
	value, total, skip, err := listOf(a.store, req.CustomerGuid, func(c *apticCustomer) []apticapi.Address { return c.addresses }, p.Filter, p.Orderby, p.Skip, p.Top)
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomerAddresses200JSONResponse{Count: ptr(int32(len(value))), Skip: &skip, Total: &total, Value: &value}, nil
}

func (a *apticServer) CreateCustomerAddress(_ context.Context, req apticapi.CreateCustomerAddressRequestObject) (apticapi.CreateCustomerAddressResponseObject, error) {
	if req.Body == nil {
		return apticBadRequest("a body is required"), nil
	}
	var out apticapi.Address
	err := a.store.write(req.CustomerGuid, func(c *apticCustomer) error {
		out = c.addAddress(apticapi.AddressDetails(*req.Body), a.store.now())
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.CreateCustomerAddress200JSONResponse(out), nil
}

func (a *apticServer) GetCustomerAddress(_ context.Context, req apticapi.GetCustomerAddressRequestObject) (apticapi.GetCustomerAddressResponseObject, error) {
	var out apticapi.Address
	err := a.store.read(req.CustomerGuid, func(c *apticCustomer) error {
		i := slices.IndexFunc(c.addresses, func(x apticapi.Address) bool { return *x.AddressGuid == req.AddressGuid })
		if i < 0 {
			return apticNotFound("address %s not found", req.AddressGuid)
		}
		out = c.addresses[i]
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomerAddress200JSONResponse(out), nil
}

func (a *apticServer) UpdateCustomerAddress(_ context.Context, req apticapi.UpdateCustomerAddressRequestObject) (apticapi.UpdateCustomerAddressResponseObject, error) {
	if req.Body == nil {
		return apticBadRequest("a body is required"), nil
	}
	err := a.store.write(req.CustomerGuid, func(c *apticCustomer) error {
		return c.updateAddress(req.AddressGuid, *req.Body, a.store.now())
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.UpdateCustomerAddress204Response{}, nil
}

func (a *apticServer) DeleteCustomerAddress(_ context.Context, req apticapi.DeleteCustomerAddressRequestObject) (apticapi.DeleteCustomerAddressResponseObject, error) {
	err := a.store.write(req.CustomerGuid, func(c *apticCustomer) error {
		n := len(c.addresses)
		c.addresses = slices.DeleteFunc(c.addresses, func(x apticapi.Address) bool { return *x.AddressGuid == req.AddressGuid })
		if len(c.addresses) == n {
			return apticNotFound("address %s not found", req.AddressGuid)
		}
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.DeleteCustomerAddress204Response{}, nil
}

// --- extra fields

func (a *apticServer) GetCustomerExtraFields(_ context.Context, req apticapi.GetCustomerExtraFieldsRequestObject) (apticapi.GetCustomerExtraFieldsResponseObject, error) {
	p := req.Params
	value, total, skip, err := listOf(a.store, req.CustomerGuid, func(c *apticCustomer) []apticapi.ExtraField { return c.extraFields }, p.Filter, p.Orderby, p.Skip, p.Top)
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomerExtraFields200JSONResponse{Count: ptr(int32(len(value))), Skip: &skip, Total: &total, Value: &value}, nil
}

func (a *apticServer) CreateCustomerExtraField(_ context.Context, req apticapi.CreateCustomerExtraFieldRequestObject) (apticapi.CreateCustomerExtraFieldResponseObject, error) {
	if req.Body == nil || req.Body.Name == nil || *req.Body.Name == "" {
		return apticBadRequest("an extra field needs a name"), nil
	}
	in := *req.Body
	err := a.store.write(req.CustomerGuid, func(c *apticCustomer) error {
		if slices.ContainsFunc(c.extraFields, func(f apticapi.ExtraField) bool { return *f.Name == *in.Name }) {
			return problem{status: http.StatusConflict, detail: fmt.Sprintf("extra field %q exists already", *in.Name)}
		}
		if in.Value == nil {
			in.Value = &[]string{}
		}
		c.extraFields = append(c.extraFields, in)
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.CreateCustomerExtraField200JSONResponse(in), nil
}

func (a *apticServer) GetCustomerExtraField(_ context.Context, req apticapi.GetCustomerExtraFieldRequestObject) (apticapi.GetCustomerExtraFieldResponseObject, error) {
	var out apticapi.ExtraField
	err := a.store.read(req.CustomerGuid, func(c *apticCustomer) error {
		i := slices.IndexFunc(c.extraFields, func(f apticapi.ExtraField) bool { return *f.Name == req.Name })
		if i < 0 {
			return apticNotFound("extra field %q not found", req.Name)
		}
		out = c.extraFields[i]
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomerExtraField200JSONResponse(out), nil
}

func (a *apticServer) UpdateCustomerExtraField(_ context.Context, req apticapi.UpdateCustomerExtraFieldRequestObject) (apticapi.UpdateCustomerExtraFieldResponseObject, error) {
	if req.Body == nil {
		return apticBadRequest("a body is required"), nil
	}
	value := req.Body.Value
	if value == nil {
		value = &[]string{}
	}
	err := a.store.write(req.CustomerGuid, func(c *apticCustomer) error {
		i := slices.IndexFunc(c.extraFields, func(f apticapi.ExtraField) bool { return *f.Name == req.Name })
		if i < 0 {
			return apticNotFound("extra field %q not found", req.Name)
		}
		c.extraFields[i] = apticapi.ExtraField{Name: c.extraFields[i].Name, Value: value}
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.UpdateCustomerExtraField204Response{}, nil
}

func (a *apticServer) DeleteCustomerExtraField(_ context.Context, req apticapi.DeleteCustomerExtraFieldRequestObject) (apticapi.DeleteCustomerExtraFieldResponseObject, error) {
	err := a.store.write(req.CustomerGuid, func(c *apticCustomer) error {
		n := len(c.extraFields)
		c.extraFields = slices.DeleteFunc(c.extraFields, func(f apticapi.ExtraField) bool { return *f.Name == req.Name })
		if len(c.extraFields) == n {
			return apticNotFound("extra field %q not found", req.Name)
		}
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.DeleteCustomerExtraField204Response{}, nil
}

// --- direct debit mandates (append-only)

// mandateTypes and accountClasses are the documented codes (there is no 6 in either).
var (
	mandateTypes   = []int32{1, 2, 3, 4, 5, 7}
	accountClasses = []int32{0, 1, 2, 3, 4, 5, 7, 8, 9, 10}
)

func (a *apticServer) GetCustomerDirectDebitMandates(_ context.Context, req apticapi.GetCustomerDirectDebitMandatesRequestObject) (apticapi.GetCustomerDirectDebitMandatesResponseObject, error) {
	p := req.Params
	value, total, skip, err := listOf(a.store, req.CustomerGuid, func(c *apticCustomer) []apticapi.DirectDebitMandate { return c.mandates }, p.Filter, p.Orderby, p.Skip, p.Top)
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomerDirectDebitMandates200JSONResponse{Count: ptr(int32(len(value))), Skip: &skip, Total: &total, Value: &value}, nil
}

func (a *apticServer) CreateCustomerDirectDebitMandate(_ context.Context, req apticapi.CreateCustomerDirectDebitMandateRequestObject) (apticapi.CreateCustomerDirectDebitMandateResponseObject, error) {
	if req.Body == nil {
		return apticBadRequest("a body is required"), nil
	}
	in := *req.Body
	switch {
	case !slices.Contains(mandateTypes, in.DirectDebitMandateType):
		return apticBadRequest("directDebitMandateType %d: one of 1, 2, 3, 4, 5, 7", in.DirectDebitMandateType), nil
	case strings.TrimSpace(in.ReceivingBankAccountNo) == "":
		return apticBadRequest("receivingBankAccountNo is required"), nil
	case in.SendingBankAccountClass != nil && !slices.Contains(accountClasses, *in.SendingBankAccountClass):
		return apticBadRequest("sendingBankAccountClass %d: one of 1, 2, 3, 4, 5, 7, 8, 9, 10", *in.SendingBankAccountClass), nil
	}
	var out apticapi.DirectDebitMandate
	err := a.store.write(req.CustomerGuid, func(c *apticCustomer) error {
		now := a.store.now().UTC().Truncate(time.Second)
		guid := c.nextGUID("DirectDebitMandates")
		out = apticapi.DirectDebitMandate{
			MandateGuid: &guid, DirectDebitMandateType: &in.DirectDebitMandateType,
			ReferenceNo: in.ReferenceNo, BankAccountNo: in.SendingBankAccountNo,
			RequestedAt: in.RequestedAt, ApprovedAt: in.ApprovedAt, SignedDate: in.SignedDate,
			Validfrom: in.Validfrom, Validuntil: in.Validuntil,
			Links: &[]apticapi.Link{c.link("DirectDebitMandates", guid)},
		}
		if out.RequestedAt == nil {
			out.RequestedAt = &now
		}
		c.mandates = append(c.mandates, out)
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.CreateCustomerDirectDebitMandate200JSONResponse(out), nil
}

func (a *apticServer) GetCustomerDirectDebitMandate(_ context.Context, req apticapi.GetCustomerDirectDebitMandateRequestObject) (apticapi.GetCustomerDirectDebitMandateResponseObject, error) {
	var out apticapi.DirectDebitMandate
	err := a.store.read(req.CustomerGuid, func(c *apticCustomer) error {
		i := slices.IndexFunc(c.mandates, func(m apticapi.DirectDebitMandate) bool { return *m.MandateGuid == req.DirectDebitGuid })
		if i < 0 {
			return apticNotFound("direct debit mandate %s not found", req.DirectDebitGuid)
		}
		out = c.mandates[i]
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomerDirectDebitMandate200JSONResponse(out), nil
}

// --- credit insurances

func (a *apticServer) GetCustomerCreditInsurances(_ context.Context, req apticapi.GetCustomerCreditInsurancesRequestObject) (apticapi.GetCustomerCreditInsurancesResponseObject, error) {
	p := req.Params
	value, total, skip, err := listOf(a.store, req.CustomerGuid, func(c *apticCustomer) []apticapi.CreditInsurance { return c.insurances }, p.Filter, p.Orderby, p.Skip, p.Top)
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomerCreditInsurances200JSONResponse{Count: ptr(int32(len(value))), Skip: &skip, Total: &total, Value: &value}, nil
}

func (a *apticServer) CreateCustomerCreditInsurance(_ context.Context, req apticapi.CreateCustomerCreditInsuranceRequestObject) (apticapi.CreateCustomerCreditInsuranceResponseObject, error) {
	if req.Body == nil {
		return apticBadRequest("a body is required"), nil
	}
	in := *req.Body
	var out apticapi.CreditInsurance
	err := a.store.write(req.CustomerGuid, func(c *apticCustomer) error {
		now := a.store.now().UTC().Truncate(time.Second)
		guid := c.nextGUID("CreditInsurances")
		name := in.InsuranceCompanyReferenceCode
		out = apticapi.CreditInsurance{
			InsuranceGuid: &guid, InsuranceDate: &now, InsuranceCompanyName: name,
			InsuranceCompanyNumber: in.InsuranceCompanyNumber, InsuranceCompanyCustomerNumber: in.InsuranceCompanyCustomerNumber,
			Note: in.Note, EndDate: in.EndDate, CurrencyCode: in.CurrencyCode, Amount: in.Amount,
			ExtraLimitAmount: in.ExtraLimitAmount, ExtraLimitEndDate: in.ExtraLimitEndDate,
			PaymentTerm: in.PaymentTerm, GraceDays: in.GraceDays,
			Links: &[]apticapi.Link{c.link("CreditInsurances", guid)},
		}
		c.insurances = append(c.insurances, out)
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.CreateCustomerCreditInsurance200JSONResponse(out), nil
}

func (a *apticServer) GetCustomerCreditInsurance(_ context.Context, req apticapi.GetCustomerCreditInsuranceRequestObject) (apticapi.GetCustomerCreditInsuranceResponseObject, error) {
	var out apticapi.CreditInsurance
	err := a.store.read(req.CustomerGuid, func(c *apticCustomer) error {
		i := slices.IndexFunc(c.insurances, func(x apticapi.CreditInsurance) bool { return *x.InsuranceGuid == req.InsuranceGuid })
		if i < 0 {
			return apticNotFound("credit insurance %s not found", req.InsuranceGuid)
		}
		out = c.insurances[i]
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomerCreditInsurance200JSONResponse(out), nil
}

func (a *apticServer) UpdateCustomerCreditInsurance(_ context.Context, req apticapi.UpdateCustomerCreditInsuranceRequestObject) (apticapi.UpdateCustomerCreditInsuranceResponseObject, error) {
	if req.Body == nil {
		return apticBadRequest("a body is required"), nil
	}
	in := *req.Body
	err := a.store.write(req.CustomerGuid, func(c *apticCustomer) error {
		i := slices.IndexFunc(c.insurances, func(x apticapi.CreditInsurance) bool { return *x.InsuranceGuid == req.InsuranceGuid })
		if i < 0 {
			return apticNotFound("credit insurance %s not found", req.InsuranceGuid)
		}
		x := c.insurances[i]
		set(&x.InsuranceCompanyNumber, in.InsuranceCompanyNumber)
		set(&x.InsuranceCompanyCustomerNumber, in.InsuranceCompanyCustomerNumber)
		set(&x.Note, in.Note)
		set(&x.EndDate, in.EndDate)
		set(&x.CurrencyCode, in.CurrencyCode)
		set(&x.Amount, in.Amount)
		set(&x.ExtraLimitAmount, in.ExtraLimitAmount)
		set(&x.ExtraLimitEndDate, in.ExtraLimitEndDate)
		set(&x.PaymentTerm, in.PaymentTerm)
		set(&x.GraceDays, in.GraceDays)
		c.insurances[i] = x
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.UpdateCustomerCreditInsurance204Response{}, nil
}

func (a *apticServer) DeleteCustomerCreditInsurance(_ context.Context, req apticapi.DeleteCustomerCreditInsuranceRequestObject) (apticapi.DeleteCustomerCreditInsuranceResponseObject, error) {
	err := a.store.write(req.CustomerGuid, func(c *apticCustomer) error {
		n := len(c.insurances)
		c.insurances = slices.DeleteFunc(c.insurances, func(x apticapi.CreditInsurance) bool { return *x.InsuranceGuid == req.InsuranceGuid })
		if len(c.insurances) == n {
			return apticNotFound("credit insurance %s not found", req.InsuranceGuid)
		}
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.DeleteCustomerCreditInsurance204Response{}, nil
}

// --- actions / questions

func (a *apticServer) GetCustomerActions(_ context.Context, req apticapi.GetCustomerActionsRequestObject) (apticapi.GetCustomerActionsResponseObject, error) {
	p := req.Params
	value, total, skip, err := listOf(a.store, req.CustomerGuid, func(c *apticCustomer) []apticapi.CustomerAction { return c.actions }, p.Filter, p.Orderby, p.Skip, p.Top)
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomerActions200JSONResponse{Count: ptr(int32(len(value))), Skip: &skip, Total: &total, Value: &value}, nil
}

func (a *apticServer) GetCustomerAction(_ context.Context, req apticapi.GetCustomerActionRequestObject) (apticapi.GetCustomerActionResponseObject, error) {
	var out apticapi.CustomerAction
	err := a.store.read(req.CustomerGuid, func(c *apticCustomer) error {
		i := slices.IndexFunc(c.actions, func(x apticapi.CustomerAction) bool { return *x.ActionGuid == req.ActionGuid })
		if i < 0 {
			return apticNotFound("action %s not found (or answered already)", req.ActionGuid)
		}
		out = c.actions[i]
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.GetCustomerAction200JSONResponse(out), nil
}

// RespondToCustomerAction answers an open question: the response must be one the action offers,
// and postponeTo needs allowPostpone. An answered action leaves the list.
func (a *apticServer) RespondToCustomerAction(_ context.Context, req apticapi.RespondToCustomerActionRequestObject) (apticapi.RespondToCustomerActionResponseObject, error) {
	if req.Body == nil || req.Body.Response == nil || *req.Body.Response == "" {
		return apticBadRequest("response is required"), nil
	}
	in := *req.Body
	err := a.store.write(req.CustomerGuid, func(c *apticCustomer) error {
		i := slices.IndexFunc(c.actions, func(x apticapi.CustomerAction) bool { return *x.ActionGuid == req.ActionGuid })
		if i < 0 {
			return apticNotFound("action %s not found (or answered already)", req.ActionGuid)
		}
		act := c.actions[i]
		if act.Responses != nil && !slices.Contains(*act.Responses, *in.Response) {
			return apticBadRequest("response %q: one of %s", *in.Response, strings.Join(*act.Responses, ", "))
		}
		if in.PostponeTo != nil && (act.AllowPostpone == nil || !*act.AllowPostpone) {
			return apticBadRequest("action %s cannot be postponed", req.ActionGuid)
		}
		c.actions = slices.Delete(c.actions, i, i+1)
		return nil
	})
	if err != nil {
		return toProblem(err), nil
	}
	return apticapi.RespondToCustomerAction204Response{}, nil
}

// --- custom services

func (a *apticServer) InvokeServiceDefinition(_ context.Context, req apticapi.InvokeServiceDefinitionRequestObject) (apticapi.InvokeServiceDefinitionResponseObject, error) {
	return apticapi.InvokeServiceDefinition200JSONResponse(serviceResult(req.ServiceDefinition, "", req.Params.Async)), nil
}

func (a *apticServer) InvokeCustomerServiceDefinition(_ context.Context, req apticapi.InvokeCustomerServiceDefinitionRequestObject) (apticapi.InvokeCustomerServiceDefinitionResponseObject, error) {
	if err := a.store.read(req.CustomerGuid, func(*apticCustomer) error { return nil }); err != nil {
		return toProblem(err), nil
	}
	return apticapi.InvokeCustomerServiceDefinition200JSONResponse(serviceResult(req.ServiceDefinition, req.CustomerGuid, req.Params.Async)), nil
}

// serviceResult is what the sandbox's CLVR answers to any service definition: {} when asked to
// run asynchronously (the documented sample), else what ran.
func serviceResult(definition, customer string, async *bool) map[string]any {
	if async != nil && *async {
		return map[string]any{}
	}
	out := map[string]any{"serviceDefinition": definition, "status": "completed"}
	if customer != "" {
		out["customerGuid"] = customer
	}
	return out
}

// listOf pages one of a customer's lists with the OData parameters.
func listOf[T any](store *apticStore, guid string, list func(*apticCustomer) []T, filter, orderby *string, skip, top *int32) ([]T, int32, int32, error) {
	var items []T
	if err := store.read(guid, func(c *apticCustomer) error { items = slices.Clone(list(c)); return nil }); err != nil {
		return nil, 0, 0, err
	}
	return odataPage(items, filter, orderby, skip, top)
}

func ptr[T any](v T) *T { return &v }

// set replaces *dst with src when src is given (PATCH semantics: only the fields sent change).
func set[T any](dst **T, src *T) {
	if src != nil {
		*dst = src
	}
}
