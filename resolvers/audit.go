package resolvers

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"time"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// What the audit trail records of an update or a delete: the fields that changed, by their
// GraphQL (and contract) names, and the values they had before, so that walking the trail back
// from the present reconstructs every earlier state, and a hard delete loses nothing. A delete
// changes every field of the object; it also lists the objects that referred to it and lost the
// reference (ON DELETE SET NULL). Personal data in the audit table is fine (it is the database);
// it never goes to the log.

// fields is an object's state as the audit trail records it: JSON values by field name.
type fields map[string]any

// changes is the audit detail of a change from before to after.
func changes(before, after fields) map[string]any {
	var changed []string
	previous := map[string]any{}
	for name, was := range before {
		if !reflect.DeepEqual(was, after[name]) {
			changed = append(changed, name)
			previous[name] = was
		}
	}
	slices.Sort(changed)
	if changed == nil {
		changed = []string{}
	}
	return map[string]any{"changed": changed, "previous": previous}
}

// deleted is the audit detail of deleting an object in state before: every field changes, the
// empty ones included.
func deleted(before fields) map[string]any {
	return map[string]any{"changed": slices.Sorted(maps.Keys(before)), "previous": map[string]any(before)}
}

// value is *p, or nil.
func value[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func dateValue(t *time.Time) any {
	if t == nil {
		return nil
	}
	return graph.Date{Time: *t}.String()
}

func instantValue(t *time.Time) any {
	if t == nil {
		return nil
	}
	return graph.DateTime{Time: *t}.String()
}

// customerFields covers the writable part of a profile: customer, preference and person.
func customerFields(c postgres.CustomerProfile) fields {
	return fields{
		"debtorStatusId": value(c.DebtorStatusID), "languageId": value(c.LanguageID),
		"birthname": value(c.Birthname), "surname": value(c.Surname), "prefix": value(c.Prefix),
		"suffix": value(c.Suffix), "dateOfBirth": dateValue(c.DateOfBirth), "emailAddress": value(c.EmailAddress),
	}
}

func addressFields(a postgres.AddressView) fields {
	return fields{
		"street": a.Street, "houseNumber": a.HouseNumber, "houseNumberSuffix": value(a.HouseNumberSuffix),
		"postalCode": a.PostalCode, "city": a.City, "country": a.Country, "addressTypeId": a.AddressTypeID,
		"isPreferred": a.IsPreferred,
	}
}

func phoneFields(p postgres.PhoneView) fields {
	return fields{"number": p.Number, "countryCode": p.CountryCode, "phoneTypeId": p.PhoneTypeID, "isPreferred": p.IsPreferred}
}

func chipCardFields(c postgres.OvChipCard) fields {
	return fields{"chipCardNumber": c.ChipCardNumber, "validUntil": dateValue(c.ValidUntil), "alias": value(c.Alias)}
}

func tokenFields(t postgres.TokenView) fields {
	return fields{
		"tokenTypeId": t.TokenTypeID, "tokenStatusId": t.TokenStatusID, "xTat": value(t.XTat), "xBot": value(t.XBot),
		"alias": value(t.Alias), "lastDigits": value(t.LastDigits), "ovpasNumber": value(t.OvpasNumber),
		"expirationDate": instantValue(t.ExpirationDate), "replacedByTokenId": value(t.ReplacedByTokenID),
	}
}

func billingFields(b postgres.BillingInformation) fields {
	return fields{"iban": b.Iban, "bic": value(b.Bic), "ascription": b.Ascription, "alias": b.Alias,
		"billingAddressId": value(b.BillingAddressID)}
}

func mandateFields(m postgres.MandateView) fields {
	return fields{"directDebitMandateTypeId": m.MandateTypeID, "billingInformationId": m.BillingInformationID,
		"mandateReference": m.MandateReference, "mandateState": string(m.MandateState)}
}

// referrers lists, for the audit row of a delete, the objects of the profile whose reference to
// the deleted object the database clears: "<entity>.<field>" → their ids.
func referrers(ctx context.Context, q *postgres.Queries, entity string, profileID, id int64) (map[string][]int64, error) {
	out := map[string][]int64{}
	switch entity {
	case "address":
		rows, err := q.BillingByCustomers(ctx, []int64{profileID})
		if err != nil {
			return nil, err
		}
		for _, b := range rows {
			if b.BillingAddressID != nil && *b.BillingAddressID == id {
				out["billingInformation.billingAddressId"] = append(out["billingInformation.billingAddressId"], b.ID)
			}
		}
	case "ovPayToken":
		rows, err := q.TokensByCustomers(ctx, []int64{profileID})
		if err != nil {
			return nil, err
		}
		for _, t := range rows {
			if t.ReplacedByTokenID != nil && *t.ReplacedByTokenID == id {
				out["ovPayToken.replacedByTokenId"] = append(out["ovPayToken.replacedByTokenId"], t.ID)
			}
		}
	}
	return out, nil
}
