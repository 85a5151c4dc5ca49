package rest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// A route may answer its success with response headers: Location, for an operation that creates
// a resource, filled from the answer's body, and Retry-After, for an asynchronous one.

// placeholder is a {name} of a Location template.
var placeholder = regexp.MustCompile(`\{([^{}]*)\}`)

// responseHeaders declares a route's response headers for its success response, after checking
// them against the success body's schema (nil without a body): each {name} of its Location must
// be a required scalar of the body, never null, and Retry-After a whole number of seconds on a
// 202 Accepted.
func responseHeaders(base string, route Route, body *openapi3.Schema) (openapi3.Headers, error) {
	headers := openapi3.Headers{}
	if route.Location != "" {
		if body == nil {
			return nil, fmt.Errorf("the Location is filled from the answer's body, and the route answers none")
		}
		if !strings.HasPrefix(route.Location, "/") {
			return nil, fmt.Errorf("the Location %q does not start with a slash", route.Location)
		}
		for _, m := range placeholder.FindAllStringSubmatch(route.Location, -1) {
			name := m[1]
			p := body.Properties[name]
			if p == nil || p.Value == nil || !slices.Contains(body.Required, name) || p.Value.Nullable ||
				!p.Value.Type.Is(openapi3.TypeInteger) && !p.Value.Type.Is(openapi3.TypeString) {
				return nil, fmt.Errorf("the Location's {%s} is not a required, non-null number or string of the body", name)
			}
		}
		headers["Location"] = header(openapi3.NewStringSchema(),
			fmt.Sprintf("The new resource, %s%s, filled from the body.", base, route.Location))
	}
	if route.RetryAfter != 0 {
		if route.RetryAfter < time.Second || route.RetryAfter%time.Second != 0 {
			return nil, fmt.Errorf("Retry-After %s is not a whole number of seconds", route.RetryAfter)
		}
		if route.Status != http.StatusAccepted {
			return nil, fmt.Errorf("Retry-After on status %d: an asynchronous operation answers 202", route.Status)
		}
		headers["Retry-After"] = header(openapi3.NewIntegerSchema().WithMin(1),
			"Seconds to wait before asking for the result of the operation.")
	}
	return headers, nil
}

func header(schema *openapi3.Schema, description string) *openapi3.HeaderRef {
	return &openapi3.HeaderRef{Value: &openapi3.Header{Parameter: openapi3.Parameter{
		Description: description, Required: true, Schema: schema.NewRef()}}}
}

// setResponseHeaders sets a route's response headers for the answer's body.
func (e *endpoint) setResponseHeaders(w http.ResponseWriter, body json.RawMessage) error {
	if e.route.Location != "" {
		loc, err := location(e.route.Location, body)
		if err != nil {
			return err
		}
		w.Header().Set("Location", e.api.BasePath+loc)
	}
	if e.route.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.FormatInt(int64(e.route.RetryAfter/time.Second), 10))
	}
	return nil
}

// location fills a Location template with the values of the body's keys it names, escaped as
// path segments.
func location(template string, body json.RawMessage) (string, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return "", fmt.Errorf("fill Location %s: %w", template, err)
	}
	var missing []string
	out := placeholder.ReplaceAllStringFunc(template, func(m string) string {
		name := m[1 : len(m)-1]
		raw := bytes.TrimSpace(obj[name])
		var s string
		if err := json.Unmarshal(raw, &s); err == nil && s != "" {
			return url.PathEscape(s)
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var n any
		if err := dec.Decode(&n); err == nil {
			if num, ok := n.(json.Number); ok {
				return num.String()
			}
		}
		missing = append(missing, name)
		return m
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("fill Location %s: no value for %s in the answer", template, strings.Join(missing, ", "))
	}
	return out, nil
}
