package playground

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// pageTemplate is the playground page. The configuration travels in data
// attributes of the mount element, which html/template escapes; the page
// runs no inline script and references only paths on this server.
var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{{.Stylesheet}}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql"
  data-endpoint="{{.Endpoint}}"
  data-default-query="{{.DefaultQuery}}"
  data-default-headers="{{.DefaultHeaders}}">Loading…</div>
<script src="{{.Script}}"></script>
</body>
</html>
`))

// unbuiltMessage is the answer for the page when the bundle is missing.
const unbuiltMessage = "The GraphiQL playground has not been built into this binary; run `make playground` and rebuild.\n"

// page is the rendered playground page, or nil body when unbuilt.
type page struct {
	body []byte
	csp  string
}

func newPage(cfg Config, a *assets) *page {
	if !a.built() {
		return &page{}
	}
	var buf bytes.Buffer
	err := pageTemplate.Execute(&buf, struct {
		Config
		Script, Stylesheet string
	}{cfg, a.url(scriptName), a.url(stylesheetName)})
	if err != nil {
		// The template and its data are fixed; a failure is a coding error.
		panic("playground: rendering page: " + err.Error())
	}
	return &page{body: buf.Bytes(), csp: contentSecurityPolicy(cfg.Endpoint)}
}

// contentSecurityPolicy allows the page to load only from this server and to
// talk only to it and, when the endpoint is an absolute URL, that origin.
// Inline styles stay allowed because GraphiQL's components insert some.
func contentSecurityPolicy(endpoint string) string {
	connect := []string{"'self'"}
	if u, err := url.Parse(endpoint); err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
		connect = append(connect, u.Scheme+"://"+u.Host)
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data:",
		"font-src 'self' data:",
		"connect-src " + strings.Join(connect, " "),
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'none'",
	}, "; ")
}

func (p *page) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	if p.body == nil {
		h.Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(unbuiltMessage))
		return
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", p.csp)
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Length", strconv.Itoa(len(p.body)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(p.body)
}
