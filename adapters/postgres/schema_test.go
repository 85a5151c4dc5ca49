package postgres_test

import (
	"context"
	"testing"
)

// Every foreign key has an index that starts with its columns, so deleting (or re-keying) a
// referenced row finds the rows that point at it without scanning their table.
func TestEveryForeignKeyIsIndexed(t *testing.T) {
	s := open(t)
	rows, err := s.Pool().Query(context.Background(), `
		SELECT c.conrelid::regclass::text, c.conname
		FROM pg_constraint c
		WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
		  AND NOT EXISTS (
		      SELECT 1 FROM pg_index i
		      WHERE i.indrelid = c.conrelid AND i.indisvalid
		        AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey)
		ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, constraint string
		if err := rows.Scan(&table, &constraint); err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s: foreign key %s has no index", table, constraint)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
