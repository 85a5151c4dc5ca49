package accounts

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"ovgraph/adapters/upstream"
	"ovgraph/adapters/upstream/upstreamtest"
)

const (
	org   = "telco"
	token = "masstack-jwt"
)

var (
	customerID  = openapi_types.UUID{0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x55, 0x66, 0x42, 0x44, 0x00, 0x00}
	accountID   = openapi_types.UUID{0x9f, 0x1c, 0x2a, 0x10, 0x5b, 0x4e, 0x4d, 0x6a, 0x8e, 0x21, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06}
	promotionID = openapi_types.UUID{0x5d, 0x0c, 0x6f, 0x3a, 0x77, 0x21, 0x4b, 0x10, 0x9a, 0x55, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60}
	day         = openapi_types.Date{Time: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
)

// answer is what every case checks: the status and whether the 200 body decoded into its type.
type answer interface{ StatusCode() int }

// operations calls every operation of the contract once, with the shapes ovgraph will send.
var operations = map[string]func(ctx context.Context, c *Client) (answer, bool, error){
	"getAccount": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetAccountWithResponse(ctx, org, accountID)
		return r, err == nil && r.JSON200 != nil, err
	},
	"patchAccountPaymentMethod": func(ctx context.Context, c *Client) (answer, bool, error) {
		var details PatchAccountPaymentMethod_Details
		if err := details.FromDirectDebitPaymentDetails(DirectDebitPaymentDetails{Iban: "NL91ABNA0417164300"}); err != nil {
			return nil, false, err
		}
		r, err := c.PatchAccountPaymentMethodWithResponse(ctx, org, accountID, PatchAccountPaymentMethod{Type: PaymentTypeDirectDebit, Details: &details})
		return r, true, err
	},
	"getBillingAddressHistory": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetBillingAddressHistoryWithResponse(ctx, org, accountID, &GetBillingAddressHistoryParams{From: &day, To: &day})
		return r, err == nil && r.JSON200 != nil, err
	},
	"getAccountPromotions": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetAccountPromotionsWithResponse(ctx, org, accountID)
		return r, err == nil && r.JSON200 != nil, err
	},
	"getAccountPromotionsByType": func(ctx context.Context, c *Client) (answer, bool, error) {
		all := GetAccountPromotionsByTypeParamsAccountPromotionTypeALL
		r, err := c.GetAccountPromotionsByTypeWithResponse(ctx, org, accountID, &GetAccountPromotionsByTypeParams{AccountPromotionType: &all})
		return r, err == nil && r.JSON200 != nil, err
	},
	"getAccountPromotionHistory": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetAccountPromotionHistoryWithResponse(ctx, org, accountID, &GetAccountPromotionHistoryParams{StartDate: &day})
		return r, err == nil && r.JSON200 != nil, err
	},
	"patchAccountPromotion": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.PatchAccountPromotionWithResponse(ctx, org, accountID, promotionID, PatchAccountPromotion{CancellationDate: day})
		return r, true, err
	},
	"getCustomerAccounts": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetCustomerAccountsWithResponse(ctx, org, customerID)
		return r, err == nil && r.JSON200 != nil, err
	},
	"postCustomerAccount": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.PostCustomerAccountWithResponse(ctx, org, customerID, PostAccount{
			Modality:       PostAccountModalityPOSTPAID,
			BillingAddress: &BillingAddress{"address_lines": []string{"Koningin Julianaplein 10"}},
			PaymentMethod:  PaymentMethod{"type": "DIRECT_DEBIT", "details": map[string]any{"iban": "NL91ABNA0417164300"}},
		})
		return r, err == nil && r.JSON200 != nil, err
	},
	"deleteCustomerAccount": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.DeleteCustomerAccountWithResponse(ctx, org, customerID, accountID)
		return r, true, err
	},
	"getAvailablePaymentMethods": func(ctx context.Context, c *Client) (answer, bool, error) {
		r, err := c.GetAvailablePaymentMethodsWithResponse(ctx, org, customerID, accountID)
		return r, err == nil && r.JSON200 != nil, err
	},
}

// contractServer serves the accounts contract and checks the bearer token and x-auth-roles.
func contractServer(t *testing.T) *upstreamtest.Server {
	doc := upstreamtest.Contract(t, "accounts-v4.yaml", "overlay.yaml")
	srv := upstreamtest.NewServer(t, doc)
	srv.Authenticate = func(r *http.Request, scheme string) error {
		got, err := upstreamtest.BearerToken(r)
		if err != nil || got != token || scheme != "bearerJwt" {
			return errors.New("want the configured bearer JWT")
		}
		if r.Header.Get("x-auth-roles") != "API_KEY" {
			return errors.New("want x-auth-roles: API_KEY")
		}
		return nil
	}
	return srv
}

func TestEveryOperationFollowsTheContract(t *testing.T) {
	srv := contractServer(t)
	c, err := New(Config{BaseURL: srv.URL + upstreamtest.BasePath, Token: token})
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
}

func TestDisabledWithoutURL(t *testing.T) {
	c, err := New(Config{Token: token})
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
				t.Fatalf("error %v: want accounts not configured", err)
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
			_, _ = w.Write([]byte(`{"account_id": `))
		}, ErrUnavailable},
		"JSON of another shape": {func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`["not", "an", "object"]`))
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
			_, err = c.GetAccountWithResponse(context.Background(), org, accountID)
			err = Classify(err)
			if !errors.Is(err, tc.want) || upstream.VendorOf(err) != Vendor {
				t.Fatalf("error %v: want %v from accounts", err, tc.want)
			}
		})
	}
}
