// Package rest serves the documented REST APIs of HTM's legacy callers on top of the graph. Each
// API is data: a table of routes, one per documented operation, that names the GraphQL document to
// run, where each of its variables comes from, which part of the answer becomes the response body
// and with which status. The engine in this file walks such a table; it executes the documents
// in-process through gqlgen's executor, never over HTTP and never around the resolvers, so REST
// callers get exactly the rules, checks and audit trail GraphQL callers get.
package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/go-chi/chi/v5"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"ovgraph/graph"
)

// Auth says which of the request's verified tokens a route acts as.
type Auth int

const (
	// Touchpoint routes act as the back-office application of the Authorization bearer token.
	Touchpoint Auth = iota + 1
	// Customer routes act as the customer of the X-HTM-JWT-AUTH-HEADER token.
	Customer
)

// Kind is the GraphQL scalar a path or query parameter is converted to.
type Kind int

const (
	// String passes the parameter as it is (Date variables are strings too: the scalar checks them).
	String Kind = iota + 1
	// Int parses the parameter as a 32-bit integer, GraphQL's Int.
	Int
)

func (k Kind) String() string {
	switch k {
	case String:
		return "String"
	case Int:
		return "Int"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// fits tells whether a parameter of kind k can feed a variable of type def: Int an Int, String a
// scalar that reads strings (String, Date, Digits, ...).
func (k Kind) fits(def *ast.Definition) bool {
	if def == nil || def.Kind != ast.Scalar {
		return false
	}
	switch k {
	case Int:
		return def.Name == "Int"
	case String:
		return def.Name != "Int" && def.Name != "Boolean" && def.Name != "Float"
	}
	return false
}

// Source says where a variable's value comes from.
type Source int

const (
	// Path is a path parameter of the route pattern.
	Path Source = iota + 1
	// Query is a query parameter, or, with Fields, an input object built from several.
	Query
	// Body is the whole JSON body, which must be an object.
	Body
	// BodyKey is one top-level key of the JSON body, the wrapper of a body like {"address": {...}}.
	BodyKey
)

// Param is a REST parameter and the scalar it is converted to.
type Param struct {
	Name string
	Kind Kind
}

// Var says where one variable of a route's document comes from.
type Var struct {
	// Name is the GraphQL variable, without the $.
	Name string
	From Source
	// Key names the path or query parameter or the body key; for Body it is unused.
	Key string
	// Kind converts a Path or Query parameter.
	Kind Kind
	// Fields, for Query, builds an input object from these query parameters instead. The object is
	// always sent, empty when none is given, so the resolver decides what an empty search means.
	Fields []Param
}

// Route is one documented operation.
type Route struct {
	Method string
	// Path is the chi pattern under the API's base path, written as the contract writes it.
	Path string
	// OperationID names the operation.
	OperationID string
	// Document names the route's document, <Document>.graphql; empty means OperationID. A
	// selfservice twin shares the document of its touchpoint route.
	Document string
	Auth     Auth
	Vars     []Var
	// Data is the dot path into the answer's data that becomes the response body.
	Data string
	// Status is the success status.
	Status int
	// NoBody answers a success with the status alone.
	NoBody bool
	// Shape reshapes the value at Data where aliases cannot; nil keeps it as it is. It may return
	// a *graph.Error (NOT_FOUND for an empty search, say), which is answered as such.
	Shape func(json.RawMessage) (json.RawMessage, error)
	// ShapeSchema declares what Shape does to the body's schema in the API's OpenAPI document; a
	// route with a Shape must have one.
	ShapeSchema func(*openapi3.Schema) (*openapi3.Schema, error)
}

// ErrorWriter answers a client-visible error in the API's documented form.
type ErrorWriter func(w http.ResponseWriter, err *graph.Error)

// API is a documented REST API: its routes, their documents and its error form.
type API struct {
	Name   string
	Routes []Route
	// Documents holds each route's document, plus fragments.graphql with the fragments the
	// documents spread.
	Documents fs.FS
	// Schema validates the documents when the handler is built.
	Schema     *ast.Schema
	WriteError ErrorWriter
	// Info, when set, has the handler serve the API's OpenAPI document at OpenAPIPath.
	Info *OpenAPIInfo
}

// Handler returns a router serving every route of the API, relative to its base path, and the
// API's OpenAPI document when it has Info. It fails when a route's document is missing, invalid
// against the schema, or does not match the route's variables, or when the OpenAPI document
// cannot be written, so a broken table stops the server at start-up rather than a caller at run
// time.
func (a API) Handler(exec graphql.GraphExecutor, log *slog.Logger) (http.Handler, error) {
	r := chi.NewRouter()
	r.NotFound(func(w http.ResponseWriter, _ *http.Request) { a.WriteError(w, graph.NotFound()) })
	seen := map[string]bool{}
	for _, route := range a.Routes {
		key := route.Method + " " + route.Path
		if seen[key] {
			return nil, fmt.Errorf("%s: route %s appears twice", a.Name, key)
		}
		seen[key] = true
		doc, err := a.Document(route)
		if err != nil {
			return nil, err
		}
		r.Method(route.Method, route.Path, &endpoint{api: a, route: route, document: doc, exec: exec, log: log})
	}
	if a.Info != nil {
		if seen[http.MethodGet+" "+OpenAPIPath] {
			return nil, fmt.Errorf("%s: a route takes %s", a.Name, OpenAPIPath)
		}
		serve, err := a.openAPIHandler()
		if err != nil {
			return nil, err
		}
		r.Get(OpenAPIPath, serve)
	}
	return r, nil
}

// DocumentName is the name of the route's document file, without .graphql.
func (rt Route) DocumentName() string {
	if rt.Document != "" {
		return rt.Document
	}
	return rt.OperationID
}

// fragmentsFile holds the fragments an API's documents share.
const fragmentsFile = "fragments.graphql"

// Document reads the document of a route with the shared fragments it spreads, and checks it.
func (a API) Document(route Route) (string, error) {
	name := route.DocumentName()
	b, err := fs.ReadFile(a.Documents, name+".graphql")
	if err != nil {
		return "", fmt.Errorf("%s: read document of %s: %w", a.Name, route.OperationID, err)
	}
	doc, err := a.withFragments(string(b))
	if err != nil {
		return "", fmt.Errorf("%s: document %s.graphql: %w", a.Name, name, err)
	}
	if err := checkDocument(a.Schema, route, doc); err != nil {
		return "", fmt.Errorf("%s: document %s.graphql: %w", a.Name, name, err)
	}
	return doc, nil
}

var fragmentSpread = regexp.MustCompile(`\.\.\.\s*([_A-Za-z][_0-9A-Za-z]*)`)

// withFragments appends to doc every shared fragment it spreads, directly or through another
// fragment (GraphQL refuses a document with an unused fragment, so only those).
func (a API) withFragments(doc string) (string, error) {
	b, err := fs.ReadFile(a.Documents, fragmentsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return doc, nil
	}
	if err != nil {
		return "", err
	}
	parsed, err := parser.ParseQuery(&ast.Source{Name: fragmentsFile, Input: string(b)})
	if err != nil {
		return "", fmt.Errorf("parse %s: %w", fragmentsFile, err)
	}
	text := map[string]string{}
	for _, f := range parsed.Fragments {
		end := len(b)
		for _, g := range parsed.Fragments {
			if g.Position.Start > f.Position.Start && g.Position.Start < end {
				end = g.Position.Start
			}
		}
		text[f.Name] = strings.TrimSpace(string(b[f.Position.Start:end]))
	}
	added := map[string]bool{}
	out := doc
	for pending := []string{doc}; len(pending) > 0; pending = pending[1:] {
		for _, m := range fragmentSpread.FindAllStringSubmatch(pending[0], -1) {
			if t, ok := text[m[1]]; ok && !added[m[1]] {
				added[m[1]] = true
				out += "\n" + t + "\n"
				pending = append(pending, t)
			}
		}
	}
	return out, nil
}

// checkDocument validates a document against the schema and against its route: one operation,
// every variable the route feeds is declared with a matching type, and every required variable
// is fed.
func checkDocument(schema *ast.Schema, route Route, doc string) error {
	parsed, err := parser.ParseQuery(&ast.Source{Name: route.DocumentName(), Input: doc})
	if err != nil {
		return fmt.Errorf("parse: %w", err)
	}
	if errs := validator.ValidateWithRules(schema, parsed, nil); len(errs) > 0 {
		return fmt.Errorf("validate: %w", errs)
	}
	if len(parsed.Operations) != 1 {
		return fmt.Errorf("want one operation, found %d", len(parsed.Operations))
	}
	op := parsed.Operations[0]
	fed := map[string]bool{}
	for _, v := range route.Vars {
		def := op.VariableDefinitions.ForName(v.Name)
		if def == nil {
			return fmt.Errorf("route feeds $%s, which the document does not declare", v.Name)
		}
		fed[v.Name] = true
		if (v.From == Path || v.From == Query) && v.Fields == nil {
			if !v.Kind.fits(schema.Types[def.Type.NamedType]) {
				return fmt.Errorf("$%s is %s, which the route's %s parameter does not fit", v.Name, def.Type, v.Kind)
			}
		}
	}
	for _, def := range op.VariableDefinitions {
		if def.Type.NonNull && def.DefaultValue == nil && !fed[def.Variable] {
			return fmt.Errorf("required $%s is not fed by the route", def.Variable)
		}
	}
	if root := strings.SplitN(route.Data, ".", 2)[0]; !hasRootField(op, root) {
		return fmt.Errorf("data path %q does not start at a root field", route.Data)
	}
	return nil
}

func hasRootField(op *ast.OperationDefinition, name string) bool {
	for _, sel := range op.SelectionSet {
		if f, ok := sel.(*ast.Field); ok && f.Alias == name {
			return true
		}
	}
	return false
}

// endpoint serves one route.
type endpoint struct {
	api      API
	route    Route
	document string
	exec     graphql.GraphExecutor
	log      *slog.Logger
}

func (e *endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if gerr := authenticate(ctx, e.route.Auth); gerr != nil {
		e.api.WriteError(w, gerr)
		return
	}
	vars, gerr := e.route.variables(r)
	if gerr != nil {
		e.api.WriteError(w, gerr)
		return
	}
	resp := execute(ctx, e.exec, e.document, vars)
	if len(resp.Errors) > 0 {
		e.api.WriteError(w, e.route.clientError(resp.Errors[0]))
		return
	}
	body, err := pick(resp.Data, e.route.Data)
	if err == nil && e.route.Shape != nil && !isNull(body) {
		body, err = e.route.Shape(body)
	}
	if err == nil && isNull(body) {
		err = graph.NotFound()
	}
	if err != nil {
		var ge *graph.Error
		if errors.As(err, &ge) {
			e.api.WriteError(w, ge)
			return
		}
		e.log.ErrorContext(ctx, "rest shim failed to read the answer", "api", e.api.Name,
			"operation", e.route.OperationID, "error", err.Error(), "correlation_id", graph.CorrelationID(ctx))
		e.api.WriteError(w, graph.NewError(graph.CodeInternal, graph.InternalMessage))
		return
	}
	if e.route.NoBody {
		w.WriteHeader(e.route.Status)
		return
	}
	WriteJSON(w, e.route.Status, body)
}

var (
	errNoCredentials = graph.NewError(graph.CodeUnauthenticated,
		"Invalid Credentials. Make sure you have provided the correct security credentials")
	errNoCustomerToken = graph.NewError(graph.CodeUnauthenticated,
		"this operation acts for a customer: send the customer's token in X-HTM-JWT-AUTH-HEADER")
	errCustomerToken = graph.NewError(graph.CodeForbidden,
		"this operation is for touchpoint applications, not for customers")
)

// authenticate applies a route's security rule to the request's caller, which the server's
// middleware built from its credentials. Every route needs the application's token (401); a
// touchpoint route refuses a customer (403) and a customer route needs the customer's own token
// (401). What the caller may then do is the policy table's decision, inside the graph.
func authenticate(ctx context.Context, auth Auth) *graph.Error {
	c := graph.CallerFrom(ctx)
	switch {
	case c.Refused != nil:
		return c.Refused
	case c.Kind() == graph.CallerAnonymous:
		return errNoCredentials
	case auth == Touchpoint && c.Kind() == graph.CallerCustomer:
		return errCustomerToken
	case auth == Customer && c.Kind() != graph.CallerCustomer:
		return errNoCustomerToken
	}
	return nil
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

// variables collects the route's variables from the request.
func (rt Route) variables(r *http.Request) (map[string]any, *graph.Error) {
	vars := map[string]any{}
	var body map[string]any
	if rt.needsBody() {
		var err *graph.Error
		if body, err = readBody(r); err != nil {
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

// maxBody caps a request body; the documented bodies are a few hundred bytes.
const maxBody = 1 << 20

// readBody reads a JSON object. Numbers are decoded exactly (16-digit chip card numbers survive)
// and then given their Go type, so GraphQL coercion tells a number from a string.
func readBody(r *http.Request) (map[string]any, *graph.Error) {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, graph.InputError("body", "Bad Request - the request body could not be read")
	}
	if len(data) > maxBody {
		return nil, graph.InputError("body", "Bad Request - the request body is too large")
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

// clientError turns a GraphQL error into the *graph.Error the API answers. Errors of variable
// coercion (an unknown field, a missing or mistyped one) are told in the words of the gateway's
// JSON-schema validator that legacy callers know, naming the field as the body spells it.
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
	field := rt.restName(e.Path)
	out.Field = field
	switch e.Message {
	case "unknown field":
		out.Message = fmt.Sprintf("object instance has properties which are not allowed by the schema: [%q]", field)
	case "must be defined":
		out.Message = fmt.Sprintf("object has missing required properties ([%q])", field)
	default:
		out.Message = invalidField(field)
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
