package upstream

import (
	"context"
	"net/http"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// Bearer sends a fixed bearer token and any extra headers (MasStack's x-auth-roles) on every
// request through base (http.DefaultTransport when nil). An empty token sends no Authorization
// header: a vendor URL alone counts as configured.
func Bearer(token string, headers http.Header, base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &headerTransport{token: token, headers: headers, next: base}
}

type headerTransport struct {
	token   string
	headers http.Header
	next    http.RoundTripper
}

func (t *headerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context()) // a RoundTripper must not change the caller's request
	if t.token != "" {
		req.Header.Set("Authorization", "Bearer "+t.token)
	}
	for name, values := range t.headers {
		req.Header[http.CanonicalHeaderKey(name)] = values
	}
	return t.next.RoundTrip(req)
}

// ClientCredentials sends an OAuth2 access token obtained with the client-credentials grant on
// every request through base (http.DefaultTransport when nil). The token is fetched on the first
// call, cached, and fetched again shortly before it expires (oauth2.ReuseTokenSource). Token
// requests go through tokenClient (a client on base with timeout tokenTimeout when nil). Put it
// below NewTransport's layers, so that a token endpoint that fails counts against the circuit.
func ClientCredentials(cfg clientcredentials.Config, tokenClient *http.Client, base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	if tokenClient == nil {
		tokenClient = &http.Client{Transport: base, Timeout: tokenTimeout}
	}
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, tokenClient)
	return &oauth2.Transport{Source: cfg.TokenSource(ctx), Base: base}
}

// tokenTimeout bounds a token request when the caller gives no client.
const tokenTimeout = 2 * time.Second
