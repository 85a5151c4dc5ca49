package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
)

// ovgraphFull selects every field of a profile and of each child list (W1 and W2 on ovgraph).
const ovgraphFull = `fragment Full on Customer {
  customerProfileId customerNumber debtorNumber debtorStateId vascustomerNumber currentStatus created
  customerPreference { languageId }
  customerStatuses { name fromInclusive toInclusive }
  person {
    birthname surname prefix suffix dateOfBirth emailAddress
    addresses { addressId street houseNumber houseNumberSuffix postalCode city country addressType isPreferred }
    phones { phoneId number countryCode phoneType isPreferred }
  }
  ovChipCards { ovChipCardId chipCardNumber validUntil alias }
  ovPayTokens { ovPayTokenId tokenTypeId xTat xBot alias lastDigits ovpasNumber tokenStatusId expirationDate replacedByTokenId }
  billingInformation { billingInformationId iban bic ascription alias billingAddressId created }
  directDebitMandates { directDebitMandateId directDebitMandateTypeId directDebitMandateTypeName billingInformationId mandateReference mandateState created updateTimestamp }
}`

// pgFull is the same selection over PostGraphile v4's generated schema (its default inflection:
// relations as <children>By<ForeignKey>, lookups through their foreign keys; currentStatus is the
// computed column customer_profile_current_status that seed.sql adds).
const pgFull = `fragment Full on CustomerProfile {
  id customerNumber debtorNumber debtorStatusId vasCustomerNumber currentStatus created languageId
  birthname surname prefix suffix dateOfBirth emailAddress
  customerStatusesByCustomerProfileId(orderBy: [FROM_INCLUSIVE_ASC, ID_ASC]) { nodes { fromInclusive toInclusive customerStatusTypeByStatusTypeId { name } } }
  addressesByCustomerProfileId(orderBy: ID_ASC) { nodes { id street houseNumber houseNumberSuffix postalCode city country isPreferred addressTypeByAddressTypeId { name } } }
  phonesByCustomerProfileId(orderBy: ID_ASC) { nodes { id number countryCode isPreferred phoneTypeByPhoneTypeId { name } } }
  ovChipCardsByCustomerProfileId(orderBy: ID_ASC) { nodes { id chipCardNumber validUntil alias } }
  ovpayTokensByCustomerProfileId(orderBy: ID_ASC) { nodes { id tokenTypeId xTat xBot alias lastDigits ovpasNumber tokenStatusId expirationDate replacedByTokenId } }
  billingInformationsByCustomerProfileId(orderBy: ID_ASC) { nodes { id iban bic ascription alias billingAddressId created } }
  directDebitMandatesByCustomerProfileId(orderBy: ID_ASC) { nodes { id mandateTypeId billingInformationId mandateReference mandateState created updateTimestamp directDebitMandateTypeByMandateTypeId { name } } }
}`

// pgREST is the selection of the REST shim's CustomerProfile fragment over PostGraphile's schema
// (audit rows reach the profile through a smart-comment foreign key seed.sql declares).
const pgREST = `fragment Rest on CustomerProfile {
  id customerNumber debtorNumber debtorStatusId vasCustomerNumber languageId
  birthname surname prefix suffix dateOfBirth emailAddress
  customerStatusesByCustomerProfileId(orderBy: [FROM_INCLUSIVE_ASC, ID_ASC]) { nodes { fromInclusive toInclusive customerStatusTypeByStatusTypeId { name } } }
  addressesByCustomerProfileId(orderBy: ID_ASC) { nodes { id street houseNumber houseNumberSuffix postalCode city country addressTypeByAddressTypeId { name } } }
  phonesByCustomerProfileId(orderBy: ID_ASC) { nodes { id number countryCode isPreferred phoneTypeByPhoneTypeId { name } } }
  ovChipCardsByCustomerProfileId(orderBy: ID_ASC) { nodes { id chipCardNumber validUntil alias } }
  ovpayTokensByCustomerProfileId(orderBy: ID_ASC) { nodes { id tokenTypeId xTat xBot alias lastDigits ovpasNumber tokenStatusId expirationDate replacedByTokenId } }
  auditTrailsByCustomerProfileId(orderBy: ID_ASC) { nodes { id customerProfileId action user timestamp correlationId } }
}`

