package rest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"ovgraph/graph"
)

// OpenAPIInfo describes an API for the OpenAPI document the shim writes from its route table,
// documents and schema.
type OpenAPIInfo struct {
	Title       string
	Version     string
	Description string
}

// customerHeader carries a customer's JWT on selfservice routes, as the contracts name it (the
// server's auth middleware reads the same header).
const customerHeader = "X-HTM-JWT-AUTH-HEADER"

// OpenAPIPath is where an API serves its OpenAPI document, under its base path, without auth.
const OpenAPIPath = "/openapi.json"

// Names in the document's components and tags.
const (
	errorSchemaName    = "Error"
	touchpointSecurity = "touchpointToken"
	customerSecurity   = "customerToken"
	touchpointTag      = "touchpoint"
	selfserviceTag     = "selfservice"
)

// OpenAPI writes the API's OpenAPI 3.0 document: one operation per route, its parameters from the
// route's variables, its request body from the GraphQL input type of its body variable and its
// success body from the selection of its document at the route's data path.
func (a API) OpenAPI() (*openapi3.T, error) {
	info := a.Info
	if a.Errors.Schema == nil {
		return nil, fmt.Errorf("%s: the error form has no schema", a.Name)
	}
	doc := &openapi3.T{
		OpenAPI: "3.0.3",
		Info:    &openapi3.Info{Title: info.Title, Version: info.Version, Description: info.Description},
		Servers: openapi3.Servers{{URL: a.BasePath}},
		Tags: openapi3.Tags{
			{Name: touchpointTag, Description: "Operations of back-office applications."},
			{Name: selfserviceTag, Description: "Operations of customers on their own profile."},
		},
		Paths: openapi3.NewPaths(),
		Components: &openapi3.Components{
			Schemas: openapi3.Schemas{a.Errors.schemaName(): openapi3.NewSchemaRef("", a.Errors.Schema)},
			SecuritySchemes: openapi3.SecuritySchemes{
				touchpointSecurity: {Value: openapi3.NewJWTSecurityScheme().
					WithDescription("The application's token: a JWT with scope touchpoint. Every operation needs it.")},
				customerSecurity: {Value: openapi3.NewSecurityScheme().WithType("apiKey").WithIn("header").
					WithName(customerHeader).
					WithDescription("The customer's own JWT from the identity provider, beside the application's " +
						"token; its sub is the subject stored on the customer's profile.")},
			},
		},
	}
	for _, route := range a.Routes {
		if d := route.Errors; d != nil {
			if err := d.check(); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", a.Name, route.OperationID, err)
			}
			name := d.schemaName()
			if have, ok := doc.Components.Schemas[name]; ok && have.Value != d.Schema {
				return nil, fmt.Errorf("%s: %s: error schema %s is taken", a.Name, route.OperationID, name)
			}
			doc.Components.Schemas[name] = openapi3.NewSchemaRef("", d.Schema)
		}
		op, err := a.operation(route)
		if err != nil {
			return nil, fmt.Errorf("%s: OpenAPI of %s: %w", a.Name, route.OperationID, err)
		}
		item := doc.Paths.Value(route.Path)
		if item == nil {
			item = &openapi3.PathItem{}
			doc.Paths.Set(route.Path, item)
		}
		if item.GetOperation(route.Method) != nil {
			return nil, fmt.Errorf("%s: route %s %s appears twice", a.Name, route.Method, route.Path)
		}
		item.SetOperation(route.Method, op)
	}
	return doc, nil
}

// openAPIHandler serves the API's document, written once when the handler is built.
func (a API) openAPIHandler(doc *openapi3.T) (http.HandlerFunc, error) {
	body, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("%s: marshal OpenAPI document: %w", a.Name, err)
	}
	return func(w http.ResponseWriter, _ *http.Request) { WriteJSON(w, http.StatusOK, body) }, nil
}

