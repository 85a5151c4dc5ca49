package resolvers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// change is what a write did, for the audit trail.
type change struct {
	action string // insert, update or delete
	entity string
	id     int64
	detail any
}

// write locks the profile with the given customer number, runs fn in the same transaction and
// records the change fn reports in the audit trail. Nothing is written unless all of it is. Who
// may write to which profile was decided by the policy table before the resolver ran.
func (r *Resolver) write(ctx context.Context, customerNumber int,
	fn func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error)) error {
	return storeError(r.inTx(ctx, func(q *postgres.Queries) error {
		c, err := q.LockCustomer(ctx, int64(customerNumber))
		if err != nil {
			return err
		}
		ch, err := fn(q, &c)
		if err != nil {
			return err
		}
		return insertAudit(ctx, q, c.ID, ch)
	}))
}

// inTx runs fn in one transaction, then makes the operation's loaders forget what they hold, so
// the rest of the document reads what the write left. It forgets whether or not the transaction
// committed: a commit whose answer was lost may have happened.
func (r *Resolver) inTx(ctx context.Context, fn func(q *postgres.Queries) error) error {
	defer loadersFor(ctx).forget()
	return r.Store.InTx(ctx, fn)
}

// decidedBy is the kind of the caller, stored beside a value that fieldPolicy guards.
func decidedBy(ctx context.Context) string {
	return graph.CallerFrom(ctx).Kind().String()
}

// insertAudit records ch in the audit trail of a profile: who did it, under which correlation id,
// and as detail the fields the write set, as a JSON object.
func insertAudit(ctx context.Context, q *postgres.Queries, profileID int64, ch change) error {
	return insertAuditOf(ctx, q, &profileID, ch)
}

// insertAuditOf is insertAudit for a write that may belong to no profile (an order of nobody on
// file): profileID nil.
func insertAuditOf(ctx context.Context, q *postgres.Queries, profileID *int64, ch change) error {
	detail := ch.detail
	if detail == nil {
		detail = map[string]any{}
	}
	b, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("audit detail: %w", err)
	}
	return q.InsertAudit(ctx, postgres.InsertAuditParams{
		CustomerProfileID: profileID,
		Action:            ch.action,
		Entity:            ch.entity,
		EntityID:          &ch.id,
		UserName:          graph.CallerFrom(ctx).AuditUser(),
		CorrelationID:     graph.CorrelationID(ctx),
		Detail:            b,
	})
}

// conflictMessages name the unique constraints a caller can run into.
var conflictMessages = map[string]string{
	"customer_profile_email_key":           "emailAddress already exists.",
	"customer_profile_customer_number_key": "Entry already exists",
	"customer_profile_subject_key":         "A profile for this login exists already.",
	"ov_chip_card_chip_card_number_key":    "Entry already exists",
	"ovpay_token_x_tat_key":                "Entry already exists",
	"direct_debit_mandate_reference_key":   "Entry already exists",
}

// referenceFields name the input field behind each foreign key a caller can break.
var referenceFields = map[string]string{
	"customer_profile_language_id_fkey":                "languageId",
	"customer_profile_debtor_status_id_fkey":           "debtorStatusId",
	"address_address_type_id_fkey":                     "addressTypeId",
	"phone_phone_type_id_fkey":                         "phoneTypeId",
	"ovpay_token_token_type_id_fkey":                   "tokenTypeId",
	"ovpay_token_token_status_id_fkey":                 "tokenStatusId",
	"direct_debit_mandate_mandate_type_id_fkey":        "directDebitMandateTypeId",
	"direct_debit_mandate_billing_information_id_fkey": "billingInformationId",
	"billing_information_billing_address_id_fkey":      "billingAddressId",
	"ovpay_token_replaced_by_token_id_fkey":            "replacedByTokenId",
}

// errUnavailable is the answer while the database cannot be reached.
var errUnavailable = graph.NewError(graph.CodeUpstreamUnavailable,
	"The service is temporarily unavailable. Please try again later.")

// checkFields name the input field behind each check constraint a caller can break.
var checkFields = map[string]string{
	"ov_chip_card_chip_card_number_check": "chipCardNumber",
	"ovpay_token_last_digits_check":       "lastDigits",
}

// storeError maps the store's sentinels onto coded graph errors; anything else stays as it is
// and is masked as INTERNAL by the presenter. Every constraint violation is a client error, and
// none shows a constraint's name: a constraint without an entry in the tables above answers
// without a field.
func storeError(err error) error {
	if err == nil {
		return nil
	}
	var ge *graph.Error
	if errors.As(err, &ge) {
		return ge
	}
	if errors.Is(err, postgres.ErrUnavailable) {
		return fmt.Errorf("%w: %w", errUnavailable, err)
	}
	if errors.Is(err, postgres.ErrNotFound) {
		return graph.NotFound()
	}
	var ce *postgres.ConstraintError
	if errors.As(err, &ce) {
		switch {
		case errors.Is(ce, postgres.ErrConflict):
			msg, ok := conflictMessages[ce.Constraint]
			if !ok {
				msg = "Entry already exists"
			}
			return graph.NewError(graph.CodeConflict, msg)
		case errors.Is(ce, postgres.ErrReference):
			field, ok := referenceFields[ce.Constraint]
			if !ok {
				return graph.NewError(graph.CodeBadUserInput,
					"Bad Request: Update Or Delete failed as a value refers to an entry that does not exist.")
			}
			return graph.InputError(field,
				"Bad Request: Update Or Delete failed as conflicted with foreign Key constraint '"+field+"'")
		default:
			if field, ok := checkFields[ce.Constraint]; ok {
				return graph.InputError(field, "Bad Request: "+field+" has a value that is not allowed.")
			}
			return graph.NewError(graph.CodeBadUserInput, "Bad Request: a value is missing or not allowed.")
		}
	}
	return err
}
