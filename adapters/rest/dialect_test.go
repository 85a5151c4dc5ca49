package rest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ovgraph/graph"
)

// checkDialect checks an error dialect: each code of the graph and a body too large have a row,
// each answer has the row's status and a body that fits the dialect's schema and passes more
// checks of the API's own, and an unknown code answers as an internal error without its message.
func checkDialect(t *testing.T, d Dialect, more func(t *testing.T, body map[string]any)) {
	t.Helper()
	if err := d.check(); err != nil {
		t.Fatal(err)
	}
	if len(d.Codes) != len(graph.Codes) {
		t.Errorf("%d rows for %d codes", len(d.Codes), len(graph.Codes))
	}
	answer := func(name string, status int, write func(w http.ResponseWriter)) {
		t.Run(name, func(t *testing.T) {
			w := httptest.NewRecorder()
			write(w)
			if w.Code != status {
				t.Errorf("status %d, want %d", w.Code, status)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			var body map[string]any
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatalf("body %s: %v", w.Body, err)
			}
			if err := d.Schema.VisitJSON(body); err != nil {
				t.Errorf("body %s does not fit the error schema: %v", w.Body, err)
			}
			more(t, body)
		})
	}
	for _, code := range graph.Codes {
		answer(string(code), d.Codes[code].Status, func(w http.ResponseWriter) {
			d.Write(w, &graph.Error{Code: code, Message: "something", Field: "f", Country: "NL"})
		})
	}
	answer("too large", http.StatusRequestEntityTooLarge, func(w http.ResponseWriter) { d.writeTooLarge(w, 10) })

	w := httptest.NewRecorder()
	d.Write(w, &graph.Error{Code: "SOMETHING_NEW", Message: "secret detail"})
	if w.Code != d.Codes[graph.CodeInternal].Status || strings.Contains(w.Body.String(), "secret") {
		t.Errorf("unknown code: %d %s", w.Code, w.Body)
	}
}

// Every served API's dialect is complete, and no two APIs share a base path or a name.
func TestAPIs(t *testing.T) {
	names, paths := map[string]bool{}, map[string]bool{}
	for _, api := range APIs() {
		if names[api.Name] || paths[api.BasePath] {
			t.Errorf("%s at %s: name or base path taken", api.Name, api.BasePath)
		}
		names[api.Name], paths[api.BasePath] = true, true
		t.Run(api.Name, func(t *testing.T) {
			checkDialect(t, api.Errors, func(*testing.T, map[string]any) {})
		})
	}
}
