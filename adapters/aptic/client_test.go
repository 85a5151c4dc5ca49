package aptic

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"ovgraph/adapters/upstream"
	"ovgraph/adapters/upstream/upstreamtest"
)

const (
	customer     = "8c1e5f0a-2b7d-4c39-9e61-1d2f3a4b5c6d"
	clientID     = "ovgraph"
	clientSecret = "s3cret"
)

func ptr[T any](v T) *T { return &v }

// answer is what every case checks: the status and whether the 200 body decoded into its type.
type answer interface{ StatusCode() int }

type call func(ctx context.Context, c *Client) (answer, bool, error)

// page is the OData page ovgraph asks for: typed arguments become these four parameters.
func page() (*string, *int32, *int32, *string) {
	return ptr("customerReference eq '1000001'"), ptr[int32](0), ptr[int32](100), ptr("fullname desc")
}

// operations calls every operation of the contract once, with the shapes ovgraph will send.
var operations = map[string]call{
	"getCustomers": func(ctx context.Context, c *Client) (answer, bool, error) {
		f, s, t, o := page()
		r, err := c.GetCustomersWithResponse(ctx, &GetCustomersParams{Filter: f, Skip: s, Top: t, Orderby: o})
		return r, err == nil && r.JSON200 != nil, err
	},
	"createCustomer": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.CreateCustomerWithResponse(ctx, NewCustomer{
			CustomerReference: ptr("1000001"), Firstname: ptr("Jan"), Middlename: ptr("van der"), Lastname: ptr("Berg"),
			Street: ptr("Koningin Julianaplein"), HouseNo: ptr("10"), ZipCode: ptr("2595AA"), City: ptr("Den Haag"), CountryCode: ptr("NL"),
			DateOfBirth: ptr(time.Date(1980, 4, 2, 0, 0, 0, 0, time.UTC)), LanguageCode: ptr("nl"), CurrencyCode: ptr("EUR"),
			Email: ptr("jan@example.org"), JuridicalType: ptr(JuridicalTypeN0), PreferredChannel: ptr("EMAIL"),
		})
		return r, err == nil && r.JSON200 != nil, err
	},
	"getCustomer": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerWithResponse(ctx, customer)
		return r, err == nil && r.JSON200 != nil, err
	},
	"updateCustomer": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.UpdateCustomerWithResponse(ctx, customer, UpdateCustomer{Email: ptr("jan@example.org"), CellularPhone: ptr("+31612345678")})
		return r, true, err
	},
	"getCustomerFinancialOverview": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerFinancialOverviewWithResponse(ctx, customer)
		return r, err == nil && r.JSON200 != nil, err
	},
	"getCustomerPartyParameters": func(ctx context.Context, c *Client) (answer, bool, error) {
		f, s, t, o := page()
		r, err := c.GetCustomerPartyParametersWithResponse(ctx, customer, &GetCustomerPartyParametersParams{Filter: f, Skip: s, Top: t, Orderby: o})
		return r, err == nil && r.JSON200 != nil, err
	},
	"createCustomerPartyParameters": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.CreateCustomerPartyParametersWithResponse(ctx, customer, []PartyParameter{{Name: ptr("htmCustomerNumber"), Type: ptr("STRING"), Value: ptr("1000001")}})
		return r, err == nil && r.JSON200 != nil, err
	},
	"getCustomerPartyParameter": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerPartyParameterWithResponse(ctx, customer, "htmCustomerNumber")
		return r, err == nil && r.JSON200 != nil, err
	},
	"updateCustomerPartyParameter": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.UpdateCustomerPartyParameterWithResponse(ctx, customer, "htmCustomerNumber", []PartyParameter{{Name: ptr("htmCustomerNumber"), Value: ptr("1000002")}})
		return r, true, err
	},
	"deleteCustomerPartyParameter": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.DeleteCustomerPartyParameterWithResponse(ctx, customer, "htmCustomerNumber")
		return r, true, err
	},
	"getCustomerAddresses": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerAddressesWithResponse(ctx, customer, &GetCustomerAddressesParams{Top: ptr[int32](25)})
		return r, err == nil && r.JSON200 != nil, err
	},
	"createCustomerAddress": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.CreateCustomerAddressWithResponse(ctx, customer, NewAddress{AddressType: ptr("LEGAL"), Street: ptr("Koningin Julianaplein"), HouseNo: ptr("10"), ZipCode: ptr("2595AA"), City: ptr("Den Haag"), CountryCode: ptr("NL"), DefaultAddress: ptr(true)})
		return r, err == nil && r.JSON200 != nil, err
	},
	"getCustomerAddress": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerAddressWithResponse(ctx, customer, "a1")
		return r, err == nil && r.JSON200 != nil, err
	},
	"updateCustomerAddress": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.UpdateCustomerAddressWithResponse(ctx, customer, "a1", AddressDetails{HouseNoExtension: ptr("B"), ValidFrom: ptr(time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC))})
		return r, true, err
	},
	"deleteCustomerAddress": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.DeleteCustomerAddressWithResponse(ctx, customer, "a1")
		return r, true, err
	},
	"getCustomerExtraFields": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerExtraFieldsWithResponse(ctx, customer, &GetCustomerExtraFieldsParams{})
		return r, err == nil && r.JSON200 != nil, err
	},
	"createCustomerExtraField": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.CreateCustomerExtraFieldWithResponse(ctx, customer, ExtraField{Name: ptr("tokens"), Value: &[]string{"OVpay"}})
		return r, err == nil && r.JSON200 != nil, err
	},
	"getCustomerExtraField": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerExtraFieldWithResponse(ctx, customer, "tokens")
		return r, err == nil && r.JSON200 != nil, err
	},
	"updateCustomerExtraField": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.UpdateCustomerExtraFieldWithResponse(ctx, customer, "tokens", ExtraFieldValue{Value: &[]string{"OVpay", "OV-pas"}})
		return r, true, err
	},
	"deleteCustomerExtraField": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.DeleteCustomerExtraFieldWithResponse(ctx, customer, "tokens")
		return r, true, err
	},
	"getCustomerDirectDebitMandates": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerDirectDebitMandatesWithResponse(ctx, customer, &GetCustomerDirectDebitMandatesParams{})
		return r, err == nil && r.JSON200 != nil, err
	},
	"createCustomerDirectDebitMandate": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.CreateCustomerDirectDebitMandateWithResponse(ctx, customer, NewDirectDebitMandate{
			DirectDebitMandateType: 3, ReceivingBankAccountNo: "NL20INGB0001234567",
			SendingBankAccountClass: ptr[int32](3), SendingBankAccountNo: ptr("NL91ABNA0417164300"),
			ReferenceNo: ptr("HTM-1000001-1"), SignedDate: ptr(time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC)),
		})
		return r, err == nil && r.JSON200 != nil, err
	},
	"getCustomerDirectDebitMandate": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerDirectDebitMandateWithResponse(ctx, customer, "m1")
		return r, err == nil && r.JSON200 != nil, err
	},
	"getCustomerCreditInsurances": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerCreditInsurancesWithResponse(ctx, customer, &GetCustomerCreditInsurancesParams{})
		return r, err == nil && r.JSON200 != nil, err
	},
	"createCustomerCreditInsurance": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.CreateCustomerCreditInsuranceWithResponse(ctx, customer, NewCreditInsurance{InsuranceCompanyReferenceCode: ptr("ATRADIUS"), Amount: ptr(1500.0), CurrencyCode: ptr("EUR"), PaymentTerm: ptr[int32](30)})
		return r, err == nil && r.JSON200 != nil, err
	},
	"getCustomerCreditInsurance": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerCreditInsuranceWithResponse(ctx, customer, "i1")
		return r, err == nil && r.JSON200 != nil, err
	},
	"updateCustomerCreditInsurance": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.UpdateCustomerCreditInsuranceWithResponse(ctx, customer, "i1", CreditInsuranceUpdate{Amount: ptr(2000.0)})
		return r, true, err
	},
	"deleteCustomerCreditInsurance": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.DeleteCustomerCreditInsuranceWithResponse(ctx, customer, "i1")
		return r, true, err
	},
	"getCustomerActions": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerActionsWithResponse(ctx, customer, &GetCustomerActionsParams{})
		return r, err == nil && r.JSON200 != nil, err
	},
	"getCustomerAction": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerActionWithResponse(ctx, customer, "q1")
		return r, err == nil && r.JSON200 != nil, err
	},
	"respondToCustomerAction": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.RespondToCustomerActionWithResponse(ctx, customer, "q1", ActionResponse{Response: ptr("POSTPONE"), PostponeTo: ptr(time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC))})
		return r, true, err
	},
	"invokeCustomerServiceDefinition": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.InvokeCustomerServiceDefinitionWithResponse(ctx, customer, "recalculate", &InvokeCustomerServiceDefinitionParams{Async: ptr(true)}, CustomJSON{"reason": "test"})
		return r, err == nil && r.JSON200 != nil, err
	},
	"invokeServiceDefinition": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.InvokeServiceDefinitionWithResponse(ctx, "nightly", &InvokeServiceDefinitionParams{}, CustomJSON{})
		return r, err == nil && r.JSON200 != nil, err
	},
	"getCustomerLoans": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerLoansWithResponse(ctx, customer, &GetCustomerLoansParams{Top: ptr[int32](10)})
		return r, err == nil && r.JSON200 != nil, err
	},
}

