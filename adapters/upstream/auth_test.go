package upstream

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

func TestBearer(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	client := &http.Client{Transport: Bearer("jwt-1", http.Header{"x-auth-roles": {"API_KEY"}}, nil)}
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got.Get("Authorization") != "Bearer jwt-1" || got.Get("X-Auth-Roles") != "API_KEY" {
		t.Fatalf("headers sent: %v", got)
	}
	if req.Header.Get("Authorization") != "" {
		t.Fatal("the caller's request was changed")
	}
}

func TestBearerWithoutToken(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
	}))
	t.Cleanup(srv.Close)
	resp, err := (&http.Client{Transport: Bearer("", nil, nil)}).Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if _, ok := got["Authorization"]; ok {
		t.Fatalf("an empty token sent Authorization: %v", got)
	}
}

// tokenServer issues access tokens token-1, token-2, ... that expire after expiresIn seconds,
// and serves an API that records the token of each call.
type tokenServer struct {
	*httptest.Server
	expiresIn int
	issued    atomic.Int64
	mu        sync.Mutex
	used      []string
}

func newTokenServer(t *testing.T, expiresIn int) *tokenServer {
	s := &tokenServer{expiresIn: expiresIn}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login/oauth/access_token", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" ||
			r.PostForm.Get("client_id") != "ovgraph" || r.PostForm.Get("client_secret") != "s3cret" {
			http.Error(w, `{"error":"invalid_client"}`, http.StatusUnauthorized)
			return
		}
		n := s.issued.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"token-%d","token_type":"Bearer","expires_in":%d}`, n, s.expiresIn)
	})
	mux.HandleFunc("GET /v1/Customers", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.used = append(s.used, r.Header.Get("Authorization"))
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"count":0,"skip":0,"total":0,"value":[]}`))
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *tokenServer) client() *http.Client {
	cc := clientcredentials.Config{
		ClientID: "ovgraph", ClientSecret: "s3cret",
		TokenURL:  s.URL + "/login/oauth/access_token",
		AuthStyle: oauth2.AuthStyleInParams,
	}
	return &http.Client{Transport: NewTransport("aptic", fast(), ClientCredentials(cc, nil, nil))}
}

func (s *tokenServer) call(t *testing.T, c *http.Client) {
	t.Helper()
	resp, err := c.Get(s.URL + "/v1/Customers")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

func TestClientCredentialsTokenFetchedOnceAndReused(t *testing.T) {
	s := newTokenServer(t, 3600)
	c := s.client()
	for range 3 {
		s.call(t, c)
	}
	if got := s.issued.Load(); got != 1 {
		t.Fatalf("%d tokens fetched for 3 calls, want 1", got)
	}
	for i, h := range s.used {
		if h != "Bearer token-1" {
			t.Fatalf("call %d sent %q", i, h)
		}
	}
}

func TestClientCredentialsTokenRefreshedOnExpiry(t *testing.T) {
	// A token that expires within oauth2's expiry delta (10 s) counts as expired at once: each
	// call needs a new one.
	s := newTokenServer(t, 1)
	c := s.client()
	s.call(t, c)
	s.call(t, c)
	if got := s.issued.Load(); got != 2 {
		t.Fatalf("%d tokens fetched, want 2", got)
	}
	if s.used[0] != "Bearer token-1" || s.used[1] != "Bearer token-2" {
		t.Fatalf("tokens sent: %v, want token-1 then the refreshed token-2", s.used)
	}
}

func TestClientCredentialsRefusedIsUnavailable(t *testing.T) {
	s := newTokenServer(t, 3600)
	cc := clientcredentials.Config{ClientID: "ovgraph", ClientSecret: "wrong", TokenURL: s.URL + "/login/oauth/access_token", AuthStyle: oauth2.AuthStyleInParams}
	c := &http.Client{Transport: NewTransport("aptic", fast(), ClientCredentials(cc, nil, nil))}
	_, err := c.Get(s.URL + "/v1/Customers")
	if !errors.Is(err, ErrUnavailable) || VendorOf(err) != "aptic" {
		t.Fatalf("refused token: %v, want an aptic ErrUnavailable", err)
	}
	if len(s.used) != 0 {
		t.Fatal("the call went out without a token")
	}
}

// A token endpoint slower than the call's deadline does not hold the call: it times out at its
// deadline, and the token fetched meanwhile serves the next call.
func TestClientCredentialsSlowTokenKeepsTheDeadline(t *testing.T) {
	release := make(chan struct{})
	var issued atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login/oauth/access_token", func(w http.ResponseWriter, r *http.Request) {
		<-release
		issued.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"slow","token_type":"Bearer","expires_in":3600}`))
	})
	mux.HandleFunc("GET /v1/Customers", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer slow" {
			http.Error(w, "no token", http.StatusUnauthorized)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(release)
	cc := clientcredentials.Config{ClientID: "ovgraph", ClientSecret: "s3cret", TokenURL: srv.URL + "/login/oauth/access_token",
		AuthStyle: oauth2.AuthStyleInParams}
	p := fast()
	p.Timeout = 5 * time.Second
	c := &http.Client{Transport: NewTransport("aptic", p, ClientCredentials(cc, &http.Client{Timeout: 5 * time.Second}, nil))}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v1/Customers", nil)
	start := time.Now()
	_, err := c.Do(req)
	if took := time.Since(start); err == nil || took > 2*time.Second {
		t.Fatalf("a call with a 100ms deadline took %v (err %v) behind a slow token endpoint", took, err)
	}
}
