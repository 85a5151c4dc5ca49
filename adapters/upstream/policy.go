// Package upstream holds what the vendor clients (adapters/accounts, adapters/aptic) share: the
// resilience layers every call goes through, the vendors' authentication, and the classification
// of their failures.
package upstream

import "time"

// Policy is how ovgraph calls one vendor. A zero field takes its default (DefaultPolicy).
type Policy struct {
	// Timeout bounds one call as a whole: the wait for a free slot, every attempt and the backoff
	// between attempts, and reading the answer. Default 2 s.
	Timeout time.Duration
	// Retries is how many times a failed GET or HEAD is tried again (other methods never are).
	// Default 2; a negative number turns retries off.
	Retries int
	// RetryWait is the first wait before a retry; each next wait doubles, up to RetryMaxWait, and
	// each is randomised by ±50% (jitter). Defaults 100 ms and 1 s.
	RetryWait    time.Duration
	RetryMaxWait time.Duration
	// BreakerFailures consecutive failed attempts open the vendor's circuit; after BreakerOpen
	// one trial call is let through (half-open), and its success closes the circuit again.
	// Defaults 5 and 30 s.
	BreakerFailures uint32
	BreakerOpen     time.Duration
	// MaxConcurrent bounds the calls in flight to the vendor; further calls wait for a slot
	// within their Timeout. Default 16.
	MaxConcurrent int
	// MaxResponseBytes bounds an answer's body; a longer one fails as unavailable. Default 4 MiB.
	MaxResponseBytes int64
}

// DefaultPolicy is the policy with every default filled in.
func DefaultPolicy() Policy { return Policy{}.withDefaults() }

func (p Policy) withDefaults() Policy {
	if p.Timeout <= 0 {
		p.Timeout = 2 * time.Second
	}
	if p.Retries == 0 {
		p.Retries = 2
	}
	if p.Retries < 0 {
		p.Retries = 0
	}
	if p.RetryWait <= 0 {
		p.RetryWait = 100 * time.Millisecond
	}
	if p.RetryMaxWait <= 0 {
		p.RetryMaxWait = time.Second
	}
	if p.BreakerFailures == 0 {
		p.BreakerFailures = 5
	}
	if p.BreakerOpen <= 0 {
		p.BreakerOpen = 30 * time.Second
	}
	if p.MaxConcurrent <= 0 {
		p.MaxConcurrent = 16
	}
	if p.MaxResponseBytes <= 0 {
		p.MaxResponseBytes = 4 << 20
	}
	return p
}
