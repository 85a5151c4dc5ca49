package resolvers_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"

	"ovgraph/graph"
)

// Cards of the GBO stand-in's seed (README: "Seeded GBO cards").
const (
	cardWithPAD  = "c0000000-0000-4000-8000-000000000001" // EMV, PAD name, birthdate and photo
	cardMarked   = "c0000000-0000-4000-8000-000000000002" // EMV, PAD birthdate marked as inaccurate
	cardUnknown  = "00000009-0000-4000-8000-000000000001" // no card of GBO
	productCarry = "10001"                                // a template every token type carries
)

// poolEMV and poolOvpas are the seed's fresh cards n (1..1000).
func poolEMV(n int) string   { return fmt.Sprintf("00000001-0000-4000-8000-%012d", n) }
func poolOvpas(n int) string { return fmt.Sprintf("00000002-0000-4000-8000-%012d", n) }

// transferFixture is a profile with a token on a GBO card, and a transfer of it that is Running.
type transferFixture struct {
	customer, profile, token int
	run                      string
}

// newTransfer seeds GBO's cards, adds a token of type tokenType on card oldXTat to a new customer,
// with an active product instance, and asks for its transfer to newXTat.
func (e *env) newTransfer(t *testing.T, name string, tokenType int, oldXTat, newXTat string) transferFixture {
	t.Helper()
	if err := e.store.SeedGBO(t.Context()); err != nil {
		t.Fatal(err)
	}
	var f transferFixture
	f.customer = e.newCustomer(name + "@example.nl")
	var out struct {
		AddOvPayToken struct {
			OvPayToken struct{ OvPayTokenID, CustomerProfileID int }
		}
	}
	e.ok(touchpoint, `mutation($n: Int!, $type: Int!, $t: String!) { addOvPayToken(customerNumber: $n, input: {tokenTypeId: $type,
		xTat: $t, xBot: $t, alias: "Oud", lastDigits: "0001"}) { ovPayToken { ovPayTokenId customerProfileId } } }`,
		map[string]any{"n": f.customer, "type": tokenType, "t": oldXTat}, &out)
	f.token, f.profile = out.AddOvPayToken.OvPayToken.OvPayTokenID, out.AddOvPayToken.OvPayToken.CustomerProfileID
	if _, err := e.store.Pool().Exec(t.Context(), `INSERT INTO product_instance (ovpay_token_id, product_id, name, status,
		product_category_id, package_template_id, from_inclusive, order_id, order_line_id)
		VALUES ($1, 10, 'HTM 90% Korting', 'Active', 1, $2, now(), gen_random_uuid(), gen_random_uuid())`, f.token, productCarry); err != nil {
		t.Fatal(err)
	}
	var run struct{ TransferToken transferRun }
	e.ok(customer(int64(f.customer)), transferToken, map[string]any{"id": f.token, "in": transferInput(newXTat, "Nieuw")}, &run)
	f.run = run.TransferToken.ClientTrackingID
	return f
}

// runJob runs the transfer's job as River would, and reports how often it completed the job and
// what the run looked like from inside the job's transaction when it did.
func (e *env) runJob(t *testing.T, run string) (completions int, seen string, err error) {
	t.Helper()
	err = e.work.RunTransfer(t.Context(), run, func(tx pgx.Tx) error {
		completions++
		return tx.QueryRow(t.Context(), "SELECT status FROM token_transfer WHERE client_tracking_id = $1", run).Scan(&seen)
	})
	return completions, seen, err
}

// poll answers tokenTransfer for the fixture's customer.
func (e *env) poll(t *testing.T, f transferFixture) transferRun {
	t.Helper()
	var got struct{ TokenTransfer transferRun }
	e.ok(customer(int64(f.customer)), tokenTransfer, map[string]any{"c": f.run}, &got)
	return got.TokenTransfer
}