// shape says where a system's answer keeps the profiles and how to read the fields the harness
// compares: dotted paths, relative to the answer and to each profile.
type shape struct {
	profiles string // the list of profiles (or the one profile when single)
	single   bool
	number   string
	fields   map[string]string // compared scalar -> path in a profile
	lists    map[string]list   // compared child list -> where it is and what of each element
}

// list is a child list: path to it from a profile (">" steps through nested lists, see elements)
// and the paths of the values compared per element. The tuples are compared sorted, or in the
// order given when ordered (a page whose order matters).
type list struct {
	path    string
	values  []string
	ordered bool
}

func ovgraphShape(profiles string, single, rest bool) shape {
	s := shape{profiles: profiles, single: single, number: "customerNumber",
		fields: map[string]string{"profileId": "customerProfileId", "surname": "person.surname",
			"email": "person.emailAddress", "birth": "person.dateOfBirth", "debtor": "debtorNumber"},
		lists: map[string]list{
			"addresses": {path: "person.addresses", values: []string{"addressId", "city", "postalCode"}},
			"phones":    {path: "person.phones", values: []string{"phoneId", "number"}},
			"cards":     {path: "ovChipCards", values: []string{"ovChipCardId", "chipCardNumber"}},
			"tokens":    {path: "ovPayTokens", values: []string{"ovPayTokenId", "xTat"}},
			"statuses":  {path: "customerStatuses", values: []string{"name"}},
			"billing":   {path: "billingInformation", values: []string{"billingInformationId", "iban"}},
			"mandates":  {path: "directDebitMandates", values: []string{"directDebitMandateId", "mandateReference"}},
		}}
	if rest {
		s.lists["addresses"] = list{path: "person.address", values: s.lists["addresses"].values}
		s.lists["phones"] = list{path: "person.phone", values: s.lists["phones"].values}
		s.lists["cards"] = list{path: "ovChipCard", values: s.lists["cards"].values}
		s.lists["tokens"] = list{path: "ovPayToken", values: s.lists["tokens"].values}
		s.lists["statuses"] = list{path: "customerStatus", values: s.lists["statuses"].values}
		s.lists["audit"] = list{path: "audit", values: []string{"auditTrailId"}}
		delete(s.lists, "billing")
		delete(s.lists, "mandates")
	}
	return s
}

func postgraphileShape(profiles string, single, rest bool) shape {
	s := shape{profiles: profiles, single: single, number: "customerNumber",
		fields: map[string]string{"profileId": "id", "surname": "surname", "email": "emailAddress",
			"birth": "dateOfBirth", "debtor": "debtorNumber"},
		lists: map[string]list{
			"addresses": {path: "addressesByCustomerProfileId.nodes", values: []string{"id", "city", "postalCode"}},
			"phones":    {path: "phonesByCustomerProfileId.nodes", values: []string{"id", "number"}},
			"cards":     {path: "ovChipCardsByCustomerProfileId.nodes", values: []string{"id", "chipCardNumber"}},
			"tokens":    {path: "ovpayTokensByCustomerProfileId.nodes", values: []string{"id", "xTat"}},
			"statuses":  {path: "customerStatusesByCustomerProfileId.nodes", values: []string{"customerStatusTypeByStatusTypeId.name"}},
			"billing":   {path: "billingInformationsByCustomerProfileId.nodes", values: []string{"id", "iban"}},
			"mandates":  {path: "directDebitMandatesByCustomerProfileId.nodes", values: []string{"id", "mandateReference"}},
		}}
	if rest {
		s.lists["audit"] = list{path: "auditTrailsByCustomerProfileId.nodes", values: []string{"id"}}
		delete(s.lists, "billing")
		delete(s.lists, "mandates")
	}
	return s
}

// ovgraphOrders is W4 on ovgraph: a page of customers, each with its newest 5 orders, their lines
// and the lines' customer tokens.
const ovgraphOrders = `query W4 { customers(first: 50) { nodes { customerNumber
  orders(first: 5) { nodes {
    orderId orderNumber totalAmount orderStatus { orderStatusId name }
    orderLines { orderLineId productId amountInclTax customerTokens { customerTokenId ovPayTokenId xTat } }
  } }
} } }`

