package rest

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"ovgraph/graph"
)

// ABTCustomersBasePath is where the ABTCustomers API is mounted.
const ABTCustomersBasePath = "/abt/abtcustomers/1.0"

//go:embed documents/abtcustomers/*.graphql
var abtCustomersDocuments embed.FS

// ABTCustomersAPI is the ABTCustomers API as data: its routes, documents and error form.
func ABTCustomersAPI() API {
	docs, err := fs.Sub(abtCustomersDocuments, "documents/abtcustomers")
	if err != nil {
		panic(fmt.Errorf("abtcustomers documents: %w", err))
	}
	return API{
		Name:      "abtcustomers",
		BasePath:  ABTCustomersBasePath,
		Routes:    abtCustomersRoutes(),
		Documents: docs,
		Schema:    graph.NewExecutableSchema(graph.Config{}).Schema(),
		Info: OpenAPIInfo{
			Title:   "ABTCustomers",
			Version: "1.0",
			Description: "Customer profiles of HTM's account-based ticketing, for back-office applications " +
				"(touchpoint) and for customers on their own profile (selfservice).",
		},
		Errors: abtCustomersDialect(),
		// The documented bodies are a few hundred bytes, a full profile with many children a few KiB.
		MaxBodyBytes: abtCustomersMaxBodyBytes,
	}
}

// abtCustomersMaxBodyBytes caps the API's request bodies, unless the server's cap is lower.
const abtCustomersMaxBodyBytes = 1 << 20

// Variables the routes share.
var (
	customerNumber = pathInt("customerNumber")
	wholeBody      = Var{Name: "input", From: Body}
	// customerSearch is the filter of GET /customers and /customers/list: the 17 query parameters,
	// named as CustomerFilter's fields.
	customerSearch = Var{Name: "filter", From: Query, Fields: []Param{
		{Name: "customerProfileId", Kind: Int}, {Name: "customerNumber", Kind: Int}, {Name: "emailAddress", Kind: String},
		{Name: "chipCardNumber", Kind: String}, {Name: "ovPasNumber", Kind: String}, {Name: "phoneNumber", Kind: String},
		{Name: "phoneCountryCode", Kind: String}, {Name: "addressStreet", Kind: String}, {Name: "addressHouseNumber", Kind: Int},
		{Name: "addressHouseNumberSuffix", Kind: String}, {Name: "addressPostalCode", Kind: String}, {Name: "addressCity", Kind: String},
		{Name: "addressCountry", Kind: String}, {Name: "birthname", Kind: String}, {Name: "surname", Kind: String},
		{Name: "dateOfBirth", Kind: String}, {Name: "customerStatus", Kind: String},
	}}
)

func pathInt(name string) Var { return Var{Name: name, From: Path, Key: name, Kind: Int} }

// wrapped takes the input from the body's wrapper key, as in {"address": {...}}.
func wrapped(key string) Var { return Var{Name: "input", From: BodyKey, Key: key} }

func queryVar(name, param string, kind Kind) Var {
	return Var{Name: name, From: Query, Key: param, Kind: kind}
}

// abtRow is a touchpoint operation of the ABTCustomers table.
type abtRow struct {
	Route
	// Selfservice gives the operation a twin for customers (see selfserviceTwin).
	Selfservice bool
}

func withSelfservice(r Route) abtRow { return abtRow{Route: r, Selfservice: true} }
func touchpointOnly(r Route) abtRow  { return abtRow{Route: r} }

// abtCustomersRoutes are the 46 operations of the contract: the touchpoint table, the selfservice
// twins it marks and the selfservice operations of their own.
func abtCustomersRoutes() []Route {
	var routes, twins []Route
	for _, row := range abtCustomersTable {
		routes = append(routes, row.Route)
		if row.Selfservice {
			twins = append(twins, selfserviceTwin(row.Route))
		}
	}
	return slices.Concat(routes, twins, abtSelfserviceOnly)
}

