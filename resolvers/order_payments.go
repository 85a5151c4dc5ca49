package resolvers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"ovgraph/adapters/gbo"
	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// Payments, what the payment service provider reports, and fulfilment. Each is one writeOrder
// (lifecycleEdit): the status checks are the write's own.
//
//   - addPayment: a concept order without ERRORs, paid in full → 2 awaitingPayment. A refund is
//     recorded on a paid or delivered order and moves nothing.
//   - updatePayment: the provider's statuses append and move the order forward (pspMoves); a
//     mandate input creates the profile's billing information and a SIGNED mandate.
//   - fulfillOrder: a paid order's lines are delivered onto their cards → 5 delivered.

// pspMove is where a provider status code (Buckaroo's) takes an order, and the history entry's
// description; from lists the statuses it moves an order from. Codes not listed move nothing.
type pspMove struct {
	to          int32
	description string
	from        []int32
}

var (
	movePending   = pspMove{statusPendingPayment, "Betaling in behandeling", []int32{statusAwaitingPayment}}
	movePaid      = pspMove{statusPaid, "Order succesvol betaald", []int32{statusAwaitingPayment, statusPendingPayment}}
	moveFailed    = pspMove{statusConcept, "Betaling is mislukt", []int32{statusAwaitingPayment, statusPendingPayment}}
	moveCancelled = pspMove{statusCancelled, "Betaling is geannuleerd", []int32{statusAwaitingPayment, statusPendingPayment}}

	pspMoves = map[string]pspMove{
		"790": movePending, "791": movePending, "792": movePending,
		"190": movePaid,
		"490": moveFailed, "491": moveFailed, "492": moveFailed, "690": moveFailed,
		"890": moveCancelled, "891": moveCancelled,
	}
)

// orderStatusRefusal is statusRefusal with msg followed by the current status.
func orderStatusRefusal(ctx context.Context, q *postgres.Queries, statusID int32, msg string) error {
	return statusRefusal(ctx, q, statusID, func(status string) string { return msg + " Order status is " + status + "." })
}

// lineRefusal is an UNPROCESSABLE answer about one order line.
func lineRefusal(lineID, msg string) error {
	e := graph.NewError(graph.CodeUnprocessable, "Order line "+lineID+": "+msg)
	e.Extra = map[string]any{"orderLineId": lineID}
	return e
}

func (r *Resolver) addPayment(ctx context.Context, orderID string, input graph.PaymentInput) (*graph.Order, error) {
	refund := input.IsRefund != nil && *input.IsRefund
	if refund && graph.CallerFrom(ctx).Kind() == graph.CallerCustomer {
		return nil, forbidden("A refund is recorded by touchpoints and staff, not by the customer.")
	}
	return r.writeOrder(ctx, byOrder(orderID), lifecycleEdit, func(ctx context.Context, w *orderWrite) error {
		o := w.order
		if refund {
			if o.OrderStatusID != statusPaid && o.OrderStatusID != statusDelivered {
				return orderStatusRefusal(ctx, w.q, o.OrderStatusID, "A refund can only be added to a paid or delivered order.")
			}
			if input.AmountDebit > int(o.TotalAmount) {
				return graph.InputError("input.amountDebit",
					fmt.Sprintf("amountDebit %d is more than the order's totalAmount %d.", input.AmountDebit, o.TotalAmount))
			}
		} else {
			if o.OrderStatusID != statusConcept {
				return orderStatusRefusal(ctx, w.q, o.OrderStatusID, "A payment can only be added to a concept order.")
			}
			if len(input.PaymentStatuses) > 0 {
				return graph.InputError("input.paymentStatuses",
					"A new payment of a concept order has no paymentStatuses: the payment service provider reports them.")
			}
			if input.PspPaymentReference != nil {
				return graph.InputError("input.pspPaymentReference",
					"A new payment of a concept order has no pspPaymentReference: the payment service provider reports it.")
			}
			if input.AmountDebit != int(o.TotalAmount) {
				return graph.InputError("input.amountDebit",
					fmt.Sprintf("amountDebit %d is not the order's totalAmount %d.", input.AmountDebit, o.TotalAmount))
			}
		}
		if err := checkPaymentMethod(ctx, w.q, input.PaymentMethodID); err != nil {
			return err
		}
		if !refund {
			if err := checkNoLineErrors(ctx, w.q, o.ID); err != nil {
				return err
			}
		}
		touchpoint, err := callerTouchpoint(ctx, w.q)
		if err != nil {
			return err
		}
		id, err := w.q.InsertPayment(ctx, postgres.InsertPaymentParams{
			SalesOrderID: o.ID, AmountDebit: int32(input.AmountDebit), PaymentMethodID: int32(input.PaymentMethodID),
			SalesTouchpointID: touchpoint, IsRefund: refund, HtmPaymentReference: input.HtmPaymentReference,
			PspPaymentReference: input.PspPaymentReference,
		})
		if err != nil {
			return err
		}
		w.record("insert", "payment", id, map[string]any{"amountDebit": input.AmountDebit,
			"paymentMethodId": input.PaymentMethodID, "isRefund": refund, "salesTouchpointId": touchpoint})
		if err := insertPaymentStatuses(ctx, w, id, input.PaymentStatuses); err != nil {
			return err
		}
		if refund {
			return nil
		}
		return w.setStatus(ctx, statusAwaitingPayment, "Betaling is geinitieerd")
	})
}

