package sandbox

import "net/http"

// The methods that make a problem an answer of every Aptic operation (one per operation, as the
// generated strict server asks).

func (p problem) VisitCreateCustomerAddressResponse(w http.ResponseWriter) error { return p.visit(w) }
func (p problem) VisitCreateCustomerCreditInsuranceResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitCreateCustomerDirectDebitMandateResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitCreateCustomerExtraFieldResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitCreateCustomerPartyParametersResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitCreateCustomerResponse(w http.ResponseWriter) error        { return p.visit(w) }
func (p problem) VisitDeleteCustomerAddressResponse(w http.ResponseWriter) error { return p.visit(w) }
func (p problem) VisitDeleteCustomerCreditInsuranceResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitDeleteCustomerExtraFieldResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitDeleteCustomerPartyParameterResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitGetCustomerActionResponse(w http.ResponseWriter) error    { return p.visit(w) }
func (p problem) VisitGetCustomerActionsResponse(w http.ResponseWriter) error   { return p.visit(w) }
func (p problem) VisitGetCustomerAddressResponse(w http.ResponseWriter) error   { return p.visit(w) }
func (p problem) VisitGetCustomerAddressesResponse(w http.ResponseWriter) error { return p.visit(w) }
func (p problem) VisitGetCustomerCreditInsuranceResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitGetCustomerCreditInsurancesResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitGetCustomerDirectDebitMandateResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitGetCustomerDirectDebitMandatesResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitGetCustomerExtraFieldResponse(w http.ResponseWriter) error  { return p.visit(w) }
func (p problem) VisitGetCustomerExtraFieldsResponse(w http.ResponseWriter) error { return p.visit(w) }
func (p problem) VisitGetCustomerFinancialOverviewResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitGetCustomerLoansResponse(w http.ResponseWriter) error { return p.visit(w) }
func (p problem) VisitGetCustomerPartyParameterResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitGetCustomerPartyParametersResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitGetCustomerResponse(w http.ResponseWriter) error  { return p.visit(w) }
func (p problem) VisitGetCustomersResponse(w http.ResponseWriter) error { return p.visit(w) }
func (p problem) VisitInvokeCustomerServiceDefinitionResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitInvokeServiceDefinitionResponse(w http.ResponseWriter) error { return p.visit(w) }
func (p problem) VisitRespondToCustomerActionResponse(w http.ResponseWriter) error { return p.visit(w) }
func (p problem) VisitUpdateCustomerAddressResponse(w http.ResponseWriter) error   { return p.visit(w) }
func (p problem) VisitUpdateCustomerCreditInsuranceResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitUpdateCustomerExtraFieldResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitUpdateCustomerPartyParameterResponse(w http.ResponseWriter) error {
	return p.visit(w)
}
func (p problem) VisitUpdateCustomerResponse(w http.ResponseWriter) error { return p.visit(w) }
