package playground

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// fakeBundle stands in for a built dist/ so the handler logic is tested
// whether or not `make playground` has run.
var fakeBundle = fstest.MapFS{
	".gitkeep":     {},
	"graphiql.js":  {Data: []byte("console.log('playground');\n")},
	"graphiql.css": {Data: []byte("body { margin: 0; }\n")},
	"notes.txt":    {Data: []byte("not an asset\n")},
}

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

func TestPageCarriesConfig(t *testing.T) {
	h := newHandler(Config{
		Endpoint:       "/graphql",
		DefaultQuery:   "{ echo { query } }",
		DefaultHeaders: `{"Authorization": "Bearer <token>"}`,
		Title:          "ovgraph <test>",
	}, fakeBundle)

	rec := get(t, h, "/")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET / = %d, want 200", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("Content-Security-Policy = %q, want scripts limited to self", csp)
	}
	body := rec.Body.String()
	for _, want := range []string{
		`data-endpoint="/graphql"`,
		`data-default-query="{ echo { query } }"`,
		`data-default-headers="{&#34;Authorization&#34;: &#34;Bearer &lt;token&gt;&#34;}"`,
		`<title>ovgraph &lt;test&gt;</title>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s:\n%s", want, body)
		}
	}
}

func TestPageReferencesOnlyLocalPaths(t *testing.T) {
	body := get(t, newHandler(Config{}, fakeBundle), "/").Body.String()
	refs := regexp.MustCompile(`(?:src|href)="([^"]*)"`).FindAllStringSubmatch(body, -1)
	var assetRefs int
	for _, m := range refs {
		switch ref := m[1]; {
		case strings.HasPrefix(ref, AssetPrefix):
			assetRefs++
		case ref == "data:,":
			// The empty icon keeps the browser from asking for /favicon.ico.
		default:
			t.Errorf("reference %q is neither under %s nor the empty icon", ref, AssetPrefix)
		}
	}
	if assetRefs != 2 {
		t.Errorf("found %d asset references, want 2 (script and stylesheet):\n%s", assetRefs, body)
	}
	if strings.Contains(body, "<script>") {
		t.Error("page has an inline script")
	}
}

func TestAssets(t *testing.T) {
	h := newHandler(Config{}, fakeBundle)
	a := h.assets

	for _, tc := range []struct {
		name, contentType string
	}{
		{scriptName, "text/javascript; charset=utf-8"},
		{stylesheetName, "text/css; charset=utf-8"},
	} {
		versioned := get(t, h, a.url(tc.name))
		if versioned.Code != http.StatusOK {
			t.Fatalf("GET %s = %d", a.url(tc.name), versioned.Code)
		}
		if ct := versioned.Header().Get("Content-Type"); ct != tc.contentType {
			t.Errorf("%s: Content-Type = %q, want %q", tc.name, ct, tc.contentType)
		}
		if cc := versioned.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
			t.Errorf("%s with current version: Cache-Control = %q, want immutable", tc.name, cc)
		}

		bare := get(t, h, AssetPrefix+tc.name)
		if cc := bare.Header().Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("%s without version: Cache-Control = %q, want no-cache", tc.name, cc)
		}

		req := httptest.NewRequest(http.MethodGet, AssetPrefix+tc.name, nil)
		req.Header.Set("If-None-Match", bare.Header().Get("ETag"))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotModified {
			t.Errorf("%s revalidation = %d, want 304", tc.name, rec.Code)
		}
	}

	for _, target := range []string{
		AssetPrefix + ".gitkeep",
		AssetPrefix + "notes.txt",
		AssetPrefix + "missing.js",
		"/elsewhere",
	} {
		if rec := get(t, h, target); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", target, rec.Code)
		}
	}

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST / = %d, want 405", rec.Code)
	}
}

func TestUnbuilt(t *testing.T) {
	h := newHandler(Config{}, fstest.MapFS{".gitkeep": {}})
	rec := get(t, h, "/")
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("GET / = %d, want 503", rec.Code)
	}
	if !strings.Contains(rec.Body.String(), "make playground") {
		t.Errorf("body %q does not mention make playground", rec.Body.String())
	}
	if rec := get(t, h, AssetPrefix+scriptName); rec.Code != http.StatusNotFound {
		t.Errorf("GET script = %d, want 404", rec.Code)
	}
}

func TestContentSecurityPolicyAllowsRemoteEndpoint(t *testing.T) {
	csp := contentSecurityPolicy("https://api.example.test/graphql")
	if !strings.Contains(csp, "connect-src 'self' https://api.example.test") {
		t.Errorf("policy %q does not allow the endpoint origin", csp)
	}
}

// TestEmbeddedBundle checks the real embedded tree: it serves the bundle when
// built, and otherwise tells the caller to build it.
func TestEmbeddedBundle(t *testing.T) {
	h := Handler(Config{})
	rec := get(t, h, "/")
	switch rec.Code {
	case http.StatusOK:
		js := get(t, h, AssetPrefix+scriptName)
		if js.Code != http.StatusOK || !strings.HasPrefix(js.Header().Get("Content-Type"), "text/javascript") {
			t.Errorf("GET script = %d %q, want 200 text/javascript", js.Code, js.Header().Get("Content-Type"))
		}
		if js.Body.Len() < 100_000 {
			t.Errorf("script is %d bytes, too small for a GraphiQL bundle", js.Body.Len())
		}
	case http.StatusServiceUnavailable:
		t.Log("bundle not built; the page answers 503")
	default:
		t.Fatalf("GET / = %d, want 200 or 503", rec.Code)
	}
}
