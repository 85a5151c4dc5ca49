package resolvers

import (
	"context"
	"errors"
	"fmt"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// Billing information (bank accounts) and direct-debit mandates.

func (r *Resolver) addBillingInformation(ctx context.Context, number int, in graph.BillingInformationInput) (*graph.BillingInformationPayload, error) {
	iban, err := normalizeIBAN(in.Iban)
	if err != nil {
		return nil, err
	}
	b := postgres.BillingInformation{Iban: iban, Bic: in.Bic, Ascription: in.Ascription, Alias: in.Alias,
		BillingAddressID: int64Ptr(in.BillingAddressID)}
	if err := checkBilling(b); err != nil {
		return nil, err
	}
	err = r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		b.CustomerProfileID = c.ID
		if err := checkBillingAddress(ctx, q, c.ID, b.BillingAddressID); err != nil {
			return change{}, err
		}
		id, err := q.InsertBilling(ctx, postgres.InsertBillingParams{CustomerProfileID: b.CustomerProfileID,
			Iban: b.Iban, Bic: b.Bic, Ascription: b.Ascription, Alias: b.Alias, BillingAddressID: b.BillingAddressID})
		if err != nil {
			return change{}, err
		}
		b.ID = id
		// A linked profile's new bank account becomes its MasStack direct debit (a vendor sync).
		return change{action: "insert", entity: "billingInformation", id: id}, r.enqueueAccountsPaymentMethod(ctx, q, c.ID, id)
	})
	if err != nil {
		return nil, err
	}
	return r.billingPayload(ctx, number, b.CustomerProfileID, b.ID)
}

func checkBilling(b postgres.BillingInformation) error {
	if err := checkNotBlank("ascription", b.Ascription); err != nil {
		return err
	}
	return checkNotBlank("alias", b.Alias)
}

// checkBillingAddress makes sure a billing address is an address of the same profile.
func checkBillingAddress(ctx context.Context, q *postgres.Queries, profileID int64, addressID *int64) error {
	if addressID == nil {
		return nil
	}
	if _, err := q.AddressByID(ctx, profileID, *addressID); err != nil {
		if errors.Is(err, postgres.ErrNotFound) {
			return graph.InputError("billingAddressId",
				fmt.Sprintf("billingAddressId %d is not an address of this customer", *addressID))
		}
		return err
	}
	return nil
}

func (r *Resolver) updateBillingInformation(ctx context.Context, number, billingID int, in graph.BillingInformationPatchInput) (*graph.BillingInformationPayload, error) {
	var profileID int64
	err := r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		profileID = c.ID
		b, err := q.BillingByID(ctx, c.ID, int64(billingID))
		if err != nil {
			return change{}, err
		}
		before := billingFields(b)
		ibanBefore := b.Iban
		if in.Iban != nil {
			iban, err := normalizeIBAN(*in.Iban)
			if err != nil {
				return change{}, err
			}
			b.Iban = iban
		}
		patch(&b.Bic, in.Bic, same)
		setVal(&b.Ascription, in.Ascription)
		setVal(&b.Alias, in.Alias)
		patch(&b.BillingAddressID, in.BillingAddressID, int64Ptr)
		if err := checkBilling(b); err != nil {
			return change{}, err
		}
		if err := checkBillingAddress(ctx, q, c.ID, b.BillingAddressID); err != nil {
			return change{}, err
		}
		// A linked profile's changed bank account becomes its MasStack direct debit (a vendor sync).
		if b.Iban != ibanBefore {
			if err := r.enqueueAccountsPaymentMethod(ctx, q, c.ID, b.ID); err != nil {
				return change{}, err
			}
		}
		return change{action: "update", entity: "billingInformation", id: b.ID, detail: changes(before, billingFields(b))},
			q.UpdateBilling(ctx, postgres.UpdateBillingParams{CustomerProfileID: b.CustomerProfileID, BillingInformationID: b.ID,
				Iban: b.Iban, Bic: b.Bic, Ascription: b.Ascription, Alias: b.Alias, BillingAddressID: b.BillingAddressID})
	})
	if err != nil {
		return nil, err
	}
	return r.billingPayload(ctx, number, profileID, int64(billingID))
}

func (r *Resolver) billingPayload(ctx context.Context, number int, profileID, id int64) (*graph.BillingInformationPayload, error) {
	b, err := r.Store.BillingByID(ctx, profileID, id)
	if err != nil {
		return nil, storeError(err)
	}
	return &graph.BillingInformationPayload{CustomerNumber: number, BillingInformationID: int(id),
		BillingInformation: toGraphBilling(b)}, nil
}

// mandateType resolves the type of a mandate given by id or by name; both must agree.
func mandateType(ctx context.Context, q *postgres.Queries, id *int, name *string) (*int32, error) {
	var out *int32
	if id != nil {
		v := int32(*id)
		out = &v
	}
	if name != nil {
		t, err := q.MandateTypeByName(ctx, *name)
		if errors.Is(err, postgres.ErrNotFound) {
			return nil, graph.InputError("directDebitMandateTypeName",
				fmt.Sprintf("%q is not a direct debit mandate type", *name))
		}
		if err != nil {
			return nil, err
		}
		if out != nil && *out != t.ID {
			return nil, graph.InputError("directDebitMandateTypeId",
				"directDebitMandateTypeId and directDebitMandateTypeName name different types")
		}
		out = &t.ID
	}
	return out, nil
}