// operation describes one route.
func (a API) operation(route Route) (*openapi3.Operation, error) {
	text, err := a.Document(route)
	if err != nil {
		return nil, err
	}
	query, errs := gqlparser.LoadQuery(a.Schema, text)
	if len(errs) > 0 {
		return nil, errs
	}
	gop := query.Operations[0]

	op := openapi3.NewOperation()
	op.OperationID = route.OperationID
	op.Description = comment(gop.Comment)
	switch route.Auth {
	case Touchpoint:
		op.Tags = []string{touchpointTag}
		op.Security = &openapi3.SecurityRequirements{{touchpointSecurity: []string{}}}
	case Customer:
		op.Tags = []string{selfserviceTag}
		op.Security = &openapi3.SecurityRequirements{{touchpointSecurity: []string{}, customerSecurity: []string{}}}
	case Profile:
		// The application alone (naming the profile) or with the customer's token.
		op.Tags = []string{touchpointTag, selfserviceTag}
		op.Security = &openapi3.SecurityRequirements{{touchpointSecurity: []string{}},
			{touchpointSecurity: []string{}, customerSecurity: []string{}}}
	default:
		return nil, fmt.Errorf("unknown auth %d", route.Auth)
	}
	if op.Parameters, err = a.parameters(route, gop); err != nil {
		return nil, err
	}
	if op.RequestBody, err = a.requestBody(route, gop); err != nil {
		return nil, err
	}

	var body *openapi3.Schema
	if !route.NoBody {
		if body, err = a.dataSchema(route, gop); err != nil {
			return nil, err
		}
	}
	if route.StatusFlag != nil {
		if err := checkStatusFlag(gop, route); err != nil {
			return nil, err
		}
	}
	op.Responses = openapi3.NewResponses()
	for _, status := range route.statuses() {
		success := openapi3.NewResponse().WithDescription(http.StatusText(status))
		if body != nil {
			success.WithJSONSchema(body)
		}
		if success.Headers, err = responseHeaders(a.BasePath, route, body); err != nil {
			return nil, err
		}
		op.Responses.Set(fmt.Sprint(status), &openapi3.ResponseRef{Value: success})
	}
	form := a.Errors
	if route.Errors != nil {
		form = *route.Errors
	}
	statuses := form.Statuses()
	if op.RequestBody != nil {
		statuses = append(statuses, form.TooLarge.Status)
	}
	for _, status := range statuses {
		ref := &openapi3.SchemaRef{Ref: "#/components/schemas/" + form.schemaName(), Value: form.Schema}
		resp := openapi3.NewResponse().WithDescription(http.StatusText(status)).
			WithContent(openapi3.NewContentWithJSONSchemaRef(ref))
		op.Responses.Set(fmt.Sprint(status), &openapi3.ResponseRef{Value: resp})
	}
	return op, nil
}

// checkStatusFlag tells whether a route's StatusFlag names a non-null Boolean the document
// selects, and a success status of its own.
func checkStatusFlag(op *ast.OperationDefinition, route Route) error {
	f := route.StatusFlag
	if f.Otherwise < 200 || f.Otherwise > 299 || f.Otherwise == route.Status {
		return fmt.Errorf("status flag: %d is no second success status", f.Otherwise)
	}
	sets := []ast.SelectionSet{op.SelectionSet}
	var field *collectedField
	for _, key := range strings.Split(f.Path, ".") {
		fields, err := collectFields(sets, "")
		if err != nil {
			return err
		}
		i := slices.IndexFunc(fields, func(c *collectedField) bool { return c.key == key })
		if i < 0 {
			return fmt.Errorf("status flag %q: no field %q", f.Path, key)
		}
		field = fields[i]
		if field.def.Type.Elem != nil {
			return fmt.Errorf("status flag %q crosses a list at %q", f.Path, key)
		}
		sets = field.sets
	}
	if t := field.def.Type; !t.NonNull || t.NamedType != "Boolean" || field.optional {
		return fmt.Errorf("status flag %q is %s, not a Boolean! always answered", f.Path, t)
	}
	return nil
}

// comment is the text of a document's leading comment, its lines joined.
func comment(c *ast.CommentGroup) string {
	if c == nil {
		return ""
	}
	var lines []string
	for _, l := range c.List {
		lines = append(lines, strings.TrimSpace(strings.TrimPrefix(l.Value, "#")))
	}
	return strings.Join(lines, " ")
}