func checkPaymentMethod(ctx context.Context, q *postgres.Queries, id int) error {
	methods, err := q.PaymentMethods(ctx)
	if err != nil {
		return err
	}
	for _, m := range methods {
		if int(m.ID) == id {
			return nil
		}
	}
	return graph.InputError("input.paymentMethodId", fmt.Sprintf("paymentMethodId %d is not a payment method.", id))
}

// checkNoLineErrors refuses a payment of an order whose lines have ERRORs (REMARKs do not block).
func checkNoLineErrors(ctx context.Context, q *postgres.Queries, orderKey int64) error {
	found, err := q.LineErrors(ctx, orderKey)
	if err != nil || len(found) == 0 {
		return err
	}
	parts := make([]string, len(found))
	for i, f := range found {
		parts[i] = uuidText(f.OrderLineID) + " " + f.Code
	}
	return graph.NewError(graph.CodeUnprocessable, "The order has lines with errors: "+strings.Join(parts, ", ")+".")
}

// insertPaymentStatuses appends the provider's statuses to a payment, in the order given.
func insertPaymentStatuses(ctx context.Context, w *orderWrite, paymentKey int64, statuses []*graph.PaymentStatusInput) error {
	for _, s := range statuses {
		id, err := w.q.InsertPaymentStatus(ctx, postgres.InsertPaymentStatusParams{
			PaymentID: paymentKey, StatusCode: s.StatusCode, StatusDescription: s.StatusDescription,
			StatusSubCode: s.StatusSubCode, StatusSubDescription: s.StatusSubDescription, CreatedOn: s.CreatedOn.Time,
		})
		if err != nil {
			return err
		}
		w.record("insert", "payment_status", id, map[string]any{"paymentId": paymentKey, "statusCode": s.StatusCode})
	}
	return nil
}

func (r *Resolver) updatePayment(ctx context.Context, paymentID string, input graph.UpdatePaymentInput) (*graph.Order, error) {
	var mandate *mandateFromPayment
	if in := input.MandateInput; in != nil {
		m, err := readMandateInput(*in)
		if err != nil {
			return nil, err
		}
		mandate = &m
	}
	return r.writeOrder(ctx, byPayment(paymentID), lifecycleEdit, func(ctx context.Context, w *orderWrite) error {
		u, _ := parseUUID(paymentID)
		p, err := w.q.PaymentByUUID(ctx, u)
		if err != nil {
			return err
		}
		if mandate != nil {
			if p.HasMandateInput {
				return graph.NewError(graph.CodeConflict, "The payment has a mandate input already.")
			}
			if err := checkMandateType(ctx, w.q, mandate.typeID); err != nil {
				return err
			}
		}
		if input.HtmPaymentReference != nil || input.PspPaymentReference != nil {
			if err := w.q.SetPaymentReferences(ctx, postgres.SetPaymentReferencesParams{ID: p.ID,
				HtmPaymentReference: input.HtmPaymentReference, PspPaymentReference: input.PspPaymentReference}); err != nil {
				return err
			}
			w.record("update", "payment", p.ID, map[string]any{"htmPaymentReference": input.HtmPaymentReference != nil,
				"pspPaymentReference": input.PspPaymentReference != nil})
		}
		if err := insertPaymentStatuses(ctx, w, p.ID, input.PaymentStatuses); err != nil {
			return err
		}
		if !p.IsRefund {
			for _, s := range input.PaymentStatuses {
				if err := movePerProvider(ctx, w, s.StatusCode); err != nil {
					return err
				}
			}
		}
		if mandate != nil {
			mandateID, err := mandate.record(ctx, w, p.ID)
			if err != nil || mandateID == 0 {
				return err
			}
			// The signed mandate goes to Aptic by a job enqueued in this transaction.
			return r.syncApticMandate(ctx, w.q, *w.order.CustomerProfileID, mandateID)
		}
		return nil
	})
}

