// Package jobs runs ovgraph's background jobs on River (github.com/riverqueue/river): the jobs
// are rows in PostgreSQL (river_job, made by the migrate step), enqueued in the transaction of the
// write that asks for them, fetched with FOR UPDATE SKIP LOCKED by every replica, retried with
// backoff when they fail, and rescued when the process that ran them died. The work itself is
// not here: a job calls the one function cmd hands this package (a resolvers method), so nothing
// in this adapter knows the business.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// QueueTransfers is the queue of token transfers.
const QueueTransfers = "token_transfer"

// QueueEmail is the queue of e-mail from the outbox.
const QueueEmail = "email"

// Config says how many jobs a process runs at once and how long they may take.
type Config struct {
	// Workers is how many jobs of a queue one process runs at once.
	Workers int
	// JobTimeout cancels a job's context after this long. It is required: River rescues only jobs
	// that have a deadline, and only once it has passed.
	JobTimeout time.Duration
	// RescueAfter is how long a job may stay running before it is taken for orphaned (its
	// process died) and made to run again. Longer than JobTimeout.
	RescueAfter time.Duration
	// PollInterval is how often a process looks for jobs when no notification woke it.
	PollInterval time.Duration
	// Logger receives River's logs.
	Logger *slog.Logger
}

// Validate reports settings River would refuse.
func (c Config) Validate() error {
	var errs []error
	if c.Workers < 1 {
		errs = append(errs, errors.New("workers: at least 1"))
	}
	if c.JobTimeout <= 0 {
		errs = append(errs, errors.New("job timeout: must be positive, or jobs of a process that died are never run again"))
	}
	if c.RescueAfter <= c.JobTimeout {
		errs = append(errs, errors.New("rescue after: must be longer than the job timeout, or running jobs are run twice"))
	}
	if c.PollInterval < time.Millisecond {
		errs = append(errs, errors.New("poll interval: at least 1ms"))
	}
	return errors.Join(errs...)
}

// Transfers does the work of one token transfer. complete marks the job done in a transaction:
// RunTransfer calls it in the transaction of the work, so the work and the job's completion
// commit together, or neither does and River runs the job again. An error leaves the job to
// River's retries; a run that fails for good (a business rule) is recorded and returns nil.
type Transfers interface {
	RunTransfer(ctx context.Context, clientTrackingID string, complete func(tx pgx.Tx) error) error
}

// TransferArgs are a token transfer job's arguments: the run it works on.
type TransferArgs struct {
	ClientTrackingID string `json:"client_tracking_id"`
}

// Kind names the job kind in river_job.
func (TransferArgs) Kind() string { return "token_transfer" }

// InsertOpts puts transfers on their queue.
func (TransferArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: QueueTransfers} }

type transferWorker struct {
	river.WorkerDefaults[TransferArgs]
	transfers Transfers
}

func (w *transferWorker) Work(ctx context.Context, job *river.Job[TransferArgs]) error {
	return w.transfers.RunTransfer(ctx, job.Args.ClientTrackingID, func(tx pgx.Tx) error {
		if _, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job); err != nil {
			return fmt.Errorf("complete job %d: %w", job.ID, err)
		}
		return nil
	})
}

// Mail sends the outbox message with key outboxID (adapters/mail's Outbox is one). complete marks
// the job done in a transaction, as for transfers: Deliver calls it in the transaction that marks
// the message sent. An error leaves the job to River's retries, the message unsent.
type Mail interface {
	Deliver(ctx context.Context, outboxID int64, complete func(tx pgx.Tx) error) error
}

// EmailArgs are an e-mail job's arguments: the outbox row only, never an address or a body.
type EmailArgs struct {
	OutboxID int64 `json:"outbox_id"`
}

// Kind names the job kind in river_job.
func (EmailArgs) Kind() string { return "email" }

// InsertOpts puts e-mail on its queue.
func (EmailArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: QueueEmail} }

type emailWorker struct {
	river.WorkerDefaults[EmailArgs]
	mail Mail
}

func (w *emailWorker) Work(ctx context.Context, job *river.Job[EmailArgs]) error {
	if w.mail == nil {
		return fmt.Errorf("e-mail %d: this process has no mail outbox (jobs.WithMail)", job.Args.OutboxID)
	}
	return w.mail.Deliver(ctx, job.Args.OutboxID, func(tx pgx.Tx) error {
		if _, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job); err != nil {
			return fmt.Errorf("complete job %d: %w", job.ID, err)
		}
		return nil
	})
}

// QueueVendorSync is the queue of pushes of our changes to the vendor systems.
const QueueVendorSync = "vendor_sync"

// vendorSyncAttempts is how often a push is tried before River gives up on it: with River's
// backoff (attempt⁴ seconds) the last try comes about three weeks after the change, long enough
// for a vendor's outage; the sync stays PENDING, with its last error, when even that fails.
const vendorSyncAttempts = 25

// VendorSync pushes the change the vendor_sync row syncID records to its vendor. complete marks
// the job done in a transaction, as for transfers: RunVendorSync calls it in the transaction that
// records the vendor's acceptance (or refusal). An error leaves the job to River's retries.
type VendorSync interface {
	RunVendorSync(ctx context.Context, syncID int64, complete func(tx pgx.Tx) error) error
}

