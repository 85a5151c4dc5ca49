package rest

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// The cap on request bodies is the lower of the API's and the server's, or a default.
func TestMaxBodyBytes(t *testing.T) {
	for _, c := range []struct {
		api, server, want int64
	}{
		{0, 0, DefaultMaxBodyBytes},
		{100, 0, 100},
		{0, 200, 200},
		{100, 200, 100},
		{300, 200, 200},
	} {
		if got := (API{MaxBodyBytes: c.api}).maxBodyBytes(Config{MaxBodyBytes: c.server}); got != c.want {
			t.Errorf("API %d, server %d: cap %d, want %d", c.api, c.server, got, c.want)
		}
	}
}

// A body over the cap answers 413 in the API's error form and changes nothing; one at the cap
// goes through. The cap is the server's or the API's, whichever is lower.
func TestBodyTooLarge(t *testing.T) {
	const address = `{"address": {"street": "Spui", "houseNumber": 1, "postalCode": "2511BT", "city": "Den Haag", "country": "NL", "addressTypeId": 1}}`
	// padded is the address body with trailing white space, n bytes long.
	padded := func(n int) string { return address + strings.Repeat(" ", n-len(address)) }
	tooLarge := func(limit string) map[string]any {
		return map[string]any{"code": "413", "type": "Content Too Large", "message": "Content Too Large",
			"description": "The request body is larger than the limit of " + limit + " bytes."}
	}
	small := ABTCustomersAPI()
	small.MaxBodyBytes = 200
	for _, c := range []struct {
		name   string
		api    API
		cfg    Config
		size   int
		status int
		want   map[string]any
	}{
		{"at the server's cap", ABTCustomersAPI(), Config{MaxBodyBytes: 300}, 300, http.StatusCreated, nil},
		{"over the server's cap", ABTCustomersAPI(), Config{MaxBodyBytes: 300}, 301, http.StatusRequestEntityTooLarge, tooLarge("300")},
		{"at the API's cap", small, Config{MaxBodyBytes: 1000}, 200, http.StatusCreated, nil},
		{"over the API's cap", small, Config{MaxBodyBytes: 1000}, 201, http.StatusRequestEntityTooLarge, tooLarge("200")},
		{"far over the cap", small, Config{}, 100000, http.StatusRequestEntityTooLarge, tooLarge("200")},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e := newAPIEnv(t, c.cfg, c.api)
			f := e.otherCustomer() // the fixture's own body is over the caps
			before := e.fingerprint()
			r := e.must(touchpoint, http.MethodPost, f.path+"/addresses", padded(c.size), c.status)
			if c.want == nil {
				return
			}
			if got := r.json(t); !reflect.DeepEqual(got, c.want) {
				t.Errorf("body %v, want %v", got, c.want)
			}
			e.unchanged(before)
		})
	}
}

// Every body is read as JSON, as the gateway did, whatever the request's Content-Type says.
func TestBodyContentType(t *testing.T) {
	e := newEnv(t)
	f := e.otherCustomer()
	for _, ct := range []string{"", "text/plain", "application/json; charset=utf-8"} {
		req, err := http.NewRequest(http.MethodPost, e.base+f.path+"/phones",
			strings.NewReader(`{"phone": {"number": "612345678", "countryCode": "0031", "phoneTypeId": 1}}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set(headerTouchpoint, touchpoint.touchpoint)
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusCreated {
			t.Errorf("Content-Type %q: status %d", ct, res.StatusCode)
		}
	}
}
