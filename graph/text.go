package graph

import (
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
)

// forbiddenText are the characters no text input may contain: control characters (C0, DEL and
// C1: a NUL byte made PostgreSQL refuse the statement, the others hide in logs and exports) and
// the bidirectional embeddings, overrides and isolates, which make a name display as another.
// Every input field and argument of type String obeys the rule (see UnmarshalString); the REST
// shim writes it into its OpenAPI document as TextPattern.
var forbiddenText = []struct{ lo, hi rune }{
	{0x0000, 0x001F}, {0x007F, 0x009F}, // control characters
	{0x202A, 0x202E}, // LRE, RLE, PDF, LRO, RLO
	{0x2066, 0x2069}, // LRI, RLI, FSI, PDI
}

// CheckText refuses a text with a forbidden character, naming the character and its position
// but not the text, which may be personal data.
func CheckText(s string) error {
	pos := 0
	for _, r := range s {
		pos++
		for _, f := range forbiddenText {
			if r >= f.lo && r <= f.hi {
				return inputErrorf("text may not contain control or bidirectional formatting characters (U+%04X at character %d)", r, pos)
			}
		}
	}
	return nil
}

// TextPattern is CheckText's rule as an ECMA 262 regular expression, for JSON schemas.
func TextPattern() string {
	var b strings.Builder
	b.WriteString("^[^")
	for _, f := range forbiddenText {
		fmt.Fprintf(&b, `\u%04X-\u%04X`, f.lo, f.hi)
	}
	b.WriteString("]*$")
	return b.String()
}

// String is GraphQL's String, bound in gqlgen.yml in place of gqlgen's own so that every text
// input obeys CheckText. gqlgen's own also read numbers and booleans as text; this one reads
// strings only.
func MarshalString(s string) graphql.Marshaler { return graphql.MarshalString(s) }

// UnmarshalString reads a String; see MarshalString.
func UnmarshalString(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", inputErrorf("%T is not a string", v)
	}
	if err := CheckText(s); err != nil {
		return "", err
	}
	return s, nil
}
