package resolvers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/graph-gophers/dataloader/v7"

	"ovgraph/adapters/gbo"
	"ovgraph/graph"
)

// What GBO, the national back office, knows of a token's card: its personal account data,
// e-purse and auto-reload registration. A token names its card by xTat; a document's cards load
// in one gbo.Backoffice.Cards call per batch. GBO is not ours: when it fails, these fields answer
// null with an UPSTREAM_UNAVAILABLE error and the rest of the answer stands.

// errGBOUnavailable is the answer while GBO cannot be reached.
var errGBOUnavailable = graph.NewError(graph.CodeUpstreamUnavailable,
	"GBO, the OVpay back office, is temporarily unavailable. Please try again later.")

// errNoGBO is the failure of a server set up without GBO.
var errNoGBO = fmt.Errorf("%w: no GBO configured", gbo.ErrUnavailable)

// gboError maps GBO's sentinels onto coded graph errors; notFound answers gbo.ErrNotFound.
func gboError(err error, notFound error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gbo.ErrNotFound):
		return notFound
	case errors.Is(err, gbo.ErrUnavailable):
		return fmt.Errorf("%w: %w", errGBOUnavailable, err)
	}
	return err
}

// newCardLoader loads GBO cards by xTat; a card GBO does not know loads as nil.
func newCardLoader(backoffice gbo.Backoffice, wait time.Duration) *dataloader.Loader[string, *gbo.Card] {
	batch := func(ctx context.Context, keys []string) []*dataloader.Result[*gbo.Card] {
		out := make([]*dataloader.Result[*gbo.Card], len(keys))
		var (
			cards []gbo.Card
			err   = errNoGBO
		)
		if backoffice != nil {
			cards, err = backoffice.Cards(ctx, keys)
		}
		if err != nil {
			for i := range out {
				out[i] = &dataloader.Result[*gbo.Card]{Error: err}
			}
			return out
		}
		found := make(map[string]*gbo.Card, len(cards))
		for i := range cards {
			found[strings.ToLower(cards[i].XTat)] = &cards[i]
		}
		for i, k := range keys {
			out[i] = &dataloader.Result[*gbo.Card]{Data: found[strings.ToLower(k)]}
		}
		return out
	}
	var l *dataloader.Loader[string, *gbo.Card]
	l = dataloader.NewBatchedLoader(func(ctx context.Context, keys []string) []*dataloader.Result[*gbo.Card] {
		out := batch(ctx, keys)
		for i, r := range out {
			if r.Error != nil {
				l.Clear(ctx, keys[i])
			}
		}
		return out
	}, dataloader.WithWait[string, *gbo.Card](wait), dataloader.WithBatchCapacity[string, *gbo.Card](maxBatch))
	return l
}

// tokenCard is the card of a token in GBO; nil when the token names none GBO knows. When GBO
// fails, the error is added to the response for this field and ok is false.
func (r *Resolver) tokenCard(ctx context.Context, t *graph.OvPayToken) (card *gbo.Card, ok bool) {
	if t.XTat == nil || *t.XTat == "" {
		return nil, true
	}
	card, err := loadersFor(ctx).cardByXTat.Load(ctx, *t.XTat)()
	if err != nil {
		graphql.AddError(ctx, gboError(err, nil))
		return nil, false
	}
	return card, true
}

func toGraphPAD(p gbo.PersonalAccountData) *graph.PersonalAccountData {
	return &graph.PersonalAccountData{Name: toGraphPadAttribute(p.Name), Birthdate: toGraphPadAttribute(p.Birthdate),
		Photo: toGraphPadAttribute(p.Photo)}
}

func toGraphPadAttribute(a *gbo.PadAttribute) *graph.PadAttribute {
	if a == nil {
		return nil
	}
	return &graph.PadAttribute{
		InaccuracyFlag: a.InaccuracyFlag, InaccuracyFlagReason: a.InaccuracyFlagReason,
		InaccuracyFlagSetCounter: a.InaccuracyFlagSetCounter, IsValidated: a.IsValidated,
		ChangeCounter: a.ChangeCounter, MaxUpdatesVerificationCount: a.MaxUpdatesVerificationCount,
		LastChangeDate: graph.DateTime{Time: a.LastChangeDate},
	}
}

func toGraphEPurse(e *gbo.EPurse) *graph.EPurse {
	if e == nil {
		return nil
	}
	return &graph.EPurse{Balance: &graph.Money{Currency: e.Currency, Amount: e.Amount}, Status: e.Status,
		OriginDate: dateTimePtr(e.OriginDate)}
}

func toGraphAutoReload(a *gbo.AutoReload) *graph.AutoReloadRegistration {
	if a == nil {
		return nil
	}
	return &graph.AutoReloadRegistration{AutoReloadAmount: a.Amount, RetailerReferenceID: a.RetailerReferenceID,
		Arrit: a.Arrit, AutoReloadRegistrationStatus: a.Status, AutoReloadRegistrationStartDateTime: dateTimePtr(a.Start)}
}

// The GBO-backed fields of a token: null with an error when GBO fails; a card GBO does not know
// has no PAD (every attribute null), no e-purse and no auto-reload registration.

func (r *Resolver) tokenPAD(ctx context.Context, t *graph.OvPayToken) *graph.PersonalAccountData {
	card, ok := r.tokenCard(ctx, t)
	if !ok {
		return nil
	}
	if card == nil {
		return &graph.PersonalAccountData{}
	}
	return toGraphPAD(card.PAD)
}

func (r *Resolver) tokenEPurse(ctx context.Context, t *graph.OvPayToken) *graph.EPurse {
	if card, ok := r.tokenCard(ctx, t); ok && card != nil {
		return toGraphEPurse(card.EPurse)
	}
	return nil
}

func (r *Resolver) tokenAutoReload(ctx context.Context, t *graph.OvPayToken) *graph.AutoReloadRegistration {
	if card, ok := r.tokenCard(ctx, t); ok && card != nil {
		return toGraphAutoReload(card.AutoReload)
	}
	return nil
}
