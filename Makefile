# nianbao — see README.md. `make run` starts it locally; `make test` runs every test.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
GOBIN ?= $(CURDIR)/bin
export GOBIN
export PATH := $(GOBIN):$(PATH)

.PHONY: run test deps lint unit integration bench fuzz

run: ## validate the examples with the CLI
	go run ./cmd/nianbao validate testdata/seed-2020.json testdata/example-2021.json

test: deps lint unit integration ## everything CI runs

deps: ## Debian packages and pinned Go tools the tests need
	infra/deps.sh

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [[ -n $$out ]]; then echo "gofmt:"; echo "$$out"; exit 1; fi
	go vet ./...
	go vet -tags integration ./...

unit:
	go test -count=1 ./...

integration: ## against real S3 servers and tools, started by the tests
	CI=$${CI:-true} go test -count=1 -tags integration ./...

bench:
	go test -run '^$$' -bench . -benchmem ./...

FUZZTIME ?= 30s
fuzz:
	go test -run '^$$' -fuzz FuzzDecode -fuzztime $(FUZZTIME) ./shared/report
