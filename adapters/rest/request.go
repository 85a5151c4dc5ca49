package rest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"ovgraph/graph"
)

// variables collects the route's variables from the request, whose body may have at most limit
// bytes. It fails with a *graph.Error or a *tooLargeError.
func (rt Route) variables(r *http.Request, limit int64) (map[string]any, error) {
	vars := map[string]any{}
	var body map[string]any
	if rt.needsBody() {
		var err error
		if body, err = readBody(r, limit); err != nil {
			return nil, err
		}
		if err := rt.checkBodyKeys(body); err != nil {
			return nil, err
		}
	}
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
						obj[p.Name] = val
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
		case Body:
			vars[v.Name] = body
		case BodyKey:
			val, ok := body[v.Key]
			if !ok {
				return nil, graph.InputError(v.Key, fmt.Sprintf("object has missing required properties ([%q])", v.Key))
			}
			vars[v.Name] = val
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

// checkBodyKeys refuses top-level keys beside a body's wrapper keys: GraphQL coercion sees only
// what is inside the wrappers, so this is the one place such a key can be caught.
func (rt Route) checkBodyKeys(body map[string]any) *graph.Error {
	allowed := map[string]bool{}
	for _, v := range rt.Vars {
		switch v.From {
		case Body:
			return nil
		case BodyKey:
			allowed[v.Key] = true
		}
	}
	var extra []string
	for k := range body {
		if !allowed[k] {
			extra = append(extra, strconv.Quote(k))
		}
	}
	if len(extra) == 0 {
		return nil
	}
	return graph.InputError(strings.Trim(extra[0], `"`), fmt.Sprintf(
		"object instance has properties which are not allowed by the schema: [%s]", strings.Join(extra, ",")))
}

// tooLargeError is a request body over the API's cap, which its dialect answers with a 413.
type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("request body over %d bytes", e.limit)
}

// readBody reads a JSON object of at most limit bytes. Numbers are decoded exactly (16-digit chip
// card numbers survive) and then given their Go type, so GraphQL coercion tells a number from a
// string.
func readBody(r *http.Request, limit int64) (map[string]any, error) {
	data, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	var maxBytes *http.MaxBytesError
	switch {
	case errors.As(err, &maxBytes) || int64(len(data)) > limit:
		// The server's own cap (http.MaxBytesReader) may be the one that stops the read.
		return nil, &tooLargeError{limit: limit}
	case err != nil:
		return nil, graph.InputError("body", "Bad Request - the request body could not be read")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, graph.InputError("body", "Bad Request - the request body is missing; a JSON object is required")
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
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, graph.InputError("body", "Bad Request - the request body must be a JSON object")
	}
	return numbers(obj).(map[string]any), nil
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

// convert turns a path or query parameter into the value of its variable.
func convert(name, raw string, kind Kind) (any, *graph.Error) {
	if kind != Int {
		return raw, nil
	}
	n, err := strconv.ParseInt(raw, 10, 32)
	if err != nil {
		return nil, graph.InputError(name, invalidField(name))
	}
	return n, nil
}

func invalidField(name string) string {
	return fmt.Sprintf("Bad Request - please verify the value for the following field %q", name)
}
