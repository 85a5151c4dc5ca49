package resolvers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"ovgraph/adapters/gbo"
	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// Comparing a token of the profile with a new token: whether the old one's products, personal
// account data (PAD), e-purse and auto-reload registration can move to the new one. compareTokens
// answers it; a transfer checks it again when it runs (compareForTransfer).

// transferFailure says why a comparison blocks a transfer: a token is not where it should be
// (NOT_FOUND) or a rule blocks it (NOT_ALLOWED). The values are token_transfer.error_code's.
type transferFailure string

const (
	transferOK         transferFailure = ""
	transferNotFound   transferFailure = "NOT_FOUND"
	transferNotAllowed transferFailure = "NOT_ALLOWED"
)

// Finding codes (TransferFinding.code).
const (
	findingOldTokenNotFound       = "OLD_TOKEN_NOT_FOUND"
	findingNewTokenNotFound       = "NEW_TOKEN_NOT_FOUND"
	findingXTatNotFound           = "XTAT_NOT_FOUND"
	findingXBotNotFound           = "XBOT_NOT_FOUND"
	findingServiceRefNotFound     = "SERVICE_REFERENCE_ID_NOT_FOUND"
	findingOvpasNotFound          = "OVPAS_NUMBER_NOT_FOUND"
	findingNewTokenInOtherProfile = "NEW_TOKEN_IN_OTHER_PROFILE"
	findingSameToken              = "SAME_TOKEN"
	findingTokenType              = "TOKEN_TYPE"
	findingTokenStatus            = "TOKEN_STATUS"
	findingExpirationDate         = "EXPIRATION_DATE"
	findingProductInstances       = "PRODUCT_INSTANCES"
	findingAutoReload             = "AUTO_RELOAD_REGISTRATION"
	findingEPurse                 = "E_PURSE"
	findingPadAttribute           = "PAD_ATTRIBUTE"
	findingAgeProfile             = "AGE_PROFILE"
)

// Token statuses.
const (
	statusActive        = 2
	statusReplaced      = 3
	statusRemoved       = 6
	statusRenewedActive = 7
)

// Token types.
const (
	typeEMV           = 1
	typeOvpasPhysical = 2
)

// tokenIdentification names the new token of a comparison: exactly one of a token of the profile
// (TokenID) or a GBO card query.
type tokenIdentification struct {
	TokenID *int64
	Card    gbo.CardQuery
}

// tokenComparison is what a comparison found.
type tokenComparison struct {
	// Old is the old token on the profile (zero when not found); OldCard its card in GBO, nil
	// when GBO does not know it.
	Old     postgres.TokenView
	OldCard *gbo.Card
	// NewCard is the new token's card (zero when not found); NewToken the profile's token that
	// holds it, nil when none does.
	NewCard  gbo.Card
	NewToken *postgres.TokenView
	Flags    graph.TransferableObjects
	// Findings say what blocks the transfer, in the order of the flags; empty when nothing does.
	Findings []*graph.TransferFinding
	// Failure is transferOK when the transfer may go ahead.
	Failure transferFailure
}

// Transferable tells whether nothing blocks the transfer.
func (c tokenComparison) Transferable() bool { return c.Failure == transferOK }

// compareForTransfer compares, inside the transaction of q, the profile's token oldTokenID with
// the card GBO knows by newXTat, as a transfer must before it moves anything. A token not found
// (old on the profile, new in GBO) is Failure NOT_FOUND, a rule that blocks it (new card on another
// profile included) NOT_ALLOWED, each with its findings. The error is for GBO or the database
// failing, not for what the comparison found.
func compareForTransfer(ctx context.Context, q *postgres.Queries, backoffice gbo.Backoffice,
	profileID, oldTokenID int64, newXTat string) (tokenComparison, error) {
	return compareTokensTx(ctx, q, backoffice, profileID, oldTokenID, tokenIdentification{Card: gbo.CardQuery{XTat: newXTat}})
}

