package rest

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// fragmentsFile holds the fragments an API's documents share.
const fragmentsFile = "fragments.graphql"

// Document reads the document of a route with the shared fragments it spreads, and checks it.
func (a API) Document(route Route) (string, error) {
	name := route.DocumentName()
	b, err := fs.ReadFile(a.Documents, name+".graphql")
	if err != nil {
		return "", fmt.Errorf("%s: read document of %s: %w", a.Name, route.OperationID, err)
	}
	doc, err := a.withFragments(string(b))
	if err != nil {
		return "", fmt.Errorf("%s: document %s.graphql: %w", a.Name, name, err)
	}
	if err := checkDocument(a.Schema, route, doc); err != nil {
		return "", fmt.Errorf("%s: document %s.graphql: %w", a.Name, name, err)
	}
	return doc, nil
}

var fragmentSpread = regexp.MustCompile(`\.\.\.\s*([_A-Za-z][_0-9A-Za-z]*)`)

// withFragments appends to doc every shared fragment it spreads, directly or through another
// fragment (GraphQL refuses a document with an unused fragment, so only those).
func (a API) withFragments(doc string) (string, error) {
	b, err := fs.ReadFile(a.Documents, fragmentsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return doc, nil
	}
	if err != nil {
		return "", err
	}
	parsed, err := parser.ParseQuery(&ast.Source{Name: fragmentsFile, Input: string(b)})
	if err != nil {
		return "", fmt.Errorf("parse %s: %w", fragmentsFile, err)
	}
	text := map[string]string{}
	for _, f := range parsed.Fragments {
		end := len(b)
		for _, g := range parsed.Fragments {
			if g.Position.Start > f.Position.Start && g.Position.Start < end {
				end = g.Position.Start
			}
		}
		text[f.Name] = strings.TrimSpace(string(b[f.Position.Start:end]))
	}
	added := map[string]bool{}
	out := doc
	for pending := []string{doc}; len(pending) > 0; pending = pending[1:] {
		for _, m := range fragmentSpread.FindAllStringSubmatch(pending[0], -1) {
			if t, ok := text[m[1]]; ok && !added[m[1]] {
				added[m[1]] = true
				out += "\n" + t + "\n"
				pending = append(pending, t)
			}
		}
	}
	return out, nil
}

// reservedHeaders are not parameters: OpenAPI leaves the first three out of an operation's
// parameters, and the credentials are the engine's (see authenticate).
var reservedHeaders = map[string]bool{
	"Accept": true, "Content-Type": true, "Authorization": true,
	http.CanonicalHeaderKey(customerHeader): true,
}

// checkDocument validates a document against the schema and against its route: one operation,
// every variable the route feeds is declared with a matching type, and every required variable
// is fed.
func checkDocument(schema *ast.Schema, route Route, doc string) error {
	parsed, err := parser.ParseQuery(&ast.Source{Name: route.DocumentName(), Input: doc})
	if err != nil {
		return fmt.Errorf("parse: %w", err)
	}
	if errs := validator.ValidateWithRules(schema, parsed, nil); len(errs) > 0 {
		return fmt.Errorf("validate: %w", errs)
	}
	if len(parsed.Operations) != 1 {
		return fmt.Errorf("want one operation, found %d", len(parsed.Operations))
	}
	op := parsed.Operations[0]
	fed := map[string]bool{}
	for _, v := range route.Vars {
		def := op.VariableDefinitions.ForName(v.Name)
		if def == nil {
			return fmt.Errorf("route feeds $%s, which the document does not declare", v.Name)
		}
		fed[v.Name] = true
		if v.Fields != nil && v.From != Query {
			return fmt.Errorf("$%s: only query parameters build an input object", v.Name)
		}
		if v.From == Header && reservedHeaders[http.CanonicalHeaderKey(v.Key)] {
			return fmt.Errorf("$%s: header %s is not a parameter", v.Name, v.Key)
		}
		if v.isParameter() && !v.Kind.fits(schema, def.Type) {
			return fmt.Errorf("$%s is %s, which the route's %s parameter does not fit", v.Name, def.Type, v.Kind)
		}
	}
	for _, def := range op.VariableDefinitions {
		if def.Type.NonNull && def.DefaultValue == nil && !fed[def.Variable] {
			return fmt.Errorf("required $%s is not fed by the route", def.Variable)
		}
	}
	if root := strings.SplitN(route.Data, ".", 2)[0]; !hasRootField(op, root) {
		return fmt.Errorf("data path %q does not start at a root field", route.Data)
	}
	for _, path := range route.Nullable {
		if err := checkNullable(op, route.Data, path); err != nil {
			return fmt.Errorf("nullable path %q: %w", path, err)
		}
	}
	return nil
}

// checkNullable tells whether a route may pass on a null at path: the path names a nullable field
// of the answer, so a null there goes no further up, and neither the body nor a field above it,
// as a null body answers 404. Errors of the variables have paths starting at "variable": no
// accepted path may.
func checkNullable(op *ast.OperationDefinition, data, path string) error {
	keys := strings.Split(path, ".")
	if keys[0] == "variable" {
		return fmt.Errorf("it would take the errors of the variables")
	}
	if path == data || strings.HasPrefix(data, path+".") {
		return fmt.Errorf("the body would be null")
	}
	sets := []ast.SelectionSet{op.SelectionSet}
	var field *collectedField
	for _, key := range keys {
		fields, err := collectFields(sets, "")
		if err != nil {
			return err
		}
		i := slices.IndexFunc(fields, func(f *collectedField) bool { return f.key == key })
		if i < 0 {
			return fmt.Errorf("no field %q", key)
		}
		field = fields[i]
		sets = field.sets
	}
	if field.def.Type.NonNull {
		return fmt.Errorf("%s is %s, which cannot be null", field.key, field.def.Type)
	}
	return nil
}

func hasRootField(op *ast.OperationDefinition, name string) bool {
	for _, sel := range op.SelectionSet {
		if f, ok := sel.(*ast.Field); ok && f.Alias == name {
			return true
		}
	}
	return false
}
