package upstream

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// call sends one request through the layers of policy p to a server running h.
type rig struct {
	client *http.Client
	url    string
	hits   atomic.Int64
}

func newRig(t *testing.T, p Policy, h http.HandlerFunc) *rig {
	t.Helper()
	r := &rig{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.hits.Add(1)
		h(w, req)
	}))
	t.Cleanup(srv.Close)
	r.client = &http.Client{Transport: NewTransport("accounts", p, nil)}
	r.url = srv.URL
	return r
}

func (r *rig) do(t *testing.T, method string) (*http.Response, error) {
	t.Helper()
	var body io.Reader
	if method != http.MethodGet && method != http.MethodHead {
		body = strings.NewReader(`{}`)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, r.url+"/x", body)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := r.client.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	return resp, err
}

// fast is a policy whose waits are short enough for tests; the breaker stays closed unless a
// test lowers BreakerFailures.
func fast() Policy {
	return Policy{Timeout: 2 * time.Second, RetryWait: time.Millisecond, RetryMaxWait: 2 * time.Millisecond, BreakerFailures: 1000}
}

func wantKind(t *testing.T, err error, kind error) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("error %v: want %v", err, kind)
	}
	if got := VendorOf(err); got != "accounts" {
		t.Fatalf("error %v names vendor %q, want accounts", err, got)
	}
	if kind == ErrTimeout && errors.Is(err, ErrUnavailable) {
		t.Fatalf("timeout %v also matches ErrUnavailable", err)
	}
	if kind != ErrTimeout && errors.Is(err, ErrTimeout) {
		t.Fatalf("error %v also matches ErrTimeout", err)
	}
}

func TestTimeoutHangingVendor(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	p := fast()
	p.Timeout = 50 * time.Millisecond
	r := newRig(t, p, func(w http.ResponseWriter, req *http.Request) {
		select {
		case <-release:
		case <-req.Context().Done():
		}
	})
	_, err := r.do(t, http.MethodGet)
	wantKind(t, err, ErrTimeout)
}

func TestTimeoutWhileReadingTheAnswer(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	p := fast()
	p.Timeout = 50 * time.Millisecond
	r := newRig(t, p, func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"a":`))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-req.Context().Done():
		}
	})
	_, err := r.do(t, http.MethodGet)
	wantKind(t, err, ErrTimeout)
}

func TestCallersDeadlineIsATimeout(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	r := newRig(t, fast(), func(w http.ResponseWriter, req *http.Request) {
		select {
		case <-release:
		case <-req.Context().Done():
		}
	})
	// The request's deadline (shorter than the vendor's 2 s) holds.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, r.url, nil)
	_, err := r.client.Do(req)
	wantKind(t, err, ErrTimeout)
}

func TestServerErrorRetriedForSafeMethodsOnly(t *testing.T) {
	cases := map[string]struct {
		method   string
		attempts int64
	}{
		"GET is retried":  {http.MethodGet, 3},
		"HEAD is retried": {http.MethodHead, 3},
		"POST is not":     {http.MethodPost, 1},
		"PUT is not":      {http.MethodPut, 1},
		"PATCH is not":    {http.MethodPatch, 1},
		"DELETE is not":   {http.MethodDelete, 1},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, fast(), func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(http.StatusInternalServerError)
			})
			_, err := r.do(t, c.method)
			wantKind(t, err, ErrUnavailable)
			var se *StatusError
			if !errors.As(err, &se) || se.Status != http.StatusInternalServerError {
				t.Fatalf("error %v: want the 500 as its cause", err)
			}
			if got := r.hits.Load(); got != c.attempts {
				t.Fatalf("%d attempts, want %d", got, c.attempts)
			}
		})
	}
}

func TestRetryThatSucceeds(t *testing.T) {
	var n atomic.Int64
	r := newRig(t, fast(), func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"ok":true}`))
	})
	resp, err := r.do(t, http.MethodGet)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || r.hits.Load() != 2 {
		t.Fatalf("status %d after %d attempts, want 200 after 2", resp.StatusCode, r.hits.Load())
	}
}

func TestMalformedJSON(t *testing.T) {
	cases := map[string]string{
		"application/json":                `{"customerGuid": "1",`,
		"application/problem+json":        `<html>`,
		"application/json; charset=utf-8": `not json`,
	}
	for contentType, body := range cases {
		t.Run(contentType, func(t *testing.T) {
			p := fast()
			p.Retries = -1
			r := newRig(t, p, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", contentType)
				_, _ = w.Write([]byte(body))
			})
			_, err := r.do(t, http.MethodGet)
			wantKind(t, err, ErrUnavailable)
		})
	}
}

