package graph

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestDateTimeReadsTheContractsForms(t *testing.T) {
	cases := map[string]string{
		"2025-04-20T17:05:52.000+02:00": "2025-04-20T17:05:52.000+02:00",
		"2025-04-20T15:05:52Z":          "2025-04-20T17:05:52.000+02:00",
		"2022-08-04 15:01:00.000":       "2022-08-04T15:01:00.000+02:00",
		"2024-01-01T00:00:00.000":       "2024-01-01T00:00:00.000+01:00",
		"2028-02-01":                    "2028-02-01T00:00:00.000+01:00",
	}
	for in, want := range cases {
		var d DateTime
		if err := d.UnmarshalGQL(in); err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		var b bytes.Buffer
		d.MarshalGQL(&b)
		if b.String() != `"`+want+`"` {
			t.Errorf("%s written as %s, want %s", in, b.String(), want)
		}
	}
	for _, bad := range []any{"2024-06-02T15:03:460", "yesterday", 12} {
		var d DateTime
		if err := d.UnmarshalGQL(bad); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

func TestDigitsAndLong(t *testing.T) {
	var d Digits
	for in, want := range map[any]string{"0001": "0001", json.Number("5678"): "5678"} {
		if err := d.UnmarshalGQL(in); err != nil || string(d) != want {
			t.Errorf("Digits(%v) = %q, %v", in, d, err)
		}
	}
	for _, bad := range []any{"12a4", "", 1.5} {
		if err := d.UnmarshalGQL(bad); err == nil {
			t.Errorf("Digits accepted %v", bad)
		}
	}
	var l Long
	if err := l.UnmarshalGQL(json.Number("9999999999999999")); err != nil || l != 9999999999999999 {
		t.Errorf("Long = %d, %v", l, err)
	}
	if err := l.UnmarshalGQL(json.Number("1.5")); err == nil {
		t.Error("Long accepted 1.5")
	}
}

func TestGlobalIDRoundTrip(t *testing.T) {
	typ, keys, err := ParseGlobalID(GlobalID("Address", 7, 42))
	if err != nil || typ != "Address" || len(keys) != 2 || keys[0] != 7 || keys[1] != 42 {
		t.Fatalf("got %s %v %v", typ, keys, err)
	}
	for _, bad := range []string{"", "!!", GlobalID("Customer")} {
		if _, _, err := ParseGlobalID(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestIntIs32Bits(t *testing.T) {
	for in, want := range map[any]int{
		int64(2147483647): 2147483647, int64(-2147483648): -2147483648, json.Number("7"): 7, "42": 42,
	} {
		if got, err := UnmarshalInt(in); err != nil || got != want {
			t.Errorf("UnmarshalInt(%v) = %d, %v", in, got, err)
		}
	}
	for _, bad := range []any{int64(4294967299), int64(-2147483649), json.Number("4294967299"), "4294967298",
		json.Number("9223372036854775808"), json.Number("2.0"), 2.0, 1.8446744073709552e19, "twee", true} {
		if got, err := UnmarshalInt(bad); err == nil {
			t.Errorf("UnmarshalInt(%v) = %d, want an error", bad, got)
		} else if e, ok := err.(*Error); !ok || e.Code != CodeBadUserInput {
			t.Errorf("UnmarshalInt(%v): %#v is not BAD_USER_INPUT", bad, err)
		}
	}
}

func TestDatesFrom1900(t *testing.T) {
	for _, ok := range []string{"1900-01-01", "2024-02-29", "9999-12-31"} {
		if _, err := ParseDate(ok); err != nil {
			t.Errorf("ParseDate(%s): %v", ok, err)
		}
	}
	for _, bad := range []string{"0000-01-01", "1899-12-31", "0001-01-01"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%s) accepted", bad)
		}
	}
	for _, ok := range []string{"1900-01-01T00:00:00+01:00", "1900-01-01 00:00:00.000", "9999-12-31T23:59:59Z"} {
		if _, err := ParseDateTime(ok); err != nil {
			t.Errorf("ParseDateTime(%s): %v", ok, err)
		}
	}
	for _, bad := range []string{"0000-12-31T00:00:00Z", "1899-12-31 23:59:59", "0000-01-01"} {
		if _, err := ParseDateTime(bad); err == nil {
			t.Errorf("ParseDateTime(%s) accepted", bad)
		}
	}
}
