package resolvers

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// Basket writes of the SE orders API: the order, its lines, the order customer and its addresses.
// createOrder writes a new order in one transaction (r.inTx and finishOrderWrite); every other
// write goes through writeOrder, which locks the order, checks the caller and, for a basket edit,
// that the order is concept. A line copies its product from the catalogue when it is chosen
// (name, description, FIKO article, tax, price), so it keeps what was sold; the order's total is
// the sum of its lines, which revalidate keeps after every write of a concept order.
//
// Readings beyond the shared design:
//   - A line's amount is the unit price times the quantity; a new quantity of the same product
//     keeps the unit price the line copied, a new product copies the catalogue's.
//   - A new product drops the line's customer tokens (with their personal account data), as the
//     contract's example of a product change shows (#18: `customerTokens: []` afterwards, with
//     CUSTOMERTOKEN_REQUIRED): the token was named, and its holder's data checked, for the old
//     product. The terms are copied again too. The same product given again changes nothing.
//   - validUntil: given, it is kept; null, or left out while validFrom or the product changes, it
//     is computed from validFrom and the product's duration (in Amsterdam time, so a month runs
//     from 04:00 to 04:00); it may not lie before validFrom.
//   - Order customer addresses: the contract writes Dutch postal codes with a space ("2595 AA"),
//     so both forms are accepted here.

const orderCreated = "Order is aangemaakt"

// createOrder creates an order for the profile the caller names (see orderProfile), at the
// caller's touchpoint, with its lines.
func (r *Resolver) createOrder(ctx context.Context, customerProfileID *int, input graph.CreateOrderInput) (*graph.Order, error) {
	profile, err := r.orderProfile(ctx, customerProfileID)
	if err != nil {
		return nil, err
	}
	language := int32(1)
	if input.LanguageID != nil {
		language = int32(*input.LanguageID)
	}
	var key int64
	err = r.inTx(ctx, func(q *postgres.Queries) error {
		if err := checkLanguage(ctx, q, language, "input.languageId"); err != nil {
			return err
		}
		touchpoint, err := callerTouchpoint(ctx, q)
		if err != nil {
			return err
		}
		o, err := q.InsertOrder(ctx, postgres.InsertOrderParams{
			CustomerProfileID: profile, SalesTouchpointID: touchpoint, LanguageID: language,
			ExternalOrderID: input.ExternalOrderID, OrderStatusID: statusConcept, Description: orderCreated,
		})
		if err != nil {
			return err
		}
		w := &orderWrite{q: q, order: postgres.LockOrderRow(o)}
		w.record("insert", "sales_order", o.ID, map[string]any{
			"orderId": uuidText(o.OrderID), "salesTouchpointId": touchpoint, "languageId": language,
			"orderStatusId": statusConcept,
		})
		for i, line := range input.OrderLines {
			if _, err := r.insertOrderLine(ctx, w, *line, fmt.Sprintf("input.orderLines.%d", i)); err != nil {
				return err
			}
		}
		key = o.ID
		return r.finishOrderWrite(ctx, w)
	})
	if err != nil {
		return nil, storeError(err)
	}
	return r.reloadOrder(ctx, key)
}

// orderProfile is the profile a new order is for: a customer's own (naming another is
// NOT_FOUND); for touchpoints and staff the one named by the argument, else staff's profile
// header, else nobody on file (nil). A profile that does not exist is NOT_FOUND.
func (r *Resolver) orderProfile(ctx context.Context, customerProfileID *int) (*int64, error) {
	caller := graph.CallerFrom(ctx)
	if caller.Kind() != graph.CallerCustomer && customerProfileID == nil && caller.StaffProfileID == 0 {
		return nil, nil
	}
	id, err := r.actingProfile(ctx, customerProfileID)
	if err != nil {
		return nil, err
	}
	return &id, nil
}

func checkLanguage(ctx context.Context, q *postgres.Queries, id int32, field string) error {
	ok, err := q.OrderLanguageExists(ctx, id)
	if err != nil {
		return err
	}
	if !ok {
		return graph.InputError(field, fmt.Sprintf("%s %d names no language (`languages`).", field, id))
	}
	return nil
}

