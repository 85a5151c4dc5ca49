package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// The children of a profile. Every read by id is scoped to the profile, so a child of another
// customer is ErrNotFound; every list takes many profile ids for the loaders.

func (q *Queries) AddressesByCustomers(ctx context.Context, ids []int64) ([]Address, error) {
	return list[Address](ctx, q.db, "AddressesByCustomers", ids)
}

func (q *Queries) AddressByID(ctx context.Context, profileID, id int64) (Address, error) {
	return one[Address](ctx, q.db, "AddressByID", profileID, id)
}

func addressArgs(a Address) pgx.NamedArgs {
	return pgx.NamedArgs{
		"id": a.ID, "customer_profile_id": a.CustomerProfileID, "street": a.Street,
		"house_number": a.HouseNumber, "house_number_suffix": a.HouseNumberSuffix,
		"postal_code": a.PostalCode, "city": a.City, "country": a.Country,
		"address_type_id": a.AddressTypeID, "is_preferred": a.IsPreferred,
	}
}

// InsertAddress adds an address and returns its id.
func (q *Queries) InsertAddress(ctx context.Context, a Address) (int64, error) {
	return insertID(ctx, q.db, "InsertAddress", addressArgs(a))
}

func (q *Queries) UpdateAddress(ctx context.Context, a Address) error {
	return exec(ctx, q.db, "UpdateAddress", addressArgs(a))
}

func (q *Queries) DeleteAddress(ctx context.Context, profileID, id int64) error {
	return exec(ctx, q.db, "DeleteAddress", profileID, id)
}

// ClearPreferredAddresses makes every address of the profile but keep not preferred.
func (q *Queries) ClearPreferredAddresses(ctx context.Context, profileID, keep int64) error {
	_, err := q.db.Exec(ctx, statement("ClearPreferredAddresses"), profileID, keep)
	return mapError(err)
}

func (q *Queries) PhonesByCustomers(ctx context.Context, ids []int64) ([]Phone, error) {
	return list[Phone](ctx, q.db, "PhonesByCustomers", ids)
}

func (q *Queries) PhoneByID(ctx context.Context, profileID, id int64) (Phone, error) {
	return one[Phone](ctx, q.db, "PhoneByID", profileID, id)
}

func phoneArgs(p Phone) pgx.NamedArgs {
	return pgx.NamedArgs{
		"id": p.ID, "customer_profile_id": p.CustomerProfileID, "number": p.Number,
		"country_code": p.CountryCode, "phone_type_id": p.PhoneTypeID, "is_preferred": p.IsPreferred,
	}
}

func (q *Queries) InsertPhone(ctx context.Context, p Phone) (int64, error) {
	return insertID(ctx, q.db, "InsertPhone", phoneArgs(p))
}

func (q *Queries) UpdatePhone(ctx context.Context, p Phone) error {
	return exec(ctx, q.db, "UpdatePhone", phoneArgs(p))
}

func (q *Queries) DeletePhone(ctx context.Context, profileID, id int64) error {
	return exec(ctx, q.db, "DeletePhone", profileID, id)
}

// ClearPreferredPhones makes every phone of the profile but keep not preferred.
func (q *Queries) ClearPreferredPhones(ctx context.Context, profileID, keep int64) error {
	_, err := q.db.Exec(ctx, statement("ClearPreferredPhones"), profileID, keep)
	return mapError(err)
}

func (q *Queries) ChipCardsByCustomers(ctx context.Context, ids []int64) ([]ChipCard, error) {
	return list[ChipCard](ctx, q.db, "ChipCardsByCustomers", ids)
}

func (q *Queries) ChipCardByID(ctx context.Context, profileID, id int64) (ChipCard, error) {
	return one[ChipCard](ctx, q.db, "ChipCardByID", profileID, id)
}

func (q *Queries) InsertChipCard(ctx context.Context, c ChipCard) (int64, error) {
	return insertID(ctx, q.db, "InsertChipCard", pgx.NamedArgs{
		"customer_profile_id": c.CustomerProfileID, "chip_card_number": c.ChipCardNumber,
		"valid_until": c.ValidUntil, "alias": c.Alias,
	})
}

