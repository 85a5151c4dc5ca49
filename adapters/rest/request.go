package rest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/go-chi/chi/v5"

	"ovgraph/graph"
)

// A request is read in three steps: its body is read (up to the API's cap) and decoded, the request
// is validated against the route's operation in the API's own OpenAPI document, and the route's
// variables are collected from it. The document is the one source of request validation: it is
// written from the same GraphQL input types the variables feed, with closed objects, so what it
// lets through GraphQL takes (a scalar's rules beyond its JSON schema aside: see clientError), and
// its errors are worded as the gateway's were.

// read reads a route's variables from a request.
func (e *endpoint) read(r *http.Request) (map[string]any, error) {
	var data []byte
	var body map[string]any
	if e.route.needsBody() {
		var err error
		if data, err = readBody(r, e.maxBodyBytes); err != nil {
			return nil, err
		}
		v, gerr := decodeBody(data)
		if gerr != nil {
			return nil, gerr
		}
		if len(e.route.BodyAliases) > 0 {
			v = renameKeys(v, e.route.BodyAliases)
			if data, err = json.Marshal(v); err != nil {
				return nil, fmt.Errorf("write renamed body: %w", err)
			}
		}
		// validate refuses anything but an object.
		body, _ = v.(map[string]any)
	}
	if err := validate(e.op, r, data); err != nil {
		return nil, err
	}
	vars, gerr := e.route.variables(r, body)
	if gerr != nil {
		return nil, gerr
	}
	return vars, nil
}

// renameKeys renames the keys of every object in v that aliases names, unless the object has the
// new name already.
func renameKeys(v any, aliases map[string]string) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = renameKeys(e, aliases)
		}
		for from, to := range aliases {
			if val, ok := x[from]; ok {
				if _, taken := x[to]; !taken {
					delete(x, from)
					x[to] = val
				}
			}
		}
	case []any:
		for i, e := range x {
			x[i] = renameKeys(e, aliases)
		}
	}
	return v
}

// tooLargeError is a request body over the API's cap, which its dialect answers with a 413.
type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("request body over %d bytes", e.limit)
}

// readBody reads a request body of at most limit bytes.
func readBody(r *http.Request, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	var maxBytes *http.MaxBytesError
	switch {
	case errors.As(err, &maxBytes) || int64(len(data)) > limit:
		// The server's own cap (http.MaxBytesReader) may be the one that stops the read.
		return nil, &tooLargeError{limit: limit}
	case err != nil:
		return nil, graph.InputError("body", "Bad Request - the request body could not be read")
	}
	return data, nil
}

var errNoBody = graph.InputError("body", "Bad Request - the request body is missing; a JSON object is required")

// decodeBody reads one JSON value, with nothing after it. Numbers are decoded exactly (16-digit
// chip card numbers survive) and then given their Go type, so GraphQL coercion tells a number from
// a string.
func decodeBody(data []byte) (any, *graph.Error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errNoBody
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, graph.InputError("body", "Bad Request - the request body is not valid JSON: "+err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, graph.InputError("body", "Bad Request - the request body is not valid JSON: data after the JSON value")
	}
	return numbers(v), nil
}

// numbers turns json.Numbers into int64 (whole numbers that fit) or float64. Left as json.Number,
// a number would pass GraphQL coercion as a String, since json.Number is a string type.
func numbers(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = numbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = numbers(e)
		}
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		f, _ := strconv.ParseFloat(string(x), 64)
		return f
	}
	return v
}

// operation is a route's operation in the API's OpenAPI document, found once when the handler is
// built: the engine knows which route a request took, so no router matches it to the document.
func operation(doc *openapi3.T, route Route) (*routers.Route, error) {
	item := doc.Paths.Value(route.Path)
	if item == nil || item.GetOperation(route.Method) == nil {
		return nil, fmt.Errorf("no operation %s %s in the OpenAPI document", route.Method, route.Path)
	}
	return &routers.Route{Spec: doc, Server: doc.Servers[0], Path: route.Path, PathItem: item,
		Method: route.Method, Operation: item.GetOperation(route.Method)}, nil
}

