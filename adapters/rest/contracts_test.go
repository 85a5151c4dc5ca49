package rest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// The API contracts are kept outside the repository. OVGRAPH_CONTRACTS names their folder, relative
// to the repository root unless absolute; by default it is the folder beside the repository that
// defaultContracts names. Without the folder the contract tests skip, unless
// OVGRAPH_REQUIRE_CONTRACTS=1 (as CI sets it) makes them fail.
const (
	contractsSetting        = "OVGRAPH_CONTRACTS"
	requireContractsSetting = "OVGRAPH_REQUIRE_CONTRACTS"
	defaultContracts        = "../shared/contracts"
)

// contractFile is the path of one contract in the contracts folder, or skips (or fails) the test
// when there is no such folder.
func contractFile(t *testing.T, name string) string {
	t.Helper()
	dir, err := contractsDir()
	if err != nil {
		t.Fatalf("find the contracts: %v", err)
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		if os.Getenv(requireContractsSetting) == "1" {
			t.Fatalf("contracts not found in %s: set %s to the folder of the API contracts", dir, contractsSetting)
		}
		t.Skipf("contracts not found: set %s to the folder of the API contracts", contractsSetting)
	}
	return filepath.Join(dir, name)
}

// contractsDir resolves the setting against the repository root.
func contractsDir() (string, error) {
	dir := os.Getenv(contractsSetting)
	if dir == "" {
		dir = defaultContracts
	}
	if filepath.IsAbs(dir) {
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
