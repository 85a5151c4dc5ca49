package resolvers

import (
	"context"
	"errors"
	"fmt"

	"ovgraph/adapters/gbo"
	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// Replacing a token by another: the old token becomes Replaced with replacedByTokenId, its active
// product instances move to the new token, and a card new to the profile is added to it as an
// Active token. replaceOvPayToken does it at once; a transfer does it last, after moving the card
// data (replaceTokenTx).

// newTokenRef names the new token of a replacement: a token of the profile (TokenID), or a GBO
// card (Card), which is taken from the profile when one of its tokens holds it and is added to it
// as a new Active token, named Alias, otherwise.
type newTokenRef struct {
	TokenID int64
	Card    *gbo.Card
	Alias   *string
	// Field is the input field that named the new token, for errors ("newTokenId", "xTat").
	Field string
}

// replaceTokenTx replaces the profile's token oldTokenID by the token next names, inside the
// transaction of q, with an audit row for each token it writes: the old token becomes Replaced (3)
// with replacedByTokenId, a card new to the profile becomes an Active token, and the old token's
// active product instances move to the new one. It returns the new token's id and whether it was
// added to the profile. It locks the profile first, as every write does.
//
// Refused, as coded graph errors: a profile or old token that is not there (NOT_FOUND); an old
// token that is Replaced or Removed already (CONFLICT); a new token that is the old one, or not a
// token of the profile (BAD_USER_INPUT); a new card on another profile (CONFLICT); a new token
// that is Replaced or Removed (CONFLICT).
func replaceTokenTx(ctx context.Context, q *postgres.Queries, profileID, oldTokenID int64,
	next newTokenRef) (newTokenID int64, created bool, err error) {
	if _, err := q.LockProfile(ctx, profileID); err != nil {
		return 0, false, storeError(err)
	}
	old, err := q.TokenByID(ctx, profileID, oldTokenID)
	if err != nil {
		return 0, false, storeError(err)
	}
	switch old.TokenStatusID {
	case statusReplaced:
		return 0, false, graph.NewError(graph.CodeConflict, "The token has been replaced already: a Replaced token cannot be replaced again.")
	case statusRemoved:
		return 0, false, graph.NewError(graph.CodeConflict, "The token has been removed: a removed token cannot be replaced.")
	}
	field := next.Field
	if field == "" {
		field = "newTokenId"
	}
	var newToken postgres.TokenView
	switch {
	case next.Card != nil:
		if old.XTat != nil && *old.XTat == next.Card.XTat {
			return 0, false, graph.InputError(field, "The new token must be another token than the one it replaces.")
		}
		holder, found, err := cardHolder(ctx, q, profileID, next.Card.XTat)
		if err != nil {
			return 0, false, err
		}
		if found {
			newToken = holder
		} else {
			id, err := insertCardToken(ctx, q, profileID, *next.Card, next.Alias)
			if err != nil {
				return 0, false, err
			}
			if newToken, err = q.TokenByID(ctx, profileID, id); err != nil {
				return 0, false, err
			}
			created = true
		}
	default:
		if next.TokenID == old.ID {
			return 0, false, graph.InputError(field, "The new token must be another token than the one it replaces.")
		}
		newToken, err = q.TokenByID(ctx, profileID, next.TokenID)
		if errors.Is(err, postgres.ErrNotFound) {
			return 0, false, graph.InputError(field, fmt.Sprintf("%s %d is not a token of this customer.", field, next.TokenID))
		}
		if err != nil {
			return 0, false, err
		}
	}
	if newToken.TokenStatusID == statusReplaced || newToken.TokenStatusID == statusRemoved {
		return 0, false, graph.NewError(graph.CodeConflict, "The new token has been replaced or removed: it cannot replace another.")
	}

	before := tokenFields(old)
	by := decidedBy(ctx)
	if err := q.ReplaceTokenBy(ctx, postgres.ReplaceTokenByParams{CustomerProfileID: profileID, TokenID: old.ID,
		ReplacedByTokenID: &newToken.ID, StatusDecidedBy: by}); err != nil {
		return 0, false, err
	}
	moved, err := q.MoveActiveProductInstances(ctx, newToken.ID, old.ID)
	if err != nil {
		return 0, false, err
	}
	after := old
	after.TokenStatusID, after.ReplacedByTokenID, after.StatusDecidedBy = statusReplaced, &newToken.ID, by
	detail := changes(before, tokenFields(after))
	if moved == nil {
		moved = []int64{}
	}
	detail["movedProductInstances"] = moved
	if err := insertAudit(ctx, q, profileID, change{action: "update", entity: "ovPayToken", id: old.ID, detail: detail}); err != nil {
		return 0, false, err
	}
	return newToken.ID, created, nil
}

// cardHolder returns the profile's token that holds the card xTat. A card on another profile is
// CONFLICT; found is false when no token holds it.
func cardHolder(ctx context.Context, q *postgres.Queries, profileID int64, xTat string) (postgres.TokenView, bool, error) {
	holders, err := q.TokensHoldingCard(ctx, &xTat)
	if err != nil {
		return postgres.TokenView{}, false, err
	}
	for _, h := range holders {
		if h.CustomerProfileID != profileID {
			return postgres.TokenView{}, false, errCardOnOtherProfile
		}
		return h, true, nil
	}
	return postgres.TokenView{}, false, nil
}

var errCardOnOtherProfile = graph.NewError(graph.CodeConflict, "New token already present in other customer profile.")

// insertCardToken adds a GBO card to the profile as an Active token named alias, with an audit
// row, inside the transaction of q: its type, xTat, xBot, last digits or OV-pas number and expiry
// come from GBO.
func insertCardToken(ctx context.Context, q *postgres.Queries, profileID int64, card gbo.Card, alias *string) (int64, error) {
	xTat, xBot := card.XTat, card.XBot
	expires := card.ExpirationDate
	id, err := q.InsertToken(ctx, postgres.InsertTokenParams{
		CustomerProfileID: profileID, TokenTypeID: int32(card.TokenTypeID), TokenStatusID: statusActive,
		XTat: &xTat, XBot: &xBot, Alias: alias, LastDigits: card.LastDigits, OvpasNumber: card.OvpasNumber,
		ExpirationDate: &expires, StatusDecidedBy: decidedBy(ctx),
	})
	if err != nil {
		return 0, storeError(err)
	}
	return id, insertAudit(ctx, q, profileID, change{action: "insert", entity: "ovPayToken", id: id})
}

// replaceOvPayToken answers Mutation.replaceOvPayToken: V1 names the new token by newTokenId (on
// the profile), by service reference and amount or by OV-pas number and verification code; V2
// by xTat. A card new to the profile is added to it (created).
func (r *Resolver) replaceOvPayToken(ctx context.Context, customerProfileID *int, tokenID int,
	in graph.ReplaceOvPayTokenInput) (*graph.ReplaceOvPayTokenPayload, error) {
	profileID, err := r.actingProfile(ctx, customerProfileID)
	if err != nil {
		return nil, err
	}
	next, err := r.newTokenOf(ctx, in)
	if err != nil {
		return nil, err
	}
	var newID int64
	var created bool
	err = r.inTx(ctx, func(q *postgres.Queries) error {
		var err error
		newID, created, err = replaceTokenTx(ctx, q, profileID, int64(tokenID), next)
		return err
	})
	if err != nil {
		return nil, storeError(err)
	}
	old, err := r.Store.TokenByID(ctx, profileID, int64(tokenID))
	if err != nil {
		return nil, storeError(err)
	}
	t, err := r.Store.TokenByID(ctx, profileID, newID)
	if err != nil {
		return nil, storeError(err)
	}
	return &graph.ReplaceOvPayTokenPayload{CustomerProfileID: int(profileID), Created: created,
		ReplacedOvPayToken: toGraphToken(old), OvPayToken: toGraphToken(t)}, nil
}

// newTokenOf reads the new token of a replacement: exactly one way, a pair in full, and for a
// card named by service reference or OV-pas number the card from GBO, of the given token type.
func (r *Resolver) newTokenOf(ctx context.Context, in graph.ReplaceOvPayTokenInput) (newTokenRef, error) {
	if err := pair("serviceReferenceId", in.ServiceReferenceID != nil, "amount", in.Amount != nil); err != nil {
		return newTokenRef{}, err
	}
	if err := pair("ovpasNumber", in.OvpasNumber != nil, "verificationCode", in.VerificationCode != nil); err != nil {
		return newTokenRef{}, err
	}
	ways := 0
	for _, given := range []bool{in.NewTokenID != nil, in.XTat != nil, in.ServiceReferenceID != nil, in.OvpasNumber != nil} {
		if given {
			ways++
		}
	}
	switch {
	case ways == 0:
		return newTokenRef{}, graph.InputError("newTokenId",
			"Name the new token by newTokenId, xTat, serviceReferenceId with amount, or ovpasNumber with verificationCode.")
	case ways > 1:
		return newTokenRef{}, graph.InputError("newTokenId", "Name the new token in one way only.")
	case in.NewTokenID != nil:
		return newTokenRef{TokenID: int64(*in.NewTokenID), Field: "newTokenId"}, nil
	}
	var (
		q     gbo.CardQuery
		field string
	)
	switch {
	case in.XTat != nil:
		q, field = gbo.CardQuery{XTat: *in.XTat}, "xTat"
	default:
		typ := typeEMV
		if in.OvpasNumber != nil {
			typ = typeOvpasPhysical
		}
		if in.TokenTypeID != nil {
			typ = *in.TokenTypeID
		}
		var err error
		if q, err = cardQuery(typ, in.ServiceReferenceID, in.Amount, in.OvpasNumber, in.VerificationCode); err != nil {
			return newTokenRef{}, err
		}
		field = "serviceReferenceId"
		if in.OvpasNumber != nil {
			field = "ovpasNumber"
		}
	}
	card, err := r.findCard(ctx, q)
	if err != nil {
		return newTokenRef{}, err
	}
	if in.TokenTypeID != nil && card.TokenTypeID != *in.TokenTypeID {
		return newTokenRef{}, graph.InputError("tokenTypeId", fmt.Sprintf("tokenTypeId %d is not the card's token type (%d).",
			*in.TokenTypeID, card.TokenTypeID))
	}
	return newTokenRef{Card: &card, Alias: in.Alias, Field: field}, nil
}
