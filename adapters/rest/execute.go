package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/getkin/kin-openapi/routers"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"ovgraph/graph"
)

// endpoint serves one route.
type endpoint struct {
	api          API
	route        Route
	document     string
	op           *routers.Route // the route's operation in the API's OpenAPI document
	exec         graphql.GraphExecutor
	log          *slog.Logger
	maxBodyBytes int64
}

func (e *endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	errs := e.errors()
	if gerr := authenticate(ctx, e.route.Auth); gerr != nil {
		errs.Write(w, gerr)
		return
	}
	vars, err := e.read(r)
	if err != nil {
		e.fail(r.Context(), w, err)
		return
	}
	resp := execute(ctx, e.exec, e.document, vars)
	if failed := e.route.failure(resp.Errors); failed != nil {
		gerr := e.route.clientError(failed)
		if e.route.Explain != nil {
			errs.WriteProblem(w, e.route.Explain(gerr, vars))
			return
		}
		errs.Write(w, gerr)
		return
	}
	status, err := e.route.status(resp.Data)
	var body json.RawMessage
	if err == nil {
		body, err = pick(resp.Data, e.route.Data)
	}
	if err == nil && e.route.Shape != nil && !isNull(body) {
		body, err = e.route.Shape(ctx, body)
	}
	if err == nil && isNull(body) {
		err = graph.NotFound()
	}
	if err == nil {
		err = e.setResponseHeaders(w, body)
	}
	if err != nil {
		e.fail(ctx, w, err)
		return
	}
	if e.route.NoBody {
		w.WriteHeader(status)
		return
	}
	WriteJSON(w, status, body)
}

// errors is the route's error form: its own, or its API's.
func (e *endpoint) errors() Dialect {
	if e.route.Errors != nil {
		return *e.route.Errors
	}
	return e.api.Errors
}

// status is the route's success status for an answer's data.
func (rt Route) status(data json.RawMessage) (int, error) {
	if rt.StatusFlag == nil {
		return rt.Status, nil
	}
	raw, err := pick(data, rt.StatusFlag.Path)
	if err != nil {
		return 0, err
	}
	var flag bool
	if err := json.Unmarshal(raw, &flag); err != nil {
		return 0, fmt.Errorf("read data.%s: %w", rt.StatusFlag.Path, err)
	}
	if flag {
		return rt.Status, nil
	}
	return rt.StatusFlag.Otherwise, nil
}

// fail answers an error: a *graph.Error, a *Problem or a body too large as the route's error
// form says, anything else as an internal error, logged.
func (e *endpoint) fail(ctx context.Context, w http.ResponseWriter, err error) {
	var ge *graph.Error
	var p *Problem
	var tooLarge *tooLargeError
	switch {
	case errors.As(err, &p):
		e.errors().WriteProblem(w, p)
	case errors.As(err, &ge):
		e.errors().Write(w, ge)
	case errors.As(err, &tooLarge):
		e.errors().writeTooLarge(w, tooLarge.limit)
	default:
		e.log.ErrorContext(ctx, "rest shim failed", "api", e.api.Name,
			"operation", e.route.OperationID, "error", err.Error(), "correlation_id", graph.CorrelationID(ctx))
		e.errors().Write(w, graph.NewError(graph.CodeInternal, graph.InternalMessage))
	}
}

// execute runs a document as gqlgen's HTTP transports do: start the operation trace, create the
// operation context (parse, validate, coerce variables), dispatch it and drain its responses.
func execute(ctx context.Context, exec graphql.GraphExecutor, doc string, vars map[string]any) *graphql.Response {
	ctx = graphql.StartOperationTrace(ctx)
	start := graphql.Now()
	params := &graphql.RawParams{
		Query:     doc,
		Variables: vars,
		ReadTime:  graphql.TraceTiming{Start: start, End: graphql.Now()},
	}
	opCtx, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		return exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), errs)
	}
	responses, ctx := exec.DispatchOperation(ctx, opCtx)
	resp := responses(ctx)
	if resp == nil {
		return &graphql.Response{Errors: gqlerror.List{{Message: "no response",
			Extensions: map[string]any{"code": string(graph.CodeInternal)}}}}
	}
	// A query or mutation answers once; reading until the end releases the handler.
	for more := responses(ctx); more != nil; more = responses(ctx) {
	}
	return resp
}