func TestClientErrorsPassAndKeepTheCircuitClosed(t *testing.T) {
	p := fast()
	p.BreakerFailures = 2
	r := newRig(t, p, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"message":"no such account"}`))
	})
	for range 5 {
		resp, err := r.do(t, http.MethodGet)
		if err != nil {
			t.Fatalf("a 404 is an answer, not a failure: %v", err)
		}
		if resp.StatusCode != http.StatusNotFound {
			t.Fatalf("status %d, want 404", resp.StatusCode)
		}
	}
	if got := r.hits.Load(); got != 5 {
		t.Fatalf("%d calls reached the vendor, want 5 (404s are not retried)", got)
	}
}

func TestBreakerOpensAndRecovers(t *testing.T) {
	var failing atomic.Bool
	failing.Store(true)
	p := fast()
	p.Retries = -1
	p.BreakerFailures = 5
	p.BreakerOpen = 50 * time.Millisecond
	r := newRig(t, p, func(w http.ResponseWriter, _ *http.Request) {
		if failing.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	for i := range 5 {
		_, err := r.do(t, http.MethodPatch)
		wantKind(t, err, ErrUnavailable)
		if errors.Is(err, ErrCircuitOpen) {
			t.Fatalf("call %d: circuit open before 5 failures", i+1)
		}
	}
	for range 3 {
		_, err := r.do(t, http.MethodPatch)
		wantKind(t, err, ErrCircuitOpen)
		wantKind(t, err, ErrUnavailable)
	}
	if got := r.hits.Load(); got != 5 {
		t.Fatalf("%d calls reached the vendor, want 5: the open circuit stops calls", got)
	}

	failing.Store(false)
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := r.do(t, http.MethodPatch)
		if err == nil {
			break
		}
		if !errors.Is(err, ErrCircuitOpen) || time.Now().After(deadline) {
			t.Fatalf("circuit did not recover: %v", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if _, err := r.do(t, http.MethodPatch); err != nil {
		t.Fatalf("after the trial call the circuit is closed: %v", err)
	}
}

func TestConcurrentCallsAreBounded(t *testing.T) {
	p := fast()
	p.MaxConcurrent = 2
	p.Timeout = 10 * time.Second
	arrived := make(chan struct{}, 10)
	release := make(chan struct{})
	var inFlight, most atomic.Int64
	r := newRig(t, p, func(w http.ResponseWriter, req *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		arrived <- struct{}{}
		select {
		case <-release:
		case <-req.Context().Done():
		}
		w.WriteHeader(http.StatusNoContent)
	})
	var wg sync.WaitGroup
	errs := make(chan error, 5)
	for range 5 {
		wg.Go(func() {
			_, err := r.do(t, http.MethodGet)
			errs <- err
		})
	}
	<-arrived
	<-arrived
	select {
	case <-arrived:
		t.Fatal("a third call reached the vendor while two were in flight")
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := most.Load(); got != 2 {
		t.Fatalf("at most %d calls in flight, want 2", got)
	}
	if got := r.hits.Load(); got != 5 {
		t.Fatalf("%d calls reached the vendor, want all 5", got)
	}
}

func TestWaitForASlotCountsAgainstTheTimeout(t *testing.T) {
	p := fast()
	p.MaxConcurrent = 1
	p.Timeout = 100 * time.Millisecond
	p.Retries = -1
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	r := newRig(t, p, func(w http.ResponseWriter, req *http.Request) {
		select {
		case <-release:
		case <-req.Context().Done():
		}
	})
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := r.do(t, http.MethodGet)
			errs <- err
		}()
	}
	for range 2 {
		wantKind(t, <-errs, ErrTimeout)
	}
}

func TestCallerCancelIsNotATimeout(t *testing.T) {
	p := fast()
	p.Retries = -1
	p.BreakerFailures = 1
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	var calls atomic.Int64
	r := newRig(t, p, func(w http.ResponseWriter, req *http.Request) {
		if calls.Add(1) > 1 {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		select {
		case <-release:
		case <-req.Context().Done():
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, r.url, nil)
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err := r.client.Do(req)
	wantKind(t, err, ErrUnavailable)
	if errors.Is(err, ErrCircuitOpen) {
		t.Fatal("circuit open")
	}
	// The cancelled call did not count as a failure: the circuit (1 failure opens it) is closed.
	if _, err = r.do(t, http.MethodGet); err != nil {
		t.Fatalf("a call the caller cancelled opened the circuit: %v", err)
	}
}
