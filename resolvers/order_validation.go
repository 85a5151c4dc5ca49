package resolvers

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// The validation of a concept order (SE orders notes d2): after every write each line is checked
// again, its findings (REMARKs: something is still missing; ERRORs: something is wrong) and
// result are stored on the line, and the order stores whether all its lines are valid and its
// total. Reads show what was stored. A finding's path is a JSONPath into the orders list.

// Codes of the findings.
const (
	codeProductChoiceRequired   = "PRODUCT_CHOICE_REQUIRED"
	codeValidFromRequired       = "VALIDFROM_REQUIRED"
	codeStartDateTooFar         = "STARTDATE_TOO_FAR_IN_FUTURE"
	codeCustomerTokenRequired   = "CUSTOMERTOKEN_REQUIRED"
	codeBirthdateRequired       = "PERSONALACCOUNTDATA_BIRTHDATE_REQUIRED"
	codeAgeProfileMismatch      = "PERSONAL_ACCOUNT_DATA_AGE_PROFILE_MISMATCH"
	codeMandateRequired         = "MANDATE_REQUIRED"
	codePersonalDataNotVerified = "PERSONALACCOUNTDATA_NOT_VERIFIED"
)

// maxStartAhead is how far in the future a line may start.
const maxStartAhead = 60 * 24 * time.Hour

// lineFacts is what the validation of one line looks at.
type lineFacts struct {
	postgres.ValidationLinesRow
	// birthdate is the holder's: the personal account data's, else GBO's for the card; nil when
	// neither is known.
	birthdate *time.Time
}

// orderFacts is what the validation of a line looks at beyond the line.
type orderFacts struct {
	orderID    string
	hasMandate bool
	profiles   []postgres.GboAgeProfile
	now        time.Time
}

// revalidate validates every line of a concept order again, stores the findings, the lines'
// results and the order's validContents, and its total. It reads the order and its lines in two
// statements (and the age profiles, and GBO for birthdates the order does not give, only when a
// line needs them) and stores everything in one.
func (r *Resolver) revalidate(ctx context.Context, q *postgres.Queries, orderKey int64) error {
	order, err := q.ValidationOrder(ctx, orderKey)
	if err != nil {
		return err
	}
	rows, err := q.ValidationLines(ctx, orderKey)
	if err != nil {
		return err
	}
	facts := orderFacts{orderID: uuidText(order.OrderID), hasMandate: order.HasMandate, now: time.Now()}
	var lines []lineFacts
	var askGBO []string
	aged := false
	for _, row := range rows {
		if n := len(lines); n > 0 && lines[n-1].ID == row.ID {
			continue // a second token of a line: the first is the line's
		}
		l := lineFacts{ValidationLinesRow: row, birthdate: row.PadBirthdate}
		if row.GboAgeProfileID != nil && row.CustomerTokenID.Valid {
			aged = true
			if l.birthdate == nil && row.XTat != nil {
				askGBO = append(askGBO, *row.XTat)
			}
		}
		lines = append(lines, l)
	}
	if aged {
		if facts.profiles, err = q.GboAgeProfiles(ctx); err != nil {
			return err
		}
	}
	if len(askGBO) > 0 {
		known, err := r.gboBirthdates(ctx, askGBO)
		if err != nil {
			return err
		}
		for i := range lines {
			if l := &lines[i]; l.birthdate == nil && l.XTat != nil {
				l.birthdate = known[*l.XTat]
			}
		}
	}

	type stored struct {
		ID          int64               `json:"id"`
		Result      string              `json:"result"`
		Validations []*graph.Validation `json:"validations"`
	}
	out := make([]stored, len(lines))
	validContents := true
	for i, l := range lines {
		findings := validateLine(l, facts)
		result := resultOf(findings)
		validContents = validContents && result == graph.ValidationResultValid
		out[i] = stored{ID: l.ID, Result: string(result), Validations: findings}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return fmt.Errorf("validation findings: %w", err)
	}
	return q.StoreValidation(ctx, postgres.StoreValidationParams{ID: orderKey, ValidContents: validContents, Lines: b})
}

