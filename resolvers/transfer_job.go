package resolvers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"ovgraph/adapters/gbo"
	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// RunTransfer is the job of the transfer clientTrackingID names, run by adapters/jobs. In one
// transaction it locks the run and its profile, checks the rules of compareTokens again, replaces
// the old token (a card new to the profile is added, the products move), moves the card data in
// GBO (personal account data, e-purse, auto-reload), records how the run ended with audit rows,
// and calls complete, which marks the job done in the same transaction. None of it shows before
// the commit; the card data moves last because it is GBO's, outside the transaction.
//
// Exactly once: a run that is no longer Running is left alone, and the lock makes a second run of
// the same job wait for the first to commit or roll back. A process that dies mid-job rolls back,
// and River runs the job again. A run the rules refuse ends Failed (NOT_FOUND or NOT_ALLOWED,
// with the findings) and its job completes: it is not retried. An error (the database or GBO
// failing) leaves the job to River's retries, with nothing written.
func (r *Resolver) RunTransfer(ctx context.Context, clientTrackingID string, complete func(tx pgx.Tx) error) error {
	var refused *transferOutcome
	err := r.Store.InTx(ctx, func(q *postgres.Queries) error {
		run, err := q.LockTransfer(ctx, clientTrackingID)
		if errors.Is(err, postgres.ErrNotFound) {
			return nil // the run went with its profile or token: nothing to do
		}
		if err != nil {
			return err
		}
		if run.Status != transferRunning {
			return nil // done already, by an earlier run of this job
		}
		// The profile is locked as every write locks it, before the rules are checked, so no write
		// changes what they checked until the replacement is done.
		if _, err := q.LockProfile(ctx, run.CustomerProfileID); err != nil {
			return err
		}
		ctx := runContext(ctx, run)
		out, err := r.transferWork(ctx, q, run)
		if err != nil {
			return err
		}
		if out.failure != "" && out.undo {
			refused = &out
			return errUndo
		}
		return finishTransfer(ctx, q, run, out, complete)
	})
	if !errors.Is(err, errUndo) {
		return err
	}
	// The replacement refused half way: nothing of it stays; the run ends Failed on its own.
	return r.Store.InTx(ctx, func(q *postgres.Queries) error {
		run, err := q.LockTransfer(ctx, clientTrackingID)
		if errors.Is(err, postgres.ErrNotFound) {
			return nil
		}
		if err != nil || run.Status != transferRunning {
			return err
		}
		return finishTransfer(runContext(ctx, run), q, run, *refused, complete)
	})
}

// errUndo rolls back a job's transaction whose run is then failed in a transaction of its own.
var errUndo = errors.New("transfer refused: undo")

// transferOutcome is how a run ends: failure is "" for success (newTokenID then names the new
// token), or the error code with its findings. undo: what the run wrote must be rolled back.
type transferOutcome struct {
	failure    transferFailure
	findings   []*graph.TransferFinding
	newTokenID int64
	created    bool
	undo       bool
}

// runContext is the context the job of run writes in: the caller that asked for it and its
// correlation id, for the audit trail and for what the policy decides by the caller's kind.
func runContext(ctx context.Context, run postgres.TokenTransfer) context.Context {
	ctx = graph.WithCorrelationID(ctx, run.CorrelationID)
	return graph.WithCaller(ctx, callerFromAuditUser(run.RequestedBy))
}

// transferWork checks the rules and moves what the run moves, in the transaction of q.
func (r *Resolver) transferWork(ctx context.Context, q *postgres.Queries, run postgres.TokenTransfer) (transferOutcome, error) {
	// A run without alias names a token that was on the profile when it was accepted; if that
	// token has left the profile since, the run has no new token to move to.
	if run.NewAlias == nil {
		_, err := q.TokenOnProfileByXTat(ctx, run.CustomerProfileID, run.NewXTat)
		if errors.Is(err, postgres.ErrNotFound) {
			return newTokenLeft(ctx, q, run)
		}
		if err != nil {
			return transferOutcome{}, err
		}
	}
	c, err := compareForTransfer(ctx, q, r.GBO, run.CustomerProfileID, run.OldTokenID, run.NewXTat)
	if err != nil {
		return transferOutcome{}, err
	}
	if !c.Transferable() {
		return transferOutcome{failure: c.Failure, findings: c.Findings}, nil
	}
	card := c.NewCard
	newID, created, err := replaceTokenTx(ctx, q, run.CustomerProfileID, run.OldTokenID,
		newTokenRef{Card: &card, Alias: run.NewAlias, Field: "xTat"})
	var refused *graph.Error
	if errors.As(err, &refused) && (refused.Code == graph.CodeNotFound || refused.Code == graph.CodeConflict ||
		refused.Code == graph.CodeBadUserInput) {
		return refusedReplacement(refused, run), nil
	}
	if err != nil {
		return transferOutcome{}, err
	}
	// The card data (personal account data, e-purse, auto-reload) moves in GBO, in GBO's own
	// transaction: the one step outside this one. It comes last, once everything else is written,
	// so a run refused half way leaves GBO as it was. It is idempotent: a job run again after its
	// transaction failed to commit moves nothing twice.
	if c.OldCard != nil {
		err := r.GBO.MoveCardData(ctx, c.OldCard.XTat, c.NewCard.XTat)
		if errors.Is(err, gbo.ErrNotFound) {
			return transferOutcome{failure: transferNotFound, undo: true, findings: []*graph.TransferFinding{finding(findingXTatNotFound,
				"XTAT for the new token was not found in GBO.", "#/0/xTat", "xTat", run.NewXTat)}}, nil
		}
		if err != nil {
			return transferOutcome{}, err
		}
	}
	return transferOutcome{newTokenID: newID, created: created}, nil
}

