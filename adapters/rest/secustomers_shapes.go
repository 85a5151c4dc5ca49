package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"ovgraph/graph"
)

// The SE customers API answers in a form GraphQL aliases cannot give: HATEOAS links, a key with a
// hyphen (e-PurseBalance), dates cut from date-times, nested lookups made of flat fields, one
// profile of a search, a transfer's state as three different bodies. The shapes here do that; the
// schemas in secustomers_schemas.go declare what they do to the OpenAPI document.
//
// Links point at this API's own paths under its base path, without a host: the server does not
// know the name callers reach it by and never echoes one. Some name resources of the wider SE
// API this server does not serve (trips, personal data, orders, contracts, addresses, phones,
// statuses, PATCH /customers); they are kept as the contract shapes them, under the base path.

type object = map[string]any

func decodeJSON(raw json.RawMessage) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("read answer: %w", err)
	}
	return v, nil
}

func decodeObject(raw json.RawMessage) (object, error) {
	v, err := decodeJSON(raw)
	if err != nil {
		return nil, err
	}
	obj, ok := v.(object)
	if !ok {
		return nil, fmt.Errorf("read answer: not an object")
	}
	return obj, nil
}

func encodeJSON(v any) (json.RawMessage, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("write answer: %w", err)
	}
	return b, nil
}

// link is a HATEOAS link to a path under the base path.
func link(method, path string) object {
	return object{"href": SECustomersBasePath + path, "method": method}
}

// staff tells whether the caller is HTM staff: staff see every token status, and token lists
// without links (the contract's KlantenService example), and may create a customer status.
func staff(ctx context.Context) bool {
	return graph.CallerFrom(ctx).Kind() == graph.CallerStaff
}

// Token statuses only staff see (the contract marks them "(*)").
var staffOnlyStatuses = map[string]bool{"3": true, "6": true}

// idText is a number of the answer as text.
func idText(v any) string {
	switch n := v.(type) {
	case json.Number:
		return n.String()
	case string:
		return n
	}
	return ""
}

// tokenForm says how a token is answered.
type tokenForm struct {
	// dateTime keeps expirationDate a date-time, as the answers of writes show it; elsewhere it
	// is the date.
	dateTime bool
	// links adds the token's links.
	links bool
}

// shapeToken answers a token of the graph as the contract's Token.
func shapeToken(tok object, form tokenForm) {
	if ep, ok := tok["ePurse"].(object); ok {
		ep["e-PurseBalance"] = ep["balance"]
		delete(ep, "balance")
	}
	if s, ok := tok["expirationDate"].(string); ok && !form.dateTime && len(s) >= len("2006-01-02") {
		// Date-times are written in Dutch time, so the first ten characters are the Dutch date.
		tok["expirationDate"] = s[:len("2006-01-02")]
	}
	if form.links {
		tok["_links"] = tokenLinks(tok)
	}
}

// tokenLinks are what a touchpoint may do with a token. The personal-data link adds personal
// account data when the card has none, and updates it otherwise; without an xTat, or when GBO did
// not answer, there is no such link.
func tokenLinks(tok object) object {
	id := idText(tok["ovPayTokenId"])
	path := "/customers/tokens/" + id
	links := object{
		"self":                 link(http.MethodGet, "/customers/tokens?ovPayTokenId="+id),
		"partial_edit":         link(http.MethodPatch, path),
		"delete_token":         link(http.MethodDelete, path),
		"get_productinstances": link(http.MethodGet, path+"/productinstances"),
		"get_trips":            link(http.MethodGet, path+"/trips"),
		"compare_token":        link(http.MethodPost, path+"/compare"),
	}
	xTat, _ := tok["xTat"].(string)
	pad, ok := tok["personalAccountData"].(object)
	if xTat == "" || !ok {
		return links
	}
	at := "/personal-data/" + url.PathEscape(xTat)
	if pad["name"] == nil && pad["birthdate"] == nil && pad["photo"] == nil {
		links["add_personal-data"] = link(http.MethodPost, at)
	} else {
		links["update_personal-data"] = link(http.MethodPatch, at)
	}
	return links
}

