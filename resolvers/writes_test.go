package resolvers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// A write that breaks any constraint of the database answers a coded client error, never
// INTERNAL, and never names the constraint: also constraints the resolvers know nothing of (added
// here as a later migration or a DBA might).
func TestConstraintViolationsAreCodedErrors(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("constraints@example.nl")
	ctx := context.Background()
	for _, ddl := range []string{
		`ALTER TABLE address ADD CONSTRAINT address_city_not_atlantis CHECK (city <> 'Atlantis')`,
		`CREATE TABLE served_country (code text PRIMARY KEY)`,
		`INSERT INTO served_country VALUES ('NL')`,
		`ALTER TABLE address ADD CONSTRAINT address_served_country_fk FOREIGN KEY (country) REFERENCES served_country (code)`,
		`ALTER TABLE phone ADD CONSTRAINT phone_no_belgian_numbers CHECK (country_code <> '0032')`,
		`ALTER TABLE ov_chip_card ADD COLUMN issuer text NOT NULL DEFAULT 'TLS'`,
		`ALTER TABLE ov_chip_card ALTER COLUMN issuer DROP DEFAULT`,
	} {
		if _, err := e.store.Pool().Exec(ctx, ddl); err != nil {
			t.Fatalf("%s: %v", ddl, err)
		}
	}
	address := func(city, country string) string {
		return fmt.Sprintf(`mutation { addAddress(customerNumber: %d, input: {street: "Spui", houseNumber: 1,
		  postalCode: "2511BT", city: %q, country: %q, addressTypeId: 1}) { addressId } }`, n, city, country)
	}
	cases := map[string]struct {
		query string
		code  string
	}{
		"unknown check constraint": {address("Atlantis", "NL"), "BAD_USER_INPUT"},
		"unknown foreign key":      {address("Brussel", "BE"), "BAD_USER_INPUT"},
		"unknown check on a phone": {fmt.Sprintf(`mutation { addPhone(customerNumber: %d, input: {number: "0612345678",
		  countryCode: "0032", phoneTypeId: 2}) { phoneId } }`, n), "BAD_USER_INPUT"},
		"not null": {fmt.Sprintf(`mutation { addOvChipCard(customerNumber: %d, input: {chipCardNumber: 3528000012345678}) {
		  ovChipCardId } }`, n), "BAD_USER_INPUT"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			before := e.tableCounts()
			r := e.do(touchpoint, c.query, nil)
			if r.code() != c.code {
				t.Fatalf("code %q, want %q: %+v", r.code(), c.code, r.Errors)
			}
			shown := fmt.Sprintf("%s %v", r.Errors[0].Message, r.Errors[0].Extensions)
			for _, leak := range []string{"atlantis", "served_country", "belgian", "issuer", "constraint", "sqlstate"} {
				if strings.Contains(strings.ToLower(shown), leak) {
					t.Errorf("the error shows %q: %s", leak, shown)
				}
			}
			sameCounts(t, before, e.tableCounts())
		})
	}
}
