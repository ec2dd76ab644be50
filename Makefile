# Evidence Workbench. `make run` opens the app on the demo project; `make test`
# runs every check. Both install the system packages they need first.
SHELL := /bin/bash
export LANG := en_US.UTF-8
export LC_ALL := C.UTF-8
GO ?= go
GOBIN := $(shell $(GO) env GOPATH)/bin
TAGS := migrated_fynedo
DEMO := build/demo.ewb

.PHONY: run test lint bench build wb workbench deps-gui deps-test clean

run: deps-gui workbench wb
	@test -f $(DEMO) || bin/wb demo $(DEMO)
	bin/workbench $(DEMO)

test: deps-test
	@echo "== gofmt"; out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@echo "== go vet"; $(GO) vet -tags ci ./...
	@echo "== staticcheck"; $(GOBIN)/staticcheck -tags ci ./...
	@echo "== go test -race"; $(GO) test -race -tags ci -timeout 30m ./...

bench: deps-test
	scripts/bench.sh

build: workbench wb

workbench:
	$(GO) build -tags $(TAGS) -o bin/workbench ./cmd/workbench

wb:
	CGO_ENABLED=0 $(GO) build -o bin/wb ./cmd/wb

deps-gui:
	@scripts/deps.sh gui

deps-test:
	@scripts/deps.sh test

clean:
	rm -rf bin build dist
