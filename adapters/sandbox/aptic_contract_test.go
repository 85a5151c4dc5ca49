package sandbox

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// apticWalk is one valid call of every Aptic customers operation, in an order in which each
// succeeds: for each resource the list, a create, a read, an update and a delete.
func apticWalk(t *testing.T, doc *openapi3.T) []call {
	const cust = "/v1/Customers/{customerGuid}"
	guid := ApticCustomerGUID(1000001)
	orderby := url.QueryEscape(parameterExampleByRef(t, doc, "orderby"))
	c := map[string]string{"customerGuid": guid}
	with := func(k, v string) map[string]string { return map[string]string{"customerGuid": guid, k: v} }
	list := "$top=25&$skip=0"
	return []call{
		{op: "getCustomers", method: http.MethodGet, path: "/v1/Customers", query: "$filter=" + url.QueryEscape("customerReference eq '1000001'") + "&$orderby=" + orderby + "&" + list, want: 200},
		{op: "createCustomer", method: http.MethodPut, path: "/v1/Customers", body: map[string]any{
			"customerReference": "1000099", "juridicalType": 0, "firstname": "Eva", "lastname": "Smit",
			"street": "Spui", "houseNo": "70", "zipCode": "2511BT", "city": "Den Haag", "countryCode": "NL",
			"languageCode": "nl", "currencyCode": "EUR", "preferredChannel": "EMAIL", "invoiceChannel": "EMAIL",
		}, want: 200},
		{op: "getCustomer", method: http.MethodGet, path: "/v1/Customers/{guid}", params: map[string]string{"guid": guid}, want: 200},
		{op: "updateCustomer", method: http.MethodPatch, path: "/v1/Customers/{guid}", params: map[string]string{"guid": guid},
			body: map[string]any{"cellularPhone": "+31612345678", "invoiceChannel": "LETTER"}, want: 204},
		{op: "getCustomerFinancialOverview", method: http.MethodGet, path: "/v1/Customers/{guid}/FinancialOverview", params: map[string]string{"guid": guid}, want: 200},
		{op: "getCustomerLoans", method: http.MethodGet, path: "/v1/Customers/{guid}/Loans", params: map[string]string{"guid": guid}, query: list, want: 200},

		{op: "getCustomerPartyParameters", method: http.MethodGet, path: cust + "/PartyParameters", params: c, query: list, want: 200},
		{op: "createCustomerPartyParameters", method: http.MethodPut, path: cust + "/PartyParameters", params: c,
			body: []map[string]any{{"name": "SEGMENT", "type": "STRING", "value": "B2C"}}, want: 200},
		{op: "getCustomerPartyParameter", method: http.MethodGet, path: cust + "/PartyParameters/{name}", params: with("name", "SEGMENT"), want: 200},
		{op: "updateCustomerPartyParameter", method: http.MethodPatch, path: cust + "/PartyParameters/{name}", params: with("name", "SEGMENT"),
			body: []map[string]any{{"name": "SEGMENT", "type": "STRING", "value": "B2B"}}, want: 204},
		{op: "deleteCustomerPartyParameter", method: http.MethodDelete, path: cust + "/PartyParameters/{name}", params: with("name", "SEGMENT"), want: 204},

		{op: "getCustomerAddresses", method: http.MethodGet, path: cust + "/Addresses", params: c, query: list, want: 200},
		{op: "createCustomerAddress", method: http.MethodPut, path: cust + "/Addresses", params: c, body: map[string]any{
			"addressType": "POSTAL", "street": "Postbus", "houseNo": "28503", "zipCode": "2502KM", "city": "Den Haag", "countryCode": "NL", "defaultAddress": false,
		}, want: 200},
		{op: "getCustomerAddress", method: http.MethodGet, path: cust + "/Addresses/{addressGuid}", params: with("addressGuid", "a0000001-0000-4000-8000-0000000a0001"), want: 200},
		{op: "updateCustomerAddress", method: http.MethodPatch, path: cust + "/Addresses/{addressGuid}", params: with("addressGuid", "a0000002-0000-4000-8000-0000000a0001"),
			body: map[string]any{"validTo": "2026-12-31T00:00:00Z"}, want: 204},
		{op: "deleteCustomerAddress", method: http.MethodDelete, path: cust + "/Addresses/{addressGuid}", params: with("addressGuid", "a0000002-0000-4000-8000-0000000a0001"), want: 204},

		{op: "getCustomerExtraFields", method: http.MethodGet, path: cust + "/ExtraFields", params: c, query: list, want: 200},
		{op: "createCustomerExtraField", method: http.MethodPut, path: cust + "/ExtraFields", params: c,
			body: map[string]any{"name": "SEGMENTS", "value": []string{"STUDENT"}}, want: 200},
		{op: "getCustomerExtraField", method: http.MethodGet, path: cust + "/ExtraFields/{name}", params: with("name", "SEGMENTS"), want: 200},
		{op: "updateCustomerExtraField", method: http.MethodPatch, path: cust + "/ExtraFields/{name}", params: with("name", "SEGMENTS"),
			body: map[string]any{"value": []string{"STUDENT", "65PLUS"}}, want: 204},
		{op: "deleteCustomerExtraField", method: http.MethodDelete, path: cust + "/ExtraFields/{name}", params: with("name", "SEGMENTS"), want: 204},

		{op: "getCustomerDirectDebitMandates", method: http.MethodGet, path: cust + "/DirectDebitMandates", params: c, query: list, want: 200},
		{op: "createCustomerDirectDebitMandate", method: http.MethodPut, path: cust + "/DirectDebitMandates", params: c, body: map[string]any{
			"directDebitMandateType": 3, "receivingBankAccountNo": htmCreditorIBAN, "sendingBankAccountClass": 3,
			"sendingBankAccountNo": "NL48ABNA1022121676", "referenceNo": "HTM-MND-1000001-2", "signedDate": "2026-11-01T10:00:00Z",
		}, want: 200},
		{op: "getCustomerDirectDebitMandate", method: http.MethodGet, path: cust + "/DirectDebitMandates/{directDebitGuid}", params: with("directDebitGuid", "a0000003-0000-4000-8000-0000000a0001"), want: 200},

		{op: "getCustomerCreditInsurances", method: http.MethodGet, path: cust + "/CreditInsurances", params: c, query: list, want: 200},
		{op: "createCustomerCreditInsurance", method: http.MethodPut, path: cust + "/CreditInsurances", params: c, body: map[string]any{
			"insuranceCompanyReferenceCode": "EULERHERMES", "currencyCode": "EUR", "amount": 250.0, "paymentTerm": 30, "graceDays": 7,
		}, want: 200},
		{op: "getCustomerCreditInsurance", method: http.MethodGet, path: cust + "/CreditInsurances/{insuranceGuid}", params: with("insuranceGuid", "a0000004-0000-4000-8000-0000000a0001"), want: 200},
		{op: "updateCustomerCreditInsurance", method: http.MethodPatch, path: cust + "/CreditInsurances/{insuranceGuid}", params: with("insuranceGuid", "a0000004-0000-4000-8000-0000000a0001"),
			body: map[string]any{"amount": 750.0}, want: 204},
		{op: "deleteCustomerCreditInsurance", method: http.MethodDelete, path: cust + "/CreditInsurances/{insuranceGuid}", params: with("insuranceGuid", "a0000004-0000-4000-8000-0000000a0001"), want: 204},

		{op: "getCustomerActions", method: http.MethodGet, path: cust + "/Actions", params: c, query: list, want: 200},
		{op: "getCustomerAction", method: http.MethodGet, path: cust + "/Actions/{actionGuid}", params: with("actionGuid", "a0000005-0000-4000-8000-0000000a0001"), want: 200},
		{op: "respondToCustomerAction", method: http.MethodPatch, path: cust + "/Actions/{actionGuid}", params: with("actionGuid", "a0000005-0000-4000-8000-0000000a0001"),
			body: map[string]any{"response": "ACCEPT", "note": "graag"}, want: 204},

		{op: "invokeCustomerServiceDefinition", method: http.MethodPost, path: cust + "/Services/{serviceDefinition}", params: with("serviceDefinition", "RecalculateBalance"),
			body: map[string]any{"name1": "string", "name2": false, "name3": map[string]any{"name4": []string{"string", "string"}}}, want: 200},
		{op: "invokeServiceDefinition", method: http.MethodPost, path: "/v1/Customers/Services/{serviceDefinition}", params: map[string]string{"serviceDefinition": "NightlyExport"},
			query: "async=true", body: map[string]any{"name1": "string"}, want: 200},
	}
}