// parameters are the route's path, query and header parameters, typed as the GraphQL variables,
// or the input fields, they feed.
func (a API) parameters(route Route, op *ast.OperationDefinition) (openapi3.Parameters, error) {
	var out openapi3.Parameters
	for _, v := range route.Vars {
		if v.From != Path && v.From != Query && v.From != Header {
			continue
		}
		def := op.VariableDefinitions.ForName(v.Name)
		if def == nil {
			return nil, fmt.Errorf("no variable $%s", v.Name)
		}
		if v.Fields != nil {
			input := a.Schema.Types[def.Type.Name()]
			if input == nil || input.Kind != ast.InputObject {
				return nil, fmt.Errorf("$%s is %s, not an input object", v.Name, def.Type)
			}
			for _, p := range v.Fields {
				f := input.Fields.ForName(p.field())
				if f == nil {
					return nil, fmt.Errorf("%s has no field %s", input.Name, p.field())
				}
				param, err := a.parameter(openapi3.ParameterInQuery, p.Name, p.Kind, f.Type, f.Description)
				if err != nil {
					return nil, err
				}
				constrain(param.Schema.Value, f.Directives)
				out = append(out, &openapi3.ParameterRef{Value: param})
			}
			continue
		}
		in := map[Source]string{Path: openapi3.ParameterInPath, Query: openapi3.ParameterInQuery,
			Header: openapi3.ParameterInHeader}[v.From]
		param, err := a.parameter(in, v.Key, v.Kind, def.Type, "")
		if err != nil {
			return nil, err
		}
		// A path parameter is always there; a query or header parameter must be when its variable
		// is required, or GraphQL refuses the call.
		param.Required = in == openapi3.ParameterInPath || def.Type.NonNull && def.DefaultValue == nil
		out = append(out, &openapi3.ParameterRef{Value: param})
	}
	return out, nil
}

func (a API) parameter(in, name string, kind Kind, t *ast.Type, description string) (*openapi3.Parameter, error) {
	if !kind.fits(a.Schema, t) {
		return nil, fmt.Errorf("parameter %s is %s, which does not fit %s", name, kind, t)
	}
	if kind == IntList {
		// form style without explode: ?tokenTypeId=1,2
		return &openapi3.Parameter{In: in, Name: name, Description: description,
			Style: openapi3.SerializationForm, Explode: openapi3.Ptr(false),
			Schema: openapi3.NewArraySchema().WithItems(openapi3.NewInt32Schema()).NewRef()}, nil
	}
	def := a.Schema.Types[t.Name()]
	schema, err := leafSchema(def)
	if def.Name == "DateTime" {
		// A parameter is read as the scalar reads it: the contracts' zone-less forms (Dutch time)
		// too, which format date-time would refuse.
		schema, err = inputLeafSchema(def)
	}
	if err != nil {
		return nil, err
	}
	if def.Name == "String" {
		schema.Pattern = graph.TextPattern()
	}
	return &openapi3.Parameter{In: in, Name: name, Description: description,
		Schema: openapi3.NewSchemaRef("", schema)}, nil
}

// requestBody is the JSON body of the route: the input type of its Body variable, or an object of
// its BodyKey variables. GraphQL has no room for unknown fields, so no object has additional
// properties; the request validation refuses them.
func (a API) requestBody(route Route, op *ast.OperationDefinition) (*openapi3.RequestBodyRef, error) {
	var body *openapi3.Schema
	wrapper := closedObject()
	for _, v := range route.Vars {
		if v.From != Body && v.From != BodyKey {
			continue
		}
		def := op.VariableDefinitions.ForName(v.Name)
		if def == nil {
			return nil, fmt.Errorf("no variable $%s", v.Name)
		}
		schema, err := a.inputSchema(def.Type, nil)
		if err != nil {
			return nil, fmt.Errorf("$%s: %w", v.Name, err)
		}
		if v.From == Body {
			if body != nil {
				return nil, fmt.Errorf("two variables take the whole body")
			}
			// The body must be an object, null included.
			schema.Nullable = false
			body = schema
			continue
		}
		// The key must be there; null is sent on, and refused when the variable is required.
		wrapper.Properties[v.Key] = openapi3.NewSchemaRef("", schema)
		wrapper.Required = append(wrapper.Required, v.Key)
	}
	switch {
	case body != nil && len(wrapper.Properties) > 0:
		return nil, fmt.Errorf("variables take both the whole body and keys of it")
	case body == nil && len(wrapper.Properties) == 0:
		return nil, nil
	case body == nil:
		body = wrapper
	}
	rb := openapi3.NewRequestBody().WithRequired(true).WithJSONSchema(body)
	return &openapi3.RequestBodyRef{Value: rb}, nil
}

