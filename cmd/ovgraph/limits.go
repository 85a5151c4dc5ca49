package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"ovgraph/adapters/jobs"
	"ovgraph/adapters/postgres"
	"ovgraph/resolvers"
)

// Limits bound what one request may cost and how long anything may take: the body and the
// GraphQL document, the request's deadline and the database's, the pool, the connection timeouts
// of the HTTP server and shutdown, and the background jobs. Each is set by its environment variable or flag (settings
// lists them); a duration of 0 turns that timeout off.
type Limits struct {
	MaxBodyBytes  int64 // OVGRAPH_MAX_BODY_BYTES
	MaxTokens     int   // OVGRAPH_MAX_TOKENS
	MaxDepth      int   // OVGRAPH_MAX_DEPTH
	MaxAliases    int   // OVGRAPH_MAX_ALIASES
	MaxComplexity int   // OVGRAPH_MAX_COMPLEXITY
	MaxErrors     int   // OVGRAPH_MAX_ERRORS

	RequestTimeout   time.Duration // OVGRAPH_REQUEST_TIMEOUT
	DBMaxConns       int           // OVGRAPH_DB_MAX_CONNS
	StatementTimeout time.Duration // OVGRAPH_STATEMENT_TIMEOUT
	LockTimeout      time.Duration // OVGRAPH_LOCK_TIMEOUT

	ReadHeaderTimeout time.Duration // OVGRAPH_READ_HEADER_TIMEOUT
	ReadTimeout       time.Duration // OVGRAPH_READ_TIMEOUT
	WriteTimeout      time.Duration // OVGRAPH_WRITE_TIMEOUT
	IdleTimeout       time.Duration // OVGRAPH_IDLE_TIMEOUT
	DrainDelay        time.Duration // OVGRAPH_DRAIN_DELAY
	ShutdownGrace     time.Duration // OVGRAPH_SHUTDOWN_GRACE

	JobWorkers      int           // OVGRAPH_JOB_WORKERS
	JobTimeout      time.Duration // OVGRAPH_JOB_TIMEOUT
	JobRescueAfter  time.Duration // OVGRAPH_JOB_RESCUE_AFTER
	JobPollInterval time.Duration // OVGRAPH_JOB_POLL_INTERVAL
}

// defaultLimits are safe for one replica behind a load balancer. A request's deadline comes
// before the write timeout, so a late answer is an error rather than a cut connection, and before
// the end of the shutdown grace, so requests in flight at shutdown can finish.
func defaultLimits() Limits {
	o := resolvers.DefaultOptions
	return Limits{
		MaxBodyBytes:  1 << 20,
		MaxTokens:     o.MaxTokens,
		MaxDepth:      o.MaxDepth,
		MaxAliases:    o.MaxAliases,
		MaxComplexity: o.MaxComplexity,
		MaxErrors:     o.MaxErrors,

		RequestTimeout:   10 * time.Second,
		DBMaxConns:       20,
		StatementTimeout: 5 * time.Second,
		LockTimeout:      2 * time.Second,

		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      20 * time.Second,
		IdleTimeout:       2 * time.Minute,
		DrainDelay:        0,
		ShutdownGrace:     15 * time.Second,

		JobWorkers:      10,
		JobTimeout:      time.Minute,
		JobRescueAfter:  5 * time.Minute,
		JobPollInterval: time.Second,
	}
}

// setting is one limit: its environment variable, its flag and the field it sets.
type setting struct {
	env, flag, usage string
	value            flag.Value
}

