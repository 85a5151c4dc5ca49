package resolvers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ovgraph/graph"
)

// The mutations' challenge path: a challenge type without a one-time password sends a code (the
// data counts once answered: PERSONALACCOUNTDATA_NOT_VERIFIED until then); the right code verifies
// it, a wrong one changes nothing; a new challenge type sends a new code and voids the
// verification. (Needs the challenge itself: sendChallenge and answerChallenge.)
func TestPersonalAccountDataChallenge(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("challenge@example.nl")
	profile := e.profileOf(n)
	start := tomorrowStart()
	_, lines := e.sqlOrder(profile, 1, orderLine{product: 11, validFrom: &start}, orderLine{product: 11, validFrom: &start})
	v := e.write(touchpoint, addToken, arg(lines[0], map[string]any{"tokenTypeId": 1, "serviceReferenceId": poolCard1SRID, "amount": 100}))
	token := v.OrderLines[0].CustomerTokens[0].CustomerTokenID

	// A wrong code on add: nothing is added, nothing sent.
	e.orderRefused(t, touchpoint, addPAD, arg(token, map[string]any{"name": "A", "challengeTypeId": 1, "oneTimePassword": "12345"}),
		string(graph.CodeBadUserInput), "input.oneTimePassword")
	if len(e.outbox()) != 0 {
		t.Fatal("a refused write left a message in the outbox")
	}

	// Sent to the profile's address; the line is invalid until the code is answered.
	v = e.write(customer(int64(n)), addPAD, arg(token, map[string]any{"name": "A. Klant", "challengeTypeId": 1}))
	pad := v.OrderLines[0].CustomerTokens[0].PersonalAccountData
	if pad.ChallengeType == nil || pad.ChallengeType.ID != 1 || pad.IsVerified {
		t.Fatalf("challenged: %+v", pad)
	}
	if msgs := e.outbox(); len(msgs) != 1 || msgs[0].recipient != "challenge@example.nl" {
		t.Fatalf("outbox %+v", msgs)
	}
	e.checkLine(t, "sent", v, 0, "invalid", "PERSONALACCOUNTDATA_NOT_VERIFIED/ERROR")
	code := e.sentCode()
	e.orderRefused(t, touchpoint, updPAD, arg(pad.PersonalAccountDataID, map[string]any{"oneTimePassword": wrong(code)}),
		string(graph.CodeBadUserInput), "input.oneTimePassword")
	v = e.write(customer(int64(n)), updPAD, arg(pad.PersonalAccountDataID, map[string]any{"oneTimePassword": code}))
	if !v.OrderLines[0].CustomerTokens[0].PersonalAccountData.IsVerified {
		t.Errorf("answered: %+v", v.OrderLines[0].CustomerTokens[0].PersonalAccountData)
	}
	e.checkLine(t, "answered", v, 0, "valid")

	// A new challenge: a new code, the verification void until it is answered.
	v = e.write(touchpoint, updPAD, arg(pad.PersonalAccountDataID, map[string]any{"challengeTypeId": 1}))
	if len(e.outbox()) != 2 || v.OrderLines[0].CustomerTokens[0].PersonalAccountData.IsVerified {
		t.Errorf("challenged again: %d messages, %+v", len(e.outbox()), v.OrderLines[0].CustomerTokens[0].PersonalAccountData)
	}
	e.checkLine(t, "challenged again", v, 0, "invalid", "PERSONALACCOUNTDATA_NOT_VERIFIED/ERROR")
	v = e.write(touchpoint, updPAD, arg(pad.PersonalAccountDataID, map[string]any{"oneTimePassword": e.sentCode()}))
	e.checkLine(t, "answered again", v, 0, "valid")

	// A token added with challenged personal account data sends its code too.
	v = e.write(touchpoint, addToken, arg(lines[1], map[string]any{"tokenTypeId": 1, "serviceReferenceId": contractSRID,
		"amount": contractAmount, "personalAccountData": map[string]any{"name": "B. Klant", "challengeTypeId": 1}}))
	if len(e.outbox()) != 3 {
		t.Errorf("token with challenged data: %d messages", len(e.outbox()))
	}
	e.checkLine(t, "token with challenged data", v, 1, "invalid", "PERSONALACCOUNTDATA_NOT_VERIFIED/ERROR")
}