// selfserviceTwin is the selfservice operation of a touchpoint one: the same document under
// /selfservice, acting as the customer of the token. The contract's twins differ from their
// touchpoint operations only in examples and in the responses they list (notes §(d)), and a
// customer sees and changes only its own profile, which the resolvers enforce. #35, #44 and #46
// lack the customer header in the contract (O-11); they act as the customer all the same.
func selfserviceTwin(r Route) Route {
	r.Document = r.DocumentName()
	r.Path = selfservicePrefix + r.Path
	r.OperationID = "selfservice" + upperFirst(r.OperationID)
	r.Auth = Customer
	if r.Location != "" {
		r.Location = selfservicePrefix + r.Location
	}
	return r
}

const selfservicePrefix = "/selfservice"

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// abtCustomersTable lists the touchpoint operations of the contract, in its order (#1 … #29 of
// the notes); withSelfservice marks those with a selfservice twin, which abtCustomersRoutes
// derives. Success statuses are the documented ones, odd as some are: the financial PATCHes
// answer 201, the other PATCHes 202, DELETEs 202 without a body. A create answers the path of
// what it made as its Location, except a new status, which has no path of its own.
var abtCustomersTable = []abtRow{
	// Financials.
	withSelfservice(Route{Method: http.MethodPatch, Path: "/customers/{customerNumber}/financials/directdebitmandates/{directDebitMandateId}",
		OperationID: "patchDirectDebitMandate", Auth: Touchpoint,
		Vars: []Var{customerNumber, pathInt("directDebitMandateId"), wrapped("directDebitMandate")},
		Data: "updateDirectDebitMandate", Status: http.StatusCreated}),
	withSelfservice(Route{Method: http.MethodPatch, Path: "/customers/{customerNumber}/financials/billinginformation/{billingInformationId}",
		OperationID: "patchBillingInformation", Auth: Touchpoint,
		Vars: []Var{customerNumber, pathInt("billingInformationId"), wrapped("billingInformation")},
		Data: "updateBillingInformation", Status: http.StatusCreated}),
	withSelfservice(Route{Method: http.MethodPost, Path: "/customers/{customerNumber}/financials/billinginformation",
		OperationID: "postBillingInformation", Auth: Touchpoint,
		Vars: []Var{customerNumber, wrapped("billingInformation")},
		Data: "addBillingInformation", Status: http.StatusCreated,
		Location: "/customers/{customerNumber}/financials/billinginformation/{billingInformationId}"}),
	withSelfservice(Route{Method: http.MethodPost, Path: "/customers/{customerNumber}/financials/directdebitmandates",
		OperationID: "postDirectDebitMandate", Auth: Touchpoint,
		Vars: []Var{customerNumber, wrapped("directDebitMandate")},
		Data: "addDirectDebitMandate", Status: http.StatusCreated,
		Location: "/customers/{customerNumber}/financials/directdebitmandates/{directDebitMandateId}"}),
	withSelfservice(Route{Method: http.MethodGet, Path: "/customers/{customerNumber}/financials",
		OperationID: "getFinancials", Auth: Touchpoint,
		Vars: []Var{customerNumber}, Data: "customer", Status: http.StatusOK}),

	// Profiles.
	touchpointOnly(Route{Method: http.MethodGet, Path: "/customers/list",
		OperationID: "getCustomerProfileList", Auth: Touchpoint,
		Vars: []Var{customerSearch}, Data: "customers", Status: http.StatusOK,
		Shape: nonEmptyEntries, ShapeSchema: nonEmptyEntriesSchema}),
	touchpointOnly(Route{Method: http.MethodGet, Path: "/customers",
		OperationID: "getCustomerProfile", Auth: Touchpoint,
		Vars: []Var{customerSearch}, Data: "customers.nodes", Status: http.StatusOK,
		Shape: firstProfile, ShapeSchema: ItemSchema}),
	touchpointOnly(Route{Method: http.MethodPost, Path: "/customers",
		OperationID: "postCustomerProfile", Auth: Touchpoint,
		Vars: []Var{wholeBody}, Data: "createCustomer", Status: http.StatusCreated,
		Location: "/customers/{customerNumber}"}),
	withSelfservice(Route{Method: http.MethodPatch, Path: "/customers/{customerNumber}/customerpreferences",
		OperationID: "patchCustomerPreferences", Auth: Touchpoint,
		Vars: []Var{customerNumber, wrapped("customerPreference")},
		Data: "updateCustomerPreference", Status: http.StatusAccepted}),
	withSelfservice(Route{Method: http.MethodPatch, Path: "/customers/{customerNumber}",
		OperationID: "patchCustomerProfile", Auth: Touchpoint,
		Vars: []Var{customerNumber, wholeBody}, Data: "updateCustomer", Status: http.StatusAccepted}),
	withSelfservice(Route{Method: http.MethodPost, Path: "/customers/{customerNumber}/ovchipcards",
		OperationID: "postOvChipCard", Auth: Touchpoint,
		Vars: []Var{customerNumber, wrapped("ovChipCard")}, Data: "addOvChipCard", Status: http.StatusCreated,
		Location: "/customers/{customerNumber}/ovchipcards/{ovChipCardId}"}),
	withSelfservice(Route{Method: http.MethodDelete, Path: "/customers/{customerNumber}/ovchipcards/{ovChipCardId}",
		OperationID: "deleteOvChipCard", Auth: Touchpoint,
		Vars: []Var{customerNumber, pathInt("ovChipCardId")}, Data: "deleteOvChipCard",
		Status: http.StatusAccepted, NoBody: true}),
	touchpointOnly(Route{Method: http.MethodGet, Path: "/customers/{customerNumber}/ovpaytokens",
		OperationID: "getOvPayTokens", Auth: Touchpoint,
		Vars: []Var{customerNumber, queryVar("ovPayTokenId", "ovPayTokenId", Int), queryVar("xBot", "xbot", String),
			queryVar("xTat", "xtat", String), queryVar("ovpasNumber", "ovPasNumber", String)},
		Data: "customer", Status: http.StatusOK}),
	withSelfservice(Route{Method: http.MethodPost, Path: "/customers/{customerNumber}/ovpaytokens",
		OperationID: "postOvPayToken", Auth: Touchpoint,
		Vars: []Var{customerNumber, wrapped("ovPayToken")}, Data: "addOvPayToken", Status: http.StatusCreated,
		Location: "/customers/{ovPaytoken}/ovpaytokens/{ovPayTokenId}"}),
	withSelfservice(Route{Method: http.MethodPost, Path: "/customers/{customerNumber}/statuses",
		OperationID: "postCustomerStatus", Auth: Touchpoint,
		Vars: []Var{customerNumber, wrapped("customerStatus")}, Data: "addCustomerStatus", Status: http.StatusCreated}),
	withSelfservice(Route{Method: http.MethodPatch, Path: "/customers/{customerNumber}/persons",
		OperationID: "patchPerson", Auth: Touchpoint,
		Vars: []Var{customerNumber, wrapped("person")}, Data: "updatePerson", Status: http.StatusAccepted}),
	withSelfservice(Route{Method: http.MethodDelete, Path: "/customers/{customerNumber}/ovpaytokens/{ovPayTokenId}",
		OperationID: "deleteOvPayToken", Auth: Touchpoint,
		Vars: []Var{customerNumber, pathInt("ovPayTokenId")}, Data: "deleteOvPayToken",
		Status: http.StatusAccepted, NoBody: true}),
	withSelfservice(Route{Method: http.MethodPatch, Path: "/customers/{customerNumber}/ovpaytokens/{ovPayTokenId}",
		OperationID: "patchOvPayToken", Auth: Touchpoint,
		Vars: []Var{customerNumber, pathInt("ovPayTokenId"), wrapped("ovPayToken")},
		Data: "updateOvPayToken", Status: http.StatusAccepted}),
	withSelfservice(Route{Method: http.MethodPost, Path: "/customers/{customerNumber}/addresses",
		OperationID: "postAddress", Auth: Touchpoint,
		Vars: []Var{customerNumber, wrapped("address")}, Data: "addAddress", Status: http.StatusCreated,
		Location: "/customers/{customerNumber}/addresses/{addressId}"}),
	withSelfservice(Route{Method: http.MethodPost, Path: "/customers/{customerNumber}/phones",
		OperationID: "postPhone", Auth: Touchpoint,
		Vars: []Var{customerNumber, wrapped("phone")}, Data: "addPhone", Status: http.StatusCreated,
		Location: "/customers/{customerNumber}/phones/{phoneId}"}),
	withSelfservice(Route{Method: http.MethodDelete, Path: "/customers/{customerNumber}/addresses/{addressId}",
		OperationID: "deleteAddress", Auth: Touchpoint,
		Vars: []Var{customerNumber, pathInt("addressId")}, Data: "deleteAddress",
		Status: http.StatusAccepted, NoBody: true}),
	withSelfservice(Route{Method: http.MethodPatch, Path: "/customers/{customerNumber}/addresses/{addressId}",
		OperationID: "patchAddress", Auth: Touchpoint,
		Vars: []Var{customerNumber, pathInt("addressId"), wrapped("address")},
		Data: "updateAddress", Status: http.StatusAccepted}),
	withSelfservice(Route{Method: http.MethodDelete, Path: "/customers/{customerNumber}/phones/{phoneId}",
		OperationID: "deletePhone", Auth: Touchpoint,
		Vars: []Var{customerNumber, pathInt("phoneId")}, Data: "deletePhone",
		Status: http.StatusAccepted, NoBody: true}),
	withSelfservice(Route{Method: http.MethodPatch, Path: "/customers/{customerNumber}/phones/{phoneId}",
		OperationID: "patchPhone", Auth: Touchpoint,
		Vars: []Var{customerNumber, pathInt("phoneId"), wrapped("phone")},
		Data: "updatePhone", Status: http.StatusAccepted}),
}

