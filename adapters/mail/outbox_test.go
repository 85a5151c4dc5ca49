package mail_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"ovgraph/adapters/jobs"
	"ovgraph/adapters/mail"
	"ovgraph/adapters/postgres"
	"ovgraph/adapters/postgres/pgtest"
)

// noTransfers is the transfer work of a client that runs e-mail only.
type noTransfers struct{}

func (noTransfers) RunTransfer(context.Context, string, func(pgx.Tx) error) error { return nil }

// syncBuffer is a log destination the jobs' goroutines and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

const (
	recipient = "houder@example.nl"
	code      = "493817"
)

// outboxEnv runs the e-mail jobs of a fresh migrated database through an Outbox with sender,
// logging into the returned buffer; enqueue writes a message with the code for recipient to the
// outbox and its job, in one transaction, and returns the message's key.
func outboxEnv(t *testing.T, sender mail.Sender) (store *postgres.Store, log *syncBuffer, enqueue func() int64) {
	t.Helper()
	store, err := postgres.Open(t.Context(), postgres.Config{URL: pgtest.NewDatabase(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	log = &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(log, nil))
	outbox := &mail.Outbox{Store: store, Sender: sender, Log: logger}
	c, err := jobs.New(store.Pool(), jobs.Config{Workers: 1, JobTimeout: 10 * time.Second, RescueAfter: time.Minute,
		PollInterval: 20 * time.Millisecond, Logger: logger}, noTransfers{}, jobs.WithMail(outbox))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := c.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	enqueue = func() int64 {
		t.Helper()
		var id int64
		err := store.InTx(t.Context(), func(q *postgres.Queries) error {
			var err error
			id, err = q.InsertOutboxEmail(t.Context(), postgres.InsertOutboxEmailParams{
				Recipient: recipient, Subject: "Uw verificatiecode van HTM", Body: "Uw verificatiecode is " + code + "."})
			if err != nil {
				return err
			}
			tx, _ := q.Tx()
			return c.EnqueueEmail(t.Context(), tx, id)
		})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	return store, log, enqueue
}

// waitJob waits (at most 10 s) until the e-mail job of outbox message id satisfies ok, and
// returns its state, attempt and recorded errors.
func waitJob(t *testing.T, store *postgres.Store, id int64, ok func(state string, attempt int, errs []string) bool) (string, int, []string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var (
			state   string
			attempt int
			errs    []string
		)
		err := store.Pool().QueryRow(t.Context(), `SELECT state::text, attempt,
			coalesce((SELECT array_agg(e->>'error') FROM unnest(errors) e), '{}')
			FROM river_job WHERE kind = 'email' AND (args->>'outbox_id')::bigint = $1`, id).Scan(&state, &attempt, &errs)
		if err != nil {
			t.Fatal(err)
		}
		if ok(state, attempt, errs) {
			return state, attempt, errs
		}
		if time.Now().After(deadline) {
			t.Fatalf("e-mail job of %d: %s, attempt %d, errors %v after 10 s", id, state, attempt, errs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// sent tells whether outbox message id is marked sent.
func sent(t *testing.T, store *postgres.Store, id int64) bool {
	t.Helper()
	var done bool
	if err := store.Pool().QueryRow(t.Context(), `SELECT sent_on IS NOT NULL FROM email_outbox WHERE id = $1`, id).Scan(&done); err != nil {
		t.Fatal(err)
	}
	return done
}

// noPersonalData checks that the log names neither the recipient nor the code.
func noPersonalData(t *testing.T, log string) {
	t.Helper()
	if strings.Contains(log, recipient) || strings.Contains(log, code) {
		t.Errorf("the log shows personal data:\n%s", log)
	}
}

// The job of an outbox message sends it through SMTP to its recipient, with the code, marks it
// sent and completes, at its first attempt; the log names the message's key only.
func TestOutboxSends(t *testing.T) {
	srv := newSMTPServer(t, "")
	store, log, enqueue := outboxEnv(t, mail.SMTP{Addr: srv.addr(), From: "noreply@htm.example"})
	id := enqueue()
	if _, attempt, _ := waitJob(t, store, id, func(s string, _ int, _ []string) bool { return s == "completed" }); attempt != 1 {
		t.Errorf("completed at attempt %d, want 1", attempt)
	}
	got := srv.messages()
	if len(got) != 1 || got[0].to != "<"+recipient+">" || !strings.Contains(got[0].body, code) {
		t.Fatalf("the server got %+v, want one message to the recipient with the code", got)
	}
	if !sent(t, store, id) {
		t.Error("the message is not marked sent")
	}
	noPersonalData(t, log.String())
	if !strings.Contains(log.String(), "outbox_id=") {
		t.Errorf("the log does not name the message:\n%s", log.String())
	}
}

// A server that refuses the message fails the job: River retries it, the message stays unsent,
// and neither the log nor the job's recorded errors show the address or the code.
func TestOutboxRetriesWhenSMTPFails(t *testing.T) {
	srv := newSMTPServer(t, "451 4.3.0 <"+recipient+">: try again later")
	store, log, enqueue := outboxEnv(t, mail.SMTP{Addr: srv.addr(), From: "noreply@htm.example"})
	id := enqueue()
	state, _, errs := waitJob(t, store, id, func(_ string, attempt int, errs []string) bool { return attempt >= 2 && len(errs) >= 2 })
	if state == "completed" || sent(t, store, id) || len(srv.messages()) != 0 {
		t.Errorf("job %s, sent %t, %d messages: want it retried, unsent", state, sent(t, store, id), len(srv.messages()))
	}
	noPersonalData(t, log.String()+strings.Join(errs, "\n"))
	if !strings.Contains(errs[0], "451") {
		t.Errorf("job error %q, want the reply code", errs[0])
	}
}

// Without a mail server configured the job leaves the message unsent in the outbox and completes;
// the log names the message's key only.
func TestOutboxWithoutSender(t *testing.T) {
	store, log, enqueue := outboxEnv(t, nil)
	id := enqueue()
	waitJob(t, store, id, func(s string, _ int, _ []string) bool { return s == "completed" })
	if sent(t, store, id) {
		t.Error("a message is marked sent without a mail server")
	}
	noPersonalData(t, log.String())
	if !strings.Contains(log.String(), "left unsent") || !strings.Contains(log.String(), "outbox_id=") {
		t.Errorf("the log does not say the message was left unsent:\n%s", log.String())
	}
}

// A message the server rejects for good (5xx) is not tried again: the job completes, the message
// stays unsent, and the log says so by the message's key only.
func TestOutboxGivesUpOnRejection(t *testing.T) {
	srv := newSMTPServer(t, "550 5.1.1 <"+recipient+">: Recipient address rejected")
	store, log, enqueue := outboxEnv(t, mail.SMTP{Addr: srv.addr(), From: "noreply@htm.example"})
	id := enqueue()
	if _, attempt, _ := waitJob(t, store, id, func(s string, _ int, _ []string) bool { return s == "completed" }); attempt != 1 {
		t.Errorf("completed at attempt %d, want 1", attempt)
	}
	if sent(t, store, id) {
		t.Error("a rejected message is marked sent")
	}
	noPersonalData(t, log.String())
	if !strings.Contains(log.String(), "rejected for good") {
		t.Errorf("the log does not say the message was rejected:\n%s", log.String())
	}
}
