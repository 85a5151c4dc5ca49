package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
)

// faultCalls is one read per vendor that answers 200 without a fault.
func faultCalls() map[string]call {
	return map[string]call{
		VendorAccounts: {op: "getAccount", method: http.MethodGet, path: "/orgs/{org_id}/accounts/{account_id}",
			params: map[string]string{"org_id": DemoOrg, "account_id": AccountID(1000001, 1).String()}, want: 200},
		VendorAptic: {op: "getCustomerFinancialOverview", method: http.MethodGet, path: "/v1/Customers/{guid}/FinancialOverview",
			params: map[string]string{"guid": ApticCustomerGUID(1000001)}, want: 200},
	}
}

// setFault uses the admin endpoint as a test or a person would.
func (h *harness) setFault(vendor, mode string, delay time.Duration) {
	h.t.Helper()
	body := fmt.Sprintf(`{"vendor": %q, "mode": %q, "delay": %q}`, vendor, mode, delay.String())
	res, err := http.Post(h.srv.URL+"/_sandbox/faults", "application/json", strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }()
	if res.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(res.Body)
		h.t.Fatalf("set fault %s: %d %s", body, res.StatusCode, b)
	}
}

// send sends a call without checking the status; it returns the answer and its body.
func (h *harness) send(ctx context.Context, vendor string, c call) (*http.Response, []byte, *openapi3filter.RequestValidationInput, error) {
	req, in := h.request(ctx, vendor, c)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, in, err
	}
	defer func() { _ = res.Body.Close() }()
	body, err := io.ReadAll(res.Body)
	return res, body, in, err
}

func TestFaultError(t *testing.T) {
	for vendor, c := range faultCalls() {
		t.Run(vendor, func(t *testing.T) {
			h := newHarness(t, Config{})
			h.setFault(vendor, "500", 0)
			c.want = http.StatusInternalServerError
			h.do(vendor, c) // a 500 whose body the contract allows
			other := VendorAptic
			if vendor == VendorAptic {
				other = VendorAccounts
			}
			h.do(other, faultCalls()[other]) // the other vendor still answers
		})
	}
}

func TestFaultGarbage(t *testing.T) {
	for vendor, c := range faultCalls() {
		t.Run(vendor, func(t *testing.T) {
			h := newHarness(t, Config{})
			h.setFault(vendor, ModeGarbage, 0)
			res, body, in, err := h.send(context.Background(), vendor, c)
			if err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") || json.Valid(body) {
				t.Fatalf("garbage: %d %s %q, want a 200 claiming JSON that is not", res.StatusCode, res.Header.Get("Content-Type"), body)
			}
			err = openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
				RequestValidationInput: in, Status: res.StatusCode, Header: res.Header, Body: io.NopCloser(bytes.NewReader(body)),
			})
			if err == nil {
				t.Error("the contract check accepts the garbage")
			}
		})
	}
}

func TestFaultSlow(t *testing.T) {
	for vendor, c := range faultCalls() {
		t.Run(vendor, func(t *testing.T) {
			h := newHarness(t, Config{})
			const delay = 50 * time.Millisecond
			h.setFault(vendor, ModeSlow, delay)
			start := time.Now()
			h.do(vendor, c)
			if took := time.Since(start); took < delay {
				t.Errorf("answered after %s, before the %s delay", took, delay)
			}
		})
	}
}

func TestFaultHang(t *testing.T) {
	for vendor, c := range faultCalls() {
		t.Run(vendor, func(t *testing.T) {
			h := newHarness(t, Config{})
			h.setFault(vendor, ModeHang, 0)
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			if _, _, _, err := h.send(ctx, vendor, c); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("a hanging vendor answered: %v", err)
			}

			// Close releases the held requests (so that a server can shut down).
			done := make(chan int)
			go func() {
				res, _, _, err := h.send(context.Background(), vendor, c)
				if err != nil {
					done <- 0
					return
				}
				done <- res.StatusCode
			}()
			h.sb.Close()
			if status := <-done; status != http.StatusServiceUnavailable {
				t.Errorf("after Close the held request answered %d, want 503", status)
			}
		})
	}
}