// pgOrders is W4 over PostGraphile's schema: orders are sales_order rows, newest first by key as
// ovgraph pages them; lines and tokens in the order they were added.
const pgOrders = `query W4 { allCustomerProfiles(first: 50, orderBy: CUSTOMER_NUMBER_ASC) { nodes { customerNumber
  salesOrdersByCustomerProfileId(first: 5, orderBy: ID_DESC) { nodes {
    orderId orderNumber totalAmount orderStatusByOrderStatusId { id name }
    orderLinesBySalesOrderId(orderBy: ID_ASC) { nodes { orderLineId productId amountInclTax
      customerTokensByOrderLineId(orderBy: ID_ASC) { nodes { customerTokenId ovpayTokenId xTat } } } }
  } }
} } }`

// ordersShape compares W4's answers: per customer its page of orders in order (ids, number, total,
// status), the lines of those orders and the lines' customer tokens.
func ordersShape(profiles string, postgraphile bool) shape {
	s := shape{profiles: profiles, number: "customerNumber", fields: map[string]string{}}
	if postgraphile {
		s.lists = map[string]list{
			"orders": {path: "salesOrdersByCustomerProfileId.nodes", ordered: true, values: []string{"orderId", "orderNumber",
				"totalAmount", "orderStatusByOrderStatusId.id", "orderStatusByOrderStatusId.name"}},
			"lines": {path: "salesOrdersByCustomerProfileId.nodes>orderLinesBySalesOrderId.nodes",
				values: []string{"orderLineId", "productId", "amountInclTax"}},
			"customerTokens": {path: "salesOrdersByCustomerProfileId.nodes>orderLinesBySalesOrderId.nodes>customerTokensByOrderLineId.nodes",
				values: []string{"customerTokenId", "ovpayTokenId", "xTat"}},
		}
		return s
	}
	s.lists = map[string]list{
		"orders": {path: "orders.nodes", ordered: true, values: []string{"orderId", "orderNumber", "totalAmount",
			"orderStatus.orderStatusId", "orderStatus.name"}},
		"lines":          {path: "orders.nodes>orderLines", values: []string{"orderLineId", "productId", "amountInclTax"}},
		"customerTokens": {path: "orders.nodes>orderLines>customerTokens", values: []string{"customerTokenId", "ovPayTokenId", "xTat"}},
	}
	return s
}

// target is one system under one workload: how to make its i-th request and how to read its answer.
type target struct {
	system  string
	request func(i int) (*http.Request, error)
	shape   shape
}

type workload struct {
	name, title string
	targets     []target
}

type endpoints struct {
	ovgraph, token, postgraphile, raw, repo string
	customers                               int
}

