package rest

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"ovgraph/graph"
)

// The SE customers contract answers errors in two forms. The customer search (style A) answers
// {type, apiErrorCode, title, detail, instance, errors: [{subApiErrorCode}]} in Dutch; every token
// operation (style B) answers a problem in the manner of RFC 7807: {type, title, detail, instance,
// errors: [{detail, pointer, <field>: <value>}]}, its type one of
// https://htm.nl/api/v1/probs/{badrequest|notfound|notallowed|validation}. Codes the contract does
// not document (401, 403, 413, 5xx) are answered in the same forms.

// errSeveralProfiles is the search's answer when more than one profile matches.
var errSeveralProfiles = graph.NewError(graph.CodeConflict, "Meer dan 1 klantprofiel gevonden. Verfijn je zoekcriteria.")

// newUUID is a random (version 4) UUID, an error's instance.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// seSearchError is a style A body.
type seSearchError struct {
	Type         string           `json:"type"`
	APIErrorCode string           `json:"apiErrorCode"`
	Title        string           `json:"title"`
	Detail       string           `json:"detail"`
	Instance     string           `json:"instance"`
	Errors       []seSubAPIErrors `json:"errors,omitempty"`
}

type seSubAPIErrors struct {
	SubAPIErrorCode string `json:"subApiErrorCode"`
}

// searchAnswer answers a code in style A: its type is the search's own path, its instance a bare
// UUID, as the contract's examples show.
func searchAnswer(status int, apiErrorCode, title string, detail func(*graph.Error) string, sub ...string) ErrorAnswer {
	return ErrorAnswer{Status: status, Body: func(e *graph.Error) any {
		body := seSearchError{Type: SECustomersBasePath + "/customers", APIErrorCode: apiErrorCode,
			Title: title, Detail: detail(e), Instance: newUUID()}
		for _, s := range sub {
			body.Errors = append(body.Errors, seSubAPIErrors{s})
		}
		return body
	}}
}

func fixed(text string) func(*graph.Error) string { return func(*graph.Error) string { return text } }
func message(e *graph.Error) string               { return e.Message }

// seSearchDialect is style A, the customer search's. The contract documents 404 (apiErrorCode
// "400.1", sic, with subApiErrorCode "0017") and 409 ("409.1"); the others follow their pattern.
func seSearchDialect() Dialect {
	return Dialect{
		Codes: map[graph.Code]ErrorAnswer{
			graph.CodeNotFound:            searchAnswer(http.StatusNotFound, "400.1", "Niet gevonden", fixed("Klant niet gevonden"), "0017"),
			graph.CodeConflict:            searchAnswer(http.StatusConflict, "409.1", "Meer dan 1 klantprofiel gevonden", message),
			graph.CodeBadUserInput:        searchAnswer(http.StatusBadRequest, "400.2", "Ongeldige zoekparameter", message),
			graph.CodeUnauthenticated:     searchAnswer(http.StatusUnauthorized, "401.1", "Niet geauthenticeerd", message),
			graph.CodeForbidden:           searchAnswer(http.StatusForbidden, "403.1", "Geen toegang", message),
			graph.CodeUnprocessable:       searchAnswer(http.StatusUnprocessableEntity, "422.1", "Niet verwerkt", message),
			graph.CodeUpstreamUnavailable: searchAnswer(http.StatusServiceUnavailable, "503.1", "Dienst niet beschikbaar", fixed("Een dienst die de zoekopdracht nodig heeft, is niet beschikbaar. Probeer het later opnieuw.")),
			graph.CodeUpstreamTimeout:     searchAnswer(http.StatusServiceUnavailable, "503.1", "Dienst niet beschikbaar", fixed("Een dienst die de zoekopdracht nodig heeft, is niet beschikbaar. Probeer het later opnieuw.")), // no 504 in the contract
			graph.CodeInternal:            searchAnswer(http.StatusInternalServerError, "500.1", "Interne fout", fixed("Er ging iets mis. Probeer het later opnieuw.")),
		},
		TooLarge:   searchAnswer(http.StatusRequestEntityTooLarge, "413.1", "Te groot", message),
		Schema:     seSearchErrorSchema(),
		SchemaName: "SearchError",
	}
}

