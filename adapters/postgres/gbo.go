package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"

	"ovgraph/adapters/gbo"
)

// GBO is the PostgreSQL-backed stand-in for GBO, the national OVpay back office: it answers from
// the gbo_ tables that the demo data seeds (seed/gbo.sql). It reaches them on its own pool
// connections, never inside a transaction of ours, as a real GBO client would. A failure to reach
// them wraps gbo.ErrUnavailable.
type GBO struct {
	store *Store
}

var _ gbo.Backoffice = (*GBO)(nil)

// NewGBO returns the stand-in on the store's pool.
func NewGBO(s *Store) *GBO { return &GBO{store: s} }

// FindCard returns the one card q names: by xTat, xBot, service reference with amount, or OV-pas
// number with verification code, tried in that order. A malformed xTat or xBot names no card.
func (g *GBO) FindCard(ctx context.Context, q gbo.CardQuery) (gbo.Card, error) {
	var (
		row GboCard
		err error
	)
	switch {
	case q.XTat != "":
		id, ok := toUUID(q.XTat)
		if !ok {
			return gbo.Card{}, gbo.ErrNotFound
		}
		row, err = g.store.GBOCardByXTat(ctx, id)
	case q.XBot != "":
		id, ok := toUUID(q.XBot)
		if !ok {
			return gbo.Card{}, gbo.ErrNotFound
		}
		row, err = g.store.GBOCardByXBot(ctx, id)
	case q.ServiceReferenceID != "" && q.Amount != nil:
		amount := int32(*q.Amount)
		row, err = g.store.GBOCardByServiceReference(ctx, &q.ServiceReferenceID, &amount)
	case q.OvpasNumber != "" && q.VerificationCode != "":
		row, err = g.store.GBOCardByOvpas(ctx, &q.OvpasNumber, &q.VerificationCode)
	default:
		return gbo.Card{}, gbo.ErrNotFound
	}
	if err != nil {
		return gbo.Card{}, gboError("find card", err)
	}
	pads, err := g.store.GBOPadByXTats(ctx, []pgtype.UUID{row.XTat})
	if err != nil {
		return gbo.Card{}, gboError("find card pad", err)
	}
	return toGBOCard(row, pads), nil
}

// Cards returns the known cards among xTats, with their PAD: two statements whatever the count.
func (g *GBO) Cards(ctx context.Context, xTats []string) ([]gbo.Card, error) {
	ids := make([]pgtype.UUID, 0, len(xTats))
	for _, x := range xTats {
		if id, ok := toUUID(x); ok {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := g.store.GBOCardsByXTats(ctx, ids)
	if err != nil {
		return nil, gboError("cards", err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	pads, err := g.store.GBOPadByXTats(ctx, ids)
	if err != nil {
		return nil, gboError("cards pad", err)
	}
	out := make([]gbo.Card, len(rows))
	for i, r := range rows {
		out[i] = toGBOCard(r, pads)
	}
	return out, nil
}

// NotCarried returns the templates of the list that a token of the type cannot carry.
func (g *GBO) NotCarried(ctx context.Context, packageTemplateIDs []string, tokenTypeID int) ([]string, error) {
	if len(packageTemplateIDs) == 0 {
		return nil, nil
	}
	out, err := g.store.GBONotCarried(ctx, packageTemplateIDs, int32(tokenTypeID))
	if err != nil {
		return nil, gboError("not carried", err)
	}
	return out, nil
}

// MoveCardData moves the PAD (its birthdate value with it), an active e-purse's balance and the auto-reload registration from
// one card to another in one transaction; the old card is left without them, so moving again
// changes nothing. Unknown cards are ErrNotFound.
func (g *GBO) MoveCardData(ctx context.Context, fromXTat, toXTat string) error {
	from, okFrom := toUUID(fromXTat)
	to, okTo := toUUID(toXTat)
	if !okFrom || !okTo {
		return gbo.ErrNotFound
	}
	if from == to {
		return nil
	}
	err := g.store.InTx(ctx, func(q *Queries) error {
		locked, err := q.GBOLockCards(ctx, []pgtype.UUID{from, to})
		if err != nil {
			return err
		}
		if len(locked) != 2 {
			return gbo.ErrNotFound
		}
		if err := q.GBODropPadOfMovedAttributes(ctx, to, from); err != nil {
			return err
		}
		if err := q.GBOMovePad(ctx, to, from); err != nil {
			return err
		}
		if err := q.GBOMoveBirthdate(ctx, from, to); err != nil {
			return err
		}
		if err := q.GBOMovePurseAndReload(ctx, from, to); err != nil {
			return err
		}
		return q.GBOClearPurseAndReload(ctx, from)
	})
	if errors.Is(err, gbo.ErrNotFound) {
		return err
	}
	if err != nil {
		return gboError("move card data", err)
	}
	return nil
}

// gboError maps a store error onto gbo's sentinels: a missing row is ErrNotFound, anything else a
// failure to reach GBO.
func gboError(step string, err error) error {
	if errors.Is(err, ErrNotFound) {
		return gbo.ErrNotFound
	}
	return fmt.Errorf("%s: %w: %w", step, gbo.ErrUnavailable, err)
}

func toUUID(s string) (pgtype.UUID, bool) {
	id, err := uuid.Parse(strings.TrimSpace(s))
	if err != nil {
		return pgtype.UUID{}, false
	}
	return pgtype.UUID{Bytes: id, Valid: true}, true
}

func uuidText(id pgtype.UUID) string {
	if !id.Valid {
		return ""
	}
	return uuid.UUID(id.Bytes).String()
}

func toGBOCard(r GboCard, pads []GboPadAttribute) gbo.Card {
	c := gbo.Card{
		XTat: uuidText(r.XTat), XBot: uuidText(r.XBot), TokenTypeID: int(r.TokenTypeID),
		OvpasNumber: r.OvpasNumber, LastDigits: r.LastDigits, ExpirationDate: r.ExpirationDate,
		AgeProfile: r.AgeProfile, Birthdate: r.Birthdate,
	}
	for _, p := range pads {
		if p.XTat != r.XTat {
			continue
		}
		a := &gbo.PadAttribute{
			InaccuracyFlag: p.InaccuracyFlag, InaccuracyFlagReason: p.InaccuracyFlagReason,
			InaccuracyFlagSetCounter: int(p.InaccuracyFlagSetCounter), IsValidated: p.IsValidated,
			ChangeCounter: int(p.ChangeCounter), MaxUpdatesVerificationCount: int(p.MaxUpdatesVerificationCount),
			LastChangeDate: p.LastChangeDate,
		}
		switch p.Attribute {
		case "name":
			c.PAD.Name = a
		case "birthdate":
			c.PAD.Birthdate = a
		case "photo":
			c.PAD.Photo = a
		}
	}
	if r.EPurseStatus != nil {
		c.EPurse = &gbo.EPurse{Status: *r.EPurseStatus, Currency: derefOr(r.EPurseCurrency, "EUR"),
			Amount: int(derefOr(r.EPurseAmount, 0)), OriginDate: r.EPurseOriginDate}
	}
	if r.AutoReloadAmount != nil {
		var arrit *string
		if r.AutoReloadArrit.Valid {
			s := uuidText(r.AutoReloadArrit)
			arrit = &s
		}
		c.AutoReload = &gbo.AutoReload{Amount: int(*r.AutoReloadAmount), RetailerReferenceID: r.AutoReloadRetailerReferenceID,
			Arrit: arrit, Status: derefOr(r.AutoReloadStatus, "ACTIVE"), Start: r.AutoReloadStart}
	}
	return c
}

func derefOr[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}
