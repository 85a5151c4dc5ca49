package rest

import (
	"cmp"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"ovgraph/graph"
)

// The SE orders contract answers errors as problems: {type https://htm.nl/api/v1/probs/<status>/<kind>,
// title, detail, instance urn:uuid:<uuid>, errors: [...]}. An entry of a refused request is
// {code, detail, pointer, parameter}: pointer a JSONPath into the body ($.orderLines[0].productId)
// for an attribute, parameter the name of a query parameter, the other null. An entry of a state
// refusal names the order's current status: {detail: "Order status is paid", pointer:
// "#/order_OrderStatuses/0/orderStatus/orderStatusId", orderStatusId: 4}. The contract documents
// 400 and 404; 401, 403, 409, 413, 500 and 503 are answered in the same form.

// seoProbs is where the problem types live.
const seoProbs = "https://htm.nl/api/v1/probs/"

// Codes of the entries: the contract's, and NOT_FOUND and the GBO reasons of the graph.
const (
	seoRequiredAttribute = "REQUIRED_ATTRIBUTE_MISSING"
	seoRequiredParameter = "REQUIRED_PARAMETER_MISSING"
	seoInvalidParameter  = "INVALID_PARAMETER_FORMAT"
	seoMissingBirthdate  = "MISSING_BIRTHDATE_IN_PAD"
)

// The contract's words, typos included ("One ore more"): clients may compare them.
const (
	seoBadTitle         = "Your request is not valid."
	seoAttributesDetail = "One or more required attributes are missing or invalid."
	seoAttributeMissing = "One ore more required attributes are missing."
	seoParametersDetail = "One or more required parameters are missing or invalid."
	seoParameterMissing = "One ore more required parameters are missing."
	seoParametersFormat = "One or more parameters have an invalid format."
	seoNotFoundTitle    = "The item you requested was not found."
	seoBirthdateTitle   = "Missing birthdate in PAD."
	seoBirthdateDetail  = "There is no birthdate present in the PAD of the OVpay token, or there is no PAD present at all."
	seoStatusPointer    = "#/order_OrderStatuses/0/orderStatus/orderStatusId"
	seoBirthdateSources = "birthdate, ovPayTokenId, customerTokenId"
)

// seoStatusEntry marks the detail of an entry naming the order's current status.
const seoStatusEntry = "status"

// seoParameterNames are the query parameters as the contract's error entries name them (the
// parameter birthDate is the PAD's birthdate there).
var seoParameterNames = map[string]string{"birthDate": "birthdate"}

// seoParameterFormats name the format of the query parameters that have one.
var seoParameterFormats = map[string]string{
	"birthDate": "Date", "productStartDate": "Date",
	"createdBefore": "DateTime", "createdAfter": "DateTime", "updatedBefore": "DateTime", "updatedAfter": "DateTime",
	"ovPayTokenId": "Integer", "amount": "Integer", "customerProfileId": "Integer", "orderStatusId": "Integer list",
}

func seoParameter(name string) string {
	if n, ok := seoParameterNames[name]; ok {
		return n
	}
	return name
}

// seoBody is a problem of the API.
type seoBody struct {
	Type     string           `json:"type"`
	Title    string           `json:"title"`
	Detail   string           `json:"detail"`
	Instance string           `json:"instance"`
	Errors   []map[string]any `json:"errors"`
}

// seoAnswer answers a code with a problem of status and kind, its detail the error's message and
// its entries the problem's details (one from the error when it has none).
func seoAnswer(status int, kind, title string) ErrorAnswer {
	return ErrorAnswer{Status: status, Detailed: func(p *Problem) any {
		return seoProblemBody(status, kind, title, p.Err.Message, p)
	}}
}