// movePerProvider moves the order as a provider status says, forward only: a status that does
// not apply to the order's current status is recorded and moves nothing.
func movePerProvider(ctx context.Context, w *orderWrite, code string) error {
	m, ok := pspMoves[code]
	if !ok {
		return nil
	}
	applies := false
	for _, from := range m.from {
		applies = applies || w.order.OrderStatusID == from
	}
	if !applies {
		return nil
	}
	if err := w.setStatus(ctx, m.to, m.description); err != nil {
		return err
	}
	if m.to == statusPaid {
		// A paid order's lines are no longer validated.
		return w.q.ClearOrderValidation(ctx, w.order.ID)
	}
	return nil
}

// mandateFromPayment is a payment's mandate input, read and checked before the write.
type mandateFromPayment struct {
	typeID     int32
	iban       string
	bic        *string
	ascription string
	place      *string
	createdOn  *time.Time
}

// mandateInputAlias is the alias of billing information a payment's mandate creates.
const mandateInputAlias = "Incasso"

func readMandateInput(in graph.MandateInputInput) (mandateFromPayment, error) {
	const field = "input.mandateInput."
	iban, err := normalizeIBAN(in.Iban)
	if err != nil {
		var ge *graph.Error
		if errors.As(err, &ge) {
			return mandateFromPayment{}, graph.InputError(field+"iban", ge.Message)
		}
		return mandateFromPayment{}, err
	}
	if err := checkNotBlank("ascription", in.Ascription); err != nil {
		return mandateFromPayment{}, graph.InputError(field+"ascription", "ascription must not be blank")
	}
	m := mandateFromPayment{typeID: int32(in.DirectDebitMandateTypeID), iban: iban, bic: in.Bic,
		ascription: in.Ascription, place: in.Place}
	if in.CreatedOn != nil {
		t := in.CreatedOn.Time
		m.createdOn = &t
	}
	return m, nil
}

func checkMandateType(ctx context.Context, q *postgres.Queries, id int32) error {
	types, err := q.Lookups(ctx, "direct_debit_mandate_type")
	if err != nil {
		return err
	}
	for _, t := range types {
		if t.ID == id {
			return nil
		}
	}
	return graph.InputError("input.mandateInput.directDebitMandateTypeId",
		fmt.Sprintf("directDebitMandateTypeId %d is not a direct debit mandate type.", id))
}

// record stores the mandate input of a payment and, for an order of a profile, creates the
// profile's billing information of the account (or takes the one it has) and a SIGNED mandate on
// it, linked from the mandate input: the rows the customer's financials show. It answers the
// mandate's id (0 for an order of nobody on file).
func (m mandateFromPayment) record(ctx context.Context, w *orderWrite, paymentKey int64) (int64, error) {
	in, err := w.q.InsertMandateInput(ctx, postgres.InsertMandateInputParams{PaymentID: paymentKey,
		DirectDebitMandateTypeID: m.typeID, Bic: m.bic, Iban: m.iban, Ascription: m.ascription, Place: m.place,
		CreatedOn: m.createdOn})
	if err != nil {
		return 0, err
	}
	w.record("insert", "mandate_input", in.ID, map[string]any{"paymentId": paymentKey,
		"directDebitMandateTypeId": m.typeID})
	profile := w.order.CustomerProfileID
	if profile == nil {
		return 0, nil
	}
	billingID, err := w.q.BillingByIBAN(ctx, *profile, m.iban)
	if errors.Is(err, postgres.ErrNotFound) {
		b := postgres.BillingInformation{Iban: m.iban, Bic: m.bic, Ascription: m.ascription, Alias: mandateInputAlias}
		if err := checkBilling(b); err != nil {
			return 0, err
		}
		billingID, err = w.q.InsertBilling(ctx, postgres.InsertBillingParams{CustomerProfileID: *profile,
			Iban: b.Iban, Bic: b.Bic, Ascription: b.Ascription, Alias: b.Alias})
		if err != nil {
			return 0, err
		}
		w.record("insert", "billingInformation", billingID, nil)
	} else if err != nil {
		return 0, err
	}
	// The mandate reference (a SEPA mandate id, at most 35 characters) is the mandate input's uuid.
	reference := "MI" + strings.ReplaceAll(uuidText(in.MandateInputID), "-", "")
	mandateID, err := w.q.InsertSignedMandate(ctx, postgres.InsertSignedMandateParams{CustomerProfileID: *profile,
		MandateTypeID: m.typeID, BillingInformationID: billingID, MandateReference: reference})
	if err != nil {
		return 0, err
	}
	w.record("insert", "directDebitMandate", mandateID, map[string]any{"mandateState": postgres.MandateStateSIGNED,
		"billingInformationId": billingID})
	return mandateID, w.q.LinkMandateInput(ctx, postgres.LinkMandateInputParams{ID: in.ID, BillingInformationID: &billingID,
		DirectDebitMandateID: &mandateID})
}

