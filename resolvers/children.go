package resolvers

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/graph-gophers/dataloader/v7"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// Addresses, phones, OV-chipkaarten and OVpay tokens of a profile.

func newAddress(in graph.AddressInput) (postgres.AddressView, error) {
	a := postgres.AddressView{
		Street: in.Street, HouseNumber: int32(in.HouseNumber), HouseNumberSuffix: in.HouseNumberSuffix,
		PostalCode: in.PostalCode, City: in.City, Country: in.Country,
		AddressTypeID: int32(in.AddressTypeID), IsPreferred: in.IsPreferred != nil && *in.IsPreferred,
	}
	return a, checkAddress(a)
}

func checkAddress(a postgres.AddressView) error {
	for _, err := range []error{
		checkNotBlank("street", a.Street), checkNotBlank("city", a.City),
		checkCountry(a.Country), checkPostalCode(a.PostalCode, a.Country),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *Resolver) addAddress(ctx context.Context, number int, input graph.AddressInput) (*graph.AddressPayload, error) {
	a, err := newAddress(input)
	if err != nil {
		return nil, err
	}
	err = r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		a.CustomerProfileID = c.ID
		id, err := q.InsertAddress(ctx, toInsertAddressParams(a))
		if err != nil {
			return change{}, err
		}
		a.ID = id
		if a.IsPreferred {
			if err := q.ClearPreferredAddresses(ctx, c.ID, id); err != nil {
				return change{}, err
			}
		}
		return change{action: "insert", entity: "address", id: id}, nil
	})
	if err != nil {
		return nil, err
	}
	return r.addressPayload(ctx, number, a.CustomerProfileID, a.ID)
}

func (r *Resolver) updateAddress(ctx context.Context, number, addressID int, in graph.AddressPatchInput) (*graph.AddressPayload, error) {
	var profileID int64
	err := r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		profileID = c.ID
		a, err := q.AddressByID(ctx, c.ID, int64(addressID))
		if err != nil {
			return change{}, err
		}
		before := addressFields(a)
		setVal(&a.Street, in.Street)
		if in.HouseNumber != nil {
			a.HouseNumber = int32(*in.HouseNumber)
		}
		patch(&a.HouseNumberSuffix, in.HouseNumberSuffix, same)
		setVal(&a.PostalCode, in.PostalCode)
		setVal(&a.City, in.City)
		setVal(&a.Country, in.Country)
		if in.AddressTypeID != nil {
			a.AddressTypeID = int32(*in.AddressTypeID)
		}
		setVal(&a.IsPreferred, in.IsPreferred)
		if err := checkAddress(a); err != nil {
			return change{}, err
		}
		if err := q.UpdateAddress(ctx, toUpdateAddressParams(a)); err != nil {
			return change{}, err
		}
		if a.IsPreferred {
			if err := q.ClearPreferredAddresses(ctx, c.ID, a.ID); err != nil {
				return change{}, err
			}
		}
		return change{action: "update", entity: "address", id: a.ID, detail: changes(before, addressFields(a))}, nil
	})
	if err != nil {
		return nil, err
	}
	return r.addressPayload(ctx, number, profileID, int64(addressID))
}

func (r *Resolver) addressPayload(ctx context.Context, number int, profileID, id int64) (*graph.AddressPayload, error) {
	a, err := r.Store.AddressByID(ctx, profileID, id)
	if err != nil {
		return nil, storeError(err)
	}
	return &graph.AddressPayload{CustomerNumber: number, AddressID: int(id), Address: toGraphAddress(a)}, nil
}

// remove deletes one child of a profile, read with load first: its audit row records what the
// child held (state) and which objects referred to it.
func remove[T any](ctx context.Context, r *Resolver, number, id int, entity string,
	load func(q *postgres.Queries, ctx context.Context, profileID, id int64) (T, error), state func(T) fields,
	del func(q *postgres.Queries, ctx context.Context, profileID, id int64) (int64, error)) (*graph.DeletePayload, error) {
	err := r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		row, err := load(q, ctx, c.ID, int64(id))
		if err != nil {
			return change{}, err
		}
		refs, err := referrers(ctx, q, entity, c.ID, int64(id))
		if err != nil {
			return change{}, err
		}
		detail := deleted(state(row))
		if len(refs) > 0 {
			detail["referencedBy"] = refs
		}
		_, err = del(q, ctx, c.ID, int64(id))
		return change{action: "delete", entity: entity, id: int64(id), detail: detail}, err
	})
	if err != nil {
		return nil, err
	}
	return &graph.DeletePayload{CustomerNumber: number, DeletedID: id}, nil
}

