package resolvers_test

import (
	"context"
	"testing"

	"ovgraph/graph"
)

const transferToken = `mutation($p: Int, $id: Int!, $in: TransferTokenInput!) {
  transferToken(customerProfileId: $p, ovPayTokenId: $id, input: $in) {
    clientTrackingId status startTime endTime retryAfter errorCode
    findings { code } oldOvPayToken { ovPayTokenId } newOvPayToken { ovPayTokenId }
  }
}`

const tokenTransfer = `query($p: Int, $c: String!) {
  tokenTransfer(customerProfileId: $p, clientTrackingId: $c) {
    clientTrackingId status startTime endTime retryAfter errorCode
    findings { code detail pointer field value } oldOvPayToken { ovPayTokenId tokenStatusId replacedByTokenId }
    newOvPayToken { ovPayTokenId alias tokenStatusId xTat }
  }
}`

// transferRun is a TokenTransfer as the documents above select it.
type transferRun struct {
	ClientTrackingID string
	Status           string
	StartTime        *string
	EndTime          *string
	RetryAfter       int
	ErrorCode        *string
	Findings         []struct{ Code, Detail, Pointer, Field, Value string }
	OldOvPayToken    *struct{ OvPayTokenID, TokenStatusID int }
	NewOvPayToken    *struct {
		OvPayTokenID, TokenStatusID int
		Alias, XTat                 string
	}
}

// profileWithToken makes a customer with one token on card xTat and returns its number, profile
// id and token id.
func (e *env) profileWithToken(email, xTat string) (n, profile, token int) {
	e.t.Helper()
	n = e.newCustomer(email)
	var out struct {
		AddOvPayToken struct {
			OvPayToken struct{ OvPayTokenID, CustomerProfileID int }
		}
	}
	e.ok(touchpoint, `mutation($n: Int!, $t: String!) { addOvPayToken(customerNumber: $n, input: {tokenTypeId: 1, xTat: $t,
		xBot: $t, alias: "Bankpas", lastDigits: "1234"}) { ovPayToken { ovPayTokenId customerProfileId } } }`,
		map[string]any{"n": n, "t": xTat}, &out)
	return n, out.AddOvPayToken.OvPayToken.CustomerProfileID, out.AddOvPayToken.OvPayToken.OvPayTokenID
}

// transferInput is a TransferTokenInput for the card xTat.
func transferInput(xTat string, alias any) map[string]any {
	return map[string]any{"oldOvPayToken": map[string]any{"padOtp": "123456"},
		"newOvPayToken": map[string]any{"xTat": xTat, "alias": alias}}
}