// seTokenList answers GET /customers/tokens: the profile's tokens with the list's own link.
func seTokenList(ctx context.Context, raw json.RawMessage) (json.RawMessage, error) {
	profile, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	list, _ := profile["ovPayTokens"].([]any)
	tokens := []any{}
	for _, t := range list {
		tok, ok := t.(object)
		if !ok {
			return nil, fmt.Errorf("read answer: a token is not an object")
		}
		status, _ := tok["tokenStatus"].(object)
		if !staff(ctx) && staffOnlyStatuses[idText(status["tokenStatusId"])] {
			continue
		}
		shapeToken(tok, tokenForm{links: !staff(ctx)})
		tokens = append(tokens, tok)
	}
	return encodeJSON(object{
		"ovPayTokens": tokens,
		"_links":      object{"self": link(http.MethodGet, "/customers/tokens")},
	})
}

// writtenToken reads the token of a write's answer, shaped as writes answer it.
func writtenToken(ctx context.Context, raw json.RawMessage) (object, error) {
	payload, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	tok, ok := payload["ovPayToken"].(object)
	if !ok {
		return nil, fmt.Errorf("read answer: no ovPayToken")
	}
	shapeToken(tok, tokenForm{dateTime: true, links: !staff(ctx)})
	return tok, nil
}

// seAddedToken answers POST /customers/tokens: the new token and the operation's own link.
func seAddedToken(ctx context.Context, raw json.RawMessage) (json.RawMessage, error) {
	tok, err := writtenToken(ctx, raw)
	if err != nil {
		return nil, err
	}
	return encodeJSON(object{"ovPayToken": tok,
		"_links": object{"self": link(http.MethodPost, "/customers/tokens")}})
}

// seWrittenToken answers an edit or replacement: {ovPayToken: Token}, the token written (the new
// one of a replacement).
func seWrittenToken(ctx context.Context, raw json.RawMessage) (json.RawMessage, error) {
	tok, err := writtenToken(ctx, raw)
	if err != nil {
		return nil, err
	}
	return encodeJSON(object{"ovPayToken": tok})
}

// seProductInstances answers GET …/productinstances: the instances of the one token the path
// names, or 404 when the profile has no such token. An instance without an end or a contract
// leaves untilInclusive or contractId out, as the contract describes.
func seProductInstances(_ context.Context, raw json.RawMessage) (json.RawMessage, error) {
	v, err := decodeJSON(raw)
	if err != nil {
		return nil, err
	}
	tokens, _ := v.([]any)
	if len(tokens) == 0 {
		return nil, graph.NotFound()
	}
	tok, _ := tokens[0].(object)
	path := "/customers/tokens/" + idText(tok["ovPayTokenId"]) + "/productinstances"
	list, _ := tok["productInstances"].([]any)
	out := []any{}
	for _, p := range list {
		pi, ok := p.(object)
		if !ok {
			return nil, fmt.Errorf("read answer: a product instance is not an object")
		}
		links := object{"self": link(http.MethodGet, path)}
		if order, ok := pi["orderId"].(string); ok {
			links["get_order"] = link(http.MethodGet, "/orders/"+url.PathEscape(order))
		}
		if contract, ok := pi["contractId"].(string); ok {
			links["get_contract"] = link(http.MethodGet, "/customers/contracts/"+url.PathEscape(contract))
		}
		for _, key := range []string{"untilInclusive", "contractId"} {
			if pi[key] == nil {
				delete(pi, key)
			}
		}
		pi["_links"] = links
		out = append(out, pi)
	}
	return encodeJSON(object{"productInstances": out})
}

// seComparison answers a comparison: both tokens as lists show them, without links, and the
// transfer link when the old token is transferable.
func seComparison(_ context.Context, raw json.RawMessage) (json.RawMessage, error) {
	c, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	old, _ := c["oldOvPayToken"].(object)
	nw, _ := c["newOvPayToken"].(object)
	if old == nil || nw == nil {
		return nil, fmt.Errorf("read answer: a comparison without its tokens")
	}
	shapeToken(old, tokenForm{})
	shapeToken(nw, tokenForm{})
	links := object{}
	if c["isTransferable"] == true {
		links["transfer"] = link(http.MethodPost, "/customers/tokens/"+idText(old["ovPayTokenId"])+"/transfer")
	}
	c["_links"] = links
	return encodeJSON(c)
}