func (q *Queries) DeleteChipCard(ctx context.Context, profileID, id int64) error {
	return exec(ctx, q.db, "DeleteChipCard", profileID, id)
}

func (q *Queries) TokensByCustomers(ctx context.Context, ids []int64) ([]Token, error) {
	return list[Token](ctx, q.db, "TokensByCustomers", ids)
}

func (q *Queries) TokenByID(ctx context.Context, profileID, id int64) (Token, error) {
	return one[Token](ctx, q.db, "TokenByID", profileID, id)
}

func tokenArgs(t Token) pgx.NamedArgs {
	return pgx.NamedArgs{
		"id": t.ID, "customer_profile_id": t.CustomerProfileID, "token_type_id": t.TokenTypeID,
		"token_status_id": t.TokenStatusID, "x_tat": t.XTat, "x_bot": t.XBot, "alias": t.Alias,
		"last_digits": t.LastDigits, "ovpas_number": t.OvpasNumber,
		"expiration_date": t.ExpirationDate, "replaced_by_token_id": t.ReplacedByTokenID,
		"status_decided_by": t.StatusDecidedBy,
	}
}

func (q *Queries) InsertToken(ctx context.Context, t Token) (int64, error) {
	return insertID(ctx, q.db, "InsertToken", tokenArgs(t))
}

func (q *Queries) UpdateToken(ctx context.Context, t Token) error {
	return exec(ctx, q.db, "UpdateToken", tokenArgs(t))
}

func (q *Queries) DeleteToken(ctx context.Context, profileID, id int64) error {
	return exec(ctx, q.db, "DeleteToken", profileID, id)
}

func (q *Queries) BillingByCustomers(ctx context.Context, ids []int64) ([]Billing, error) {
	return list[Billing](ctx, q.db, "BillingByCustomers", ids)
}

func (q *Queries) BillingByID(ctx context.Context, profileID, id int64) (Billing, error) {
	return one[Billing](ctx, q.db, "BillingByID", profileID, id)
}

func billingArgs(b Billing) pgx.NamedArgs {
	return pgx.NamedArgs{
		"id": b.ID, "customer_profile_id": b.CustomerProfileID, "iban": b.Iban, "bic": b.Bic,
		"ascription": b.Ascription, "alias": b.Alias, "billing_address_id": b.BillingAddressID,
	}
}

func (q *Queries) InsertBilling(ctx context.Context, b Billing) (int64, error) {
	return insertID(ctx, q.db, "InsertBilling", billingArgs(b))
}

func (q *Queries) UpdateBilling(ctx context.Context, b Billing) error {
	return exec(ctx, q.db, "UpdateBilling", billingArgs(b))
}

func (q *Queries) MandatesByCustomers(ctx context.Context, ids []int64) ([]Mandate, error) {
	return list[Mandate](ctx, q.db, "MandatesByCustomers", ids)
}

func (q *Queries) MandateByID(ctx context.Context, profileID, id int64) (Mandate, error) {
	return one[Mandate](ctx, q.db, "MandateByID", profileID, id)
}

func mandateArgs(m Mandate) pgx.NamedArgs {
	return pgx.NamedArgs{
		"id": m.ID, "customer_profile_id": m.CustomerProfileID, "mandate_type_id": m.MandateTypeID,
		"billing_information_id": m.BillingInformationID, "mandate_reference": m.MandateReference,
		"mandate_state": m.MandateState,
	}
}

func (q *Queries) InsertMandate(ctx context.Context, m Mandate) (int64, error) {
	return insertID(ctx, q.db, "InsertMandate", mandateArgs(m))
}

func (q *Queries) UpdateMandate(ctx context.Context, m Mandate) error {
	return exec(ctx, q.db, "UpdateMandate", mandateArgs(m))
}

// insertID runs an INSERT ... RETURNING id.
func insertID(ctx context.Context, db DBTX, name string, args pgx.NamedArgs) (int64, error) {
	var id int64
	if err := db.QueryRow(ctx, statement(name), args).Scan(&id); err != nil {
		return 0, fmt.Errorf("%s: %w", name, mapError(err))
	}
	return id, nil
}