// compareTokensTx is the comparison of the profile's token oldTokenID with the token id names,
// inside the transaction of q.
func compareTokensTx(ctx context.Context, q *postgres.Queries, backoffice gbo.Backoffice,
	profileID, oldTokenID int64, id tokenIdentification) (tokenComparison, error) {
	var c tokenComparison
	fail := func(kind transferFailure, f *graph.TransferFinding) (tokenComparison, error) {
		c.Failure = kind
		c.Findings = append(c.Findings, f)
		return c, nil
	}

	old, err := q.TokenByID(ctx, profileID, oldTokenID)
	if errors.Is(err, postgres.ErrNotFound) {
		return fail(transferNotFound, finding(findingOldTokenNotFound, "The old token was not found in the customer profile.",
			"#/0/ovPayTokenId", "ovPayTokenId", strconv.FormatInt(oldTokenID, 10)))
	}
	if err != nil {
		return c, err
	}
	c.Old = old
	if old.XTat != nil {
		card, err := backoffice.FindCard(ctx, gbo.CardQuery{XTat: *old.XTat})
		switch {
		case err == nil:
			c.OldCard = &card
		case !errors.Is(err, gbo.ErrNotFound):
			return c, err
		}
	}

	// The new token: on the profile by id, or a card GBO knows.
	if id.TokenID != nil {
		t, err := q.TokenByID(ctx, profileID, *id.TokenID)
		if errors.Is(err, postgres.ErrNotFound) {
			return fail(transferNotFound, finding(findingNewTokenNotFound, "The new token was not found in the customer profile.",
				"#/0/ovPayTokenId", "ovPayTokenId", strconv.FormatInt(*id.TokenID, 10)))
		}
		if err != nil {
			return c, err
		}
		c.NewToken = &t
		c.NewCard = cardOfToken(t)
		if t.XTat != nil {
			card, err := backoffice.FindCard(ctx, gbo.CardQuery{XTat: *t.XTat})
			switch {
			case err == nil:
				c.NewCard = card
			case !errors.Is(err, gbo.ErrNotFound):
				return c, err
			}
		}
	} else {
		card, err := backoffice.FindCard(ctx, id.Card)
		if errors.Is(err, gbo.ErrNotFound) {
			return fail(transferNotFound, cardNotFound(id.Card))
		}
		if err != nil {
			return c, err
		}
		c.NewCard = card
		holders, err := q.TokensHoldingCard(ctx, &card.XTat)
		if err != nil {
			return c, err
		}
		for _, h := range holders {
			if h.CustomerProfileID != profileID {
				return fail(transferNotAllowed, finding(findingNewTokenInOtherProfile, "New token already present in other customer profile.",
					"#/0/ovPayTokenId", "ovPayTokenId", strconv.FormatInt(h.ID, 10)))
			}
			c.NewToken = &h
		}
	}
	if (c.NewToken != nil && c.NewToken.ID == old.ID) || (old.XTat != nil && *old.XTat == c.NewCard.XTat) {
		return fail(transferNotAllowed, finding(findingSameToken, "The new token is the old token.",
			"#/0/ovPayTokenId", "ovPayTokenId", strconv.FormatInt(old.ID, 10)))
	}

	if err := c.compareAttributes(ctx, q, backoffice); err != nil {
		return c, err
	}
	if len(c.Findings) > 0 {
		c.Failure = transferNotAllowed
	}
	return c, nil
}

