#!/usr/bin/env bash
# Screenshots of the user guide: the real desktop program (GL driver) under
# Xvfb and openbox, driven with xdotool like the end-to-end test
# (cmd/workbench/e2e, TestScreenshots), shows the guide's scenes on a fresh
# demo project; each picture is checked for being non-blank, shrunk and
# copied into docs/screenshots/. Also keeps app/guide/guide.md (the in-app
# copy of the guide) identical to docs/guide.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=en_US.UTF-8

go generate ./app/guide

out=build/screenshots
rm -rf "$out"
mkdir -p "$out/shots"
[ -x bin/workbench ] || go build -tags migrated_fynedo -o bin/workbench ./cmd/workbench
[ -x bin/wb ] || CGO_ENABLED=0 go build -o bin/wb ./cmd/wb

echo "== driving the program through the guide's scenes"
EWB_WORKBENCH=bin/workbench EWB_WB=bin/wb EWB_E2E_DIR="$PWD/$out" EWB_SHOTS="$PWD/$out/shots" \
  go test -tags e2e -count=1 -timeout 20m -run Screenshots -v ./cmd/workbench/e2e/

scenes=(main import quickpick attributes appraisal search merge agreement reconcile map brief)
mkdir -p docs/screenshots
for s in "${scenes[@]}"; do
  f="$out/shots/$s.png"
  [ -s "$f" ] || { echo "FAIL: no screenshot $f"; exit 1; }
  colours=$(convert "$f" -format "%k" info:)
  if [ "$colours" -le 50 ]; then
    echo "FAIL: $f is blank ($colours colours)"; exit 1
  fi
  if command -v pngquant >/dev/null; then
    pngquant --force --skip-if-larger --strip --quality 70-95 --output "docs/screenshots/$s.png" "$f" ||
      convert "$f" -strip "docs/screenshots/$s.png"
  else
    convert "$f" -strip "docs/screenshots/$s.png"
  fi
  echo "$s.png: $(identify -format '%wx%h' "$f"), $colours colours"
done
du -ch docs/screenshots/*.png | tail -n1