// failure is the error a route answers for a response's errors, or nil when the response
// stands: errors at or under the route's Nullable paths leave their nulls in the answer, and of
// the others the most severe is answered, whatever the order they came in.
func (rt Route) failure(errs gqlerror.List) *gqlerror.Error {
	var worst *gqlerror.Error
	for _, e := range errs {
		if rt.accepts(e.Path) {
			continue
		}
		if worst == nil || outranks(e, worst) {
			worst = e
		}
	}
	return worst
}

// accepts tells whether an error at path leaves a null the route passes on.
func (rt Route) accepts(path ast.Path) bool {
	var keys []string
	for _, p := range path {
		if name, ok := p.(ast.PathName); ok {
			keys = append(keys, string(name))
		}
	}
	if len(keys) == 0 {
		return false
	}
	at := strings.Join(keys, ".")
	for _, n := range rt.Nullable {
		if at == n || strings.HasPrefix(at, n+".") {
			return true
		}
	}
	return false
}

// severity orders the codes for choosing among several errors the one a response answers. A
// fault on our side or a vendor's comes first: the caller cannot fix it, a retry may be all it
// needs, and the other errors may be its consequences (INTERNAL over UPSTREAM_UNAVAILABLE, the
// less hopeful of the two). Then whether the caller may ask at all, which holds for the whole
// request (UNAUTHENTICATED, then FORBIDDEN); then whether what it asks about exists (NOT_FOUND:
// the rest of its request is moot without it); then the state the request runs into (CONFLICT,
// UNPROCESSABLE); and last its own input, which it can fix once the rest holds. A code outside
// the set counts as INTERNAL, as it is answered.
var severity = map[graph.Code]int{
	graph.CodeInternal:            8,
	graph.CodeUpstreamUnavailable: 7,
	graph.CodeUpstreamTimeout:     7,
	graph.CodeUnauthenticated:     6,
	graph.CodeForbidden:           5,
	graph.CodeNotFound:            4,
	graph.CodeConflict:            3,
	graph.CodeUnprocessable:       2,
	graph.CodeBadUserInput:        1,
}

func rank(e *gqlerror.Error) int {
	code, _ := e.Extensions["code"].(string)
	if r, ok := severity[graph.Code(code)]; ok {
		return r
	}
	return severity[graph.CodeInternal]
}

// outranks tells whether a is answered rather than b: the more severe, or, of two as severe, the
// first by path and message, so that the answer does not depend on the order of the errors.
func outranks(a, b *gqlerror.Error) bool {
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra > rb
	}
	if pa, pb := a.Path.String(), b.Path.String(); pa != pb {
		return pa < pb
	}
	return a.Message < b.Message
}

// clientError turns a GraphQL error into the *graph.Error the API answers. A variable the
// OpenAPI document lets through but GraphQL's coercion refuses (a scalar's rule beyond its JSON
// schema, such as a date-time's calendar) is told in the validator's words too, naming the field
// as the request spells it.
func (rt Route) clientError(e *gqlerror.Error) *graph.Error {
	code, _ := e.Extensions["code"].(string)
	out := &graph.Error{Code: graph.Code(code), Message: e.Message}
	if out.Code == "" {
		out.Code = graph.CodeInternal
	}
	out.Field, _ = e.Extensions["field"].(string)
	out.Country, _ = e.Extensions["country"].(string)
	out.Extra = extraExtensions(e.Extensions)
	if out.Code != graph.CodeBadUserInput || len(e.Path) < 2 || e.Path[0] != ast.PathName("variable") {
		return out
	}
	out.Field = rt.restName(e.Path)
	out.Message = invalidField(out.Field)
	return out
}

// extraExtensions are an error's extensions beside code, field and country (a comparison's
// findings, say), as JSON reads them: the resolvers' values, pointers and all, become plain ones.
func extraExtensions(ext map[string]any) map[string]any {
	extra := map[string]any{}
	for k, v := range ext {
		if k != "code" && k != "field" && k != "country" {
			extra[k] = v
		}
	}
	if len(extra) == 0 {
		return nil
	}
	b, err := json.Marshal(extra)
	if err != nil {
		return nil
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil
	}
	return out
}

// restName names the field of a variable path (variable.input.houseNumber) as the REST body does:
// its last name, or the body key or parameter the variable came from.
func (rt Route) restName(path ast.Path) string {
	for i := len(path) - 1; i >= 2; i-- {
		if name, ok := path[i].(ast.PathName); ok {
			return string(name)
		}
	}
	name, _ := path[1].(ast.PathName)
	for _, v := range rt.Vars {
		if v.Name == string(name) && v.Key != "" {
			return v.Key
		}
	}
	return string(name)
}

