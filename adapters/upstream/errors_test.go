package upstream

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
)

func TestClassify(t *testing.T) {
	cases := map[string]struct {
		err  error
		kind error
	}{
		"deadline":         {fmt.Errorf("get: %w", context.DeadlineExceeded), ErrTimeout},
		"decode":           {errors.New("json: cannot unmarshal string into int"), ErrUnavailable},
		"already an Error": {&Error{Vendor: "aptic", Kind: ErrNotConfigured}, ErrNotConfigured},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			err := Classify("aptic", c.err)
			if !errors.Is(err, c.kind) {
				t.Fatalf("%v: want %v", err, c.kind)
			}
			if VendorOf(err) != "aptic" {
				t.Fatalf("%v names %q", err, VendorOf(err))
			}
		})
	}
	if Classify("aptic", nil) != nil {
		t.Fatal("nil classified as an error")
	}
	notConfigured := &Error{Vendor: "aptic", Kind: ErrNotConfigured}
	if !errors.Is(notConfigured, ErrUnavailable) || errors.Is(notConfigured, ErrTimeout) {
		t.Fatal("not configured must read as unavailable")
	}
	if got := notConfigured.Error(); got != "aptic: vendor not configured" {
		t.Fatalf("message %q", got)
	}
}

func TestCheckStatus(t *testing.T) {
	cases := map[int]error{
		http.StatusOK:                  nil,
		http.StatusNoContent:           nil,
		http.StatusNotFound:            ErrNotFound,
		http.StatusConflict:            ErrConflict,
		http.StatusBadRequest:          ErrRejected,
		http.StatusUnprocessableEntity: ErrRejected,
		http.StatusUnauthorized:        ErrUnavailable,
		http.StatusForbidden:           ErrUnavailable,
		http.StatusInternalServerError: ErrUnavailable,
	}
	for status, want := range cases {
		t.Run(http.StatusText(status), func(t *testing.T) {
			err := CheckStatus("accounts", status)
			if want == nil {
				if err != nil {
					t.Fatalf("%d: %v", status, err)
				}
				return
			}
			if !errors.Is(err, want) {
				t.Fatalf("%d: %v, want %v", status, err, want)
			}
		})
	}
}

// A failure of the vendor (5xx, 401, 403) is no refusal, so a push of it is tried again.
func TestCheckStatusFailureIsNoRefusal(t *testing.T) {
	for _, status := range []int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusUnauthorized, http.StatusForbidden} {
		err := CheckStatus("aptic", status)
		for _, refusal := range []error{ErrRejected, ErrNotFound, ErrConflict} {
			if errors.Is(err, refusal) {
				t.Errorf("%d matches %v", status, refusal)
			}
		}
	}
}

// A vendor's 4xx answer names its vendor too (extensions.vendor of NOT_FOUND, CONFLICT,
// UNPROCESSABLE), however wrapped.
func TestVendorOfStatus(t *testing.T) {
	err := fmt.Errorf("delete account: %w", CheckStatus("accounts", http.StatusConflict))
	if got := VendorOf(err); got != "accounts" || !errors.Is(err, ErrConflict) {
		t.Fatalf("VendorOf(%v) = %q", err, got)
	}
	if got := VendorOf(errors.New("boom")); got != "" {
		t.Fatalf("VendorOf(boom) = %q", got)
	}
}
