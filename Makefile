# nianbao — see README.md. `make run` starts it locally; `make test` runs every test.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
GOBIN ?= $(CURDIR)/bin
export GOBIN
# The toolchain go.mod names (fetched from the module proxy when the machine's
# Go is older): it carries the standard library's security fixes.
export GOTOOLCHAIN := auto
export PATH := $(GOBIN):$(PATH)

.PHONY: run test deps lint unit integration bench fuzz docs-images

# Lambda builds (sam build's makefile method), make build, make invoke.
include infra/lambda.mk

ADDR ?= 127.0.0.1:8080
DATA ?= nianbao-data

# Open (--dev) so that a developer can file reports at once; set
# AUTH="--jwt-key FILE" to check tokens as the HTTP API's authorizer does.
AUTH ?= --dev

run: ## build and start the whole stack locally on the filesystem store
	go build -o $(GOBIN)/nianbao ./cmd/nianbao
	$(GOBIN)/nianbao serve --addr $(ADDR) --data $(DATA) $(AUTH)

test: deps lint unit integration ## everything CI runs

deps: ## Debian packages and pinned Go tools the tests need
	infra/deps.sh

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [[ -n $$out ]]; then echo "gofmt:"; echo "$$out"; exit 1; fi
	go vet ./...
	go vet -tags integration ./...
	infra/vuln.sh

unit:
	go test -count=1 ./...

integration: ## against real S3 servers and tools, started by the tests
	CI=$${CI:-true} go test -count=1 -tags integration ./...

bench: deps ## every benchmark; writes docs/benchmarks-run.md
	infra/bench.sh

FUZZTIME ?= 30s
export FUZZTIME
fuzz: ## every fuzz target of the module, FUZZTIME each
	infra/fuzz.sh

docs-images: ## the README's pictures of the seed report's PDF
	go build -o $(GOBIN)/nianbao ./cmd/nianbao
	$(GOBIN)/nianbao render testdata/seed-2020.json -o $(CURDIR)/docs/seed-2020.pdf
	pdftoppm -r 60 -png -f 1 -l 1 -singlefile docs/seed-2020.pdf docs/images/seed-page1
	pdftoppm -r 60 -png -f 3 -l 3 -singlefile docs/seed-2020.pdf docs/images/seed-table3
	rm docs/seed-2020.pdf