func newPhone(in graph.PhoneInput) (postgres.PhoneView, error) {
	p := postgres.PhoneView{
		Number: in.Number, CountryCode: in.CountryCode, PhoneTypeID: int32(in.PhoneTypeID),
		IsPreferred: in.IsPreferred != nil && *in.IsPreferred,
	}
	return p, checkPhone(p.Number, p.CountryCode)
}

func (r *Resolver) addPhone(ctx context.Context, number int, input graph.PhoneInput) (*graph.PhonePayload, error) {
	p, err := newPhone(input)
	if err != nil {
		return nil, err
	}
	err = r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		p.CustomerProfileID = c.ID
		if p.IsPreferred {
			if err := q.ClearPreferredPhones(ctx, c.ID, 0); err != nil {
				return change{}, err
			}
		}
		id, err := q.InsertPhone(ctx, toInsertPhoneParams(p))
		p.ID = id
		return change{action: "insert", entity: "phone", id: id}, err
	})
	if err != nil {
		return nil, err
	}
	return r.phonePayload(ctx, number, p.CustomerProfileID, p.ID)
}

func (r *Resolver) updatePhone(ctx context.Context, number, phoneID int, in graph.PhonePatchInput) (*graph.PhonePayload, error) {
	var profileID int64
	err := r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		profileID = c.ID
		p, err := q.PhoneByID(ctx, c.ID, int64(phoneID))
		if err != nil {
			return change{}, err
		}
		before := phoneFields(p)
		setVal(&p.Number, in.Number)
		setVal(&p.CountryCode, in.CountryCode)
		if in.PhoneTypeID != nil {
			p.PhoneTypeID = int32(*in.PhoneTypeID)
		}
		setVal(&p.IsPreferred, in.IsPreferred)
		if err := checkPhone(p.Number, p.CountryCode); err != nil {
			return change{}, err
		}
		if p.IsPreferred {
			if err := q.ClearPreferredPhones(ctx, c.ID, p.ID); err != nil {
				return change{}, err
			}
		}
		return change{action: "update", entity: "phone", id: p.ID, detail: changes(before, phoneFields(p))}, q.UpdatePhone(ctx, toUpdatePhoneParams(p))
	})
	if err != nil {
		return nil, err
	}
	return r.phonePayload(ctx, number, profileID, int64(phoneID))
}

func (r *Resolver) phonePayload(ctx context.Context, number int, profileID, id int64) (*graph.PhonePayload, error) {
	p, err := r.Store.PhoneByID(ctx, profileID, id)
	if err != nil {
		return nil, storeError(err)
	}
	return &graph.PhonePayload{CustomerNumber: number, PhoneID: int(id), Phone: toGraphPhone(p)}, nil
}

func (r *Resolver) addOvChipCard(ctx context.Context, number int, in graph.OvChipCardInput) (*graph.OvChipCardPayload, error) {
	if err := checkChipCardNumber(int64(in.ChipCardNumber)); err != nil {
		return nil, err
	}
	card := postgres.OvChipCard{ChipCardNumber: int64(in.ChipCardNumber), Alias: in.Alias}
	if in.ValidUntil != nil {
		card.ValidUntil = &in.ValidUntil.Time
	}
	err := r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		card.CustomerProfileID = c.ID
		id, err := q.InsertChipCard(ctx, postgres.InsertChipCardParams{CustomerProfileID: card.CustomerProfileID,
			ChipCardNumber: card.ChipCardNumber, ValidUntil: card.ValidUntil, Alias: card.Alias})
		card.ID = id
		return change{action: "insert", entity: "ovChipCard", id: id}, err
	})
	if err != nil {
		return nil, err
	}
	row, err := r.Store.ChipCardByID(ctx, card.CustomerProfileID, card.ID)
	if err != nil {
		return nil, storeError(err)
	}
	return &graph.OvChipCardPayload{CustomerNumber: number, OvChipCardID: int(card.ID), OvChipCard: toGraphChipCard(row)}, nil
}

const defaultTokenStatus = 2 // Active

