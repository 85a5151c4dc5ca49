package rest

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/vektah/gqlparser/v2/ast"
)

// Kind is the GraphQL scalar a path, query or header parameter is converted to.
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
	// Header is a request header; the credentials' headers are the engine's (see authenticate).
	Header
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
	// NoBody answers a success with the status alone.
	NoBody bool
	// Shape reshapes the value at Data where aliases cannot; nil keeps it as it is. It may return
	// a *graph.Error (NOT_FOUND for an empty search, say), which is answered as such.
	Shape func(json.RawMessage) (json.RawMessage, error)
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
