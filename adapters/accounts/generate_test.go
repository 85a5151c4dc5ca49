package accounts

import (
	"testing"

	"ovgraph/adapters/upstream/upstreamtest"
)

// accounts.gen.go is what make generate makes from the contract, overlay.yaml and oapi-codegen.yaml.
func TestGeneratedCodeIsCurrent(t *testing.T) {
	upstreamtest.GeneratedIsCurrent(t, "accounts", "accounts-v4.yaml")
}
