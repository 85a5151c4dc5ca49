package rest

import (
	"fmt"
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"

	"ovgraph/graph"
)

// abtErrorBody is the contract's error object ({code, type, message, description}; code is a
// string). Fields an error form leaves out are omitted; a present but empty description stays.
type abtErrorBody struct {
	Code        string  `json:"code"`
	Type        string  `json:"type,omitempty"`
	Message     string  `json:"message"`
	Description *string `json:"description,omitempty"`
}

// abtCustomersDialect is the error form of the ABTCustomers contract: its 400, 401 (the gateway's
// 900901), 404, 409, 422 and 500 bodies, plus 403, 503 and 413 in the same shape.
func abtCustomersDialect() Dialect {
	return Dialect{
		Codes:    abtCustomersErrors,
		TooLarge: ErrorAnswer{Status: http.StatusRequestEntityTooLarge, Body: abtTooLarge},
		Schema:   abtErrorSchema(),
	}
}

// abtCustomersErrors maps every error code of the graph onto the contract's status and body.
var abtCustomersErrors = map[graph.Code]ErrorAnswer{
	graph.CodeBadUserInput: {Status: http.StatusBadRequest, Body: func(e *graph.Error) any {
		msg := "Invalid input parameter."
		if e.Country != "" {
			msg = fmt.Sprintf("Invalid input parameter for country validation (%s).", e.Country)
		}
		return abtErrorBody{Code: "400", Type: "Bad Request - Input parameters", Message: msg, Description: &e.Message}
	}},
	graph.CodeUnauthenticated: {Status: http.StatusUnauthorized, Body: func(e *graph.Error) any {
		// The gateway's answer to bad credentials; its description names the header to send.
		return abtErrorBody{Code: "900901", Message: "Invalid Credentials", Description: &e.Message}
	}},
	graph.CodeForbidden: {Status: http.StatusForbidden, Body: func(e *graph.Error) any {
		return abtErrorBody{Code: "403", Type: "Forbidden", Message: "Forbidden", Description: &e.Message}
	}},
	graph.CodeNotFound: {Status: http.StatusNotFound, Body: func(*graph.Error) any {
		return abtErrorBody{Code: "404", Type: "Status report", Message: "Not Found",
			Description: text("The requested resource is not available.")}
	}},
	graph.CodeConflict: {Status: http.StatusConflict, Body: func(e *graph.Error) any {
		return abtErrorBody{Code: "409", Type: "Conflict", Message: e.Message, Description: text("")}
	}},
	graph.CodeUnprocessable: {Status: http.StatusUnprocessableEntity, Body: func(e *graph.Error) any {
		return abtErrorBody{Code: "422", Type: "Unprocessable entity", Message: e.Message}
	}},
	graph.CodeUpstreamUnavailable: {Status: http.StatusServiceUnavailable, Body: func(*graph.Error) any {
		return abtErrorBody{Code: "503", Type: "Service Unavailable", Message: "Service Unavailable",
			Description: text("A service this request needs is not available. Please try again later.")}
	}},
	// The contract knows no 504: a vendor's timeout is answered as its unavailability.
	graph.CodeUpstreamTimeout: {Status: http.StatusServiceUnavailable, Body: func(*graph.Error) any {
		return abtErrorBody{Code: "503", Type: "Service Unavailable", Message: "Service Unavailable",
			Description: text("A service this request needs is not available. Please try again later.")}
	}},
	graph.CodeInternal: {Status: http.StatusInternalServerError, Body: func(*graph.Error) any {
		return abtErrorBody{Code: "500", Message: "Internal Server Error"}
	}},
}

// abtTooLarge is the 413 of a body over the cap, which the contract does not list.
func abtTooLarge(e *graph.Error) any {
	return abtErrorBody{Code: "413", Type: "Content Too Large", Message: "Content Too Large", Description: &e.Message}
}

func text(s string) *string { return &s }

// abtErrorSchema is the schema of abtErrorBody.
func abtErrorSchema() *openapi3.Schema {
	s := closedObject()
	s.Description = "An error: code is the status as a string, or the gateway's code 900901 for bad credentials."
	for _, name := range []string{"code", "type", "message", "description"} {
		s.Properties[name] = openapi3.NewStringSchema().NewRef()
	}
	s.Required = []string{"code", "message"}
	return s
}