// inputSchema is the JSON schema of a GraphQL input type: input objects are walked field by field,
// a non-null field without a default is required and a nullable one may be null. seen holds the
// input objects being walked: a recursive one cannot be written inline.
func (a API) inputSchema(t *ast.Type, seen []string) (*openapi3.Schema, error) {
	var s *openapi3.Schema
	switch def := a.Schema.Types[t.Name()]; {
	case t.Elem != nil:
		items, err := a.inputSchema(t.Elem, seen)
		if err != nil {
			return nil, err
		}
		s = openapi3.NewArraySchema().WithItems(items)
	case def == nil:
		return nil, fmt.Errorf("unknown type %s", t.Name())
	case def.Kind == ast.InputObject:
		if slices.Contains(seen, def.Name) {
			return nil, fmt.Errorf("input %s contains itself", def.Name)
		}
		s = closedObject()
		s.Description = def.Description
		for _, f := range def.Fields {
			fs, err := a.inputSchema(f.Type, append(seen, def.Name))
			if err != nil {
				return nil, err
			}
			if f.Description != "" {
				fs.Description = f.Description
			}
			constrain(fs, f.Directives)
			s.Properties[f.Name] = openapi3.NewSchemaRef("", fs)
			if f.Type.NonNull && f.DefaultValue == nil {
				s.Required = append(s.Required, f.Name)
			}
		}
	default:
		leaf, err := inputLeafSchema(def)
		if err != nil {
			return nil, err
		}
		s = leaf
	}
	s.Nullable = !t.NonNull
	return s, nil
}

// dataSchema is the success body of a route: the schema of the selection at its data path, put
// through its Shape's declared result. The body is never null: a null there answers 404.
func (a API) dataSchema(route Route, op *ast.OperationDefinition) (*openapi3.Schema, error) {
	sets := []ast.SelectionSet{op.SelectionSet}
	var field *collectedField
	keys := strings.Split(route.Data, ".")
	for n, key := range keys {
		fields, err := collectFields(sets, "")
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(fields, func(f *collectedField) bool { return f.key == key })
		if i < 0 {
			return nil, fmt.Errorf("data path %q: no field %q", route.Data, key)
		}
		field = fields[i]
		if field.def.Type.Elem != nil && n < len(keys)-1 {
			return nil, fmt.Errorf("data path %q crosses a list at %q", route.Data, key)
		}
		sets = field.sets
	}
	s, err := a.outputSchema(field.def.Type, field.sets)
	if err != nil {
		return nil, err
	}
	s.Nullable = false
	switch {
	case route.Shape != nil && route.ShapeSchema == nil:
		return nil, fmt.Errorf("the route reshapes its body but does not declare the result's schema")
	case route.ShapeSchema != nil:
		if s, err = route.ShapeSchema(s); err != nil {
			return nil, fmt.Errorf("shape schema: %w", err)
		}
		s.Nullable = false
	}
	return s, nil
}

