# Evidence Workbench. `make run` opens the app on the demo project; `make test`
# runs every check; `make check` is the quick loop (a few minutes). They
# install the system packages they need first.
SHELL := /bin/bash
export LANG := en_US.UTF-8
GO ?= go
GOBIN := $(shell $(GO) env GOPATH)/bin
TAGS := migrated_fynedo
DEMO := build/demo.ewb

.PHONY: run test check e2e lint bench build wb workbench deps-gui deps-test clean release screenshots

run: deps-gui workbench wb
	@test -f $(DEMO) || bin/wb demo $(DEMO)
	bin/workbench $(DEMO)

test: deps-test lint
	@echo "== go test -race (every package, the screens included)"; $(GO) test -race -tags ci -timeout 60m ./...

# check: the edit loop's quick run: formatting, vet and the short tests
# (-short skips LibreOffice, the module-cache PDF sweep and the long corpora).
check: deps-test
	@echo "== gofmt"; out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@echo "== go vet"; $(GO) vet -tags ci ./...
	@echo "== go test -short"; $(GO) test -short -tags ci -timeout 20m ./...

# e2e: the real program under Xvfb and openbox, driven with real keys and
# clicks (xdotool) through the guide's walk-through and every shortcut of its
# keyboard table; checked through wb on the project file and on screenshots.
# Logs and pictures stay in build/e2e/.
e2e:
	@scripts/deps.sh ci
	$(MAKE) workbench wb
	EWB_WORKBENCH=bin/workbench EWB_WB=bin/wb EWB_E2E_DIR=$(CURDIR)/build/e2e $(GO) test -tags e2e -count=1 -timeout 20m -run E2E -v ./cmd/workbench/e2e/

lint: deps-test
	@echo "== gofmt"; out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@echo "== go mod tidy"; $(GO) mod tidy -diff || { echo "go.mod/go.sum are not tidy: run go mod tidy"; exit 1; }
	@echo "== go vet"; $(GO) vet -tags ci ./...
	@echo "== staticcheck"; $(GOBIN)/staticcheck -tags ci ./...

bench: deps-test
	scripts/bench.sh

# screenshots: the real desktop program, driven like make e2e, shows the
# user guide's scenes; refreshes docs/screenshots/ (and app/guide/guide.md).
screenshots:
	@scripts/deps.sh ci
	$(MAKE) workbench wb
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
