package postgres

import (
	"context"
	_ "embed"
	"fmt"
	"strconv"
)

// DemoSubject is the identity provider's subject the demo data gives a demo customer: a customer
// logs in to the demo as customer N with a JWT whose sub is DemoSubject(N).
func DemoSubject(customerNumber int64) string {
	return "demo-" + strconv.FormatInt(customerNumber, 10)
}

//go:embed seed/demo.sql
var demoSQL string

// SeedDemo loads the demo customers in one transaction. It changes nothing when they are there
// already.
func (s *Store) SeedDemo(ctx context.Context) error {
	return s.InTx(ctx, func(q *Queries) error {
		if _, err := q.db.Exec(ctx, demoSQL); err != nil {
			return fmt.Errorf("seed demo data: %w", err)
		}
		return nil
	})
}
