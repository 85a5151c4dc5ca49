# ovgraph: `make run` serves the demo, `make test` runs every check. Both start their own
# PostgreSQL 15 cluster when no database is given.
SHELL := /bin/bash
GO ?= go
DATA := .data
PGPORT_RUN ?= 54329
export OVGRAPH_ADDR ?= 127.0.0.1:8080
# make run's development identity provider: the issuer and audience its tokens carry and the
# server checks (the environment may give others).
export OVGRAPH_JWT_ISSUER ?= ovgraph-dev
export OVGRAPH_JWT_AUDIENCE ?= ovgraph
# The folder of the API contracts (relative to this folder unless absolute): `make generate` reads
# the vendor contracts there, the conformance tests all contracts.
export OVGRAPH_CONTRACTS ?= ../shared/contracts
# make run's vendor sandbox (cmd/vendor-sandbox), started when OVGRAPH_ACCOUNTS_URL or
# OVGRAPH_APTIC_URL is unset; the vendor without a URL is pointed at it, with the sandbox's
# credentials (it accepts any). SANDBOX_FLAGS adds its flags (e.g. -aptic-fault=slow:3s).
SANDBOX_ADDR ?= 127.0.0.1:8091
SANDBOX_FLAGS ?=

PLAYGROUND_DIR := cmd/ovgraph/playground
PLAYGROUND_BUNDLE := $(PLAYGROUND_DIR)/dist/graphiql.js $(PLAYGROUND_DIR)/dist/graphiql.css
PLAYGROUND_INPUTS := $(PLAYGROUND_DIR)/package.json $(PLAYGROUND_DIR)/package-lock.json \
	$(PLAYGROUND_DIR)/build.mjs $(shell find $(PLAYGROUND_DIR)/src -type f)

SCHEMALINT_DIR := tools/schemalint
SCHEMALINT_STAMP := $(SCHEMALINT_DIR)/node_modules/.installed

GRAPHQLHTTP_DIR := tools/graphqlhttp
GRAPHQLHTTP_STAMP := $(GRAPHQLHTTP_DIR)/node_modules/.installed

.PHONY: run stop test bench bench-go generate lint schema-lint graphql-http playground deps clean

## run: serve the demo (local cluster under .data/ unless DATABASE_URL is set; the vendor sandbox
## for the vendor URLs not set) until `make stop` or Ctrl-C; the server's pid is kept in
## .data/ovgraph.pid, the sandbox's in .data/vendor-sandbox.pid, for `make stop`
run: playground
	@mkdir -p $(DATA)
	@pid=$$(cat $(DATA)/ovgraph.pid 2>/dev/null); \
	if [ -n "$$pid" ] && [ "$$(cat /proc/$$pid/comm 2>/dev/null)" = ovgraph ]; then \
	  echo "ovgraph runs already (pid $$pid): make stop ends it" >&2; exit 1; \
	fi
	@test -s $(DATA)/jwt-secret || head -c 32 /dev/urandom | base64 > $(DATA)/jwt-secret
	@$(GO) build -o $(DATA)/ovgraph ./cmd/ovgraph
	@$(GO) build -o $(DATA)/vendor-sandbox ./cmd/vendor-sandbox
	@if [ -z "$$DATABASE_URL" ]; then \
	  scripts/pg start $(DATA)/postgres $(PGPORT_RUN) && \
	  psql -h 127.0.0.1 -p $(PGPORT_RUN) -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='ovgraph'" | grep -q 1 || \
	    createdb -h 127.0.0.1 -p $(PGPORT_RUN) -U postgres ovgraph; \
	  export DATABASE_URL="postgres://postgres@127.0.0.1:$(PGPORT_RUN)/ovgraph?sslmode=disable" DEMO=--demo; \
	fi; \
	if [ -z "$$OVGRAPH_ACCOUNTS_URL" ] || [ -z "$$OVGRAPH_APTIC_URL" ]; then \
	  scripts/sandbox start $(DATA) $(SANDBOX_ADDR) $(SANDBOX_FLAGS) || exit 1; \
	  if [ -z "$$OVGRAPH_ACCOUNTS_URL" ]; then \
	    export OVGRAPH_ACCOUNTS_URL="http://$(SANDBOX_ADDR)/accounts/v4" OVGRAPH_ACCOUNTS_TOKEN=sandbox; \
	  fi; \
	  if [ -z "$$OVGRAPH_APTIC_URL" ]; then \
	    export OVGRAPH_APTIC_URL="http://$(SANDBOX_ADDR)/aptic/APIGW" OVGRAPH_APTIC_CLIENT_ID=sandbox \
	      OVGRAPH_APTIC_CLIENT_SECRET=sandbox; \
	  fi; \
	  echo "vendor sandbox: accounts $$OVGRAPH_ACCOUNTS_URL, aptic $$OVGRAPH_APTIC_URL, faults http://$(SANDBOX_ADDR)/_sandbox/faults"; \
	fi; \
	export OVGRAPH_JWT_SECRET="$${OVGRAPH_JWT_SECRET:-$$(cat $(DATA)/jwt-secret)}"; \
	export OVGRAPH_MODE="$${OVGRAPH_MODE:-development}"; \
	echo $$$$ > $(DATA)/ovgraph.pid; \
	exec $(DATA)/ovgraph serve $${DEMO:-$(DEMO)}

