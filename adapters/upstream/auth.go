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
	return &tokenTransport{source: cfg.TokenSource(ctx), next: base}
}

// tokenTransport is oauth2.Transport bounded by the request's context: oauth2's token source
// takes no context, so a slow token endpoint would hold a call past its deadline. The token is
// fetched aside; a call whose context ends first returns then, and the fetch (bounded by the
// token client's timeout) still fills the cache for the calls after it.
type tokenTransport struct {
	source oauth2.TokenSource // a ReuseTokenSource: safe for concurrent use
	next   http.RoundTripper
}

func (t *tokenTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	type fetched struct {
		tok *oauth2.Token
		err error
	}
	ch := make(chan fetched, 1)
	go func() {
		tok, err := t.source.Token()
		ch <- fetched{tok, err}
	}()
	var f fetched
	select {
	case <-req.Context().Done():
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, req.Context().Err()
	case f = <-ch:
	}
	if f.err != nil {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, f.err
	}
	req = req.Clone(req.Context()) // a RoundTripper must not change the caller's request
	f.tok.SetAuthHeader(req)
	return t.next.RoundTrip(req)
}

// tokenTimeout bounds a token request when the caller gives no client.
const tokenTimeout = 2 * time.Second
