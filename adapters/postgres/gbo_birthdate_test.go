package postgres_test

import (
	"context"
	"testing"
	"time"

	"ovgraph/adapters/gbo"
)

// GBO knows the birthdate of the PAD of some cards (seed/gbo.sql): FindCard and Cards answer it,
// and a move takes it to the new card with the PAD.
func TestGBOBirthdate(t *testing.T) {
	_, g := seededGBO(t)
	ctx := context.Background()
	amount := 200
	birthdate := func(c gbo.Card) string {
		if c.Birthdate == nil {
			return ""
		}
		return c.Birthdate.Format(time.DateOnly)
	}
	for name, c := range map[string]struct {
		q    gbo.CardQuery
		want string
	}{
		"contract EMV card": {gbo.CardQuery{ServiceReferenceID: "NLOV1234567ABCDEFG", Amount: &amount}, "1970-01-01"},
		"named adult":       {gbo.CardQuery{XTat: namedPAD}, "1985-06-12"},
		"named child":       {gbo.CardQuery{XTat: "c0000000-0000-4000-8000-000000000005"}, "2018-04-15"},
		"OV-pas without":    {gbo.CardQuery{OvpasNumber: "OV34567", VerificationCode: "211"}, ""},
		"pool card without": {gbo.CardQuery{XTat: "00000001-0000-4000-8000-000000000001"}, ""},
	} {
		card, err := g.FindCard(ctx, c.q)
		if err != nil || birthdate(card) != c.want {
			t.Errorf("%s: birthdate %q (%v), want %q", name, birthdate(card), err, c.want)
		}
	}
	cards, err := g.Cards(ctx, []string{contractEMVXTat, namedOvpas})
	if err != nil || len(cards) != 2 {
		t.Fatalf("cards: %v %v", cards, err)
	}
	for _, c := range cards {
		if want := map[string]string{contractEMVXTat: "1970-01-01", namedOvpas: ""}[c.XTat]; birthdate(c) != want {
			t.Errorf("cards: %s born %q, want %q", c.XTat, birthdate(c), want)
		}
	}

	const fresh = "00000001-0000-4000-8000-000000000002"
	for range 2 {
		if err := g.MoveCardData(ctx, namedPAD, fresh); err != nil {
			t.Fatal(err)
		}
		from, _ := g.FindCard(ctx, gbo.CardQuery{XTat: namedPAD})
		to, _ := g.FindCard(ctx, gbo.CardQuery{XTat: fresh})
		if birthdate(from) != "" || birthdate(to) != "1985-06-12" {
			t.Errorf("after the move: old card born %q, new card %q", birthdate(from), birthdate(to))
		}
	}
	// A card without one keeps the new card's.
	if err := g.MoveCardData(ctx, namedOvpas, fresh); err != nil {
		t.Fatal(err)
	}
	if to, _ := g.FindCard(ctx, gbo.CardQuery{XTat: fresh}); birthdate(to) != "1985-06-12" {
		t.Errorf("a move without a birthdate cleared it: %q", birthdate(to))
	}
}
