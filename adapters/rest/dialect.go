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
}

// ErrorAnswer is the status and body of one kind of error.
type ErrorAnswer struct {
	Status int
	// Body is the JSON body for an error, whose message is safe to show.
	Body func(e *graph.Error) any
}

// Write answers an error in the dialect's form.
func (d Dialect) Write(w http.ResponseWriter, e *graph.Error) {
	a, ok := d.Codes[e.Code]
	if !ok {
		e = graph.NewError(graph.CodeInternal, graph.InternalMessage)
		a = d.Codes[graph.CodeInternal]
	}
	d.write(w, a, e)
}

// writeTooLarge answers a request body over limit bytes.
func (d Dialect) writeTooLarge(w http.ResponseWriter, limit int64) {
	d.write(w, d.TooLarge, graph.InputError("body",
		fmt.Sprintf("The request body is larger than the limit of %d bytes.", limit)))
}

func (d Dialect) write(w http.ResponseWriter, a ErrorAnswer, e *graph.Error) {
	body, err := json.Marshal(a.Body(e))
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
		if a, ok := d.Codes[code]; !ok || a.Body == nil || a.Status < 400 {
			return fmt.Errorf("error dialect: no answer for %s", code)
		}
	}
	if d.TooLarge.Body == nil || d.TooLarge.Status != http.StatusRequestEntityTooLarge {
		return fmt.Errorf("error dialect: no 413 answer for a body too large")
	}
	if d.Schema == nil {
		return fmt.Errorf("error dialect: no schema")
	}
	return nil
}
