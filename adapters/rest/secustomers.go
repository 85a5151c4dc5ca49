package rest

import (
	"embed"
	"fmt"
	"io/fs"
	"net/http"
	"time"

	"ovgraph/graph"
)

// SECustomersBasePath is where the SE customers API is mounted: the contract's server path.
const SECustomersBasePath = "/v1/touchpoint"

//go:embed documents/secustomers/*.graphql
var seCustomersDocuments embed.FS

// SECustomersAPI is HTM's Service Engine API for customers as data: the single-match customer
// search and the OVpay token operations (list, add, edit, remove, replace, product instances,
// compare, transfer), on the same graph and the same token rows as ABTCustomers.
func SECustomersAPI() API {
	docs, err := fs.Sub(seCustomersDocuments, "documents/secustomers")
	if err != nil {
		panic(fmt.Errorf("secustomers documents: %w", err))
	}
	return API{
		Name:      "secustomers",
		BasePath:  SECustomersBasePath,
		Routes:    seCustomersRoutes(),
		Documents: docs,
		Schema:    graph.NewExecutableSchema(graph.Config{}).Schema(),
		Info: OpenAPIInfo{
			Title:   "Service Engine APIs for Customers",
			Version: "1.0",
			Description: "A single customer profile by search parameters, and the OVpay tokens of a profile: " +
				"the customer's own (X-HTM-JWT-AUTH-HEADER) or the one X-HTM-CUSTOMER-PROFILE-ID-HEADER names.",
		},
		Errors: seProblemDialect(),
		// The documented bodies are a few hundred bytes.
		MaxBodyBytes: seCustomersMaxBodyBytes,
	}
}

// seCustomersMaxBodyBytes caps the API's request bodies, unless the server's cap is lower.
const seCustomersMaxBodyBytes = 64 << 10

// profileHeader names the profile staff and applications act on (the contract's example is a
// UUID; the profile's key is an integer everywhere else, and so it is here).
const profileHeader = "X-HTM-CUSTOMER-PROFILE-ID-HEADER"

// seTransferRetryAfter is how long a transfer's caller waits before asking for its status.
const seTransferRetryAfter = 10 * time.Second

// Variables the routes share.
var (
	// seProfile is the profile an operation acts on, when the caller names it.
	seProfile = Var{Name: "customerProfileId", From: Header, Key: profileHeader, Kind: Int}
	// seToken is the token of the path. The contract names it {ovpayTokenId} on some paths and
	// {ovPayTokenId} on others, at the same place; one name serves both.
	seToken = pathInt("ovPayTokenId")
	// seSearch is the filter of GET /customers: the 22 query parameters, each feeding the
	// CustomerFilter field of the same meaning.
	seSearch = Var{Name: "filter", From: Query, Fields: []Param{
		{Name: "customerProfileId", Kind: Int},
		{Name: "customerNumber", Kind: Int},
		{Name: "customerStatusId", Kind: Int},
		// The contract types it an integer; the profile's debtor number is text ("DB100001").
		{Name: "debtorNumber", Kind: String},
		{Name: "debtorStatusId", Kind: Int},
		{Name: "birthname", Kind: String},
		{Name: "surname", Kind: String},
		{Name: "emailAddress", Kind: String},
		{Name: "dateOfBirth", Kind: String},
		{Name: "addressStreet", Kind: String},
		{Name: "addressHouseNumber", Kind: Int},
		{Name: "addressHouseNumberSuffix", Kind: String},
		{Name: "addressPostalCode", Kind: String},
		{Name: "addressCity", Kind: String},
		{Name: "addressCountry", Kind: String},
		{Name: "phoneNumber", Kind: String},
		// 16 digits do not fit an Int: the number is passed as its digits.
		{Name: "ovChipcardNumber", Kind: String, Field: "chipCardNumber"},
		{Name: "ovChipcardAlias", Kind: String, Field: "chipCardAlias"},
		// The token's number is its id (ovPayTokenId), the one number every token has.
		{Name: "ovPayTokenNumber", Kind: Int, Field: "ovPayTokenId"},
		{Name: "ovPayTokenAlias", Kind: String, Field: "tokenAlias"},
		{Name: "ovPayTokenXTat", Kind: String, Field: "tokenXTat"},
		{Name: "ovPayTokenXBot", Kind: String, Field: "tokenXBot"},
	}}
	// seXAliases are the upper-case spellings of the contract's request schemas, tolerated beside
	// the camelCase of its examples.
	seXAliases = map[string]string{"xTAT": "xTat", "xBOT": "xBot"}
)

// gboNullable are the token's fields GBO answers under the token at prefix: each is null, with
// an error, when GBO cannot be asked, and the rest of the answer stands.
func gboNullable(prefixes ...string) []string {
	var out []string
	for _, p := range prefixes {
		out = append(out, p+".personalAccountData", p+".ePurse", p+".autoReloadRegistration")
	}
	return out
}

