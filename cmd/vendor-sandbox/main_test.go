package main

import (
	"bytes"
	"errors"
	"flag"
	"strings"
	"testing"
)

// TestRunRefusesBadFlags: a fault the sandbox does not know, a bad delay or an address it cannot
// listen on stop it before it serves, with the reason.
func TestRunRefusesBadFlags(t *testing.T) {
	cases := map[string]struct {
		args []string
		want string
	}{
		"unknown mode":       {[]string{"-accounts-fault=explode"}, "-accounts-fault"},
		"bad delay":          {[]string{"-aptic-fault=slow:soon"}, "-aptic-fault"},
		"bad address":        {[]string{"-addr=256.0.0.1:1"}, "256.0.0.1"},
		"unknown flag":       {[]string{"-nope"}, "not defined"},
		"flag without value": {[]string{"-addr"}, "needs an argument"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var stderr bytes.Buffer
			err := run(c.args, &stderr)
			if err == nil {
				t.Fatal("run accepted the flags")
			}
			if msg := err.Error() + stderr.String(); !strings.Contains(msg, c.want) {
				t.Errorf("error %q (stderr %q) does not say %q", err, stderr.String(), c.want)
			}
		})
	}
	if err := run([]string{"-h"}, &bytes.Buffer{}); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
}
