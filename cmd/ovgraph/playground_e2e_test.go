package main

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ovgraph/adapters/auth"
)

// chromiumPath is where Debian's chromium package installs the browser.
const chromiumPath = "/usr/bin/chromium"

// CodeMirror 5 wrapper elements carry their editor as the CodeMirror property.
const (
	pgHeadersEditor = `section.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror`
	pgQueryEditor   = `.graphiql-query-editor .CodeMirror`
	pgResultJS      = `(() => {
		const v = document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror.getValue() ?? '';
		return v.includes('"data"') || v.includes('"errors"') ? v : false;
	})()`
)

func editorValueJS(sel string) string {
	return `document.querySelector('` + sel + `')?.CodeMirror.getValue() ?? ''`
}

// headlessChromium starts a browser tab that ends with ctx.
func headlessChromium(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("headless Chromium is needed at %s (%v); `make test` installs it", chromiumPath, err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.WindowSize(1280, 1024),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Env("TMPDIR="+t.TempDir())) // Chromium's scratch folders go with the test
	t.Cleanup(cancelAlloc)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelBrowser)
	return browserCtx
}

// typeInto replaces the text of the CodeMirror editor matching sel by typing text.
func typeInto(sel, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Click(chromedp.CSS(sel+` .CodeMirror-lines`)),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.KeyEvent(text),
	)
}

// TestPlaygroundRunsQueryInBrowser drives the playground of the real server in headless Chromium:
// a touchpoint token typed into the headers editor and a typed query must reach /graphql and bring
// the demo data's customer count back into the result pane.
func TestPlaygroundRunsQueryInBrowser(t *testing.T) {
	srv := demoServer(t)
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	browser := headlessChromium(t, ctx)

	headers := `{"Authorization":"Bearer ` + sign(t, testSecret, "tp", auth.ScopeTouchpoint) + `"}`
	const query = `{ customers(first: 2) { totalCount } }`

	for _, step := range []struct {
		name string
		run  func(t *testing.T)
	}{
		{"page loads with the default query", func(t *testing.T) {
			if err := chromedp.Do(browser,
				chromedp.Navigate(srv.URL+"/"),
				chromedp.WaitVisible(chromedp.CSS(`.graphiql-execute-button`)),
			); err != nil {
				t.Fatalf("loading the playground: %v", err)
			}
			got, err := chromedp.Run(browser, chromedp.Poll[string](editorValueJS(pgQueryEditor)))
			if err != nil {
				t.Fatalf("reading the query editor: %v", err)
			}
			if got != playgroundQuery {
				t.Errorf("query editor starts with %q, want the server's playgroundQuery", got)
			}
		}},
		{"token typed into the headers editor", func(t *testing.T) {
			if err := chromedp.Do(browser,
				chromedp.Click(chromedp.CSS(`.graphiql-editor-tools button[data-name="headers"]`)),
				typeInto(pgHeadersEditor, headers),
			); err != nil {
				t.Fatalf("typing into the headers editor: %v", err)
			}
			got, err := chromedp.Run(browser, chromedp.Evaluate[string](editorValueJS(pgHeadersEditor)))
			if err != nil || got != headers {
				t.Fatalf("headers editor holds %q (%v), want %q", got, err, headers)
			}
		}},
		{"query typed into the query editor", func(t *testing.T) {
			if err := chromedp.Do(browser, typeInto(pgQueryEditor, query)); err != nil {
				t.Fatalf("typing into the query editor: %v", err)
			}
			got, err := chromedp.Run(browser, chromedp.Evaluate[string](editorValueJS(pgQueryEditor)))
			if err != nil || got != query {
				t.Fatalf("query editor holds %q (%v), want %q", got, err, query)
			}
			// GraphiQL reparses the query (and picks the operation name it sends) after a 100ms
			// debounce, in the same step that stores the query; executing earlier would send the
			// default query's operation name "Customers" with the typed query.
			if _, err := chromedp.Run(browser, chromedp.Poll[bool](
				`localStorage.getItem('graphiql:query') === `+strconv.Quote(query),
				chromedp.WithPollingTimeout(10*time.Second))); err != nil {
				t.Fatalf("GraphiQL did not take up the typed query: %v", err)
			}
		}},
		{"execute shows the customer count", func(t *testing.T) {
			if err := chromedp.Do(browser, chromedp.Click(chromedp.CSS(`.graphiql-execute-button`))); err != nil {
				t.Fatalf("clicking execute: %v", err)
			}
			result, err := chromedp.Run(browser, chromedp.Poll[string](pgResultJS, chromedp.WithPollingTimeout(0)))
			if err != nil {
				t.Fatalf("waiting for the result pane: %v", err)
			}
			if !strings.Contains(result, `"totalCount": 36`) {
				t.Errorf("result pane lacks \"totalCount\": 36:\n%s", result)
			}
			if strings.Contains(result, `"errors"`) || strings.Contains(result, `"nodes"`) {
				t.Errorf("result pane is not the typed query's clean answer:\n%s", result)
			}
		}},
	} {
		if !t.Run(step.name, step.run) {
			t.FailNow() // later steps build on this one
		}
	}
}
