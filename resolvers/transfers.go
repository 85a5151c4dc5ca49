package resolvers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// A token transfer is asynchronous: transferToken checks the request, records the run
// (token_transfer, Running) and enqueues its job in one transaction, and answers at once;
// the job (RunTransfer) checks the rules again and does the work in one transaction of its own,
// in which it also completes itself, so it is done exactly once however often it is run.

// Jobs enqueues background jobs in the transaction of the write that asks for them, so a job
// exists if and only if the write committed. adapters/jobs is one.
type Jobs interface {
	EnqueueTransfer(ctx context.Context, tx pgx.Tx, clientTrackingID string) error
	// EnqueueEmail enqueues the sending of the outbox message with key outboxID.
	EnqueueEmail(ctx context.Context, tx pgx.Tx, outboxID int64) error
	// EnqueueVendorSync enqueues the push of the vendor_sync row syncID.
	EnqueueVendorSync(ctx context.Context, tx pgx.Tx, syncID int64) error
}

// Transfer statuses, as token_transfer.status and TokenTransferStatus spell them.
const (
	transferRunning   = string(graph.TokenTransferStatusRunning)
	transferSucceeded = string(graph.TokenTransferStatusSucceeded)
	transferFailed    = string(graph.TokenTransferStatusFailed)
)

// transferRetryAfter is how many seconds a client waits before it asks again for a run that is
// still running (the contract's retryAfter).
const transferRetryAfter = 10

var sixDigits = regexp.MustCompile(`^[0-9]{6}$`)

// checkTransferInput applies the input rules of a transfer that need no stored state.
func checkTransferInput(in graph.TransferTokenInput) error {
	if in.OldOvPayToken != nil && in.OldOvPayToken.PadOtp != nil && !sixDigits.MatchString(*in.OldOvPayToken.PadOtp) {
		return graph.InputError("padOtp", "oldOvPayToken.padOtp must be six digits")
	}
	if in.NewOvPayToken == nil {
		return graph.InputError("newOvPayToken", "newOvPayToken is required")
	}
	if in.NewOvPayToken.PadOtp != nil && !sixDigits.MatchString(*in.NewOvPayToken.PadOtp) {
		return graph.InputError("padOtp", "newOvPayToken.padOtp must be six digits")
	}
	if strings.TrimSpace(in.NewOvPayToken.XTat) == "" {
		return graph.InputError("xTat", "newOvPayToken.xTat must not be empty")
	}
	if in.NewOvPayToken.PadEmailAddress != nil {
		if err := checkEmail(*in.NewOvPayToken.PadEmailAddress); err != nil {
			return graph.InputError("padEmailAddress", "newOvPayToken.padEmailAddress is not an e-mail address")
		}
	}
	return nil
}