// settings lists every limit, in the order of the README and of `serve -h`.
func (l *Limits) settings() []setting {
	return []setting{
		{"OVGRAPH_MAX_BODY_BYTES", "max-body-bytes", "request body cap in `bytes` (413 above it)", byteCount{&l.MaxBodyBytes}},
		{"OVGRAPH_MAX_TOKENS", "max-tokens", "`tokens` of a GraphQL document, counted before it is parsed", count{&l.MaxTokens}},
		{"OVGRAPH_MAX_DEPTH", "max-depth", "`levels` the fields of a GraphQL document may nest", count{&l.MaxDepth}},
		{"OVGRAPH_MAX_ALIASES", "max-aliases", "aliased `fields` of a GraphQL operation", count{&l.MaxAliases}},
		{"OVGRAPH_MAX_COMPLEXITY", "max-complexity", "`complexity` of a GraphQL operation: a field costs 1, a page of customers its size times what each selects", count{&l.MaxComplexity}},
		{"OVGRAPH_MAX_ERRORS", "max-errors", "`errors` in one GraphQL answer; one more says how many were left out", count{&l.MaxErrors}},
		{"OVGRAPH_REQUEST_TIMEOUT", "request-timeout", "deadline of a request (a `duration`; 0 for none)", duration{&l.RequestTimeout}},
		{"OVGRAPH_DB_MAX_CONNS", "db-max-conns", "PostgreSQL `connections` in the pool", count{&l.DBMaxConns}},
		{"OVGRAPH_STATEMENT_TIMEOUT", "statement-timeout", "PostgreSQL statement_timeout: how long a statement may run (a `duration`; 0 for the server's)", duration{&l.StatementTimeout}},
		{"OVGRAPH_LOCK_TIMEOUT", "lock-timeout", "PostgreSQL lock_timeout: how long a statement may wait for a lock (a `duration`; 0 for the server's)", duration{&l.LockTimeout}},
		{"OVGRAPH_READ_HEADER_TIMEOUT", "read-header-timeout", "time to read a request's headers (a `duration`; 0 for the read timeout)", duration{&l.ReadHeaderTimeout}},
		{"OVGRAPH_READ_TIMEOUT", "read-timeout", "time to read a whole request, body included (a `duration`; 0 for none)", duration{&l.ReadTimeout}},
		{"OVGRAPH_WRITE_TIMEOUT", "write-timeout", "time from a request's headers to the end of its answer (a `duration`; 0 for none)", duration{&l.WriteTimeout}},
		{"OVGRAPH_IDLE_TIMEOUT", "idle-timeout", "how long an idle keep-alive connection stays open (a `duration`; 0 for the read timeout)", duration{&l.IdleTimeout}},
		{"OVGRAPH_DRAIN_DELAY", "drain-delay", "on shutdown, how long /readyz answers 503 before the listener closes (a `duration`)", duration{&l.DrainDelay}},
		{"OVGRAPH_SHUTDOWN_GRACE", "shutdown-grace", "on shutdown, how long requests in flight may finish before they are cancelled (a `duration`)", duration{&l.ShutdownGrace}},
		{"OVGRAPH_JOB_WORKERS", "job-workers", "background `jobs` (token transfers) one process runs at once", count{&l.JobWorkers}},
		{"OVGRAPH_JOB_TIMEOUT", "job-timeout", "deadline of a background job: then it is cancelled, rolled back and retried (a `duration`, not 0)", duration{&l.JobTimeout}},
		{"OVGRAPH_JOB_RESCUE_AFTER", "job-rescue-after", "a job running longer is taken for orphaned (its process died) and run again (a `duration`, longer than the job timeout)", duration{&l.JobRescueAfter}},
		{"OVGRAPH_JOB_POLL_INTERVAL", "job-poll-interval", "how often a process looks for jobs when no notification woke it (a `duration`)", duration{&l.JobPollInterval}},
	}
}

// check reports limits that contradict each other.
func (l Limits) check() []error {
	var errs []error
	if l.WriteTimeout > 0 && (l.RequestTimeout == 0 || l.RequestTimeout >= l.WriteTimeout) {
		errs = append(errs, errors.New("OVGRAPH_REQUEST_TIMEOUT must be shorter than OVGRAPH_WRITE_TIMEOUT, "+
			"or late answers are cut off instead of sent"))
	}
	if l.JobTimeout == 0 {
		errs = append(errs, errors.New("OVGRAPH_JOB_TIMEOUT must not be 0: River runs the jobs of a process that died "+
			"again only once their deadline has passed"))
	}
	if l.JobRescueAfter <= l.JobTimeout {
		errs = append(errs, errors.New("OVGRAPH_JOB_RESCUE_AFTER must be longer than OVGRAPH_JOB_TIMEOUT, "+
			"or jobs still running are run a second time"))
	}
	if l.JobPollInterval < time.Millisecond {
		errs = append(errs, errors.New("OVGRAPH_JOB_POLL_INTERVAL must be at least 1ms"))
	}
	return errs
}

// jobsConfig is how the server runs background jobs.
func (l Limits) jobsConfig(log *slog.Logger) jobs.Config {
	return jobs.Config{Workers: l.JobWorkers, JobTimeout: l.JobTimeout, RescueAfter: l.JobRescueAfter,
		PollInterval: l.JobPollInterval, Logger: log}
}

// resolverOptions are the GraphQL limits as the resolvers take them.
func (l Limits) resolverOptions() resolvers.Options {
	o := resolvers.DefaultOptions
	o.MaxTokens, o.MaxDepth, o.MaxAliases = l.MaxTokens, l.MaxDepth, l.MaxAliases
	o.MaxComplexity, o.MaxErrors = l.MaxComplexity, l.MaxErrors
	return o
}

// storeConfig is how the server opens the database.
func (l Limits) storeConfig(url string) postgres.Config {
	return postgres.Config{URL: url, MaxConns: int32(l.DBMaxConns),
		StatementTimeout: l.StatementTimeout, LockTimeout: l.LockTimeout}
}

// count is a flag.Value for a positive int that fits PostgreSQL's and pgx's int32 settings.
type count struct{ p *int }

func (c count) String() string {
	if c.p == nil {
		return "0"
	}
	return strconv.Itoa(*c.p)
}

func (c count) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil || n <= 0 {
		return errors.New("is not a positive whole number")
	}
	*c.p = int(n)
	return nil
}

// byteCount is a flag.Value for a positive number of bytes.
type byteCount struct{ p *int64 }

func (b byteCount) String() string {
	if b.p == nil {
		return "0"
	}
	return strconv.FormatInt(*b.p, 10)
}

func (b byteCount) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return errors.New("is not a positive number of bytes")
	}
	*b.p = n
	return nil
}

// duration is a flag.Value for a time.Duration of 0 or more.
type duration struct{ p *time.Duration }

func (d duration) String() string {
	if d.p == nil {
		return "0s"
	}
	return shortDuration(*d.p)
}

// shortDuration writes 2m and 24h where time.Duration writes 2m0s and 24h0m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func (d duration) Set(s string) error {
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return fmt.Errorf("is not a duration (such as 500ms, 10s or 1m)")
	}
	*d.p = v
	return nil
}
