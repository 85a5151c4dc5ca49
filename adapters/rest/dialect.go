package rest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"ovgraph/graph"
)

// Dialect is an API's error form: the status and body it answers for each error code of the
// graph, and for a request body over the API's cap, which never reaches the graph. The graph's set
// of codes stays closed: a body too large is not a new code but a row of its own here, answered
// before any document runs.
type Dialect struct {
	// Codes answers each code of graph.Codes. A code without a row is answered as CodeInternal, and
	// fails the dialect's check.
	Codes map[graph.Code]ErrorAnswer
	// TooLarge answers a request body over the cap (413). Its Body gets an input error on the
	// field "body" whose message names the cap.
	TooLarge ErrorAnswer
	// Schema is the schema of every error body, for the API's OpenAPI document.
	Schema *openapi3.Schema
	// SchemaName names Schema among the document's components; "" is "Error". A route with an
	// error form of its own needs another name.
	SchemaName string
}

// schemaName is the name of the dialect's schema in an OpenAPI document.
func (d Dialect) schemaName() string {
	if d.SchemaName != "" {
		return d.SchemaName
	}
	return errorSchemaName
}

// ErrorAnswer is the status and body of one kind of error.
type ErrorAnswer struct {
	Status int
	// Body is the JSON body for an error, whose message is safe to show.
	Body func(e *graph.Error) any
	// Detailed, when set, is the body instead, for an error with the details of a *Problem (none
	// for a plain graph error); Body may then be nil.
	Detailed func(p *Problem) any
}

// Write answers an error in the dialect's form.
func (d Dialect) Write(w http.ResponseWriter, e *graph.Error) {
	d.WriteProblem(w, &Problem{Err: e})
}

// WriteProblem answers an error with its details in the dialect's form.
func (d Dialect) WriteProblem(w http.ResponseWriter, p *Problem) {
	a, ok := d.Codes[p.Err.Code]
	if !ok {
		p = &Problem{Err: graph.NewError(graph.CodeInternal, graph.InternalMessage)}
		a = d.Codes[graph.CodeInternal]
	}
	d.write(w, a, p)
}

// writeTooLarge answers a request body over limit bytes.
func (d Dialect) writeTooLarge(w http.ResponseWriter, limit int64) {
	d.write(w, d.TooLarge, &Problem{Err: graph.InputError("body",
		fmt.Sprintf("The request body is larger than the limit of %d bytes.", limit))})
}

func (d Dialect) write(w http.ResponseWriter, a ErrorAnswer, p *Problem) {
	var v any
	if a.Detailed != nil {
		v = a.Detailed(p)
	} else {
		v = a.Body(p.Err)
	}
	body, err := json.Marshal(v)
	if err != nil {
		// The bodies are structs of strings; should that ever change, the caller still gets a 500.
		http.Error(w, graph.InternalMessage, http.StatusInternalServerError)
		return
	}
	WriteJSON(w, a.Status, body)
}

// Statuses are the statuses of Codes, in order: every operation of the API's OpenAPI document
// lists them all, since which of them one operation can answer depends on its resolvers.
func (d Dialect) Statuses() []int {
	var out []int
	for _, a := range d.Codes {
		if !slices.Contains(out, a.Status) {
			out = append(out, a.Status)
		}
	}
	slices.Sort(out)
	return out
}

// check tells whether the dialect answers every code and a body too large, with a schema.
func (d Dialect) check() error {
	for _, code := range graph.Codes {
		if a, ok := d.Codes[code]; !ok || a.Body == nil && a.Detailed == nil || a.Status < 400 {
			return fmt.Errorf("error dialect: no answer for %s", code)
		}
	}
	if d.TooLarge.Body == nil && d.TooLarge.Detailed == nil || d.TooLarge.Status != http.StatusRequestEntityTooLarge {
		return fmt.Errorf("error dialect: no 413 answer for a body too large")
	}
	if d.Schema == nil {
		return fmt.Errorf("error dialect: no schema")
	}
	return nil
}

// Problem is an error with the details an error form may list: each names where the request
// went wrong and with which value. An error form without such a list shows the error alone.
type Problem struct {
	Err *graph.Error
	// Title, when set, words the kind of error for this case in place of the error form's title
	// for its code (a refused transfer rather than any refused operation).
	Title string
	// Details lists what is wrong, in order.
	Details []Detail
}

func (p *Problem) Error() string { return p.Err.Error() }

// Detail is one thing wrong with a request.
type Detail struct {
	// Detail says what is wrong, in words; an error form may word it itself from Field and Reason.
	Detail string
	// Pointer is where: a JSON pointer into the request ("#/oldOvPayToken").
	Pointer string
	// Field names the offending field; Value, when not nil, is its value.
	Field string
	Value any
	// Reason is what is wrong with it: required, notAllowed (a field the body may not have) or
	// invalid; "" for a detail the graph gave.
	Reason string
}

// Detail reasons of a request the validation refuses.
const (
	ReasonRequired   = "required"
	ReasonNotAllowed = "notAllowed"
	ReasonInvalid    = "invalid"
)