// abtSelfserviceOnly are the selfservice operations without a touchpoint twin: a customer's own
// profile, found and created through the token (#30, #31).
var abtSelfserviceOnly = []Route{
	{Method: http.MethodGet, Path: "/selfservice/customers",
		OperationID: "selfserviceGetCustomerProfile", Auth: Customer,
		Data: "me", Status: http.StatusOK},
	{Method: http.MethodPost, Path: "/selfservice/customers",
		OperationID: "selfservicePostCustomerProfile", Auth: Customer,
		Vars: []Var{wholeBody}, Data: "createMe", Status: http.StatusCreated,
		Location: "/selfservice/customers/{customerNumber}"},
}

// firstProfile answers GET /customers, which returns one profile: the first match, or 404.
func firstProfile(_ context.Context, nodes json.RawMessage) (json.RawMessage, error) {
	first, err := firstElement(nodes)
	if err != nil {
		return nil, fmt.Errorf("read profiles: %w", err)
	}
	if first == nil {
		return nil, graph.NotFound()
	}
	return first, nil
}

// nonEmptyEntries answers GET /customers/list: {Entries: [...]}, or 404 when nothing matches.
func nonEmptyEntries(_ context.Context, list json.RawMessage) (json.RawMessage, error) {
	entries, found, err := member(list, "Entries")
	if err == nil && found && !isNull(entries) {
		entries, err = firstElement(entries)
	}
	if err != nil {
		return nil, fmt.Errorf("read profile list: %w", err)
	}
	if entries == nil || isNull(entries) {
		return nil, graph.NotFound()
	}
	return list, nil
}

// nonEmptyEntriesSchema is the schema of nonEmptyEntries' answer: at least one entry.
func nonEmptyEntriesSchema(s *openapi3.Schema) (*openapi3.Schema, error) {
	entries := s.Properties["Entries"]
	if entries == nil || entries.Value == nil || entries.Value.Items == nil {
		return nil, fmt.Errorf("no Entries list")
	}
	entries.Value.MinItems = 1
	return s, nil
}
