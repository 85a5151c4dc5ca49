package resolvers_test

import "ovgraph/adapters/sandbox"

// The policy matrix's samples of the Aptic mutations. The fixture's target is linked to a fresh
// sandbox Aptic customer: no addresses, extra fields or insurances, one open question (the
// sandbox's welcome action). A sample of a change to an item creates the item first in the same
// document (mutations run in order), naming it by the GUID the sandbox gives it.

func init() {
	for k, v := range apticSamples {
		samples[k] = v
	}
}

func apticVars(extra func(f matrixFixture) map[string]any) func(f matrixFixture) map[string]any {
	return func(f matrixFixture) map[string]any {
		v := map[string]any{"n": f.target}
		if extra != nil {
			for k, x := range extra(f) {
				v[k] = x
			}
		}
		return v
	}
}

func firstApticItem(resource string) func(f matrixFixture) map[string]any {
	return func(f matrixFixture) map[string]any {
		return map[string]any{"g": sandbox.ApticItemGUID(f.apticCustomer, resource, 1)}
	}
}

const (
	apticSampleAddress   = `a: createApticAddress(customerNumber: $n, input: {street: "Spui", houseNo: "70", zipCode: "2511BT", city: "Den Haag", countryCode: "NL"}) { addressGuid }`
	apticSampleField     = `a: createApticExtraField(customerNumber: $n, input: {name: "SAMPLE", value: ["1"]}) { name }`
	apticSampleInsurance = `a: createApticCreditInsurance(customerNumber: $n, input: {insuranceCompanyReferenceCode: "ATRADIUS", amount: 100, currencyCode: "EUR"}) { insuranceGuid }`
)

var apticSamples = map[string]sample{
	// The target is linked to its Aptic customer already: unlink it first (the create then finds
	// that customer by its customerReference and links it again).
	"Mutation.createApticCustomer": {query: `mutation($n: Int!) { unlinkVendorCustomer(customerNumber: $n, vendor: APTIC) { customerNumber }
		createApticCustomer(customerNumber: $n) { customerGuid } }`, vars: apticVars(nil)},
	"Mutation.updateApticCustomer": {query: `mutation($n: Int!) { updateApticCustomer(customerNumber: $n, input: {firstname: "Piet"}) { customerGuid } }`,
		vars: apticVars(nil)},
	"Mutation.createApticAddress": {query: `mutation($n: Int!) { ` + apticSampleAddress + ` }`, vars: apticVars(nil)},
	"Mutation.updateApticAddress": {query: `mutation($n: Int!, $g: String!) { ` + apticSampleAddress + `
		updateApticAddress(customerNumber: $n, addressGuid: $g, input: {city: "Delft"}) { addressGuid } }`,
		vars: apticVars(firstApticItem("Addresses"))},
	"Mutation.deleteApticAddress": {query: `mutation($n: Int!, $g: String!) { ` + apticSampleAddress + `
		deleteApticAddress(customerNumber: $n, addressGuid: $g) { addressGuid } }`, vars: apticVars(firstApticItem("Addresses"))},
	"Mutation.createApticExtraField": {query: `mutation($n: Int!) { ` + apticSampleField + ` }`, vars: apticVars(nil)},
	"Mutation.updateApticExtraField": {query: `mutation($n: Int!) { ` + apticSampleField + `
		updateApticExtraField(customerNumber: $n, name: "SAMPLE", value: ["2"]) { name } }`, vars: apticVars(nil)},
	"Mutation.deleteApticExtraField": {query: `mutation($n: Int!) { ` + apticSampleField + `
		deleteApticExtraField(customerNumber: $n, name: "SAMPLE") { name } }`, vars: apticVars(nil)},
	"Mutation.setApticPartyParameters": {query: `mutation($n: Int!) { setApticPartyParameters(customerNumber: $n,
		parameters: [{name: "DUNNING_LEVEL", type: "INT", value: "1"}]) { parameters { name } } }`, vars: apticVars(nil)},
	"Mutation.createApticDirectDebitMandate": {query: `mutation($n: Int!) { createApticDirectDebitMandate(customerNumber: $n,
		input: {directDebitMandateType: 3, receivingBankAccountNo: "NL91ABNA0417164300", sendingBankAccountNo: "NL44RABO0123456789"}) {
		directDebitMandate { mandateGuid } } }`, vars: apticVars(nil)},
	"Mutation.createApticCreditInsurance": {query: `mutation($n: Int!) { ` + apticSampleInsurance + ` }`, vars: apticVars(nil)},
	"Mutation.updateApticCreditInsurance": {query: `mutation($n: Int!, $g: String!) { ` + apticSampleInsurance + `
		updateApticCreditInsurance(customerNumber: $n, insuranceGuid: $g, input: {amount: 200}) { insuranceGuid } }`,
		vars: apticVars(firstApticItem("CreditInsurances"))},
	"Mutation.deleteApticCreditInsurance": {query: `mutation($n: Int!, $g: String!) { ` + apticSampleInsurance + `
		deleteApticCreditInsurance(customerNumber: $n, insuranceGuid: $g) { insuranceGuid } }`,
		vars: apticVars(firstApticItem("CreditInsurances"))},
	"Mutation.respondToApticAction": {query: `mutation($n: Int!, $g: String!) { respondToApticAction(customerNumber: $n, actionGuid: $g,
		input: {response: "YES"}) { actionGuid } }`, vars: apticVars(firstApticItem("Actions"))},
}