// auditCount counts the profile's audit rows of an action on an entity.
func (e *env) auditCount(t *testing.T, profile int, action, entity string) int {
	t.Helper()
	var n int
	if err := e.store.Pool().QueryRow(t.Context(), `SELECT count(*) FROM audit_trail
		WHERE customer_profile_id = $1 AND action = $2 AND entity = $3`, profile, action, entity).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// The job moves the card data, the products and the token in one transaction, in which it also
// completes itself; run again, it finds the run done and changes nothing.
func TestTransferJobSucceeds(t *testing.T) {
	e := newEnv(t)
	newCard := poolEMV(901)
	f := e.newTransfer(t, "job-ok", 1, cardWithPAD, newCard)

	completions, seen, err := e.runJob(t, f.run)
	if err != nil || completions != 1 || seen != "Succeeded" {
		t.Fatalf("job: %d completions, saw %q inside, error %v", completions, seen, err)
	}
	run := e.poll(t, f)
	if run.Status != "Succeeded" || run.EndTime == nil || run.ErrorCode != nil || len(run.Findings) != 0 || run.RetryAfter != 0 {
		t.Fatalf("run %+v", run)
	}
	if run.NewOvPayToken == nil || run.NewOvPayToken.XTat != newCard || run.NewOvPayToken.Alias != "Nieuw" ||
		run.NewOvPayToken.TokenStatusID != 2 {
		t.Fatalf("new token %+v", run.NewOvPayToken)
	}
	if run.OldOvPayToken == nil || run.OldOvPayToken.TokenStatusID != 3 {
		t.Fatalf("old token %+v", run.OldOvPayToken)
	}
	var replacedBy, productsOnNew, padOnNew, padOnOld int
	if err := e.store.Pool().QueryRow(t.Context(), `SELECT
		(SELECT replaced_by_token_id FROM ovpay_token WHERE id = $1),
		(SELECT count(*) FROM product_instance WHERE ovpay_token_id = $2),
		(SELECT count(*) FROM gbo_pad_attribute WHERE x_tat = $3::uuid),
		(SELECT count(*) FROM gbo_pad_attribute WHERE x_tat = $4::uuid)`,
		f.token, run.NewOvPayToken.OvPayTokenID, newCard, cardWithPAD).Scan(&replacedBy, &productsOnNew, &padOnNew, &padOnOld); err != nil {
		t.Fatal(err)
	}
	if replacedBy != run.NewOvPayToken.OvPayTokenID || productsOnNew != 1 || padOnNew != 3 || padOnOld != 0 {
		t.Errorf("replaced by %d, %d products on the new token, PAD attributes %d on the new card and %d on the old",
			replacedBy, productsOnNew, padOnNew, padOnOld)
	}
	// The job's writes are audited as the customer that asked, under the request's correlation id.
	rows, err := e.store.Pool().Query(t.Context(), `SELECT DISTINCT "user" || ' ' || correlation_id FROM audit_trail
		WHERE customer_profile_id = $1 AND (action = 'update' OR (entity = 'ovPayToken' AND entity_id = $2))`,
		f.profile, run.NewOvPayToken.OvPayTokenID)
	if err != nil {
		t.Fatal(err)
	}
	users, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if want := customer(int64(f.customer)).AuditUser() + " test-correlation"; len(users) != 1 || users[0] != want {
		t.Errorf("the job's audit rows are by %q, want %q", users, want)
	}

	// Exactly once: a second run of the same job (River running it again) changes nothing.
	before := e.transferCounts()
	if completions, _, err := e.runJob(t, f.run); err != nil || completions != 0 {
		t.Fatalf("second run: %d completions, error %v", completions, err)
	}
	sameCounts(t, before, e.transferCounts())
	if n := e.auditCount(t, f.profile, "update", "token_transfer"); n != 1 {
		t.Errorf("%d audit rows of the run's end, want 1", n)
	}
	if n := e.auditCount(t, f.profile, "update", "ovPayToken"); n != 1 {
		t.Errorf("%d audit rows of the replacement, want 1", n)
	}
}

// A run the rules refuse ends Failed with the error code and the findings, changes no token, and
// completes its job: it is not retried.
func TestTransferJobRefused(t *testing.T) {
	for _, tc := range []struct {
		name           string
		tokenType      int
		oldXTat        string
		newXTat        string
		code, finding  string
		pointer, field string
	}{
		{"OV-pas physical to EMV", 2, poolOvpas(902), poolEMV(902), "NOT_ALLOWED", "TOKEN_TYPE", "#/0/ovPayToken/tokenTypeId", "tokenTypeId"},
		{"marked PAD attribute", 1, cardMarked, poolEMV(903), "NOT_ALLOWED", "PAD_ATTRIBUTE", "#/0/ovPayToken/padAttributes/birthdate", ""},
		{"xTat unknown to GBO", 1, poolEMV(904), cardUnknown, "NOT_FOUND", "XTAT_NOT_FOUND", "#/0/xTat", "xTat"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			f := e.newTransfer(t, "job-refused", tc.tokenType, tc.oldXTat, tc.newXTat)
			tokens := e.tableCounts()["ovpay_token"]
			completions, seen, err := e.runJob(t, f.run)
			if err != nil || completions != 1 || seen != "Failed" {
				t.Fatalf("job: %d completions, saw %q inside, error %v", completions, seen, err)
			}
			run := e.poll(t, f)
			if run.Status != "Failed" || run.ErrorCode == nil || *run.ErrorCode != tc.code || run.EndTime == nil ||
				run.NewOvPayToken != nil || run.OldOvPayToken.TokenStatusID != 2 {
				t.Fatalf("run %+v", run)
			}
			if len(run.Findings) == 0 || run.Findings[0].Code != tc.finding || run.Findings[0].Pointer != tc.pointer ||
				run.Findings[0].Field != tc.field || run.Findings[0].Detail == "" {
				t.Errorf("findings %+v", run.Findings)
			}
			if n := e.tableCounts()["ovpay_token"]; n != tokens {
				t.Errorf("%d tokens after, %d before", n, tokens)
			}
			var productsOnOld int
			if err := e.store.Pool().QueryRow(t.Context(), "SELECT count(*) FROM product_instance WHERE ovpay_token_id = $1",
				f.token).Scan(&productsOnOld); err != nil || productsOnOld != 1 {
				t.Errorf("%d products left on the old token (%v)", productsOnOld, err)
			}
			if completions, _, err := e.runJob(t, f.run); err != nil || completions != 0 {
				t.Errorf("second run: %d completions, error %v", completions, err)
			}
		})
	}
}

