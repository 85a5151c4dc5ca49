package resolvers

import (
	"time"

	"github.com/99designs/gqlgen/graphql"

	"ovgraph/graph"
)

// Updates read their input as a JSON merge patch (RFC 7396): a field left out keeps its value and
// an explicit null clears it. The fields an update may clear are graphql.Omittable (gqlgen.yml),
// applied with patch. The others are plain pointers, and the schema refuses null for them
// (@constraint(notNull: true)), so nil there means "left out": setIf and setVal apply them.

// patch applies one clearable field: a field the input holds sets *dst to its value, converted,
// or to nil for a null; a field left out leaves *dst as it is.
func patch[S, D any](dst *D, o graphql.Omittable[S], conv func(S) D) {
	if v, ok := o.ValueOK(); ok {
		*dst = conv(v)
	}
}

// same converts nothing, for patch.
func same[T any](v T) T { return v }

func dateTime(d *graph.Date) *time.Time {
	if d == nil {
		return nil
	}
	return &d.Time
}

func instant(d *graph.DateTime) *time.Time {
	if d == nil {
		return nil
	}
	return &d.Time
}

// setIf sets *dst to v unless v is nil (a field left out).
func setIf[T any](dst **T, v *T) {
	if v != nil {
		*dst = v
	}
}

// setVal sets *dst to *v unless v is nil (a field left out).
func setVal[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
