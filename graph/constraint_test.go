package graph

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Every text input of the schema, input field or argument, has a maximum length, and its
// description states it ("At most 100 characters."), so nothing unbounded reaches the database.
func TestEveryTextInputHasAMaximumLength(t *testing.T) {
	schema := NewExecutableSchema(Config{}).Schema()
	check := func(where string, typ *ast.Type, description string, dirs ast.DirectiveList) {
		switch typ.Name() {
		case "String", "ID", "Digits":
		default:
			return
		}
		d := dirs.ForName("constraint")
		var max *ast.Argument
		if d != nil {
			max = d.Arguments.ForName("maxLength")
		}
		if max == nil {
			t.Errorf("%s: no @constraint(maxLength: ...)", where)
			return
		}
		unit := "characters"
		if typ.Name() == "Digits" {
			unit = "digits"
		}
		if want := fmt.Sprintf("At most %s %s.", max.Value.Raw, unit); !strings.Contains(description, want) {
			t.Errorf("%s: the description does not say %q: %q", where, want, description)
		}
	}
	for _, def := range schema.Types {
		if strings.HasPrefix(def.Name, "__") {
			continue
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue // introspection
			}
			if def.Kind == ast.InputObject {
				check(def.Name+"."+f.Name, f.Type, f.Description, f.Directives)
			}
			for _, a := range f.Arguments {
				check(def.Name+"."+f.Name+"("+a.Name+")", a.Type, a.Description, a.Directives)
			}
		}
	}
}

func TestConstraint(t *testing.T) {
	ten, one, five := 10, 1, 5
	text, long := "Ðurđević", strings.Repeat("é", 11)
	n0, n3, n6 := 0, 3, 6
	cases := []struct {
		v       any
		maxLen  *int
		min     *int
		max     *int
		refused bool
	}{
		{text, &ten, nil, nil, false},
		{&text, &ten, nil, nil, false},
		{long, &ten, nil, nil, true},
		{&long, &ten, nil, nil, true},
		{(*string)(nil), &ten, nil, nil, false},
		{Digits("12345678901"), &ten, nil, nil, true},
		{n3, nil, &one, &five, false},
		{&n0, nil, &one, &five, true},
		{n6, nil, &one, &five, true},
		{(*int)(nil), nil, &one, &five, false},
	}
	for _, c := range cases {
		err := checkConstraint(reflect.ValueOf(c.v), c.maxLen, c.min, c.max)
		if c.refused != (err != nil) {
			t.Errorf("%#v: %v", c.v, err)
		}
		if e, ok := err.(*Error); err != nil && (!ok || e.Code != CodeBadUserInput || strings.Contains(e.Message, "é")) {
			t.Errorf("%#v: %#v is not a BAD_USER_INPUT without the value", c.v, err)
		}
	}
}

func TestConstraintNotNull(t *testing.T) {
	yes := true
	value := func(v any) graphql.Resolver { return func(context.Context) (any, error) { return v, nil } }
	if _, err := Constraint(context.Background(), nil, value((*string)(nil)), nil, nil, nil, &yes); err == nil {
		t.Error("notNull let a null through")
	}
	s := "Spui"
	if _, err := Constraint(context.Background(), nil, value(&s), nil, nil, nil, &yes); err != nil {
		t.Errorf("notNull refused a value: %v", err)
	}
	if _, err := Constraint(context.Background(), nil, value((*string)(nil)), nil, nil, nil, nil); err != nil {
		t.Errorf("a null without notNull: %v", err)
	}
}
