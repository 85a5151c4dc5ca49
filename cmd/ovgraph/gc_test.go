package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// serve's collector defaults apply only where GOGC and GOMEMLIMIT are unset.
func TestTuneGC(t *testing.T) {
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })

	env := map[string]string{"GOGC": "150"}
	gotPercent, gotLimit := tuneGC(func(k string) string { return env[k] })
	if gotPercent != -1 || debug.SetGCPercent(100) != 100 {
		t.Errorf("GOGC set: tuneGC changed the GC percent (%d)", gotPercent)
	}
	if gotLimit != defaultMemoryLimit || debug.SetMemoryLimit(-1) != defaultMemoryLimit {
		t.Errorf("GOMEMLIMIT unset: limit %d, want %d", gotLimit, defaultMemoryLimit)
	}

	debug.SetMemoryLimit(math.MaxInt64)
	env = map[string]string{"GOMEMLIMIT": "1GiB"}
	gotPercent, gotLimit = tuneGC(func(k string) string { return env[k] })
	if gotPercent != defaultGCPercent || debug.SetGCPercent(100) != defaultGCPercent {
		t.Errorf("GOGC unset: percent %d, want %d", gotPercent, defaultGCPercent)
	}
	if gotLimit != -1 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Errorf("GOMEMLIMIT set: tuneGC changed the limit (%d)", gotLimit)
	}
}