// When completing the job fails, the work rolls back with it: River runs the job again, and the
// run is still Running.
func TestTransferJobRollsBackWithItsCompletion(t *testing.T) {
	e := newEnv(t)
	f := e.newTransfer(t, "job-rollback", 1, poolEMV(905), poolEMV(906))
	before := e.transferCounts()
	failed := errors.New("completion failed")
	err := e.work.RunTransfer(t.Context(), f.run, func(pgx.Tx) error { return failed })
	if !errors.Is(err, failed) {
		t.Fatalf("error %v, want the completion's", err)
	}
	sameCounts(t, before, e.transferCounts())
	if run := e.poll(t, f); run.Status != "Running" || run.OldOvPayToken.TokenStatusID != 2 {
		t.Errorf("run %+v", run)
	}
	if completions, seen, err := e.runJob(t, f.run); err != nil || completions != 1 || seen != "Succeeded" {
		t.Errorf("the job run again: %d completions, saw %q, error %v", completions, seen, err)
	}
}

// The job acts for whoever asked: staff's transfer is audited as staff's.
func TestTransferJobActsForItsCaller(t *testing.T) {
	e := newEnv(t)
	f := e.newTransfer(t, "job-staff", 1, poolEMV(907), poolEMV(908))
	staff := graph.Caller{Application: "staff-portal", StaffRole: "KlantenService", StaffProfileID: int64(f.profile)}
	var out struct{ TransferToken transferRun }
	// A second transfer of the same token, asked by staff: the first one's job replaces the token,
	// so this one is refused when it runs, and its end is audited as staff's.
	e.ok(staff, transferToken, map[string]any{"id": f.token, "in": transferInput(poolEMV(909), "Staf")}, &out)
	if _, _, err := e.runJob(t, f.run); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.runJob(t, out.TransferToken.ClientTrackingID); err != nil {
		t.Fatal(err)
	}
	var user, status, code string
	if err := e.store.Pool().QueryRow(t.Context(), `SELECT a."user", t.status, t.error_code FROM audit_trail a
		JOIN token_transfer t ON t.client_tracking_id = a.detail->>'clientTrackingId'
		WHERE a.detail->>'clientTrackingId' = $1 AND a.action = 'update'`, out.TransferToken.ClientTrackingID).Scan(&user, &status, &code); err != nil {
		t.Fatal(err)
	}
	if user != staff.AuditUser() || status != "Failed" || code != "NOT_ALLOWED" {
		t.Errorf("staff's run ended %s (%s), audited as %q", status, code, user)
	}
}

