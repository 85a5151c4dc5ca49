package graph

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"
	_ "time/tzdata" // timestamps are shown in Dutch local time on any host
)

// amsterdam is the zone timestamps are written in, as the contracts' examples are (+01:00/+02:00).
var amsterdam = mustZone("Europe/Amsterdam")

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

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, inputErrorf("%q is not a date (YYYY-MM-DD)", s)
	}
	return Date{t}, nil
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

// ParseDateTime reads the forms DateTime accepts.
func ParseDateTime(s string) (DateTime, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return DateTime{t}, nil
	}
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, s, amsterdam); err == nil {
			return DateTime{t}, nil
		}
	}
	return DateTime{}, inputErrorf("%q is not a date-time (RFC 3339)", s)
}

func (t DateTime) String() string { return t.In(amsterdam).Format(dateTimeLayout) }

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

func toInt64(v any) (int64, error) {
	switch n := v.(type) {
	case int:
		return int64(n), nil
	case int32:
		return int64(n), nil
	case int64:
		return n, nil
	case json.Number:
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil {
			return 0, inputErrorf("%s is not a whole number", n)
		}
		return i, nil
	case string:
		i, err := strconv.ParseInt(n, 10, 64)
		if err != nil {
			return 0, inputErrorf("%q is not a whole number", n)
		}
		return i, nil
	case float64:
		if n != float64(int64(n)) {
			return 0, inputErrorf("%v is not a whole number", n)
		}
		return int64(n), nil
	default:
		return 0, inputErrorf("%T is not a whole number", v)
	}
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
