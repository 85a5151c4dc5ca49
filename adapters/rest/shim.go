// Package rest serves the documented REST APIs of HTM's legacy callers on top of the graph. Each
// API is data: a table of routes, one per documented operation, that names the GraphQL document to
// run, where each of its variables comes from, which part of the answer becomes the response body
// and with which status. One engine walks every such table; it executes the documents in-process
// through gqlgen's executor, never over HTTP and never around the resolvers, so REST callers get
// exactly the rules, checks and audit trail GraphQL callers get.
//
// The engine's files go by concern: api.go is what an API is, its handler and how APIs are
// mounted, route.go the route model, documents.go loads and checks a route's document, request.go
// decodes and validates a request into variables, execute.go runs the document and answers,
// headers.go adds a route's response headers, dialect.go is the error form an API fills in and
// openapi.go writes an API's OpenAPI document. Each API has its route table and its dialect in
// files of its own. This file holds how a route authenticates its caller.
package rest

import (
	"context"

	"ovgraph/graph"
)

// Auth is a route's security rule: whom it acts for.
type Auth int

const (
	// Touchpoint routes act for the back-office application of the Authorization bearer token (or
	// a staff member in it); a customer is refused.
	Touchpoint Auth = iota + 1
	// Customer routes act for the customer of the X-HTM-JWT-AUTH-HEADER token, which comes beside
	// the application's token.
	Customer
	// Application routes act for whoever calls with the application's token (the API's own
	// OpenAPI document).
	Application
	// Profile routes act on one customer profile for whoever calls with the application's token:
	// a customer (its X-HTM-JWT-AUTH-HEADER token) on its own, staff or the application on the
	// one X-HTM-CUSTOMER-PROFILE-ID-HEADER names. Which profile that is, and that one is named at
	// all, is the graph's decision (the SE operations' acting profile).
	Profile
)

var (
	// The answers name the header to send.
	errNoCustomerToken = graph.NewError(graph.CodeUnauthenticated,
		"Invalid Credentials. This operation acts for a customer: send the customer's token in the X-HTM-JWT-AUTH-HEADER header.")
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
		return graph.ErrNoApplication
	case auth == Touchpoint && c.Kind() == graph.CallerCustomer:
		return errCustomerToken
	case auth == Customer && c.Kind() != graph.CallerCustomer:
		return errNoCustomerToken
	}
	return nil
}