func (r *Resolver) addOvPayToken(ctx context.Context, number int, in graph.OvPayTokenInput) (*graph.OvPayTokenPayload, error) {
	t := postgres.TokenView{
		TokenTypeID: int32(in.TokenTypeID), TokenStatusID: defaultTokenStatus,
		XTat: &in.XTat, XBot: &in.XBot, Alias: &in.Alias, OvpasNumber: in.OvpasNumber,
		ReplacedByTokenID: int64Ptr(in.ReplacedByTokenID), StatusDecidedBy: decidedBy(ctx),
	}
	digits := string(in.LastDigits)
	t.LastDigits = &digits
	if in.TokenStatusID != nil {
		t.TokenStatusID = int32(*in.TokenStatusID)
	}
	if in.ExpirationDate != nil {
		t.ExpirationDate = &in.ExpirationDate.Time
	}
	if err := checkToken(t); err != nil {
		return nil, err
	}
	err := r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		t.CustomerProfileID = c.ID
		if err := checkReplacement(ctx, q, c.ID, 0, t.ReplacedByTokenID); err != nil {
			return change{}, err
		}
		id, err := q.InsertToken(ctx, toInsertTokenParams(t))
		t.ID = id
		return change{action: "insert", entity: "ovPayToken", id: id}, err
	})
	if err != nil {
		return nil, err
	}
	return r.tokenPayload(ctx, number, t.CustomerProfileID, t.ID)
}

func checkToken(t postgres.TokenView) error {
	if err := checkNotBlank("xTat", deref(t.XTat)); err != nil {
		return err
	}
	return checkNotBlank("xBot", deref(t.XBot))
}

// checkReplacement makes sure a replacing token is another token of the same profile.
func checkReplacement(ctx context.Context, q *postgres.Queries, profileID, self int64, replacedBy *int64) error {
	if replacedBy == nil {
		return nil
	}
	if *replacedBy == self {
		return graph.InputError("replacedByTokenId", "a token cannot replace itself")
	}
	_, err := q.TokenByID(ctx, profileID, *replacedBy)
	if errors.Is(err, postgres.ErrNotFound) {
		return graph.InputError("replacedByTokenId",
			fmt.Sprintf("replacedByTokenId %d is not a token of this customer", *replacedBy))
	}
	return err
}

func (r *Resolver) updateOvPayToken(ctx context.Context, number, tokenID int, in graph.OvPayTokenPatchInput) (*graph.OvPayTokenPayload, error) {
	var profileID int64
	err := r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		profileID = c.ID
		t, err := q.TokenByID(ctx, c.ID, int64(tokenID))
		if err != nil {
			return change{}, err
		}
		before := tokenFields(t)
		if in.TokenTypeID != nil {
			t.TokenTypeID = int32(*in.TokenTypeID)
		}
		if in.TokenStatusID != nil && int32(*in.TokenStatusID) != t.TokenStatusID {
			if err := checkGuarded(ctx, "Mutation.updateOvPayToken.input.tokenStatusId",
				strconv.Itoa(int(t.TokenStatusID)), t.StatusDecidedBy, strconv.Itoa(*in.TokenStatusID)); err != nil {
				return change{}, err
			}
			t.TokenStatusID = int32(*in.TokenStatusID)
			t.StatusDecidedBy = decidedBy(ctx)
		}
		setIf(&t.XTat, in.XTat)
		setIf(&t.XBot, in.XBot)
		setIf(&t.Alias, in.Alias)
		patch(&t.OvpasNumber, in.OvpasNumber, same)
		if in.LastDigits != nil {
			d := string(*in.LastDigits)
			t.LastDigits = &d
		}
		patch(&t.ExpirationDate, in.ExpirationDate, instant)
		patch(&t.ReplacedByTokenID, in.ReplacedByTokenID, int64Ptr)
		if err := checkToken(t); err != nil {
			return change{}, err
		}
		if err := checkReplacement(ctx, q, c.ID, t.ID, t.ReplacedByTokenID); err != nil {
			return change{}, err
		}
		return change{action: "update", entity: "ovPayToken", id: t.ID, detail: changes(before, tokenFields(t))}, q.UpdateToken(ctx, toUpdateTokenParams(t))
	})
	if err != nil {
		return nil, err
	}
	return r.tokenPayload(ctx, number, profileID, int64(tokenID))
}

func (r *Resolver) tokenPayload(ctx context.Context, number int, profileID, id int64) (*graph.OvPayTokenPayload, error) {
	t, err := r.Store.TokenByID(ctx, profileID, id)
	if err != nil {
		return nil, storeError(err)
	}
	return &graph.OvPayTokenPayload{CustomerNumber: number, OvPayTokenID: int(id), OvPayToken: toGraphToken(t)}, nil
}