// transferStatusPath is where a transfer's state is asked for.
func transferStatusPath(clientTrackingID string) string {
	return "/customers/tokens/transfer/responsestatus/" + url.PathEscape(clientTrackingID)
}

// seTransferAccepted answers an accepted transfer, with the URL to ask for its state.
func seTransferAccepted(_ context.Context, raw json.RawMessage) (json.RawMessage, error) {
	run, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	id, _ := run["clientTrackingId"].(string)
	run["callbackurl"] = SECustomersBasePath + transferStatusPath(id)
	return encodeJSON(run)
}

// seTransferStatus answers a transfer's state: a running transfer as the contract's run object,
// a finished one as its new token, a failed one as the error of what stopped it (see
// transferFailure).
func seTransferStatus(ctx context.Context, raw json.RawMessage) (json.RawMessage, error) {
	run, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	switch run["status"] {
	case "Succeeded":
		tok, ok := run["newOvPayToken"].(object)
		if !ok {
			return nil, fmt.Errorf("read answer: a transfer succeeded without its new token")
		}
		// The successful transfer's example is a token as lists show it, with its links.
		shapeToken(tok, tokenForm{links: !staff(ctx)})
		return encodeJSON(tok)
	case "Failed":
		return nil, transferFailure(run)
	}
	return encodeJSON(runObject(run))
}

// runObject is a running transfer in the shape of the contract's run (an Azure Logic Apps run):
// its id, name, type and properties, the trigger that started it and the response it waits for.
// The contract's run shows links to the run's inputs and outputs, signed for anyone holding them;
// this one has none.
func runObject(run object) object {
	id, _ := run["clientTrackingId"].(string)
	start := run["startTime"]
	correlation := object{"clientTrackingId": id}
	return object{
		"id":   SECustomersBasePath + transferStatusPath(id),
		"name": id,
		"type": "workflows/runs",
		"properties": object{
			"waitEndTime": start,
			"startTime":   start,
			"status":      "Running",
			"correlation": correlation,
			"workflow":    object{"id": "token_transfer", "name": "token_transfer", "type": "workflows/versions"},
			"trigger": object{
				"name":              "token_transfer",
				"startTime":         start,
				"endTime":           start,
				"originHistoryName": id,
				"correlation":       correlation,
				"status":            "Succeeded",
			},
			"outputs":  object{},
			"response": object{"startTime": start, "correlation": object{}, "status": "Waiting"},
		},
	}
}

// findingTitles word what stopped a comparison or a transfer, by its first finding's code, as
// the contract's 400, 404 and 405 bodies do; the entries keep each finding's own words.
var findingTitles = map[string]string{
	"OLD_TOKEN_NOT_FOUND":            "The old token was not found in the customer profile.",
	"NEW_TOKEN_NOT_FOUND":            "The new token was not found in the customer profile.",
	"XTAT_NOT_FOUND":                 "The new token was not found in GBO.",
	"XBOT_NOT_FOUND":                 "The new token was not found in GBO.",
	"SERVICE_REFERENCE_ID_NOT_FOUND": "The new token was not found in GBO.",
	"OVPAS_NUMBER_NOT_FOUND":         "The new token was not found in GBO.",
	"NEW_TOKEN_IN_OTHER_PROFILE":     "New token already present in other customer profile.",
	"TOKEN_TYPE":                     "The old token has wrong token type.",
	"TOKEN_STATUS":                   "The old token has wrong token status.",
	"EXPIRATION_DATE":                "The new token is expired.",
	"PRODUCT_INSTANCES":              "One or more GBO product instances are not transferable.",
	"PAD_ATTRIBUTE":                  "One or more PAD attributes are not transferable.",
	"AGE_PROFILE":                    "The tokens' age profiles differ.",
}

// integerFields are the findings' fields whose values the contract's bodies show as numbers.
var integerFields = map[string]bool{"ovPayTokenId": true, "tokenTypeId": true, "tokenStatusId": true}