// VendorSyncArgs are a push's arguments: the vendor_sync row only, never the data pushed.
type VendorSyncArgs struct {
	SyncID int64 `json:"sync_id"`
}

// Kind names the job kind in river_job.
func (VendorSyncArgs) Kind() string { return "vendor_sync" }

// InsertOpts puts pushes on their queue.
func (VendorSyncArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueVendorSync, MaxAttempts: vendorSyncAttempts}
}

type vendorSyncWorker struct {
	river.WorkerDefaults[VendorSyncArgs]
	sync VendorSync
}

func (w *vendorSyncWorker) Work(ctx context.Context, job *river.Job[VendorSyncArgs]) error {
	if w.sync == nil {
		return fmt.Errorf("vendor sync %d: this process pushes no vendor syncs (jobs.WithVendorSync)", job.Args.SyncID)
	}
	return w.sync.RunVendorSync(ctx, job.Args.SyncID, func(tx pgx.Tx) error {
		if _, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job); err != nil {
			return fmt.Errorf("complete job %d: %w", job.ID, err)
		}
		return nil
	})
}

// Option adds to what New builds.
type Option func(*options)

type options struct {
	mail       Mail
	vendorSync VendorSync
}

// WithVendorSync has the client's vendor sync jobs pushed by sync. Without it they are enqueued
// all the same, and fail (to be retried) when this process runs them.
func WithVendorSync(sync VendorSync) Option {
	return func(o *options) { o.vendorSync = sync }
}

// WithMail has the client's e-mail jobs delivered by mail. Without it they are enqueued all the
// same, and fail (to be retried) when this process runs them.
func WithMail(mail Mail) Option {
	return func(o *options) { o.mail = mail }
}

// Client enqueues jobs and, once started, runs them.
type Client struct {
	river *river.Client[pgx.Tx]
}

// New builds a client on pool whose transfer jobs call transfers (and e-mail jobs the Mail of
// WithMail). It runs nothing until Start.
func New(pool *pgxpool.Pool, cfg Config, transfers Transfers, opts ...Option) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &transferWorker{transfers: transfers}); err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	if err := river.AddWorkerSafely(workers, &emailWorker{mail: o.mail}); err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	if err := river.AddWorkerSafely(workers, &vendorSyncWorker{sync: o.vendorSync}); err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	queues := map[string]river.QueueConfig{QueueTransfers: {MaxWorkers: cfg.Workers}, QueueEmail: {MaxWorkers: cfg.Workers},
		QueueVendorSync: {MaxWorkers: cfg.Workers}}
	rc, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		ID:                   clientID(),
		Queues:               queues,
		Workers:              workers,
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		FetchPollInterval:    cfg.PollInterval,
		FetchCooldown:        min(cfg.PollInterval, river.FetchCooldownDefault),
		Logger:               logger,
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return &Client{river: rc}, nil
}

// clientID names this process in river_job.attempted_by and river_leader: host, process id and
// start time, so an operator (or a test) can tell which process ran a job.
func clientID() string {
	host, _ := os.Hostname()
	return ClientIDPrefix(host, os.Getpid()) + strconv.FormatInt(time.Now().UnixMilli(), 10)
}

// ClientIDPrefix is how every client ID of the process with this pid on this host starts.
func ClientIDPrefix(host string, pid int) string { return fmt.Sprintf("%s-%d-", host, pid) }

// EnqueueTransfer adds the job of a token transfer in tx: it exists once tx commits, and never if
// tx rolls back.
func (c *Client) EnqueueTransfer(ctx context.Context, tx pgx.Tx, clientTrackingID string) error {
	if _, err := c.river.InsertTx(ctx, tx, TransferArgs{ClientTrackingID: clientTrackingID}, nil); err != nil {
		return fmt.Errorf("enqueue transfer: %w", err)
	}
	return nil
}

// EnqueueEmail adds the job that sends the outbox message with key outboxID in tx, the
// transaction that wrote the message: it exists once tx commits, and never if tx rolls back.
func (c *Client) EnqueueEmail(ctx context.Context, tx pgx.Tx, outboxID int64) error {
	if _, err := c.river.InsertTx(ctx, tx, EmailArgs{OutboxID: outboxID}, nil); err != nil {
		return fmt.Errorf("enqueue e-mail: %w", err)
	}
	return nil
}

// EnqueueVendorSync adds the job that pushes the vendor_sync row syncID in tx, the transaction
// that wrote the row and the change it records.
func (c *Client) EnqueueVendorSync(ctx context.Context, tx pgx.Tx, syncID int64) error {
	if _, err := c.river.InsertTx(ctx, tx, VendorSyncArgs{SyncID: syncID}, nil); err != nil {
		return fmt.Errorf("enqueue vendor sync: %w", err)
	}
	return nil
}

// Start runs jobs until Stop. ctx carries values only: Stop ends the work.
func (c *Client) Start(ctx context.Context) error {
	return c.river.Start(context.WithoutCancel(ctx))
}

// Stop stops fetching jobs and waits for those running to finish; when ctx ends first, it
// cancels them and waits for them to give up (their transactions roll back, and the jobs run
// again elsewhere or after a restart).
func (c *Client) Stop(ctx context.Context) error {
	err := c.river.Stop(ctx)
	if err == nil || ctx.Err() == nil {
		return err
	}
	hard, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	return c.river.StopAndCancel(hard)
}
