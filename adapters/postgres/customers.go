package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// CustomerByNumber returns the profile with that customer number, or ErrNotFound.
func (q *Queries) CustomerByNumber(ctx context.Context, number int64) (Customer, error) {
	return one[Customer](ctx, q.db, "CustomerByNumber", number)
}

// CustomersByIDs returns the profiles with those ids, in no particular order.
func (q *Queries) CustomersByIDs(ctx context.Context, ids []int64) ([]Customer, error) {
	return list[Customer](ctx, q.db, "CustomersByIDs", ids)
}

// CustomerFilter narrows a search; nil fields match everything.
type CustomerFilter struct {
	CustomerProfileID        *int64
	CustomerNumber           *int64
	EmailAddress             *string
	ChipCardNumber           *string
	OvPasNumber              *string
	PhoneNumber              *string
	PhoneCountryCode         *string
	AddressStreet            *string
	AddressHouseNumber       *int32
	AddressHouseNumberSuffix *string
	AddressPostalCode        *string
	AddressCity              *string
	AddressCountry           *string
	Birthname                *string
	Surname                  *string
	DateOfBirth              *time.Time
	CustomerStatus           *string
}

// SearchCustomers returns up to limit profiles matching f with a customer number above after
// (nil: from the start), ordered by customer number, each row carrying the total match count and
// whether a match has a customer number at or below after.
func (q *Queries) SearchCustomers(ctx context.Context, f CustomerFilter, after *int64, limit int) ([]CustomerPage, error) {
	return list[CustomerPage](ctx, q.db, "SearchCustomers", pgx.NamedArgs{
		"customer_profile_id":         f.CustomerProfileID,
		"customer_number":             f.CustomerNumber,
		"email_address":               f.EmailAddress,
		"chip_card_number":            f.ChipCardNumber,
		"ovpas_number":                f.OvPasNumber,
		"phone_number":                f.PhoneNumber,
		"phone_country_code":          f.PhoneCountryCode,
		"address_street":              f.AddressStreet,
		"address_house_number":        f.AddressHouseNumber,
		"address_house_number_suffix": f.AddressHouseNumberSuffix,
		"address_postal_code":         f.AddressPostalCode,
		"address_city":                f.AddressCity,
		"address_country":             f.AddressCountry,
		"birthname":                   f.Birthname,
		"surname":                     f.Surname,
		"date_of_birth":               f.DateOfBirth,
		"customer_status":             f.CustomerStatus,
		"after":                       after,
		"limit":                       limit,
	})
}

// LockCustomer reads the writable part of a profile and locks it until the transaction ends.
func (q *Queries) LockCustomer(ctx context.Context, number int64) (CustomerEdit, error) {
	return one[CustomerEdit](ctx, q.db, "LockCustomer", number)
}

type inserted struct {
	ID             int64 `db:"id"`
	CustomerNumber int64 `db:"customer_number"`
}

// CustomerBySubject returns the profile an identity provider's subject owns, or ErrNotFound.
func (q *Queries) CustomerBySubject(ctx context.Context, subject string) (Self, error) {
	return one[Self](ctx, q.db, "CustomerBySubject", subject)
}

// InsertCustomer creates a profile with the next customer number of the sequence, owned by subject
// (nil for a profile a touchpoint creates). It returns the new profile's id and customer number.
func (q *Queries) InsertCustomer(ctx context.Context, subject *string, c CustomerEdit) (id, number int64, err error) {
	r, err := one[inserted](ctx, q.db, "InsertCustomer", pgx.NamedArgs{
		"subject":          subject,
		"debtor_status_id": c.DebtorStatusID,
		"language_id":      c.LanguageID,
		"birthname":        c.Birthname,
		"surname":          c.Surname,
		"prefix":           c.Prefix,
		"suffix":           c.Suffix,
		"date_of_birth":    c.DateOfBirth,
		"email_address":    c.EmailAddress,
	})
	return r.ID, r.CustomerNumber, err
}

// UpdateCustomer writes every writable field of a profile.
func (q *Queries) UpdateCustomer(ctx context.Context, c CustomerEdit) error {
	return exec(ctx, q.db, "UpdateCustomer", pgx.NamedArgs{
		"id":               c.ID,
		"debtor_status_id": c.DebtorStatusID,
		"language_id":      c.LanguageID,
		"birthname":        c.Birthname,
		"surname":          c.Surname,
		"prefix":           c.Prefix,
		"suffix":           c.Suffix,
		"date_of_birth":    c.DateOfBirth,
		"email_address":    c.EmailAddress,
	})
}

// StatusesByCustomers returns the status histories of the profiles, oldest first.
func (q *Queries) StatusesByCustomers(ctx context.Context, ids []int64) ([]Status, error) {
	return list[Status](ctx, q.db, "StatusesByCustomers", ids)
}

// StatusTypeByName finds a customer status by name, ignoring case.
func (q *Queries) StatusTypeByName(ctx context.Context, name string) (Lookup, error) {
	return one[Lookup](ctx, q.db, "StatusTypeByName", name)
}

// CurrentStatus locks and returns the open status of a profile; ErrNotFound when it has none.
func (q *Queries) CurrentStatus(ctx context.Context, profileID int64) (CurrentStatus, error) {
	return one[CurrentStatus](ctx, q.db, "CurrentStatus", profileID)
}

// TransitionAllowed tells whether a profile may move between two statuses.
func (q *Queries) TransitionAllowed(ctx context.Context, from, to int32) (bool, error) {
	var ok bool
	if err := q.db.QueryRow(ctx, statement("TransitionAllowed"), from, to).Scan(&ok); err != nil {
		return false, mapError(err)
	}
	return ok, nil
}

// CloseStatus ends a status at the given time.
func (q *Queries) CloseStatus(ctx context.Context, statusID int64, at time.Time) error {
	return exec(ctx, q.db, "CloseStatus", statusID, at)
}

// InsertStatus opens a new status for a profile, set by a caller of kind decidedBy
// (application, staff or customer).
func (q *Queries) InsertStatus(ctx context.Context, profileID int64, statusTypeID int32, from time.Time, decidedBy string) error {
	return exec(ctx, q.db, "InsertStatus", profileID, statusTypeID, from, decidedBy)
}

// InsertAudit records one write.
func (q *Queries) InsertAudit(ctx context.Context, a AuditEntry) error {
	detail := a.Detail
	if detail == nil {
		detail = map[string]any{}
	}
	return exec(ctx, q.db, "InsertAudit", pgx.NamedArgs{
		"customer_profile_id": a.CustomerProfileID,
		"action":              a.Action,
		"entity":              a.Entity,
		"entity_id":           a.EntityID,
		"user":                a.User,
		"correlation_id":      a.CorrelationID,
		"detail":              detail,
	})
}

// AuditByCustomers returns the audit trails of the profiles, oldest first.
func (q *Queries) AuditByCustomers(ctx context.Context, ids []int64) ([]Audit, error) {
	return list[Audit](ctx, q.db, "AuditByCustomers", ids)
}