// findingsProblem is an error with its findings as the body's entries: each its detail, pointer
// and value under its field's name.
func findingsProblem(e *graph.Error, findings []any) *Problem {
	p := &Problem{Err: &graph.Error{Code: e.Code, Message: e.Message}}
	for i, f := range findings {
		finding, _ := f.(object)
		detail, _ := finding["detail"].(string)
		pointer, _ := finding["pointer"].(string)
		field, _ := finding["field"].(string)
		d := Detail{Detail: detail, Pointer: pointer, Field: field}
		if v, ok := finding["value"].(string); ok {
			d.Value = v
			if n := json.Number(v); integerFields[field] {
				if _, err := n.Int64(); err == nil {
					d.Value = n
				}
			}
		}
		if i == 0 {
			code, _ := finding["code"].(string)
			if title, ok := findingTitles[code]; ok {
				p.Err.Message = title
			} else if detail != "" {
				p.Err.Message = detail
			}
			if code == "TOKEN_STATUS" && strings.HasPrefix(detail, "The new token") {
				p.Err.Message = "The new token has wrong token status."
			}
		}
		p.Details = append(p.Details, d)
	}
	return p
}

// transferFailure is the error a failed transfer is answered with: 404 when a token was not where
// it should be (NOT_FOUND), 405 when a rule stopped it (NOT_ALLOWED), each finding an entry of the
// body's errors.
func transferFailure(run object) *Problem {
	findings, _ := run["findings"].([]any)
	if run["errorCode"] == "NOT_FOUND" {
		return findingsProblem(graph.NewError(graph.CodeNotFound, "A token of the transfer was not found."), findings)
	}
	p := findingsProblem(graph.NewError(graph.CodeUnprocessable, "The transfer was not allowed."), findings)
	p.Title = "The transfer you requested was not allowed."
	return p
}

// seSingleProfile answers GET /customers: the one matching profile, or the search's 404 (none)
// or 409 (more than one).
func seSingleProfile(ctx context.Context, raw json.RawMessage) (json.RawMessage, error) {
	v, err := decodeJSON(raw)
	if err != nil {
		return nil, err
	}
	nodes, _ := v.([]any)
	switch {
	case len(nodes) == 0:
		return nil, graph.NotFound()
	case len(nodes) > 1:
		return nil, errSeveralProfiles
	}
	c, ok := nodes[0].(object)
	if !ok {
		return nil, fmt.Errorf("read answer: a profile is not an object")
	}
	out := object{
		"customerProfileId": c["customerProfileId"],
		"customerNumber":    c["customerNumber"],
		"customerStatus":    nil,
		"debtorNumber":      c["debtorNumber"],
		"debtorStatus":      c["debtorStatus"],
	}
	if name, ok := c["currentStatus"].(string); ok {
		out["customerStatus"] = object{"customerStatusId": c["currentStatusId"], "name": upperFirst(name)}
	}
	person, _ := c["person"].(object)
	if person == nil {
		return nil, fmt.Errorf("read answer: a profile without its person")
	}
	addresses, _ := person["addresses"].([]any)
	for _, a := range addresses {
		addr, _ := a.(object)
		id := idText(addr["addressId"])
		addr["addressType"] = object{"addressTypeId": addr["addressTypeId"], "name": addr["addressType"]}
		delete(addr, "addressTypeId")
		addr["_links"] = object{
			"self":           link(http.MethodGet, "/customers/addresses/"+id),
			"delete_address": link(http.MethodDelete, "/customers/addresses/"+id),
		}
	}
	phones, _ := person["phones"].([]any)
	for _, p := range phones {
		phone, _ := p.(object)
		id := idText(phone["phoneId"])
		phone["phoneType"] = object{"phoneTypeId": phone["phoneTypeId"], "name": phone["phoneType"]}
		delete(phone, "phoneTypeId")
		phone["_links"] = object{
			"self":         link(http.MethodGet, "/customers/phones/"+id),
			"delete_phone": link(http.MethodDelete, "/customers/phones/"+id),
		}
	}
	out["person"] = person
	links := object{
		"self":         link(http.MethodGet, "/customers?customerProfileId="+idText(c["customerProfileId"])),
		"partial_edit": link(http.MethodPatch, "/customers"),
		"get_tokens":   link(http.MethodGet, "/customers/tokens"),
		"create_token": link(http.MethodPost, "/customers/tokens"),
	}
	if staff(ctx) {
		links["create_customer_status"] = link(http.MethodPost, "/customers/statuses")
	}
	out["_links"] = links
	return encodeJSON(out)
}