// checkMandateBilling makes sure a mandate's billing information belongs to the same profile.
func checkMandateBilling(ctx context.Context, q *postgres.Queries, profileID, billingID int64) error {
	if _, err := q.BillingByID(ctx, profileID, billingID); err != nil {
		if errors.Is(err, postgres.ErrNotFound) {
			return graph.InputError("billingInformationId",
				fmt.Sprintf("billingInformationId %d is not billing information of this customer", billingID))
		}
		return err
	}
	return nil
}

func (r *Resolver) addDirectDebitMandate(ctx context.Context, number int, in graph.DirectDebitMandateInput) (*graph.DirectDebitMandatePayload, error) {
	if in.DirectDebitMandateTypeID == nil && in.DirectDebitMandateTypeName == nil {
		return nil, graph.InputError("directDebitMandateTypeId",
			`object has missing required properties (["directDebitMandateTypeId"] or ["directDebitMandateTypeName"])`)
	}
	if err := checkNotBlank("mandateReference", in.MandateReference); err != nil {
		return nil, err
	}
	m := postgres.MandateView{BillingInformationID: int64(in.BillingInformationID), MandateReference: in.MandateReference,
		MandateState: postgres.MandateStatePREPARED}
	err := r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		m.CustomerProfileID = c.ID
		t, err := mandateType(ctx, q, in.DirectDebitMandateTypeID, in.DirectDebitMandateTypeName)
		if err != nil {
			return change{}, err
		}
		m.MandateTypeID = *t
		if err := checkMandateBilling(ctx, q, c.ID, m.BillingInformationID); err != nil {
			return change{}, err
		}
		id, err := q.InsertMandate(ctx, postgres.InsertMandateParams{CustomerProfileID: m.CustomerProfileID,
			MandateTypeID: m.MandateTypeID, BillingInformationID: m.BillingInformationID, MandateReference: m.MandateReference})
		m.ID = id
		return change{action: "insert", entity: "directDebitMandate", id: id}, err
	})
	if err != nil {
		return nil, err
	}
	return r.mandatePayload(ctx, number, m.CustomerProfileID, m.ID)
}

// mandateTransitions are the state changes a mandate may make: it is signed or cancelled once
// prepared, cancelled once signed, and a cancelled mandate stays cancelled.
var mandateTransitions = map[graph.MandateState][]graph.MandateState{
	graph.MandateStatePrepared: {graph.MandateStateSigned, graph.MandateStateCancelled},
	graph.MandateStateSigned:   {graph.MandateStateCancelled},
}

func checkMandateTransition(from, to graph.MandateState) error {
	if from == to {
		return nil
	}
	for _, ok := range mandateTransitions[from] {
		if ok == to {
			return nil
		}
	}
	return forbiddenTransition(string(from), string(to))
}

func (r *Resolver) updateDirectDebitMandate(ctx context.Context, number, mandateID int, in graph.DirectDebitMandatePatchInput) (*graph.DirectDebitMandatePayload, error) {
	var profileID int64
	err := r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		profileID = c.ID
		m, err := q.MandateByID(ctx, c.ID, int64(mandateID))
		if err != nil {
			return change{}, err
		}
		before := mandateFields(m)
		t, err := mandateType(ctx, q, in.DirectDebitMandateTypeID, in.DirectDebitMandateTypeName)
		if err != nil {
			return change{}, err
		}
		setVal(&m.MandateTypeID, t)
		if in.BillingInformationID != nil {
			m.BillingInformationID = int64(*in.BillingInformationID)
			if err := checkMandateBilling(ctx, q, c.ID, m.BillingInformationID); err != nil {
				return change{}, err
			}
		}
		if in.MandateReference != nil {
			if err := checkNotBlank("mandateReference", *in.MandateReference); err != nil {
				return change{}, err
			}
			m.MandateReference = *in.MandateReference
		}
		signed := false
		if in.MandateState != nil {
			if err := checkMandateTransition(graph.MandateState(m.MandateState), *in.MandateState); err != nil {
				return change{}, err
			}
			signed = m.MandateState != postgres.MandateStateSIGNED && *in.MandateState == graph.MandateStateSigned
			m.MandateState = postgres.MandateState(*in.MandateState)
		}
		if err := q.UpdateMandate(ctx, postgres.UpdateMandateParams{CustomerProfileID: m.CustomerProfileID, MandateID: m.ID,
			MandateTypeID: m.MandateTypeID, BillingInformationID: m.BillingInformationID,
			MandateReference: m.MandateReference, MandateState: m.MandateState}); err != nil {
			return change{}, err
		}
		if signed {
			// A mandate signed here goes to Aptic by a job enqueued in this transaction.
			if err := r.syncApticMandate(ctx, q, c.ID, m.ID); err != nil {
				return change{}, err
			}
		}
		return change{action: "update", entity: "directDebitMandate", id: m.ID, detail: changes(before, mandateFields(m))}, nil
	})
	if err != nil {
		return nil, err
	}
	return r.mandatePayload(ctx, number, profileID, int64(mandateID))
}

func (r *Resolver) mandatePayload(ctx context.Context, number int, profileID, id int64) (*graph.DirectDebitMandatePayload, error) {
	m, err := r.Store.MandateByID(ctx, profileID, id)
	if err != nil {
		return nil, storeError(err)
	}
	return &graph.DirectDebitMandatePayload{CustomerNumber: number, DirectDebitMandateID: int(id),
		DirectDebitMandate: toGraphMandate(m)}, nil
}
