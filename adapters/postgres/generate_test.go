package postgres_test

import (
	"bytes"
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The committed sqlc output is what `make generate` makes from the migrations and queries/*.sql:
// nobody edited it by hand and nobody forgot to regenerate. sqlc runs at the version go.mod pins.
func TestGeneratedCodeIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("builds sqlc")
	}
	cmd := exec.Command("go", "tool", "sqlc", "diff")
	cmd.Dir = filepath.Join("..", "..")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("sqlc diff: %v\n%s\nrun `make generate` and commit the result", err, out.String())
	}
	// sqlc diff does not see generated files whose query file is gone.
	generated, err := filepath.Glob("*.sql.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range generated {
		if _, err := os.Stat(filepath.Join("queries", strings.TrimSuffix(f, ".go"))); err != nil {
			t.Errorf("%s has no query file: %v", f, err)
		}
	}
}

// generatedStatements returns every statement sqlc generated, by name: the string constants of
// *.sql.go, each starting with its `-- name: X :cmd` line.
func generatedStatements(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.sql.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			sql, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			if rest, ok := strings.CutPrefix(sql, "-- name: "); ok {
				name, _, _ := strings.Cut(rest, " ")
				out[name] = sql
			}
			return true
		})
	}
	return out
}

// Every generated statement is valid SQL against the migrated schema: sqlc checks them against
// its own reading of the migrations, PostgreSQL has the last word.
func TestStatementsPrepare(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	conn, err := s.Pool().Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	statements := generatedStatements(t)
	if len(statements) < 40 {
		t.Fatalf("only %d statements found", len(statements))
	}
	for name, sql := range statements {
		t.Run(name, func(t *testing.T) {
			if _, err := conn.Conn().Prepare(ctx, "", sql); err != nil {
				t.Errorf("prepare %s: %v", name, err)
			}
		})
	}
}
