# Evidence Workbench. `make run` opens the app on the demo project; `make test`
# runs every check. Both install the system packages they need first.
SHELL := /bin/bash
export LANG := en_US.UTF-8
GO ?= go
GOBIN := $(shell $(GO) env GOPATH)/bin
TAGS := migrated_fynedo
DEMO := build/demo.ewb

.PHONY: run test lint bench build wb workbench deps-gui deps-test clean release screenshots

run: deps-gui workbench wb
	@test -f $(DEMO) || bin/wb demo $(DEMO)
	bin/workbench $(DEMO)

test: deps-test
	@echo "== gofmt"; out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@echo "== go vet"; $(GO) vet -tags ci ./...
	@echo "== staticcheck"; $(GOBIN)/staticcheck -tags ci ./...
	@echo "== go test -race (everything but the app's screens)"; $(GO) test -race -tags ci -timeout 40m $$($(GO) list ./... | grep -v '/app$$')
	@# Fyne's test driver runs fyne.Do callbacks at once on the calling goroutine, so the
	@# screens' background updates race inside Fyne's own caches there (the real driver
	@# runs them one by one on the main goroutine); the screens' tests run without -race.
	@echo "== go test (the app's screens)"; $(GO) test -tags ci -timeout 20m ./app

bench: deps-test
	scripts/bench.sh

# screenshots: the desktop program tours the user guide's screens under Xvfb
# and refreshes docs/screenshots/ (and app/guide/guide.md from docs/guide.md).
screenshots:
	@scripts/deps.sh ci
	scripts/screenshots.sh

build: workbench wb

release:
	@scripts/deps.sh release
	scripts/release.sh

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