// parameterExampleByRef is the example of a shared parameter (components.parameters).
func parameterExampleByRef(t *testing.T, doc *openapi3.T, name string) string {
	t.Helper()
	p := doc.Components.Parameters[name]
	if p == nil {
		t.Fatalf("no shared parameter %s", name)
	}
	if p.Value.Example != nil {
		return p.Value.Example.(string)
	}
	if s := p.Value.Schema; s != nil && s.Value.Example != nil {
		return s.Value.Example.(string)
	}
	t.Fatalf("no example for the shared parameter %s", name)
	return ""
}

// TestApticContractWalk calls every operation of the Aptic customers contract once with a valid
// request and validates each answer against the contract.
func TestApticContractWalk(t *testing.T) {
	h := newHarness(t, Config{})
	h.walk(VendorAptic, apticWalk(t, h.docs[VendorAptic]))
}

// TestApticErrorsConform: refusals are problem details the contract allows (its `default`).
func TestApticErrorsConform(t *testing.T) {
	h := newHarness(t, Config{})
	const cust = "/v1/Customers/{customerGuid}"
	c := map[string]string{"customerGuid": ApticCustomerGUID(1000001)}
	with := func(k, v string) map[string]string {
		return map[string]string{"customerGuid": ApticCustomerGUID(1000001), k: v}
	}
	cases := map[string]call{
		"no token":         {op: "getCustomers", method: http.MethodGet, path: "/v1/Customers", noAuth: true, want: 401},
		"unknown customer": {op: "getCustomer", method: http.MethodGet, path: "/v1/Customers/{guid}", params: map[string]string{"guid": ApticCustomerGUID(1999999)}, want: 404},
		"top above 100":    {op: "getCustomers", method: http.MethodGet, path: "/v1/Customers", query: "$top=101", invalid: true, want: 400},
		"filter the sandbox cannot read": {op: "getCustomers", method: http.MethodGet, path: "/v1/Customers",
			query: "$filter=" + url.QueryEscape("startswith(fullName,'A')"), want: 400},
		"no name": {op: "createCustomer", method: http.MethodPut, path: "/v1/Customers", body: map[string]any{"firstname": "Eva"}, want: 400},
		"channel in the wrong case": {op: "updateCustomer", method: http.MethodPatch, path: "/v1/Customers/{guid}", params: map[string]string{"guid": ApticCustomerGUID(1000001)},
			body: map[string]any{"invoiceChannel": "email"}, want: 400},
		"mandate type 6": {op: "createCustomerDirectDebitMandate", method: http.MethodPut, path: cust + "/DirectDebitMandates", params: c,
			body: map[string]any{"directDebitMandateType": 6, "receivingBankAccountNo": htmCreditorIBAN}, want: 400},
		"response not offered": {op: "respondToCustomerAction", method: http.MethodPatch, path: cust + "/Actions/{actionGuid}", params: with("actionGuid", "a0000005-0000-4000-8000-0000000a0001"),
			body: map[string]any{"response": "MAYBE"}, want: 400},
		"postpone not allowed": {op: "respondToCustomerAction", method: http.MethodPatch, path: cust + "/Actions/{actionGuid}", params: with("actionGuid", "a0000006-0000-4000-8000-0000000a0001"),
			body: map[string]any{"response": "YES", "postponeTo": "2030-01-01T00:00:00Z"}, want: 400},
		"duplicate extra field": {op: "createCustomerExtraField", method: http.MethodPut, path: cust + "/ExtraFields", params: c,
			body: map[string]any{"name": "HTM_CUSTOMER_NUMBER", "value": []string{"1"}}, want: 409},
		"unknown address": {op: "deleteCustomerAddress", method: http.MethodDelete, path: cust + "/Addresses/{addressGuid}", params: with("addressGuid", "nope"), want: 404},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			h.t = t
			h.do(VendorAptic, c)
		})
	}
}