// outputSchema is the JSON schema of the answer to a selection on a field of type t: objects
// have exactly the selected fields, named by their aliases, and a nullable type may be null.
func (a API) outputSchema(t *ast.Type, sets []ast.SelectionSet) (*openapi3.Schema, error) {
	var s *openapi3.Schema
	switch def := a.Schema.Types[t.Name()]; {
	case t.Elem != nil:
		items, err := a.outputSchema(t.Elem, sets)
		if err != nil {
			return nil, err
		}
		s = openapi3.NewArraySchema().WithItems(items)
	case def == nil:
		return nil, fmt.Errorf("unknown type %s", t.Name())
	case def.Kind == ast.Object || def.Kind == ast.Interface || def.Kind == ast.Union:
		fields, err := collectFields(sets, def.Name)
		if err != nil {
			return nil, err
		}
		s = closedObject()
		for _, f := range fields {
			fs, err := a.outputSchema(f.def.Type, f.sets)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f.key, err)
			}
			if fs.Description == "" {
				fs.Description = f.def.Description
			}
			s.Properties[f.key] = openapi3.NewSchemaRef("", fs)
			if !f.optional {
				s.Required = append(s.Required, f.key)
			}
		}
	default:
		leaf, err := leafSchema(def)
		if err != nil {
			return nil, err
		}
		s = leaf
	}
	s.Nullable = !t.NonNull
	return s, nil
}

// collectedField is one key of an answer object: the field it answers, the selection sets made
// on it (one per place the key is selected) and whether it can be left out.
type collectedField struct {
	key      string
	def      *ast.FieldDefinition
	sets     []ast.SelectionSet
	optional bool
}

