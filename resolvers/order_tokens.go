package resolvers

import (
	"context"
	"errors"
	"strconv"
	"time"

	"ovgraph/adapters/gbo"
	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// Customer tokens of order lines and their personal account data (with the one-time-password
// challenge), and the gboAgeProfile query. Every write is a basket edit of a concept order
// (writeOrder): the order is locked, so a line cannot get two tokens nor a token two sets of
// personal account data by two writes at once.

var errNotBuilt = errors.New("not built on this branch")

// tokenIdentity is how a customer token names its card: exactly one of ovPayTokenID, serviceRef
// with amount, or ovpasNumber with verificationCode.
type tokenIdentity struct {
	tokenTypeID      int
	ovPayTokenID     *int
	serviceRef       *string
	amount           *int
	ovpasNumber      *string
	verificationCode *string
}

// way names the way a token names its card, for the audit trail.
func (t tokenIdentity) way() string {
	switch {
	case t.ovPayTokenID != nil:
		return "ovPayTokenId"
	case t.serviceRef != nil:
		return "serviceReferenceId"
	}
	return "ovpasNumber"
}

// check refuses an identity that does not name its card in exactly one way: BAD_USER_INPUT on the
// missing half of a pair, on the second way, or (none given) on ovPayTokenId. field is where the
// token sits in the arguments ("input").
func (t tokenIdentity) check(field string) error {
	at := func(name string) string { return field + "." + name }
	halves := func(a string, hasA bool, b string, hasB bool) error {
		switch {
		case hasA && !hasB:
			return graph.InputError(at(b), "When "+a+" is provided, "+b+" is also required.")
		case hasB && !hasA:
			return graph.InputError(at(a), "When "+b+" is provided, "+a+" is also required.")
		}
		return nil
	}
	if err := halves("serviceReferenceId", t.serviceRef != nil, "amount", t.amount != nil); err != nil {
		return err
	}
	if err := halves("ovpasNumber", t.ovpasNumber != nil, "verificationCode", t.verificationCode != nil); err != nil {
		return err
	}
	var ways []string
	if t.ovPayTokenID != nil {
		ways = append(ways, "ovPayTokenId")
	}
	if t.serviceRef != nil {
		ways = append(ways, "serviceReferenceId")
	}
	if t.ovpasNumber != nil {
		ways = append(ways, "ovpasNumber")
	}
	switch len(ways) {
	case 0:
		return graph.InputError(at("ovPayTokenId"), "A customer token names its card in exactly one way: ovPayTokenId, "+
			"serviceReferenceId with amount, or ovpasNumber with verificationCode.")
	case 1:
		return nil
	}
	return graph.InputError(at(ways[1]), "A customer token names its card in exactly one way: "+ways[0]+" and "+ways[1]+
		" are two.")
}

// resolve finds the card a checked identity names, on the order w writes: an OVpay token of the
// order's profile, or a card GBO knows; the token type must be the card's. It answers the OVpay
// token (nil for a card named otherwise) and the card's xTat (nil when the token has none).
func (r *Resolver) resolve(ctx context.Context, w *orderWrite, t tokenIdentity, field string) (ovPayToken *int64, xTat *string, err error) {
	at := func(name string) string { return field + "." + name }
	wrongType := func(cardType int) error {
		return graph.InputError(at("tokenTypeId"), "tokenTypeId "+strconv.Itoa(t.tokenTypeID)+
			" is not the card's token type ("+strconv.Itoa(cardType)+").")
	}
	if t.ovPayTokenID != nil {
		notOwn := graph.InputError(at("ovPayTokenId"), "ovPayTokenId is not a token of the order's customer.")
		if w.order.CustomerProfileID == nil {
			return nil, nil, notOwn
		}
		tok, err := w.q.OvPayTokenOfProfile(ctx, int64(*t.ovPayTokenID), *w.order.CustomerProfileID)
		if errors.Is(err, postgres.ErrNotFound) {
			return nil, nil, notOwn
		}
		if err != nil {
			return nil, nil, err
		}
		if int(tok.TokenTypeID) != t.tokenTypeID {
			return nil, nil, wrongType(int(tok.TokenTypeID))
		}
		return &tok.ID, tok.XTat, nil
	}
	q, name := gbo.CardQuery{ServiceReferenceID: deref(t.serviceRef), Amount: t.amount}, "serviceReferenceId"
	unknown := "GBO knows no card with this serviceReferenceId and amount."
	if t.ovpasNumber != nil {
		q, name = gbo.CardQuery{OvpasNumber: *t.ovpasNumber, VerificationCode: deref(t.verificationCode)}, "ovpasNumber"
		unknown = "GBO knows no OV-pas with this ovpasNumber and verificationCode."
	}
	card, err := r.findCard(ctx, q)
	if errors.Is(err, errCardUnknown) {
		return nil, nil, graph.InputError(at(name), unknown)
	}
	if err != nil {
		return nil, nil, err
	}
	if card.TokenTypeID != t.tokenTypeID {
		return nil, nil, wrongType(card.TokenTypeID)
	}
	return nil, &card.XTat, nil
}

var errLineHasToken = graph.NewError(graph.CodeConflict, "The order line has a customer token already.")

// insertCustomerToken adds a customer token (with its personal account data, when given) to the
// line with key lineKey of the order w writes. field is where the input sits in the mutation's
// arguments ("input.orderLines.0.customerTokens.0"), for the errors it answers.
func (r *Resolver) insertCustomerToken(ctx context.Context, w *orderWrite, lineKey int64, in graph.CustomerTokenInput, field string) error {
	t := tokenIdentity{tokenTypeID: in.TokenTypeID, ovPayTokenID: in.OvPayTokenID, serviceRef: in.ServiceReferenceID,
		amount: in.Amount, ovpasNumber: in.OvpasNumber, verificationCode: in.VerificationCode}
	if err := t.check(field); err != nil {
		return err
	}
	has, err := w.q.LineHasCustomerToken(ctx, lineKey)
	if err != nil {
		return err
	}
	if has {
		return errLineHasToken
	}
	tokenID, xTat, err := r.resolve(ctx, w, t, field)
	if err != nil {
		return err
	}
	id, err := w.q.InsertCustomerToken(ctx, postgres.InsertCustomerTokenParams{
		OrderLineID: lineKey, TokenTypeID: int32(t.tokenTypeID), OvpayTokenID: tokenID, ServiceReferenceID: t.serviceRef,
		Amount: int32Ptr(t.amount), OvpasNumber: t.ovpasNumber, VerificationCode: t.verificationCode, XTat: xTat,
	})
	if err != nil {
		return err
	}
	w.record("insert", "customer_token", id, map[string]any{"orderLineKey": lineKey, "tokenTypeId": t.tokenTypeID,
		"namedBy": t.way()})
	if in.PersonalAccountData != nil {
		return r.insertPersonalAccountData(ctx, w, id, *in.PersonalAccountData, field+".personalAccountData")
	}
	return nil
}

func (r *Resolver) addCustomerToken(ctx context.Context, orderLineID string, input graph.CustomerTokenInput) (*graph.Order, error) {
	return r.writeOrder(ctx, byOrderLine(orderLineID), basketEdit, func(ctx context.Context, w *orderWrite) error {
		u, _ := parseUUID(orderLineID)
		line, err := w.q.OrderLineKeyByUUID(ctx, u)
		if err != nil {
			return err
		}
		return r.insertCustomerToken(ctx, w, line, input, "input")
	})
}

// updateCustomerToken changes how a customer token names its card: the fields given replace the
// stored ones (null clears one), and the result must name the card in exactly one way. The card
// is looked up again, its xTat with it.
func (r *Resolver) updateCustomerToken(ctx context.Context, customerTokenID string, input graph.UpdateCustomerTokenInput) (*graph.Order, error) {
	return r.writeOrder(ctx, byCustomerToken(customerTokenID), basketEdit, func(ctx context.Context, w *orderWrite) error {
		u, _ := parseUUID(customerTokenID)
		cur, err := w.q.CustomerTokenByUUID(ctx, u)
		if err != nil {
			return err
		}
		t := tokenIdentity{tokenTypeID: int(cur.TokenTypeID), ovPayTokenID: intPtr64(cur.OvpayTokenID),
			serviceRef: cur.ServiceReferenceID, amount: intPtr(cur.Amount), ovpasNumber: cur.OvpasNumber,
			verificationCode: cur.VerificationCode}
		fields := []string{}
		if input.TokenTypeID != nil {
			t.tokenTypeID, fields = *input.TokenTypeID, append(fields, "tokenTypeId")
		}
		set := func(name string, into **int, v *int, ok bool) {
			if ok {
				*into, fields = v, append(fields, name)
			}
		}
		setText := func(name string, into **string, v *string, ok bool) {
			if ok {
				*into, fields = v, append(fields, name)
			}
		}
		v, ok := input.OvPayTokenID.ValueOK()
		set("ovPayTokenId", &t.ovPayTokenID, v, ok)
		s, ok := input.ServiceReferenceID.ValueOK()
		setText("serviceReferenceId", &t.serviceRef, s, ok)
		v, ok = input.Amount.ValueOK()
		set("amount", &t.amount, v, ok)
		s, ok = input.OvpasNumber.ValueOK()
		setText("ovpasNumber", &t.ovpasNumber, s, ok)
		s, ok = input.VerificationCode.ValueOK()
		setText("verificationCode", &t.verificationCode, s, ok)
		if err := t.check("input"); err != nil {
			return err
		}
		tokenID, xTat, err := r.resolve(ctx, w, t, "input")
		if err != nil {
			return err
		}
		if err := w.q.UpdateCustomerToken(ctx, postgres.UpdateCustomerTokenParams{
			ID: cur.ID, TokenTypeID: int32(t.tokenTypeID), OvpayTokenID: tokenID, ServiceReferenceID: t.serviceRef,
			Amount: int32Ptr(t.amount), OvpasNumber: t.ovpasNumber, VerificationCode: t.verificationCode, XTat: xTat,
		}); err != nil {
			return err
		}
		w.record("update", "customer_token", cur.ID, map[string]any{"fields": fields, "namedBy": t.way()})
		return nil
	})
}

func (r *Resolver) deleteCustomerToken(ctx context.Context, customerTokenID string) (*graph.Order, error) {
	return r.writeOrder(ctx, byCustomerToken(customerTokenID), basketEdit, func(ctx context.Context, w *orderWrite) error {
		u, _ := parseUUID(customerTokenID)
		cur, err := w.q.CustomerTokenByUUID(ctx, u)
		if err != nil {
			return err
		}
		if err := w.q.DeleteCustomerToken(ctx, cur.ID); err != nil {
			return err
		}
		w.record("delete", "customer_token", cur.ID, map[string]any{"withPersonalAccountData": cur.HasPad})
		return nil
	})
}

var errTokenHasPAD = graph.NewError(graph.CodeConflict, "The customer token has personal account data already.")

// insertPersonalAccountData adds personal account data to the customer token with key tokenKey of
// the order w writes. With a challenge type a code is sent to the holder; with a one-time
// password as well, the code is answered at once (a wrong one changes nothing). field is where
// the input sits in the arguments.
func (r *Resolver) insertPersonalAccountData(ctx context.Context, w *orderWrite, tokenKey int64, in graph.PersonalAccountDataInput, field string) error {
	if err := checkBirthdate(in.Birthdate, field); err != nil {
		return err
	}
	if in.OneTimePassword != nil && in.ChallengeTypeID == nil {
		return errOTPWithoutChallenge(field)
	}
	var birthdate *time.Time
	if in.Birthdate != nil {
		birthdate = &in.Birthdate.Time
	}
	id, err := w.q.InsertPersonalAccountData(ctx, postgres.InsertPersonalAccountDataParams{
		CustomerTokenID: tokenKey, Name: in.Name, Birthdate: birthdate, Photo: in.Photo,
		ChallengeTypeID: int32Ptr(in.ChallengeTypeID),
	})
	if err != nil {
		if isConflict(err) {
			return errTokenHasPAD
		}
		return challengeTypeError(err, field)
	}
	fields := []string{}
	for _, f := range []struct {
		name  string
		given bool
	}{{"name", in.Name != nil}, {"birthdate", in.Birthdate != nil}, {"photo", in.Photo != nil},
		{"challengeTypeId", in.ChallengeTypeID != nil}} {
		if f.given {
			fields = append(fields, f.name)
		}
	}
	w.record("insert", "personal_account_data", id, map[string]any{"customerTokenKey": tokenKey, "fields": fields})
	if in.ChallengeTypeID == nil {
		return nil
	}
	if err := r.sendChallenge(ctx, w, id, field+".challengeTypeId"); err != nil {
		return err
	}
	if in.OneTimePassword != nil {
		return r.answerChallenge(ctx, w, id, *in.OneTimePassword, field+".oneTimePassword")
	}
	return nil
}

func (r *Resolver) addPersonalAccountData(ctx context.Context, customerTokenID string, input graph.PersonalAccountDataInput) (*graph.Order, error) {
	return r.writeOrder(ctx, byCustomerToken(customerTokenID), basketEdit, func(ctx context.Context, w *orderWrite) error {
		u, _ := parseUUID(customerTokenID)
		tok, err := w.q.CustomerTokenByUUID(ctx, u)
		if err != nil {
			return err
		}
		if tok.HasPad {
			return errTokenHasPAD
		}
		return r.insertPersonalAccountData(ctx, w, tok.ID, input, "input")
	})
}

// updatePersonalAccountData changes personal account data (a field given replaces the stored one,
// null clears it) and, with a one-time password, answers its challenge; a challenge type given
// without one sends a new code.
func (r *Resolver) updatePersonalAccountData(ctx context.Context, id string, input graph.UpdatePersonalAccountDataInput) (*graph.Order, error) {
	return r.writeOrder(ctx, byPersonalAccountData(id), basketEdit, func(ctx context.Context, w *orderWrite) error {
		u, _ := parseUUID(id)
		cur, err := w.q.PersonalAccountDataByUUID(ctx, u)
		if err != nil {
			return err
		}
		fields := []string{}
		if v, ok := input.Name.ValueOK(); ok {
			cur.Name, fields = v, append(fields, "name")
		}
		if v, ok := input.Birthdate.ValueOK(); ok {
			if err := checkBirthdate(v, "input"); err != nil {
				return err
			}
			cur.Birthdate, fields = nil, append(fields, "birthdate")
			if v != nil {
				cur.Birthdate = &v.Time
			}
		}
		if v, ok := input.Photo.ValueOK(); ok {
			cur.Photo, fields = v, append(fields, "photo")
		}
		if input.ChallengeTypeID != nil {
			cur.ChallengeTypeID, fields = int32Ptr(input.ChallengeTypeID), append(fields, "challengeTypeId")
		}
		if input.OneTimePassword != nil && cur.ChallengeTypeID == nil {
			return errOTPWithoutChallenge("input")
		}
		if err := w.q.UpdatePersonalAccountData(ctx, postgres.UpdatePersonalAccountDataParams{
			ID: cur.ID, Name: cur.Name, Birthdate: cur.Birthdate, Photo: cur.Photo, ChallengeTypeID: cur.ChallengeTypeID,
		}); err != nil {
			return challengeTypeError(err, "input")
		}
		w.record("update", "personal_account_data", cur.ID, map[string]any{"fields": fields,
			"oneTimePassword": input.OneTimePassword != nil})
		switch {
		case input.OneTimePassword != nil:
			return r.answerChallenge(ctx, w, cur.ID, *input.OneTimePassword, "input.oneTimePassword")
		case input.ChallengeTypeID != nil:
			return r.sendChallenge(ctx, w, cur.ID, "input.challengeTypeId")
		}
		return nil
	})
}

func (r *Resolver) deletePersonalAccountData(ctx context.Context, id string) (*graph.Order, error) {
	return r.writeOrder(ctx, byPersonalAccountData(id), basketEdit, func(ctx context.Context, w *orderWrite) error {
		u, _ := parseUUID(id)
		cur, err := w.q.PersonalAccountDataByUUID(ctx, u)
		if err != nil {
			return err
		}
		if err := w.q.DeletePersonalAccountData(ctx, cur.ID); err != nil {
			return err
		}
		w.record("delete", "personal_account_data", cur.ID, nil)
		return nil
	})
}

// checkBirthdate refuses a birthdate after today.
func checkBirthdate(d *graph.Date, field string) error {
	if d != nil && d.Time.After(dayOf(time.Now())) {
		return graph.InputError(field+".birthdate", "birthdate lies in the future.")
	}
	return nil
}

func errOTPWithoutChallenge(field string) error {
	return graph.InputError(field+".challengeTypeId",
		"A oneTimePassword answers a challenge: the personal account data needs a challengeTypeId.")
}

// challengeTypeError names challengeTypeId when a write named a challenge type that is none.
func challengeTypeError(err error, field string) error {
	var ce *postgres.ConstraintError
	if errors.As(err, &ce) && ce.Constraint == "personal_account_data_challenge_type_id_fkey" {
		return graph.InputError(field+".challengeTypeId", "challengeTypeId is not one of challengeTypes.")
	}
	return err
}

func isConflict(err error) bool {
	var ce *postgres.ConstraintError
	return errors.As(err, &ce) && errors.Is(ce, postgres.ErrConflict)
}

// The gboAgeProfile query.

// errMissingBirthdate answers a holder the query found but knows no birthdate of.
func errMissingBirthdate() error {
	e := graph.NewError(graph.CodeNotFound,
		"There is no birthdate present in the PAD of the OVpay token, or there is no PAD present at all.")
	e.Extra = map[string]any{"reason": "MISSING_BIRTHDATE_IN_PAD"}
	return e
}

func (r *Resolver) gboAgeProfileFor(ctx context.Context, productStartDate graph.Date, birthDate *graph.Date,
	ovPayTokenID *int, customerTokenID *string, serviceReferenceID *string, amount *int, ovpasNumber *string,
	verificationCode *string) (*graph.GboAgeProfile, error) {
	birth, err := r.holderBirthdate(ctx, birthDate, ovPayTokenID, customerTokenID, serviceReferenceID, amount,
		ovpasNumber, verificationCode)
	if err != nil {
		return nil, err
	}
	profiles, err := r.Store.GboAgeProfiles(ctx)
	if err != nil {
		return nil, err
	}
	p, ok := ageProfileFor(profiles, ageOn(birth, productStartDate.Time))
	if !ok {
		e := graph.NewError(graph.CodeNotFound, "No GBO age profile holds for the holder's age at productStartDate.")
		e.Extra = map[string]any{"reason": "NO_AGE_PROFILE"}
		return nil, e
	}
	return toGraphAgeProfile(p), nil
}

// holderBirthdate is the birthdate of the first source given, in the query's order: birthDate;
// customerTokenId (its personal account data, else GBO's for its card); ovPayTokenId,
// serviceReferenceId with amount, or ovpasNumber with verificationCode (GBO's for the card).
func (r *Resolver) holderBirthdate(ctx context.Context, birthDate *graph.Date, ovPayTokenID *int, customerTokenID *string,
	serviceReferenceID *string, amount *int, ovpasNumber *string, verificationCode *string) (time.Time, error) {
	fromCard := func(q gbo.CardQuery) (time.Time, error) {
		card, err := r.findCard(ctx, q)
		if err != nil {
			if errors.Is(err, errCardUnknown) {
				return time.Time{}, graph.NotFound()
			}
			return time.Time{}, err
		}
		if card.Birthdate == nil {
			return time.Time{}, errMissingBirthdate()
		}
		return *card.Birthdate, nil
	}
	switch {
	case birthDate != nil:
		return birthDate.Time, nil
	case customerTokenID != nil:
		u, ok := parseUUID(*customerTokenID)
		if !ok {
			return time.Time{}, graph.InputError("customerTokenId", "customerTokenId is not a uuid")
		}
		t, err := r.Store.CustomerTokenBirthdate(ctx, u)
		if err != nil {
			return time.Time{}, storeError(err)
		}
		if t.PadBirthdate != nil {
			return *t.PadBirthdate, nil
		}
		if t.XTat != nil {
			known, err := r.gboBirthdates(ctx, []string{*t.XTat})
			if err != nil {
				return time.Time{}, err
			}
			if b := known[*t.XTat]; b != nil {
				return *b, nil
			}
		}
		return time.Time{}, errMissingBirthdate()
	case ovPayTokenID != nil:
		tokens, err := r.Store.TokensByIDs(ctx, []int64{int64(*ovPayTokenID)})
		if err != nil {
			return time.Time{}, err
		}
		if len(tokens) == 0 || tokens[0].XTat == nil {
			return time.Time{}, graph.NotFound()
		}
		return fromCard(gbo.CardQuery{XTat: *tokens[0].XTat})
	case serviceReferenceID != nil || amount != nil:
		if err := pair("serviceReferenceId", serviceReferenceID != nil, "amount", amount != nil); err != nil {
			return time.Time{}, err
		}
		return fromCard(gbo.CardQuery{ServiceReferenceID: *serviceReferenceID, Amount: amount})
	case ovpasNumber != nil || verificationCode != nil:
		if err := pair("ovpasNumber", ovpasNumber != nil, "verificationCode", verificationCode != nil); err != nil {
			return time.Time{}, err
		}
		return fromCard(gbo.CardQuery{OvpasNumber: *ovpasNumber, VerificationCode: *verificationCode})
	}
	return time.Time{}, graph.InputError("birthDate", "One of birthDate, customerTokenId, ovPayTokenId, serviceReferenceId "+
		"with amount, or ovpasNumber with verificationCode is required.")
}
