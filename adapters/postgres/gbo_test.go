package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"ovgraph/adapters/gbo"
	"ovgraph/adapters/postgres"
)

const (
	contractEMVXTat = "32089cc8-d187-47ff-a3a9-5c2558def811"
	namedPurse      = "c0000000-0000-4000-8000-000000000003"
	namedPAD        = "c0000000-0000-4000-8000-000000000001"
	namedOvpas      = "c0000000-0000-4000-8000-000000000006"
)

func seededGBO(t *testing.T) (*postgres.Store, *postgres.GBO) {
	t.Helper()
	s := open(t)
	if err := s.SeedGBO(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s, postgres.NewGBO(s)
}

// The seed holds the contract's cards, the named cards and the pool, and loads again without
// change; the demo data puts none of them on a profile.
func TestSeedGBO(t *testing.T) {
	s, _ := seededGBO(t)
	ctx := context.Background()
	count := func() (cards, emv, ovpas, pads, templates int) {
		t.Helper()
		if err := s.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM gbo_card),
		  (SELECT count(*) FROM gbo_card WHERE x_tat::text LIKE '00000001-%' AND service_reference_id LIKE 'NLOVPOOL%'),
		  (SELECT count(*) FROM gbo_card WHERE x_tat::text LIKE '00000002-%' AND ovpas_number LIKE 'OVP%'),
		  (SELECT count(*) FROM gbo_pad_attribute), (SELECT count(*) FROM gbo_package_template)`).
			Scan(&cards, &emv, &ovpas, &pads, &templates); err != nil {
			t.Fatal(err)
		}
		return
	}
	c1, emv, ovpas, pads1, tpl1 := count()
	if emv != 1000 || ovpas != 1000 || c1 != 2010 || pads1 == 0 || tpl1 == 0 {
		t.Errorf("seeded %d cards (%d EMV, %d OV-pas in the pool), %d PAD attributes, %d templates", c1, emv, ovpas, pads1, tpl1)
	}
	if err := s.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.SeedGBO(ctx); err != nil {
		t.Fatal(err)
	}
	if c2, _, _, pads2, tpl2 := count(); c2 != c1 || pads2 != pads1 || tpl2 != tpl1 {
		t.Errorf("seeding again changed the counts: %d cards, %d PAD, %d templates", c2, pads2, tpl2)
	}
	var products int
	if err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM product_instance`).Scan(&products); err != nil || products != 3 {
		t.Errorf("demo product instances: %d (%v), want 3", products, err)
	}
	var onProfiles int
	if err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM ovpay_token t JOIN gbo_card c ON c.x_tat::text = t.x_tat`).Scan(&onProfiles); err != nil {
		t.Fatal(err)
	}
	if onProfiles != 0 {
		t.Errorf("%d seeded cards are on demo profiles", onProfiles)
	}
}

func TestGBOFindCard(t *testing.T) {
	_, g := seededGBO(t)
	ctx := context.Background()
	amount, pool := 200, 100
	for name, c := range map[string]struct {
		q    gbo.CardQuery
		xTat string
	}{
		"by xTat":                     {gbo.CardQuery{XTat: contractEMVXTat}, contractEMVXTat},
		"by xTat in upper case":       {gbo.CardQuery{XTat: "32089CC8-D187-47FF-A3A9-5C2558DEF811"}, contractEMVXTat},
		"by xBot":                     {gbo.CardQuery{XBot: "b2089cc8-d187-47ff-a3a9-5c2558def811"}, contractEMVXTat},
		"by service reference":        {gbo.CardQuery{ServiceReferenceID: "NLOV1234567ABCDEFG", Amount: &amount}, contractEMVXTat},
		"by OV-pas number":            {gbo.CardQuery{OvpasNumber: "OV34567", VerificationCode: "211"}, "0a345670-0000-4000-8000-000000034567"},
		"pool EMV card 1000":          {gbo.CardQuery{ServiceReferenceID: "NLOVPOOL0000001000", Amount: &pool}, "00000001-0000-4000-8000-000000001000"},
		"pool OV-pas 1":               {gbo.CardQuery{OvpasNumber: "OVP000001", VerificationCode: "123"}, "00000002-0000-4000-8000-000000000001"},
		"pool OV-pas by xBot":         {gbo.CardQuery{XBot: "00000002-0000-4000-9000-000000000007"}, "00000002-0000-4000-8000-000000000007"},
		"unknown xTat":                {gbo.CardQuery{XTat: "e35977b2-52bb-48ef-aca8-297b2c1d5058"}, ""},
		"malformed xTat":              {gbo.CardQuery{XTat: "xtat-1000001-1"}, ""},
		"service reference, amount 0": {gbo.CardQuery{ServiceReferenceID: "NLOV1234567ABCDEFG", Amount: new(int)}, ""},
		"wrong verification code":     {gbo.CardQuery{OvpasNumber: "OV34567", VerificationCode: "1234"}, ""},
		"nothing":                     {gbo.CardQuery{}, ""},
	} {
		t.Run(name, func(t *testing.T) {
			card, err := g.FindCard(ctx, c.q)
			if c.xTat == "" {
				if !errors.Is(err, gbo.ErrNotFound) {
					t.Fatalf("card %+v, error %v, want ErrNotFound", card, err)
				}
				return
			}
			if err != nil || card.XTat != c.xTat || card.XBot == "" || !card.ExpirationDate.After(time.Now()) {
				t.Fatalf("card %+v, error %v", card, err)
			}
		})
	}

	card, err := g.FindCard(ctx, gbo.CardQuery{XTat: namedPurse})
	if err != nil || card.TokenTypeID != 2 || card.EPurse == nil || card.EPurse.Amount != 1250 || card.EPurse.Status != "ACTIVE" ||
		card.AutoReload == nil || card.AutoReload.Amount != 500 || card.AutoReload.Arrit == nil || !card.PAD.Empty() {
		t.Errorf("card with e-purse %+v, %v", card, err)
	}
	card, err = g.FindCard(ctx, gbo.CardQuery{XTat: namedPAD})
	if err != nil || card.PAD.Name == nil || card.PAD.Birthdate == nil || card.PAD.Photo == nil || card.AgeProfile == nil {
		t.Errorf("card with PAD %+v, %v", card, err)
	}
}

func TestGBOCardsAndNotCarried(t *testing.T) {
	_, g := seededGBO(t)
	ctx := context.Background()
	cards, err := g.Cards(ctx, []string{contractEMVXTat, namedPAD, "e35977b2-52bb-48ef-aca8-297b2c1d5058", "not-a-uuid"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cards {
		got = append(got, c.XTat)
		if c.XTat == namedPAD && c.PAD.Name == nil {
			t.Errorf("card %s without its PAD", c.XTat)
		}
	}
	slices.Sort(got)
	if want := []string{contractEMVXTat, namedPAD}; !slices.Equal(got, want) {
		t.Errorf("cards %v, want %v", got, want)
	}
	if cards, err := g.Cards(ctx, nil); err != nil || len(cards) != 0 {
		t.Errorf("no xTats: %v, %v", cards, err)
	}

	for name, c := range map[string]struct {
		templates []string
		tokenType int
		want      []string
	}{
		"EMV cannot carry 33613": {[]string{"10001", "33613"}, 1, []string{"33613"}},
		"OV-pas carries both":    {[]string{"10001", "33613"}, 2, []string{}},
		"unknown template":       {[]string{"99999"}, 2, []string{"99999"}},
		"no templates":           {nil, 1, []string{}},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := g.NotCarried(ctx, c.templates, c.tokenType)
			if err != nil {
				t.Fatal(err)
			}
			if got == nil {
				got = []string{}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("not carried %v, want %v", got, c.want)
			}
		})
	}
}

// Moving card data moves the PAD, the e-purse balance and the auto-reload registration once:
// moving again changes nothing.
func TestGBOMoveCardData(t *testing.T) {
	s, g := seededGBO(t)
	ctx := context.Background()
	// The OV-pas with e-purse and auto-reload gets the PAD of card 1 first, so all three move.
	if err := g.MoveCardData(ctx, namedPAD, namedPurse); err != nil {
		t.Fatal(err)
	}
	state := func() string {
		t.Helper()
		var s1 string
		if err := s.Pool().QueryRow(ctx, `SELECT (SELECT md5(string_agg(c::text, '|' ORDER BY c.x_tat)) FROM gbo_card c) ||
		  (SELECT md5(string_agg(p::text, '|' ORDER BY p.x_tat, p.attribute)) FROM gbo_pad_attribute p)`).Scan(&s1); err != nil {
			t.Fatal(err)
		}
		return s1
	}
	for i := 0; i < 2; i++ {
		if err := g.MoveCardData(ctx, namedPurse, namedOvpas); err != nil {
			t.Fatalf("move %d: %v", i, err)
		}
		before := state()
		if err := g.MoveCardData(ctx, namedPurse, namedOvpas); err != nil {
			t.Fatal(err)
		}
		if state() != before {
			t.Errorf("move %d: moving again changed the cards", i)
		}
	}
	from, _ := g.FindCard(ctx, gbo.CardQuery{XTat: namedPurse})
	to, _ := g.FindCard(ctx, gbo.CardQuery{XTat: namedOvpas})
	if !from.PAD.Empty() || from.AutoReload != nil || from.EPurse == nil || from.EPurse.Amount != 0 || from.EPurse.Status != "INACTIVE" {
		t.Errorf("old card after the move %+v", from)
	}
	if to.PAD.Name == nil || to.PAD.Birthdate == nil || to.AutoReload == nil || to.AutoReload.Amount != 500 ||
		to.EPurse == nil || to.EPurse.Amount != 1250 || to.EPurse.Status != "ACTIVE" {
		t.Errorf("new card after the move %+v", to)
	}
	if err := g.MoveCardData(ctx, namedPurse, "e35977b2-52bb-48ef-aca8-297b2c1d5058"); !errors.Is(err, gbo.ErrNotFound) {
		t.Errorf("move to an unknown card: %v", err)
	}
}

// A GBO that cannot be reached answers errors that wrap gbo.ErrUnavailable.
func TestGBOUnavailable(t *testing.T) {
	s, g := seededGBO(t)
	s.Close()
	ctx := context.Background()
	amount := 200
	_, errFind := g.FindCard(ctx, gbo.CardQuery{ServiceReferenceID: "NLOV1234567ABCDEFG", Amount: &amount})
	_, errCards := g.Cards(ctx, []string{contractEMVXTat})
	_, errCarried := g.NotCarried(ctx, []string{"10001"}, 1)
	errMove := g.MoveCardData(ctx, namedPurse, namedOvpas)
	for i, err := range []error{errFind, errCards, errCarried, errMove} {
		if !errors.Is(err, gbo.ErrUnavailable) {
			t.Errorf("call %d: %v, want ErrUnavailable", i, err)
		}
		if errors.Is(err, gbo.ErrNotFound) {
			t.Errorf("call %d: %v is no ErrNotFound", i, fmt.Sprint(err))
		}
	}
}
