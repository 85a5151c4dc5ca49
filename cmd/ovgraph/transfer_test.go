package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"ovgraph/adapters/jobs"
	"ovgraph/adapters/postgres"
	"ovgraph/adapters/postgres/pgtest"
)

// These tests run the real ovgraph binary, as separate processes on one database, to show what
// River gives the token transfers: a job accepted before its process dies completes after a
// restart, exactly once; two processes share the jobs and none runs twice; a job the rules
// refuse ends Failed and is not retried.

// buildOvgraph builds the ovgraph command into a folder of t's.
func buildOvgraph(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "ovgraph")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// process is an ovgraph serve process.
type process struct {
	cmd    *exec.Cmd
	addr   string
	log    *lockedBuffer
	exited chan error
}

var servingLine = regexp.MustCompile(`msg=serving addr=(\S+)`)

// jobSettings are short enough for a test: a job whose process died is run again 6 s after it
// started (5 s after its deadline; River's leader election takes longer); a job waits for a lock
// as long as it takes, within its deadline (tests hold locks to stop jobs mid-way); the queue is
// looked at every 50 ms.
var jobSettings = map[string]string{"OVGRAPH_JOB_TIMEOUT": "5s", "OVGRAPH_JOB_RESCUE_AFTER": "6s",
	"OVGRAPH_JOB_POLL_INTERVAL": "50ms", "OVGRAPH_LOCK_TIMEOUT": "0"}

