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

PLAYGROUND_DIR := cmd/ovgraph/playground
PLAYGROUND_BUNDLE := $(PLAYGROUND_DIR)/dist/graphiql.js $(PLAYGROUND_DIR)/dist/graphiql.css
PLAYGROUND_INPUTS := $(PLAYGROUND_DIR)/package.json $(PLAYGROUND_DIR)/package-lock.json \
	$(PLAYGROUND_DIR)/build.mjs $(shell find $(PLAYGROUND_DIR)/src -type f)

SCHEMALINT_DIR := tools/schemalint
SCHEMALINT_STAMP := $(SCHEMALINT_DIR)/node_modules/.installed

.PHONY: run stop test bench generate lint schema-lint playground deps clean

## run: serve the demo (local cluster under .data/ unless DATABASE_URL is set)
run: playground
	@mkdir -p $(DATA)
	@test -s $(DATA)/jwt-secret || head -c 32 /dev/urandom | base64 > $(DATA)/jwt-secret
	@if [ -z "$$DATABASE_URL" ]; then \
	  scripts/pg start $(DATA)/postgres $(PGPORT_RUN) && \
	  psql -h 127.0.0.1 -p $(PGPORT_RUN) -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='ovgraph'" | grep -q 1 || \
	    createdb -h 127.0.0.1 -p $(PGPORT_RUN) -U postgres ovgraph; \
	  export DATABASE_URL="postgres://postgres@127.0.0.1:$(PGPORT_RUN)/ovgraph?sslmode=disable" DEMO=--demo; \
	fi; \
	export OVGRAPH_JWT_SECRET="$${OVGRAPH_JWT_SECRET:-$$(cat $(DATA)/jwt-secret)}"; \
	$(GO) run ./cmd/ovgraph serve $${DEMO:-$(DEMO)}

## stop: stop the local cluster that `make run` started
stop:
	scripts/pg stop $(DATA)/postgres

## test: lint the schema, vet and test everything against a throw-away cluster (or TEST_DATABASE_URL)
test: deps playground schema-lint
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
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

## bench: benchmarks on a throw-away cluster
bench: playground
	@dir=$$(mktemp -d /tmp/ovgraph-bench-pg.XXXXXX); chmod 755 $$dir; port=$$(scripts/pg port); \
	trap 'scripts/pg stop $$dir/data; rm -rf $$dir' EXIT; \
	scripts/pg start $$dir/data $$port fast && \
	TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$$port/postgres?sslmode=disable" \
	  $(GO) test -run '^$$' -bench . -benchmem ./...

## generate: regenerate gqlgen's code from schema.graphqls and sqlc's from the migrations and
## adapters/postgres/queries (sqlc.yaml)
generate:
	$(GO) tool gqlgen generate
	$(GO) tool sqlc generate

lint: schema-lint
	test -z "$$(gofmt -l $$(git ls-files '*.go'))"
	$(GO) vet ./...

## schema-lint: every type, field, argument, input field and enum value of schema.graphqls is
## documented and the connections follow Relay (graphql-schema-linter, rules in its package.json)
schema-lint: $(SCHEMALINT_STAMP)
	@cd $(SCHEMALINT_DIR) && out=$$(node_modules/.bin/graphql-schema-linter --format compact ../../schema.graphqls 2>&1) \
	  || { echo "$$out"; exit 1; }

$(SCHEMALINT_STAMP): $(SCHEMALINT_DIR)/package.json $(SCHEMALINT_DIR)/package-lock.json
	@cd $(SCHEMALINT_DIR) && npm ci --no-audit --no-fund --silent
	@touch $@

## playground: bundle GraphiQL from the npm registry (no CDN at run time)
playground: $(PLAYGROUND_BUNDLE)

$(PLAYGROUND_BUNDLE) &: $(PLAYGROUND_INPUTS)
	cd $(PLAYGROUND_DIR) && npm ci --no-audit --no-fund && node build.mjs

## deps: what the tests need from Debian: PostgreSQL 15 and Chromium for the playground test
deps:
	@need=""; \
	[ -x /usr/lib/postgresql/15/bin/pg_ctl ] || need="$$need postgresql-15"; \
	[ -x /usr/bin/chromium ] || need="$$need chromium"; \
	if [ -n "$$need" ]; then \
	  echo "installing:$$need"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need >/dev/null; \
	fi

clean:
	-scripts/pg stop $(DATA)/postgres
	rm -rf $(DATA) $(PLAYGROUND_DIR)/node_modules $(SCHEMALINT_DIR)/node_modules
	find $(PLAYGROUND_DIR)/dist -type f ! -name .gitkeep -delete