var validationOptions = &openapi3filter.Options{
	// The engine authenticates (see authenticate); the document's security requirements describe
	// that, they are not checked again.
	AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
	// Nothing is written into the request: the schemas have no defaults anyway.
	SkipSettingDefaults: true,
}

// validate checks a request, with the body already read, against the route's operation.
func validate(op *routers.Route, r *http.Request, body []byte) error {
	vr := r.Clone(r.Context())
	if body != nil {
		vr.Body = io.NopCloser(bytes.NewReader(body))
		vr.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		vr.ContentLength = int64(len(body))
		// Every body is read as JSON, whatever its Content-Type says, as the gateway did.
		vr.Header.Set("Content-Type", "application/json")
	} else {
		vr.Body, vr.GetBody, vr.ContentLength = http.NoBody, nil, 0
	}
	params := map[string]string{}
	if rc := chi.RouteContext(r.Context()); rc != nil {
		for i, k := range rc.URLParams.Keys {
			params[k] = rc.URLParams.Values[i]
		}
	}
	err := openapi3filter.ValidateRequest(r.Context(), &openapi3filter.RequestValidationInput{
		Request: vr, PathParams: params, Route: op, Options: validationOptions,
	})
	if err != nil {
		return inputError(err)
	}
	return nil
}

// inputError words a request the document refuses as the gateway's JSON-schema validator did,
// whose messages legacy callers know (the contract's error examples pin them), naming the field
// as the request spells it. An error that is not about the request is returned as it is, to be
// answered as an internal one.
func inputError(err error) error {
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return fmt.Errorf("validate request: %w", err)
	}
	var se *openapi3.SchemaError
	switch {
	case re.Parameter != nil:
		name := re.Parameter.Name
		// A parameter is no part of the body: its details point nowhere.
		if errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
			return missingFields("", []string{name})
		}
		return &Problem{Err: graph.InputError(name, invalidField(name)),
			Details: []Detail{{Field: name, Reason: ReasonInvalid}}}
	case re.RequestBody == nil:
		return fmt.Errorf("validate request: %w", err)
	case errors.Is(re.Err, openapi3filter.ErrInvalidRequired):
		return errNoBody
	case errors.As(re.Err, &se):
		return schemaError(se)
	}
	// decodeBody has read the body as JSON already, so this is not expected.
	return graph.InputError("body", "Bad Request - the request body is not valid JSON")
}

// schemaError words a body's schema error: missing required properties and properties the schema
// does not allow are listed (all of them, in the object the error is about), and any other error
// names the field whose value is wrong. The details point at each.
func schemaError(se *openapi3.SchemaError) error {
	pointer := se.JSONPointer()
	obj, _ := se.Value.(map[string]any)
	if se.SchemaField == "required" && len(pointer) > 0 {
		// The pointer of a missing property ends in its name; the object is where it is missing.
		if _, there := obj[pointer[len(pointer)-1]]; !there {
			pointer = pointer[:len(pointer)-1]
		}
	}
	at := "#/"
	for _, p := range pointer {
		at += p + "/"
	}
	if obj != nil && se.Schema != nil {
		switch se.SchemaField {
		case "required":
			var missing []string
			for _, name := range se.Schema.Required {
				if _, ok := obj[name]; !ok {
					missing = append(missing, name)
				}
			}
			if len(missing) > 0 {
				return missingFields(at, missing)
			}
		case "properties": // a property beside the declared ones, in a closed object
			var extra []string
			for name := range obj {
				if _, ok := se.Schema.Properties[name]; !ok {
					extra = append(extra, name)
				}
			}
			if len(extra) > 0 {
				slices.Sort(extra)
				p := &Problem{Err: graph.InputError(extra[0], fmt.Sprintf(
					"object instance has properties which are not allowed by the schema: %s", quoted(extra)))}
				for _, name := range extra {
					p.Details = append(p.Details, Detail{Pointer: at + name, Field: name, Value: obj[name], Reason: ReasonNotAllowed})
				}
				return p
			}
		}
	}
	// The field is the last name on the error's path; list indices are numbers, which no GraphQL
	// name is.
	for i := len(pointer) - 1; i >= 0; i-- {
		if _, err := strconv.Atoi(pointer[i]); err != nil {
			return &Problem{Err: graph.InputError(pointer[i], invalidField(pointer[i])),
				Details: []Detail{{Pointer: strings.TrimSuffix(at, "/"), Field: pointer[i], Value: se.Value, Reason: ReasonInvalid}}}
		}
	}
	// Every body is an object (see requestBody), so an error about the whole body is that it is not.
	return graph.InputError("body", "Bad Request - the request body must be a JSON object")
}

