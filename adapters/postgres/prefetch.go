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

// PageChildren are the child lists of a page of profiles; a list not asked for is nil.
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
// (ProfileChildren) and splits its rows into the rows the statements of each list
// (StatusesByCustomers, ...) answer, in the same order.
//
// It runs sqlc's statement and scans into sqlc's row type, but row by row into one ProfileChildrenRow
// instead of through the generated method: that one keeps every row, each as wide as the widest
// list, before they are split; here only the split rows are kept.
func (s *Store) PageChildren(ctx context.Context, ids []int64, want ChildLists) (PageChildren, error) {
	var out PageChildren
	if want == (ChildLists{}) {
		return out, nil
	}
	rows, err := s.db.Query(ctx, profileChildren, ids, want.Statuses, want.Addresses, want.Phones,
		want.ChipCards, want.Tokens, want.Billing, want.Mandates, want.Audit)
	if err != nil {
		return PageChildren{}, fmt.Errorf("read page children: %w", err)
	}
	var r ProfileChildrenRow
	if _, err := pgx.ForEachRow(rows, columnsOf(&r), func() error { return out.add(&r) }); err != nil {
		return PageChildren{}, fmt.Errorf("read page children: %w", err)
	}
	return out, nil
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

// add appends the child in r to its list.
func (out *PageChildren) add(r *ProfileChildrenRow) error {
	switch r.Kind {
	case kindStatus:
		out.Statuses = append(out.Statuses, StatusesByCustomersRow{CustomerProfileID: r.CustomerProfileID,
			Name: r.Text1, FromInclusive: r.Time1, ToInclusive: r.MaybeTime1})
	case kindAddress:
		out.Addresses = append(out.Addresses, AddressView{ID: r.ID, CustomerProfileID: r.CustomerProfileID,
			Street: r.Text1, HouseNumber: r.Int1, HouseNumberSuffix: r.MaybeText1, PostalCode: r.Text2,
			City: r.Text3, Country: r.Text4, AddressTypeID: r.TypeID, AddressType: r.TypeName,
			IsPreferred: r.IsPreferred})
	case kindPhone:
		out.Phones = append(out.Phones, PhoneView{ID: r.ID, CustomerProfileID: r.CustomerProfileID,
			Number: r.Text1, CountryCode: r.Text2, PhoneTypeID: r.TypeID, PhoneType: r.TypeName,
			IsPreferred: r.IsPreferred})
	case kindChipCard:
		out.ChipCards = append(out.ChipCards, OvChipCard{ID: r.ID, CustomerProfileID: r.CustomerProfileID,
			ChipCardNumber: r.Big1, ValidUntil: r.ValidUntil, Alias: r.MaybeText1})
	case kindToken:
		out.Tokens = append(out.Tokens, TokenView{ID: r.ID, CustomerProfileID: r.CustomerProfileID,
			TokenTypeID: r.TypeID, TokenType: r.TypeName, TokenStatusID: r.Int1, TokenStatus: r.Text1,
			XTat: r.MaybeText2, XBot: r.MaybeText3, Alias: r.MaybeText1, LastDigits: r.MaybeText4,
			OvpasNumber: r.MaybeText5, ExpirationDate: r.MaybeTime1, ReplacedByTokenID: r.MaybeBig1,
			StatusDecidedBy: r.Text2})
	case kindBilling:
		out.Billing = append(out.Billing, BillingInformation{ID: r.ID, CustomerProfileID: r.CustomerProfileID,
			Iban: r.Text1, Bic: r.MaybeText1, Ascription: r.Text2, Alias: r.Text3,
			BillingAddressID: r.MaybeBig1, Created: r.Time1})
	case kindMandate:
		out.Mandates = append(out.Mandates, MandateView{ID: r.ID, CustomerProfileID: r.CustomerProfileID,
			MandateTypeID: r.TypeID, MandateTypeName: r.TypeName, BillingInformationID: r.Big1,
			MandateReference: r.Text1, MandateState: MandateState(r.Text2), Created: r.Time1,
			UpdateTimestamp: r.Time2})
	case kindAudit:
		owner := r.CustomerProfileID
		out.Audit = append(out.Audit, AuditByCustomersRow{ID: r.ID, CustomerProfileID: &owner,
			Action: r.Text1, Entity: r.Text2, EntityID: r.MaybeBig1, User: r.Text3, Timestamp: r.Time1,
			CorrelationID: r.Text4})
	default:
		return fmt.Errorf("a row of unknown kind %d", r.Kind)
	}
	return nil
}