// Without an address to send the code to, the challenge is refused on the field that asked for it.
func TestPersonalAccountDataChallengeWithoutAddress(t *testing.T) {
	e := newEnv(t)
	_, lines := e.sqlOrder(0, 1, orderLine{product: 11}, orderLine{product: 11})
	v := e.write(touchpoint, addToken, arg(lines[0], map[string]any{"tokenTypeId": 1, "serviceReferenceId": poolCard1SRID, "amount": 100}))
	token := v.OrderLines[0].CustomerTokens[0].CustomerTokenID
	e.orderRefused(t, touchpoint, addPAD, arg(token, map[string]any{"name": "A", "challengeTypeId": 1}),
		string(graph.CodeBadUserInput), "input.challengeTypeId")
	e.orderRefused(t, touchpoint, addToken, arg(lines[1], map[string]any{"tokenTypeId": 1, "serviceReferenceId": contractSRID,
		"amount": contractAmount, "personalAccountData": map[string]any{"challengeTypeId": 1}}),
		string(graph.CodeBadUserInput), "input.personalAccountData.challengeTypeId")
}

// wrong is a six-digit code that is not code.
func wrong(code string) string {
	if code == "111111" {
		return "222222"
	}
	return "111111"
}

func tomorrowStart() time.Time { return time.Now().Add(24 * time.Hour) }

// Codes to one address are rationed: the sixth within the hour is refused, whatever the order or
// the letter case of the address, and nothing is written or sent; another address is not affected.
func TestChallengeRationPerAddress(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("ration@example.nl")
	profile := e.profileOf(n)
	start := tomorrowStart()
	challenge := func(email string) (map[string]any, string) {
		_, lines := e.sqlOrder(profile, 1, orderLine{product: 11, validFrom: &start})
		v := e.write(touchpoint, addToken, arg(lines[0], map[string]any{"tokenTypeId": 1, "serviceReferenceId": poolCard1SRID, "amount": 100}))
		token := v.OrderLines[0].CustomerTokens[0].CustomerTokenID
		if email != "" {
			if _, err := e.store.Pool().Exec(context.Background(), `UPDATE customer_profile SET email_address = $1 WHERE customer_number = $2`, email, n); err != nil {
				t.Fatal(err)
			}
		}
		return arg(token, map[string]any{"name": "A. Klant", "challengeTypeId": 1}), token
	}
	for i := range 5 {
		email := "ration@example.nl"
		if i%2 == 1 {
			email = "RATION@example.nl"
		}
		vars, _ := challenge(email)
		e.write(touchpoint, addPAD, vars)
	}
	if got := len(e.outbox()); got != 5 {
		t.Fatalf("%d messages, want 5", got)
	}
	vars, _ := challenge("Ration@Example.nl")
	refused := e.orderRefused(t, touchpoint, addPAD, vars, string(graph.CodeUnprocessable), "input.challengeTypeId")
	if !strings.Contains(refused.Message, "Too many one-time passwords") {
		t.Errorf("message %q", refused.Message)
	}
	if got := len(e.outbox()); got != 5 {
		t.Fatalf("a refused challenge wrote a message: %d", got)
	}
	// Another address has its own ration.
	vars, _ = challenge("other-ration@example.nl")
	e.write(touchpoint, addPAD, vars)
	if msgs := e.outbox(); len(msgs) != 6 || msgs[5].recipient != "other-ration@example.nl" {
		t.Fatalf("outbox %+v", msgs)
	}
}