// seSearchExplain answers a search without any parameter as one that matched more than one
// profile: every profile matches no criteria, and the caller must narrow the search. The
// graph refuses such a search before it reads a row.
func seSearchExplain(e *graph.Error, _ map[string]any) *Problem {
	if e.Code == graph.CodeBadUserInput && e.Field == "filter" {
		return &Problem{Err: errSeveralProfiles}
	}
	return &Problem{Err: e}
}

func seSearchErrorSchema() *openapi3.Schema {
	s := closedObject()
	s.Description = "An error of the customer search: type is the search's path, apiErrorCode <status>.<n>, title and detail in Dutch, instance a UUID."
	for _, name := range []string{"type", "apiErrorCode", "title", "detail", "instance"} {
		setProperty(s, name, openapi3.NewStringSchema(), true)
	}
	sub := closedObject()
	setProperty(sub, "subApiErrorCode", openapi3.NewStringSchema(), true)
	setProperty(s, "errors", openapi3.NewArraySchema().WithItems(sub), false)
	return s
}

// seProblemTypes is where the problem types live.
const seProblemTypes = "https://htm.nl/api/v1/probs/"

// seProblem is a style B body.
type seProblem struct {
	Type     string           `json:"type"`
	Title    string           `json:"title"`
	Detail   string           `json:"detail"`
	Instance string           `json:"instance"`
	Errors   []map[string]any `json:"errors"`
}

// problemAnswer answers a code in style B.
func problemAnswer(status int, kind, title string) ErrorAnswer {
	return ErrorAnswer{Status: status, Detailed: func(p *Problem) any {
		return problemBody(kind, title, p)
	}}
}

func problemBody(kind, title string, p *Problem) seProblem {
	if p.Title != "" {
		title = p.Title
	}
	body := seProblem{Type: seProblemTypes + kind, Title: title, Detail: p.Err.Message,
		Instance: "urn:uuid:" + newUUID(), Errors: []map[string]any{}}
	for _, d := range p.Details {
		entry := map[string]any{"detail": d.Detail}
		if d.Detail == "" {
			entry["detail"] = reasonText(d)
		}
		if d.Pointer != "" {
			entry["pointer"] = d.Pointer
		}
		if d.Field != "" && d.Value != nil {
			entry[d.Field] = d.Value
		}
		body.Errors = append(body.Errors, entry)
	}
	if len(p.Details) == 0 {
		body.Errors = append(body.Errors, map[string]any{"detail": p.Err.Message})
	}
	return body
}

// tokenNames are the request's tokens as the contract's words name them.
var tokenNames = map[string]string{
	"oldOvPayToken": "The old token",
	"newOvPayToken": "The new token",
	"ovPayToken":    "The token",
}

// reasonText words what the request validation found, in this API's words.
func reasonText(d Detail) string {
	name := "The field " + d.Field
	if t, ok := tokenNames[d.Field]; ok {
		name = t
	}
	switch d.Reason {
	case ReasonRequired:
		return name + " is required."
	case ReasonNotAllowed:
		return "The field " + d.Field + " is not allowed here."
	}
	return "The value of " + d.Field + " is not valid."
}

// seBadInput answers BAD_USER_INPUT: what the request validation refused is a validation problem
// (400 validation, with an entry per field), what the graph refused a bad request (400
// badrequest, in its words).
func seBadInput(p *Problem) any {
	validated := len(p.Details) > 0
	for _, d := range p.Details {
		validated = validated && d.Reason != ""
	}
	if !validated {
		return problemBody("badrequest", "Bad Request", p)
	}
	q := *p
	q.Err = &graph.Error{Code: p.Err.Code, Message: "The request is not valid."}
	for _, d := range p.Details {
		if d.Pointer != "" {
			q.Err.Message = "The request body is not valid."
		}
	}
	return problemBody("validation", "Validation error", &q)
}