## stop: stop the server that `make run` started (it shuts down gracefully), then its vendor
## sandbox and its local cluster
stop:
	@pid=$$(cat $(DATA)/ovgraph.pid 2>/dev/null); \
	alive() { [ "$$(cat /proc/$$pid/comm 2>/dev/null)" = ovgraph ] && ! grep -q '^State:.*Z' /proc/$$pid/status 2>/dev/null; }; \
	if [ -n "$$pid" ] && alive; then \
	  kill $$pid; \
	  stopped=; for i in $$(seq 200); do if ! alive; then stopped=1; break; fi; sleep 0.1; done; \
	  [ -n "$$stopped" ] || { echo "ovgraph (pid $$pid) has not stopped after 20 s" >&2; exit 1; }; \
	fi; \
	rm -f $(DATA)/ovgraph.pid
	@scripts/sandbox stop $(DATA)
	@scripts/pg stop $(DATA)/postgres

## test: lint the schema, vet and test everything against a throw-away cluster (or TEST_DATABASE_URL)
test: deps playground schema-lint graphql-http
	@set -o pipefail; \
	if [ -n "$$TEST_DATABASE_URL" ]; then \
	  $(MAKE) --no-print-directory test-only; \
	else \
	  dir=$$(mktemp -d /tmp/ovgraph-test-pg.XXXXXX); chmod 755 $$dir; port=$$(scripts/pg port); \
	  trap 'scripts/pg stop $$dir/data; rm -rf $$dir' EXIT; \
	  scripts/pg start $$dir/data $$port fast && \
	  TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$$port/postgres?sslmode=disable" $(MAKE) --no-print-directory test-only; \
	fi

.PHONY: test-only
test-only:
	test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) mod tidy -diff
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

## bench: the side-by-side benchmark (bench/run.sh): ovgraph, PostGraphile v4 and a raw-SQL server
## on a throw-away cluster with a generated dataset; not part of `make test`
BENCH_CUSTOMERS ?= 10000
BENCH_DURATION ?= 10
BENCH_ROUNDS ?= 3
BENCH_POSTGRAPHILE_DIR := bench/postgraphile
BENCH_POSTGRAPHILE_STAMP := $(BENCH_POSTGRAPHILE_DIR)/node_modules/.installed

bench: deps $(BENCH_POSTGRAPHILE_STAMP)
	@BENCH_CUSTOMERS=$(BENCH_CUSTOMERS) BENCH_DURATION=$(BENCH_DURATION) BENCH_ROUNDS=$(BENCH_ROUNDS) GO=$(GO) bench/run.sh

$(BENCH_POSTGRAPHILE_STAMP): $(BENCH_POSTGRAPHILE_DIR)/package.json $(BENCH_POSTGRAPHILE_DIR)/package-lock.json
	@cd $(BENCH_POSTGRAPHILE_DIR) && npm ci --no-audit --no-fund --silent
	@touch $@

## bench-go: the Go benchmarks (go test -bench) on a throw-away cluster. BENCH_GO picks them (a
## -bench pattern) and BENCH_GO_COUNT runs them that many times, one run after the other, so that
## the halves of a side-by-side benchmark (BenchmarkW3's REST and GraphQL) alternate; benchstat
## reads the output
BENCH_GO ?= .
BENCH_GO_COUNT ?= 1

bench-go: playground
	@dir=$$(mktemp -d /tmp/ovgraph-bench-pg.XXXXXX); chmod 755 $$dir; port=$$(scripts/pg port); \
	trap 'scripts/pg stop $$dir/data; rm -rf $$dir' EXIT; \
	scripts/pg start $$dir/data $$port fast && \
	for i in $$(seq $(BENCH_GO_COUNT)); do \
	  TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$$port/postgres?sslmode=disable" \
	    $(GO) test -count=1 -run '^$$' -bench '$(BENCH_GO)' -benchmem ./... || exit 1; \
	done

