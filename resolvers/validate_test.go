package resolvers

import (
	"errors"
	"testing"

	"ovgraph/graph"
)

func TestNormalizeIBAN(t *testing.T) {
	cases := map[string]struct {
		in, want string
		ok       bool
	}{
		"valid":                 {"NL91ABNA0417164300", "NL91ABNA0417164300", true},
		"spaces and lower case": {"nl91 abna 0417 1643 00", "NL91ABNA0417164300", true},
		"German":                {"DE89370400440532013000", "DE89370400440532013000", true},
		"checksum off by one":   {"NL91ABNA0417164301", "", false},
		"the contract example":  {"1234567890", "", false},
		"empty":                 {"", "", false},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := normalizeIBAN(c.in)
			if c.ok != (err == nil) || got != c.want {
				t.Fatalf("normalizeIBAN(%q) = %q, %v", c.in, got, err)
			}
			var ge *graph.Error
			if err != nil && (!errors.As(err, &ge) || ge.Field != "iban" || ge.Code != graph.CodeBadUserInput) {
				t.Errorf("error %#v", err)
			}
		})
	}
}

func TestCheckPostalCode(t *testing.T) {
	cases := []struct {
		code, country string
		ok            bool
	}{
		{"2511BT", "NL", true},
		{"2500 AA", "NL", false},
		{"2511bt", "NL", false},
		{"", "NL", false},
		{"SW1A 1AA", "GB", true},
		{"", "BE", false},
	}
	for _, c := range cases {
		err := checkPostalCode(c.code, c.country)
		if c.ok != (err == nil) {
			t.Errorf("checkPostalCode(%q, %q) = %v", c.code, c.country, err)
		}
		var ge *graph.Error
		if err != nil && c.country == "NL" && (!errors.As(err, &ge) || ge.Country != "NL") {
			t.Errorf("NL error does not name the country: %#v", err)
		}
	}
}

func TestCheckChipCardNumber(t *testing.T) {
	for n, ok := range map[int64]bool{
		1000000000000000: true, 9999999999999999: true, 999999999999999: false, 10000000000000000: false,
	} {
		if err := checkChipCardNumber(n); ok != (err == nil) {
			t.Errorf("checkChipCardNumber(%d) = %v", n, err)
		}
	}
}

func TestMandateTransitions(t *testing.T) {
	allowed := map[[2]graph.MandateState]bool{
		{graph.MandateStatePrepared, graph.MandateStateSigned}:    true,
		{graph.MandateStatePrepared, graph.MandateStateCancelled}: true,
		{graph.MandateStateSigned, graph.MandateStateCancelled}:   true,
	}
	for _, from := range graph.AllMandateState {
		for _, to := range graph.AllMandateState {
			want := from == to || allowed[[2]graph.MandateState{from, to}]
			if err := checkMandateTransition(from, to); want != (err == nil) {
				t.Errorf("%s -> %s: %v", from, to, err)
			}
		}
	}
}
