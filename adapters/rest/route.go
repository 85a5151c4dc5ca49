package rest

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/vektah/gqlparser/v2/ast"

	"ovgraph/graph"
)

// Kind is the GraphQL scalar a path, query or header parameter is converted to.
type Kind int

const (
	// String passes the parameter as it is (Date variables are strings too: the scalar checks them).
	String Kind = iota + 1
	// Int parses the parameter as a 32-bit integer, GraphQL's Int.
	Int
	// IntList parses a comma-separated list of 32-bit integers ("1,2", OpenAPI's form style
	// without explode) into a list of Int; an empty parameter is an empty list.
	IntList
)

func (k Kind) String() string {
	switch k {
	case String:
		return "String"
	case Int:
		return "Int"
	case IntList:
		return "IntList"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// fits tells whether a parameter of kind k can feed a variable of type t: Int an Int, IntList a
// list of Int, String a scalar that reads strings (String, Date, Digits, ...).
func (k Kind) fits(schema *ast.Schema, t *ast.Type) bool {
	if k == IntList {
		return t.Elem != nil && t.Elem.Elem == nil && t.Elem.NamedType == "Int"
	}
	if t.Elem != nil {
		return false
	}
	def := schema.Types[t.NamedType]
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
	// Header is a request header; the credentials' headers are the engine's (see authenticate).
	Header
)

// Param is a REST parameter and the scalar it is converted to.
type Param struct {
	Name string
	Kind Kind
	// Field is the input object's field it feeds; "" is Name.
	Field string
}

// field is the input field the parameter feeds.
func (p Param) field() string {
	if p.Field != "" {
		return p.Field
	}
	return p.Name
}

// Var says where one variable of a route's document comes from.
type Var struct {
	// Name is the GraphQL variable, without the $.
	Name string
	From Source
	// Key names the path, query or header parameter or the body key; for Body it is unused.
	Key string
	// Kind converts a Path, Query or Header parameter.
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
	// Nullable lists dot paths into the answer's data (aliases; list indices left out) of
	// nullable fields the route passes on as null when they fail, as a vendor-backed field is null
	// with an error when its vendor does not answer. An error at or under such a path does not
	// fail the response; any other error does (see failure).
	Nullable []string
	// Status is the success status.
	Status int
	// StatusFlag, when set, makes the success status depend on the answer: Status when the
	// boolean it names is true, its Otherwise when false (201 for a token a replacement created,
	// 200 for one the profile had).
	StatusFlag *StatusFlag
	// NoBody answers a success with the status alone.
	NoBody bool
	// Shape reshapes the value at Data where aliases cannot; nil keeps it as it is. The context is
	// the request's, with its caller (links a role may follow, say). It may return a *graph.Error
	// (NOT_FOUND for an empty search, say) or a *Problem, which is answered as such.
	Shape func(ctx context.Context, body json.RawMessage) (json.RawMessage, error)
	// ShapeSchema declares what Shape does to the body's schema in the API's OpenAPI document; a
	// route with a Shape must have one.
	ShapeSchema func(*openapi3.Schema) (*openapi3.Schema, error)
	// Location, for an operation that creates a resource, is the path of the new resource under
	// the API's base path: a template whose {names} are filled with the values of those keys of
	// the response body, as in /customers/{customerNumber}. A success answers it as the Location
	// header.
	Location string
	// RetryAfter, for an asynchronous operation, which answers 202 Accepted, is how long the caller
	// should wait before asking for the result: a success answers it, in seconds, as the
	// Retry-After header.
	RetryAfter time.Duration
	// Errors, when set, is the route's own error form, in place of the API's (an API whose
	// contract answers one operation in another form).
	Errors *Dialect
	// Explain, when set, adds to an error the graph answered the details the route's error form
	// lists: where in the request it went wrong and with which value. vars are the request's
	// variables. It may answer another error in its place, as a search refused for want of
	// parameters is answered as one that matched too many profiles.
	Explain func(e *graph.Error, vars map[string]any) *Problem
	// BodyAliases renames keys of the request body, at any depth, before it is validated: a key
	// the contract's schema spells otherwise than its examples (xTAT for xTat) is tolerated. A
	// body that has both spellings keeps the alias, which the validation then refuses.
	BodyAliases map[string]string
}

// StatusFlag is a second success status, answered when a boolean of the answer is false.
type StatusFlag struct {
	// Path is the dot path of the boolean in the answer's data, as Data is; it must be a
	// non-null Boolean the document selects.
	Path string
	// Otherwise is the status when it is false.
	Otherwise int
}

// isParameter tells whether the variable is one path, query or header parameter.
func (v Var) isParameter() bool {
	return (v.From == Path || v.From == Query || v.From == Header) && v.Fields == nil
}

// DocumentName is the name of the route's document file, without .graphql.
func (rt Route) DocumentName() string {
	if rt.Document != "" {
		return rt.Document
	}
	return rt.OperationID
}

// statuses are the route's success statuses: Status, and its StatusFlag's Otherwise.
func (rt Route) statuses() []int {
	if rt.StatusFlag != nil {
		return []int{rt.Status, rt.StatusFlag.Otherwise}
	}
	return []int{rt.Status}
}
