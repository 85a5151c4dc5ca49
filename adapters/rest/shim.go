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

// Auth says which of the request's verified tokens a route acts as.
type Auth int

const (
	// Touchpoint routes act as the back-office application of the Authorization bearer token.
	Touchpoint Auth = iota + 1
	// Customer routes act as the customer of the X-HTM-JWT-AUTH-HEADER token.
	Customer
)

var (
	errNoCredentials = graph.NewError(graph.CodeUnauthenticated,
		"Invalid Credentials. Make sure you have provided the correct security credentials")
	errCustomerToken = graph.NewError(graph.CodeForbidden,
		"this operation is for touchpoint applications, not for customers")
)

// authenticate picks the caller a route acts as from the request's verified tokens. A touchpoint
// route refuses a customer token (403) and a customer route needs the customer's own token, so a
// touchpoint token alone is not enough there (401).
func authenticate(ctx context.Context, auth Auth) (graph.Caller, *graph.Error) {
	creds := graph.CredentialsFrom(ctx)
	switch auth {
	case Touchpoint:
		switch {
		case creds.Touchpoint != nil:
			return *creds.Touchpoint, nil
		case creds.Customer != nil:
			return graph.Caller{}, errCustomerToken
		}
	case Customer:
		if creds.Customer != nil {
			return *creds.Customer, nil
		}
	}
	return graph.Caller{}, errNoCredentials
}
