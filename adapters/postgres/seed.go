package postgres

import (
	"context"
	_ "embed"
	"fmt"
)

//go:embed seed/demo.sql
var demoSQL string

// SeedDemo loads the demo customers in one transaction. It changes nothing when they are there
// already.
func (s *Store) SeedDemo(ctx context.Context) error {
	return s.InTx(ctx, func(q *Queries) error {
		if _, err := q.db.Exec(ctx, demoSQL); err != nil {
			return fmt.Errorf("seed demo data: %w", mapError(err))
		}
		return nil
	})
}