// startOvgraph starts `ovgraph serve` on the database at url with the settings extra and waits
// until it serves. It is killed when t ends, if it still runs.
func startOvgraph(t *testing.T, bin, url string, extra map[string]string) *process {
	t.Helper()
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "DATABASE_URL=" + url,
		"OVGRAPH_ADDR=127.0.0.1:0", "OVGRAPH_JWT_SECRET=" + testSecret, "OVGRAPH_JWT_ISSUER=" + testIssuer,
		"OVGRAPH_JWT_AUDIENCE=" + testAudience}
	for k, v := range jobSettings {
		env = append(env, k+"="+v)
	}
	for k, v := range extra {
		env = append(env, k+"="+v)
	}
	p := &process{cmd: exec.Command(bin, "serve"), log: &lockedBuffer{}, exited: make(chan error, 1)}
	p.cmd.Env, p.cmd.Stdout, p.cmd.Stderr = env, p.log, p.log
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.exited <- p.cmd.Wait() }()
	t.Cleanup(func() {
		p.kill(t)
		if t.Failed() {
			t.Logf("ovgraph %d:\n%s", p.cmd.Process.Pid, p.log.String())
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m := servingLine.FindStringSubmatch(p.log.String()); m != nil {
			p.addr = m[1]
			return p
		}
		select {
		case err := <-p.exited:
			t.Fatalf("ovgraph exited (%v) before serving:\n%s", err, p.log.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("ovgraph does not serve after 30 s:\n%s", p.log.String())
		}
	}
}

// kill ends the process at once (SIGKILL: no shutdown, no rollback but the database's) and waits
// for it.
func (p *process) kill(t *testing.T) {
	t.Helper()
	_ = p.cmd.Process.Kill()
	select {
	case <-p.exited:
		p.exited <- nil // later kills return at once
	case <-time.After(10 * time.Second):
		t.Errorf("ovgraph %d still runs 10 s after SIGKILL", p.cmd.Process.Pid)
	}
}

// clientIDPrefix is how the River client ID of the process starts (river_job.attempted_by).
func (p *process) clientIDPrefix(t *testing.T) string {
	t.Helper()
	host, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	return jobs.ClientIDPrefix(host, p.cmd.Process.Pid)
}

// graphql posts a document to the process as a touchpoint and decodes its data into out.
func (p *process) graphql(t *testing.T, query string, vars map[string]any, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "http://"+p.addr+"/graphql", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+sign(t, testSecret, "transfer-test", "touchpoint"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []any           `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	if len(r.Errors) > 0 {
		t.Fatalf("%s: errors %v", query, r.Errors)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			t.Fatal(err)
		}
	}
}

// Cards of the GBO stand-in's seed: pool card n of each kind, and a card GBO does not know.
func poolEMV(n int) string   { return fmt.Sprintf("00000001-0000-4000-8000-%012d", n) }
func poolOvpas(n int) string { return fmt.Sprintf("00000002-0000-4000-8000-%012d", n) }

const unknownCard = "00000009-0000-4000-8000-000000000001"

// newProfile creates a customer through p and returns its profile id.
func (p *process) newProfile(t *testing.T, email string) int {
	t.Helper()
	var out struct {
		CreateCustomer struct {
			Customer struct{ CustomerProfileID int }
		}
	}
	p.graphql(t, `mutation($e: String!) { createCustomer(input: {person: {surname: "Overdracht", emailAddress: $e}}) {
		customer { customerProfileId } } }`, map[string]any{"e": email}, &out)
	return out.CreateCustomer.Customer.CustomerProfileID
}

// addToken adds a token on card xTat, of type tokenType, to the profile, with an active product
// instance, and returns its id.
func (p *process) addToken(t *testing.T, store *postgres.Store, profile, tokenType int, xTat string) int {
	t.Helper()
	var n int
	if err := store.Pool().QueryRow(t.Context(), "SELECT customer_number FROM customer_profile WHERE id = $1", profile).Scan(&n); err != nil {
		t.Fatal(err)
	}
	var out struct {
		AddOvPayToken struct{ OvPayTokenID int }
	}
	p.graphql(t, `mutation($n: Int!, $type: Int!, $t: String!) { addOvPayToken(customerNumber: $n, input: {tokenTypeId: $type,
		xTat: $t, xBot: $t, alias: "Oud", lastDigits: "0001"}) { ovPayTokenId } }`,
		map[string]any{"n": n, "type": tokenType, "t": xTat}, &out)
	id := out.AddOvPayToken.OvPayTokenID
	if _, err := store.Pool().Exec(t.Context(), `INSERT INTO product_instance (ovpay_token_id, product_id, name, status,
		product_category_id, package_template_id, from_inclusive, order_id, order_line_id)
		VALUES ($1, 10, 'HTM 90% Korting', 'Active', 1, '10001', now(), gen_random_uuid(), gen_random_uuid())`, id); err != nil {
		t.Fatal(err)
	}
	return id
}

// transfer asks p for the transfer of the profile's token to card xTat and returns the run's id.
func (p *process) transfer(t *testing.T, profile, token int, xTat string) string {
	t.Helper()
	var out struct {
		TransferToken struct{ ClientTrackingID, Status string }
	}
	p.graphql(t, `mutation($p: Int, $id: Int!, $t: String!) { transferToken(customerProfileId: $p, ovPayTokenId: $id,
		input: {oldOvPayToken: {}, newOvPayToken: {xTat: $t, alias: "Nieuw"}}) { clientTrackingId status } }`,
		map[string]any{"p": profile, "id": token, "t": xTat}, &out)
	if out.TransferToken.Status != "Running" {
		t.Fatalf("transfer answered %+v", out.TransferToken)
	}
	return out.TransferToken.ClientTrackingID
}

// jobRow is a transfer's River job.
type jobRow struct {
	State       string
	Attempt     int
	AttemptedBy []string
	Errors      int
}

// jobOf reads the River job of the run.
func jobOf(t *testing.T, store *postgres.Store, run string) jobRow {
	t.Helper()
	var j jobRow
	if err := store.Pool().QueryRow(t.Context(), `SELECT state::text, attempt, coalesce(attempted_by, '{}'),
		coalesce(array_length(errors, 1), 0) FROM river_job WHERE kind = 'token_transfer' AND args->>'client_tracking_id' = $1`,
		run).Scan(&j.State, &j.Attempt, &j.AttemptedBy, &j.Errors); err != nil {
		t.Fatalf("job of %s: %v", run, err)
	}
	return j
}

// waitEnded waits until no run of runs is Running (checking every 50 ms, for at most limit).
func waitEnded(t *testing.T, store *postgres.Store, runs []string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		var running int
		if err := store.Pool().QueryRow(t.Context(), `SELECT count(*) FROM token_transfer
			WHERE client_tracking_id = ANY($1) AND status = 'Running'`, runs).Scan(&running); err != nil {
			t.Fatal(err)
		}
		if running == 0 {
			return
		}
		if time.Now().After(deadline) {
			var jobs, leader string
			_ = store.Pool().QueryRow(t.Context(), `SELECT coalesce(json_agg(j)::text, '') FROM (SELECT id, state, attempt,
				attempted_at, attempted_by, scheduled_at, errors FROM river_job) j`).Scan(&jobs)
			_ = store.Pool().QueryRow(t.Context(), `SELECT coalesce(json_agg(l)::text, '') FROM river_leader l`).Scan(&leader)
			t.Fatalf("%d of %d transfers still running after %s; jobs %s; leader %s", running, len(runs), limit, jobs, leader)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// countRows runs a counting statement.
func countRows(t *testing.T, store *postgres.Store, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := store.Pool().QueryRow(t.Context(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// lockRows holds rows of a table until the returned func releases them (or t ends), so transfer
// jobs stop there: at the start, after locking the run, on customer_profile; on ovpay_token, when
// the old token is replaced, after the rules were checked and the new token added. NO KEY UPDATE
// lets transferToken insert runs that refer to them.
func lockRows(t *testing.T, store *postgres.Store, table string, ids ...int) func() {
	t.Helper()
	tx, err := store.Pool().Begin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	release := func() { _ = tx.Rollback(context.Background()) }
	t.Cleanup(release)
	if _, err := tx.Exec(t.Context(), "SELECT 1 FROM "+table+" WHERE id = ANY($1) FOR NO KEY UPDATE", ids); err != nil {
		t.Fatal(err)
	}
	return release
}

// A transfer whose process is killed mid-job (stopped by the test's lock on the old token, with the
// rules checked and the new token added) is done by the next process, exactly once: the killed
// process's transaction rolls back, River's rescuer (on the process that leads once the
// dead one's leadership has expired) makes the job run again, and the run ends Succeeded with
// one new token, one replacement and one end recorded.
func TestTransferSurvivesACrash(t *testing.T) {
	t.Parallel() // it waits for River's leadership of the killed process to expire (15 s)
	bin := buildOvgraph(t)
	url := pgtest.NewDatabase(t)
	store := openStore(t, url)
	if err := store.SeedGBO(t.Context()); err != nil {
		t.Fatal(err)
	}
	first := startOvgraph(t, bin, url, nil)
	profile := first.newProfile(t, "crash@example.nl")
	oldCard, newCard := poolEMV(801), poolEMV(802)
	token := first.addToken(t, store, profile, 1, oldCard)

	release := lockRows(t, store, "ovpay_token", token)
	run := first.transfer(t, profile, token, newCard)
	pgtest.WaitForLockWaiters(t, url, 1)
	j := jobOf(t, store, run)
	if j.State != "running" || j.Attempt != 1 || len(j.AttemptedBy) != 1 || !strings.HasPrefix(j.AttemptedBy[0], first.clientIDPrefix(t)) {
		t.Fatalf("job before the crash: %+v, want running, attempt 1, by %s", j, first.clientIDPrefix(t))
	}
	first.kill(t)
	release()

	// Nothing of the job stayed.
	if n := countRows(t, store, "SELECT count(*) FROM token_transfer WHERE client_tracking_id = $1 AND status = 'Running'", run); n != 1 {
		t.Fatal("the run is no longer Running after its process died mid-job")
	}
	if n := countRows(t, store, "SELECT count(*) FROM ovpay_token WHERE x_tat = $1", newCard); n != 0 {
		t.Fatal("the killed job's new token stayed")
	}

	second := startOvgraph(t, bin, url, nil)
	waitEnded(t, store, []string{run}, 60*time.Second)

	var status string
	var newToken *int64
	if err := store.Pool().QueryRow(t.Context(), "SELECT status, new_token_id FROM token_transfer WHERE client_tracking_id = $1",
		run).Scan(&status, &newToken); err != nil {
		t.Fatal(err)
	}
	if status != "Succeeded" || newToken == nil {
		t.Fatalf("run ended %s, new token %v", status, newToken)
	}
	for what, n := range map[string]int{
		"new tokens on the card": countRows(t, store, "SELECT count(*) FROM ovpay_token WHERE x_tat = $1", newCard),
		"replacements of the old token": countRows(t, store, `SELECT count(*) FROM audit_trail
			WHERE entity = 'ovPayToken' AND action = 'update' AND entity_id = $1`, token),
		"insertions of the new token": countRows(t, store, `SELECT count(*) FROM audit_trail
			WHERE entity = 'ovPayToken' AND action = 'insert' AND entity_id = $1`, *newToken),
		"ends of the run": countRows(t, store, `SELECT count(*) FROM audit_trail
			WHERE entity = 'token_transfer' AND action = 'update' AND detail->>'clientTrackingId' = $1`, run),
		"products on the new token": countRows(t, store, "SELECT count(*) FROM product_instance WHERE ovpay_token_id = $1", *newToken),
	} {
		if n != 1 {
			t.Errorf("%s: %d, want 1", what, n)
		}
	}
	j = jobOf(t, store, run)
	if j.State != "completed" || j.Attempt != 2 || len(j.AttemptedBy) != 2 ||
		!strings.HasPrefix(j.AttemptedBy[1], second.clientIDPrefix(t)) || j.Errors != 1 {
		t.Errorf("job after the restart: %+v, want completed at attempt 2 by %s, with the rescue recorded", j, second.clientIDPrefix(t))
	}
	if n := countRows(t, store, `SELECT count(*) FROM river_job WHERE args->>'client_tracking_id' = $1
		AND errors[1]->>'error' LIKE '%rescued%'`, run); n != 1 {
		t.Errorf("the job was not rescued: %+v", j)
	}
}

// Two processes on one database share the transfers: each runs some (both are stopped mid-job
// at once, holding all their workers), and no job runs twice. Runs the rules refuse end Failed
// with their findings, and their jobs complete at the first attempt: they are not retried.
func TestTransfersSharedByTwoProcesses(t *testing.T) {
	t.Parallel()
	bin := buildOvgraph(t)
	url := pgtest.NewDatabase(t)
	store := openStore(t, url)
	if err := store.SeedGBO(t.Context()); err != nil {
		t.Fatal(err)
	}
	// Two workers each; a deadline far longer than the jobs wait for the test's locks.
	workers := map[string]string{"OVGRAPH_JOB_WORKERS": "2", "OVGRAPH_JOB_TIMEOUT": "1m", "OVGRAPH_JOB_RESCUE_AFTER": "2m"}
	procs := []*process{startOvgraph(t, bin, url, workers), startOvgraph(t, bin, url, workers)}

	type transfer struct {
		profile, token   int
		newCard          string
		status, code, by string // the expected end, and the finding that refuses it
	}
	var want []transfer
	var profiles []int
	for i := range 4 {
		p := procs[i%2]
		profile := p.newProfile(t, fmt.Sprintf("shared-%d@example.nl", i))
		profiles = append(profiles, profile)
		for k := range 5 {
			n := 600 + 10*i + k
			want = append(want, transfer{profile: profile, token: p.addToken(t, store, profile, 1, poolEMV(n)),
				newCard: poolEMV(n + 100), status: "Succeeded"})
		}
	}
	refused := procs[0].newProfile(t, "shared-refused@example.nl")
	want = append(want,
		transfer{profile: refused, token: procs[0].addToken(t, store, refused, 2, poolOvpas(601)), newCard: poolEMV(801),
			status: "Failed", code: "NOT_ALLOWED", by: "TOKEN_TYPE"},
		transfer{profile: refused, token: procs[0].addToken(t, store, refused, 2, poolOvpas(602)), newCard: poolEMV(802),
			status: "Failed", code: "NOT_ALLOWED", by: "TOKEN_TYPE"},
		transfer{profile: refused, token: procs[0].addToken(t, store, refused, 1, poolEMV(650)), newCard: unknownCard,
			status: "Failed", code: "NOT_FOUND", by: "XTAT_NOT_FOUND"})

	release := lockRows(t, store, "customer_profile", profiles...)
	runs := make([]string, len(want))
	for i, tr := range want {
		runs[i] = procs[i%2].transfer(t, tr.profile, tr.token, tr.newCard)
	}
	// Two workers in each process, each stopped at a locked profile: both processes took jobs.
	pgtest.WaitForLockWaiters(t, url, 4)
	running := map[string]bool{}
	for _, run := range runs {
		if j := jobOf(t, store, run); j.State == "running" {
			for i, p := range procs {
				if strings.HasPrefix(j.AttemptedBy[0], p.clientIDPrefix(t)) {
					running[fmt.Sprint(i)] = true
				}
			}
		}
	}
	if len(running) != 2 {
		t.Errorf("jobs running in processes %v, want both", running)
	}
	release()
	waitEnded(t, store, runs, 60*time.Second)

	ranBy := map[int]int{}
	for i, tr := range want {
		var status string
		var code *string
		var findings []byte
		if err := store.Pool().QueryRow(t.Context(), `SELECT status, error_code, findings FROM token_transfer
			WHERE client_tracking_id = $1`, runs[i]).Scan(&status, &code, &findings); err != nil {
			t.Fatal(err)
		}
		var found []struct{ Code string }
		if err := json.Unmarshal(findings, &found); err != nil {
			t.Fatal(err)
		}
		gotCode, gotBy := "", ""
		if code != nil {
			gotCode = *code
		}
		if len(found) > 0 {
			gotBy = found[0].Code
		}
		if status != tr.status || gotCode != tr.code || gotBy != tr.by || len(found) > 1 {
			t.Errorf("transfer %d ended %s %s %s, want %s %s %s", i, status, gotCode, findings, tr.status, tr.code, tr.by)
		}
		j := jobOf(t, store, runs[i])
		if j.State != "completed" || j.Attempt != 1 || len(j.AttemptedBy) != 1 || j.Errors != 0 {
			t.Errorf("job of transfer %d: %+v, want completed at the first attempt", i, j)
		}
		for k, p := range procs {
			if len(j.AttemptedBy) > 0 && strings.HasPrefix(j.AttemptedBy[0], p.clientIDPrefix(t)) {
				ranBy[k]++
			}
		}
		if n := countRows(t, store, `SELECT count(*) FROM audit_trail WHERE entity = 'token_transfer' AND action = 'update'
			AND detail->>'clientTrackingId' = $1`, runs[i]); n != 1 {
			t.Errorf("transfer %d: its end recorded %d times", i, n)
		}
		wantTokens := 0
		if tr.status == "Succeeded" {
			wantTokens = 1
		}
		if n := countRows(t, store, "SELECT count(*) FROM ovpay_token WHERE x_tat = $1 AND customer_profile_id = $2",
			tr.newCard, tr.profile); n != wantTokens {
			t.Errorf("transfer %d: %d tokens on the new card, want %d", i, n, wantTokens)
		}
	}
	if ranBy[0]+ranBy[1] != len(want) || ranBy[0] == 0 || ranBy[1] == 0 {
		t.Errorf("jobs run by the processes: %v of %d", ranBy, len(want))
	}

	// The refused run, as tokenTransfer answers it.
	var out struct {
		TokenTransfer struct {
			Status    string
			ErrorCode string
			Findings  []struct{ Code, Pointer string }
		}
	}
	procs[1].graphql(t, `query($p: Int, $c: String!) { tokenTransfer(customerProfileId: $p, clientTrackingId: $c) {
		status errorCode findings { code pointer } } }`, map[string]any{"p": refused, "c": runs[len(runs)-3]}, &out)
	if r := out.TokenTransfer; r.Status != "Failed" || r.ErrorCode != "NOT_ALLOWED" || len(r.Findings) != 1 ||
		r.Findings[0].Code != "TOKEN_TYPE" || r.Findings[0].Pointer != "#/0/ovPayToken/tokenTypeId" {
		t.Errorf("tokenTransfer of the refused run: %+v", r)
	}
}

// On SIGTERM, serve gives the jobs in flight the shutdown grace, then cancels them: a job stopped
// mid-way rolls back and River puts it back in the queue, and the next process runs it, once.
func TestTransferStoppedByShutdownRunsAgain(t *testing.T) {
	t.Parallel()
	bin := buildOvgraph(t)
	url := pgtest.NewDatabase(t)
	store := openStore(t, url)
	if err := store.SeedGBO(t.Context()); err != nil {
		t.Fatal(err)
	}
	grace := map[string]string{"OVGRAPH_SHUTDOWN_GRACE": "500ms"}
	first := startOvgraph(t, bin, url, grace)
	profile := first.newProfile(t, "shutdown@example.nl")
	newCard := poolEMV(852)
	token := first.addToken(t, store, profile, 1, poolEMV(851))

	release := lockRows(t, store, "ovpay_token", token)
	run := first.transfer(t, profile, token, newCard)
	pgtest.WaitForLockWaiters(t, url, 1)
	if err := first.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-first.exited:
		first.exited <- err
		if err != nil {
			t.Fatalf("serve ended with %v after SIGTERM:\n%s", err, first.log.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("serve still runs 20 s after SIGTERM:\n%s", first.log.String())
	}
	release()
	if j := jobOf(t, store, run); j.State != "available" || j.Attempt != 0 {
		t.Fatalf("job after the shutdown: %+v, want it back in the queue, its attempt not counted", j)
	}
	if n := countRows(t, store, "SELECT count(*) FROM ovpay_token WHERE x_tat = $1", newCard); n != 0 {
		t.Fatal("the cancelled job's new token stayed")
	}

	second := startOvgraph(t, bin, url, grace)
	waitEnded(t, store, []string{run}, 30*time.Second)
	if n := countRows(t, store, "SELECT count(*) FROM token_transfer WHERE client_tracking_id = $1 AND status = 'Succeeded'", run); n != 1 {
		t.Error("the run did not succeed after the restart")
	}
	if n := countRows(t, store, "SELECT count(*) FROM ovpay_token WHERE x_tat = $1", newCard); n != 1 {
		t.Errorf("%d new tokens, want 1", n)
	}
	// River does not count an attempt that its client's shutdown cancelled.
	if j := jobOf(t, store, run); j.State != "completed" || j.Attempt != 1 || len(j.AttemptedBy) != 2 ||
		!strings.HasPrefix(j.AttemptedBy[1], second.clientIDPrefix(t)) {
		t.Errorf("job after the restart: %+v, want completed by the second process", j)
	}
}