func seoProblemBody(status int, kind, title, detail string, p *Problem) seoBody {
	if p.Title != "" {
		title = p.Title
	}
	body := seoBody{Type: fmt.Sprintf("%s%d/%s", seoProbs, status, kind), Title: title, Detail: detail,
		Instance: "urn:uuid:" + newUUID(), Errors: []map[string]any{}}
	for _, d := range p.Details {
		body.Errors = append(body.Errors, seoEntry(d))
	}
	if len(p.Details) == 0 {
		// An error no explanation saw (a path no route has, a body too large, a refused token).
		body.Errors = append(body.Errors, seoEntry(Detail{Detail: p.Err.Message, Reason: string(p.Err.Code)}))
	}
	return body
}

// seoEntry writes one entry. Details of the request validation carry a Reason and a pointer
// ("#/orderLines/0/productId", written as JSONPath) or, for a parameter, none; details the
// explanations build carry their code as Reason, the pointer as JSONPath and the parameter as
// Field; a status entry has Reason seoStatusEntry.
func seoEntry(d Detail) map[string]any {
	if d.Reason == seoStatusEntry {
		return map[string]any{"detail": d.Detail, "pointer": d.Pointer, "orderStatusId": d.Value}
	}
	entry := map[string]any{"code": d.Reason, "detail": d.Detail, "pointer": nil, "parameter": nil}
	switch d.Reason {
	case ReasonRequired, ReasonInvalid, ReasonNotAllowed:
		if d.Pointer == "" {
			entry["parameter"] = seoParameter(d.Field)
			entry["code"], entry["detail"] = seoRequiredParameter, seoParameterMissing
			if d.Reason != ReasonRequired {
				entry["code"] = seoInvalidParameter
				entry["detail"] = fmt.Sprintf("The given %s is not a valid %s format.", seoParameter(d.Field),
					cmp.Or(seoParameterFormats[d.Field], "parameter"))
			}
			return entry
		}
		entry["pointer"] = jsonPath(d.Pointer)
		entry["code"], entry["detail"] = seoRequiredAttribute, seoAttributeMissing
		switch d.Reason {
		case ReasonInvalid:
			entry["detail"] = "The attribute " + d.Field + " is not valid."
		case ReasonNotAllowed:
			entry["detail"] = "The attribute " + d.Field + " is not allowed here."
		}
		return entry
	}
	if d.Pointer != "" {
		entry["pointer"] = d.Pointer
	}
	if d.Field != "" {
		entry["parameter"] = d.Field
	}
	return entry
}

// jsonPath writes a JSON pointer into the body (#/orderLines/0/productId) as the contract's
// JSONPath ($.orderLines[0].productId).
func jsonPath(pointer string) string {
	out := "$"
	for _, p := range strings.Split(strings.Trim(strings.TrimPrefix(pointer, "#"), "/"), "/") {
		if p == "" {
			continue
		}
		if _, err := strconv.Atoi(p); err == nil {
			out += "[" + p + "]"
		} else {
			out += "." + p
		}
	}
	return out
}

// seoFieldDetail is the entry of a graph error that names a field: an argument path of the body
// (input.orderLines.0.productId, or the bare name GraphQL's coercion gives) as a pointer, anything
// else as a parameter. Code is the entry's code; "" is the contract's for a body or a parameter.
func seoFieldDetail(e *graph.Error, code string) Detail {
	d := Detail{Detail: e.Message, Reason: code}
	switch f := e.Field; {
	case f == "input" || f == "body":
		d.Pointer = "$"
	case strings.HasPrefix(f, "input."):
		d.Pointer = jsonPath("#/" + strings.ReplaceAll(strings.TrimPrefix(f, "input."), ".", "/"))
	case f != "" && e.Code == graph.CodeBadUserInput:
		d.Field = seoParameter(f)
	}
	if d.Reason == "" {
		d.Reason = seoRequiredAttribute
		if d.Field != "" {
			d.Reason = seoInvalidParameter
		}
	}
	return d
}