// compareAttributes sets the flags and the findings of the attributes that block the transfer.
func (c *tokenComparison) compareAttributes(ctx context.Context, q *postgres.Queries, backoffice gbo.Backoffice) error {
	f := graph.TransferableObjects{TokenType: true, TokenStatus: true, ExpirationDate: true, ProductInstances: true,
		AutoReloadRegistration: true, EPurse: true, PersonalAccountData: &graph.PadTransferability{Name: true, Birthdate: true, Photo: true}}
	add := func(fd *graph.TransferFinding) { c.Findings = append(c.Findings, fd) }

	// Token type: an OV-pas physical cannot move to an EMV card.
	if c.Old.TokenTypeID == typeOvpasPhysical && c.NewCard.TokenTypeID == typeEMV {
		f.TokenType = false
		add(finding(findingTokenType, "The old token has token type "+c.Old.TokenType+".",
			"#/0/ovPayToken/tokenTypeId", "tokenTypeId", strconv.Itoa(int(c.Old.TokenTypeID))))
	}
	// Token status: the old token active; the new one, when on the profile, too.
	if !activeStatus(c.Old.TokenStatusID) {
		f.TokenStatus = false
		add(finding(findingTokenStatus, "The old token has token status "+c.Old.TokenStatus+".",
			"#/0/ovPayToken/tokenStatusId", "tokenStatusId", strconv.Itoa(int(c.Old.TokenStatusID))))
	}
	if c.NewToken != nil && !activeStatus(c.NewToken.TokenStatusID) {
		f.TokenStatus = false
		add(finding(findingTokenStatus, "The new token has token status "+c.NewToken.TokenStatus+".",
			"#/0/ovPayToken/tokenStatusId", "tokenStatusId", strconv.Itoa(int(c.NewToken.TokenStatusID))))
	}
	// Expiry: the new card must not have expired.
	if !c.NewCard.ExpirationDate.After(time.Now()) {
		f.ExpirationDate = false
		add(finding(findingExpirationDate, "The new token is expired.", "#/0/ovPayToken/expirationDate",
			"expirationDate", c.NewCard.ExpirationDate.In(graph.Amsterdam).Format(time.DateOnly)))
	}
	// Products: every active product instance's template must be one the new card's type carries.
	templates, err := q.ActivePackageTemplates(ctx, c.Old.ID)
	if err != nil {
		return err
	}
	notCarried, err := backoffice.NotCarried(ctx, templates, c.NewCard.TokenTypeID)
	if err != nil {
		return err
	}
	for _, t := range notCarried {
		f.ProductInstances = false
		add(finding(findingProductInstances, "One or more GBO product instances are not transferable",
			"#/0/ovPayToken/packageTemplateId", "packageTemplateId", t))
	}
	var oldCard gbo.Card
	if c.OldCard != nil {
		oldCard = *c.OldCard
	}
	// Auto-reload: it moves unless the new card has a registration of its own.
	if oldCard.AutoReload != nil && c.NewCard.AutoReload != nil {
		f.AutoReloadRegistration = false
		add(finding(findingAutoReload, "The new token has an auto-reload registration already.",
			"#/0/ovPayToken/autoReloadRegistration", "", ""))
	}
	// E-purse: a balance needs an e-purse on the new card.
	if oldCard.EPurse != nil && oldCard.EPurse.Amount > 0 && c.NewCard.EPurse == nil {
		f.EPurse = false
		add(finding(findingEPurse, "The new token has no e-purse to take the balance.",
			"#/0/ovPayToken/ePurse", "", ""))
	}
	// PAD: a marked attribute does not move.
	for _, a := range []struct {
		name string
		attr *gbo.PadAttribute
		flag *bool
	}{
		{"name", oldCard.PAD.Name, &f.PersonalAccountData.Name},
		{"birthdate", oldCard.PAD.Birthdate, &f.PersonalAccountData.Birthdate},
		{"photo", oldCard.PAD.Photo, &f.PersonalAccountData.Photo},
	} {
		if a.attr != nil && a.attr.InaccuracyFlag {
			*a.flag = false
			add(finding(findingPadAttribute, "PAD attribute "+a.name+" is marked on the old token",
				"#/0/ovPayToken/padAttributes/"+a.name, "", ""))
		}
	}
	// Age profile: the e-purse and the birthdate stay when the holders' age profiles differ.
	if oldCard.AgeProfile != nil && c.NewCard.AgeProfile != nil && *oldCard.AgeProfile != *c.NewCard.AgeProfile {
		f.EPurse = false
		f.PersonalAccountData.Birthdate = false
		add(finding(findingAgeProfile, fmt.Sprintf("The new token has age profile %s, the old token %s.",
			*c.NewCard.AgeProfile, *oldCard.AgeProfile), "#/0/ovPayToken/ageProfile", "ageProfile", *c.NewCard.AgeProfile))
	}
	c.Flags = f
	return nil
}

