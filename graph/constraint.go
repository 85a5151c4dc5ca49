package graph

import (
	"context"
	"math"
	"reflect"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
)

// Constraint implements the schema's @constraint directive on input fields and arguments: it
// reads the value, then refuses one outside the limits the schema declares for it. The error
// names no field; the presenter takes it from the path the value was read at.
//
// notNull refuses a null. gqlgen runs an input field's directives only for a field the input
// holds, so there a null is an explicit one and a field left out passes; an argument's directives
// run whether it is given or not, so notNull is for input fields only.
func Constraint(ctx context.Context, _ any, next graphql.Resolver, maxLength, min, max *int, notNull *bool) (any, error) {
	v, err := next(ctx)
	if err != nil {
		return v, err
	}
	rv := reflect.ValueOf(v)
	if notNull != nil && *notNull && isNull(rv) {
		return v, inputErrorf("%s may not be null: leave it out to keep its value", InputField(graphql.GetPath(ctx)))
	}
	return v, checkConstraint(rv, maxLength, min, max)
}

func isNull(v reflect.Value) bool {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return true
		}
		v = v.Elem()
	}
	return !v.IsValid()
}

// checkConstraint checks a text's length (in characters: Unicode code points, as JSON Schema's
// maxLength counts) or a number's range. A null passes: notNull says whether it may be null.
func checkConstraint(v reflect.Value, maxLength, min, max *int) error {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String:
		if n := utf8.RuneCountInString(v.String()); maxLength != nil && n > *maxLength {
			return inputErrorf("string is too long (length: %d, maximum allowed: %d)", n, *maxLength)
		}
	case reflect.Int, reflect.Int32, reflect.Int64:
		lo, hi := int64(math.MinInt), int64(math.MaxInt)
		if min != nil {
			lo = int64(*min)
		}
		if max != nil {
			hi = int64(*max)
		}
		return checkRange(v.Int(), lo, hi)
	}
	return nil
}