// gboBirthdates asks GBO for the birthdates of the cards with these xTats, in one call; a card
// GBO does not know, or knows no birthdate of, is left out. GBO unreachable is
// UPSTREAM_UNAVAILABLE: the order is not validated without it.
func (r *Resolver) gboBirthdates(ctx context.Context, xTats []string) (map[string]*time.Time, error) {
	if r.GBO == nil {
		return nil, gboError(errNoGBO, nil)
	}
	cards, err := r.GBO.Cards(ctx, xTats)
	if err != nil {
		return nil, gboError(err, nil)
	}
	out := make(map[string]*time.Time, len(cards))
	for _, c := range cards {
		if c.Birthdate != nil {
			out[c.XTat] = c.Birthdate
		}
	}
	return out, nil
}

// validateLine is what the validation finds on one line, in a fixed order.
func validateLine(l lineFacts, o orderFacts) []*graph.Validation {
	line := fmt.Sprintf("$.orders[?(@.orderId=='%s')].orderLines[?(@.orderLineId=='%s')]", o.orderID, uuidText(l.OrderLineID))
	hasToken := l.CustomerTokenID.Valid
	out := []*graph.Validation{}
	add := func(code, detail string, path, parameter *string, typ graph.ValidationType) {
		out = append(out, &graph.Validation{Code: code, Detail: detail, Path: path, Parameter: parameter, Type: typ})
	}
	at := func(field string) *string { s := line + field; return &s }
	param := func(name string) *string { return &name }

	if l.HasChildren {
		add(codeProductChoiceRequired, "The chosen product is not a leaf node product. Please choose one of its child products.",
			at(".productId"), nil, graph.ValidationTypeRemark)
	}
	if l.RequiresValidFrom && l.ValidFrom == nil {
		add(codeValidFromRequired, "A valid 'valid from' date is required for this product.",
			at(".validFrom"), nil, graph.ValidationTypeRemark)
	}
	if l.ValidFrom != nil && l.ValidFrom.After(o.now.Add(maxStartAhead)) {
		add(codeStartDateTooFar, "Startdate of this product should be at most 60 days in the future.",
			at(".validFrom"), nil, graph.ValidationTypeError)
	}
	if l.RequiresCustomerToken && !hasToken {
		add(codeCustomerTokenRequired, "A valid customer token is required before purchasing this product.",
			nil, param("customerTokenId"), graph.ValidationTypeRemark)
	}
	if l.GboAgeProfileID != nil && hasToken {
		if l.birthdate == nil {
			add(codeBirthdateRequired, "Personal account data birthdate is required for this product.",
				at(".customerTokens[0].personalAccountData.birthdate"), nil, graph.ValidationTypeRemark)
		} else if detail, ok := ageMismatch(l, o); !ok {
			add(codeAgeProfileMismatch, detail,
				at(fmt.Sprintf(".customerTokens[?(@.customerTokenId=='%s')].ovPayToken.personalAccountData.birthdate",
					uuidText(l.CustomerTokenID))), nil, graph.ValidationTypeError)
		}
	}
	if l.RequiresMandate && !o.hasMandate {
		add(codeMandateRequired, "A valid mandate is required before purchasing this product.",
			nil, param("directDebitMandateId"), graph.ValidationTypeRemark)
	}
	if l.PadKey != nil && l.PadChallengeTypeID != nil && l.PadVerifiedOn == nil {
		add(codePersonalDataNotVerified,
			"The personal account data is not verified: answer its challenge with the one-time password.",
			at(".customerTokens[0].personalAccountData.oneTimePassword"), nil, graph.ValidationTypeError)
	}
	return out
}

// ageMismatch checks the holder's age profile at the line's start (today when it has none)
// against the product's: ok when they are the same, else the finding's detail.
func ageMismatch(l lineFacts, o orderFacts) (detail string, ok bool) {
	day := dayOf(o.now)
	if l.ValidFrom != nil {
		day = dayOf(*l.ValidFrom)
	}
	var want postgres.GboAgeProfile
	for _, p := range o.profiles {
		if p.ID == *l.GboAgeProfileID {
			want = p
		}
	}
	given := "none"
	if p, found := ageProfileFor(o.profiles, ageOn(*l.birthdate, day)); found {
		if p.ID == want.ID {
			return "", true
		}
		given = ageRange(p)
	}
	return "Product is for gboAgeProfile " + ageRange(want) + ", given gboAgeProfile is " + given, false
}

// resultOf is a line's validation result: valid without findings, preliminary with REMARKs only,
// invalid with an ERROR.
func resultOf(findings []*graph.Validation) graph.ValidationResult {
	result := graph.ValidationResultValid
	for _, f := range findings {
		if f.Type == graph.ValidationTypeError {
			return graph.ValidationResultInvalid
		}
		result = graph.ValidationResultPreliminary
	}
	return result
}