// seProblemDialect is style B, the token operations'. NOT_FOUND is the documented 404 notfound;
// CONFLICT and UNPROCESSABLE (a state or rule that forbids the operation: a token Replaced
// already, a transfer a rule stops) the documented 405 notallowed; BAD_USER_INPUT the 400
// validation or badrequest (see seBadInput).
func seProblemDialect() Dialect {
	return Dialect{
		Codes: map[graph.Code]ErrorAnswer{
			graph.CodeBadUserInput:        {Status: http.StatusBadRequest, Detailed: seBadInput},
			graph.CodeNotFound:            problemAnswer(http.StatusNotFound, "notfound", "The item you requested was not found."),
			graph.CodeConflict:            problemAnswer(http.StatusMethodNotAllowed, "notallowed", "The operation you requested was not allowed."),
			graph.CodeUnprocessable:       problemAnswer(http.StatusMethodNotAllowed, "notallowed", "The operation you requested was not allowed."),
			graph.CodeUnauthenticated:     problemAnswer(http.StatusUnauthorized, "unauthorized", "Unauthorized"),
			graph.CodeForbidden:           problemAnswer(http.StatusForbidden, "forbidden", "Forbidden"),
			graph.CodeUpstreamUnavailable: problemAnswer(http.StatusServiceUnavailable, "unavailable", "Service Unavailable"),
			graph.CodeUpstreamTimeout:     problemAnswer(http.StatusServiceUnavailable, "unavailable", "Service Unavailable"), // no 504 in the contract
			graph.CodeInternal:            problemAnswer(http.StatusInternalServerError, "internal", "Internal Server Error"),
		},
		TooLarge: problemAnswer(http.StatusRequestEntityTooLarge, "toolarge", "Content Too Large"),
		Schema:   seProblemSchema(),
	}
}

func seProblemSchema() *openapi3.Schema {
	s := closedObject()
	s.Description = "A problem: type https://htm.nl/api/v1/probs/<kind>, title, detail, instance urn:uuid:<uuid>, " +
		"and errors, one per thing wrong: its detail, where (pointer) and the offending value under its field's name."
	for _, name := range []string{"type", "title", "detail", "instance"} {
		setProperty(s, name, openapi3.NewStringSchema(), true)
	}
	entry := openapi3.NewObjectSchema()
	setProperty(entry, "detail", openapi3.NewStringSchema(), true)
	setProperty(entry, "pointer", openapi3.NewStringSchema(), false)
	setProperty(s, "errors", openapi3.NewArraySchema().WithItems(entry), true)
	return s
}

// seExplain adds to a graph error of a token operation what the contract's bodies list: the
// findings of a comparison or transfer (their entries), or else the field the error names with
// the value the request gave it.
func seExplain(e *graph.Error, vars map[string]any) *Problem {
	if findings, ok := e.Extra["findings"].([]any); ok && len(findings) > 0 {
		return findingsProblem(e, findings)
	}
	p := &Problem{Err: e}
	if e.Field == "" {
		return p
	}
	name := e.Field[strings.LastIndex(e.Field, ".")+1:]
	if v, ok := lookupVar(vars, e.Field); ok {
		p.Details = []Detail{{Detail: e.Message, Pointer: "#/0/" + name, Field: name, Value: v}}
	}
	return p
}

// lookupVar finds a field in the request's variables: by its dot path, or by its last name at
// the top or one input object down.
func lookupVar(vars map[string]any, field string) (any, bool) {
	cur := any(vars)
	for _, key := range strings.Split(field, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			cur = nil
			break
		}
		cur = obj[key]
	}
	if cur != nil {
		return cur, true
	}
	name := field[strings.LastIndex(field, ".")+1:]
	if v, ok := vars[name]; ok && v != nil {
		return v, true
	}
	for _, v := range vars {
		if obj, ok := v.(map[string]any); ok && obj[name] != nil {
			return obj[name], true
		}
	}
	return nil, false
}