// contractServer serves the Aptic contract and its token endpoint: a call must carry the last
// token issued.
type contractServer struct {
	*upstreamtest.Server
	issued atomic.Int64
}

func newContractServer(t *testing.T) *contractServer {
	doc := upstreamtest.Contract(t, "aptic-customers.yaml", "overlay.yaml")
	s := &contractServer{Server: upstreamtest.NewServer(t, doc)}
	s.Handle("POST "+upstreamtest.BasePath+TokenPath, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" ||
			r.PostForm.Get("client_id") != clientID || r.PostForm.Get("client_secret") != clientSecret {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error":"invalid_client"}`))
			return
		}
		n := s.issued.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"aptic-token-%d","token_type":"Bearer","expires_in":3600}`, n)
	}))
	s.Authenticate = func(r *http.Request, scheme string) error {
		got, err := upstreamtest.BearerToken(r)
		if err != nil || scheme != "oauth2apikey" || got != fmt.Sprintf("aptic-token-%d", s.issued.Load()) {
			return errors.New("want the access token the gateway issued")
		}
		return nil
	}
	return s
}

func TestEveryOperationFollowsTheContract(t *testing.T) {
	srv := newContractServer(t)
	c, err := New(Config{BaseURL: srv.URL + upstreamtest.BasePath, ClientID: clientID, ClientSecret: clientSecret})
	if err != nil {
		t.Fatal(err)
	}
	for name, call := range operations {
		t.Run(name, func(t *testing.T) {
			r, decoded, err := call(context.Background(), c)
			if err != nil {
				t.Fatal(Classify(err))
			}
			if err := CheckStatus(r.StatusCode()); err != nil {
				t.Fatal(err)
			}
			if !decoded {
				t.Fatal("the answer did not decode into its type")
			}
		})
	}
	want := upstreamtest.Operations(srv.Doc())
	var got []string
	for id := range srv.Seen() {
		got = append(got, id)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("operations called: %v\nthe contract has: %v", got, want)
	}
	if n := srv.issued.Load(); n != 1 {
		t.Fatalf("%d tokens fetched for %d calls, want 1", n, len(operations))
	}
}

func TestURLAloneIsConfigured(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			t.Errorf("a token without client credentials: %q", r.Header.Get("Authorization"))
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"customerGuid":"` + customer + `","fullName":"Jan van der Berg"}`))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.GetCustomerWithResponse(context.Background(), customer)
	if err != nil || !c.Enabled() {
		t.Fatalf("enabled %v, error %v", c.Enabled(), err)
	}
	if r.JSON200 == nil || *r.JSON200.FullName != "Jan van der Berg" {
		t.Fatalf("answer %s", r.Body)
	}
}