// pick follows a dot path into the answer's data; a null on the way gives null. The value is a
// slice of data: nothing is decoded or copied, so the answer's bytes are written through.
func pick(data json.RawMessage, path string) (json.RawMessage, error) {
	cur := data
	for key := range strings.SplitSeq(path, ".") {
		if isNull(cur) {
			return cur, nil
		}
		next, found, err := member(cur, key)
		if err != nil {
			return nil, fmt.Errorf("read data.%s: %w", path, err)
		}
		if !found {
			return nil, fmt.Errorf("read data.%s: no %q in the answer", path, key)
		}
		cur = next
	}
	return cur, nil
}

// The executor writes its answers, so they are valid JSON: finding a value in one takes no more
// than a scan for where each value before it ends, without decoding anything. The scans below
// rely on that: they find where values end, they do not check them (an answer cut short fails).

var errMalformed = errors.New("the answer is not well-formed JSON")

// member is the value of key in the JSON object obj; found tells whether obj has the key.
func member(obj []byte, key string) (value []byte, found bool, err error) {
	i := skipSpace(obj, 0)
	if i == len(obj) || obj[i] != '{' {
		return nil, false, errors.New("not an object")
	}
	if i = skipSpace(obj, i+1); i < len(obj) && obj[i] == '}' {
		return nil, false, nil
	}
	for i < len(obj) && obj[i] == '"' {
		end, err := stringEnd(obj, i)
		if err != nil {
			return nil, false, err
		}
		name := obj[i:end]
		if i = skipSpace(obj, end); i == len(obj) || obj[i] != ':' {
			return nil, false, errMalformed
		}
		i = skipSpace(obj, i+1)
		vend, err := valueEnd(obj, i)
		if err != nil {
			return nil, false, err
		}
		if isKey(name, key) {
			return obj[i:vend], true, nil
		}
		switch i = skipSpace(obj, vend); {
		case i == len(obj):
			return nil, false, errMalformed
		case obj[i] == '}':
			return nil, false, nil
		case obj[i] == ',':
			i = skipSpace(obj, i+1)
		default:
			return nil, false, errMalformed
		}
	}
	return nil, false, errMalformed
}

// firstElement is the first element of the JSON array arr, nil when it is empty.
func firstElement(arr []byte) ([]byte, error) {
	i := skipSpace(arr, 0)
	if i == len(arr) || arr[i] != '[' {
		return nil, errors.New("not a list")
	}
	if i = skipSpace(arr, i+1); i < len(arr) && arr[i] == ']' {
		return nil, nil
	}
	end, err := valueEnd(arr, i)
	if err != nil {
		return nil, err
	}
	return arr[i:end], nil
}

// isKey tells whether the JSON string quoted (quotes included) is key. GraphQL names need no
// escapes, so the raw bytes are compared unless there is one.
func isKey(quoted []byte, key string) bool {
	if bytes.IndexByte(quoted, '\\') < 0 {
		return string(quoted[1:len(quoted)-1]) == key
	}
	var s string
	return json.Unmarshal(quoted, &s) == nil && s == key
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd is the index just past the JSON string that starts at b[i].
func stringEnd(b []byte, i int) (int, error) {
	for j := i + 1; j < len(b); {
		q := bytes.IndexByte(b[j:], '"')
		if q < 0 {
			break
		}
		j += q
		// The quote ends the string unless an odd number of backslashes escapes it.
		n := 0
		for k := j - 1; k > i && b[k] == '\\'; k-- {
			n++
		}
		if n%2 == 0 {
			return j + 1, nil
		}
		j++
	}
	return 0, errMalformed
}

// valueEnd is the index just past the JSON value that starts at b[i].
func valueEnd(b []byte, i int) (int, error) {
	if i == len(b) {
		return 0, errMalformed
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				end, err := stringEnd(b, i)
				if err != nil {
					return 0, err
				}
				i = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1, nil
				}
			}
		}
		return 0, errMalformed
	}
	// A number, true, false or null runs to the next delimiter.
	start := i
	for i < len(b) && strings.IndexByte(",:]} \t\n\r", b[i]) < 0 {
		i++
	}
	if i == start {
		return 0, errMalformed
	}
	return i, nil
}

func isNull(v json.RawMessage) bool {
	s := bytes.TrimSpace(v)
	return len(s) == 0 || string(s) == "null"
}

// WriteJSON answers status with a JSON body.
func WriteJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