// collectFields lists the keys the selection sets answer on an object of type typeName ("" for
// the root), in order, following fragment spreads and inline fragments and merging a key selected
// more than once. A field under a fragment on another type, or under @skip/@include, may be
// missing from the answer.
func collectFields(sets []ast.SelectionSet, typeName string) ([]*collectedField, error) {
	var out []*collectedField
	var walk func(set ast.SelectionSet, optional bool) error
	walk = func(set ast.SelectionSet, optional bool) error {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if s.Definition == nil {
					return fmt.Errorf("field %s has no definition", s.Name)
				}
				opt := optional || conditional(s.Directives)
				i := slices.IndexFunc(out, func(f *collectedField) bool { return f.key == s.Alias })
				if i < 0 {
					out = append(out, &collectedField{key: s.Alias, def: s.Definition, optional: opt})
					i = len(out) - 1
				}
				out[i].optional = out[i].optional && opt
				if len(s.SelectionSet) > 0 {
					out[i].sets = append(out[i].sets, s.SelectionSet)
				}
			case *ast.FragmentSpread:
				if s.Definition == nil {
					return fmt.Errorf("fragment %s has no definition", s.Name)
				}
				opt := optional || conditional(s.Directives) || otherType(s.Definition.TypeCondition, typeName)
				if err := walk(s.Definition.SelectionSet, opt); err != nil {
					return err
				}
			case *ast.InlineFragment:
				opt := optional || conditional(s.Directives) || otherType(s.TypeCondition, typeName)
				if err := walk(s.SelectionSet, opt); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, set := range sets {
		if err := walk(set, false); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func otherType(condition, typeName string) bool {
	return condition != "" && typeName != "" && condition != typeName
}

func conditional(dirs ast.DirectiveList) bool {
	return dirs.ForName("skip") != nil || dirs.ForName("include") != nil
}

// leafSchema is the JSON schema of a scalar or enum. A scalar the shim does not know is an error
// rather than a guess.
func leafSchema(def *ast.Definition) (*openapi3.Schema, error) {
	if def.Kind == ast.Enum {
		s := openapi3.NewStringSchema()
		for _, v := range def.EnumValues {
			s.Enum = append(s.Enum, v.Name)
		}
		return s, nil
	}
	if def.Kind != ast.Scalar {
		return nil, fmt.Errorf("%s is not a scalar or an enum", def.Name)
	}
	switch def.Name {
	case "Int":
		return openapi3.NewInt32Schema(), nil
	case "Long":
		return openapi3.NewInt64Schema(), nil
	case "Float":
		return openapi3.NewFloat64Schema(), nil
	case "String", "ID":
		return openapi3.NewStringSchema(), nil
	case "Boolean":
		return openapi3.NewBoolSchema(), nil
	case "Date":
		return openapi3.NewStringSchema().WithFormat("date"), nil
	case "DateTime":
		return openapi3.NewDateTimeSchema(), nil
	case "Digits":
		return openapi3.NewStringSchema().WithPattern("^[0-9]+$"), nil
	}
	return nil, fmt.Errorf("no JSON schema for scalar %s", def.Name)
}

// inputLeafSchema is the JSON schema of the values GraphQL reads for a scalar or enum in an input
// object, which the request validation holds bodies to: more than the scalar writes, where the
// scalar reads more (an Int from a string of digits, say, as the ABTCustomers contract types
// languageId a string). What the schema lets through, the scalar may still refuse (a 30 February
// date-time); that error names the field too (see clientError).
func inputLeafSchema(def *ast.Definition) (*openapi3.Schema, error) {
	if def.Kind != ast.Scalar {
		return leafSchema(def)
	}
	switch def.Name {
	case "Int":
		return oneOrTheOther(openapi3.NewInt32Schema(), integerString()), nil
	case "Long":
		return oneOrTheOther(openapi3.NewInt64Schema(), integerString()), nil
	case "Digits":
		digits := openapi3.NewIntegerSchema().WithMin(0)
		return oneOrTheOther(openapi3.NewStringSchema().WithPattern("^[0-9]+$"), digits), nil
	case "String":
		// Text refuses control and bidirectional formatting characters, as the scalar does.
		return openapi3.NewStringSchema().WithPattern(graph.TextPattern()), nil
	case "DateTime":
		// RFC 3339, or the contracts' zone-less forms and a bare date, taken as Dutch time.
		return openapi3.NewStringSchema().WithPattern(
			`^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$`), nil
	}
	return leafSchema(def)
}

// constrain writes an input field's @constraint into its JSON schema: maxLength on a text, minimum
// and maximum on a number, and notNull as nullable: false. A schema that takes either of two forms
// (an Int as a number or as a string of digits) gets each limit on the forms it fits; GraphQL
// checks the rest.
func constrain(s *openapi3.Schema, dirs ast.DirectiveList) {
	d := dirs.ForName("constraint")
	if d == nil {
		return
	}
	if arg := d.Arguments.ForName("notNull"); arg != nil && arg.Value.Raw == "true" {
		s.Nullable = false
	}
	forms := []*openapi3.Schema{s}
	for _, alt := range s.AnyOf {
		forms = append(forms, alt.Value)
	}
	for _, arg := range d.Arguments {
		n, err := strconv.ParseInt(arg.Value.Raw, 10, 64)
		if err != nil {
			continue
		}
		for _, f := range forms {
			switch {
			case arg.Name == "maxLength" && f.Type.Is(openapi3.TypeString):
				f.WithMaxLength(n)
			case arg.Name == "min" && f.Type.Is(openapi3.TypeInteger):
				f.WithMin(float64(n))
			case arg.Name == "max" && f.Type.Is(openapi3.TypeInteger):
				f.WithMax(float64(n))
			}
		}
	}
}

// oneOrTheOther is a schema that takes what either schema does.
func oneOrTheOther(a, b *openapi3.Schema) *openapi3.Schema {
	s := openapi3.NewSchema()
	s.AnyOf = openapi3.SchemaRefs{a.NewRef(), b.NewRef()}
	return s
}

// integerString is a string GraphQL reads as an integer.
func integerString() *openapi3.Schema {
	return openapi3.NewStringSchema().WithPattern("^[+-]?[0-9]+$")
}

// closedObject is an object schema without additional properties.
func closedObject() *openapi3.Schema {
	s := openapi3.NewObjectSchema()
	s.Properties = openapi3.Schemas{}
	s.AdditionalProperties = openapi3.AdditionalProperties{Has: openapi3.Ptr(false)}
	return s
}

// ItemSchema is the ShapeSchema of a Shape that answers one element of a list.
func ItemSchema(list *openapi3.Schema) (*openapi3.Schema, error) {
	if list.Items == nil || list.Items.Value == nil {
		return nil, fmt.Errorf("not a list")
	}
	return list.Items.Value, nil
}
