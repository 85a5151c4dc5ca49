// Package upstreamtest serves a vendor contract over HTTP for the vendor clients' tests: every
// request is validated against the contract (kin-openapi), and every answer is built from the
// contract's examples and schemas and validated too. Test code only.
package upstreamtest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/util"
)

// The contracts are kept outside the repository: OVGRAPH_CONTRACTS names their folder, relative to
// the repository root unless absolute (make exports it, by default the folder beside the
// repository). Without the setting, or without the folder, the tests skip, unless
// OVGRAPH_REQUIRE_CONTRACTS=1 (as CI sets it) makes them fail.
const (
	contractsSetting        = "OVGRAPH_CONTRACTS"
	requireContractsSetting = "OVGRAPH_REQUIRE_CONTRACTS"
)

// contractFile is the path of the named contract, or skips (or fails) the test when there is no
// contracts folder.
func contractFile(t testing.TB, name string) string {
	t.Helper()
	dir, err := contractsDir()
	if err != nil {
		t.Fatalf("find the contracts: %v", err)
	}
	if info, err := os.Stat(dir); dir == "" || err != nil || !info.IsDir() {
		if os.Getenv(requireContractsSetting) == "1" {
			t.Fatalf("contracts not found in %s: set %s to the folder of the API contracts", dir, contractsSetting)
		}
		t.Skipf("contracts not found: set %s to the folder of the API contracts", contractsSetting)
	}
	return filepath.Join(dir, name)
}

// GeneratedIsCurrent regenerates the vendor's client as make generate does (adapters/<vendor>/
// oapi-codegen.yaml, the overlay, the contract named) and fails the test unless the result is the
// committed adapters/<vendor>/<vendor>.gen.go: nobody edited it by hand, and nobody forgot to
// regenerate after a change of the contract, the overlay or the configuration.
func GeneratedIsCurrent(t *testing.T, vendor, contract string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds oapi-codegen")
	}
	file := contractFile(t, contract)
	root, err := repositoryRoot()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), vendor+".gen.go")
	cmd := exec.Command("go", "tool", "oapi-codegen", "-config", filepath.Join("adapters", vendor, "oapi-codegen.yaml"), "-o", out, file)
	cmd.Dir = root
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("oapi-codegen: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(root, "adapters", vendor, vendor+".gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("adapters/%s/%s.gen.go is not what make generate makes from %s: run make generate and commit the result", vendor, vendor, contract)
	}
}

// Contract loads the named contract with the overlay at overlayPath applied (the document the
// client was generated from), or skips (or fails) the test when there is no contracts folder.
func Contract(t testing.TB, name, overlayPath string) *openapi3.T {
	t.Helper()
	file := contractFile(t, name)
	doc, err := util.LoadSwaggerWithOverlay(file, util.LoadSwaggerWithOverlayOpts{
		Path:                overlayPath,
		Strict:              true,
		AllowRemoteRefsFrom: []string{},
	})
	if err != nil {
		t.Fatalf("load %s with %s: %v", name, overlayPath, err)
	}
	return doc
}

func contractsDir() (string, error) {
	dir := os.Getenv(contractsSetting)
	if dir == "" || filepath.IsAbs(dir) {
		return dir, nil
	}
	root, err := repositoryRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, dir), nil
}

// repositoryRoot is the nearest folder at or above the working directory that holds go.mod.
func repositoryRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod at or above the working directory")
		}
		dir = parent
	}
}
