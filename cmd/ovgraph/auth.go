package main

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"ovgraph/adapters/auth"
	"ovgraph/graph"
)

// authenticate verifies the tokens a request carries and puts them into its context: the
// touchpoint's bearer token and the customer's X-HTM-JWT-AUTH-HEADER. A token that fails
// verification counts as absent (the endpoint then answers 401 where it needs one) and is logged
// without its value. The effective caller of /graphql is the customer when one is present (an
// application acting for a customer acts as that customer), else the touchpoint.
func authenticate(v *auth.Verifier, log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var creds graph.Credentials
			if h := r.Header.Get(auth.AuthorizationHeader); h != "" {
				token, ok := strings.CutPrefix(h, "Bearer ")
				claims, err := v.Verify(strings.TrimSpace(token))
				switch {
				case !ok || err != nil:
					log.InfoContext(r.Context(), "rejected bearer token", "reason", errText(err, ok))
				case !claims.HasScope(auth.ScopeTouchpoint):
					log.InfoContext(r.Context(), "rejected bearer token", "reason", "no touchpoint scope")
				default:
					creds.Touchpoint = &graph.Caller{Kind: graph.CallerTouchpoint, Subject: claims.Subject}
				}
			}
			if h := r.Header.Get(auth.CustomerHeader); h != "" {
				claims, err := v.Verify(strings.TrimSpace(strings.TrimPrefix(h, "Bearer ")))
				var number int64
				if err == nil {
					number, err = claims.CustomerNumber()
				}
				if err != nil {
					log.InfoContext(r.Context(), "rejected customer token", "reason", err.Error())
				} else {
					creds.Customer = &graph.Caller{Kind: graph.CallerCustomer,
						Subject: strconv.FormatInt(number, 10), CustomerNumber: number}
				}
			}
			ctx := graph.WithCredentials(r.Context(), creds)
			switch {
			case creds.Customer != nil:
				ctx = graph.WithCaller(ctx, *creds.Customer)
			case creds.Touchpoint != nil:
				ctx = graph.WithCaller(ctx, *creds.Touchpoint)
			}
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

func errText(err error, bearer bool) string {
	if !bearer {
		return "not a bearer token"
	}
	return err.Error()
}
