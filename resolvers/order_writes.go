package resolvers

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgtype"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// Writes of the SE orders API share one shape (writeOrder): find the order the write names (the
// order itself or one of its children), lock it for the transaction, check that the caller may
// act on it and that its status allows the write, run the write, re-validate a concept order's
// lines, count the write in the order's version and record the audit rows, all in one
// transaction; then answer the whole order as it is afterwards. Two writes of one order wait
// for each other on the lock, so neither undoes the other.

// Order statuses (order_status) and order line statuses (order_line_status).
const (
	statusConcept         = 1
	statusAwaitingPayment = 2
	statusPendingPayment  = 3
	statusPaid            = 4
	statusDelivered       = 5
	statusCancelled       = 6

	lineStatusPending   = 1
	lineStatusDelivered = 4
)

// Touchpoints a caller sells through when its application is not registered as one
// (sales_touchpoint.client_id): staff work at customer service, customers at the webshop.
const (
	touchpointCustomerService = 1
	touchpointWebshop         = 3
)

// orderEdit is what kind of write a mutation is.
type orderEdit int

const (
	// basketEdit changes what is ordered: only while the order is concept.
	basketEdit orderEdit = iota
	// lifecycleEdit moves the order on (payments, fulfilment); the write checks the status itself.
	lifecycleEdit
)

// orderWrite is one write of an order in progress: its transaction, the locked order as the
// write leaves it, and what it changed, for the audit trail.
type orderWrite struct {
	q       *postgres.Queries
	order   postgres.LockOrderRow
	changes []change
	// deleted is set by a write that deleted the order: nothing is left to validate or answer.
	deleted bool
	// refused holds what a refused write still records, each in a transaction of its own after
	// the write's rolled back (a wrong answer to a one-time password counts against the code).
	refused []func(ctx context.Context, q *postgres.Queries) error
}

// recordRefusal runs the refused write's records (see orderWrite.refused), each in its own
// transaction; a record that fails is logged, and the write's own error stands.
func (r *Resolver) recordRefusal(ctx context.Context, w *orderWrite) {
	if w == nil {
		return
	}
	for _, fn := range w.refused {
		if err := r.Store.InTx(ctx, func(q *postgres.Queries) error { return fn(ctx, q) }); err != nil {
			r.Log.ErrorContext(ctx, "record a refused order write", "error", err)
		}
	}
}

// record adds a change to the audit rows of the write.
func (w *orderWrite) record(action, entity string, id int64, detail any) {
	w.changes = append(w.changes, change{action: action, entity: entity, id: id, detail: detail})
}

// setStatus moves the order to a status, with the history entry's description.
func (w *orderWrite) setStatus(ctx context.Context, statusID int32, description string) error {
	if err := w.q.SetOrderStatus(ctx, postgres.SetOrderStatusParams{
		ID: w.order.ID, OrderStatusID: statusID, Description: description,
	}); err != nil {
		return err
	}
	w.order.OrderStatusID = statusID
	w.record("update", "sales_order", w.order.ID, map[string]any{"orderStatusId": statusID})
	return nil
}

// findOrder finds the key of the order a write names; postgres.ErrNotFound when there is none.
type findOrder func(ctx context.Context, q *postgres.Queries) (int64, error)

// byUUID reads the uuid a write names (BAD_USER_INPUT on field when it is none) and finds the
// order through lookup.
func byUUID(field, value string, lookup func(q *postgres.Queries, ctx context.Context, id pgtype.UUID) (int64, error)) findOrder {
	return func(ctx context.Context, q *postgres.Queries) (int64, error) {
		u, ok := parseUUID(value)
		if !ok {
			return 0, graph.InputError(field, field+" is not a uuid")
		}
		return lookup(q, ctx, u)
	}
}

func byOrder(orderID string) findOrder {
	return byUUID("orderId", orderID, (*postgres.Queries).OrderKeyByUUID)
}

func byOrderLine(orderLineID string) findOrder {
	return byUUID("orderLineId", orderLineID, (*postgres.Queries).OrderKeyOfLine)
}

func byCustomerToken(customerTokenID string) findOrder {
	return byUUID("customerTokenId", customerTokenID, (*postgres.Queries).OrderKeyOfCustomerToken)
}

func byPersonalAccountData(id string) findOrder {
	return byUUID("personalAccountDataId", id, (*postgres.Queries).OrderKeyOfPersonalAccountData)
}

func byPayment(paymentID string) findOrder {
	return byUUID("paymentId", paymentID, (*postgres.Queries).OrderKeyOfPayment)
}

func byOrderCustomer(orderCustomerID string) findOrder {
	return byUUID("orderCustomerId", orderCustomerID, (*postgres.Queries).OrderKeyOfOrderCustomer)
}

func byOrderCustomerAddress(id string) findOrder {
	return byUUID("orderCustomerAddressId", id, (*postgres.Queries).OrderKeyOfOrderCustomerAddress)
}

