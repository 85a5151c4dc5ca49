package main

import (
	"io"
	"strings"
	"testing"

	"ovgraph/adapters/aptic"
)

// The creditor account of the mandates pushed to Aptic: the sandbox's unless set, written as an
// IBAN without spaces, refused at start-up when it is no IBAN.
func TestApticCreditorIBAN(t *testing.T) {
	creditor := func(env map[string]string) (string, error) {
		c, err := loadConfig(nil, envOf(vendorBaseEnv(env)), io.Discard)
		if err != nil {
			return "", err
		}
		_, ap, err := c.Vendors.clients()
		if err != nil {
			return "", err
		}
		return ap.CreditorIBAN(), nil
	}
	if got, err := creditor(nil); err != nil || got != aptic.DefaultCreditorIBAN {
		t.Errorf("default: %q, %v", got, err)
	}
	if got, err := creditor(map[string]string{"OVGRAPH_APTIC_CREDITOR_IBAN": "nl02 abna 0123 4567 89"}); err != nil || got != "NL02ABNA0123456789" {
		t.Errorf("set: %q, %v", got, err)
	}
	if _, err := creditor(map[string]string{"OVGRAPH_APTIC_CREDITOR_IBAN": "12345"}); err == nil ||
		!strings.Contains(err.Error(), "OVGRAPH_APTIC_CREDITOR_IBAN: not an IBAN") {
		t.Errorf("no IBAN: %v", err)
	}
}