// insertOrderLine adds a line to the order w writes: the product copied from the catalogue, its
// terms, and its customer token (at most one). field is where the line sits in the mutation's
// arguments ("input", "input.orderLines.0"), for the errors it answers.
func (r *Resolver) insertOrderLine(ctx context.Context, w *orderWrite, in graph.OrderLineInput, field string) (lineKey int64, err error) {
	if in.Quantity < 1 || in.Quantity > 99 {
		return 0, graph.InputError(field+".quantity", "quantity must be between 1 and 99")
	}
	if len(in.CustomerTokens) > 1 {
		return 0, graph.InputError(field+".customerTokens", "An order line has at most one customer token.")
	}
	p, err := productForLine(ctx, w.q, in.ProductID, field+".productId")
	if err != nil {
		return 0, err
	}
	from := instant(in.ValidFrom)
	until, err := lineValidUntil(from, instant(in.ValidUntil), p.Duration, field+".validUntil")
	if err != nil {
		return 0, err
	}
	l, err := w.q.InsertOrderLine(ctx, postgres.InsertOrderLineParams{
		SalesOrderID: w.order.ID, ExternalOrderLineID: in.ExternalOrderLineID, ProductID: p.ID,
		ProductName: p.Name, ProductDescription: p.Description, FikoArticleNumber: p.FikoArticleNumber,
		TaxCode: p.TaxCode, TaxPercentage: p.TaxPercentage, Quantity: int32(in.Quantity),
		AmountInclTax: p.PriceInclTax * int32(in.Quantity), ValidFrom: from, ValidUntil: until,
	})
	if err != nil {
		return 0, err
	}
	if err := w.q.InsertOrderLineTerms(ctx, l.ID, p.TermsUrls); err != nil {
		return 0, err
	}
	w.record("insert", "order_line", l.ID, map[string]any{
		"orderLineId": uuidText(l.OrderLineID), "productId": p.ID, "quantity": in.Quantity,
	})
	if len(in.CustomerTokens) == 1 {
		if err := r.insertCustomerToken(ctx, w, l.ID, *in.CustomerTokens[0], field+".customerTokens.0"); err != nil {
			return 0, err
		}
	}
	return l.ID, nil
}

// productForLine reads the catalogue's product for a line; one that does not exist is
// BAD_USER_INPUT on field.
func productForLine(ctx context.Context, q *postgres.Queries, id int, field string) (postgres.ProductForOrderLineRow, error) {
	p, err := q.ProductForOrderLine(ctx, int32(id))
	if errors.Is(err, postgres.ErrNotFound) {
		return p, graph.InputError(field, fmt.Sprintf("productId %d names no product of the catalogue (`products`).", id))
	}
	return p, err
}

// lineValidUntil is a line's validUntil: the one given, else validFrom plus the product's
// duration (none without either). It may not lie before validFrom (BAD_USER_INPUT on field).
func lineValidUntil(from, until *time.Time, duration pgtype.Interval, field string) (*time.Time, error) {
	if until == nil && from != nil && duration.Valid {
		u := addInterval(*from, duration)
		until = &u
	}
	if from != nil && until != nil && until.Before(*from) {
		return nil, graph.InputError(field, "validUntil lies before validFrom")
	}
	return until, nil
}

// addInterval adds a catalogue duration to an instant as a calendar does in Amsterdam: a month
// from 25 March 04:00 ends on 25 April 04:00, whatever the daylight saving time in between.
func addInterval(t time.Time, d pgtype.Interval) time.Time {
	return t.In(graph.Amsterdam).AddDate(0, int(d.Months), int(d.Days)).
		Add(time.Duration(d.Microseconds) * time.Microsecond)
}