// missingFields is the error of required fields left out of the object at the pointer at ("" for
// parameters, which are no part of the body): its message names them in alphabetical order.
func missingFields(at string, names []string) *Problem {
	sorted := slices.Sorted(slices.Values(names))
	p := &Problem{Err: graph.InputError(sorted[0], fmt.Sprintf("object has missing required properties (%s)", quoted(sorted)))}
	// The details follow the schema's order.
	for _, name := range names {
		d := Detail{Field: name, Reason: ReasonRequired}
		if at != "" {
			d.Pointer = at + name
		}
		p.Details = append(p.Details, d)
	}
	return p
}

// quoted writes names as a JSON list: ["a","b"].
func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return "[" + strings.Join(q, ",") + "]"
}

func invalidField(name string) string {
	return fmt.Sprintf("Bad Request - please verify the value for the following field %q", name)
}

// variables collects the route's variables from a validated request and its decoded body.
func (rt Route) variables(r *http.Request, body map[string]any) (map[string]any, *graph.Error) {
	vars := map[string]any{}
	query := r.URL.Query()
	for _, v := range rt.Vars {
		switch v.From {
		case Path:
			val, err := convert(v.Key, chi.URLParam(r, v.Key), v.Kind)
			if err != nil {
				return nil, err
			}
			vars[v.Name] = val
		case Query:
			if v.Fields != nil {
				obj := map[string]any{}
				for _, p := range v.Fields {
					if query.Has(p.Name) {
						val, err := convert(p.Name, query.Get(p.Name), p.Kind)
						if err != nil {
							return nil, err
						}
						obj[p.field()] = val
					}
				}
				vars[v.Name] = obj
				continue
			}
			if query.Has(v.Key) {
				val, err := convert(v.Key, query.Get(v.Key), v.Kind)
				if err != nil {
					return nil, err
				}
				vars[v.Name] = val
			}
		case Header:
			if raw := r.Header.Values(v.Key); len(raw) > 0 {
				val, err := convert(v.Key, raw[0], v.Kind)
				if err != nil {
					return nil, err
				}
				vars[v.Name] = val
			}
		case Body:
			vars[v.Name] = body
		case BodyKey:
			// The document requires the key.
			vars[v.Name] = body[v.Key]
		}
	}
	return vars, nil
}

func (rt Route) needsBody() bool {
	for _, v := range rt.Vars {
		if v.From == Body || v.From == BodyKey {
			return true
		}
	}
	return false
}

// convert turns a path, query or header parameter into the value of its variable. The document has
// checked it already; the error is for a route the document does not describe as it should.
func convert(name, raw string, kind Kind) (any, *graph.Error) {
	switch kind {
	case Int:
		n, err := strconv.ParseInt(raw, 10, 32)
		if err != nil {
			return nil, graph.InputError(name, invalidField(name))
		}
		return n, nil
	case IntList:
		list := []any{}
		if strings.TrimSpace(raw) == "" {
			return list, nil
		}
		for _, part := range strings.Split(raw, ",") {
			n, err := strconv.ParseInt(strings.TrimSpace(part), 10, 32)
			if err != nil {
				return nil, graph.InputError(name, invalidField(name))
			}
			list = append(list, n)
		}
		return list, nil
	}
	return raw, nil
}
