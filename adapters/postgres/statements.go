package postgres

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed queries/*.sql
var queryFiles embed.FS

// statements holds every named statement of queries/*.sql. A statement starts at a line
// `-- name: Name` and runs to the next such line.
var statements = mustParseStatements(queryFiles)

func mustParseStatements(fsys fs.FS) map[string]string {
	out, err := parseStatements(fsys)
	if err != nil {
		panic(err)
	}
	return out
}

func parseStatements(fsys fs.FS) (map[string]string, error) {
	files, err := fs.Glob(fsys, "queries/*.sql")
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		var name string
		var body strings.Builder
		flush := func() error {
			if name == "" {
				return nil
			}
			if _, dup := out[name]; dup {
				return fmt.Errorf("%s: statement %s defined twice", f, name)
			}
			out[name] = strings.TrimSpace(body.String())
			body.Reset()
			return nil
		}
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		for sc.Scan() {
			line := sc.Text()
			if n, ok := strings.CutPrefix(strings.TrimSpace(line), "-- name:"); ok {
				if err := flush(); err != nil {
					return nil, err
				}
				name = strings.TrimSpace(n)
				continue
			}
			if name != "" {
				body.WriteString(line)
				body.WriteByte('\n')
			}
		}
		if err := flush(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// statement returns a named statement; an unknown name is a programming error.
func statement(name string) string {
	s, ok := statements[name]
	if !ok {
		panic("postgres: no statement named " + name)
	}
	return s
}

// StatementNames lists the named statements, for tests.
func StatementNames() []string {
	names := make([]string, 0, len(statements))
	for n := range statements {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