// TestFaultsAdmin: the admin endpoint reads, sets, refuses and clears faults, and a reset restores
// the demo data.
func TestFaultsAdmin(t *testing.T) {
	h := newHarness(t, Config{Faults: map[string]Fault{VendorAptic: {Mode: ModeHang}}})
	get := func() map[string]Fault {
		t.Helper()
		res, err := http.Get(h.srv.URL + "/_sandbox/faults")
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = res.Body.Close() }()
		var out map[string]Fault
		if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if f := get(); f[VendorAptic].Mode != ModeHang || f[VendorAccounts].Mode != ModeNone {
		t.Errorf("faults from the configuration: %+v", f)
	}
	h.setFault("", ModeSlow, 0)
	if f := get(); f[VendorAccounts].Mode != ModeSlow || time.Duration(f[VendorAptic].Delay) != DefaultSlowDelay {
		t.Errorf("faults after setting both slow: %+v", f)
	}
	for _, body := range []string{`{"vendor":"accounts","mode":"explode"}`, `{"vendor":"nobody","mode":"hang"}`, `{"mode":"slow","delay":"soon"}`, `{"mode":"slow","delay":"-1s"}`} {
		res, err := http.Post(h.srv.URL+"/_sandbox/faults", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close()
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("POST %s: %d, want 400", body, res.StatusCode)
		}
	}
	req, _ := http.NewRequest(http.MethodDelete, h.srv.URL+"/_sandbox/faults", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	if f := get(); f[VendorAccounts].Mode != ModeNone || f[VendorAptic].Mode != ModeNone {
		t.Errorf("faults after DELETE: %+v", f)
	}

	c := faultCalls()[VendorAccounts]
	h.do(VendorAccounts, call{op: "patchAccountPaymentMethod", method: http.MethodPatch, path: c.path + "/payment-method", params: c.params,
		body: map[string]any{"type": "BANK_TRANSFER"}, want: 204})
	h.setFault(VendorAccounts, ModeError, 0)
	res, err = http.Post(h.srv.URL+"/_sandbox/reset", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	var acc struct {
		PaymentMethod struct {
			Type string `json:"type"`
		} `json:"payment_method"`
	}
	if err := json.Unmarshal(h.do(VendorAccounts, c), &acc); err != nil || acc.PaymentMethod.Type != "DIRECT_DEBIT" {
		t.Errorf("after a reset: %+v, %v; want the demo's DIRECT_DEBIT and no fault", acc, err)
	}
}

func TestParseFault(t *testing.T) {
	ok := map[string]Fault{
		"":            {Mode: ModeNone},
		"none":        {Mode: ModeNone},
		"hang":        {Mode: ModeHang},
		"500":         {Mode: ModeError},
		"error":       {Mode: ModeError},
		"garbage":     {Mode: ModeGarbage},
		"slow":        {Mode: ModeSlow, Delay: Duration(DefaultSlowDelay)},
		"slow:250ms":  {Mode: ModeSlow, Delay: Duration(250 * time.Millisecond)},
		"SLOW:1s":     {Mode: ModeSlow, Delay: Duration(time.Second)},
		"hang:5s":     {Mode: ModeHang},
		"garbage:1ms": {Mode: ModeGarbage},
	}
	for in, want := range ok {
		if got, err := ParseFault(in); err != nil || got != want {
			t.Errorf("ParseFault(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, in := range []string{"explode", "slow:soon", "slow:-1s"} {
		if _, err := ParseFault(in); err == nil {
			t.Errorf("ParseFault(%q) accepted", in)
		}
	}
}

// TestApticToken: the client-credentials endpoint gives any client a bearer token that the API
// accepts; other grants are refused as OAuth2 says.
func TestApticToken(t *testing.T) {
	h := newHarness(t, Config{TokenTTL: 90 * time.Second})
	tokenURL := h.srv.URL + ApticBasePath + "/login/oauth/access_token"

	req, _ := http.NewRequest(http.MethodPost, tokenURL, strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("ovgraph", "any secret")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int    `json:"expires_in"`
	}
	err = json.NewDecoder(res.Body).Decode(&tok)
	_ = res.Body.Close()
	if err != nil || res.StatusCode != 200 || tok.AccessToken == "" || tok.TokenType != "Bearer" || tok.ExpiresIn != 90 {
		t.Fatalf("token: %d %+v %v", res.StatusCode, tok, err)
	}
	c := faultCalls()[VendorAptic]
	c.prepare = func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+tok.AccessToken) }
	h.do(VendorAptic, c)

	for name, form := range map[string]url.Values{
		"password grant": {"grant_type": {"password"}, "client_id": {"x"}},
		"no client":      {"grant_type": {"client_credentials"}},
	} {
		res, err := http.PostForm(tokenURL, form)
		if err != nil {
			t.Fatal(err)
		}
		var e struct {
			Error string `json:"error"`
		}
		_ = json.NewDecoder(res.Body).Decode(&e)
		_ = res.Body.Close()
		if res.StatusCode < 400 || e.Error == "" {
			t.Errorf("%s: %d %+v, want an OAuth2 error", name, res.StatusCode, e)
		}
	}
	if res, err := http.PostForm(tokenURL, url.Values{"grant_type": {"client_credentials"}, "client_id": {"a"}, "client_secret": {"b"}}); err != nil || res.StatusCode != 200 {
		t.Errorf("client id and secret in the form: %v %v", res, err)
	} else {
		_ = res.Body.Close()
	}
}

// TestConcurrentWrites: parallel writes and reads of both vendors lose nothing (run with -race).
func TestConcurrentWrites(t *testing.T) {
	h := newHarness(t, Config{})
	const n = 20
	guid := ApticCustomerGUID(1000002)
	var wg sync.WaitGroup
	errs := make(chan error, 3*n)
	client := func(method, path string, body any) {
		defer wg.Done()
		var r io.Reader
		if body != nil {
			b, _ := json.Marshal(body)
			r = bytes.NewReader(b)
		}
		req, _ := http.NewRequest(method, h.srv.URL+path, r)
		req.Header.Set("Authorization", "Bearer t")
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			errs <- err
			return
		}
		_ = res.Body.Close()
		if res.StatusCode >= 300 {
			errs <- fmt.Errorf("%s %s: %d", method, path, res.StatusCode)
		}
	}
	for i := range n {
		wg.Add(3)
		go client(http.MethodPut, ApticBasePath+"/v1/Customers/"+guid+"/Addresses", map[string]any{"street": fmt.Sprintf("Spui %d", i), "city": "Den Haag"})
		go client(http.MethodGet, ApticBasePath+"/v1/Customers/"+guid, nil)
		go client(http.MethodPatch, AccountsBasePath+"/orgs/telco/accounts/"+AccountID(1000002, 1).String()+"/payment-method",
			map[string]any{"type": "DIRECT_DEBIT", "details": map[string]any{"iban": "NL25INGB4169265501"}})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var page struct {
		Total int `json:"total"`
	}
	body := h.do(VendorAptic, call{op: "getCustomerAddresses", method: http.MethodGet, path: "/v1/Customers/{customerGuid}/Addresses",
		params: map[string]string{"customerGuid": guid}, want: 200})
	if err := json.Unmarshal(body, &page); err != nil || page.Total != 1+n {
		t.Errorf("addresses after %d parallel creates: %d (%v), want %d", n, page.Total, err, 1+n)
	}
}
