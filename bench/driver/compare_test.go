package main

import (
	"strings"
	"testing"
)

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

// W4's comparison steps through nested lists (orders, their lines, the lines' tokens), maps
// PostGraphile's names, and keeps the page of orders in its order.
func TestCanonicalNestedOrders(t *testing.T) {
	ov := `{"data":{"customers":{"nodes":[{"customerNumber":1000001,"orders":{"nodes":[
		{"orderId":"b","orderNumber":"ORD-2","totalAmount":780,"orderStatus":{"orderStatusId":2,"name":"awaitingPayment"},
		 "orderLines":[{"orderLineId":"l2","productId":11,"amountInclTax":780,"customerTokens":[{"customerTokenId":"t1","ovPayTokenId":3,"xTat":"x3"}]}]},
		{"orderId":"a","orderNumber":"ORD-1","totalAmount":221,"orderStatus":{"orderStatusId":1,"name":"concept"},
		 "orderLines":[{"orderLineId":"l1","productId":3,"amountInclTax":121,"customerTokens":[]},
		               {"orderLineId":"l0","productId":4,"amountInclTax":100,"customerTokens":[]}]}]}}]}}}`
	pg := `{"data":{"allCustomerProfiles":{"nodes":[{"customerNumber":"1000001","salesOrdersByCustomerProfileId":{"nodes":[
		{"orderId":"b","orderNumber":"ORD-2","totalAmount":780,"orderStatusByOrderStatusId":{"id":2,"name":"awaitingPayment"},
		 "orderLinesBySalesOrderId":{"nodes":[{"orderLineId":"l2","productId":11,"amountInclTax":780,
		   "customerTokensByOrderLineId":{"nodes":[{"customerTokenId":"t1","ovpayTokenId":"3","xTat":"x3"}]}}]}},
		{"orderId":"a","orderNumber":"ORD-1","totalAmount":221,"orderStatusByOrderStatusId":{"id":1,"name":"concept"},
		 "orderLinesBySalesOrderId":{"nodes":[{"orderLineId":"l0","productId":4,"amountInclTax":100,"customerTokensByOrderLineId":{"nodes":[]}},
		   {"orderLineId":"l1","productId":3,"amountInclTax":121,"customerTokensByOrderLineId":{"nodes":[]}}]}}]}}]}}}`
	want, err := canonical([]byte(ov), ordersShape("data.customers.nodes", false))
	if err != nil {
		t.Fatal(err)
	}
	if got := want["1000001"]["customerTokens"]; got != "1[t1/3/x3]" {
		t.Fatalf("tokens of the nested lines: %s", got)
	}
	got, err := canonical([]byte(pg), ordersShape("data.allCustomerProfiles.nodes", true))
	if err != nil {
		t.Fatal(err)
	}
	if d := differ(want, got); d != "" {
		t.Fatalf("same data seen as different: %s", d)
	}
	swapped := strings.Replace(strings.Replace(pg, `"orderId":"b"`, `"orderId":"B"`, 1), `"orderId":"a"`, `"orderId":"b"`, 1)
	swapped = strings.Replace(swapped, `"orderId":"B"`, `"orderId":"a"`, 1)
	got, err = canonical([]byte(swapped), ordersShape("data.allCustomerProfiles.nodes", true))
	if err != nil {
		t.Fatal(err)
	}
	if differ(want, got) == "" {
		t.Fatal("a page of orders in another order went unnoticed")
	}
	if _, err := canonical([]byte(`{"data":{"customers":{"nodes":[{"customerNumber":1,"orders":{"nodes":[{"orderLines":null}]}}]}}}`),
		ordersShape("data.customers.nodes", false)); err == nil {
		t.Fatal("a missing nested list was accepted")
	}
}

func TestPick(t *testing.T) {
	ws := []workload{{name: "W1"}, {name: "W2"}, {name: "W4"}}
	got, err := pick(ws, "w4, W1")
	if err != nil || len(got) != 2 || got[0].name != "W1" || got[1].name != "W4" {
		t.Fatalf("pick(w4, W1) = %v, %v", got, err)
	}
	if _, err := pick(ws, "W9"); err == nil {
		t.Fatal("an unknown workload was accepted")
	}
}
