package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"ovgraph/adapters/auth"
	"ovgraph/graph"
	"ovgraph/resolvers"
)

var (
	// The answers name the header to send and never show what was sent.
	errBadApplication = graph.NewError(graph.CodeUnauthenticated,
		"Invalid Credentials. The token in the "+auth.AuthorizationHeader+" header is not accepted: send "+
			"the application's token as Bearer <JWT>, unexpired, for this issuer and audience, with scope "+
			auth.ScopeTouchpoint+".")
	errBadCustomerToken = graph.NewError(graph.CodeUnauthenticated,
		"Invalid Credentials. The customer token in the "+auth.CustomerHeader+" header is not accepted: "+
			"send the customer's own JWT, unexpired, for this issuer and audience.")
	errUnknownRole   = graph.NewError(graph.CodeForbidden, "unknown role in "+auth.RoleHeader)
	errUntrustedRole = graph.NewError(graph.CodeForbidden,
		"this application may not act for staff: its token lacks scope "+auth.ScopeStaff)
	errStaffAndCustomer = graph.NewError(graph.CodeForbidden,
		"a request acts for a customer or for staff, not for both")
	errProfileHeader = graph.InputError(auth.CustomerProfileIDHeader,
		auth.CustomerProfileIDHeader+" must be a customerProfileId (a positive integer)")
)

// customerRole is the X-HTM-ROLE-HEADER value of a customer in its own app: no staff role.
const customerRole = "Customer"

// authenticate builds the request's caller from its credentials: the application's token
// (Authorization: Bearer, scope touchpoint), the customer's own JWT (X-HTM-JWT-AUTH-HEADER) and
// the staff headers (X-HTM-ROLE-HEADER, X-HTM-CUSTOMER-PROFILE-ID-HEADER). Credentials that are
// present but cannot be accepted make the caller refused, whatever else the request carries: an
// expired customer token must not fall back to the application's rights. Refusals are logged
// with their reason, never with a token. Each surface answers a refused or anonymous caller in its
// own form (requireApplication for /graphql, the REST shim per API).
func authenticate(v *auth.Verifier, log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			caller := graph.Caller{}
			refuse := func(e *graph.Error, reason string) {
				if caller.Refused == nil {
					caller.Refused = e
					log.InfoContext(r.Context(), "refused credentials", "reason", reason,
						"correlation_id", graph.CorrelationID(r.Context()))
				}
			}
			staffTrusted := false
			if h := r.Header.Get(auth.AuthorizationHeader); h != "" {
				token, bearer := strings.CutPrefix(h, "Bearer ")
				claims, err := v.Verify(r.Context(), strings.TrimSpace(token))
				switch {
				case !bearer:
					refuse(errBadApplication, "authorization is not a bearer token")
				case err != nil:
					refuse(errBadApplication, "application token: "+err.Error())
				case !claims.HasScope(auth.ScopeTouchpoint):
					refuse(errBadApplication, "application token lacks scope "+auth.ScopeTouchpoint)
				default:
					caller.Application = claims.Subject
					staffTrusted = claims.HasScope(auth.ScopeStaff)
				}
			}
			if h := r.Header.Get(auth.CustomerHeader); h != "" {
				claims, err := v.Verify(r.Context(), strings.TrimSpace(strings.TrimPrefix(h, "Bearer ")))
				if err != nil {
					refuse(errBadCustomerToken, "customer token: "+err.Error())
				} else {
					caller.CustomerSubject = claims.Subject
				}
			}
			if role := strings.TrimSpace(r.Header.Get(auth.RoleHeader)); role != "" && !strings.EqualFold(role, customerRole) {
				switch {
				case !slices.Contains(resolvers.StaffRoles, role):
					refuse(errUnknownRole, "unknown staff role")
				case !staffTrusted:
					refuse(errUntrustedRole, "staff role from an application without scope "+auth.ScopeStaff)
				case caller.CustomerSubject != "":
					refuse(errStaffAndCustomer, "staff role beside a customer token")
				default:
					caller.StaffRole = role
				}
			}
			if h := r.Header.Get(auth.CustomerProfileIDHeader); h != "" {
				id, err := strconv.ParseInt(strings.TrimSpace(h), 10, 64)
				if err != nil || id <= 0 {
					refuse(errProfileHeader, "malformed customer profile header")
				} else {
					caller.StaffProfileID = id
				}
			}
			next.ServeHTTP(w, r.WithContext(graph.WithCaller(r.Context(), caller)))
		})
	}
}

// requireApplication answers /graphql requests without an accepted application token before they
// reach the executor: 401 (403 or 400 for refused staff or profile headers) with a GraphQL error.
func requireApplication(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := graph.CallerFrom(r.Context())
		if c.Kind() != graph.CallerAnonymous {
			next.ServeHTTP(w, r)
			return
		}
		e := c.Refused
		if e == nil {
			e = graph.ErrNoApplication
		}
		status := http.StatusUnauthorized
		switch e.Code {
		case graph.CodeForbidden:
			status = http.StatusForbidden
		case graph.CodeBadUserInput:
			status = http.StatusBadRequest
		default:
			w.Header().Set("WWW-Authenticate", `Bearer realm="ovgraph", scope="`+auth.ScopeTouchpoint+`"`)
		}
		body, _ := json.Marshal(map[string]any{"errors": []any{e.GQLError()}})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	})
}
