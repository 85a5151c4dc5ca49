package graph

import (
	"regexp"
	"strings"
	"testing"
)

// CheckText and TextPattern state one rule: they agree on every character around its edges.
func TestTextRuleAndPatternAgree(t *testing.T) {
	pattern := regexp.MustCompile(regexp.MustCompile(`\\u([0-9A-F]{4})`).ReplaceAllString(TextPattern(), `\x{$1}`))
	for _, r := range []rune{0, 9, 10, 13, 0x1F, ' ', 'a', 'é', 0x7E, 0x7F, 0x85, 0x9F, 0xA0, 0x200F,
		0x2029, 0x202A, 0x202E, 0x202F, 0x2065, 0x2066, 0x2069, 0x206A, 'ß', '山', 0x1F600} {
		s := "ab" + string(r) + "cd"
		textOK, patternOK := CheckText(s) == nil, pattern.MatchString(s)
		if textOK != patternOK {
			t.Errorf("U+%04X: CheckText %v, pattern %v", r, textOK, patternOK)
		}
	}
	if err := CheckText("Jan\u202esen"); err == nil || strings.Contains(err.Error(), "Jan") {
		t.Errorf("an override is refused without echoing the text: %v", err)
	}
	for _, ok := range []string{"", "Ðurđević-Ñúñez", "van der Berg", "山田"} {
		if err := CheckText(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []any{42, true, nil} {
		if _, err := UnmarshalString(bad); err == nil {
			t.Errorf("UnmarshalString(%v) accepted", bad)
		}
	}
}
