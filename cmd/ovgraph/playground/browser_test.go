package playground

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath is where Debian's chromium package installs the browser.
const chromiumPath = "/usr/bin/chromium"

// echoServer is a tiny GraphQL endpoint for the browser test. It answers the
// introspection query with a fixed schema and every other query with the
// query text and the Authorization header it received.
type echoServer struct {
	introspection []byte

	mu            sync.Mutex
	authorization []string // Authorization headers of non-introspection requests
}

func (s *echoServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	var req struct {
		Query string `json:"query"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if strings.Contains(req.Query, "__schema") {
		_, _ = w.Write(s.introspection)
		return
	}
	auth := r.Header.Get("Authorization")
	s.mu.Lock()
	s.authorization = append(s.authorization, auth)
	s.mu.Unlock()
	_ = json.NewEncoder(w).Encode(map[string]any{
		"data": map[string]any{
			"echo": map[string]any{"query": req.Query, "authorization": auth},
		},
	})
}

// Scripts run in the page. Each CodeMirror 5 wrapper element carries its
// editor instance as the CodeMirror property.
const (
	headersEditor  = `section.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror`
	headersValueJS = `document.querySelector('` + headersEditor + `')?.CodeMirror.getValue() ?? ''`
	responseJS     = `(() => {
		const v = document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror.getValue() ?? '';
		return v.includes('"data"') || v.includes('"errors"') ? v : false;
	})()`
)

// TestBrowserSendsTypedHeaders loads the playground in headless Chromium,
// types a token into the headers editor, runs the query, and checks that
// the token reached the endpoint and came back into the result pane, that
// the token survives a reload, and that the page never contacted another
// host.
func TestBrowserSendsTypedHeaders(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("headless Chromium is needed at %s (%v); `make test` installs it", chromiumPath, err)
	}
	if !Handler(Config{}).(*handler).assets.built() {
		t.Fatal("the playground bundle is not built; run `make playground` first")
	}
	introspection, err := os.ReadFile("testdata/introspection.json")
	if err != nil {
		t.Fatal(err)
	}

	echo := &echoServer{introspection: introspection}
	mux := http.NewServeMux()
	mux.Handle("/graphql", echo)
	mux.Handle("/", Handler(Config{
		Endpoint:       "/graphql",
		DefaultQuery:   "{\n  echo {\n    query\n    authorization\n  }\n}\n",
		DefaultHeaders: `{"Authorization": "Bearer REPLACE_ME"}`,
	}))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	local, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		// Chromium leaves scratch folders in TMPDIR; keep them in the test's own.
		chromedp.Env("TMPDIR="+t.TempDir()),
	)
	defer cancelAlloc()
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()

	var (
		mu       sync.Mutex
		requests []string
		console  []string
	)
	err = chromedp.Listen(browserCtx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			requests = append(requests, ev.Request.URL)
			if len(ev.Request.URL) > 80 {
				// Keep data: URLs of inlined fonts short in the log.
				requests[len(requests)-1] = ev.Request.URL[:80] + "…"
			}
		case *runtime.EventExceptionThrown:
			text := ev.ExceptionDetails.Text
			if ex := ev.ExceptionDetails.Exception; ex != nil {
				text += " " + ex.Description
			}
			console = append(console, "exception: "+text)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				console = append(console, string(ev.Type)+": "+strings.Join(parts, " "))
			}
		case *cdplog.EventEntryAdded:
			console = append(console, string(ev.Entry.Level)+": "+ev.Entry.Text)
		}
	})
	if err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		t.Logf("page requests: %q", requests)
		t.Logf("page console: %q", console)
	}()

	// The page shows the default headers from the Go side.
	if err := chromedp.Do(browserCtx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-execute-button`)),
	); err != nil {
		t.Fatalf("loading the playground: %v", err)
	}
	initial, err := chromedp.Run(browserCtx, chromedp.Poll[string](headersValueJS))
	if err != nil {
		t.Fatalf("reading the headers editor: %v", err)
	}
	if !strings.Contains(initial, "REPLACE_ME") {
		t.Errorf("headers editor starts with %q, want the configured default headers", initial)
	}

	// Replace the headers by typing, as a user pasting a token would.
	const typed = `{"Authorization":"Bearer test-token-123"}`
	if err := chromedp.Do(browserCtx,
		chromedp.Click(chromedp.CSS(`.graphiql-editor-tools button[data-name="headers"]`)),
		chromedp.Click(chromedp.CSS(headersEditor+` .CodeMirror-lines`)),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.KeyEvent(typed),
	); err != nil {
		t.Fatalf("typing into the headers editor: %v", err)
	}
	headers, err := chromedp.Run(browserCtx, chromedp.Evaluate[string](headersValueJS))
	if err != nil {
		t.Fatalf("reading the headers editor: %v", err)
	}
	if headers != typed {
		t.Fatalf("headers editor holds %q after typing, want %q", headers, typed)
	}

	// Run the query and wait for the result pane.
	waitCtx, cancelWait := context.WithTimeout(browserCtx, 60*time.Second)
	defer cancelWait()
	if err := chromedp.Do(waitCtx, chromedp.Click(chromedp.CSS(`.graphiql-execute-button`))); err != nil {
		t.Fatalf("clicking execute: %v", err)
	}
	result, err := chromedp.Run(waitCtx, chromedp.Poll[string](responseJS, chromedp.WithPollingTimeout(60*time.Second)))
	if err != nil {
		t.Fatalf("waiting for the result pane: %v", err)
	}
	if !strings.Contains(result, "Bearer test-token-123") {
		t.Errorf("result pane lacks the typed token:\n%s", result)
	}
	if !strings.Contains(result, "authorization") {
		t.Errorf("result pane lacks the echoed query:\n%s", result)
	}
	echo.mu.Lock()
	got := echo.authorization
	echo.mu.Unlock()
	if len(got) != 1 || got[0] != "Bearer test-token-123" {
		t.Errorf("endpoint received Authorization headers %q, want one with the typed token", got)
	}

	// The typed headers survive a reload because they are persisted. GraphiQL
	// stores edits after a short debounce, so wait for the stored copy first.
	if _, err := chromedp.Run(browserCtx, chromedp.Poll[bool](
		`(localStorage.getItem('graphiql:headers') ?? '').includes('test-token-123')`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the typed headers were not persisted: %v", err)
	}
	if err := chromedp.Do(browserCtx,
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-execute-button`)),
	); err != nil {
		t.Fatalf("reloading: %v", err)
	}
	reloaded, err := chromedp.Run(browserCtx, chromedp.Poll[string](
		`(`+headersValueJS+`).includes('test-token-123') && (`+headersValueJS+`)`,
		chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Errorf("after a reload the headers editor lacks the typed token: %v", err)
	} else if reloaded != typed {
		t.Errorf("after a reload the headers editor holds %q, want %q", reloaded, typed)
	}

	// The page logged no errors, such as a blocked load.
	mu.Lock()
	defer mu.Unlock()
	for _, line := range console {
		if strings.HasPrefix(line, "error:") || strings.HasPrefix(line, "exception:") {
			t.Errorf("page logged %s", line)
		}
	}

	// Every request of the page went to the test server.
	var sawScript, sawEndpoint bool
	for _, raw := range requests {
		u, err := url.Parse(raw)
		if err != nil {
			t.Errorf("page requested unparsable URL %q", raw)
			continue
		}
		if u.Scheme == "data" || u.Scheme == "blob" {
			continue
		}
		if u.Host != local.Host {
			t.Errorf("page requested %s, which is not the local test server %s", raw, local.Host)
		}
		sawScript = sawScript || strings.HasPrefix(u.Path, AssetPrefix+scriptName)
		sawEndpoint = sawEndpoint || u.Path == "/graphql"
	}
	if !sawScript || !sawEndpoint {
		t.Errorf("network log misses the bundle or the endpoint: %q", requests)
	}
}