// writeOrder runs one write of an existing order (see the top of this file) and answers the order
// as it is afterwards; nil when the write deleted it.
func (r *Resolver) writeOrder(ctx context.Context, find findOrder, edit orderEdit,
	fn func(ctx context.Context, w *orderWrite) error) (*graph.Order, error) {
	// A customer's own profile is read before the transaction starts: read inside it (mayActOn),
	// it would need a second connection of the pool while the transaction holds one, and with as
	// many writes of one order as the pool has connections, each holding one while it waits for
	// the order's lock, the writes would wait for each other for good.
	if graph.CallerFrom(ctx).Kind() == graph.CallerCustomer {
		if _, _, err := r.selfProfile(ctx); err != nil {
			return nil, err
		}
	}
	var key int64
	var deleted bool
	var w *orderWrite
	err := r.inTx(ctx, func(q *postgres.Queries) error {
		k, err := find(ctx, q)
		if err != nil {
			return err
		}
		o, err := q.LockOrder(ctx, k)
		if err != nil {
			return err
		}
		ok, err := r.mayActOn(ctx, o.CustomerProfileID)
		if err != nil {
			return err
		}
		if !ok {
			return graph.NotFound()
		}
		if edit == basketEdit && o.OrderStatusID != statusConcept {
			return notInConcept(ctx, q, o.OrderStatusID)
		}
		w = &orderWrite{q: q, order: o}
		if err := fn(ctx, w); err != nil {
			return err
		}
		key, deleted = o.ID, w.deleted
		return r.finishOrderWrite(ctx, w)
	})
	if err != nil {
		r.recordRefusal(ctx, w)
		return nil, storeError(err)
	}
	if deleted {
		return nil, nil
	}
	return r.reloadOrder(ctx, key)
}

// finishOrderWrite ends a write of an order: a concept order's lines are validated again (its
// total with them), the write counts in the version, and the audit rows are recorded.
func (r *Resolver) finishOrderWrite(ctx context.Context, w *orderWrite) error {
	if !w.deleted {
		if w.order.OrderStatusID == statusConcept {
			if err := r.revalidate(ctx, w.q, w.order.ID); err != nil {
				return err
			}
		}
		if err := w.q.TouchOrder(ctx, w.order.ID); err != nil {
			return err
		}
	}
	for _, ch := range w.changes {
		if err := insertAuditOf(ctx, w.q, w.order.CustomerProfileID, ch); err != nil {
			return err
		}
	}
	return nil
}

// reloadOrder reads an order after a write (the loaders forgot what they held).
func (r *Resolver) reloadOrder(ctx context.Context, key int64) (*graph.Order, error) {
	o, err := loadersFor(ctx).orders().orderByKey.Load(ctx, key)()
	if err != nil {
		return nil, err
	}
	if o == nil {
		return nil, graph.NotFound()
	}
	return o, nil
}

// notInConcept is the answer to a basket edit of an order that is no longer concept.
func notInConcept(ctx context.Context, q *postgres.Queries, statusID int32) error {
	return statusRefusal(ctx, q, statusID, func(status string) string {
		return "The order can not be changed: order status is " + status + "; only a concept order can."
	})
}

// statusRefusal is UNPROCESSABLE for a write the order's status does not allow: message says so
// in words, given the status's name, and the extensions name the status (orderStatusId,
// orderStatus), which the REST dialect turns into the contract's entry.
func statusRefusal(ctx context.Context, q *postgres.Queries, statusID int32, message func(status string) string) error {
	name := fmt.Sprint(statusID)
	if statuses, err := q.OrderStatuses(ctx); err == nil {
		for _, s := range statuses {
			if s.ID == statusID {
				name = s.Name
			}
		}
	}
	e := graph.NewError(graph.CodeUnprocessable, message(name))
	e.Extra = map[string]any{"orderStatusId": statusID, "orderStatus": name}
	return e
}

// mayActOn tells whether the caller may act on an order of the given profile (null: nobody on
// file): touchpoints and staff on any, a customer on those of its own profile.
func (r *Resolver) mayActOn(ctx context.Context, profileID *int64) (bool, error) {
	if graph.CallerFrom(ctx).Kind() != graph.CallerCustomer {
		return true, nil
	}
	me, found, err := r.selfProfile(ctx)
	if err != nil {
		return false, err
	}
	return found && profileID != nil && *profileID == me.ID, nil
}

// callerTouchpoint is the sales touchpoint an order or payment of the caller is made at: the one
// its application is registered as (sales_touchpoint.client_id); otherwise customer service for
// staff and the webshop for customers. An unregistered application sells nowhere: FORBIDDEN.
func callerTouchpoint(ctx context.Context, q *postgres.Queries) (int32, error) {
	caller := graph.CallerFrom(ctx)
	if caller.Kind() == graph.CallerStaff {
		return touchpointCustomerService, nil
	}
	id, err := q.TouchpointByClient(ctx, &caller.Application)
	switch {
	case err == nil:
		return id, nil
	case !errors.Is(err, postgres.ErrNotFound):
		return 0, err
	case caller.Kind() == graph.CallerCustomer:
		return touchpointWebshop, nil
	}
	return 0, forbidden("The application is not registered as a sales touchpoint.")
}
