package resolvers_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// The validation of concept orders: every write of an order validates its lines again and stores
// the findings; each finding appears when the basket lacks something and disappears when it no
// longer does. The lines change with SQL here, the writes that validate are token writes.

// findings lists a line's findings as CODE/TYPE, in their order.
func findings(v orderView, line int) []string {
	var out []string
	for _, f := range v.OrderLines[line].Validations {
		out = append(out, f.Code+"/"+f.Type)
	}
	return out
}

// finding is the line's finding with code; it fails the test when there is none.
func finding(t *testing.T, v orderView, line int, code string) validation {
	t.Helper()
	for _, f := range v.OrderLines[line].Validations {
		if f.Code == code {
			return f
		}
	}
	t.Fatalf("line %d has no %s: %v", line, code, findings(v, line))
	return validation{}
}

func (e *env) checkLine(t *testing.T, step string, v orderView, line int, result string, want ...string) {
	t.Helper()
	got := findings(v, line)
	if !slices.Equal(got, want) || text(v.OrderLines[line].ValidationResult) != result {
		t.Errorf("%s: line %d is %s %v, want %s %v", step, line, text(v.OrderLines[line].ValidationResult), got, result, want)
	}
}

func TestValidationFindingsComeAndGo(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("validation@example.nl")
	profile := e.profileOf(n)
	adultCard := e.ovPayToken(n, cardAdult, 1)
	orderID, lines := e.sqlOrder(profile, 1, orderLine{product: 1}, orderLine{product: 21})
	lineAt := func(i int) string {
		return fmt.Sprintf("$.orders[?(@.orderId=='%s')].orderLines[?(@.orderLineId=='%s')]", orderID, lines[i])
	}
	tomorrow := time.Now().Add(24 * time.Hour)

	// A node of the product tree without start or token; a leaf for a token whose card GBO knows
	// an adult birthdate of, without start, for a customer without a mandate.
	v := e.write(touchpoint, addToken, arg(lines[1], map[string]any{"tokenTypeId": 1, "ovPayTokenId": adultCard}))
	token := v.OrderLines[1].CustomerTokens[0].CustomerTokenID
	e.checkLine(t, "start", v, 0, "preliminary", "PRODUCT_CHOICE_REQUIRED/REMARK", "VALIDFROM_REQUIRED/REMARK",
		"CUSTOMERTOKEN_REQUIRED/REMARK")
	e.checkLine(t, "start", v, 1, "preliminary", "VALIDFROM_REQUIRED/REMARK", "MANDATE_REQUIRED/REMARK")
	if v.ValidContents == nil || *v.ValidContents || v.TotalAmount != 121+5900 {
		t.Errorf("start: validContents %v, total %d", v.ValidContents, v.TotalAmount)
	}
	for _, c := range []struct {
		line       int
		code, path string
		parameter  string
		detail     string
	}{
		{0, "PRODUCT_CHOICE_REQUIRED", lineAt(0) + ".productId", "",
			"The chosen product is not a leaf node product. Please choose one of its child products."},
		{0, "VALIDFROM_REQUIRED", lineAt(0) + ".validFrom", "", "A valid 'valid from' date is required for this product."},
		{0, "CUSTOMERTOKEN_REQUIRED", "", "customerTokenId", "A valid customer token is required before purchasing this product."},
		{1, "MANDATE_REQUIRED", "", "directDebitMandateId", "A valid mandate is required before purchasing this product."},
	} {
		f := finding(t, v, c.line, c.code)
		if text(f.Path) != text(orNilString(c.path)) || text(f.Parameter) != text(orNilString(c.parameter)) || f.Detail != c.detail {
			t.Errorf("%s: path %s parameter %s detail %q", c.code, text(f.Path), text(f.Parameter), f.Detail)
		}
	}
	// What the write answered is what is stored: a read shows the same.
	var read struct{ Order orderView }
	e.ok(touchpoint, `query($o: String!) { order(orderId: $o) { ...O } } `+orderFields, map[string]any{"o": orderID}, &read)
	if r, w := marshal(read.Order), marshal(v); r != w {
		t.Errorf("read %s, written %s", r, w)
	}

	// A start more than 60 days ahead is an ERROR.
	e.sqlExec(`UPDATE order_line SET valid_from = now() + interval '61 days' WHERE order_line_id = $1`, lines[1])
	v = e.write(touchpoint, updToken, arg(token, map[string]any{"tokenTypeId": 1}))
	e.checkLine(t, "far start", v, 1, "invalid", "STARTDATE_TOO_FAR_IN_FUTURE/ERROR", "MANDATE_REQUIRED/REMARK")
	if f := finding(t, v, 1, "STARTDATE_TOO_FAR_IN_FUTURE"); text(f.Path) != lineAt(1)+".validFrom" ||
		f.Detail != "Startdate of this product should be at most 60 days in the future." {
		t.Errorf("far start: %+v", f)
	}

	// A holder too young for the product (born 15 years before the start) is an ERROR.
	e.sqlExec(`UPDATE order_line SET valid_from = $2 WHERE order_line_id = $1`, lines[1], tomorrow)
	young := tomorrow.AddDate(-15, 0, 0).Format(time.DateOnly)
	v = e.write(touchpoint, addPAD, arg(token, map[string]any{"birthdate": young}))
	pad := v.OrderLines[1].CustomerTokens[0].PersonalAccountData.PersonalAccountDataID
	e.checkLine(t, "too young", v, 1, "invalid", "PERSONAL_ACCOUNT_DATA_AGE_PROFILE_MISMATCH/ERROR", "MANDATE_REQUIRED/REMARK")
	if f := finding(t, v, 1, "PERSONAL_ACCOUNT_DATA_AGE_PROFILE_MISMATCH"); f.Detail != "Product is for gboAgeProfile 19-64, given gboAgeProfile is 12-18" ||
		text(f.Path) != lineAt(1)+".customerTokens[?(@.customerTokenId=='"+token+"')].ovPayToken.personalAccountData.birthdate" ||
		f.Parameter != nil {
		t.Errorf("too young: %+v %s", f, text(f.Path))
	}
	// Old enough.
	v = e.write(touchpoint, updPAD, arg(pad, map[string]any{"birthdate": "1980-01-01"}))
	e.checkLine(t, "adult", v, 1, "preliminary", "MANDATE_REQUIRED/REMARK")
	// Without a birthdate in the personal account data, GBO's for the card counts (an adult's).
	v = e.write(touchpoint, updPAD, arg(pad, map[string]any{"birthdate": nil}))
	e.checkLine(t, "GBO's birthdate", v, 1, "preliminary", "MANDATE_REQUIRED/REMARK")
	// A card GBO knows no birthdate of: the birthdate is required.
	v = e.write(touchpoint, updToken, arg(token, map[string]any{"ovPayTokenId": nil, "serviceReferenceId": poolCard1SRID, "amount": 100}))
	e.checkLine(t, "no birthdate", v, 1, "preliminary", "PERSONALACCOUNTDATA_BIRTHDATE_REQUIRED/REMARK", "MANDATE_REQUIRED/REMARK")
	if f := finding(t, v, 1, "PERSONALACCOUNTDATA_BIRTHDATE_REQUIRED"); text(f.Path) != lineAt(1)+".customerTokens[0].personalAccountData.birthdate" ||
		f.Detail != "Personal account data birthdate is required for this product." {
		t.Errorf("no birthdate: %+v", f)
	}
	v = e.write(touchpoint, updPAD, arg(pad, map[string]any{"birthdate": "1980-01-01"}))
	e.checkLine(t, "birthdate given", v, 1, "preliminary", "MANDATE_REQUIRED/REMARK")

	// A SIGNED mandate of the customer satisfies the product.
	var billing struct {
		AddBillingInformation struct{ BillingInformationID int }
	}
	e.ok(touchpoint, `mutation($n: Int!) { addBillingInformation(customerNumber: $n, input: {iban: "NL91ABNA0417164300",
		ascription: "A. Klant", alias: "Betaal"}) { billingInformationId } }`, map[string]any{"n": n}, &billing)
	e.sqlExec(`INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference,
	    mandate_state) VALUES ($1, 1, $2, 'MND-VALIDATION', 'PREPARED')`, profile, billing.AddBillingInformation.BillingInformationID)
	v = e.write(touchpoint, updPAD, arg(pad, map[string]any{"name": "A. Klant"}))
	e.checkLine(t, "mandate prepared", v, 1, "preliminary", "MANDATE_REQUIRED/REMARK")
	e.sqlExec(`UPDATE direct_debit_mandate SET mandate_state = 'SIGNED' WHERE mandate_reference = 'MND-VALIDATION'`)
	v = e.write(touchpoint, updPAD, arg(pad, map[string]any{"name": "A. Klant"}))
	e.checkLine(t, "mandate signed", v, 1, "valid")

	// Personal account data with a challenge counts once it is answered.
	e.sqlExec(`UPDATE personal_account_data SET challenge_type_id = 1 WHERE personal_account_data_id = $1`, pad)
	v = e.write(touchpoint, updPAD, arg(pad, map[string]any{"name": "A. Klant"}))
	e.checkLine(t, "not verified", v, 1, "invalid", "PERSONALACCOUNTDATA_NOT_VERIFIED/ERROR")
	if f := finding(t, v, 1, "PERSONALACCOUNTDATA_NOT_VERIFIED"); text(f.Path) != lineAt(1)+".customerTokens[0].personalAccountData.oneTimePassword" {
		t.Errorf("not verified: %+v", f)
	}
	e.sqlExec(`UPDATE personal_account_data SET verified_on = now() WHERE personal_account_data_id = $1`, pad)
	v = e.write(touchpoint, updPAD, arg(pad, map[string]any{"name": "A. Klant"}))
	e.checkLine(t, "verified", v, 1, "valid")

	// The first line: a leaf chosen, a start given, a token named.
	e.sqlExec(`UPDATE order_line SET product_id = 11, valid_from = $2, amount_incl_tax = 780 WHERE order_line_id = $1`, lines[0], tomorrow)
	v = e.write(touchpoint, updPAD, arg(pad, map[string]any{"name": "A. Klant"}))
	e.checkLine(t, "leaf chosen", v, 0, "preliminary", "CUSTOMERTOKEN_REQUIRED/REMARK")
	if v.TotalAmount != 780+5900 {
		t.Errorf("total %d after the line's amount changed", v.TotalAmount)
	}
	v = e.write(touchpoint, addToken, arg(lines[0], map[string]any{"tokenTypeId": 1, "ovPayTokenId": adultCard}))
	e.checkLine(t, "all given", v, 0, "valid")
	if v.ValidContents == nil || !*v.ValidContents {
		t.Errorf("all valid: validContents %v", v.ValidContents)
	}
	first := v.OrderLines[0].CustomerTokens[0].CustomerTokenID

	// Taking things away brings the findings back.
	v = e.write(touchpoint, delToken, map[string]any{"id": first})
	e.checkLine(t, "token deleted", v, 0, "preliminary", "CUSTOMERTOKEN_REQUIRED/REMARK")
	if v.ValidContents == nil || *v.ValidContents {
		t.Errorf("token deleted: validContents %v", v.ValidContents)
	}
	v = e.write(touchpoint, delPAD, map[string]any{"id": pad})
	e.checkLine(t, "personal account data deleted", v, 1, "preliminary", "PERSONALACCOUNTDATA_BIRTHDATE_REQUIRED/REMARK")
	e.sqlExec(`UPDATE order_line SET valid_from = NULL WHERE order_line_id = $1`, lines[1])
	e.sqlExec(`UPDATE direct_debit_mandate SET mandate_state = 'CANCELLED' WHERE mandate_reference = 'MND-VALIDATION'`)
	v = e.write(touchpoint, updToken, arg(token, map[string]any{"tokenTypeId": 1}))
	e.checkLine(t, "start and mandate gone", v, 1, "preliminary", "VALIDFROM_REQUIRED/REMARK",
		"PERSONALACCOUNTDATA_BIRTHDATE_REQUIRED/REMARK", "MANDATE_REQUIRED/REMARK")
}

