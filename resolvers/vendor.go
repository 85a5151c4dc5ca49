package resolvers

import (
	"errors"

	"ovgraph/adapters/upstream"
	"ovgraph/graph"
)

// vendorError turns a failed call to a vendor system (an *upstream.Error, as the vendor clients
// and their Classify return) into the error a client sees: UPSTREAM_TIMEOUT when the vendor did
// not answer in time, UPSTREAM_UNAVAILABLE otherwise (not configured and circuit open included),
// with extensions.vendor naming the vendor and a message that names it without internals (no
// URL, status or cause). Any other error is nil: the caller handles it as it handles any error.
func vendorError(err error) *graph.Error {
	var ve *upstream.Error
	if !errors.As(err, &ve) {
		return nil
	}
	name := vendorName(ve.Vendor)
	switch {
	case errors.Is(ve, upstream.ErrTimeout):
		return graph.VendorError(graph.CodeUpstreamTimeout, ve.Vendor, "The "+name+" did not answer in time.", err)
	case errors.Is(ve, upstream.ErrNotConfigured):
		return graph.VendorError(graph.CodeUpstreamUnavailable, ve.Vendor, "The "+name+" is not configured.", err)
	default:
		return graph.VendorError(graph.CodeUpstreamUnavailable, ve.Vendor, "The "+name+" is unavailable.", err)
	}
}

// vendorName is how a message names a vendor: "accounts system", "aptic system".
func vendorName(vendor string) string {
	if vendor == "" {
		return "vendor system"
	}
	return vendor + " system"
}