// transferToken starts a transfer of the acting profile's token ovPayTokenID to the card
// in.NewOvPayToken.XTat names.
func (r *Resolver) transferToken(ctx context.Context, customerProfileID *int, ovPayTokenID int,
	in graph.TransferTokenInput) (*graph.TokenTransfer, error) {
	profileID, err := r.actingProfile(ctx, customerProfileID)
	if err != nil {
		return nil, err
	}
	if err := checkTransferInput(in); err != nil {
		return nil, err
	}
	xTat := strings.TrimSpace(in.NewOvPayToken.XTat)
	alias := in.NewOvPayToken.Alias
	if alias != nil && strings.TrimSpace(*alias) == "" {
		alias = nil
	}
	var run postgres.TokenTransfer
	err = r.inTx(ctx, func(q *postgres.Queries) error {
		if _, err := q.TokenByID(ctx, profileID, int64(ovPayTokenID)); err != nil {
			return err // NOT_FOUND: the old token is not on the profile
		}
		if alias == nil {
			_, err := q.TokenOnProfileByXTat(ctx, profileID, xTat)
			if errors.Is(err, postgres.ErrNotFound) {
				return graph.InputError("alias", "newOvPayToken.alias is required when the new token is not on the profile yet")
			}
			if err != nil {
				return err
			}
		}
		run, err = q.InsertTransfer(ctx, postgres.InsertTransferParams{
			ClientTrackingID:  uuid.NewString(),
			CustomerProfileID: profileID,
			OldTokenID:        int64(ovPayTokenID),
			NewXTat:           xTat,
			NewAlias:          alias,
			RequestedBy:       graph.CallerFrom(ctx).AuditUser(),
			CorrelationID:     graph.CorrelationID(ctx),
		})
		if err != nil {
			return err
		}
		tx, ok := q.Tx()
		if !ok || r.Jobs == nil {
			return errors.New("transfer: no transaction or no job queue to enqueue in")
		}
		if err := r.Jobs.EnqueueTransfer(ctx, tx, run.ClientTrackingID); err != nil {
			return err
		}
		return insertAudit(ctx, q, profileID, change{action: "insert", entity: "token_transfer", id: int64(ovPayTokenID),
			detail: map[string]any{"clientTrackingId": run.ClientTrackingID, "ovPayTokenId": ovPayTokenID,
				"status": run.Status}})
	})
	if err != nil {
		return nil, storeError(err)
	}
	return toGraphTransfer(run)
}

// tokenTransfer is the run clientTrackingID names, on the acting profile only.
func (r *Resolver) tokenTransfer(ctx context.Context, customerProfileID *int, clientTrackingID string) (*graph.TokenTransfer, error) {
	profileID, err := r.actingProfile(ctx, customerProfileID)
	if err != nil {
		return nil, err
	}
	run, err := r.Store.TransferByID(ctx, profileID, clientTrackingID)
	if err != nil {
		return nil, storeError(err)
	}
	return toGraphTransfer(run)
}

// runToken reads a token of the run's profile through the profile's token loader.
func runToken(ctx context.Context, profileID int, tokenID *int) (*graph.OvPayToken, error) {
	if tokenID == nil {
		return nil, nil
	}
	tokens, err := loadersFor(ctx).tokensByCustomer.Load(ctx, int64(profileID))()
	if err != nil {
		return nil, err
	}
	for _, t := range tokens {
		if t.OvPayTokenID == *tokenID {
			return t, nil
		}
	}
	return nil, nil
}

func toGraphTransfer(t postgres.TokenTransfer) (*graph.TokenTransfer, error) {
	out := &graph.TokenTransfer{
		CustomerProfileID: int(t.CustomerProfileID),
		ClientTrackingID:  t.ClientTrackingID,
		Status:            graph.TokenTransferStatus(t.Status),
		StartTime:         graph.DateTime{Time: t.StartTime},
		EndTime:           dateTimePtr(t.EndTime),
		OldTokenID:        int(t.OldTokenID),
		ErrorCode:         t.ErrorCode,
		Findings:          []*graph.TransferFinding{},
	}
	if t.Status == transferRunning {
		out.RetryAfter = transferRetryAfter
	}
	if t.NewTokenID != nil {
		id := int(*t.NewTokenID)
		out.NewTokenID = &id
	}
	if len(t.Findings) > 0 {
		if err := json.Unmarshal(t.Findings, &out.Findings); err != nil {
			return nil, fmt.Errorf("transfer findings: %w", err)
		}
	}
	return out, nil
}

// callerFromAuditUser is the caller whose AuditUser is s: a job acts for the caller that asked
// for it, so what it writes is audited, and decided, as that caller's.
func callerFromAuditUser(s string) graph.Caller {
	kind, who, _ := strings.Cut(s, ":")
	switch kind {
	case "customer":
		return graph.Caller{Application: "job", CustomerSubject: who}
	case "staff":
		role, app, _ := strings.Cut(who, "@")
		return graph.Caller{Application: app, StaffRole: role}
	case "application":
		return graph.Caller{Application: who}
	}
	return graph.Caller{}
}