func graphqlRequest(endpoint, token, query string, variables map[string]any) (*http.Request, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": variables})
	if err != nil {
		return nil, err
	}
	r, err := http.NewRequest(http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Accept", "application/json")
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	return r, nil
}

func getRequest(u, token string) (*http.Request, error) {
	r, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	return r, nil
}

// customerAt is the customer number of the i-th W2 request: a stride through every profile, the
// same sequence for every system.
func (e endpoints) customerAt(i int) int {
	return 1000001 + (i*7919)%e.customers
}

// cityAt is the city of the i-th W3 request: every 'Stad k' holds 50 profiles (seed.sql).
func (e endpoints) cityAt(i int) string {
	cities := e.customers / 50
	if cities < 1 {
		cities = 1
	}
	return fmt.Sprintf("Stad %d", (i*13)%cities)
}

func workloads(e endpoints) ([]workload, error) {
	// W3 on /graphql is the REST shim's own document, read from the repository.
	dir := filepath.Join(e.repo, "adapters/rest/documents/abtcustomers")
	doc, err := os.ReadFile(filepath.Join(dir, "getCustomerProfileList.graphql"))
	if err != nil {
		return nil, err
	}
	fragments, err := os.ReadFile(filepath.Join(dir, "fragments.graphql"))
	if err != nil {
		return nil, err
	}
	w3doc := string(doc) + "\n" + string(fragments)
	gql := e.ovgraph + "/graphql"
	pg := e.postgraphile + "/graphql"
	return []workload{
		{name: "W1", title: "customers(first: 50) with every child list", targets: []target{
			{"ovgraph", func(int) (*http.Request, error) {
				return graphqlRequest(gql, e.token, `query W1 { customers(first: 50) { nodes { ...Full } pageInfo { hasNextPage endCursor } } }`+"\n"+ovgraphFull, nil)
			}, ovgraphShape("data.customers.nodes", false, false)},
			{"postgraphile", func(int) (*http.Request, error) {
				return graphqlRequest(pg, "", `query W1 { allCustomerProfiles(first: 50, orderBy: CUSTOMER_NUMBER_ASC) { nodes { ...Full } pageInfo { hasNextPage endCursor } } }`+"\n"+pgFull, nil)
			}, postgraphileShape("data.allCustomerProfiles.nodes", false, false)},
			{"raw", func(int) (*http.Request, error) { return getRequest(e.raw+"/w1?first=50", "") },
				ovgraphShape("data.customers.nodes", false, false)},
		}},
		{name: "W2", title: "one customer with everything", targets: []target{
			{"ovgraph", func(i int) (*http.Request, error) {
				return graphqlRequest(gql, e.token, `query W2($n: Int!) { customer(customerNumber: $n) { ...Full } }`+"\n"+ovgraphFull,
					map[string]any{"n": e.customerAt(i)})
			}, ovgraphShape("data.customer", true, false)},
			{"postgraphile", func(i int) (*http.Request, error) {
				return graphqlRequest(pg, "", `query W2($n: BigInt!) { customerProfileByCustomerNumber(customerNumber: $n) { ...Full } }`+"\n"+pgFull,
					map[string]any{"n": fmt.Sprint(e.customerAt(i))})
			}, postgraphileShape("data.customerProfileByCustomerNumber", true, false)},
			{"raw", func(i int) (*http.Request, error) {
				return getRequest(fmt.Sprintf("%s/w2?customerNumber=%d", e.raw, e.customerAt(i)), "")
			}, ovgraphShape("data.customer", true, false)},
		}},
		{name: "W3", title: "GET /customers/list?addressCity=… (50 matches)", targets: []target{
			{"ovgraph-rest", func(i int) (*http.Request, error) {
				return getRequest(e.ovgraph+"/abt/abtcustomers/1.0/customers/list?addressCity="+url.QueryEscape(e.cityAt(i)), e.token)
			}, ovgraphShape("Entries", false, true)},
			{"ovgraph", func(i int) (*http.Request, error) {
				return graphqlRequest(gql, e.token, w3doc, map[string]any{"filter": map[string]any{"addressCity": e.cityAt(i)}})
			}, ovgraphShape("data.customers.Entries", false, true)},
			{"postgraphile", func(i int) (*http.Request, error) {
				return graphqlRequest(pg, "", `query W3($city: String!) { customersInCity(city: $city) { nodes { ...Rest } } }`+"\n"+pgREST,
					map[string]any{"city": e.cityAt(i)})
			}, postgraphileShape("data.customersInCity.nodes", false, true)},
			{"raw", func(i int) (*http.Request, error) {
				return getRequest(e.raw+"/w3?addressCity="+url.QueryEscape(e.cityAt(i)), "")
			}, ovgraphShape("Entries", false, true)},
		}},
		{name: "W4", title: "customers(first: 50) { orders(first: 5) { orderLines { customerTokens } } }", targets: []target{
			{"ovgraph", func(int) (*http.Request, error) { return graphqlRequest(gql, e.token, ovgraphOrders, nil) },
				ordersShape("data.customers.nodes", false)},
			{"postgraphile", func(int) (*http.Request, error) { return graphqlRequest(pg, "", pgOrders, nil) },
				ordersShape("data.allCustomerProfiles.nodes", true)},
			{"raw", func(int) (*http.Request, error) { return getRequest(e.raw+"/w4?first=50&orders=5", "") },
				ordersShape("data.customers.nodes", false)},
		}},
	}, nil
}
