package resolvers

import "testing"

func TestResponseType(t *testing.T) {
	for accept, want := range map[string]string{
		"":                                  mediaJSON,
		"application/json":                  mediaJSON,
		"*/*":                               mediaJSON,
		"application/*":                     mediaJSON,
		"text/html":                         mediaJSON,
		"application/graphql-response+json": mediaGraphQLResponse,
		"application/graphql-response+json, application/json;q=0.9": mediaGraphQLResponse,
		"application/json, application/graphql-response+json":       mediaJSON,
		"application/json;q=0.5, application/graphql-response+json": mediaGraphQLResponse,
		"application/graphql-response+json;q=0, application/json":   mediaJSON,
		"text/html;q=bad, application/graphql-response+json;q=0.1":  mediaGraphQLResponse,
	} {
		if got := responseType(accept); got != want {
			t.Errorf("responseType(%q) = %s, want %s", accept, got, want)
		}
	}
}
