package resolvers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"ovgraph/graph"
)

// The media types of GraphQL over HTTP.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// httpTransport serves /graphql as the GraphQL over HTTP specification says: POST with a JSON
// body, GET with URL parameters (queries only), and the answer in the media type the client
// accepts. A request it cannot read is the client's mistake: a 4xx with one BAD_USER_INPUT error
// and no data, logged at INFO with a fixed reason and never with the body, which may carry
// personal data. Parse, validation and variable errors are answered 200 under application/json
// and 400 under application/graphql-response+json, without data either way.
type httpTransport struct {
	log *slog.Logger
}

var _ graphql.Transport = httpTransport{}

// Supports takes every request but websocket upgrades and the OPTIONS and HEAD requests that
// transport.Options answers.
func (httpTransport) Supports(r *http.Request) bool {
	return r.Header.Get("Upgrade") == "" && r.Method != http.MethodOptions && r.Method != http.MethodHead
}

// requestError is a request refused before it reaches the executor.
type requestError struct {
	status int
	err    *graph.Error
	reason string // for the log: fixed text, never a part of the request
}

func refuse(status int, field, reason, message string) *requestError {
	return &requestError{status: status, err: graph.InputError(field, message), reason: reason}
}

func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	media := responseType(r.Header.Get("Accept"))
	start := graphql.Now()
	var params *graphql.RawParams
	var rerr *requestError
	switch r.Method {
	case http.MethodPost:
		params, rerr = readPost(r)
	case http.MethodGet:
		params, rerr = readGet(r)
	default:
		w.Header().Set("Allow", "GET, POST, OPTIONS")
		rerr = refuse(http.StatusMethodNotAllowed, "", "method not allowed",
			"/graphql takes POST with a JSON body, or GET for queries")
	}
	if rerr != nil {
		t.log.InfoContext(ctx, "graphql request refused", "reason", rerr.reason, "status", rerr.status,
			"correlation_id", graph.CorrelationID(ctx))
		write(w, media, rerr.status, requestErrors{Errors: gqlerror.List{rerr.err.GQLError()}})
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	opCtx, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), errs)
		write(w, media, requestErrorStatus(media), requestErrors{Errors: resp.Errors, Extensions: resp.Extensions})
		return
	}
	if r.Method == http.MethodGet && opCtx.Operation.Operation != ast.Query {
		w.Header().Set("Allow", "POST")
		t.log.InfoContext(ctx, "graphql request refused", "reason", "mutation over GET",
			"status", http.StatusMethodNotAllowed, "correlation_id", graph.CorrelationID(ctx))
		write(w, media, http.StatusMethodNotAllowed, requestErrors{Errors: gqlerror.List{
			graph.InputError("", "GET runs queries only: send a "+string(opCtx.Operation.Operation)+" with POST").GQLError()}})
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, opCtx)
	resp := responses(ctx)
	switch {
	case resp == nil: // the client went away
		return
	case len(resp.Data) == 0: // refused as a whole before execution: a request error too
		write(w, media, requestErrorStatus(media), requestErrors{Errors: resp.Errors, Extensions: resp.Extensions})
	default:
		writeResponse(w, media, resp)
	}
}

// writeResponse writes an executed operation's response. gqlgen's data is JSON already: a
// response of data alone is written around it as it is, instead of through json.Marshal, which
// would validate and compact the whole document once more (about 9% of the CPU and a copy of
// the answer per request for a page of 50 profiles). Anything else goes through write.
func writeResponse(w http.ResponseWriter, media string, resp *graphql.Response) {
	if len(resp.Errors) > 0 || len(resp.Extensions) > 0 || resp.Label != "" || resp.Path != nil || resp.HasNext != nil {
		write(w, media, http.StatusOK, resp)
		return
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, `{"data":`)
	_, _ = w.Write(resp.Data)
	_, _ = io.WriteString(w, "}")
}

