package upstream

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// Kinds of vendor failure. Callers map ErrTimeout to UPSTREAM_TIMEOUT and every other vendor error
// to UPSTREAM_UNAVAILABLE; Error.Vendor names the vendor for extensions.vendor.
var (
	// ErrTimeout: the vendor did not answer within the call's timeout or the caller's deadline.
	ErrTimeout = errors.New("vendor timed out")
	// ErrUnavailable: the vendor could not be reached, answered 5xx, answered something that is not
	// the JSON it documents, or its circuit is open. Every vendor error that is not a timeout
	// matches it, ErrNotConfigured included.
	ErrUnavailable = errors.New("vendor unavailable")
	// ErrNotConfigured: the vendor has no URL in the configuration; its calls fail at once.
	ErrNotConfigured = errors.New("vendor not configured")
	// ErrCircuitOpen: the breaker stopped the call after consecutive failures.
	ErrCircuitOpen = errors.New("vendor circuit open")
)

// Error is a failed vendor call: which vendor, which kind (one of the sentinels above) and the
// underlying cause. It matches its kind with errors.Is and unwraps to the cause.
type Error struct {
	Vendor string
	Kind   error
	Err    error
}

func (e *Error) Error() string {
	switch {
	case errors.Is(e.Kind, ErrNotConfigured):
		return fmt.Sprintf("%s: vendor not configured", e.Vendor)
	case e.Err == nil:
		return fmt.Sprintf("%s: %v", e.Vendor, e.Kind)
	default:
		return fmt.Sprintf("%s: %v: %v", e.Vendor, e.Kind, e.Err)
	}
}

// Is matches the error's kind, and ErrUnavailable for every kind but ErrTimeout.
func (e *Error) Is(target error) bool {
	if target == e.Kind {
		return true
	}
	return target == ErrUnavailable && e.Kind != ErrTimeout
}

func (e *Error) Unwrap() error { return e.Err }

// VendorOf names the vendor of a vendor error or of a vendor's 4xx answer (a *StatusError):
// "accounts", "aptic"; "" for any other error.
func VendorOf(err error) string {
	var ve *Error
	if errors.As(err, &ve) {
		return ve.Vendor
	}
	var se *StatusError
	if errors.As(err, &se) {
		return se.Vendor
	}
	return ""
}

// Classify makes any error of a call to the named vendor a *Error: an error that already is one
// stays as it is; a deadline becomes ErrTimeout; anything else (a response that does not decode,
// a refused connection) becomes ErrUnavailable. nil stays nil.
func Classify(vendor string, err error) error {
	if err == nil {
		return nil
	}
	var ve *Error
	if errors.As(err, &ve) {
		return ve
	}
	if errors.Is(err, context.DeadlineExceeded) || isNetTimeout(err) {
		return &Error{Vendor: vendor, Kind: ErrTimeout, Err: err}
	}
	return &Error{Vendor: vendor, Kind: ErrUnavailable, Err: err}
}

func isNetTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// Answers a vendor gave that are not failures of the vendor: the caller decides what they mean.
var (
	ErrNotFound = errors.New("not found at the vendor")
	ErrConflict = errors.New("conflict at the vendor")
	ErrRejected = errors.New("rejected by the vendor")
)

// StatusError is a 4xx answer of a vendor. It matches ErrNotFound (404), ErrConflict (409) or
// ErrRejected (any other 4xx but 401 and 403). 401 and 403 mean our credentials are wrong, so the
// vendor is unusable: CheckStatus returns an ErrUnavailable *Error for them.
type StatusError struct {
	Vendor string
	Status int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%s: answered %d %s", e.Vendor, e.Status, http.StatusText(e.Status))
}

func (e *StatusError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.Status == http.StatusNotFound
	case ErrConflict:
		return e.Status == http.StatusConflict
	case ErrRejected:
		// Only a 4xx answer is a refusal: a 5xx, 401 or 403 inside an ErrUnavailable *Error is
		// the vendor failing, which trying again may change.
		return e.Status >= 400 && e.Status < 500 && e.Status != http.StatusNotFound && e.Status != http.StatusConflict &&
			e.Status != http.StatusUnauthorized && e.Status != http.StatusForbidden
	}
	return false
}

// CheckStatus is nil for a 2xx status and an error for any other: a *StatusError for 4xx, an
// ErrUnavailable *Error for 401, 403 and anything else (5xx do not get here: the transport turns
// them into errors).
func CheckStatus(vendor string, status int) error {
	switch {
	case status >= 200 && status < 300:
		return nil
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return &Error{Vendor: vendor, Kind: ErrUnavailable, Err: &StatusError{Vendor: vendor, Status: status}}
	case status >= 400 && status < 500:
		return &StatusError{Vendor: vendor, Status: status}
	default:
		return &Error{Vendor: vendor, Kind: ErrUnavailable, Err: &StatusError{Vendor: vendor, Status: status}}
	}
}