// seCustomersRoutes are the contract's 11 operations, in its order. Every token operation acts
// on one profile (Profile): the customer's own or the one the profile header names.
func seCustomersRoutes() []Route {
	search := seSearchDialect()
	return []Route{
		{Method: http.MethodGet, Path: "/customers",
			OperationID: "getCustomerProfile", Auth: Touchpoint,
			Vars: []Var{seSearch}, Data: "customers.nodes", Status: http.StatusOK,
			Shape: seSingleProfile, ShapeSchema: seProfileSchema,
			Errors: &search, Explain: seSearchExplain},
		{Method: http.MethodGet, Path: "/customers/tokens",
			OperationID: "getOvPayTokens", Auth: Profile,
			Vars: []Var{seProfile, queryVar("ovPayTokenId", "ovPayTokenId", Int),
				queryVar("tokenTypeIds", "tokenTypeId", IntList), queryVar("xTat", "xTat", String),
				queryVar("xBot", "xBot", String), queryVar("ovpasNumber", "ovpasNumber", String),
				queryVar("lastDigits", "lastDigits", String), queryVar("tokenStatusIds", "tokenStatusId", IntList),
				queryVar("expirationDate", "expirationDate", String),
				queryVar("replacedByTokenId", "replacedByTokenId", Int)},
			Data: "customerProfile", Status: http.StatusOK,
			Nullable: gboNullable("customerProfile.ovPayTokens"),
			Shape:    seTokenList, ShapeSchema: seTokenListSchema, Explain: seExplain},
		{Method: http.MethodPost, Path: "/customers/tokens",
			OperationID: "postOvPayToken", Auth: Profile,
			Vars: []Var{seProfile, wrapped("ovPayToken")}, Data: "registerOvPayToken", Status: http.StatusCreated,
			Nullable: gboNullable("registerOvPayToken.ovPayToken"),
			Shape:    seAddedToken, ShapeSchema: seAddedTokenSchema, Explain: seExplain},
		{Method: http.MethodPost, Path: "/customers/tokens/{ovPayTokenId}",
			OperationID: "replaceOvPayToken", Auth: Profile,
			Vars: []Var{seProfile, seToken, wrapped("ovPayToken")}, Data: "replaceOvPayToken",
			Status: http.StatusCreated, StatusFlag: &StatusFlag{Path: "replaceOvPayToken.created", Otherwise: http.StatusOK},
			Nullable: gboNullable("replaceOvPayToken.ovPayToken"),
			Shape:    seWrittenToken, ShapeSchema: seWrittenTokenSchema, Explain: seExplain},
		{Method: http.MethodPatch, Path: "/customers/tokens/{ovPayTokenId}",
			OperationID: "patchOvPayToken", Auth: Profile,
			Vars: []Var{seProfile, seToken, wrapped("ovPayToken")}, Data: "editOvPayToken", Status: http.StatusOK,
			Nullable: gboNullable("editOvPayToken.ovPayToken"),
			Shape:    seWrittenToken, ShapeSchema: seWrittenTokenSchema, Explain: seExplain},
		{Method: http.MethodDelete, Path: "/customers/tokens/{ovPayTokenId}",
			OperationID: "deleteOvPayToken", Auth: Profile,
			Vars: []Var{seProfile, seToken}, Data: "removeOvPayToken", Status: http.StatusOK, NoBody: true,
			Explain: seExplain},
		{Method: http.MethodPost, Path: "/customers/tokens/{ovPayTokenId}/replace",
			OperationID: "replaceOvPayTokenByXTat", Auth: Profile,
			Vars: []Var{seProfile, seToken, wrapped("ovPayToken")}, Data: "replaceOvPayToken",
			Status: http.StatusCreated, StatusFlag: &StatusFlag{Path: "replaceOvPayToken.created", Otherwise: http.StatusOK},
			Nullable: gboNullable("replaceOvPayToken.ovPayToken"),
			Shape:    seWrittenToken, ShapeSchema: seWrittenTokenSchema, Explain: seExplain},
		{Method: http.MethodGet, Path: "/customers/tokens/{ovPayTokenId}/productinstances",
			OperationID: "getProductInstances", Auth: Profile,
			Vars: []Var{seProfile, seToken}, Data: "customerProfile.ovPayTokens", Status: http.StatusOK,
			Shape: seProductInstances, ShapeSchema: seProductInstancesSchema, Explain: seExplain},
		{Method: http.MethodPost, Path: "/customers/tokens/{ovPayTokenId}/compare",
			OperationID: "compareTokens", Auth: Profile,
			Vars: []Var{seProfile, seToken, {Name: "newToken", From: Body}}, Data: "compareTokens", Status: http.StatusOK,
			Nullable:    gboNullable("compareTokens.oldOvPayToken", "compareTokens.newOvPayToken"),
			BodyAliases: seXAliases,
			Shape:       seComparison, ShapeSchema: seComparisonSchema, Explain: seExplain},
		{Method: http.MethodPost, Path: "/customers/tokens/{ovPayTokenId}/transfer",
			OperationID: "transferToken", Auth: Profile,
			Vars: []Var{seProfile, seToken, wholeBody}, Data: "transferToken",
			Status: http.StatusAccepted, RetryAfter: seTransferRetryAfter,
			BodyAliases: seXAliases,
			Shape:       seTransferAccepted, ShapeSchema: seTransferAcceptedSchema, Explain: seExplain},
		{Method: http.MethodGet, Path: "/customers/tokens/transfer/responsestatus/{clientTrackingId}",
			OperationID: "getTransferStatus", Auth: Profile,
			Vars: []Var{seProfile, {Name: "clientTrackingId", From: Path, Key: "clientTrackingId", Kind: String}},
			Data: "tokenTransfer", Status: http.StatusOK,
			Nullable: gboNullable("tokenTransfer.newOvPayToken"),
			Shape:    seTransferStatus, ShapeSchema: seTransferStatusSchema, Explain: seExplain},
	}
}