// When the replacement is refused after the rules let the run through (another profile adds the
// new card in between: here a trigger plays that profile), nothing of the replacement stays, the
// card data stays where it was in GBO, and the run ends Failed in a transaction of its own, which
// completes the job.
func TestTransferJobRefusedByTheReplacement(t *testing.T) {
	e := newEnv(t)
	newCard := poolEMV(911)
	f := e.newTransfer(t, "job-raced", 1, cardWithPAD, newCard)
	if _, err := e.store.Pool().Exec(t.Context(), `
		CREATE FUNCTION card_taken() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			RAISE EXCEPTION 'card taken' USING ERRCODE = 'unique_violation', CONSTRAINT = 'ovpay_token_x_tat_key';
		END $$;
		CREATE TRIGGER card_taken BEFORE INSERT ON ovpay_token FOR EACH ROW
			WHEN (NEW.x_tat = '`+newCard+`') EXECUTE FUNCTION card_taken();`); err != nil {
		t.Fatal(err)
	}
	before := e.tableCounts()
	completions, seen, err := e.runJob(t, f.run)
	if err != nil || completions != 1 || seen != "Failed" {
		t.Fatalf("job: %d completions, saw %q inside, error %v", completions, seen, err)
	}
	run := e.poll(t, f)
	if run.Status != "Failed" || run.ErrorCode == nil || *run.ErrorCode != "NOT_ALLOWED" || len(run.Findings) != 1 ||
		run.Findings[0].Code != "NEW_TOKEN_IN_OTHER_PROFILE" || run.OldOvPayToken.TokenStatusID != 2 {
		t.Fatalf("run %+v", run)
	}
	var padOnOld, padOnNew int
	if err := e.store.Pool().QueryRow(t.Context(), `SELECT
		(SELECT count(*) FROM gbo_pad_attribute WHERE x_tat = $1::uuid), (SELECT count(*) FROM gbo_pad_attribute WHERE x_tat = $2::uuid)`,
		cardWithPAD, newCard).Scan(&padOnOld, &padOnNew); err != nil || padOnOld != 3 || padOnNew != 0 {
		t.Errorf("PAD attributes: %d on the old card, %d on the new (%v); want them left on the old", padOnOld, padOnNew, err)
	}
	after := e.tableCounts()
	for table, n := range before {
		grew := int64(0)
		if table == "audit_trail" {
			grew = 1 // the run's end
		}
		if after[table]-n != grew {
			t.Errorf("%s: %d rows more, want %d", table, after[table]-n, grew)
		}
	}
}