// seoBadRequest answers BAD_USER_INPUT: the detail says whether attributes of the body or
// parameters are at fault, as the contract's bodies do.
func seoBadRequest(p *Problem) any {
	q := *p
	if len(q.Details) == 0 {
		q.Details = []Detail{seoFieldDetail(p.Err, "")}
	}
	detail := seoParametersDetail
	for _, d := range q.Details {
		switch {
		case d.Pointer != "":
			detail = seoAttributesDetail
		case d.Reason == ReasonInvalid || d.Reason == seoInvalidParameter:
			if detail != seoAttributesDetail {
				detail = seoParametersFormat
			}
		}
	}
	return seoProblemBody(http.StatusBadRequest, "badrequest", seoBadTitle, detail, &q)
}

// seOrdersDialect is the API's error form. UNPROCESSABLE (an operation the order's status or its
// lines forbid) is the documented 400 of a refused deletion (example #11), its entry naming the
// current status; NOT_FOUND the 404 of the GBO example (#54), for unknown ids and for another
// customer's order alike.
func seOrdersDialect() Dialect {
	return Dialect{
		Codes: map[graph.Code]ErrorAnswer{
			graph.CodeBadUserInput:        {Status: http.StatusBadRequest, Detailed: seoBadRequest},
			graph.CodeUnprocessable:       seoAnswer(http.StatusBadRequest, "badrequest", seoBadTitle),
			graph.CodeNotFound:            seoAnswer(http.StatusNotFound, "notfound", seoNotFoundTitle),
			graph.CodeConflict:            seoAnswer(http.StatusConflict, "conflict", "The request conflicts with the order as it is."),
			graph.CodeUnauthenticated:     seoAnswer(http.StatusUnauthorized, "unauthorized", "Unauthorized."),
			graph.CodeForbidden:           seoAnswer(http.StatusForbidden, "forbidden", "Forbidden."),
			graph.CodeUpstreamUnavailable: seoAnswer(http.StatusServiceUnavailable, "unavailable", "Service unavailable."),
			graph.CodeUpstreamTimeout:     seoAnswer(http.StatusServiceUnavailable, "unavailable", "Service unavailable."), // no 504 in the contract
			graph.CodeInternal:            seoAnswer(http.StatusInternalServerError, "internal", "Internal server error."),
		},
		TooLarge: ErrorAnswer{Status: http.StatusRequestEntityTooLarge, Detailed: func(p *Problem) any {
			q := &Problem{Err: p.Err, Details: []Detail{{Detail: p.Err.Message, Reason: "PAYLOAD_TOO_LARGE", Pointer: "$"}}}
			return seoProblemBody(http.StatusRequestEntityTooLarge, "toolarge", "The request is too large.", p.Err.Message, q)
		}},
		Schema: seoProblemSchema(),
	}
}

func seoProblemSchema() *openapi3.Schema {
	s := closedObject()
	s.Description = "A problem: type https://htm.nl/api/v1/probs/<status>/<kind>, title, detail, instance " +
		"urn:uuid:<uuid>, and errors: {code, detail, pointer (JSONPath into the body), parameter (a query " +
		"parameter)} per thing wrong, or {detail, pointer, orderStatusId} naming the order's current status."
	for _, name := range []string{"type", "title", "detail", "instance"} {
		setProperty(s, name, openapi3.NewStringSchema(), true)
	}
	entry := openapi3.NewObjectSchema()
	nullable := func() *openapi3.Schema { x := openapi3.NewStringSchema(); x.Nullable = true; return x }
	setProperty(entry, "code", openapi3.NewStringSchema(), false)
	setProperty(entry, "detail", openapi3.NewStringSchema(), true)
	setProperty(entry, "pointer", nullable(), false)
	setProperty(entry, "parameter", nullable(), false)
	setProperty(entry, "orderStatusId", openapi3.NewInt32Schema(), false)
	setProperty(s, "errors", openapi3.NewArraySchema().WithItems(entry), true)
	return s
}