func activeStatus(s int32) bool { return s == statusActive || s == statusRenewedActive }

func finding(code, detail, pointer, field, value string) *graph.TransferFinding {
	f := &graph.TransferFinding{Code: code, Detail: detail, Pointer: pointer}
	if field != "" {
		f.Field = &field
		f.Value = &value
	}
	return f
}

// cardNotFound is the finding for a card GBO does not know, named as the query named it.
func cardNotFound(q gbo.CardQuery) *graph.TransferFinding {
	switch {
	case q.XTat != "":
		return finding(findingXTatNotFound, "XTAT for the new token was not found in GBO.", "#/0/xTat", "xTat", q.XTat)
	case q.XBot != "":
		return finding(findingXBotNotFound, "XBOT for the new token was not found in GBO.", "#/0/xBot", "xBot", q.XBot)
	case q.ServiceReferenceID != "":
		return finding(findingServiceRefNotFound, "Service Reference ID for the new token was not found in GBO.",
			"#/0/serviceReferenceId", "serviceReferenceId", q.ServiceReferenceID)
	default:
		return finding(findingOvpasNotFound, "OV-pas number for the new token was not found in GBO.",
			"#/0/ovpasNumber", "ovpasNumber", q.OvpasNumber)
	}
}

// cardOfToken is what a token row tells of its card, for a token whose card GBO does not know.
func cardOfToken(t postgres.TokenView) gbo.Card {
	c := gbo.Card{XTat: deref(t.XTat), XBot: deref(t.XBot), TokenTypeID: int(t.TokenTypeID), OvpasNumber: t.OvpasNumber,
		LastDigits: t.LastDigits}
	if t.ExpirationDate != nil {
		c.ExpirationDate = *t.ExpirationDate
	} else {
		c.ExpirationDate = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return c
}

// compareTokens answers Query.compareTokens: the comparison of the profile's token ovPayTokenID
// with the token newToken names. A token not found is NOT_FOUND and a new token on another profile
// (or the old token itself) BAD_USER_INPUT, each with its finding in extensions.findings.
func (r *Resolver) compareTokens(ctx context.Context, customerProfileID *int, ovPayTokenID int,
	newToken graph.TokenIdentificationInput) (*graph.TokenComparison, error) {
	profileID, err := r.actingProfile(ctx, customerProfileID)
	if err != nil {
		return nil, err
	}
	id, err := identification(newToken)
	if err != nil {
		return nil, err
	}
	if r.GBO == nil {
		return nil, gboError(errNoGBO, nil)
	}
	var c tokenComparison
	err = r.Store.InTx(ctx, func(q *postgres.Queries) error {
		var err error
		c, err = compareTokensTx(ctx, q, r.GBO, profileID, int64(ovPayTokenID), id)
		return err
	})
	if err != nil {
		if errors.Is(err, gbo.ErrUnavailable) {
			return nil, gboError(err, nil)
		}
		return nil, storeError(err)
	}
	switch {
	case c.Failure == transferNotFound:
		return nil, findingError(graph.CodeNotFound, c.Findings)
	case c.Failure == transferNotAllowed && (c.Findings[0].Code == findingNewTokenInOtherProfile || c.Findings[0].Code == findingSameToken):
		return nil, findingError(graph.CodeBadUserInput, c.Findings)
	}
	return &graph.TokenComparison{
		OldOvPayToken:       toGraphToken(c.Old),
		NewOvPayToken:       toComparedToken(c.NewCard, c.NewToken),
		IsTransferable:      c.Transferable(),
		TransferableObjects: &c.Flags,
		Findings:            append([]*graph.TransferFinding{}, c.Findings...),
	}, nil
}

// findingError is a comparison's failure as a coded error: its message the first finding's
// detail, its field the finding's field, and every finding in extensions.findings.
func findingError(code graph.Code, fs []*graph.TransferFinding) *graph.Error {
	list := make([]map[string]any, len(fs))
	for i, f := range fs {
		list[i] = map[string]any{"code": f.Code, "detail": f.Detail, "pointer": f.Pointer, "field": f.Field, "value": f.Value}
	}
	e := graph.NewError(code, fs[0].Detail)
	e.Field = deref(fs[0].Field)
	e.Extra = map[string]any{"findings": list}
	return e
}

// identification reads the new token of a comparison: exactly one way, a pair in full.
func identification(in graph.TokenIdentificationInput) (tokenIdentification, error) {
	if err := pair("serviceReferenceId", in.ServiceReferenceID != nil, "amount", in.Amount != nil); err != nil {
		return tokenIdentification{}, err
	}
	if err := pair("ovpasNumber", in.OvpasNumber != nil, "verificationCode", in.VerificationCode != nil); err != nil {
		return tokenIdentification{}, err
	}
	var id tokenIdentification
	ways := 0
	if in.OvPayTokenID != nil {
		ways++
		v := int64(*in.OvPayTokenID)
		id.TokenID = &v
	}
	if in.XTat != nil {
		ways++
		id.Card.XTat = *in.XTat
	}
	if in.XBot != nil {
		ways++
		id.Card.XBot = *in.XBot
	}
	if in.ServiceReferenceID != nil {
		ways++
		id.Card.ServiceReferenceID, id.Card.Amount = *in.ServiceReferenceID, in.Amount
	}
	if in.OvpasNumber != nil {
		ways++
		id.Card.OvpasNumber, id.Card.VerificationCode = *in.OvpasNumber, *in.VerificationCode
	}
	switch {
	case ways == 0:
		return id, graph.InputError("newToken",
			"Name the new token by one of ovPayTokenId, xTat, xBot, serviceReferenceId with amount, or ovpasNumber with verificationCode.")
	case ways > 1:
		return id, graph.InputError("newToken", "Name the new token in one way only.")
	}
	return id, nil
}

// toComparedToken is the new token of a comparison: its card, with the profile's token when one
// holds it.
func toComparedToken(card gbo.Card, t *postgres.TokenView) *graph.ComparedToken {
	out := &graph.ComparedToken{
		XTat: card.XTat, TokenType: &graph.Lookup{ID: card.TokenTypeID, Name: tokenTypeNames[card.TokenTypeID]},
		ExpirationDate:      &graph.DateTime{Time: card.ExpirationDate},
		PersonalAccountData: toGraphPAD(card.PAD), EPurse: toGraphEPurse(card.EPurse),
		AutoReloadRegistration: toGraphAutoReload(card.AutoReload),
	}
	if card.XBot != "" {
		xBot := card.XBot
		out.XBot = &xBot
	}
	if t != nil {
		profile, id := int(t.CustomerProfileID), int(t.ID)
		out.CustomerProfileID, out.OvPayTokenID, out.Alias = &profile, &id, t.Alias
		out.TokenType = &graph.Lookup{ID: int(t.TokenTypeID), Name: t.TokenType}
		out.TokenStatus = &graph.Lookup{ID: int(t.TokenStatusID), Name: t.TokenStatus}
		out.ReplacedByTokenID = intPtr64(t.ReplacedByTokenID)
	}
	return out
}

// tokenTypeNames are the token_type lookup's names, for a card on no profile.
var tokenTypeNames = map[int]string{typeEMV: "EMV", typeOvpasPhysical: "OV-pas physical", 3: "OV-pas digital"}

func intPtr64(v *int64) *int {
	if v == nil {
		return nil
	}
	i := int(*v)
	return &i
}