// requestErrors is the answer to a request that did not execute: errors and no data.
type requestErrors struct {
	Errors     gqlerror.List  `json:"errors"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// requestErrorStatus is the status of a document that failed to parse or validate, or of
// variables that failed to coerce: a legacy application/json client reads the errors from a
// 200; under application/graphql-response+json the status tells.
func requestErrorStatus(media string) int {
	if media == mediaGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusOK
}

func write(w http.ResponseWriter, media string, status int, body any) {
	b, err := json.Marshal(body)
	if err != nil {
		// Data and errors are JSON already; should that ever fail, the client still gets a 500.
		http.Error(w, graph.InternalMessage, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// responseType is the media type to answer in: application/graphql-response+json when the
// client prefers it, else application/json (also for no Accept header or one naming neither).
func responseType(accept string) string {
	best, bestQ := mediaJSON, 0.0
	for part := range strings.SplitSeq(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(v, 64); err != nil {
				continue
			}
		}
		var media string
		switch mt {
		case mediaGraphQLResponse:
			media = mediaGraphQLResponse
		case mediaJSON, "application/*", "*/*":
			media = mediaJSON
		default:
			continue
		}
		if q > bestQ {
			best, bestQ = media, q
		}
	}
	return best
}

// readPost reads the parameters of a POST: a JSON object as the body, of Content-Type
// application/json in UTF-8.
func readPost(r *http.Request) (*graphql.RawParams, *requestError) {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil, refuse(http.StatusBadRequest, "Content-Type", "no content type",
			"send the request as Content-Type: application/json")
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != mediaJSON || (params["charset"] != "" && !strings.EqualFold(params["charset"], "utf-8")) {
		return nil, refuse(http.StatusUnsupportedMediaType, "Content-Type", "unsupported content type",
			"send the request as Content-Type: application/json (UTF-8)")
	}
	body, err := io.ReadAll(r.Body)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, refuse(http.StatusRequestEntityTooLarge, "body", "body too large",
			fmt.Sprintf("The request body is larger than the limit of %d bytes.", tooLarge.Limit))
	case err != nil:
		return nil, refuse(http.StatusBadRequest, "body", "body not read", "the request body could not be read")
	case len(bytes.TrimSpace(body)) == 0:
		return nil, refuse(http.StatusBadRequest, "body", "no body",
			`the request body is missing: send a JSON object {"query": ...}`)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var fields map[string]json.RawMessage
	if err := dec.Decode(&fields); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return nil, refuse(http.StatusBadRequest, "body", "body not an object",
				`the request body must be one JSON object {"query": ...}; batches of operations are not supported`)
		}
		return nil, refuse(http.StatusBadRequest, "body", "body not JSON", "the request body is not valid JSON: "+err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, refuse(http.StatusBadRequest, "body", "body not one JSON value",
			"the request body must hold one JSON object and nothing after it")
	}
	return readParams(func(name string) (json.RawMessage, bool) {
		v, ok := fields[name]
		return v, ok && string(v) != "null"
	})
}

// readGet reads the parameters of a GET from the URL: query and operationName as they are,
// variables and extensions as JSON objects.
func readGet(r *http.Request) (*graphql.RawParams, *requestError) {
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, refuse(http.StatusBadRequest, "query", "url not read", "the URL's query string is malformed")
	}
	return readParams(func(name string) (json.RawMessage, bool) {
		if !values.Has(name) {
			return nil, false
		}
		v := values.Get(name)
		if name == "query" || name == "operationName" {
			b, _ := json.Marshal(v)
			return b, true
		}
		return json.RawMessage(v), v != ""
	})
}

// readParams checks the request parameters of the specification: query a string (required),
// operationName a string, variables and extensions JSON objects; each of the last three may be
// absent or null. get gives a parameter's JSON and whether it is present and not null.
func readParams(get func(name string) (json.RawMessage, bool)) (*graphql.RawParams, *requestError) {
	p := &graphql.RawParams{}
	raw, ok := get("query")
	if !ok {
		return nil, refuse(http.StatusBadRequest, "query", "no query", "the request has no query: a GraphQL document is required")
	}
	if json.Unmarshal(raw, &p.Query) != nil {
		return nil, refuse(http.StatusBadRequest, "query", "query not a string", "query must be a string: the GraphQL document")
	}
	if raw, ok := get("operationName"); ok && json.Unmarshal(raw, &p.OperationName) != nil {
		return nil, refuse(http.StatusBadRequest, "operationName", "operationName not a string",
			"operationName must be a string or null")
	}
	for _, o := range []struct {
		name string
		dst  *map[string]any
	}{{"variables", &p.Variables}, {"extensions", &p.Extensions}} {
		raw, ok := get(o.name)
		if !ok {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		err := dec.Decode(o.dst)
		if err == nil {
			if _, end := dec.Token(); end != io.EOF {
				err = errors.New("more after the object")
			}
		}
		if err != nil || *o.dst == nil {
			return nil, refuse(http.StatusBadRequest, o.name, o.name+" not an object",
				o.name+" must be a JSON object or null")
		}
	}
	return p, nil
}
