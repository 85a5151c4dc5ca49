package rest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"
)

// The SE orders API answers an order as its examples show it. Aliases give most of it (the
// contract's order_OrderStatuses, tokenType, challengeType, addressType); the shapes here do what
// aliases cannot, with the readings of the contract's notes:
//   - a customer token's live OVpay token is shown on concept orders only; once the order is no
//     longer concept it is null (notes d6);
//   - the OVpay token is the SE customers API's token (e-PurseBalance, expirationDate a date),
//     with gboAgeProfile null: the graph keeps the age profile on the holder's birthdate, which
//     GET /orders/validation/gboAgeProfile answers, not on the token;
//   - verificationCode and oneTimePassword are write-only (notes e7): their keys are kept, null;
//   - GET /orders answers {orders, _links: {self}} (example #0 without its stray href).

// seoOrderConcept is the status id of a concept order.
const seoOrderConcept = "1"

// seoShapeOrder answers one order.
func seoShapeOrder(_ context.Context, raw json.RawMessage) (json.RawMessage, error) {
	order, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	if err := shapeOrder(order); err != nil {
		return nil, err
	}
	return encodeJSON(order)
}

// seoShapeOrderList answers GET /orders.
func seoShapeOrderList(_ context.Context, raw json.RawMessage) (json.RawMessage, error) {
	v, err := decodeJSON(raw)
	if err != nil {
		return nil, err
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("read answer: the orders are not a list")
	}
	for _, o := range list {
		order, ok := o.(object)
		if !ok {
			return nil, fmt.Errorf("read answer: an order is not an object")
		}
		if err := shapeOrder(order); err != nil {
			return nil, err
		}
	}
	self := object{"href": SEOrdersBasePath + "/orders", "method": http.MethodGet, "templated": false}
	return encodeJSON(object{"orders": list, "_links": object{"self": self}})
}

// shapeOrder reshapes an order of the graph in place.
func shapeOrder(order object) error {
	statuses, _ := order["order_OrderStatuses"].([]any)
	concept := false
	if len(statuses) > 0 {
		// The history is newest first: its first entry is the current status.
		entry, _ := statuses[0].(object)
		status, _ := entry["orderStatus"].(object)
		concept = idText(status["orderStatusId"]) == seoOrderConcept
	}
	lines, _ := order["orderLines"].([]any)
	for _, l := range lines {
		line, ok := l.(object)
		if !ok {
			return fmt.Errorf("read answer: an order line is not an object")
		}
		tokens, _ := line["customerTokens"].([]any)
		for _, t := range tokens {
			tok, ok := t.(object)
			if !ok {
				return fmt.Errorf("read answer: a customer token is not an object")
			}
			tok["verificationCode"] = nil
			if pad, ok := tok["personalAccountData"].(object); ok {
				pad["oneTimePassword"] = nil
			}
			ovpay, ok := tok["ovPayToken"].(object)
			switch {
			case !concept:
				tok["ovPayToken"] = nil
			case ok:
				shapeToken(ovpay, tokenForm{})
				ovpay["gboAgeProfile"] = nil
			}
		}
	}
	return nil
}

// seoOrderSchema is what seoShapeOrder does to the order's schema.
func seoOrderSchema(order *openapi3.Schema) (*openapi3.Schema, error) {
	lines, err := property(order, "orderLines")
	if err != nil || lines.Items == nil {
		return nil, fmt.Errorf("no order lines")
	}
	tokens, err := property(lines.Items.Value, "customerTokens")
	if err != nil || tokens.Items == nil {
		return nil, fmt.Errorf("no customer tokens")
	}
	tok := tokens.Items.Value
	writeOnly := func(description string) *openapi3.Schema {
		s := openapi3.NewStringSchema()
		s.Nullable, s.Description = true, description
		return s
	}
	setProperty(tok, "verificationCode", writeOnly("Write-only: always null."), true)
	pad, err := property(tok, "personalAccountData")
	if err != nil {
		return nil, err
	}
	setProperty(pad, "oneTimePassword", writeOnly("Write-only: always null."), true)
	ovpay, err := property(tok, "ovPayToken")
	if err != nil {
		return nil, err
	}
	if err := tokenSchema(ovpay, tokenForm{}); err != nil {
		return nil, err
	}
	age := closedObject()
	age.Nullable = true
	age.Description = "Always null: GET /orders/validation/gboAgeProfile answers the holder's age profile."
	for _, name := range []string{"gboAgeProfileId", "ageFromInclusive", "ageToInclusive"} {
		setProperty(age, name, openapi3.NewInt32Schema(), true)
	}
	setProperty(age, "name", openapi3.NewStringSchema(), true)
	setProperty(ovpay, "gboAgeProfile", age, true)
	return order, nil
}

// seoOrderListSchema is what seoShapeOrderList does to the list's schema.
func seoOrderListSchema(list *openapi3.Schema) (*openapi3.Schema, error) {
	item, err := ItemSchema(list)
	if err != nil {
		return nil, err
	}
	if _, err := seoOrderSchema(item); err != nil {
		return nil, err
	}
	self := linkSchema()
	setProperty(self, "templated", openapi3.NewBoolSchema(), true)
	links := closedObject()
	setProperty(links, "self", self, true)
	s := closedObject()
	setProperty(s, "orders", list, true)
	setProperty(s, "_links", links, true)
	return s, nil
}