func (r *Resolver) updateOrder(ctx context.Context, orderID string, input graph.UpdateOrderInput) (*graph.Order, error) {
	return r.writeOrder(ctx, byOrder(orderID), basketEdit, func(ctx context.Context, w *orderWrite) error {
		h, err := w.q.OrderHeader(ctx, w.order.ID)
		if err != nil {
			return err
		}
		p := postgres.UpdateOrderHeaderParams{ID: w.order.ID, ExternalOrderID: h.ExternalOrderID, LanguageID: h.LanguageID}
		detail := map[string]any{}
		if input.LanguageID != nil {
			p.LanguageID = int32(*input.LanguageID)
			if err := checkLanguage(ctx, w.q, p.LanguageID, "input.languageId"); err != nil {
				return err
			}
			detail["languageId"] = p.LanguageID
		}
		if input.ExternalOrderID.IsSet() {
			patch(&p.ExternalOrderID, input.ExternalOrderID, same)
			detail["externalOrderId"] = p.ExternalOrderID
		}
		if err := w.q.UpdateOrderHeader(ctx, p); err != nil {
			return err
		}
		w.record("update", "sales_order", w.order.ID, detail)
		return nil
	})
}

// deleteOrder deletes a concept or cancelled order with everything in it; any other status is
// UNPROCESSABLE, naming it.
func (r *Resolver) deleteOrder(ctx context.Context, orderID string) (*graph.DeleteOrderPayload, error) {
	var deleted string
	_, err := r.writeOrder(ctx, byOrder(orderID), lifecycleEdit, func(ctx context.Context, w *orderWrite) error {
		if s := w.order.OrderStatusID; s != statusConcept && s != statusCancelled {
			return statusRefusal(ctx, w.q, s, func(string) string { return "The order can not be deleted." })
		}
		if err := w.q.DeleteOrder(ctx, w.order.ID); err != nil {
			return err
		}
		deleted = uuidText(w.order.OrderID)
		w.deleted = true
		w.record("delete", "sales_order", w.order.ID, map[string]any{"orderId": deleted})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &graph.DeleteOrderPayload{OrderID: deleted}, nil
}

func (r *Resolver) addOrderLine(ctx context.Context, orderID string, input graph.OrderLineInput) (*graph.Order, error) {
	return r.writeOrder(ctx, byOrder(orderID), basketEdit, func(ctx context.Context, w *orderWrite) error {
		if _, err := r.insertOrderLine(ctx, w, input, "input"); err != nil {
			return err
		}
		return nil
	})
}

// updateOrderLine changes a line; see the top of this file for what a new product, quantity or
// date does.
func (r *Resolver) updateOrderLine(ctx context.Context, orderLineID string, input graph.UpdateOrderLineInput) (*graph.Order, error) {
	return r.writeOrder(ctx, byOrderLine(orderLineID), basketEdit, func(ctx context.Context, w *orderWrite) error {
		id, _ := parseUUID(orderLineID)
		l, err := w.q.OrderLineForUpdate(ctx, id)
		if err != nil {
			return err
		}
		p := postgres.UpdateOrderLineParams{
			ID: l.ID, ExternalOrderLineID: l.ExternalOrderLineID, ProductID: l.ProductID, ProductName: l.ProductName,
			ProductDescription: l.ProductDescription, FikoArticleNumber: l.FikoArticleNumber, TaxCode: l.TaxCode,
			TaxPercentage: l.TaxPercentage, Quantity: l.Quantity, ValidFrom: l.ValidFrom, ValidUntil: l.ValidUntil,
		}
		unitPrice := l.AmountInclTax / l.Quantity
		detail := map[string]any{"orderLineId": uuidText(l.OrderLineID)}
		patch(&p.ExternalOrderLineID, input.ExternalOrderLineID, same)
		if input.Quantity != nil {
			if *input.Quantity < 1 || *input.Quantity > 99 {
				return graph.InputError("input.quantity", "quantity must be between 1 and 99")
			}
			p.Quantity = int32(*input.Quantity)
			detail["quantity"] = p.Quantity
		}
		productID := int(l.ProductID)
		if input.ProductID != nil {
			productID = *input.ProductID
		}
		product, err := productForLine(ctx, w.q, productID, "input.productId")
		if err != nil {
			return err
		}
		newProduct := product.ID != l.ProductID
		if newProduct {
			p.ProductID, p.ProductName, p.ProductDescription = product.ID, product.Name, product.Description
			p.FikoArticleNumber, p.TaxCode, p.TaxPercentage = product.FikoArticleNumber, product.TaxCode, product.TaxPercentage
			unitPrice = product.PriceInclTax
			detail["productId"] = product.ID
		}
		p.AmountInclTax = unitPrice * p.Quantity
		patch(&p.ValidFrom, input.ValidFrom, instant)
		until, given := input.ValidUntil.ValueOK()
		switch {
		case given:
			p.ValidUntil = instant(until)
		case input.ValidFrom.IsSet() || newProduct:
			p.ValidUntil = nil
		}
		if given || input.ValidFrom.IsSet() || newProduct {
			if p.ValidUntil, err = lineValidUntil(p.ValidFrom, p.ValidUntil, product.Duration, "input.validUntil"); err != nil {
				return err
			}
			detail["validFrom"], detail["validUntil"] = p.ValidFrom, p.ValidUntil
		}
		if err := w.q.UpdateOrderLine(ctx, p); err != nil {
			return err
		}
		w.record("update", "order_line", l.ID, detail)
		if newProduct {
			if err := w.q.DeleteOrderLineTerms(ctx, l.ID); err != nil {
				return err
			}
			if err := w.q.InsertOrderLineTerms(ctx, l.ID, product.TermsUrls); err != nil {
				return err
			}
			tokens, err := w.q.DeleteCustomerTokensOfLine(ctx, l.ID)
			if err != nil {
				return err
			}
			for _, t := range tokens {
				w.record("delete", "customer_token", t, map[string]any{"reason": "the line's product changed"})
			}
		}
		return nil
	})
}

func (r *Resolver) deleteOrderLine(ctx context.Context, orderLineID string) (*graph.Order, error) {
	return r.writeOrder(ctx, byOrderLine(orderLineID), basketEdit, func(ctx context.Context, w *orderWrite) error {
		id, _ := parseUUID(orderLineID)
		key, err := w.q.DeleteOrderLine(ctx, id)
		if err != nil {
			return err
		}
		w.record("delete", "order_line", key, map[string]any{"orderLineId": uuidText(id)})
		return nil
	})
}

// addOrderCustomer states the customer of an order, with addresses: at most one per order
// (CONFLICT for a second).
func (r *Resolver) addOrderCustomer(ctx context.Context, orderID string, input graph.OrderCustomerInput) (*graph.Order, error) {
	return r.writeOrder(ctx, byOrder(orderID), basketEdit, func(ctx context.Context, w *orderWrite) error {
		switch _, err := w.q.OrderCustomerKeyOfOrder(ctx, w.order.ID); {
		case err == nil:
			return graph.NewError(graph.CodeConflict, "The order has a customer already.")
		case !errors.Is(err, postgres.ErrNotFound):
			return err
		}
		c := postgres.InsertOrderCustomerParams{
			SalesOrderID: w.order.ID, Birthname: input.Birthname, Surname: input.Surname, Prefix: input.Prefix,
			EmailAddress: input.EmailAddress, DateOfBirth: dateTime(input.DateOfBirth),
		}
		if err := checkOrderCustomer(c.EmailAddress, input.DateOfBirth); err != nil {
			return err
		}
		key, err := w.q.InsertOrderCustomer(ctx, c)
		if err != nil {
			return err
		}
		w.record("insert", "order_customer", key, map[string]any{"fields": givenFields(map[string]bool{
			"birthname": c.Birthname != nil, "surname": c.Surname != nil, "prefix": c.Prefix != nil,
			"emailAddress": c.EmailAddress != nil, "dateOfBirth": c.DateOfBirth != nil,
		})})
		for i, a := range input.OrderCustomerAddresses {
			if err := insertOrderCustomerAddress(ctx, w, key, *a, fmt.Sprintf("input.orderCustomerAddresses.%d", i)); err != nil {
				return err
			}
		}
		return nil
	})
}

// checkOrderCustomer checks an order customer's e-mail address and date of birth, when given.
func checkOrderCustomer(email *string, dateOfBirth *graph.Date) error {
	if email != nil {
		if err := checkEmail(*email); err != nil {
			return underField("input", err)
		}
	}
	if dateOfBirth != nil {
		if err := checkDateOfBirth(*dateOfBirth); err != nil {
			return underField("input", err)
		}
	}
	return nil
}

// givenFields lists the names of the fields a write set, in a stable order: the audit trail of
// an order customer names them without their (personal) values.
func givenFields(set map[string]bool) []string {
	out := []string{}
	for _, f := range []string{"birthname", "surname", "prefix", "emailAddress", "dateOfBirth", "addressTypeId",
		"street", "houseNumber", "houseNumberSuffix", "postalCode", "city", "country"} {
		if set[f] {
			out = append(out, f)
		}
	}
	return out
}

// underField puts a field error of a nested input under its place in the arguments
// ("emailAddress" under "input" is "input.emailAddress").
func underField(prefix string, err error) error {
	var ge *graph.Error
	if errors.As(err, &ge) && ge.Field != "" {
		c := *ge
		c.Field = prefix + "." + ge.Field
		return &c
	}
	return err
}

func (r *Resolver) updateOrderCustomer(ctx context.Context, orderCustomerID string, input graph.UpdateOrderCustomerInput) (*graph.Order, error) {
	return r.writeOrder(ctx, byOrderCustomer(orderCustomerID), basketEdit, func(ctx context.Context, w *orderWrite) error {
		id, _ := parseUUID(orderCustomerID)
		c, err := w.q.OrderCustomerForUpdate(ctx, id)
		if err != nil {
			return err
		}
		p := postgres.UpdateOrderCustomerParams{
			ID: c.ID, Birthname: c.Birthname, Surname: c.Surname, Prefix: c.Prefix, EmailAddress: c.EmailAddress,
			DateOfBirth: c.DateOfBirth,
		}
		patch(&p.Birthname, input.Birthname, same)
		patch(&p.Surname, input.Surname, same)
		patch(&p.Prefix, input.Prefix, same)
		patch(&p.EmailAddress, input.EmailAddress, same)
		patch(&p.DateOfBirth, input.DateOfBirth, dateTime)
		dob, _ := input.DateOfBirth.ValueOK()
		var email *string
		if input.EmailAddress.IsSet() {
			email = p.EmailAddress
		}
		if err := checkOrderCustomer(email, dob); err != nil {
			return err
		}
		if err := w.q.UpdateOrderCustomer(ctx, p); err != nil {
			return err
		}
		w.record("update", "order_customer", c.ID, map[string]any{"fields": givenFields(map[string]bool{
			"birthname": input.Birthname.IsSet(), "surname": input.Surname.IsSet(), "prefix": input.Prefix.IsSet(),
			"emailAddress": input.EmailAddress.IsSet(), "dateOfBirth": input.DateOfBirth.IsSet(),
		})})
		return nil
	})
}

func (r *Resolver) addOrderCustomerAddress(ctx context.Context, orderCustomerID string, input graph.OrderCustomerAddressInput) (*graph.Order, error) {
	return r.writeOrder(ctx, byOrderCustomer(orderCustomerID), basketEdit, func(ctx context.Context, w *orderWrite) error {
		id, _ := parseUUID(orderCustomerID)
		c, err := w.q.OrderCustomerForUpdate(ctx, id)
		if err != nil {
			return err
		}
		return insertOrderCustomerAddress(ctx, w, c.ID, input, "input")
	})
}

// insertOrderCustomerAddress adds an address to the order customer with key customerKey; field is
// where the address sits in the arguments.
func insertOrderCustomerAddress(ctx context.Context, w *orderWrite, customerKey int64, in graph.OrderCustomerAddressInput, field string) error {
	a := postgres.InsertOrderCustomerAddressParams{
		OrderCustomerID: customerKey, AddressTypeID: int32(in.AddressTypeID), Street: in.Street,
		HouseNumber: int32(in.HouseNumber), HouseNumberSuffix: in.HouseNumberSuffix, PostalCode: in.PostalCode,
		City: in.City, Country: in.Country,
	}
	if err := checkOrderAddress(ctx, w.q, a, field); err != nil {
		return err
	}
	key, err := w.q.InsertOrderCustomerAddress(ctx, a)
	if err != nil {
		return err
	}
	w.record("insert", "order_customer_address", key, map[string]any{"addressTypeId": a.AddressTypeID})
	return nil
}

// orderPostalCode is a Dutch postal code as the orders contract writes it, with or without the space.
var orderPostalCode = regexp.MustCompile(`^\d{4} ?[A-Z]{2}$`)

// checkOrderAddress checks an order customer's address: an address type of the shared table, a
// street, postal code and city that are not blank, an ISO country code, and a Dutch postal code
// for NL. field is where the address sits in the arguments.
func checkOrderAddress(ctx context.Context, q *postgres.Queries, a postgres.InsertOrderCustomerAddressParams, field string) error {
	ok, err := q.OrderAddressTypeExists(ctx, a.AddressTypeID)
	if err != nil {
		return err
	}
	if !ok {
		return graph.InputError(field+".addressTypeId", fmt.Sprintf(
			"addressTypeId %d names no address type (`addressTypes`: 1 Billing, 2 Shipping, 3 Home).", a.AddressTypeID))
	}
	for _, err := range []error{
		checkNotBlank("street", a.Street), checkNotBlank("postalCode", a.PostalCode), checkNotBlank("city", a.City),
		checkCountry(a.Country),
	} {
		if err != nil {
			return underField(field, err)
		}
	}
	if a.Country == "NL" && !orderPostalCode.MatchString(a.PostalCode) {
		e := graph.InputError(field+".postalCode", fmt.Sprintf("postalCode %q is not a Dutch postal code ('2595 AA')", a.PostalCode))
		e.Country = "NL"
		return e
	}
	return nil
}

func (r *Resolver) updateOrderCustomerAddress(ctx context.Context, id string, input graph.UpdateOrderCustomerAddressInput) (*graph.Order, error) {
	return r.writeOrder(ctx, byOrderCustomerAddress(id), basketEdit, func(ctx context.Context, w *orderWrite) error {
		u, _ := parseUUID(id)
		a, err := w.q.OrderCustomerAddressForUpdate(ctx, u)
		if err != nil {
			return err
		}
		p := postgres.UpdateOrderCustomerAddressParams{
			ID: a.ID, AddressTypeID: a.AddressTypeID, Street: a.Street, HouseNumber: a.HouseNumber,
			HouseNumberSuffix: a.HouseNumberSuffix, PostalCode: a.PostalCode, City: a.City, Country: a.Country,
		}
		if input.AddressTypeID != nil {
			p.AddressTypeID = int32(*input.AddressTypeID)
		}
		if input.HouseNumber != nil {
			p.HouseNumber = int32(*input.HouseNumber)
		}
		setVal(&p.Street, input.Street)
		setVal(&p.PostalCode, input.PostalCode)
		setVal(&p.City, input.City)
		setVal(&p.Country, input.Country)
		patch(&p.HouseNumberSuffix, input.HouseNumberSuffix, same)
		if err := checkOrderAddress(ctx, w.q, postgres.InsertOrderCustomerAddressParams{
			AddressTypeID: p.AddressTypeID, Street: p.Street, HouseNumber: p.HouseNumber,
			HouseNumberSuffix: p.HouseNumberSuffix, PostalCode: p.PostalCode, City: p.City, Country: p.Country,
		}, "input"); err != nil {
			return err
		}
		if err := w.q.UpdateOrderCustomerAddress(ctx, p); err != nil {
			return err
		}
		w.record("update", "order_customer_address", a.ID, map[string]any{"fields": givenFields(map[string]bool{
			"addressTypeId": input.AddressTypeID != nil, "street": input.Street != nil,
			"houseNumber": input.HouseNumber != nil, "houseNumberSuffix": input.HouseNumberSuffix.IsSet(),
			"postalCode": input.PostalCode != nil, "city": input.City != nil, "country": input.Country != nil,
		})})
		return nil
	})
}

func (r *Resolver) deleteOrderCustomerAddress(ctx context.Context, id string) (*graph.Order, error) {
	return r.writeOrder(ctx, byOrderCustomerAddress(id), basketEdit, func(ctx context.Context, w *orderWrite) error {
		u, _ := parseUUID(id)
		key, err := w.q.DeleteOrderCustomerAddress(ctx, u)
		if err != nil {
			return err
		}
		w.record("delete", "order_customer_address", key, map[string]any{"orderCustomerAddressId": uuidText(u)})
		return nil
	})
}
