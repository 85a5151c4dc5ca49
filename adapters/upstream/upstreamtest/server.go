package upstreamtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// BasePath is where Server serves the contract's paths: clients take Server.URL + BasePath.
const BasePath = "/api"

// Server serves a contract. Each request under BasePath must match an operation and pass
// openapi3filter.ValidateRequest (security included: Authenticate decides); a request that does
// not fails the test and is answered 400. A valid one is answered with the operation's first 2xx
// response, its body built from the contract (Sample), and that answer is validated as well.
type Server struct {
	*httptest.Server
	t   testing.TB
	doc *openapi3.T
	// Authenticate checks a request against a security scheme of the contract; nil accepts any.
	Authenticate func(r *http.Request, scheme string) error
	router       routers.Router
	mux          *http.ServeMux

	mu   sync.Mutex
	seen map[string]int
}

// NewServer starts a server for doc (whose servers it replaces with its own URL). Extra routes
// outside BasePath (a token endpoint) can be added with Handle. It stops with the test.
func NewServer(t testing.TB, doc *openapi3.T) *Server {
	t.Helper()
	s := &Server{t: t, doc: doc, mux: http.NewServeMux(), seen: map[string]int{}}
	s.Server = httptest.NewServer(s.mux)
	t.Cleanup(s.Close)
	doc.Servers = openapi3.Servers{{URL: s.URL + BasePath}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("route the contract: %v", err)
	}
	s.router = router
	s.mux.HandleFunc(BasePath+"/", s.serveContract)
	return s
}

// Handle adds a route outside the contract.
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// Doc is the contract served.
func (s *Server) Doc() *openapi3.T { return s.doc }

// Seen is how often each operation (by operationId) was called with a valid request.
func (s *Server) Seen() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.seen))
	for k, v := range s.seen {
		out[k] = v
	}
	return out
}

// Operations lists the operationIds of the contract, sorted.
func Operations(doc *openapi3.T) []string {
	var ids []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ids = append(ids, op.OperationID)
		}
	}
	sort.Strings(ids)
	return ids
}

func (s *Server) serveContract(w http.ResponseWriter, r *http.Request) {
	route, pathParams, err := s.router.FindRoute(r)
	if err != nil {
		s.t.Errorf("%s %s: no operation of the contract: %v", r.Method, r.URL.Path, err)
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: pathParams,
		Route:      route,
		Options: &openapi3filter.Options{
			MultiError: true,
			AuthenticationFunc: func(_ context.Context, ai *openapi3filter.AuthenticationInput) error {
				if s.Authenticate == nil {
					return nil
				}
				return s.Authenticate(ai.RequestValidationInput.Request, ai.SecuritySchemeName)
			},
		},
	}
	if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
		s.t.Errorf("%s %s (%s): request does not follow the contract: %v\nbody: %s", r.Method, r.URL.Path, route.Operation.OperationID, err, body)
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.seen[route.Operation.OperationID]++
	s.mu.Unlock()

	status, contentType, answer := success(route.Operation)
	in.Request.Body = io.NopCloser(bytes.NewReader(body))
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 status,
		Header:                 http.Header{"Content-Type": {contentType}},
		Body:                   io.NopCloser(bytes.NewReader(answer)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(r.Context(), out); err != nil {
		s.t.Errorf("%s: the stub's answer does not follow the contract: %v", route.Operation.OperationID, err)
	}
	if contentType != "" {
		w.Header().Set("Content-Type", contentType)
	}
	w.WriteHeader(status)
	_, _ = w.Write(answer)
}

// success is the operation's first 2xx response: status, content type and a body built from the
// contract (none for a response without content).
func success(op *openapi3.Operation) (int, string, []byte) {
	codes := make([]int, 0)
	for code := range op.Responses.Map() {
		if n, err := strconv.Atoi(code); err == nil && n >= 200 && n < 300 {
			codes = append(codes, n)
		}
	}
	sort.Ints(codes)
	if len(codes) == 0 {
		return http.StatusNoContent, "", nil
	}
	resp := op.Responses.Status(codes[0]).Value
	for _, ct := range []string{"application/json", "application/problem+json"} {
		mt := resp.Content.Get(ct)
		if mt == nil {
			continue
		}
		value := mediaExample(mt)
		b, err := json.Marshal(value)
		if err != nil {
			panic(err)
		}
		return codes[0], ct, b
	}
	return codes[0], "", nil
}

func mediaExample(mt *openapi3.MediaType) any {
	if mt.Example != nil {
		return mt.Example
	}
	for _, name := range sortedKeys(mt.Examples) {
		if ex := mt.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			return ex.Value.Value
		}
	}
	return Sample(mt.Schema)
}

// Sample builds a value that follows the schema: its example where it has one, otherwise every
// property filled from its own example, first enum value or a value of its type and format.
func Sample(ref *openapi3.SchemaRef) any { return sample(ref, 0) }

func sample(ref *openapi3.SchemaRef, depth int) any {
	if ref == nil || ref.Value == nil {
		return map[string]any{}
	}
	s := ref.Value
	if s.Example != nil {
		return s.Example
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	if len(s.OneOf) > 0 {
		return sample(s.OneOf[0], depth)
	}
	if len(s.AnyOf) > 0 {
		return sample(s.AnyOf[0], depth)
	}
	if len(s.AllOf) > 0 {
		merged := map[string]any{}
		for _, part := range s.AllOf {
			if m, ok := sample(part, depth).(map[string]any); ok {
				for k, v := range m {
					merged[k] = v
				}
			}
		}
		return merged
	}
	switch {
	case s.Type.Is(openapi3.TypeArray):
		if depth > 6 {
			return []any{}
		}
		return []any{sample(s.Items, depth+1)}
	case s.Type.Is(openapi3.TypeString):
		switch s.Format {
		case "date-time":
			return "2024-05-01T12:00:00Z"
		case "date":
			return "2024-05-01"
		case "uuid":
			return "123e4567-e89b-12d3-a456-556642440000"
		}
		return "string"
	case s.Type.Is(openapi3.TypeInteger):
		return 1
	case s.Type.Is(openapi3.TypeNumber):
		return 1.5
	case s.Type.Is(openapi3.TypeBoolean):
		return true
	}
	obj := map[string]any{}
	if depth > 6 {
		return obj
	}
	for _, name := range sortedKeys(s.Properties) {
		obj[name] = sample(s.Properties[name], depth+1)
	}
	return obj
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// BearerToken is the token of an Authorization: Bearer header, or an error.
func BearerToken(r *http.Request) (string, error) {
	h := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || token == "" {
		return "", errors.New("no bearer token")
	}
	return token, nil
}
