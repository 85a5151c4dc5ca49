package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
)

// IsTimeout reports whether err is the database giving up in time rather than failing: a
// statement over statement_timeout, a lock not granted within lock_timeout, or a statement
// cancelled because its context ended (the request's deadline, or shutdown).
func IsTimeout(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "57014", "55P03": // query_canceled, lock_not_available
			return true
		}
	}
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}