## generate: regenerate gqlgen's code from schema.graphqls, sqlc's from the migrations and
## adapters/postgres/queries (sqlc.yaml), and from the vendor contracts in OVGRAPH_CONTRACTS
## (oapi-codegen, each after its vendor's overlay adapters/<vendor>/overlay.yaml) the vendor clients
## (adapters/<vendor>) and the vendor sandbox's server stubs (adapters/sandbox/*api). Without the
## contracts folder the vendor code is skipped with a message (the committed code stays), unless
## OVGRAPH_REQUIRE_CONTRACTS=1, as in CI, makes that an error
generate:
	$(GO) tool gqlgen generate
	$(GO) tool sqlc generate
	@$(MAKE) --no-print-directory generate-vendors

VENDOR_CONTRACTS := accounts:accounts-v4.yaml aptic:aptic-customers.yaml

.PHONY: generate-vendors
generate-vendors:
	@if [ ! -d "$(OVGRAPH_CONTRACTS)" ]; then \
	  msg="no contracts folder at $(OVGRAPH_CONTRACTS): set OVGRAPH_CONTRACTS to the folder of the API contracts to generate the vendor code"; \
	  if [ "$$OVGRAPH_REQUIRE_CONTRACTS" = 1 ]; then echo "make generate: $$msg" >&2; exit 1; fi; \
	  echo "make generate: skipping adapters/accounts, adapters/aptic and adapters/sandbox: $$msg" >&2; exit 0; \
	fi; \
	for pair in $(VENDOR_CONTRACTS); do \
	  vendor=$${pair%%:*}; contract=$${pair#*:}; \
	  $(GO) tool oapi-codegen -config adapters/$$vendor/oapi-codegen.yaml -o adapters/$$vendor/$$vendor.gen.go "$(OVGRAPH_CONTRACTS)/$$contract" || exit 1; \
	  $(GO) tool oapi-codegen -config adapters/sandbox/$${vendor}api/oapi-codegen.yaml "$(OVGRAPH_CONTRACTS)/$$contract" || exit 1; \
	done

## lint: gofmt, go.mod tidy (direct dependencies marked direct), go vet and the schema linter
lint: schema-lint
	test -z "$$(gofmt -l $$(git ls-files '*.go'))"
	$(GO) mod tidy -diff
	$(GO) vet ./...

## schema-lint: every type, field, argument, input field and enum value of schema.graphqls is
## documented and the connections follow Relay (graphql-schema-linter, rules in its package.json)
schema-lint: $(SCHEMALINT_STAMP)
	@cd $(SCHEMALINT_DIR) && out=$$(node_modules/.bin/graphql-schema-linter --format compact ../../schema.graphqls 2>&1) \
	  || { echo "$$out"; exit 1; }

$(SCHEMALINT_STAMP): $(SCHEMALINT_DIR)/package.json $(SCHEMALINT_DIR)/package-lock.json
	@cd $(SCHEMALINT_DIR) && npm ci --no-audit --no-fund --silent
	@touch $@

## graphql-http: install the GraphQL over HTTP audit suite (graphql-http, pinned in its lock file)
## that TestGraphQLOverHTTPAudit runs against the real server
graphql-http: $(GRAPHQLHTTP_STAMP)

$(GRAPHQLHTTP_STAMP): $(GRAPHQLHTTP_DIR)/package.json $(GRAPHQLHTTP_DIR)/package-lock.json
	@cd $(GRAPHQLHTTP_DIR) && npm ci --no-audit --no-fund --silent
	@touch $@

## playground: bundle GraphiQL from the npm registry (no CDN at run time)
playground: $(PLAYGROUND_BUNDLE)

$(PLAYGROUND_BUNDLE) &: $(PLAYGROUND_INPUTS)
	@cd $(PLAYGROUND_DIR) && npm ci --no-audit --no-fund --silent && node build.mjs

## deps: what the tests need from Debian: PostgreSQL 15 and Chromium for the playground test.
## Silent, and no root needed, when they are there; apt's output is shown only when it fails.
deps:
	@need=""; \
	[ -x /usr/lib/postgresql/15/bin/pg_ctl ] || need="$$need postgresql-15"; \
	[ -x /usr/bin/chromium ] || need="$$need chromium"; \
	if [ -n "$$need" ]; then \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "the tests need Debian packages that are missing:$$need; as root: apt-get install$$need" >&2; exit 1; \
	  fi; \
	  echo "installing from Debian:$$need"; \
	  out=$$( { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need; } 2>&1 ) || \
	    { echo "$$out" >&2; exit 1; }; \
	fi

clean: stop
	rm -rf $(DATA) $(PLAYGROUND_DIR)/node_modules $(SCHEMALINT_DIR)/node_modules $(GRAPHQLHTTP_DIR)/node_modules \
	  $(BENCH_POSTGRAPHILE_DIR)/node_modules
	find $(PLAYGROUND_DIR)/dist -type f ! -name .gitkeep -delete