// newTokenLeft is the failed outcome of a run whose new token (named without alias, so on the
// profile when the run was accepted) is no longer on the profile: NOT_FOUND, naming the token
// that left (removed, it keeps its row) by its id.
func newTokenLeft(ctx context.Context, q *postgres.Queries, run postgres.TokenTransfer) (transferOutcome, error) {
	const detail = "The new token was not found in the customer profile."
	f := finding(findingNewTokenNotFound, detail, "#/0/xTat", "xTat", run.NewXTat)
	tokens, err := q.TokensByCustomers(ctx, []int64{run.CustomerProfileID})
	if err != nil {
		return transferOutcome{}, err
	}
	for _, t := range tokens {
		if t.XTat != nil && strings.EqualFold(*t.XTat, run.NewXTat) {
			f = finding(findingNewTokenNotFound, detail, "#/0/ovPayTokenId", "ovPayTokenId", strconv.FormatInt(t.ID, 10))
		}
	}
	return transferOutcome{failure: transferNotFound, findings: []*graph.TransferFinding{f}}, nil
}

// refusedReplacement is the failed outcome of a replacement refused (NOT_FOUND, CONFLICT or
// BAD_USER_INPUT) after the comparison let it through. With the profile locked, what can still
// change is the new card: another profile may add it in between (CONFLICT).
func refusedReplacement(e *graph.Error, run postgres.TokenTransfer) transferOutcome {
	old := strconv.FormatInt(run.OldTokenID, 10)
	var f *graph.TransferFinding
	out := transferOutcome{failure: transferNotAllowed, undo: true}
	switch e.Code {
	case graph.CodeNotFound:
		out.failure = transferNotFound
		f = finding(findingOldTokenNotFound, "The old token was not found in the customer profile.", "#/0/ovPayTokenId", "ovPayTokenId", old)
	case graph.CodeConflict:
		f = finding(findingNewTokenInOtherProfile, "New token already present in other customer profile.", "#/0/xTat", "xTat", run.NewXTat)
	default:
		f = finding(findingSameToken, e.Message, "#/0/ovPayTokenId", "ovPayTokenId", old)
	}
	out.findings = []*graph.TransferFinding{f}
	return out
}

// finishTransfer records how run ended, with an audit row, and completes its job, in the
// transaction of q.
func finishTransfer(ctx context.Context, q *postgres.Queries, run postgres.TokenTransfer, out transferOutcome,
	complete func(tx pgx.Tx) error) error {
	params := postgres.FinishTransferParams{ClientTrackingID: run.ClientTrackingID, Status: transferSucceeded, Findings: []byte("[]")}
	detail := map[string]any{"clientTrackingId": run.ClientTrackingID}
	if out.failure != "" {
		code := string(out.failure)
		findings, err := json.Marshal(out.findings)
		if err != nil {
			return fmt.Errorf("transfer findings: %w", err)
		}
		params.Status, params.ErrorCode, params.Findings = transferFailed, &code, findings
		detail["errorCode"] = code
	} else {
		params.NewTokenID = &out.newTokenID
		detail["newTokenId"] = out.newTokenID
		detail["newTokenCreated"] = out.created
	}
	detail["status"] = params.Status
	if err := q.FinishTransfer(ctx, params); err != nil {
		return err
	}
	if err := insertAudit(ctx, q, run.CustomerProfileID, change{action: "update", entity: "token_transfer",
		id: run.OldTokenID, detail: detail}); err != nil {
		return err
	}
	tx, ok := q.Tx()
	if !ok {
		return errors.New("transfer: not in a transaction")
	}
	return complete(tx)
}