// TestApticState: writes change what later reads answer.
func TestApticState(t *testing.T) {
	h := newHarness(t, Config{})
	const cust = "/v1/Customers/{customerGuid}"
	guid := ApticCustomerGUID(1000001)
	c := map[string]string{"customerGuid": guid}
	read := func(cl call, into any) {
		t.Helper()
		if err := json.Unmarshal(h.do(VendorAptic, cl), into); err != nil {
			t.Fatalf("%s: %v", cl.op, err)
		}
	}

	t.Run("create a customer, find it by reference", func(t *testing.T) {
		h.t = t
		var created struct {
			CustomerGuid string `json:"customerGuid"`
			FullName     string `json:"fullName"`
		}
		read(call{op: "createCustomer", method: http.MethodPut, path: "/v1/Customers", body: map[string]any{
			"customerReference": "1000042", "firstname": "Eva", "lastname": "Smit", "street": "Spui", "houseNo": "70", "city": "Den Haag",
		}, want: 200}, &created)
		if created.FullName != "Eva Smit" {
			t.Errorf("fullName %q, want it from the name parts", created.FullName)
		}
		var page struct {
			Total int `json:"total"`
			Value []struct {
				CustomerGuid string `json:"customerGuid"`
			} `json:"value"`
		}
		read(call{op: "getCustomers", method: http.MethodGet, path: "/v1/Customers", query: "$filter=" + url.QueryEscape("customerReference eq '1000042'"), want: 200}, &page)
		if page.Total != 1 || page.Value[0].CustomerGuid != created.CustomerGuid {
			t.Errorf("customers with reference 1000042: %+v, want %s", page, created.CustomerGuid)
		}
		var addrs struct {
			Total int `json:"total"`
		}
		read(call{op: "getCustomerAddresses", method: http.MethodGet, path: cust + "/Addresses", params: map[string]string{"customerGuid": created.CustomerGuid}, want: 200}, &addrs)
		if addrs.Total != 1 {
			t.Errorf("the new customer has %d addresses, want its main address", addrs.Total)
		}
	})

	t.Run("address default moves", func(t *testing.T) {
		h.t = t
		var added struct {
			AddressGuid string `json:"addressGuid"`
		}
		read(call{op: "createCustomerAddress", method: http.MethodPut, path: cust + "/Addresses", params: c,
			body: map[string]any{"addressType": "BILLING", "street": "Spui", "houseNo": "70", "city": "Den Haag", "defaultAddress": true}, want: 200}, &added)
		var page struct {
			Value []struct {
				AddressGuid    string `json:"addressGuid"`
				DefaultAddress bool   `json:"defaultAddress"`
			} `json:"value"`
		}
		read(call{op: "getCustomerAddresses", method: http.MethodGet, path: cust + "/Addresses", params: c, query: "$filter=" + url.QueryEscape("defaultAddress eq true"), want: 200}, &page)
		if len(page.Value) != 1 || page.Value[0].AddressGuid != added.AddressGuid {
			t.Errorf("default addresses: %+v, want only %s", page.Value, added.AddressGuid)
		}
	})

	t.Run("extra field and party parameter", func(t *testing.T) {
		h.t = t
		name := map[string]string{"customerGuid": guid, "name": "OVPAY_TOKENS"}
		h.do(VendorAptic, call{op: "updateCustomerExtraField", method: http.MethodPatch, path: cust + "/ExtraFields/{name}", params: name,
			body: map[string]any{"value": []string{"xtat-1000001-1", "xtat-1000001-2"}}, want: 204})
		var field struct {
			Value []string `json:"value"`
		}
		read(call{op: "getCustomerExtraField", method: http.MethodGet, path: cust + "/ExtraFields/{name}", params: name, want: 200}, &field)
		if len(field.Value) != 2 {
			t.Errorf("extra field after the update: %v", field.Value)
		}
		param := map[string]string{"customerGuid": guid, "name": "PAYMENT_PLAN"}
		h.do(VendorAptic, call{op: "deleteCustomerPartyParameter", method: http.MethodDelete, path: cust + "/PartyParameters/{name}", params: param, want: 204})
		h.do(VendorAptic, call{op: "getCustomerPartyParameter", method: http.MethodGet, path: cust + "/PartyParameters/{name}", params: param, want: 404})
	})

	t.Run("mandate and answered action", func(t *testing.T) {
		h.t = t
		var m struct {
			MandateGuid string `json:"mandateGuid"`
		}
		read(call{op: "createCustomerDirectDebitMandate", method: http.MethodPut, path: cust + "/DirectDebitMandates", params: c,
			body: map[string]any{"directDebitMandateType": 3, "receivingBankAccountNo": htmCreditorIBAN, "sendingBankAccountNo": "NL48ABNA1022121676"}, want: 200}, &m)
		h.do(VendorAptic, call{op: "getCustomerDirectDebitMandate", method: http.MethodGet, path: cust + "/DirectDebitMandates/{directDebitGuid}",
			params: map[string]string{"customerGuid": guid, "directDebitGuid": m.MandateGuid}, want: 200})
		action := map[string]string{"customerGuid": guid, "actionGuid": "a0000006-0000-4000-8000-0000000a0001"}
		h.do(VendorAptic, call{op: "respondToCustomerAction", method: http.MethodPatch, path: cust + "/Actions/{actionGuid}", params: action, body: map[string]any{"response": "YES"}, want: 204})
		h.do(VendorAptic, call{op: "getCustomerAction", method: http.MethodGet, path: cust + "/Actions/{actionGuid}", params: action, want: 404})
	})
}