// errDelivered ends the write of a fulfilment of a delivered order: nothing is written.
var errDelivered = errors.New("the order is delivered already")

func (r *Resolver) fulfillOrder(ctx context.Context, orderID string) (*graph.Order, error) {
	o, err := r.writeOrder(ctx, byOrder(orderID), lifecycleEdit, func(ctx context.Context, w *orderWrite) error {
		switch w.order.OrderStatusID {
		case statusDelivered:
			return errDelivered
		case statusPaid:
			return r.fulfil(ctx, w)
		}
		return orderStatusRefusal(ctx, w.q, w.order.OrderStatusID, "Only a paid order can be fulfilled.")
	})
	if errors.Is(err, errDelivered) {
		return r.order(ctx, orderID)
	}
	return o, err
}

// fulfil delivers a paid order: per line its product goes onto the line's card (a product
// instance on the profile's token holding it, the card registered on the profile when it is new
// to it), a purchased product records the card's xTat, the line becomes delivered with its end
// fixed and its accounting opened; the order becomes delivered. A line that cannot be delivered
// refuses the whole fulfilment.
func (r *Resolver) fulfil(ctx context.Context, w *orderWrite) error {
	lines, err := w.q.FulfilmentLines(ctx, w.order.ID)
	if err != nil {
		return err
	}
	tokens, err := w.q.FulfilmentTokens(ctx, w.order.ID)
	if err != nil {
		return err
	}
	byLine := map[int64][]postgres.FulfilmentTokensRow{}
	for _, t := range tokens {
		byLine[t.OrderLineID] = append(byLine[t.OrderLineID], t)
	}
	for _, l := range lines {
		if l.RequiresMandate {
			ok, err := w.q.OrderHasSignedMandate(ctx, w.order.ID)
			if err != nil {
				return err
			}
			if !ok {
				return lineRefusal(uuidText(l.OrderLineID),
					"its product needs a direct-debit mandate, and no payment of the order captured a signed one.")
			}
			break
		}
	}
	for _, l := range lines {
		if l.OrderLineStatusID == lineStatusDelivered {
			continue
		}
		lineID := uuidText(l.OrderLineID)
		if l.RequiresCustomerToken && len(byLine[l.ID]) == 0 {
			return lineRefusal(lineID, "its product is loaded onto a token, and the line has no customer token.")
		}
		var until *time.Time
		if l.HasEnd {
			t := l.UntilInclusive
			until = &t
		}
		for _, t := range byLine[l.ID] {
			xTat, tokenKey, err := r.deliveryCard(ctx, w, lineID, t)
			if err != nil {
				return err
			}
			var instance *int64
			if tokenKey != nil {
				id, err := w.q.InsertOrderProductInstance(ctx, postgres.InsertOrderProductInstanceParams{
					OvpayTokenID: *tokenKey, ProductID: l.ProductID, Name: l.ProductName, IsRenewable: l.IsRenewable,
					ProductCategoryID: l.ProductCategoryID, PackageTemplateID: l.PackageTemplateID,
					FromInclusive: l.FromInclusive, UntilInclusive: until, OrderID: w.order.OrderID, OrderLineID: l.OrderLineID,
				})
				if err != nil {
					return err
				}
				instance = &id
				w.record("insert", "product_instance", id, map[string]any{"ovPayTokenId": *tokenKey, "productId": l.ProductID})
			}
			if err := w.q.SetCustomerTokenCard(ctx, postgres.SetCustomerTokenCardParams{ID: t.ID, XTat: &xTat,
				OvpayTokenID: tokenKey}); err != nil {
				return err
			}
			id, err := w.q.InsertPurchasedProduct(ctx, postgres.InsertPurchasedProductParams{OrderLineID: l.ID,
				CustomerTokenID: &t.ID, XTat: xTat, ProductInstanceID: instance})
			if err != nil {
				return err
			}
			w.record("insert", "purchased_product", id, map[string]any{"orderLineId": l.ID, "productInstanceId": instance})
		}
		if err := w.q.DeliverLine(ctx, until, l.ID); err != nil {
			return err
		}
		w.record("update", "order_line", l.ID, map[string]any{"orderLineStatusId": lineStatusDelivered})
	}
	return w.setStatus(ctx, statusDelivered, "Order is geleverd")
}