func TestDisabledWithoutURL(t *testing.T) {
	c, err := New(Config{ClientID: clientID, ClientSecret: clientSecret})
	if err != nil {
		t.Fatal(err)
	}
	if c.Enabled() {
		t.Fatal("a client without URL is enabled")
	}
	for name, call := range operations {
		t.Run(name, func(t *testing.T) {
			_, _, err := call(context.Background(), c)
			if !errors.Is(err, ErrNotConfigured) || !errors.Is(err, ErrUnavailable) || upstream.VendorOf(err) != Vendor {
				t.Fatalf("error %v: want aptic not configured", err)
			}
		})
	}
}

func TestFailuresNameTheVendor(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	cases := map[string]struct {
		handler http.HandlerFunc
		want    error
	}{
		"hanging": {func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}, ErrTimeout},
		"500": {func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusInternalServerError)
		}, ErrUnavailable},
		"malformed JSON": {func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"totalBalance": 12.5, "purchases": [`))
		}, ErrUnavailable},
		"JSON of another shape": {func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"totalBalance": "a lot"}`))
		}, ErrUnavailable},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			t.Cleanup(srv.Close)
			c, err := New(Config{BaseURL: srv.URL, Policy: upstream.Policy{Timeout: 100 * time.Millisecond, RetryWait: time.Millisecond}})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.GetCustomerFinancialOverviewWithResponse(context.Background(), customer)
			err = Classify(err)
			if !errors.Is(err, tc.want) || upstream.VendorOf(err) != Vendor {
				t.Fatalf("error %v: want %v from aptic", err, tc.want)
			}
		})
	}
}
