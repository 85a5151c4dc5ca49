package resolvers

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"ovgraph/adapters/postgres"
	"ovgraph/adapters/upstream"
	"ovgraph/graph"
)

// Our data reaches a vendor through a vendor_sync row and its River job, both written in the
// transaction of the change (enqueueVendorSync): the change never waits on the vendor, and never
// fails because of it. The job (RunVendorSync) pushes the change with the push its operation
// names, and records the outcome on the row, which the graph shows as Customer.vendorSyncs.

// syncPush pushes one change to its vendor, for the profile's link to that vendor, and returns the
// vendor's id of what it made ("" when it names none). It runs in the job's transaction, with the
// sync row locked; q reads what it pushes. An *upstream.Error (the vendor failed) is retried; a
// refusal of the vendor (upstream.ErrNotFound, ErrConflict, ErrRejected) ends the sync FAILED.
type syncPush func(ctx context.Context, r *Resolver, q *postgres.Queries, s postgres.VendorSync, link postgres.VendorLink) (string, error)

// syncPushes are the pushes by operation (vendor_sync.operation).
var syncPushes = map[string]syncPush{}

// Sync states, as vendor_sync.state and VendorSyncState spell them.
const (
	syncPending = string(graph.VendorSyncStatePending)
	syncSynced  = string(graph.VendorSyncStateSynced)
	syncFailed  = string(graph.VendorSyncStateFailed)
)

// syncNotLinked is the error code of a sync whose profile is no longer linked to the vendor.
const syncNotLinked = "NOT_LINKED"

// enqueueVendorSync records a change of profile profileID to push to vendor (a vendor key) with
// the push of operation, and enqueues its job, in q's transaction. A profile not linked to the
// vendor has nothing there to change: nothing is recorded and it reports false.
func (r *Resolver) enqueueVendorSync(ctx context.Context, q *postgres.Queries, profileID int64, vendor, operation, subject string) (bool, error) {
	if _, ok := syncPushes[operation]; !ok {
		return false, fmt.Errorf("vendor sync: no push for operation %q", operation)
	}
	if _, err := q.VendorLink(ctx, profileID, vendor); err != nil {
		if errors.Is(err, postgres.ErrNotFound) {
			return false, nil
		}
		return false, err
	}
	tx, ok := q.Tx()
	if !ok || r.Jobs == nil {
		return false, errors.New("vendor sync: no transaction or no job queue to enqueue in")
	}
	s, err := q.InsertVendorSync(ctx, postgres.InsertVendorSyncParams{CustomerProfileID: profileID, Vendor: vendor,
		Operation: operation, Subject: subject})
	if err != nil {
		return false, err
	}
	return true, r.Jobs.EnqueueVendorSync(ctx, tx, s.ID)
}

// RunVendorSync is the job of the vendor_sync row syncID, run by adapters/jobs. In one transaction
// it locks the row, pushes the change (syncPushes) and records the outcome: SYNCED with the
// vendor's id, or FAILED when the vendor refuses it or the profile is no longer linked, completing
// the job with it (no retry); when the vendor fails (timeout, 5xx, garbage, open circuit) it
// records the attempt and its error code, still PENDING, commits, and returns the error for River
// to run the job again later. A sync that is no longer PENDING is left alone: done already.
func (r *Resolver) RunVendorSync(ctx context.Context, syncID int64, complete func(tx pgx.Tx) error) error {
	// retry is the vendor's failure, recorded by a transaction that commits, then returned for
	// River to run the job again.
	var retry error
	err := r.Store.InTx(ctx, func(q *postgres.Queries) error {
		s, err := q.VendorSyncForUpdate(ctx, syncID)
		if errors.Is(err, postgres.ErrNotFound) {
			return completeIn(q, complete) // went with its profile
		}
		if err != nil {
			return err
		}
		if s.State != syncPending {
			return completeIn(q, complete)
		}
		record := func(state string, code, external *string) error {
			_, err := q.RecordVendorSync(ctx, postgres.RecordVendorSyncParams{ID: s.ID, State: state,
				LastErrorCode: code, ExternalID: external})
			return err
		}
		link, err := q.VendorLink(ctx, s.CustomerProfileID, s.Vendor)
		if errors.Is(err, postgres.ErrNotFound) {
			code := syncNotLinked
			if err := record(syncFailed, &code, nil); err != nil {
				return err
			}
			return completeIn(q, complete)
		}
		if err != nil {
			return err
		}
		push, ok := syncPushes[s.Operation]
		if !ok {
			return fmt.Errorf("vendor sync %d: no push for operation %q", s.ID, s.Operation)
		}
		external, perr := push(ctx, r, q, s, link)
		switch code := syncErrorCode(perr); {
		case perr == nil:
			var ext *string
			if external != "" {
				ext = &external
			}
			if err := record(syncSynced, nil, ext); err != nil {
				return err
			}
			return completeIn(q, complete)
		case code == "":
			return perr // ours, not the vendor's: roll back, River retries
		case isVendorRefusal(perr):
			if err := record(syncFailed, &code, nil); err != nil {
				return err
			}
			return completeIn(q, complete)
		default:
			retry = fmt.Errorf("vendor sync %d: %w", s.ID, perr)
			return record(syncPending, &code, nil)
		}
	})
	if err != nil {
		return err
	}
	return retry
}

// completeIn marks the job done in q's transaction.
func completeIn(q *postgres.Queries, complete func(tx pgx.Tx) error) error {
	tx, ok := q.Tx()
	if !ok {
		return errors.New("vendor sync: not in a transaction")
	}
	return complete(tx)
}

// isVendorRefusal tells a vendor's 4xx answer, which trying again does not change. A failure of
// the vendor (an *upstream.Error) is none, though it may wrap the status of a 5xx, 401 or 403.
func isVendorRefusal(err error) bool {
	if vendorError(err) != nil {
		return false
	}
	return errors.Is(err, upstream.ErrNotFound) || errors.Is(err, upstream.ErrConflict) || errors.Is(err, upstream.ErrRejected)
}

// syncErrorCode is the code a failed push records: the client-facing code of a vendor failure or
// refusal, "" for an error that is not the vendor's.
func syncErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var ge *graph.Error
	if errors.As(clientVendorError(err), &ge) {
		return string(ge.Code)
	}
	return ""
}
