package resolvers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"ovgraph/adapters/accounts"
	"ovgraph/adapters/aptic"
	"ovgraph/adapters/upstream"
	"ovgraph/graph"
)

func TestVendorError(t *testing.T) {
	cases := map[string]struct {
		err    error
		code   graph.Code
		vendor string
		msg    string
	}{
		"timeout": {&upstream.Error{Vendor: accounts.Vendor, Kind: upstream.ErrTimeout, Err: context.DeadlineExceeded},
			graph.CodeUpstreamTimeout, "accounts", "The accounts system did not answer in time."},
		"classified deadline": {aptic.Classify(fmt.Errorf("GET https://secret.example/x: %w", context.DeadlineExceeded)),
			graph.CodeUpstreamTimeout, "aptic", "The aptic system did not answer in time."},
		"unavailable": {&upstream.Error{Vendor: aptic.Vendor, Kind: upstream.ErrUnavailable, Err: errors.New("500 from https://secret.example")},
			graph.CodeUpstreamUnavailable, "aptic", "The aptic system is unavailable."},
		"circuit open": {&upstream.Error{Vendor: accounts.Vendor, Kind: upstream.ErrCircuitOpen},
			graph.CodeUpstreamUnavailable, "accounts", "The accounts system is unavailable."},
		"credentials refused": {accounts.CheckStatus(401),
			graph.CodeUpstreamUnavailable, "accounts", "The accounts system is unavailable."},
		"not configured": {&upstream.Error{Vendor: accounts.Vendor, Kind: upstream.ErrNotConfigured},
			graph.CodeUpstreamUnavailable, "accounts", "The accounts system is not configured."},
		"wrapped": {fmt.Errorf("billing accounts: %w", &upstream.Error{Vendor: aptic.Vendor, Kind: upstream.ErrNotConfigured}),
			graph.CodeUpstreamUnavailable, "aptic", "The aptic system is not configured."},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			ge := vendorError(c.err)
			if ge == nil {
				t.Fatalf("vendorError(%v) = nil", c.err)
			}
			if ge.Code != c.code || ge.Message != c.msg {
				t.Errorf("got %s %q, want %s %q", ge.Code, ge.Message, c.code, c.msg)
			}
			ext := ge.GQLError().Extensions
			if ext["code"] != string(c.code) || ext["vendor"] != c.vendor {
				t.Errorf("extensions %v, want code %s and vendor %s", ext, c.code, c.vendor)
			}
			if strings.Contains(ge.Message, "secret") || strings.Contains(ge.Message, "http") {
				t.Errorf("message %q shows internals", ge.Message)
			}
		})
	}
}

func TestVendorErrorOtherErrors(t *testing.T) {
	for _, err := range []error{nil, errors.New("boom"), accounts.CheckStatus(404), context.DeadlineExceeded} {
		if ge := vendorError(err); ge != nil {
			t.Errorf("vendorError(%v) = %v, want nil", err, ge)
		}
	}
}

// The presenter passes a vendor error through with its vendor.
func TestPresenterVendorError(t *testing.T) {
	var logs strings.Builder
	out := presenter(slog.New(slog.NewTextHandler(&logs, nil)))(context.Background(), vendorError(&upstream.Error{Vendor: aptic.Vendor, Kind: upstream.ErrTimeout}))
	if out.Extensions["code"] != "UPSTREAM_TIMEOUT" || out.Extensions["vendor"] != "aptic" ||
		out.Message != "The aptic system did not answer in time." {
		t.Errorf("presented %v %q", out.Extensions, out.Message)
	}
	if !strings.Contains(logs.String(), "vendor=aptic") || !strings.Contains(logs.String(), "code=UPSTREAM_TIMEOUT") {
		t.Errorf("logged %q, want the vendor and the code", logs.String())
	}
}
