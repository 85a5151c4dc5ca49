package aptic

import (
	"testing"

	"ovgraph/adapters/upstream/upstreamtest"
)

// aptic.gen.go is what make generate makes from the contract, overlay.yaml and oapi-codegen.yaml.
func TestGeneratedCodeIsCurrent(t *testing.T) {
	upstreamtest.GeneratedIsCurrent(t, "aptic", "aptic-customers.yaml")
}
