package rest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

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

type abtError struct {
	Status int
	Body   func(e *graph.Error) abtErrorBody
}

// abtErrors maps every error code of the graph onto the contract's status and body.
var abtErrors = map[graph.Code]abtError{
	graph.CodeBadUserInput: {http.StatusBadRequest, func(e *graph.Error) abtErrorBody {
		msg := "Invalid input parameter."
		if e.Country != "" {
			msg = fmt.Sprintf("Invalid input parameter for country validation (%s).", e.Country)
		}
		return abtErrorBody{Code: "400", Type: "Bad Request - Input parameters", Message: msg, Description: &e.Message}
	}},
	graph.CodeUnauthenticated: {http.StatusUnauthorized, func(*graph.Error) abtErrorBody {
		// The gateway's answer to bad credentials.
		return abtErrorBody{Code: "900901", Message: "Invalid Credentials",
			Description: text("Invalid Credentials. Make sure you have provided the correct security credentials")}
	}},
	graph.CodeForbidden: {http.StatusForbidden, func(e *graph.Error) abtErrorBody {
		return abtErrorBody{Code: "403", Type: "Forbidden", Message: "Forbidden", Description: &e.Message}
	}},
	graph.CodeNotFound: {http.StatusNotFound, func(*graph.Error) abtErrorBody {
		return abtErrorBody{Code: "404", Type: "Status report", Message: "Not Found",
			Description: text("The requested resource is not available.")}
	}},
	graph.CodeConflict: {http.StatusConflict, func(e *graph.Error) abtErrorBody {
		return abtErrorBody{Code: "409", Type: "Conflict", Message: e.Message, Description: text("")}
	}},
	graph.CodeUnprocessable: {http.StatusUnprocessableEntity, func(e *graph.Error) abtErrorBody {
		return abtErrorBody{Code: "422", Type: "Unprocessable entity", Message: e.Message}
	}},
	graph.CodeUpstreamUnavailable: {http.StatusServiceUnavailable, func(*graph.Error) abtErrorBody {
		return abtErrorBody{Code: "503", Type: "Service Unavailable", Message: "Service Unavailable",
			Description: text("A service this request needs is not available. Please try again later.")}
	}},
	graph.CodeInternal: {http.StatusInternalServerError, func(*graph.Error) abtErrorBody {
		return abtErrorBody{Code: "500", Message: "Internal Server Error"}
	}},
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

// abtErrorStatuses are the statuses of abtErrors, in order.
func abtErrorStatuses() []int {
	var out []int
	for _, e := range abtErrors {
		if !slices.Contains(out, e.Status) {
			out = append(out, e.Status)
		}
	}
	slices.Sort(out)
	return out
}

// writeABTError answers an error in the ABTCustomers form; an unknown code is an internal error.
func writeABTError(w http.ResponseWriter, e *graph.Error) {
	m, ok := abtErrors[e.Code]
	if !ok {
		m = abtErrors[graph.CodeInternal]
	}
	body, err := json.Marshal(m.Body(e))
	if err != nil {
		// A struct of strings always marshals; keep a fixed answer should that ever change.
		body = []byte(`{"code":"500","message":"Internal Server Error"}`)
		m.Status = http.StatusInternalServerError
	}
	WriteJSON(w, m.Status, body)
}
