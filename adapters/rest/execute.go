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
	caller, gerr := authenticate(r.Context(), e.route.Auth)
	if gerr != nil {
		e.api.Errors.Write(w, gerr)
		return
	}
	vars, err := e.read(r)
	if err != nil {
		e.fail(r.Context(), w, err)
		return
	}
	ctx := graph.WithCaller(r.Context(), caller)
	resp := execute(ctx, e.exec, e.document, vars)
	if len(resp.Errors) > 0 {
		e.api.Errors.Write(w, e.route.clientError(resp.Errors[0]))
		return
	}
	body, err := pick(resp.Data, e.route.Data)
	if err == nil && e.route.Shape != nil && !isNull(body) {
		body, err = e.route.Shape(body)
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
		w.WriteHeader(e.route.Status)
		return
	}
	WriteJSON(w, e.route.Status, body)
}

// fail answers an error: a *graph.Error or a body too large as the API's dialect says, anything
// else as an internal error, logged.
func (e *endpoint) fail(ctx context.Context, w http.ResponseWriter, err error) {
	var ge *graph.Error
	var tooLarge *tooLargeError
	switch {
	case errors.As(err, &ge):
		e.api.Errors.Write(w, ge)
	case errors.As(err, &tooLarge):
		e.api.Errors.writeTooLarge(w, tooLarge.limit)
	default:
		e.log.ErrorContext(ctx, "rest shim failed to read the answer", "api", e.api.Name,
			"operation", e.route.OperationID, "error", err.Error(), "correlation_id", graph.CorrelationID(ctx))
		e.api.Errors.Write(w, graph.NewError(graph.CodeInternal, graph.InternalMessage))
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
	if out.Code != graph.CodeBadUserInput || len(e.Path) < 2 || e.Path[0] != ast.PathName("variable") {
		return out
	}
	out.Field = rt.restName(e.Path)
	out.Message = invalidField(out.Field)
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

// pick follows a dot path into the answer's data; a null on the way gives null.
func pick(data json.RawMessage, path string) (json.RawMessage, error) {
	cur := data
	for _, key := range strings.Split(path, ".") {
		if isNull(cur) {
			return cur, nil
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(cur, &obj); err != nil {
			return nil, fmt.Errorf("read data.%s: %w", path, err)
		}
		next, ok := obj[key]
		if !ok {
			return nil, fmt.Errorf("read data.%s: no %q in the answer", path, key)
		}
		cur = next
	}
	return cur, nil
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