// transferCounts are the rows a transfer writes, beside tableCounts.
func (e *env) transferCounts() map[string]int64 {
	e.t.Helper()
	out := e.tableCounts()
	for _, table := range []string{"token_transfer", "river_job"} {
		var n int64
		if err := e.store.Pool().QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			e.t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

// A transfer is accepted at once: the run is Running, its job is enqueued on River with the run's
// id, and an audit row records who asked, all in one transaction. tokenTransfer then answers it.
func TestTransferTokenAccepted(t *testing.T) {
	e := newEnv(t)
	n, profile, token := e.profileWithToken("accepted@example.nl", "tat-accepted-old")
	me := customer(int64(n))
	before := e.transferCounts()

	var out struct{ TransferToken transferRun }
	e.ok(me, transferToken, map[string]any{"id": token, "in": transferInput("tat-accepted-new", "Nieuw")}, &out)
	run := out.TransferToken
	if run.Status != "Running" || run.RetryAfter != 10 || run.StartTime == nil || run.EndTime != nil ||
		run.ErrorCode != nil || len(run.Findings) != 0 || run.NewOvPayToken != nil ||
		run.OldOvPayToken == nil || run.OldOvPayToken.OvPayTokenID != token || run.ClientTrackingID == "" {
		t.Fatalf("accepted run: %+v", run)
	}

	after := e.transferCounts()
	for table, grew := range map[string]int64{"token_transfer": 1, "river_job": 1, "audit_trail": 1} {
		if after[table]-before[table] != grew {
			t.Errorf("%s: %d rows more, want %d", table, after[table]-before[table], grew)
		}
	}
	var requestedBy, correlation, state, queue string
	var args []byte
	if err := e.store.Pool().QueryRow(t.Context(), `SELECT t.requested_by, t.correlation_id, j.state, j.queue, j.args
		FROM token_transfer t JOIN river_job j ON j.args->>'client_tracking_id' = t.client_tracking_id
		WHERE t.client_tracking_id = $1 AND t.customer_profile_id = $2 AND j.kind = 'token_transfer'`,
		run.ClientTrackingID, profile).Scan(&requestedBy, &correlation, &state, &queue, &args); err != nil {
		t.Fatalf("run and its job: %v", err)
	}
	if requestedBy != me.AuditUser() || correlation != "test-correlation" || state != "available" || queue != "token_transfer" {
		t.Errorf("run by %q (%q), job %s on %s", requestedBy, correlation, state, queue)
	}
	if a := e.lastAudit(); a.Entity != "token_transfer" || a.Action != "insert" || a.EntityID != int64(token) ||
		a.Detail["clientTrackingId"] != run.ClientTrackingID {
		t.Errorf("audit %+v", a)
	}

	var got struct{ TokenTransfer transferRun }
	e.ok(me, tokenTransfer, map[string]any{"c": run.ClientTrackingID}, &got)
	if got.TokenTransfer.ClientTrackingID != run.ClientTrackingID || got.TokenTransfer.Status != "Running" ||
		got.TokenTransfer.OldOvPayToken.OvPayTokenID != token {
		t.Errorf("tokenTransfer: %+v", got.TokenTransfer)
	}
	// Staff name the profile; a touchpoint too.
	staff := graph.Caller{Application: "staff-portal", StaffRole: "KlantenService", StaffProfileID: int64(profile)}
	e.ok(staff, tokenTransfer, map[string]any{"c": run.ClientTrackingID}, &got)
	e.ok(touchpoint, tokenTransfer, map[string]any{"p": profile, "c": run.ClientTrackingID}, &got)
}

// The alias may be left out when the new card is a token of the profile already (an xTat is the
// same whatever its case).
func TestTransferTokenToATokenOfTheProfile(t *testing.T) {
	e := newEnv(t)
	n, _, token := e.profileWithToken("own-card@example.nl", "tat-own-old")
	e.ok(touchpoint, `mutation($n: Int!) { addOvPayToken(customerNumber: $n, input: {tokenTypeId: 1, xTat: "tat-own-new",
		xBot: "tat-own-new", alias: "Nieuw", lastDigits: "5678"}) { customerNumber } }`, map[string]any{"n": n}, nil)
	var out struct{ TransferToken transferRun }
	e.ok(customer(int64(n)), transferToken, map[string]any{"id": token, "in": transferInput("TAT-OWN-NEW", nil)}, &out)
	if out.TransferToken.Status != "Running" {
		t.Errorf("run %+v", out.TransferToken)
	}
}

// A transfer the input rules refuse, or of a token that is not the profile's, is answered with
// the error and writes nothing: no run, no job, no audit row.
func TestTransferTokenRefused(t *testing.T) {
	e := newEnv(t)
	n, profile, token := e.profileWithToken("refused@example.nl", "tat-refused-old")
	other, _, otherToken := e.profileWithToken("refused-other@example.nl", "tat-refused-other")
	me := customer(int64(n))
	for name, tc := range map[string]struct {
		caller graph.Caller
		vars   map[string]any
		code   graph.Code
		field  string
	}{
		"old padOtp not six digits": {me, map[string]any{"id": token, "in": map[string]any{"oldOvPayToken": map[string]any{"padOtp": "12a456"},
			"newOvPayToken": map[string]any{"xTat": "tat-x", "alias": "A"}}}, graph.CodeBadUserInput, "padOtp"},
		"new padOtp too short": {me, map[string]any{"id": token, "in": map[string]any{"oldOvPayToken": map[string]any{},
			"newOvPayToken": map[string]any{"xTat": "tat-x", "alias": "A", "padOtp": "12345"}}}, graph.CodeBadUserInput, "padOtp"},
		"blank xTat": {me, map[string]any{"id": token, "in": transferInput(" ", "A")}, graph.CodeBadUserInput, "xTat"},
		"bad e-mail": {me, map[string]any{"id": token, "in": map[string]any{"oldOvPayToken": map[string]any{},
			"newOvPayToken": map[string]any{"xTat": "tat-x", "alias": "A", "padEmailAddress": "not-an-address"}}},
			graph.CodeBadUserInput, "padEmailAddress"},
		"no alias for a card new to the profile": {me, map[string]any{"id": token, "in": transferInput("tat-new-card", nil)},
			graph.CodeBadUserInput, "alias"},
		"another customer's token": {me, map[string]any{"id": otherToken, "in": transferInput("tat-x", "A")}, graph.CodeNotFound, ""},
		"an unknown token":         {me, map[string]any{"id": 999999, "in": transferInput("tat-x", "A")}, graph.CodeNotFound, ""},
		"another customer's profile": {customer(int64(other)), map[string]any{"p": profile, "id": token,
			"in": transferInput("tat-x", "A")}, graph.CodeNotFound, ""},
		"a touchpoint without a profile": {touchpoint, map[string]any{"id": token, "in": transferInput("tat-x", "A")},
			graph.CodeBadUserInput, "customerProfileId"},
	} {
		t.Run(name, func(t *testing.T) {
			before := e.transferCounts()
			r := e.do(tc.caller, transferToken, tc.vars)
			if r.code() != string(tc.code) {
				t.Fatalf("code %q, want %q: %+v", r.code(), tc.code, r.Errors)
			}
			if field, _ := r.Errors[0].Extensions["field"].(string); tc.field != "" && field != tc.field {
				t.Errorf("field %q, want %q", field, tc.field)
			}
			sameCounts(t, before, e.transferCounts())
		})
	}
}

// tokenTransfer answers only the acting profile's runs: another profile's run, as an unknown one,
// is NOT_FOUND.
func TestTokenTransferOfAnotherProfile(t *testing.T) {
	e := newEnv(t)
	n, _, token := e.profileWithToken("mine@example.nl", "tat-mine-old")
	other, otherProfile, _ := e.profileWithToken("theirs@example.nl", "tat-theirs-old")
	var out struct{ TransferToken transferRun }
	e.ok(customer(int64(n)), transferToken, map[string]any{"id": token, "in": transferInput("tat-mine-new", "Nieuw")}, &out)
	id := out.TransferToken.ClientTrackingID
	for name, tc := range map[string]struct {
		caller graph.Caller
		vars   map[string]any
	}{
		"other customer":              {customer(int64(other)), map[string]any{"c": id}},
		"touchpoint on other profile": {touchpoint, map[string]any{"p": otherProfile, "c": id}},
		"unknown run":                 {customer(int64(n)), map[string]any{"c": "no-such-run"}},
	} {
		t.Run(name, func(t *testing.T) {
			if r := e.do(tc.caller, tokenTransfer, tc.vars); r.code() != string(graph.CodeNotFound) {
				t.Errorf("code %q, want NOT_FOUND: %s", r.code(), r.Data)
			}
		})
	}
}
