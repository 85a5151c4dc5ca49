package upstream

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/sony/gobreaker/v2"
	"golang.org/x/sync/semaphore"
)

// NewTransport wraps base (http.DefaultTransport when nil) in the resilience layers of policy p
// for the named vendor, outermost first:
//
//   - deadline: the call's Timeout, over everything below;
//   - limit: at most MaxConcurrent calls in flight;
//   - retry: GET and HEAD tried again after a failure, with exponential backoff and jitter;
//   - breaker: each attempt through the vendor's circuit breaker;
//   - answer: the body read whole (bounded) and checked: 5xx, and a JSON content type whose body
//     is not JSON, are failures;
//   - base, usually preceded by the vendor's authentication (see Bearer, ClientCredentials).
//
// Every error it returns is a *Error naming the vendor.
func NewTransport(vendor string, p Policy, base http.RoundTripper) http.RoundTripper {
	p = p.withDefaults()
	if base == nil {
		base = http.DefaultTransport
	}
	var rt http.RoundTripper = &answerTransport{vendor: vendor, next: base, maxBytes: p.MaxResponseBytes}
	rt = newBreakerTransport(vendor, p, rt)
	rt = &retryTransport{vendor: vendor, next: rt, retries: p.Retries, wait: p.RetryWait, maxWait: p.RetryMaxWait}
	rt = &limitTransport{vendor: vendor, next: rt, slots: semaphore.NewWeighted(int64(p.MaxConcurrent))}
	return &deadlineTransport{vendor: vendor, next: rt, timeout: p.Timeout}
}

// deadlineTransport bounds the whole call. The layers below read the body whole, so the context
// can be cancelled as soon as the call returns.
type deadlineTransport struct {
	vendor  string
	next    http.RoundTripper
	timeout time.Duration
}

func (t *deadlineTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
	defer cancel()
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		if ctx.Err() != nil && req.Context().Err() != context.Canceled {
			var ve *Error
			if errors.As(err, &ve) && ve.Err != nil {
				err = ve.Err // the cause, so that the timeout matches no other kind
			}
			return nil, &Error{Vendor: t.vendor, Kind: ErrTimeout, Err: err}
		}
		return nil, Classify(t.vendor, err)
	}
	return resp, nil
}

// limitTransport bounds the calls in flight.
type limitTransport struct {
	vendor string
	next   http.RoundTripper
	slots  *semaphore.Weighted
}

func (t *limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.slots.Acquire(req.Context(), 1); err != nil {
		closeBody(req)
		return nil, Classify(t.vendor, fmt.Errorf("wait for a free slot: %w", err))
	}
	defer t.slots.Release(1)
	return t.next.RoundTrip(req)
}

// retryTransport tries safe requests again. A request whose circuit is open, or that the caller
// cancelled, is not retried.
type retryTransport struct {
	vendor        string
	next          http.RoundTripper
	retries       int
	wait, maxWait time.Duration
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.retries == 0 || (req.Method != http.MethodGet && req.Method != http.MethodHead) || req.Body != nil && req.Body != http.NoBody {
		return t.next.RoundTrip(req)
	}
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = t.wait
	b.MaxInterval = t.maxWait
	b.RandomizationFactor = 0.5
	b.Multiplier = 2
	resp, err := backoff.Retry(req.Context(), func() (*http.Response, error) {
		resp, err := t.next.RoundTrip(req)
		if err != nil && errors.Is(err, ErrCircuitOpen) {
			return nil, backoff.Permanent(err)
		}
		return resp, err
	}, backoff.WithBackOff(b), backoff.WithMaxTries(uint(t.retries+1)), backoff.WithMaxElapsedTime(0))
	if err != nil {
		var permanent *backoff.PermanentError
		if errors.As(err, &permanent) {
			err = permanent.Unwrap()
		}
		return nil, Classify(t.vendor, err)
	}
	return resp, nil
}

// breakerTransport sends each attempt through the vendor's circuit breaker. Failures are the
// errors of the layers below (no answer, 5xx, garbage); a 4xx answer is a success (the vendor
// works), and a call the caller cancelled counts as neither.
type breakerTransport struct {
	vendor string
	next   http.RoundTripper
	cb     *gobreaker.CircuitBreaker[*http.Response]
}

func newBreakerTransport(vendor string, p Policy, next http.RoundTripper) *breakerTransport {
	failures := p.BreakerFailures
	return &breakerTransport{vendor: vendor, next: next, cb: gobreaker.NewCircuitBreaker[*http.Response](gobreaker.Settings{
		Name:        vendor,
		MaxRequests: 1,
		Timeout:     p.BreakerOpen,
		ReadyToTrip: func(c gobreaker.Counts) bool { return c.ConsecutiveFailures >= failures },
		IsExcluded:  func(err error) bool { return errors.Is(err, context.Canceled) },
	})}
}

func (t *breakerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.cb.Execute(func() (*http.Response, error) { return t.next.RoundTrip(req) })
	if errors.Is(err, gobreaker.ErrOpenState) || errors.Is(err, gobreaker.ErrTooManyRequests) {
		closeBody(req)
		return nil, &Error{Vendor: t.vendor, Kind: ErrCircuitOpen, Err: err}
	}
	if err != nil {
		return nil, Classify(t.vendor, err)
	}
	return resp, nil
}

// answerTransport reads the answer whole and checks it.
type answerTransport struct {
	vendor   string
	next     http.RoundTripper
	maxBytes int64
}

func (t *answerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, Classify(t.vendor, err)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, t.maxBytes+1))
	resp.Body.Close()
	if err != nil {
		return nil, Classify(t.vendor, fmt.Errorf("read the answer: %w", err))
	}
	if int64(len(body)) > t.maxBytes {
		return nil, &Error{Vendor: t.vendor, Kind: ErrUnavailable, Err: fmt.Errorf("answer longer than %d bytes", t.maxBytes)}
	}
	if resp.StatusCode >= 500 {
		return nil, &Error{Vendor: t.vendor, Kind: ErrUnavailable, Err: &StatusError{Vendor: t.vendor, Status: resp.StatusCode}}
	}
	if len(body) > 0 && isJSON(resp.Header.Get("Content-Type")) && !json.Valid(body) {
		return nil, &Error{Vendor: t.vendor, Kind: ErrUnavailable, Err: fmt.Errorf("answer %d is not valid JSON", resp.StatusCode)}
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// isJSON reports whether a content type is application/json or a +json type.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// Disabled is the HTTP client of a vendor without configuration: every call fails at once with
// ErrNotConfigured, and no request leaves.
func Disabled(vendor string) *http.Client {
	return &http.Client{Transport: disabledTransport(vendor)}
}

type disabledTransport string

func (t disabledTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	closeBody(req)
	return nil, &Error{Vendor: string(t), Kind: ErrNotConfigured}
}
