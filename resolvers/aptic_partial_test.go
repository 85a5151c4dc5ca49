package resolvers_test

import (
	"encoding/json"
	"testing"
	"time"

	"ovgraph/adapters/aptic"
	"ovgraph/adapters/sandbox"
	"ovgraph/adapters/upstream"
)

const partialCredit = `query { customer(customerNumber: 1000001) { customerNumber person { surname } vendorLinks { vendor }
	credit { customerGuid overview { totalBalance } addresses { totalCount } } } }`

type partialView struct {
	Customer *struct {
		CustomerNumber int
		Person         struct{ Surname string }
		VendorLinks    []struct{ Vendor string }
		Credit         *struct {
			CustomerGUID string
			Overview     *struct{ TotalBalance float64 }
			Addresses    *struct{ TotalCount int }
		}
	}
}

// partial runs partialCredit and checks that the profile's own fields are complete, credit is
// there with Aptic's parts null, and every error is code with extensions.vendor "aptic".
func (e *env) partial(t *testing.T, code string) result {
	t.Helper()
	r := e.do(touchpoint, partialCredit, nil)
	var v partialView
	if err := json.Unmarshal(r.Data, &v); err != nil {
		t.Fatal(err)
	}
	c := v.Customer
	if c == nil || c.CustomerNumber != 1000001 || c.Person.Surname != "Vries" || len(c.VendorLinks) != 2 || c.Credit == nil ||
		c.Credit.CustomerGUID != sandbox.ApticCustomerGUID(1000001) || c.Credit.Overview != nil || c.Credit.Addresses != nil {
		t.Fatalf("data %s", r.Data)
	}
	if len(r.Errors) != 2 {
		t.Fatalf("errors %+v, want one per part", r.Errors)
	}
	for _, e := range r.Errors {
		if e.Extensions["code"] != code || e.Extensions["vendor"] != "aptic" {
			t.Fatalf("error %+v, want %s naming aptic", e, code)
		}
	}
	return r
}

var partialPolicy = upstream.Policy{Timeout: 300 * time.Millisecond, Retries: -1, BreakerFailures: 2, BreakerOpen: 500 * time.Millisecond}

// When Aptic hangs, fails, answers garbage or is not configured, credit's parts are null with an
// error naming aptic, and the rest of the answer is complete.
func TestApticCreditPartialResults(t *testing.T) {
	e := demoEnv(t)
	cases := map[string]struct {
		mode string
		code string
	}{
		"hang":    {sandbox.ModeHang, "UPSTREAM_TIMEOUT"},
		"500":     {sandbox.ModeError, "UPSTREAM_UNAVAILABLE"},
		"garbage": {sandbox.ModeGarbage, "UPSTREAM_UNAVAILABLE"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			e.withVendors(partialPolicy)
			e.fault("aptic", c.mode, 0)
			start := time.Now()
			e.partial(t, c.code)
			if c.mode == sandbox.ModeHang && time.Since(start) > 5*time.Second {
				t.Fatalf("a hanging Aptic held the answer %v", time.Since(start))
			}
		})
	}
	t.Run("not configured", func(t *testing.T) {
		disabled, err := aptic.New(aptic.Config{})
		if err != nil {
			t.Fatal(err)
		}
		e.work.Aptic = disabled
		e.withHandler()
		r := e.partial(t, "UPSTREAM_UNAVAILABLE")
		if r.Errors[0].Message != "The aptic system is not configured." {
			t.Fatalf("message %q", r.Errors[0].Message)
		}
	})
}

// After BreakerFailures failures the circuit opens: calls stop reaching Aptic and the parts fail
// at once; after BreakerOpen a trial call goes through and, Aptic being back, the parts answer.
func TestApticCreditCircuitBreaker(t *testing.T) {
	e := demoEnv(t)
	e.withVendors(partialPolicy)
	counter := e.countedAptic(partialPolicy)
	e.fault("aptic", sandbox.ModeError, 0)
	e.partial(t, "UPSTREAM_UNAVAILABLE")
	reached := counter.all()
	if reached == 0 {
		t.Fatal("no call reached the sandbox")
	}
	e.partial(t, "UPSTREAM_UNAVAILABLE")
	if got := counter.all(); got != reached {
		t.Fatalf("with the circuit open %d more calls reached Aptic", got-reached)
	}
	e.fault("aptic", sandbox.ModeNone, 0)
	deadline := time.Now().Add(5 * time.Second)
	for {
		r := e.do(touchpoint, partialCredit, nil)
		if len(r.Errors) == 0 {
			var v partialView
			_ = json.Unmarshal(r.Data, &v)
			if v.Customer.Credit.Overview == nil || v.Customer.Credit.Overview.TotalBalance != 187.5 {
				t.Fatalf("recovered %s", r.Data)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the circuit did not close: %+v", r.Errors)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if counter.all() == reached {
		t.Fatal("no call reached Aptic after the circuit closed")
	}
}

// With Deps.VendorDeadline the answer comes on time however slow Aptic is: its parts time out
// together at the deadline.
func TestApticCreditVendorDeadline(t *testing.T) {
	e := demoEnv(t)
	e.withVendors(upstream.Policy{Timeout: 10 * time.Second, Retries: -1})
	e.work.VendorDeadline = 300 * time.Millisecond
	e.withHandler()
	e.fault("aptic", sandbox.ModeSlow, 5*time.Second)
	start := time.Now()
	e.partial(t, "UPSTREAM_TIMEOUT")
	if took := time.Since(start); took > 3*time.Second {
		t.Fatalf("answered after %v with a 300ms vendor deadline", took)
	}
}