// deliveryCard finds the card a customer token names: the xTat of its OVpay token, or the GBO
// card its service reference or OV-pas number names. It answers the xTat and the key of the
// profile's token holding the card: for a card GBO named that is new to the order's profile, a
// new Active token (as registerOvPayToken adds one); nil for an order of nobody on file.
func (r *Resolver) deliveryCard(ctx context.Context, w *orderWrite, lineID string,
	t postgres.FulfilmentTokensRow) (string, *int64, error) {
	if t.OvpayTokenID != nil {
		return ovPayTokenCard(ctx, w, lineID, t)
	}
	var amount *int
	if t.Amount != nil {
		a := int(*t.Amount)
		amount = &a
	}
	q, err := cardQuery(int(t.TokenTypeID), t.ServiceReferenceID, amount, t.OvpasNumber, t.VerificationCode)
	if err != nil {
		return "", nil, lineRefusal(lineID, "its customer token names no card.")
	}
	card, err := r.findCard(ctx, q)
	if err != nil {
		var ge *graph.Error
		if errors.As(err, &ge) && ge.Code == graph.CodeNotFound {
			return "", nil, lineRefusal(lineID, "GBO does not know the card of its customer token.")
		}
		return "", nil, err
	}
	profile := w.order.CustomerProfileID
	if profile == nil {
		return card.XTat, nil, nil
	}
	key, err := profileTokenOf(ctx, w, *profile, card)
	if err != nil {
		if errors.Is(err, errCardOnOtherProfile) {
			return "", nil, graph.NewError(graph.CodeConflict, "Order line "+lineID+": the card is on another customer's profile.")
		}
		return "", nil, err
	}
	return card.XTat, &key, nil
}

// profileTokenOf is the profile's token holding a GBO card, added to the profile as an Active
// token when none does (the profile locked first, as every token write does).
func profileTokenOf(ctx context.Context, w *orderWrite, profileID int64, card gbo.Card) (int64, error) {
	if _, err := w.q.LockProfile(ctx, profileID); err != nil {
		return 0, err
	}
	holder, found, err := cardHolder(ctx, w.q, profileID, card.XTat)
	if err != nil {
		return 0, err
	}
	if found {
		return holder.ID, nil
	}
	return insertCardToken(ctx, w.q, profileID, card, nil)
}

// ovPayTokenCard is the card of the OVpay token a customer token names, and that token; a token
// replaced since the order was made hands over to the token that replaced it (as a replacement
// moves active product instances). A removed token, or one without a card, cannot be delivered on.
func ovPayTokenCard(ctx context.Context, w *orderWrite, lineID string, t postgres.FulfilmentTokensRow) (string, *int64, error) {
	key := *t.OvpayTokenID
	if t.TokenProfileID == nil {
		return "", nil, lineRefusal(lineID, "the OVpay token of its customer token is not there.")
	}
	for range 10 {
		tok, err := w.q.TokenByID(ctx, *t.TokenProfileID, key)
		if err != nil {
			return "", nil, err
		}
		switch {
		case tok.TokenStatusID == statusReplaced && tok.ReplacedByTokenID != nil:
			key = *tok.ReplacedByTokenID
			continue
		case tok.TokenStatusID == statusRemoved:
			return "", nil, lineRefusal(lineID, "the OVpay token of its customer token has been removed.")
		case tok.XTat == nil:
			return "", nil, lineRefusal(lineID, "the OVpay token of its customer token names no card.")
		}
		return *tok.XTat, &key, nil
	}
	return "", nil, lineRefusal(lineID, "the OVpay token of its customer token was replaced too often to follow.")
}
