package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// The failure modes a vendor can be told to show. Each applies to every request to that vendor
// (the Aptic token endpoint included) until it is cleared.
const (
	// ModeNone answers normally.
	ModeNone = "none"
	// ModeHang never answers: the request is held until the caller gives up (or the sandbox
	// closes).
	ModeHang = "hang"
	// ModeError answers 500 with the vendor's error body ("500" is accepted for it).
	ModeError = "error"
	// ModeGarbage answers 200 with a body that claims to be JSON and is not.
	ModeGarbage = "garbage"
	// ModeSlow waits Delay, then answers normally.
	ModeSlow = "slow"
)

// DefaultSlowDelay is the delay of ModeSlow when none is given: longer than ovgraph's default 2 s
// per vendor call, so a slow vendor times out.
const DefaultSlowDelay = 3 * time.Second

// garbageBody is what ModeGarbage answers: a JSON document cut short.
const garbageBody = `{"sandbox": "garbage", "value": [{"unterminated": tru`

// Fault is a vendor's failure mode.
type Fault struct {
	Mode  string   `json:"mode"`
	Delay Duration `json:"delay,omitzero"`
}

// Duration reads and writes a time.Duration as Go writes it ("1.5s", "300ms").
type Duration time.Duration

// MarshalJSON writes the duration as a string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads a duration string ("3s"), or a number of milliseconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var ms float64
		if err := json.Unmarshal(b, &ms); err != nil {
			return fmt.Errorf("delay: a duration such as \"3s\" or a number of milliseconds")
		}
		*d = Duration(time.Duration(ms * float64(time.Millisecond)))
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("delay: %w", err)
	}
	*d = Duration(v)
	return nil
}

// ParseFault reads a fault as the command line gives it: a mode, optionally followed by a colon
// and a delay ("slow:500ms", "hang", "error").
func ParseFault(s string) (Fault, error) {
	mode, delay, hasDelay := strings.Cut(s, ":")
	f := Fault{Mode: mode}
	if hasDelay {
		d, err := time.ParseDuration(delay)
		if err != nil {
			return Fault{}, fmt.Errorf("fault %q: %w", s, err)
		}
		f.Delay = Duration(d)
	}
	return f.normalized()
}

func (f Fault) normalized() (Fault, error) {
	switch strings.ToLower(f.Mode) {
	case "", ModeNone:
		return Fault{Mode: ModeNone}, nil
	case ModeHang:
		return Fault{Mode: ModeHang}, nil
	case ModeError, "500":
		return Fault{Mode: ModeError}, nil
	case ModeGarbage:
		return Fault{Mode: ModeGarbage}, nil
	case ModeSlow:
		if f.Delay < 0 {
			return Fault{}, fmt.Errorf("delay: must not be negative")
		}
		if f.Delay == 0 {
			f.Delay = Duration(DefaultSlowDelay)
		}
		return Fault{Mode: ModeSlow, Delay: f.Delay}, nil
	}
	return Fault{}, fmt.Errorf("mode %q: one of none, hang, error (or 500), garbage, slow", f.Mode)
}

type faults struct {
	mu     sync.RWMutex
	byName map[string]Fault
}

// newFaults starts with the given faults (the command line's); a vendor not named answers normally.
func newFaults(initial map[string]Fault) *faults {
	f := &faults{}
	f.clear()
	for vendor, fault := range initial {
		if n, err := fault.normalized(); err == nil {
			f.byName[vendor] = n
		}
	}
	return f
}

// clear makes every vendor answer normally.
func (f *faults) clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.byName = map[string]Fault{VendorAccounts: {Mode: ModeNone}, VendorAptic: {Mode: ModeNone}}
}

func (f *faults) get(vendor string) Fault {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.byName[vendor]
}

func (f *faults) set(vendor string, fault Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.byName[vendor] = fault
}

func (f *faults) all() map[string]Fault {
	f.mu.RLock()
	defer f.mu.RUnlock()
	out := make(map[string]Fault, len(f.byName))
	for k, v := range f.byName {
		out[k] = v
	}
	return out
}

// middleware applies the vendor's current fault before the vendor's handler runs; failure writes
// the vendor's error body with the given status.
func (f *faults) middleware(vendor string, closing <-chan struct{}, failure func(http.ResponseWriter, int, string), next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fault := f.get(vendor)
		switch fault.Mode {
		case ModeHang:
			<-waitForever(r, closing)
			failure(w, http.StatusServiceUnavailable, "the sandbox is closing")
			return
		case ModeError:
			failure(w, http.StatusInternalServerError, "sandbox fault: "+vendor+" answers 500")
			return
		case ModeGarbage:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(garbageBody))
			return
		case ModeSlow:
			if !waitOrClose(r.Context(), closing, time.Duration(fault.Delay)) {
				failure(w, http.StatusServiceUnavailable, "the request ended during the sandbox's delay")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// waitForever is closed when the request ends or the sandbox closes.
func waitForever(r *http.Request, closing <-chan struct{}) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		select {
		case <-r.Context().Done():
		case <-closing:
		}
	}()
	return done
}

// faultRequest is the body of POST /_sandbox/faults; an empty vendor means both.
type faultRequest struct {
	Vendor string   `json:"vendor"`
	Mode   string   `json:"mode"`
	Delay  Duration `json:"delay"`
}

func (s *Sandbox) getFaults(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.faults.all())
}

func (s *Sandbox) postFault(w http.ResponseWriter, r *http.Request) {
	var req faultRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "body: " + err.Error()})
		return
	}
	fault, err := Fault{Mode: req.Mode, Delay: req.Delay}.normalized()
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	vendors := []string{VendorAccounts, VendorAptic}
	switch req.Vendor {
	case "", "all":
	case VendorAccounts, VendorAptic:
		vendors = []string{req.Vendor}
	default:
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": fmt.Sprintf("vendor %q: one of %s, %s (empty for both)", req.Vendor, VendorAccounts, VendorAptic)})
		return
	}
	for _, v := range vendors {
		s.faults.set(v, fault)
	}
	sort.Strings(vendors)
	s.log.Info("sandbox fault set", "vendors", vendors, "mode", fault.Mode, "delay", time.Duration(fault.Delay).String())
	writeJSON(w, http.StatusOK, s.faults.all())
}

func (s *Sandbox) deleteFaults(w http.ResponseWriter, _ *http.Request) {
	for _, v := range []string{VendorAccounts, VendorAptic} {
		s.faults.set(v, Fault{Mode: ModeNone})
	}
	writeJSON(w, http.StatusOK, s.faults.all())
}
