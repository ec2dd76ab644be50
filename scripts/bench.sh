#!/usr/bin/env bash
# Runs every benchmark and prints the figures (recorded in docs/benchmarks.md).
# BENCH=regexp narrows the set; PKGS=./some/pkg/... narrows the packages.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=en_US.UTF-8
mkdir -p build
pkgs=${PKGS:-./...}
go test -tags ci -run '^$' -bench "${BENCH:-.}" -benchmem -timeout 90m $pkgs 2>&1 | tee build/bench.txt
echo
echo "Figures written to build/bench.txt; see docs/benchmarks.md for the recorded ones and their targets."
