package rest

import (
	"fmt"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// The ShapeSchemas of the SE customers routes: what each shape in secustomers_shapes.go does to
// the schema of the selection it reshapes, for the API's OpenAPI document.

// property is the schema of a property of s.
func property(s *openapi3.Schema, name string) (*openapi3.Schema, error) {
	if s == nil || s.Properties[name] == nil || s.Properties[name].Value == nil {
		return nil, fmt.Errorf("no property %s", name)
	}
	return s.Properties[name].Value, nil
}

// setProperty sets a property of s, required or not.
func setProperty(s *openapi3.Schema, name string, p *openapi3.Schema, required bool) {
	s.Properties[name] = p.NewRef()
	s.Required = slices.DeleteFunc(s.Required, func(n string) bool { return n == name })
	if required {
		s.Required = append(s.Required, name)
	}
}

// removeProperty takes a property out of s.
func removeProperty(s *openapi3.Schema, name string) {
	delete(s.Properties, name)
	s.Required = slices.DeleteFunc(s.Required, func(n string) bool { return n == name })
}

// linkSchema is a HATEOAS link.
func linkSchema() *openapi3.Schema {
	s := closedObject()
	href := openapi3.NewStringSchema()
	href.Description = "A path under the API's base path."
	s.Properties["href"] = href.NewRef()
	s.Properties["method"] = openapi3.NewStringSchema().NewRef()
	s.Required = []string{"href", "method"}
	return s
}

// linksSchema is an object of links: those named always there, the optional ones when they apply.
func linksSchema(always []string, optional ...string) *openapi3.Schema {
	s := closedObject()
	for _, name := range always {
		setProperty(s, name, linkSchema(), true)
	}
	for _, name := range optional {
		setProperty(s, name, linkSchema(), false)
	}
	return s
}

// tokenSchema is what shapeToken does to a token's schema.
func tokenSchema(tok *openapi3.Schema, form tokenForm) error {
	ep, err := property(tok, "ePurse")
	if err != nil {
		return err
	}
	balance, err := property(ep, "balance")
	if err != nil {
		return err
	}
	removeProperty(ep, "balance")
	setProperty(ep, "e-PurseBalance", balance, true)
	if !form.dateTime {
		exp, err := property(tok, "expirationDate")
		if err != nil {
			return err
		}
		date := openapi3.NewStringSchema().WithFormat("date")
		date.Nullable, date.Description = exp.Nullable, "The Dutch date the card expires."
		setProperty(tok, "expirationDate", date, slices.Contains(tok.Required, "expirationDate"))
	}
	if form.links {
		// Staff get tokens without links.
		setProperty(tok, "_links", linksSchema([]string{"self", "partial_edit", "delete_token",
			"get_productinstances", "get_trips", "compare_token"}, "add_personal-data", "update_personal-data"), false)
	}
	return nil
}

// seTokenListSchema is seTokenList's answer.
func seTokenListSchema(profile *openapi3.Schema) (*openapi3.Schema, error) {
	tokens, err := property(profile, "ovPayTokens")
	if err != nil || tokens.Items == nil {
		return nil, fmt.Errorf("no token list")
	}
	if err := tokenSchema(tokens.Items.Value, tokenForm{links: true}); err != nil {
		return nil, err
	}
	s := closedObject()
	setProperty(s, "ovPayTokens", tokens, true)
	setProperty(s, "_links", linksSchema([]string{"self"}), true)
	return s, nil
}

// writtenTokenSchema is the token of a write's answer.
func writtenTokenSchema(payload *openapi3.Schema) (*openapi3.Schema, error) {
	tok, err := property(payload, "ovPayToken")
	if err != nil {
		return nil, err
	}
	return tok, tokenSchema(tok, tokenForm{dateTime: true, links: true})
}

// seAddedTokenSchema is seAddedToken's answer.
func seAddedTokenSchema(payload *openapi3.Schema) (*openapi3.Schema, error) {
	tok, err := writtenTokenSchema(payload)
	if err != nil {
		return nil, err
	}
	s := closedObject()
	setProperty(s, "ovPayToken", tok, true)
	setProperty(s, "_links", linksSchema([]string{"self"}), true)
	return s, nil
}

// seWrittenTokenSchema is seWrittenToken's answer.
func seWrittenTokenSchema(payload *openapi3.Schema) (*openapi3.Schema, error) {
	tok, err := writtenTokenSchema(payload)
	if err != nil {
		return nil, err
	}
	s := closedObject()
	setProperty(s, "ovPayToken", tok, true)
	return s, nil
}

// seProductInstancesSchema is seProductInstances' answer.
func seProductInstancesSchema(tokens *openapi3.Schema) (*openapi3.Schema, error) {
	if tokens.Items == nil {
		return nil, fmt.Errorf("not a token list")
	}
	list, err := property(tokens.Items.Value, "productInstances")
	if err != nil || list.Items == nil {
		return nil, fmt.Errorf("no product instances")
	}
	pi := list.Items.Value
	for _, name := range []string{"untilInclusive", "contractId"} {
		p, err := property(pi, name)
		if err != nil {
			return nil, err
		}
		p.Nullable = false
		setProperty(pi, name, p, false)
	}
	setProperty(pi, "_links", linksSchema([]string{"self", "get_order"}, "get_contract"), true)
	s := closedObject()
	setProperty(s, "productInstances", list, true)
	return s, nil
}

// seComparisonSchema is seComparison's answer.
func seComparisonSchema(c *openapi3.Schema) (*openapi3.Schema, error) {
	for _, name := range []string{"oldOvPayToken", "newOvPayToken"} {
		tok, err := property(c, name)
		if err != nil {
			return nil, err
		}
		if err := tokenSchema(tok, tokenForm{}); err != nil {
			return nil, err
		}
	}
	setProperty(c, "_links", linksSchema(nil, "transfer"), true)
	return c, nil
}

// seTransferAcceptedSchema is seTransferAccepted's answer.
func seTransferAcceptedSchema(run *openapi3.Schema) (*openapi3.Schema, error) {
	callback := openapi3.NewStringSchema()
	callback.Description = "Where to ask for the transfer's state (GET), under the API's base path."
	setProperty(run, "callbackurl", callback, true)
	return run, nil
}

// seTransferStatusSchema is seTransferStatus' answer: the new token of a transfer that succeeded,
// or the run of one still running. A client tells them apart by ovPayTokenId or properties.
func seTransferStatusSchema(run *openapi3.Schema) (*openapi3.Schema, error) {
	tok, err := property(run, "newOvPayToken")
	if err != nil {
		return nil, err
	}
	if err := tokenSchema(tok, tokenForm{links: true}); err != nil {
		return nil, err
	}
	tok.Nullable = false
	running := closedObject()
	running.Description = "A transfer still running."
	for _, name := range []string{"id", "name", "type"} {
		setProperty(running, name, openapi3.NewStringSchema(), true)
	}
	properties := openapi3.NewObjectSchema()
	properties.Description = "The run: status Running, its start, correlation (clientTrackingId), trigger and the response it waits for."
	setProperty(running, "properties", properties, true)
	s := openapi3.NewSchema()
	s.OneOf = openapi3.SchemaRefs{tok.NewRef(), running.NewRef()}
	return s, nil
}

// seProfileSchema is seSingleProfile's answer: one profile of the search's list.
func seProfileSchema(list *openapi3.Schema) (*openapi3.Schema, error) {
	c, err := ItemSchema(list)
	if err != nil {
		return nil, err
	}
	removeProperty(c, "currentStatus")
	removeProperty(c, "currentStatusId")
	status := closedObject()
	setProperty(status, "customerStatusId", openapi3.NewInt32Schema(), true)
	setProperty(status, "name", openapi3.NewStringSchema(), true)
	status.Nullable = true
	setProperty(c, "customerStatus", status, true)
	person, err := property(c, "person")
	if err != nil {
		return nil, err
	}
	for _, child := range []struct{ list, id, typeName, typeID, del string }{
		{"addresses", "addressId", "addressType", "addressTypeId", "delete_address"},
		{"phones", "phoneId", "phoneType", "phoneTypeId", "delete_phone"},
	} {
		l, err := property(person, child.list)
		if err != nil || l.Items == nil {
			return nil, fmt.Errorf("no %s", child.list)
		}
		item := l.Items.Value
		typeID, err := property(item, child.typeID)
		if err != nil {
			return nil, err
		}
		name, err := property(item, child.typeName)
		if err != nil {
			return nil, err
		}
		typ := closedObject()
		setProperty(typ, child.typeID, typeID, true)
		setProperty(typ, "name", name, true)
		removeProperty(item, child.typeID)
		setProperty(item, child.typeName, typ, true)
		setProperty(item, "_links", linksSchema([]string{"self", child.del}), true)
	}
	setProperty(c, "_links", linksSchema([]string{"self", "partial_edit", "get_tokens", "create_token"},
		"create_customer_status"), true)
	return c, nil
}