func marshal(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func orNilString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// The contract's example #32: personal account data born 2010-01-01 on a line of product 21
// (Volwassene, 19-64) starting 2024-03-22 makes the holder 14 (Jongere, 12-18): an ERROR, the line
// invalid. Without the birthdate, GBO's for the card (an adult) holds.
func TestAgeProfileMismatchContractExample(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("example32@example.nl")
	start := time.Date(2024, 3, 22, 9, 0, 0, 0, time.UTC)
	orderID, lines := e.sqlOrder(e.profileOf(n), 1, orderLine{product: 21, validFrom: &start})
	v := e.write(customer(int64(n)), addToken, arg(lines[0], map[string]any{"tokenTypeId": 1, "serviceReferenceId": contractSRID,
		"amount": contractAmount, "personalAccountData": map[string]any{"name": "Jan de Vries", "birthdate": "2010-01-01"}}))
	ct := v.OrderLines[0].CustomerTokens[0]
	e.checkLine(t, "#32", v, 0, "invalid", "PERSONAL_ACCOUNT_DATA_AGE_PROFILE_MISMATCH/ERROR", "MANDATE_REQUIRED/REMARK")
	f := finding(t, v, 0, "PERSONAL_ACCOUNT_DATA_AGE_PROFILE_MISMATCH")
	want := fmt.Sprintf("$.orders[?(@.orderId=='%s')].orderLines[?(@.orderLineId=='%s')].customerTokens[?(@.customerTokenId=='%s')]"+
		".ovPayToken.personalAccountData.birthdate", orderID, lines[0], ct.CustomerTokenID)
	if f.Detail != "Product is for gboAgeProfile 19-64, given gboAgeProfile is 12-18" || text(f.Path) != want || f.Type != "ERROR" {
		t.Errorf("#32: %+v %s", f, text(f.Path))
	}
	if v.ValidContents == nil || *v.ValidContents {
		t.Errorf("#32: validContents %v", v.ValidContents)
	}
	v = e.write(touchpoint, updPAD, arg(ct.PersonalAccountData.PersonalAccountDataID, map[string]any{"birthdate": nil}))
	e.checkLine(t, "GBO's birthdate", v, 0, "preliminary", "MANDATE_REQUIRED/REMARK")
	if strings.Contains(fmt.Sprint(findings(v, 0)), "MISMATCH") {
		t.Errorf("still a mismatch: %v", findings(v, 0))
	}
}

// A write validates the whole order in a handful of statements, however many lines it has: the
// count of a write of an order with twelve lines (each with a token whose holder's birthdate only
// GBO knows) is that of one with two.
func TestValidationStatementsIndependentOfLines(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("statements@example.nl")
	profile := e.profileOf(n)
	card := e.ovPayToken(n, cardAdult, 1)
	tomorrow := time.Now().Add(24 * time.Hour)
	statements := func(lines int) int64 {
		specs := make([]orderLine, lines)
		for i := range specs {
			specs[i] = orderLine{product: 21, validFrom: &tomorrow}
		}
		_, ids := e.sqlOrder(profile, 1, specs...)
		var token string
		for _, id := range ids {
			v := e.write(touchpoint, addToken, arg(id, map[string]any{"tokenTypeId": 1, "ovPayTokenId": card}))
			for _, l := range v.OrderLines {
				if l.OrderLineID == id {
					token = l.CustomerTokens[0].CustomerTokenID
				}
			}
		}
		e.count.n.Store(0)
		v := e.write(touchpoint, updToken, arg(token, map[string]any{"tokenTypeId": 1}))
		for i := range v.OrderLines {
			e.checkLine(t, "statements", v, i, "preliminary", "MANDATE_REQUIRED/REMARK")
		}
		return e.count.n.Load()
	}
	two, twelve := statements(2), statements(12)
	t.Logf("%d statements per write", two)
	if two != twelve {
		t.Errorf("a write ran %d statements on an order of 2 lines, %d on one of 12", two, twelve)
	}
}
