package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// cancelledAnswerWait is how long requests cancelled at the end of the shutdown grace get to
// answer (their statements are cancelled, so it takes milliseconds) before connections close.
const cancelledAnswerWait = 5 * time.Second

// newHTTPServer serves h with the connection timeouts of l. Every request's context derives from
// base: cancelling base cancels every request in flight.
func newHTTPServer(h http.Handler, l Limits, log *slog.Logger, base context.Context) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.ReadHeaderTimeout,
		ReadTimeout:       l.ReadTimeout,
		WriteTimeout:      l.WriteTimeout,
		IdleTimeout:       l.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return base },
	}
}

// serveUntil serves h on ln until ctx ends, then shuts down in order:
//
//  1. draining turns true, so /readyz answers 503 and load balancers stop sending requests;
//  2. after l.DrainDelay the listener closes, and idle connections with it;
//  3. requests in flight get l.ShutdownGrace to finish;
//  4. those still running then are cancelled: their statements are cancelled and their
//     transactions rolled back, they answer, and their connections close.
func serveUntil(ctx context.Context, ln net.Listener, h http.Handler, l Limits, draining *atomic.Bool, log *slog.Logger) error {
	base, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	srv := newHTTPServer(h, l, log, base)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}

	draining.Store(true)
	log.Info("shutting down", "drain_delay", l.DrainDelay.String(), "grace", l.ShutdownGrace.String())
	time.Sleep(l.DrainDelay)
	grace, cancel := context.WithTimeout(context.Background(), l.ShutdownGrace)
	defer cancel()
	err := srv.Shutdown(grace)
	if !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	log.Warn("shutdown grace over: cancelling the requests in flight")
	cancelRequests()
	last, cancel := context.WithTimeout(context.Background(), cancelledAnswerWait)
	defer cancel()
	if err := srv.Shutdown(last); err != nil {
		log.Warn("requests still running after cancellation: closing their connections")
		return srv.Close()
	}
	return nil
}
