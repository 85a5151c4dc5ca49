package upstream

import (
	"testing"
	"time"
)

// The defaults are the issue's: 2 s per vendor call, the circuit opening after 5 consecutive
// failures and trying again after 30 s.
func TestDefaultPolicy(t *testing.T) {
	want := Policy{
		Timeout:          2 * time.Second,
		Retries:          2,
		RetryWait:        100 * time.Millisecond,
		RetryMaxWait:     time.Second,
		BreakerFailures:  5,
		BreakerOpen:      30 * time.Second,
		MaxConcurrent:    16,
		MaxResponseBytes: 4 << 20,
	}
	if got := DefaultPolicy(); got != want {
		t.Fatalf("defaults %+v, want %+v", got, want)
	}
	if got := (Policy{Retries: -1}).withDefaults().Retries; got != 0 {
		t.Fatalf("Retries -1 gives %d retries, want none", got)
	}
	if got := (Policy{Timeout: time.Second}).withDefaults().Timeout; got != time.Second {
		t.Fatalf("a set timeout became %v", got)
	}
}
