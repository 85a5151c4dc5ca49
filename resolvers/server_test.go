package resolvers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"

	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

func TestPresenter(t *testing.T) {
	present := presenter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	validation := &gqlerror.Error{Message: "variable.input unknown field"}
	errcode.Set(validation, errcode.ValidationFailed)
	cases := map[string]struct {
		err     error
		code    graph.Code
		message string
	}{
		"coded error passes":      {graph.NotFound(), graph.CodeNotFound, "The requested resource is not available."},
		"validation is input":     {validation, graph.CodeBadUserInput, "variable.input unknown field"},
		"plain error is masked":   {errors.New("pq: connection reset"), graph.CodeInternal, graph.InternalMessage},
		"uncoded gqlerror masked": {&gqlerror.Error{Message: "must not be null"}, graph.CodeInternal, graph.InternalMessage},
		"database unavailable": {fmt.Errorf("customer: %w", fmt.Errorf("%w: dial tcp: connection refused", postgres.ErrUnavailable)),
			graph.CodeUpstreamUnavailable, errUnavailable.Message},
		"unavailable in a write": {storeError(fmt.Errorf("begin: %w", postgres.ErrUnavailable)),
			graph.CodeUpstreamUnavailable, errUnavailable.Message},
		"lock timeout":      {fmt.Errorf("update: %w", &pgconn.PgError{Code: "55P03"}), graph.CodeUpstreamUnavailable, TimeoutMessage},
		"statement timeout": {fmt.Errorf("list: %w", &pgconn.PgError{Code: "57014"}), graph.CodeUpstreamUnavailable, TimeoutMessage},
		"request deadline":  {fmt.Errorf("list: %w", context.DeadlineExceeded), graph.CodeUpstreamUnavailable, TimeoutMessage},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got := present(context.Background(), c.err)
			if got.Extensions["code"] != string(c.code) || got.Message != c.message {
				t.Errorf("presented as %q %v, want %q %s", got.Message, got.Extensions["code"], c.message, c.code)
			}
		})
	}
}
