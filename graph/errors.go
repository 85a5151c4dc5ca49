package graph

import (
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Code is the closed set of values of an error's extensions.code. Clients and the REST shim switch
// on these; nothing else may appear in a response.
type Code string

const (
	CodeBadUserInput        Code = "BAD_USER_INPUT"
	CodeUnauthenticated     Code = "UNAUTHENTICATED"
	CodeForbidden           Code = "FORBIDDEN"
	CodeNotFound            Code = "NOT_FOUND"
	CodeConflict            Code = "CONFLICT"
	CodeUnprocessable       Code = "UNPROCESSABLE"
	CodeUpstreamUnavailable Code = "UPSTREAM_UNAVAILABLE"
	// CodeUpstreamTimeout: a vendor system did not answer in time; extensions.vendor names it.
	CodeUpstreamTimeout Code = "UPSTREAM_TIMEOUT"
	CodeInternal        Code = "INTERNAL"
)

// Codes lists every code, for tests that check each one has a mapping.
var Codes = []Code{
	CodeBadUserInput, CodeUnauthenticated, CodeForbidden, CodeNotFound, CodeConflict,
	CodeUnprocessable, CodeUpstreamUnavailable, CodeUpstreamTimeout, CodeInternal,
}

// ExtVendor is the key of Extra, and of the extensions, that names the vendor system an
// UPSTREAM_UNAVAILABLE or UPSTREAM_TIMEOUT error comes from: "accounts" (MasStack accounts v4) or
// "aptic" (Aptic credit management), as the vendor clients name themselves.
const ExtVendor = "vendor"

// VendorError is an error of the named vendor system: UPSTREAM_TIMEOUT or UPSTREAM_UNAVAILABLE
// (code) with extensions.vendor set.
// cause is the underlying error, kept for the logs.
func VendorError(code Code, vendor, msg string, cause error) *Error {
	return &Error{Code: code, Message: msg, Extra: map[string]any{ExtVendor: vendor}, Cause: cause}
}

// InternalMessage is what a client sees instead of an unexpected error's text.
const InternalMessage = "internal error"

// Error is an error a client may see: its message is safe to show and its code is one of Codes.
// Field names the offending input field for BAD_USER_INPUT; Country is set when a value failed a
// country-specific rule (a Dutch postal code, say).
type Error struct {
	Code    Code
	Message string
	Field   string
	Country string
	// Extra holds further extensions a client may read, such as the findings of a token
	// comparison; code, field and country win over a key of the same name.
	Extra map[string]any
	// Cause is what went wrong underneath, for the logs only: it is never shown to a client and
	// not unwrapped (the Error is the answer, not a wrapper).
	Cause error
}

func (e *Error) Error() string { return e.Message }

// Errorf-free constructors keep call sites short and the codes explicit.

func NewError(code Code, msg string) *Error { return &Error{Code: code, Message: msg} }

// InputError reports a bad value of one input field.
func InputError(field, msg string) *Error {
	return &Error{Code: CodeBadUserInput, Message: msg, Field: field}
}

// NotFound is the one answer for a missing resource and for one the caller may not see, so the
// two cannot be told apart.
func NotFound() *Error {
	return &Error{Code: CodeNotFound, Message: "The requested resource is not available."}
}

// ErrNoApplication is the answer to a request without the application's token, on every surface:
// it names the header to send and shows nothing of what was sent.
var ErrNoApplication = NewError(CodeUnauthenticated,
	"Invalid Credentials. Send the application's token in the Authorization header: Bearer <JWT> with scope touchpoint.")

// GQLError turns an *Error into the gqlerror the response carries.
func (e *Error) GQLError() *gqlerror.Error {
	ext := make(map[string]any, len(e.Extra)+1)
	for k, v := range e.Extra {
		ext[k] = v
	}
	ext["code"] = string(e.Code)
	if e.Field != "" {
		ext["field"] = e.Field
	}
	if e.Country != "" {
		ext["country"] = e.Country
	}
	return &gqlerror.Error{Message: e.Message, Extensions: ext}
}

// InputField names the input field an input error's path ends in: the last name on it
// (houseNumber, of updateAddress.input.houseNumber as coercion reports it, or of
// variable.input.houseNumber as variable validation does). "" when the path has no name.
func InputField(path ast.Path) string {
	for i := len(path) - 1; i >= 0; i-- {
		if name, ok := path[i].(ast.PathName); ok {
			return string(name)
		}
	}
	return ""
}