// childNode resolves the global id of a profile's child: the id carries the profile id, so the
// profile is authorised first and the child found in its list, through the operation's loaders.
func (r *Resolver) childNode(ctx context.Context, typ string, profileID, id int64) (graph.Node, error) {
	l := loadersFor(ctx)
	c, err := l.customerByID.Load(ctx, profileID)()
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, graph.NotFound()
	}
	if err := r.requireOwn(ctx, int64(c.CustomerNumber)); err != nil {
		return nil, err
	}
	switch typ {
	case "Address":
		return childByID(ctx, l.addressesByCustomer, profileID, id, func(a *graph.Address) int { return a.AddressID })
	case "Phone":
		return childByID(ctx, l.phonesByCustomer, profileID, id, func(p *graph.Phone) int { return p.PhoneID })
	case "OvChipCard":
		return childByID(ctx, l.chipCardsByCustomer, profileID, id, func(card *graph.OvChipCard) int { return card.OvChipCardID })
	case "OvPayToken":
		return childByID(ctx, l.tokensByCustomer, profileID, id, func(t *graph.OvPayToken) int { return t.OvPayTokenID })
	case "BillingInformation":
		return childByID(ctx, l.billingByCustomer, profileID, id,
			func(b *graph.BillingInformation) int { return b.BillingInformationID })
	case "DirectDebitMandate":
		return childByID(ctx, l.mandatesByCustomer, profileID, id,
			func(m *graph.DirectDebitMandate) int { return m.DirectDebitMandateID })
	}
	return nil, graph.NotFound()
}

// childByID finds one child in its profile's list, so the nodes of a document that name children
// load in one batch per kind of child; NOT_FOUND when the profile has no such child.
func childByID[T graph.Node](ctx context.Context, loader *dataloader.Loader[int64, []T], profileID, id int64,
	idOf func(T) int) (graph.Node, error) {
	all, err := loader.Load(ctx, profileID)()
	if err != nil {
		return nil, err
	}
	for _, c := range all {
		if int64(idOf(c)) == id {
			return c, nil
		}
	}
	return nil, graph.NotFound()
}

func toInsertAddressParams(a postgres.AddressView) postgres.InsertAddressParams {
	return postgres.InsertAddressParams{
		CustomerProfileID: a.CustomerProfileID, Street: a.Street, HouseNumber: a.HouseNumber,
		HouseNumberSuffix: a.HouseNumberSuffix, PostalCode: a.PostalCode, City: a.City, Country: a.Country,
		AddressTypeID: a.AddressTypeID, IsPreferred: a.IsPreferred,
	}
}

func toUpdateAddressParams(a postgres.AddressView) postgres.UpdateAddressParams {
	return postgres.UpdateAddressParams{
		CustomerProfileID: a.CustomerProfileID, AddressID: a.ID, Street: a.Street, HouseNumber: a.HouseNumber,
		HouseNumberSuffix: a.HouseNumberSuffix, PostalCode: a.PostalCode, City: a.City, Country: a.Country,
		AddressTypeID: a.AddressTypeID, IsPreferred: a.IsPreferred,
	}
}

func toInsertPhoneParams(p postgres.PhoneView) postgres.InsertPhoneParams {
	return postgres.InsertPhoneParams{
		CustomerProfileID: p.CustomerProfileID, Number: p.Number, CountryCode: p.CountryCode,
		PhoneTypeID: p.PhoneTypeID, IsPreferred: p.IsPreferred,
	}
}

func toUpdatePhoneParams(p postgres.PhoneView) postgres.UpdatePhoneParams {
	return postgres.UpdatePhoneParams{
		CustomerProfileID: p.CustomerProfileID, PhoneID: p.ID, Number: p.Number, CountryCode: p.CountryCode,
		PhoneTypeID: p.PhoneTypeID, IsPreferred: p.IsPreferred,
	}
}

func toInsertTokenParams(t postgres.TokenView) postgres.InsertTokenParams {
	return postgres.InsertTokenParams{
		CustomerProfileID: t.CustomerProfileID, TokenTypeID: t.TokenTypeID, TokenStatusID: t.TokenStatusID,
		XTat: t.XTat, XBot: t.XBot, Alias: t.Alias, LastDigits: t.LastDigits, OvpasNumber: t.OvpasNumber,
		ExpirationDate: t.ExpirationDate, ReplacedByTokenID: t.ReplacedByTokenID, StatusDecidedBy: t.StatusDecidedBy,
	}
}

func toUpdateTokenParams(t postgres.TokenView) postgres.UpdateTokenParams {
	return postgres.UpdateTokenParams{
		CustomerProfileID: t.CustomerProfileID, TokenID: t.ID, TokenTypeID: t.TokenTypeID,
		TokenStatusID: t.TokenStatusID, XTat: t.XTat, XBot: t.XBot, Alias: t.Alias, LastDigits: t.LastDigits,
		OvpasNumber: t.OvpasNumber, ExpirationDate: t.ExpirationDate, ReplacedByTokenID: t.ReplacedByTokenID,
		StatusDecidedBy: t.StatusDecidedBy,
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
