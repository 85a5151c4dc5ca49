package resolvers_test

import (
	"sync"
	"time"

	"github.com/google/uuid"

	"ovgraph/adapters/sandbox"
)

// The policy matrix's samples of the MasStack accounts writes. They act on the fixture's MasStack
// customer (f.accountsCustomer, one POSTPAID account f.account paid by direct debit): change its
// payment method, open a RECURRING_PREPAID account beside it, delete it, and cancel a promotion
// the sandbox gives it for the cancelPromotion sample alone (a promotion would keep the others
// from deleting the account).

func init() {
	for k, v := range accountsSamples {
		samples[k] = v
	}
	matrixFixtureHooks = append(matrixFixtureHooks, func(e *env, f matrixFixture) {
		matrixAccountEnvs.Store(f.account, e)
	})
}

// matrixAccountEnvs is the environment of each fixture's account, for the cancelPromotion sample
// to give it a promotion.
var matrixAccountEnvs sync.Map

var accountsSamples = map[string]sample{
	"Mutation.changePaymentMethod": {query: `mutation($n: Int!, $a: String!) { changePaymentMethod(customerNumber: $n, accountId: $a,
		input: {type: DIRECT_DEBIT, iban: "NL25INGB4169265501"}) { accountId } }`, vars: onAccount},
	"Mutation.createBillingAccount": {query: `mutation($n: Int!) { createBillingAccount(customerNumber: $n, input: {modality: RECURRING_PREPAID,
		paymentMethod: {type: CREDIT_CARD, tokenId: "d1a9a3e2-5c1f-4b7e-9a55-00000000c0de"}}) { accountId } }`, vars: onTarget},
	"Mutation.deleteBillingAccount": {query: `mutation($n: Int!, $a: String!) { deleteBillingAccount(customerNumber: $n, accountId: $a) { accountId } }`,
		vars: onAccount},
	"Mutation.cancelPromotion": {query: `mutation($n: Int!, $a: String!, $p: String!, $d: Date!) { cancelPromotion(customerNumber: $n,
		accountId: $a, accountPromotionId: $p, cancellationDate: $d) { accountId } }`,
		vars: func(f matrixFixture) map[string]any {
			v := onAccount(f)
			e, _ := matrixAccountEnvs.Load(f.account)
			id, err := e.(*env).sandbox.AddAccountPromotion(sandbox.DemoOrg, uuid.MustParse(f.account), "MATRIX", "Matrix", time.Now())
			if err != nil {
				e.(*env).t.Fatal(err)
			}
			v["p"], v["d"] = id.String(), time.Now().AddDate(0, 1, 0).Format(time.DateOnly)
			return v
		}},
}

func onAccount(f matrixFixture) map[string]any { return map[string]any{"n": f.target, "a": f.account} }
