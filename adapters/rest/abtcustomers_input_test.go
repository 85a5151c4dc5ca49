package rest

import "testing"

// Input the shim refuses with the documented 400 (issue 6), each measured case through the REST
// paths; resolvers/input_test.go has the same cases through GraphQL.
func TestABTCustomersRefusesInput(t *testing.T) {
	verify := func(field string) map[string]any {
		return errBody400(`Bad Request - please verify the value for the following field "` + field + `"`)
	}
	runAPICases(t, map[string][]apiCase{
		"integers beyond 32 bits": {
			{name: "debtorStatusId 2^32+3", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}",
				body: `{"debtorStatusId": 4294967299}`, status: 400, want: verify("debtorStatusId"), unchanged: true},
			{name: "houseNumber 2^32+1", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/addresses/1",
				body: `{"address": {"houseNumber": 4294967297}}`, status: 400, want: verify("houseNumber"), unchanged: true},
			{name: "addressTypeId 2^32+1", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/addresses/1",
				body: `{"address": {"addressTypeId": 4294967297}}`, status: 400, want: verify("addressTypeId"), unchanged: true},
			{name: "languageId 2^32+2", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/customerpreferences",
				body: `{"customerPreference": {"languageId": 4294967298}}`, status: 400, want: verify("languageId"), unchanged: true},
			{name: "languageId 2^32+2 as a string", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/customerpreferences",
				body: `{"customerPreference": {"languageId": "4294967298"}}`, status: 400,
				want: errBody400("numeric instance is greater than the required maximum (maximum: 2147483647, found: 4294967298)"), unchanged: true},
			{name: "houseNumber 2^63", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/addresses/1",
				body: `{"address": {"houseNumber": 9223372036854775808}}`, status: 400, want: verify("houseNumber"), unchanged: true},
			{name: "languageId 2.0", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/customerpreferences",
				body: `{"customerPreference": {"languageId": 2.0}}`, status: 400,
				want: errBody400("a number written with a fraction or an exponent is not an integer"), unchanged: true},
			{name: "chipCardNumber beyond 64 bits", as: asTouchpoint, method: "POST", path: "/customers/{cn}/ovchipcards",
				body: `{"ovChipCard": {"chipCardNumber": 18446744073709551617}}`, status: 400, want: verify("chipCardNumber"), unchanged: true},
		},
	})
}
