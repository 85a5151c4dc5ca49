package postgres

import (
	"context"
	"fmt"
	"reflect"

	"github.com/jackc/pgx/v5"
)

// ChildLists names the child lists of a profile to read.
type ChildLists struct {
	Statuses, Addresses, Phones, ChipCards, Tokens, Billing, Mandates, Audit bool
}

// ChildRows receives the child rows PageChildren reads, one call per row, per profile and list
// in the order of the statement of each list (StatusesByCustomers, ...).
type ChildRows interface {
	AddStatus(StatusesByCustomersRow)
	AddAddress(AddressView)
	AddPhone(PhoneView)
	AddChipCard(OvChipCard)
	AddToken(TokenView)
	AddBilling(BillingInformation)
	AddMandate(MandateView)
	AddAudit(AuditByCustomersRow)
}

// PageChildren are the child lists of a page of profiles, as the statements of each list answer
// them; a list not asked for is nil. It is the ChildRows that keeps every row.
type PageChildren struct {
	Statuses  []StatusesByCustomersRow
	Addresses []AddressView
	Phones    []PhoneView
	ChipCards []OvChipCard
	Tokens    []TokenView
	Billing   []BillingInformation
	Mandates  []MandateView
	Audit     []AuditByCustomersRow
}

func (p *PageChildren) AddStatus(r StatusesByCustomersRow) { p.Statuses = append(p.Statuses, r) }
func (p *PageChildren) AddAddress(r AddressView)           { p.Addresses = append(p.Addresses, r) }
func (p *PageChildren) AddPhone(r PhoneView)               { p.Phones = append(p.Phones, r) }
func (p *PageChildren) AddChipCard(r OvChipCard)           { p.ChipCards = append(p.ChipCards, r) }
func (p *PageChildren) AddToken(r TokenView)               { p.Tokens = append(p.Tokens, r) }
func (p *PageChildren) AddBilling(r BillingInformation)    { p.Billing = append(p.Billing, r) }
func (p *PageChildren) AddMandate(r MandateView)           { p.Mandates = append(p.Mandates, r) }
func (p *PageChildren) AddAudit(r AuditByCustomersRow)     { p.Audit = append(p.Audit, r) }

// The kinds of row ProfileChildren answers (its kind column).
const (
	kindStatus int32 = iota + 1
	kindAddress
	kindPhone
	kindChipCard
	kindToken
	kindBilling
	kindMandate
	kindAudit
)

// PageChildren reads the asked child lists of the profiles ids in one statement
// (ProfileChildren) and hands each row to into as the row of its list.
//
// It runs sqlc's statement and scans into sqlc's row type, but row by row into one ProfileChildrenRow
// instead of through the generated method: that one keeps every row, each as wide as the widest
// list, before they are split; here no row is kept but by into.
func (s *Store) PageChildren(ctx context.Context, ids []int64, want ChildLists, into ChildRows) error {
	if want == (ChildLists{}) {
		return nil
	}
	rows, err := s.db.Query(ctx, profileChildren, fieldsOf(ProfileChildrenParams{Ids: ids,
		Statuses: want.Statuses, Addresses: want.Addresses, Phones: want.Phones, ChipCards: want.ChipCards,
		Tokens: want.Tokens, Billing: want.Billing, Mandates: want.Mandates, Audit: want.Audit})...)
	if err != nil {
		return fmt.Errorf("read page children: %w", err)
	}
	var r ProfileChildrenRow
	if _, err := pgx.ForEachRow(rows, columnsOf(&r), func() error { return split(&r, into) }); err != nil {
		return fmt.Errorf("read page children: %w", err)
	}
	return nil
}

// fieldsOf are the fields of p in order: sqlc declares a parameter type's fields in the order of
// its statement's parameters.
func fieldsOf(p ProfileChildrenParams) []any {
	v := reflect.ValueOf(p)
	out := make([]any, v.NumField())
	for i := range out {
		out[i] = v.Field(i).Interface()
	}
	return out
}

// columnsOf are the addresses of the fields of r in order: sqlc declares a row type's fields in
// the order of its statement's columns.
func columnsOf(r *ProfileChildrenRow) []any {
	v := reflect.ValueOf(r).Elem()
	out := make([]any, v.NumField())
	for i := range out {
		out[i] = v.Field(i).Addr().Interface()
	}
	return out
}

// split hands the child in r to into as the row of its list.
func split(r *ProfileChildrenRow, into ChildRows) error {
	switch r.Kind {
	case kindStatus:
		into.AddStatus(StatusesByCustomersRow{CustomerProfileID: r.CustomerProfileID,
			Name: r.Text1, FromInclusive: r.Time1, ToInclusive: r.MaybeTime1})
	case kindAddress:
		into.AddAddress(AddressView{ID: r.ID, CustomerProfileID: r.CustomerProfileID,
			Street: r.Text1, HouseNumber: r.Int1, HouseNumberSuffix: r.MaybeText1, PostalCode: r.Text2,
			City: r.Text3, Country: r.Text4, AddressTypeID: r.TypeID, AddressType: r.TypeName,
			IsPreferred: r.IsPreferred})
	case kindPhone:
		into.AddPhone(PhoneView{ID: r.ID, CustomerProfileID: r.CustomerProfileID,
			Number: r.Text1, CountryCode: r.Text2, PhoneTypeID: r.TypeID, PhoneType: r.TypeName,
			IsPreferred: r.IsPreferred})
	case kindChipCard:
		into.AddChipCard(OvChipCard{ID: r.ID, CustomerProfileID: r.CustomerProfileID,
			ChipCardNumber: r.Big1, ValidUntil: r.ValidUntil, Alias: r.MaybeText1})
	case kindToken:
		into.AddToken(TokenView{ID: r.ID, CustomerProfileID: r.CustomerProfileID,
			TokenTypeID: r.TypeID, TokenType: r.TypeName, TokenStatusID: r.Int1, TokenStatus: r.Text1,
			XTat: r.MaybeText2, XBot: r.MaybeText3, Alias: r.MaybeText1, LastDigits: r.MaybeText4,
			OvpasNumber: r.MaybeText5, ExpirationDate: r.MaybeTime1, ReplacedByTokenID: r.MaybeBig1,
			StatusDecidedBy: r.Text2})
	case kindBilling:
		into.AddBilling(BillingInformation{ID: r.ID, CustomerProfileID: r.CustomerProfileID,
			Iban: r.Text1, Bic: r.MaybeText1, Ascription: r.Text2, Alias: r.Text3,
			BillingAddressID: r.MaybeBig1, Created: r.Time1})
	case kindMandate:
		into.AddMandate(MandateView{ID: r.ID, CustomerProfileID: r.CustomerProfileID,
			MandateTypeID: r.TypeID, MandateTypeName: r.TypeName, BillingInformationID: r.Big1,
			MandateReference: r.Text1, MandateState: MandateState(r.Text2), Created: r.Time1,
			UpdateTimestamp: r.Time2})
	case kindAudit:
		owner := r.CustomerProfileID
		into.AddAudit(AuditByCustomersRow{ID: r.ID, CustomerProfileID: &owner,
			Action: r.Text1, Entity: r.Text2, EntityID: r.MaybeBig1, User: r.Text3, Timestamp: r.Time1,
			CorrelationID: r.Text4})
	default:
		return fmt.Errorf("a row of unknown kind %d", r.Kind)
	}
	return nil
}
