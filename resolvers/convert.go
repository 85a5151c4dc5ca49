package resolvers

import (
	"time"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// Converters from postgres rows to graph models.

// toGraphCustomer builds the profile of c, whose child lists load through lists.
func toGraphCustomer(c postgres.CustomerView, lists graph.ChildLists) *graph.Customer {
	out := &graph.Customer{
		Lists:             lists,
		CustomerProfileID: int(c.ID),
		CustomerNumber:    int(c.CustomerNumber),
		DebtorNumber:      c.DebtorNumber,
		DebtorStateID:     intPtr(c.DebtorStatusID),
		VascustomerNumber: c.VasCustomerNumber,
		CurrentStatus:     c.CurrentStatus,
		CurrentStatusID:   intPtr(c.CurrentStatusID),
		Created:           graph.DateTime{Time: c.Created},
		CustomerPreference: &graph.CustomerPreference{
			LanguageID: intPtr(c.LanguageID),
			Language:   lookupPtr(c.LanguageID, c.LanguageName),
		},
		DebtorStatus: lookupPtr(c.DebtorStatusID, c.DebtorStatusName),
		Person: &graph.Person{
			Lists:             lists,
			CustomerProfileID: int(c.ID),
			Birthname:         c.Birthname,
			Surname:           c.Surname,
			Prefix:            c.Prefix,
			Suffix:            c.Suffix,
			DateOfBirth:       datePtr(c.DateOfBirth),
			EmailAddress:      c.EmailAddress,
		},
	}
	return out
}

func toGraphStatus(s postgres.StatusesByCustomersRow) *graph.CustomerStatus {
	return &graph.CustomerStatus{
		Name:          s.Name,
		FromInclusive: graph.DateTime{Time: s.FromInclusive},
		ToInclusive:   dateTimePtr(s.ToInclusive),
	}
}

func toGraphAddress(a postgres.AddressView) *graph.Address {
	return &graph.Address{
		CustomerProfileID: int(a.CustomerProfileID),
		AddressID:         int(a.ID),
		Street:            a.Street,
		HouseNumber:       int(a.HouseNumber),
		HouseNumberSuffix: a.HouseNumberSuffix,
		PostalCode:        a.PostalCode,
		City:              a.City,
		Country:           a.Country,
		AddressTypeID:     int(a.AddressTypeID),
		AddressType:       a.AddressType,
		IsPreferred:       a.IsPreferred,
	}
}

func toGraphPhone(p postgres.PhoneView) *graph.Phone {
	return &graph.Phone{
		CustomerProfileID: int(p.CustomerProfileID),
		PhoneID:           int(p.ID),
		Number:            p.Number,
		CountryCode:       p.CountryCode,
		PhoneTypeID:       int(p.PhoneTypeID),
		PhoneType:         p.PhoneType,
		IsPreferred:       p.IsPreferred,
	}
}

func toGraphChipCard(c postgres.OvChipCard) *graph.OvChipCard {
	return &graph.OvChipCard{
		CustomerProfileID: int(c.CustomerProfileID),
		OvChipCardID:      int(c.ID),
		ChipCardNumber:    graph.Long(c.ChipCardNumber),
		ValidUntil:        datePtr(c.ValidUntil),
		Alias:             c.Alias,
	}
}

func toGraphToken(t postgres.TokenView) *graph.OvPayToken {
	out := &graph.OvPayToken{
		CustomerProfileID: int(t.CustomerProfileID),
		OvPayTokenID:      int(t.ID),
		TokenTypeID:       int(t.TokenTypeID),
		TokenType:         &graph.Lookup{ID: int(t.TokenTypeID), Name: t.TokenType},
		XTat:              t.XTat,
		XBot:              t.XBot,
		Alias:             t.Alias,
		OvpasNumber:       t.OvpasNumber,
		TokenStatusID:     int(t.TokenStatusID),
		TokenStatus:       &graph.Lookup{ID: int(t.TokenStatusID), Name: t.TokenStatus},
		ExpirationDate:    dateTimePtr(t.ExpirationDate),
	}
	if t.LastDigits != nil {
		d := graph.Digits(*t.LastDigits)
		out.LastDigits = &d
	}
	if t.ReplacedByTokenID != nil {
		id := int(*t.ReplacedByTokenID)
		out.ReplacedByTokenID = &id
	}
	return out
}

func toGraphBilling(b postgres.BillingInformation) *graph.BillingInformation {
	out := &graph.BillingInformation{
		CustomerProfileID:    int(b.CustomerProfileID),
		BillingInformationID: int(b.ID),
		Iban:                 b.Iban,
		Bic:                  b.Bic,
		Ascription:           b.Ascription,
		Alias:                b.Alias,
		Created:              graph.DateTime{Time: b.Created},
	}
	if b.BillingAddressID != nil {
		id := int(*b.BillingAddressID)
		out.BillingAddressID = &id
	}
	return out
}

func toGraphMandate(m postgres.MandateView) *graph.DirectDebitMandate {
	return &graph.DirectDebitMandate{
		CustomerProfileID:          int(m.CustomerProfileID),
		DirectDebitMandateID:       int(m.ID),
		DirectDebitMandateTypeID:   int(m.MandateTypeID),
		DirectDebitMandateTypeName: m.MandateTypeName,
		BillingInformationID:       int(m.BillingInformationID),
		MandateReference:           m.MandateReference,
		MandateState:               graph.MandateState(m.MandateState),
		Created:                    graph.DateTime{Time: m.Created},
		UpdateTimestamp:            graph.DateTime{Time: m.UpdateTimestamp},
	}
}

func toGraphAudit(a postgres.AuditByCustomersRow) *graph.AuditEntry {
	out := &graph.AuditEntry{
		AuditTrailID:  int(a.ID),
		Action:        a.Action,
		Entity:        a.Entity,
		User:          a.User,
		Timestamp:     graph.DateTime{Time: a.Timestamp},
		CorrelationID: a.CorrelationID,
	}
	if a.CustomerProfileID != nil {
		id := int(*a.CustomerProfileID)
		out.CustomerProfileID = &id
	}
	if a.EntityID != nil {
		id := int(*a.EntityID)
		out.EntityID = &id
	}
	return out
}

func toGraphLookups(rows []postgres.LookupsRow) []*graph.Lookup {
	out := make([]*graph.Lookup, len(rows))
	for i, r := range rows {
		out[i] = &graph.Lookup{ID: int(r.ID), Name: r.Name}
	}
	return out
}

func intPtr(v *int32) *int {
	if v == nil {
		return nil
	}
	i := int(*v)
	return &i
}

func int32Ptr(v *int) *int32 {
	if v == nil {
		return nil
	}
	i := int32(*v)
	return &i
}

func derefInt64(v *int64) int64 {
	if v == nil {
		return 0
	}
	return *v
}

func lookupPtr(id *int32, name *string) *graph.Lookup {
	if id == nil || name == nil {
		return nil
	}
	return &graph.Lookup{ID: int(*id), Name: *name}
}

func datePtr(t *time.Time) *graph.Date {
	if t == nil {
		return nil
	}
	return &graph.Date{Time: *t}
}

func dateTimePtr(t *time.Time) *graph.DateTime {
	if t == nil {
		return nil
	}
	return &graph.DateTime{Time: *t}
}

func int64Ptr(v *int) *int64 {
	if v == nil {
		return nil
	}
	i := int64(*v)
	return &i
}
