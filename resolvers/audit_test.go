package resolvers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"ovgraph/adapters/postgres"
	"ovgraph/resolvers"
)

// auditRow is the last row of the audit trail.
type auditRow struct {
	Action, Entity string
	EntityID       int64
	Detail         map[string]any
}

func (e *env) lastAudit() auditRow {
	e.t.Helper()
	var r auditRow
	var detail []byte
	if err := e.store.Pool().QueryRow(context.Background(),
		`SELECT action, entity, entity_id, detail FROM audit_trail ORDER BY id DESC LIMIT 1`).
		Scan(&r.Action, &r.Entity, &r.EntityID, &detail); err != nil {
		e.t.Fatal(err)
	}
	if err := json.Unmarshal(detail, &r.Detail); err != nil {
		e.t.Fatal(err)
	}
	return r
}

// The audit row of an update records which fields changed and what they were; the row of a delete
// records everything the deleted object held, and which objects referred to it, so a hard delete
// loses nothing that cannot be reconstructed. None of it reaches the log.
func TestAuditRecordsPreviousValues(t *testing.T) {
	e := newEnv(t)
	var logged bytes.Buffer
	e.handler = resolvers.NewHandler(resolvers.Deps{Store: e.store, GBO: postgres.NewGBO(e.store),
		Log: slog.New(slog.NewTextHandler(&logged, nil)), Options: resolvers.DefaultOptions})
	e.newCustomer("audit@example.nl")
	e.doOK(`mutation {
	  updatePerson(customerNumber: 1000001, input: {prefix: "van", dateOfBirth: "1980-02-03"}) { customerNumber }
	  addAddress(customerNumber: 1000001, input: {street: "Lange Voorhout", houseNumber: 1, houseNumberSuffix: "A",
	    postalCode: "2514EA", city: "Den Haag", country: "NL", addressTypeId: 2}) { addressId }
	  addOvChipCard(customerNumber: 1000001, input: {chipCardNumber: 1000000000000001, validUntil: "2030-01-01", alias: "kaart"}) { ovChipCardId }
	  addOvPayToken(customerNumber: 1000001, input: {tokenTypeId: 1, xTat: "tat-1", xBot: "bot-1", alias: "bank", lastDigits: "1234",
	    expirationDate: "2030-01-31T23:59:00+01:00"}) { ovPayTokenId }
	  second: addOvPayToken(customerNumber: 1000001, input: {tokenTypeId: 1, xTat: "tat-2", xBot: "bot-2", alias: "nieuw", lastDigits: "5678"}) { ovPayTokenId }
	  addBillingInformation(customerNumber: 1000001, input: {iban: "NL91ABNA0417164300", bic: "ABNANL2A", ascription: "J. Jansen",
	    alias: "betaal", billingAddressId: 2}) { billingInformationId }
	}`, "")
	e.doOK(`mutation {
	  updateOvPayToken(customerNumber: 1000001, ovPayTokenId: 1, input: {replacedByTokenId: 2}) { ovPayTokenId }
	  addDirectDebitMandate(customerNumber: 1000001, input: {directDebitMandateTypeId: 1, billingInformationId: 1, mandateReference: "REF-1"}) { directDebitMandateId }
	}`, "")

	cases := []struct {
		name, query string
		want        auditRow
	}{
		{"debtor status", `mutation { updateCustomer(customerNumber: 1000001, input: {debtorStatusId: 2}) { customerNumber } }`,
			auditRow{"update", "customer", 1, map[string]any{"changed": []any{"debtorStatusId"}, "previous": map[string]any{"debtorStatusId": 1.0}}}},
		{"language", `mutation { updateCustomerPreference(customerNumber: 1000001, input: {languageId: 2}) { customerNumber } }`,
			auditRow{"update", "customerPreference", 1, map[string]any{"changed": []any{"languageId"}, "previous": map[string]any{"languageId": nil}}}},
		{"person: cleared, changed and unchanged fields", `mutation { updatePerson(customerNumber: 1000001, input: {prefix: null,
		  surname: "Visser", dateOfBirth: "1981-03-04", emailAddress: "audit@example.nl"}) { customerNumber } }`,
			auditRow{"update", "person", 1, map[string]any{"changed": []any{"dateOfBirth", "prefix", "surname"},
				"previous": map[string]any{"dateOfBirth": "1980-02-03", "prefix": "van", "surname": "Jansen"}}}},
		{"address", `mutation { updateAddress(customerNumber: 1000001, addressId: 2, input: {houseNumberSuffix: null, city: "Delft", postalCode: "2611AA"}) { addressId } }`,
			auditRow{"update", "address", 2, map[string]any{"changed": []any{"city", "houseNumberSuffix", "postalCode"},
				"previous": map[string]any{"city": "Den Haag", "houseNumberSuffix": "A", "postalCode": "2514EA"}}}},
		{"phone", `mutation { updatePhone(customerNumber: 1000001, phoneId: 1, input: {number: "0701234567"}) { phoneId } }`,
			auditRow{"update", "phone", 1, map[string]any{"changed": []any{"number"}, "previous": map[string]any{"number": "0612345678"}}}},
		{"token", `mutation { updateOvPayToken(customerNumber: 1000001, ovPayTokenId: 1, input: {tokenStatusId: 5, expirationDate: null}) { ovPayTokenId } }`,
			auditRow{"update", "ovPayToken", 1, map[string]any{"changed": []any{"expirationDate", "tokenStatusId"},
				"previous": map[string]any{"expirationDate": "2030-01-31T23:59:00.000+01:00", "tokenStatusId": 2.0}}}},
		{"bank account", `mutation { updateBillingInformation(customerNumber: 1000001, billingInformationId: 1, input: {iban: "DE89370400440532013000", bic: null}) { billingInformationId } }`,
			auditRow{"update", "billingInformation", 1, map[string]any{"changed": []any{"bic", "iban"},
				"previous": map[string]any{"bic": "ABNANL2A", "iban": "NL91ABNA0417164300"}}}},
		{"mandate", `mutation { updateDirectDebitMandate(customerNumber: 1000001, directDebitMandateId: 1, input: {mandateState: SIGNED}) { directDebitMandateId } }`,
			auditRow{"update", "directDebitMandate", 1, map[string]any{"changed": []any{"mandateState"}, "previous": map[string]any{"mandateState": "PREPARED"}}}},
		{"delete an address a bank account bills to", `mutation { deleteAddress(customerNumber: 1000001, addressId: 2) { deletedId } }`,
			auditRow{"delete", "address", 2, map[string]any{
				"changed": []any{"addressTypeId", "city", "country", "houseNumber", "houseNumberSuffix", "isPreferred", "postalCode", "street"},
				"previous": map[string]any{"addressTypeId": 2.0, "city": "Delft", "country": "NL", "houseNumber": 1.0,
					"houseNumberSuffix": nil, "isPreferred": false, "postalCode": "2611AA", "street": "Lange Voorhout"},
				"referencedBy": map[string]any{"billingInformation.billingAddressId": []any{1.0}}}}},
		{"delete a phone", `mutation { deletePhone(customerNumber: 1000001, phoneId: 1) { deletedId } }`,
			auditRow{"delete", "phone", 1, map[string]any{"changed": []any{"countryCode", "isPreferred", "number", "phoneTypeId"},
				"previous": map[string]any{"countryCode": "0031", "isPreferred": true, "number": "0701234567", "phoneTypeId": 2.0}}}},
		{"delete a chip card", `mutation { deleteOvChipCard(customerNumber: 1000001, ovChipCardId: 1) { deletedId } }`,
			auditRow{"delete", "ovChipCard", 1, map[string]any{"changed": []any{"alias", "chipCardNumber", "validUntil"},
				"previous": map[string]any{"alias": "kaart", "chipCardNumber": 1000000000000001.0, "validUntil": "2030-01-01"}}}},
		{"delete a token that replaced another", `mutation { deleteOvPayToken(customerNumber: 1000001, ovPayTokenId: 2) { deletedId } }`,
			auditRow{"delete", "ovPayToken", 2, map[string]any{
				"changed": []any{"alias", "expirationDate", "lastDigits", "ovpasNumber", "replacedByTokenId", "tokenStatusId", "tokenTypeId", "xBot", "xTat"},
				"previous": map[string]any{"alias": "nieuw", "expirationDate": nil, "lastDigits": "5678", "ovpasNumber": nil,
					"replacedByTokenId": nil, "tokenStatusId": 2.0, "tokenTypeId": 1.0, "xBot": "bot-2", "xTat": "tat-2"},
				"referencedBy": map[string]any{"ovPayToken.replacedByTokenId": []any{1.0}}}}},
	}
	for _, c := range cases {
		e.doOK(c.query, "")
		if got := e.lastAudit(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
	// A refused write logs nothing personal either.
	e.doRaw(touchpoint, `mutation { updatePerson(customerNumber: 1000001, input: {surname: "Jan\u0000sen"}) { customerNumber } }`, "")
	for _, personal := range []string{"Visser", "Jansen", "Delft", "Lange Voorhout", "NL91ABNA", "DE8937", "audit@example.nl", "0701234567", "tat-2"} {
		if strings.Contains(logged.String(), personal) {
			t.Errorf("the log holds %q:\n%s", personal, logged.String())
		}
	}
}
