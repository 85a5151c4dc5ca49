package resolvers

import (
	"context"
	"fmt"
	"math"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"

	"ovgraph/graph"
)

// limits bounds what one document may cost, as Options say. gqlparser's validation costs grow
// with the square of the fields a selection set repeats, so tokens, depth and aliases are
// checked on the raw text before gqlgen parses and validates it: the lexer stops at the token
// cap, whatever the size of the body. Complexity, which needs the variables, is checked after
// validation and before anything runs; the answer carries at most MaxErrors errors.
//
// A refusal is a validation failure (BAD_USER_INPUT): the client's document is at fault, so it is
// neither INTERNAL nor logged as an error.
type limits struct {
	opts Options
	es   graphql.ExecutableSchema
	// accepted remembers documents that passed, so a repeated one is not lexed and parsed again
	// (gqlgen's own query cache only starts after this check).
	accepted graphql.Cache[struct{}]
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
	graphql.ResponseInterceptor
} = (*limits)(nil)

func newLimits(o Options) *limits {
	return &limits{opts: o, accepted: lru.New[struct{}](1000)}
}

func (*limits) ExtensionName() string { return "Limits" }

func (l *limits) Validate(es graphql.ExecutableSchema) error {
	l.es = es
	return nil
}

// refusal is the error of a document over a limit.
func refusal(format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	errcode.Set(err, errcode.ValidationFailed)
	return err
}

// MutateOperationParameters checks tokens, depth and aliases before gqlgen parses the document.
func (l *limits) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if p.Query == "" {
		return nil
	}
	if _, ok := l.accepted.Get(ctx, p.Query); ok {
		return nil
	}
	if l.opts.MaxTokens > 0 && !withinTokens(p.Query, l.opts.MaxTokens) {
		return refusal("the document has more than %d tokens", l.opts.MaxTokens)
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: p.Query})
	if err != nil {
		return nil // gqlgen reports the syntax error as usual
	}
	depth, aliases := measure(doc)
	if l.opts.MaxDepth > 0 && depth > l.opts.MaxDepth {
		return refusal("the document nests fields %d deep, deeper than %d", depth, l.opts.MaxDepth)
	}
	if l.opts.MaxAliases > 0 && aliases > l.opts.MaxAliases {
		return refusal("the document has more than %d aliases", l.opts.MaxAliases)
	}
	l.accepted.Add(ctx, p.Query, struct{}{})
	return nil
}

// withinTokens reports whether query has at most limit tokens, reading no further than that. A
// lexical error counts as within: the parser reports it.
func withinTokens(query string, limit int) bool {
	lex := lexer.New(&ast.Source{Input: query})
	for n := 0; ; n++ {
		tok, err := lex.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			return true
		}
		if n == limit {
			return false
		}
	}
}

// MutateOperationContext checks the complexity of the operation to run, now that its variables
// are known: a page of customers costs its size times what is selected on each.
func (l *limits) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if l.opts.MaxComplexity <= 0 || op.Operation == nil {
		return nil
	}
	if c := complexity.Calculate(ctx, l.es, op.Operation, op.Variables); c > l.opts.MaxComplexity {
		return refusal("the operation has complexity %d, more than %d", c, l.opts.MaxComplexity)
	}
	return nil
}

// InterceptResponse keeps the first MaxErrors errors and says how many more there were.
func (l *limits) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	limit := l.opts.MaxErrors
	if resp == nil || limit <= 0 || len(resp.Errors) <= limit {
		return resp
	}
	dropped := len(resp.Errors) - limit
	// The note carries the code of the first error it stands for, so it adds no new kind of failure
	// to the answer.
	code := resp.Errors[limit].Extensions["code"]
	if code == nil {
		code = string(graph.CodeBadUserInput)
	}
	note := &gqlerror.Error{
		Message:    fmt.Sprintf("%d more errors left out: at most %d are returned", dropped, limit),
		Extensions: map[string]any{"code": code},
	}
	resp.Errors = append(resp.Errors[:limit:limit], note)
	return resp
}

// customersComplexity costs a page of customers: first multiplies what is selected on each.
func customersComplexity(child int, _ *graph.CustomerFilter, first *int, _ *string) int {
	n := defaultPageSize
	if first != nil {
		n = *first
	}
	n = max(n, 0)
	return add(1, mul(n, child))
}

// measure returns the deepest nesting of fields of any operation in doc and the most aliases one
// operation selects, following fragment spreads (each fragment is measured once).
func measure(doc *ast.QueryDocument) (depth, aliases int) {
	m := measurer{doc: doc, fragments: map[string]*fragmentSize{}}
	for _, op := range doc.Operations {
		d, a := m.selectionSet(op.SelectionSet)
		depth, aliases = max(depth, d), max(aliases, a)
	}
	return depth, aliases
}

type fragmentSize struct{ depth, aliases int }

type measurer struct {
	doc       *ast.QueryDocument
	fragments map[string]*fragmentSize
}

func (m *measurer) selectionSet(set ast.SelectionSet) (depth, aliases int) {
	for _, sel := range set {
		var d, a int
		switch s := sel.(type) {
		case *ast.Field:
			d, a = m.selectionSet(s.SelectionSet)
			d++
			if s.Alias != "" && s.Alias != s.Name {
				a = add(a, 1)
			}
		case *ast.InlineFragment:
			d, a = m.selectionSet(s.SelectionSet)
		case *ast.FragmentSpread:
			d, a = m.fragment(s.Name)
		}
		depth, aliases = max(depth, d), add(aliases, a)
	}
	return depth, aliases
}

func (m *measurer) fragment(name string) (depth, aliases int) {
	if f, ok := m.fragments[name]; ok {
		// A fragment still being measured spreads itself: validation refuses the cycle.
		return f.depth, f.aliases
	}
	f := &fragmentSize{}
	m.fragments[name] = f
	if def := m.doc.Fragments.ForName(name); def != nil {
		f.depth, f.aliases = m.selectionSet(def.SelectionSet)
	}
	return f.depth, f.aliases
}

// add and mul saturate instead of overflowing: fragments spread in fragments multiply.
func add(a, b int) int {
	if a > math.MaxInt32-b {
		return math.MaxInt32
	}
	return a + b
}

func mul(a, b int) int {
	if a != 0 && b > math.MaxInt32/a {
		return math.MaxInt32
	}
	return a * b
}
