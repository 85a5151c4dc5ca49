// Package playground serves an offline GraphiQL page for exploring the
// ovgraph API from a browser.
//
// The front end lives next to this file (package.json, src/, build.mjs) and is
// bundled by `make playground` into dist/, which is embedded into the binary.
// The page and every asset it loads come from this handler; it needs no CDN
// and no network access beyond the GraphQL endpoint itself.
package playground

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
)

// dist holds the bundled front end. The all: prefix keeps dist/.gitkeep in
// the embedded tree so the package compiles before the first build.
//
//go:embed all:dist
var dist embed.FS

// AssetPrefix is the URL path under which the bundled assets are served.
const AssetPrefix = "/playground/"

// Config describes the page the handler renders.
type Config struct {
	// Endpoint is the URL the page posts GraphQL requests to; "/graphql"
	// when empty.
	Endpoint string
	// DefaultQuery fills the query editor on a first visit.
	DefaultQuery string
	// DefaultHeaders is JSON text that fills the headers editor on a first
	// visit, such as {"Authorization": "Bearer <token>"}.
	DefaultHeaders string
	// Title is the page title; "ovgraph playground" when empty.
	Title string
}

// Handler serves the playground page at "/" and its assets under
// AssetPrefix. Other paths answer 404. When the front end has not been
// bundled, the page answers 503 with a hint to run `make playground`.
func Handler(cfg Config) http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// Only reachable if the embed directive and the name above disagree.
		panic("playground: " + err.Error())
	}
	return newHandler(cfg, sub)
}

type handler struct {
	page   *page
	assets *assets
}

// newHandler builds the handler over a tree holding the bundle files at its
// root, so tests can substitute their own.
func newHandler(cfg Config, files fs.FS) *handler {
	if cfg.Endpoint == "" {
		cfg.Endpoint = "/graphql"
	}
	if cfg.Title == "" {
		cfg.Title = "ovgraph playground"
	}
	a := loadAssets(files)
	return &handler{page: newPage(cfg, a), assets: a}
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch {
	case r.URL.Path == "/":
		h.page.serve(w, r)
	case strings.HasPrefix(r.URL.Path, AssetPrefix):
		h.assets.serve(w, r, strings.TrimPrefix(r.URL.Path, AssetPrefix))
	default:
		http.NotFound(w, r)
	}
}
