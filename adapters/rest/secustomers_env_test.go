package rest

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// The SE customers tests run the API beside ABTCustomers, which creates the profiles (the SE API
// has no operation that does).

// seEnv serves both APIs; it calls the SE one.
type seEnv struct {
	*testEnv
	abt *testEnv
}

func newSEEnv(t *testing.T) *seEnv {
	t.Helper()
	abt := newAPIEnv(t, Config{}, ABTCustomersAPI(), SECustomersAPI())
	return &seEnv{testEnv: abt.at(SECustomersAPI()), abt: abt}
}

// seFixture is a profile with ten tokens, registered through the SE API from GBO's pool of fresh
// cards: token 1 an EMV card, token 2 an OV-pas, tokens 3 to 10 EMV cards. The ids are the ones
// the contract's examples name (newTokenId 10, ovPayTokenId 1, token 5 of the edit examples): a
// fresh database numbers them from 1.
type seFixture struct {
	customerNumber int64
	profileID      int64
	as             who // the profile's customer
}

// poolEMV and poolOVpas name card n of GBO's pool (README: "Seeded GBO cards").
func poolEMV(n int) string {
	return fmt.Sprintf(`{"ovPayToken": {"tokenTypeId": 1, "serviceReferenceId": "NLOVPOOL%010d", "amount": 100, "alias": "pas %d"}}`, n, n)
}

func poolOVpas(n int) string {
	return fmt.Sprintf(`{"ovPayToken": {"tokenTypeId": 2, "ovpasNumber": "OVP%06d", "verificationCode": "123", "alias": "ov-pas %d"}}`, n, n)
}

// poolXTat is the xTat of card n of the pool's EMV (1) or OV-pas (2) cards.
func poolXTat(kind, n int) string { return fmt.Sprintf("0000000%d-0000-4000-8000-%012d", kind, n) }

// seSeed creates a profile through ABTCustomers and gives it the fixture's tokens; firstCard is
// the pool card the first EMV token takes, so that several profiles take different cards.
func (e *seEnv) seSeed(email string, firstCard int) seFixture {
	e.t.Helper()
	r := e.abt.must(touchpoint, http.MethodPost, "/customers", `{
		"person": {"birthname": "Jansen", "surname": "Klant", "prefix": "de", "dateOfBirth": "1980-02-03", "emailAddress": "`+email+`"},
		"addresses": [{"street": "Spui", "houseNumber": 70, "houseNumberSuffix": "A", "postalCode": "2511BT", "city": "Den Haag", "country": "NL", "addressTypeId": 2}],
		"phones": [{"number": "612345678", "countryCode": "0031", "phoneTypeId": 1, "isPreferred": true}]}`, http.StatusCreated)
	body := r.json(e.t)
	f := seFixture{customerNumber: int64(body["customerNumber"].(float64))}
	e.link(f.customerNumber)
	if err := e.store.Pool().QueryRow(context.Background(),
		"SELECT id FROM customer_profile WHERE customer_number = $1", f.customerNumber).Scan(&f.profileID); err != nil {
		e.t.Fatal(err)
	}
	f.as = customer(f.customerNumber)
	e.must(f.as, http.MethodPost, "/customers/tokens", poolEMV(firstCard), http.StatusCreated)
	e.must(f.as, http.MethodPost, "/customers/tokens", poolOVpas(firstCard), http.StatusCreated)
	for n := 1; n <= 8; n++ {
		e.must(f.as, http.MethodPost, "/customers/tokens", poolEMV(firstCard+n), http.StatusCreated)
	}
	return f
}

// seed is the first profile of a fresh database, whose tokens are 1 to 10.
func (e *seEnv) seed() seFixture {
	e.t.Helper()
	f := e.seSeed("klant@example.nl", 1)
	var last int64
	if err := e.store.Pool().QueryRow(context.Background(),
		"SELECT max(id) FROM ovpay_token WHERE customer_profile_id = $1", f.profileID).Scan(&last); err != nil || last != 10 {
		e.t.Fatalf("fixture tokens end at %d (%v), want 10: the examples name token 10", last, err)
	}
	return f
}

// staffFor is staff of the customer service acting on a profile, as the SMP calls.
func staffFor(profileID int64) (who, map[string]string) {
	return who{staff: "KlantenService"}, map[string]string{profileHeader: strconv.FormatInt(profileID, 10)}
}

// sql runs a statement on the test database: what another system (orders, GBO) or time would do.
func (e *seEnv) sql(query string, args ...any) {
	e.t.Helper()
	if _, err := e.store.Pool().Exec(context.Background(), query, args...); err != nil {
		e.t.Fatalf("%s: %v", query, err)
	}
}

// addProductInstance puts an HTM product on a token, as a fulfilled order does.
func (e *seEnv) addProductInstance(token int, packageTemplate string, until *string) {
	e.t.Helper()
	e.sql(`INSERT INTO product_instance (ovpay_token_id, product_id, name, status, is_renewable,
		product_category_id, package_template_id, from_inclusive, until_inclusive, order_id, order_line_id, contract_id)
		VALUES ($1, 1, 'HTM 90% Korting', 'Active', true, 1, $2, '2024-11-25T13:25:00+01:00', $3,
		'501b17ef-36c4-4039-b92c-6517969b464e', '38b17ef0-36c4-4039-b92c-4817969b464e', '56b17ef0-c436-4903-b76c-481797eb464f')`,
		token, packageTemplate, until)
}

// transferDone waits for the transfer clientTrackingID to end, with the jobs running, and
// returns its state's answer.
func (e *seEnv) transferDone(as who, clientTrackingID string) response {
	e.t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; {
		r := e.do(as, http.MethodGet, "/customers/tokens/transfer/responsestatus/"+clientTrackingID, "")
		if r.status != http.StatusOK {
			return r
		}
		if _, running := r.json(e.t)["properties"]; !running {
			return r
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("transfer %s still running: %s", clientTrackingID, r)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// startTransfer starts a transfer and returns its clientTrackingId.
func (e *seEnv) startTransfer(as who, token int, body string) string {
	e.t.Helper()
	r := e.must(as, http.MethodPost, "/customers/tokens/"+strconv.Itoa(token)+"/transfer", body, http.StatusAccepted)
	id, _ := r.json(e.t)["clientTrackingId"].(string)
	if id == "" {
		e.t.Fatalf("transfer without clientTrackingId: %s", r)
	}
	return id
}