// seoExplain adds to a graph error the entries the contract's bodies list. pathKey names the
// route's path id ("" for none): an id that is no uuid names nothing, which is a 404 as an unknown
// one is.
func seoExplain(pathKey string) func(e *graph.Error, vars map[string]any) *Problem {
	return func(e *graph.Error, vars map[string]any) *Problem {
		switch e.Code {
		case graph.CodeBadUserInput:
			if pathKey != "" && e.Field == pathKey {
				return seoNotFound(pathKey)
			}
			d := seoFieldDetail(e, "")
			if d.Pointer == "" && d.Field != "" && vars["input"] != nil && !seoIsParameter(vars, e.Field) {
				// GraphQL's coercion names the body's field by its name alone.
				d.Field, d.Pointer, d.Reason = "", "$.."+e.Field, seoRequiredAttribute
				if in, ok := vars["input"].(map[string]any); ok {
					if _, top := in[e.Field]; top {
						d.Pointer = "$." + e.Field
					}
				}
			}
			return &Problem{Err: e, Details: []Detail{d}}
		case graph.CodeUnprocessable:
			if id, ok := e.Extra["orderStatusId"]; ok {
				name, _ := e.Extra["orderStatus"].(string)
				return &Problem{Err: e, Details: []Detail{{Detail: "Order status is " + name,
					Pointer: seoStatusPointer, Reason: seoStatusEntry, Value: id}}}
			}
			return &Problem{Err: e, Details: []Detail{{Detail: e.Message, Reason: "UNPROCESSABLE"}}}
		case graph.CodeNotFound:
			if pathKey != "" {
				return seoNotFound(pathKey)
			}
			return &Problem{Err: e, Details: []Detail{{Detail: e.Message, Reason: "NOT_FOUND"}}}
		case graph.CodeConflict:
			return &Problem{Err: e, Details: []Detail{{Detail: e.Message, Reason: "CONFLICT"}}}
		}
		return &Problem{Err: e, Details: []Detail{{Detail: e.Message, Reason: string(e.Code)}}}
	}
}

// seoIsParameter tells whether a field is one of the route's query or path variables.
func seoIsParameter(vars map[string]any, field string) bool {
	_, ok := vars[field]
	return ok && field != "input"
}

// seoNotFound is the 404 of an id that names nothing the caller may see.
func seoNotFound(pathKey string) *Problem {
	e := graph.NewError(graph.CodeNotFound, "No "+strings.TrimSuffix(pathKey, "Id")+" with this "+pathKey+" was found.")
	return &Problem{Err: e, Details: []Detail{{Detail: e.Message, Reason: "NOT_FOUND", Field: pathKey}}}
}

// seoGBOExplain answers the age-profile check's errors with the contract's bodies: no birthdate
// source is #52, a token or card without a birthdate #54.
func seoGBOExplain(e *graph.Error, vars map[string]any) *Problem {
	switch {
	case e.Code == graph.CodeBadUserInput && e.Field == "birthDate" && vars["birthDate"] == nil:
		return &Problem{Err: e, Details: []Detail{{Detail: seoParameterMissing, Reason: seoRequiredParameter,
			Field: seoBirthdateSources}}}
	case e.Code == graph.CodeBadUserInput:
		// A value GraphQL's coercion refused (a date the calendar does not have).
		if _, given := vars[e.Field]; given || seoParameterFormats[e.Field] != "" {
			return &Problem{Err: e, Details: []Detail{{Field: e.Field, Reason: ReasonInvalid}}}
		}
	case e.Code == graph.CodeNotFound && e.Extra["reason"] == seoMissingBirthdate:
		return &Problem{Err: graph.NewError(graph.CodeNotFound, seoBirthdateDetail), Title: seoBirthdateTitle,
			Details: []Detail{{Detail: seoBirthdateTitle, Reason: seoMissingBirthdate, Field: "birthdate"}}}
	case e.Code == graph.CodeNotFound:
		reason, _ := e.Extra["reason"].(string)
		return &Problem{Err: e, Details: []Detail{{Detail: e.Message, Reason: cmp.Or(reason, "NOT_FOUND")}}}
	}
	return seoExplain("")(e, vars)
}
