package resolvers

import (
	"fmt"
	"math/big"
	"net/mail"
	"regexp"
	"strings"
	"time"

	"ovgraph/graph"
)

// Input rules the contract documents (postal code, chip card range) and the ones a bank needs
// (IBAN checksum). Each failure names its field.

var (
	nlPostalCode = regexp.MustCompile(`^\d{4}[A-Z]{2}$`)
	countryCode  = regexp.MustCompile(`^[A-Z]{2}$`)
	phoneNumber  = regexp.MustCompile(`^\+?[0-9]{6,15}$`)
	dialPrefix   = regexp.MustCompile(`^(00[0-9]{1,3}|\+[0-9]{1,3}|[A-Z]{2})$`)
	ibanShape    = regexp.MustCompile(`^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$`)
)

const (
	minChipCardNumber = 1000000000000000
	maxChipCardNumber = 9999999999999999
)

func checkPostalCode(postalCode, country string) error {
	if country == "NL" && !nlPostalCode.MatchString(postalCode) {
		e := graph.InputError("postalCode", fmt.Sprintf(
			`ECMA 262 regex "^(?:\d{4}[A-Z]{2})?$" does not match input string %q`, postalCode))
		e.Country = "NL"
		return e
	}
	if strings.TrimSpace(postalCode) == "" {
		return graph.InputError("postalCode", "postalCode must not be empty")
	}
	return nil
}

func checkCountry(country string) error {
	if !countryCode.MatchString(country) {
		return graph.InputError("country", fmt.Sprintf("country %q is not an ISO 3166 alpha-2 code", country))
	}
	return nil
}

func checkNotBlank(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return graph.InputError(field, field+" must not be empty")
	}
	return nil
}

func checkPhone(number, cc string) error {
	if !phoneNumber.MatchString(number) {
		return graph.InputError("number", fmt.Sprintf("number %q is not a phone number (digits only)", number))
	}
	if !dialPrefix.MatchString(cc) {
		return graph.InputError("countryCode", fmt.Sprintf("countryCode %q is neither a dialling prefix (0031) nor a country code (NL)", cc))
	}
	return nil
}

func checkChipCardNumber(n int64) error {
	switch {
	case n < minChipCardNumber:
		return graph.InputError("chipCardNumber", fmt.Sprintf(
			"numeric instance is lower than the required minimum (minimum: %d, found: %d)", int64(minChipCardNumber), n))
	case n > maxChipCardNumber:
		return graph.InputError("chipCardNumber", fmt.Sprintf(
			"numeric instance is greater than the required maximum (maximum: %d, found: %d)", int64(maxChipCardNumber), n))
	}
	return nil
}

// normalizeIBAN strips spaces and upper-cases, then checks shape and the ISO 13616 mod-97 checksum.
func normalizeIBAN(iban string) (string, error) {
	s := strings.ToUpper(strings.ReplaceAll(iban, " ", ""))
	if !ibanShape.MatchString(s) {
		return "", graph.InputError("iban", fmt.Sprintf("iban %q is not an IBAN", iban))
	}
	rearranged := s[4:] + s[:4]
	var digits strings.Builder
	for _, r := range rearranged {
		if r >= 'A' && r <= 'Z' {
			fmt.Fprintf(&digits, "%d", r-'A'+10)
		} else {
			digits.WriteRune(r)
		}
	}
	n, _ := new(big.Int).SetString(digits.String(), 10)
	if new(big.Int).Mod(n, big.NewInt(97)).Int64() != 1 {
		return "", graph.InputError("iban", fmt.Sprintf("iban %q fails the mod-97 checksum", iban))
	}
	return s, nil
}

func checkEmail(email string) error {
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || a.Name != "" {
		return graph.InputError("emailAddress", fmt.Sprintf("emailAddress %q is not an e-mail address", email))
	}
	return nil
}

func checkDateOfBirth(d graph.Date) error {
	if d.After(time.Now()) {
		return graph.InputError("dateOfBirth", fmt.Sprintf("dateOfBirth %s lies in the future", d))
	}
	return nil
}

// forbiddenTransition is the contract's 422 message.
func forbiddenTransition(from, to string) error {
	return graph.NewError(graph.CodeUnprocessable, fmt.Sprintf(
		"Forbidden state transition requested! From %s to %s not allowed.", capitalize(from), capitalize(to)))
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
