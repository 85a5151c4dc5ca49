package main

import "testing"

// The comparison maps PostGraphile's names onto ovgraph's, and notices a changed value.
func TestCanonicalAcrossSystems(t *testing.T) {
	ov := `{"data":{"customer":{"customerProfileId":7,"customerNumber":1000007,"debtorNumber":"D7",
		"customerStatuses":[{"name":"inactive"},{"name":"active"}],
		"person":{"surname":"Jansen","emailAddress":"j@example.nl","dateOfBirth":"1970-01-01",
			"addresses":[{"addressId":14,"city":"Stad 7","postalCode":"1007AB"},{"addressId":13,"city":"Dorp 7","postalCode":"1007AB"}],
			"phones":[]},
		"ovChipCards":[],"ovPayTokens":[{"ovPayTokenId":21,"xTat":"x"}],"billingInformation":[],"directDebitMandates":[]}}}`
	pg := `{"data":{"customerProfileByCustomerNumber":{"id":"7","customerNumber":"1000007","debtorNumber":"D7",
		"surname":"Jansen","emailAddress":"j@example.nl","dateOfBirth":"1970-01-01",
		"customerStatusesByCustomerProfileId":{"nodes":[{"customerStatusTypeByStatusTypeId":{"name":"active"}},{"customerStatusTypeByStatusTypeId":{"name":"inactive"}}]},
		"addressesByCustomerProfileId":{"nodes":[{"id":"13","city":"Dorp 7","postalCode":"1007AB"},{"id":"14","city":"Stad 7","postalCode":"1007AB"}]},
		"phonesByCustomerProfileId":{"nodes":[]},"ovChipCardsByCustomerProfileId":{"nodes":[]},
		"ovpayTokensByCustomerProfileId":{"nodes":[{"id":"21","xTat":"x"}]},
		"billingInformationsByCustomerProfileId":{"nodes":[]},"directDebitMandatesByCustomerProfileId":{"nodes":[]}}}}`
	want, err := canonical([]byte(ov), ovgraphShape("data.customer", true, false))
	if err != nil {
		t.Fatal(err)
	}
	got, err := canonical([]byte(pg), postgraphileShape("data.customerProfileByCustomerNumber", true, false))
	if err != nil {
		t.Fatal(err)
	}
	if d := differ(want, got); d != "" {
		t.Fatalf("same data seen as different: %s", d)
	}
	changed, err := canonical([]byte(ov), ovgraphShape("data.customer", true, false))
	if err != nil {
		t.Fatal(err)
	}
	changed["1000007"]["addresses"] = "2[13/Dorp 7/1007AB 14/Stad 8/1007AB]"
	if differ(want, changed) == "" {
		t.Fatal("a changed city went unnoticed")
	}
	if _, err := canonical([]byte(`{"errors":[{"message":"no"}]}`), ovgraphShape("data.customer", true, false)); err == nil {
		t.Fatal("an answer with errors was accepted")
	}
}
