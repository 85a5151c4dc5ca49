package resolvers_test

import "fmt"

// The policy matrix's samples of the SE token fields. Each case takes its own fresh GBO cards
// from the seeded pool (README: "Seeded GBO cards"), numbered by the case.

func init() {
	for k, v := range seTokenSamples {
		samples[k] = v
	}
}

// Pool cards of the seed: n = 1..1000.
func poolEMVXTat(n int) string   { return fmt.Sprintf("00000001-0000-4000-8000-%012d", n) }
func poolEMVSRID(n int) string   { return fmt.Sprintf("NLOVPOOL%010d", n) }
func poolOvpasXTat(n int) string { return fmt.Sprintf("00000002-0000-4000-8000-%012d", n) }
func poolOvpasNumber(n int) string {
	return fmt.Sprintf("OVP%06d", n)
}

// poolIndex is the pool card a matrix case may use: its sequence number, within the pool.
func poolIndex(f matrixFixture) int {
	var n int
	_, _ = fmt.Sscanf(f.unique, "%d", &n)
	return n%1000 + 1
}

func onProfile(extra func(f matrixFixture, vars map[string]any)) func(f matrixFixture) map[string]any {
	return func(f matrixFixture) map[string]any {
		vars := map[string]any{"p": f.targetProfile}
		if extra != nil {
			extra(f, vars)
		}
		return vars
	}
}

var seTokenSamples = map[string]sample{
	"Query.customerProfile": {query: `query($p: Int) { customerProfile(customerProfileId: $p) { customerNumber } }`, vars: onProfile(nil)},
	"Query.compareTokens": {query: `query($p: Int, $id: Int!, $t: String) { compareTokens(customerProfileId: $p, ovPayTokenId: $id,
		newToken: {xTat: $t}) { isTransferable } }`,
		vars: onProfile(func(f matrixFixture, v map[string]any) { v["id"], v["t"] = f.token, poolEMVXTat(poolIndex(f)) })},
	"Mutation.registerOvPayToken": {query: `mutation($p: Int, $s: String) { registerOvPayToken(customerProfileId: $p,
		input: {tokenTypeId: 1, serviceReferenceId: $s, amount: 100, alias: "Bankpas"}) { ovPayTokenId } }`,
		vars: onProfile(func(f matrixFixture, v map[string]any) { v["s"] = poolEMVSRID(poolIndex(f)) })},
	"Mutation.editOvPayToken": {query: `mutation($p: Int, $id: Int!) { editOvPayToken(customerProfileId: $p, ovPayTokenId: $id,
		input: {alias: "Nieuw"}) { ovPayTokenId } }`,
		vars: onProfile(func(f matrixFixture, v map[string]any) { v["id"] = f.token })},
	"Mutation.removeOvPayToken": {query: `mutation($p: Int, $id: Int!) { removeOvPayToken(customerProfileId: $p, ovPayTokenId: $id) { ovPayTokenId } }`,
		vars: onProfile(func(f matrixFixture, v map[string]any) { v["id"] = f.token })},
	"Mutation.replaceOvPayToken": {query: `mutation($p: Int, $id: Int!, $t: String) { replaceOvPayToken(customerProfileId: $p, ovPayTokenId: $id,
		input: {xTat: $t, alias: "Nieuw"}) { created } }`,
		vars: onProfile(func(f matrixFixture, v map[string]any) { v["id"], v["t"] = f.token, poolOvpasXTat(poolIndex(f)) })},
}
