package resolvers

import (
	"context"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"ovgraph/adapters/gbo"
	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// The SE token operations on the profile actingProfile finds: add a card GBO knows as a token
// (registerOvPayToken), change its alias or status (editOvPayToken), remove it (removeOvPayToken).
// Replacement is replace.go's, the comparison compare.go's.

// matchToken tells whether a token passes the filter of Customer.ovPayTokens.
func matchToken(f graph.TokenFilter, t *graph.OvPayToken) bool {
	switch {
	case f.ID != nil && t.OvPayTokenID != *f.ID,
		f.XBot != nil && deref(t.XBot) != *f.XBot,
		f.XTat != nil && deref(t.XTat) != *f.XTat,
		f.OvpasNumber != nil && deref(t.OvpasNumber) != *f.OvpasNumber,
		f.Types != nil && !slices.Contains(f.Types, t.TokenTypeID),
		f.Statuses != nil && !slices.Contains(f.Statuses, t.TokenStatusID),
		f.LastDigits != nil && (t.LastDigits == nil || !strings.HasSuffix(string(*t.LastDigits), *f.LastDigits)),
		f.ReplacedByTokenID != nil && (t.ReplacedByTokenID == nil || *t.ReplacedByTokenID != *f.ReplacedByTokenID):
		return false
	}
	if f.ExpirationDate != nil {
		if t.ExpirationDate == nil || !sameDay(t.ExpirationDate.Time, f.ExpirationDate.Time) {
			return false
		}
	}
	return true
}

func sameDay(a, b time.Time) bool {
	ya, ma, da := a.In(graph.Amsterdam).Date()
	yb, mb, db := b.In(graph.Amsterdam).Date()
	return ya == yb && ma == mb && da == db
}

// filterTokens narrows a profile's tokens by the filter.
func filterTokens(all []*graph.OvPayToken, f graph.TokenFilter) []*graph.OvPayToken {
	out := make([]*graph.OvPayToken, 0, len(all))
	for _, t := range all {
		if matchToken(f, t) {
			out = append(out, t)
		}
	}
	return out
}

// cardQuery reads how an input names a card: an EMV card (tokenTypeId 1) by service reference
// and amount, an OV-pas (2 or 3) by number and verification code. Half of a pair is BAD_USER_INPUT
// naming the missing half, as is a token type without a way to name its card.
func cardQuery(tokenTypeID int, srid *string, amount *int, ovpas, code *string) (gbo.CardQuery, error) {
	if err := pair("serviceReferenceId", srid != nil, "amount", amount != nil); err != nil {
		return gbo.CardQuery{}, err
	}
	if err := pair("ovpasNumber", ovpas != nil, "verificationCode", code != nil); err != nil {
		return gbo.CardQuery{}, err
	}
	switch tokenTypeID {
	case typeEMV:
		if srid == nil {
			return gbo.CardQuery{}, graph.InputError("serviceReferenceId",
				"An EMV token (tokenTypeId 1) is named by serviceReferenceId and amount.")
		}
		if ovpas != nil {
			return gbo.CardQuery{}, graph.InputError("ovpasNumber", "An EMV token has no ovpasNumber.")
		}
		return gbo.CardQuery{ServiceReferenceID: *srid, Amount: amount}, nil
	case typeOvpasPhysical, 3:
		if ovpas == nil {
			return gbo.CardQuery{}, graph.InputError("ovpasNumber",
				"An OV-pas token (tokenTypeId 2 or 3) is named by ovpasNumber and verificationCode.")
		}
		if srid != nil {
			return gbo.CardQuery{}, graph.InputError("serviceReferenceId", "An OV-pas token has no serviceReferenceId.")
		}
		return gbo.CardQuery{OvpasNumber: *ovpas, VerificationCode: *code}, nil
	}
	return gbo.CardQuery{}, graph.InputError("tokenTypeId", "tokenTypeId must be 1 (EMV), 2 (OV-pas physical) or 3 (OV-pas digital).")
}

// pair refuses half of a pair of fields, naming the missing half.
func pair(a string, hasA bool, b string, hasB bool) error {
	switch {
	case hasA && !hasB:
		return graph.InputError(b, "When "+a+" is provided, "+b+" is also required.")
	case hasB && !hasA:
		return graph.InputError(a, "When "+b+" is provided, "+a+" is also required.")
	}
	return nil
}

var errCardUnknown = graph.NewError(graph.CodeNotFound, "The card was not found in GBO.")

// findCard asks GBO for the card q names: NOT_FOUND when it knows none, UPSTREAM_UNAVAILABLE when
// it cannot be asked.
func (r *Resolver) findCard(ctx context.Context, q gbo.CardQuery) (gbo.Card, error) {
	if r.GBO == nil {
		return gbo.Card{}, gboError(errNoGBO, nil)
	}
	card, err := r.GBO.FindCard(ctx, q)
	return card, gboError(err, errCardUnknown)
}

func (r *Resolver) registerOvPayToken(ctx context.Context, customerProfileID *int, in graph.RegisterOvPayTokenInput) (*graph.OvPayTokenPayload, error) {
	profileID, err := r.actingProfile(ctx, customerProfileID)
	if err != nil {
		return nil, err
	}
	q, err := cardQuery(in.TokenTypeID, in.ServiceReferenceID, in.Amount, in.OvpasNumber, in.VerificationCode)
	if err != nil {
		return nil, err
	}
	card, err := r.findCard(ctx, q)
	if err != nil {
		return nil, err
	}
	if card.TokenTypeID != in.TokenTypeID {
		return nil, graph.InputError("tokenTypeId", "tokenTypeId "+strconv.Itoa(in.TokenTypeID)+
			" is not the card's token type ("+strconv.Itoa(card.TokenTypeID)+").")
	}
	var id int64
	err = r.inTx(ctx, func(q *postgres.Queries) error {
		if _, err := q.LockProfile(ctx, profileID); err != nil {
			return err
		}
		holders, err := q.TokensHoldingCard(ctx, &card.XTat)
		if err != nil {
			return err
		}
		if len(holders) > 0 {
			return errCardTaken
		}
		id, err = insertCardToken(ctx, q, profileID, card, in.Alias)
		return err
	})
	if err != nil {
		return nil, storeError(err)
	}
	return r.seTokenPayload(ctx, profileID, id)
}

var errCardTaken = graph.NewError(graph.CodeConflict, "The card is on a customer profile already.")

func (r *Resolver) editOvPayToken(ctx context.Context, customerProfileID *int, tokenID int, in graph.EditOvPayTokenInput) (*graph.OvPayTokenPayload, error) {
	return r.changeToken(ctx, customerProfileID, tokenID, func(t *postgres.TokenView) error {
		if in.TokenStatusID != nil && int32(*in.TokenStatusID) != t.TokenStatusID {
			// Replaced goes with the token that replaced it: only a replacement sets it or ends it.
			if *in.TokenStatusID == statusReplaced {
				return graph.InputError("tokenStatusId", "A token becomes Replaced (3) only by a replacement: use replaceOvPayToken.")
			}
			if t.TokenStatusID == statusReplaced {
				return graph.NewError(graph.CodeConflict, "The token has been replaced: its status cannot change.")
			}
			if err := checkGuarded(ctx, "Mutation.editOvPayToken.input.tokenStatusId",
				strconv.Itoa(int(t.TokenStatusID)), t.StatusDecidedBy, strconv.Itoa(*in.TokenStatusID)); err != nil {
				return err
			}
			t.TokenStatusID = int32(*in.TokenStatusID)
			t.StatusDecidedBy = decidedBy(ctx)
		}
		patch(&t.Alias, in.Alias, same)
		return nil
	})
}

// removeOvPayToken sets a token to Removed by customer (6): the row stays and its card is free
// for another profile. Removing a removed token again changes nothing and answers it as it is.
func (r *Resolver) removeOvPayToken(ctx context.Context, customerProfileID *int, tokenID int) (*graph.OvPayTokenPayload, error) {
	return r.changeToken(ctx, customerProfileID, tokenID, func(t *postgres.TokenView) error {
		if t.TokenStatusID != statusRemoved {
			t.TokenStatusID = statusRemoved
			t.StatusDecidedBy = decidedBy(ctx)
		}
		return nil
	})
}

// changeToken is an SE write of one token of the acting profile: in one transaction it locks the
// profile, reads the token (NOT_FOUND when not on the profile), lets edit change it, and stores and
// audits what changed; a token edit leaves as it was is not written. It answers the token as it
// is then.
func (r *Resolver) changeToken(ctx context.Context, customerProfileID *int, tokenID int,
	edit func(t *postgres.TokenView) error) (*graph.OvPayTokenPayload, error) {
	profileID, err := r.actingProfile(ctx, customerProfileID)
	if err != nil {
		return nil, err
	}
	err = r.inTx(ctx, func(q *postgres.Queries) error {
		if _, err := q.LockProfile(ctx, profileID); err != nil {
			return err
		}
		t, err := q.TokenByID(ctx, profileID, int64(tokenID))
		if err != nil {
			return err
		}
		before := tokenFields(t)
		if err := edit(&t); err != nil {
			return err
		}
		after := tokenFields(t)
		if reflect.DeepEqual(before, after) {
			return nil
		}
		if err := q.UpdateToken(ctx, toUpdateTokenParams(t)); err != nil {
			return err
		}
		return insertAudit(ctx, q, profileID, change{action: "update", entity: "ovPayToken", id: t.ID,
			detail: changes(before, after)})
	})
	if err != nil {
		return nil, storeError(err)
	}
	return r.seTokenPayload(ctx, profileID, int64(tokenID))
}

// seTokenPayload answers an SE token write with the token as it is now.
func (r *Resolver) seTokenPayload(ctx context.Context, profileID, id int64) (*graph.OvPayTokenPayload, error) {
	c, err := loadersFor(ctx).customerByID.Load(ctx, profileID)()
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, graph.NotFound()
	}
	t, err := r.Store.TokenByID(ctx, profileID, id)
	if err != nil {
		return nil, storeError(err)
	}
	return &graph.OvPayTokenPayload{CustomerNumber: c.CustomerNumber, OvPayTokenID: int(id), OvPayToken: toGraphToken(t)}, nil
}

// replacedBy is the token that replaced t, from the profile's token list; nil when none did.
func (r *Resolver) replacedBy(ctx context.Context, t *graph.OvPayToken) (*graph.OvPayToken, error) {
	if t.ReplacedByTokenID == nil {
		return nil, nil
	}
	all, err := loadersFor(ctx).tokensByCustomer.Load(ctx, int64(t.CustomerProfileID))()
	if err != nil {
		return nil, err
	}
	for _, o := range all {
		if o.OvPayTokenID == *t.ReplacedByTokenID {
			return o, nil
		}
	}
	return nil, nil
}

// replaces are the tokens t replaced, oldest first, from the profile's token list.
func (r *Resolver) replaces(ctx context.Context, t *graph.OvPayToken) ([]*graph.OvPayToken, error) {
	all, err := loadersFor(ctx).tokensByCustomer.Load(ctx, int64(t.CustomerProfileID))()
	if err != nil {
		return nil, err
	}
	out := []*graph.OvPayToken{}
	for _, o := range all {
		if o.ReplacedByTokenID != nil && *o.ReplacedByTokenID == t.OvPayTokenID {
			out = append(out, o)
		}
	}
	return out, nil
}
