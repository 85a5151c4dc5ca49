package playground

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// Names of the bundle files build.mjs writes.
const (
	scriptName     = "graphiql.js"
	stylesheetName = "graphiql.css"
)

// contentTypes maps bundle file extensions to their media types. Files with
// other extensions are not served.
var contentTypes = map[string]string{
	".js":  "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
}

// asset is one bundle file held in memory with its content hash.
type asset struct {
	body        []byte
	contentType string
	version     string // hex prefix of the SHA-256 of body
}

// assets is the set of bundle files found in the embedded tree.
type assets struct {
	files map[string]asset
}

// loadAssets reads the servable files at the root of files. Dot files (such
// as .gitkeep) and unknown extensions are skipped.
func loadAssets(files fs.FS) *assets {
	a := &assets{files: map[string]asset{}}
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return a
	}
	for _, e := range entries {
		name := e.Name()
		ctype, ok := contentTypes[path.Ext(name)]
		if !e.Type().IsRegular() || strings.HasPrefix(name, ".") || !ok {
			continue
		}
		body, err := fs.ReadFile(files, name)
		if err != nil {
			continue
		}
		sum := sha256.Sum256(body)
		a.files[name] = asset{body: body, contentType: ctype, version: hex.EncodeToString(sum[:8])}
	}
	return a
}

// built reports whether both bundle files are present.
func (a *assets) built() bool {
	_, js := a.files[scriptName]
	_, css := a.files[stylesheetName]
	return js && css
}

// url returns the path of the named asset with its content version as a
// query parameter, so a new build is never hidden by a cached old one.
func (a *assets) url(name string) string {
	return AssetPrefix + name + "?v=" + a.files[name].version
}

// serve writes the named asset. Requests carrying the current version may be
// cached for good; any other request must revalidate through the ETag.
func (a *assets) serve(w http.ResponseWriter, r *http.Request, name string) {
	f, ok := a.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", `"`+f.version+`"`)
	if r.URL.Query().Get("v") == f.version {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.body))
}
