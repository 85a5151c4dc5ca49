package graph

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
	_ "time/tzdata" // timestamps are shown in Dutch local time on any host

	"github.com/99designs/gqlgen/graphql"
)

// Amsterdam is the zone timestamps are written in, as the contracts' examples are (+01:00/+02:00),
// and the zone of the calendar days dates fall on.
var Amsterdam = mustZone("Europe/Amsterdam")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Date is a calendar date, written YYYY-MM-DD.
type Date struct{ time.Time }

const dateLayout = "2006-01-02"

// firstYear is the first year a Date or DateTime input may lie in: nobody alive was born before
// it and no card or token expired then, while year 0 (1 BC) parses as well as any. The four-digit
// layouts end the range at 9999-12-31.
const firstYear = 1900

func checkYear(s string, t time.Time) error {
	if t.Year() < firstYear {
		return inputErrorf("%s lies before %d-01-01", s, firstYear)
	}
	return nil
}

// ParseDate reads YYYY-MM-DD, from 1900-01-01 on.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, inputErrorf("%q is not a date (YYYY-MM-DD)", s)
	}
	return Date{t}, checkYear(s, t)
}

func (d Date) String() string { return d.Format(dateLayout) }

func (d *Date) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return inputErrorf("a date must be a string YYYY-MM-DD")
	}
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

func (d Date) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(d.String())) }

// DateTime is an instant. It reads RFC 3339 (with or without fractions), the contracts' zone-less
// 'YYYY-MM-DDTHH:MM:SS.mmm' and 'YYYY-MM-DD HH:MM:SS.mmm' forms (taken as Dutch local time) and a
// bare date (midnight, Dutch time); it writes RFC 3339 with milliseconds in Dutch local time, as the
// examples do ('2025-04-20T17:05:52.000+02:00').
type DateTime struct{ time.Time }

const dateTimeLayout = "2006-01-02T15:04:05.000Z07:00"

var localLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	dateLayout,
}

// ParseDateTime reads the forms DateTime accepts, from 1900 on (in the zone it is written in).
func ParseDateTime(s string) (DateTime, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return DateTime{t}, checkYear(s, t)
	}
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, s, Amsterdam); err == nil {
			return DateTime{t}, checkYear(s, t)
		}
	}
	return DateTime{}, inputErrorf("%q is not a date-time (RFC 3339)", s)
}

func (t DateTime) String() string { return t.In(Amsterdam).Format(dateTimeLayout) }

func (t *DateTime) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return inputErrorf("a date-time must be an RFC 3339 string")
	}
	p, err := ParseDateTime(s)
	if err != nil {
		return err
	}
	*t = p
	return nil
}

func (t DateTime) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(t.String())) }

// Int is GraphQL's Int, bound in gqlgen.yml in place of gqlgen's own: a signed 32-bit integer, as
// the specification defines it. gqlgen's reads any 64-bit value into a Go int, which the store
// then cut to 32 bits: a debtor status 2^32+3 was stored as 3. This one refuses a value that does
// not fit, and a number written with a fraction or an exponent (2.0), which is no integer either.
// A string of digits is read as the number it spells, as gqlgen's is (the contract sends some ids
// as strings).
func MarshalInt(i int) graphql.Marshaler { return graphql.MarshalInt(i) }

// UnmarshalInt reads an Int; see MarshalInt.
func UnmarshalInt(v any) (int, error) {
	n, err := toInt64(v)
	if err != nil {
		return 0, err
	}
	if err := checkRange(n, math.MinInt32, math.MaxInt32); err != nil {
		return 0, err
	}
	return int(n), nil
}

// checkRange refuses n outside [lo, hi] in the words of the JSON-schema validator the contract's
// 400 examples quote.
func checkRange(n, lo, hi int64) error {
	switch {
	case n > hi:
		return inputErrorf("numeric instance is greater than the required maximum (maximum: %d, found: %d)", hi, n)
	case n < lo:
		return inputErrorf("numeric instance is lower than the required minimum (minimum: %d, found: %d)", lo, n)
	}
	return nil
}

// Long is a 64-bit integer (OV-chipkaart numbers have 16 digits, beyond GraphQL's 32-bit Int).
type Long int64

func (l *Long) UnmarshalGQL(v any) error {
	n, err := toInt64(v)
	if err != nil {
		return err
	}
	*l = Long(n)
	return nil
}

func (l Long) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.FormatInt(int64(l), 10)) }

// errNotInteger is a number written with a fraction or an exponent: JSON readers hand it over as a
// float64 (or a json.Number that does not parse as an integer), whatever its value.
var errNotInteger = inputErrorf("a number written with a fraction or an exponent is not an integer")

// toInt64 reads an integer as the transports hand it over: an int64 from a literal or the REST
// shim, a json.Number from /graphql's variables, a string of digits, or a float64 for a number
// written with a fraction or an exponent, which it refuses.
func toInt64(v any) (int64, error) {
	switch n := v.(type) {
	case int:
		return int64(n), nil
	case int32:
		return int64(n), nil
	case int64:
		return n, nil
	case json.Number:
		return parseInt64(string(n))
	case string:
		return parseInt64(n)
	case float64:
		// Beyond 64 bits a JSON integer arrives as a float64 too; say it is too large.
		if n == math.Trunc(n) && (n >= math.MaxInt64 || n < math.MinInt64) {
			return 0, rangeError64(n)
		}
		return 0, errNotInteger
	default:
		return 0, inputErrorf("%T is not an integer", v)
	}
}

func parseInt64(s string) (int64, error) {
	i, err := strconv.ParseInt(s, 10, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		f, _ := strconv.ParseFloat(s, 64)
		return 0, rangeError64(f)
	case err != nil:
		if _, ferr := strconv.ParseFloat(s, 64); ferr == nil {
			return 0, errNotInteger
		}
		return 0, inputErrorf("%q is not an integer", s)
	}
	return i, nil
}

func rangeError64(f float64) error {
	if f < 0 {
		return inputErrorf("numeric instance is lower than the required minimum (minimum: %d, found: %g)", int64(math.MinInt64), f)
	}
	return inputErrorf("numeric instance is greater than the required maximum (maximum: %d, found: %g)", int64(math.MaxInt64), f)
}

// Digits is a string of decimal digits (the last digits of a bank card). The ABTCustomers schema
// types it as an integer while every example sends a string, so both are read; leading zeros of a
// string are kept.
type Digits string

func (d *Digits) UnmarshalGQL(v any) error {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case json.Number:
		s = string(x)
	case int, int64:
		s = fmt.Sprint(x)
	default:
		return inputErrorf("%T is not a string of digits", v)
	}
	if s == "" {
		return inputErrorf("an empty value is not a string of digits")
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return inputErrorf("%q is not a string of digits", s)
		}
	}
	*d = Digits(s)
	return nil
}

func (d Digits) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(d))) }

// inputErrorf reports a value a scalar cannot read as bad user input.
func inputErrorf(format string, args ...any) error {
	return &Error{Code: CodeBadUserInput, Message: fmt.Sprintf(format, args...)}
}
