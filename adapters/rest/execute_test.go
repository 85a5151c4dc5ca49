package rest

import (
	"encoding/json"
	"testing"
)

// pick and the scans it rests on find the values encoding/json finds, byte for byte, in answers
// with nesting, escapes and white space, and refuse what is not an object.
func TestPick(t *testing.T) {
	data := `{"a\"{b": "x}\\", "list": [1, {"q": "]"}, "\\\"", true],
	  "customers" : { "Entries": [ {"customerNumber": 1000001, "note": "a \"b\" {c} [d]"}, {"x": null} ],
	    "n": -1.5e3, "ok": false },
	  "empty": {}, "none": null, "k\u0065y": 7 }`
	for _, c := range []struct {
		path, want string
	}{
		{"list", `[1, {"q": "]"}, "\\\"", true]`},
		{"a\"{b", `"x}\\"`},
		{"customers.Entries", `[ {"customerNumber": 1000001, "note": "a \"b\" {c} [d]"}, {"x": null} ]`},
		{"customers.n", `-1.5e3`},
		{"customers.ok", `false`},
		{"empty", `{}`},
		{"none", `null`},
		{"none.deeper", `null`},
		{"key", `7`},
	} {
		got, err := pick(json.RawMessage(data), c.path)
		if err != nil || string(got) != c.want {
			t.Errorf("pick %s: %s, %v; want %s", c.path, got, err, c.want)
		}
		var fromJSON any
		if err := json.Unmarshal(got, &fromJSON); err != nil {
			t.Errorf("pick %s: %s is no JSON value: %v", c.path, got, err)
		}
	}
	for _, path := range []string{"missing", "empty.x", "list.x", "customers.n.x"} {
		if got, err := pick(json.RawMessage(data), path); err == nil {
			t.Errorf("pick %s: %s, no error", path, got)
		}
	}
	for _, bad := range []string{``, `[]`, `{"a" 1}`, `{"a": 1`, `{"a": "1}`, `{"a": [1}`, `{"a": 1 "b": 2}`, `{1: 2}`} {
		if got, _, err := member([]byte(bad), "b"); err == nil {
			t.Errorf("member of %q: %s, no error", bad, got)
		}
	}
}

func TestFirstElement(t *testing.T) {
	for in, want := range map[string]string{
		`[]`:                 ``,
		` [ ] `:              ``,
		`[{"a": [1, 2]}, 3]`: `{"a": [1, 2]}`,
		`[ "x\"]", 1]`:       `"x\"]"`,
		`[null]`:             `null`,
	} {
		got, err := firstElement([]byte(in))
		if err != nil || string(got) != want {
			t.Errorf("firstElement(%s): %s, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{`{}`, `null`, `[`, `[{"a": 1`} {
		if got, err := firstElement([]byte(bad)); err == nil {
			t.Errorf("firstElement(%s): %s, no error", bad, got)
		}
	}
}
