#!/usr/bin/env bash
# Screenshots of the user guide: the real desktop program (GL driver) under
# Xvfb walks through the guide's scenes on a fresh demo project
# (workbench --tour), each picture is checked for being non-blank, shrunk
# and copied into docs/screenshots/. Also keeps app/guide/guide.md (the in-app
# copy of the guide) identical to docs/guide.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=en_US.UTF-8

cp docs/guide.md app/guide/guide.md

out=build/screenshots
rm -rf "$out"
mkdir -p "$out/config" "$out/cache" "$out/home" "$out/shots"
bin=${WORKBENCH_BIN:-bin/workbench}
if [ -z "${WORKBENCH_BIN:-}" ]; then
  echo "== building the desktop program (first cold build of the GL driver takes minutes)"
  go build -tags migrated_fynedo -o bin/workbench ./cmd/workbench
fi
CGO_ENABLED=0 go build -o bin/wb ./cmd/wb

export EWB_CONFIG_DIR=$PWD/$out/config
export EWB_CACHE_DIR=$PWD/$out/cache
export HOME=$PWD/$out/home
export XDG_CONFIG_HOME=$HOME/.config
bin/wb demo "$out/demo.ewb" >/dev/null
# The coder is the demo's reviewer, so the appraisal form shows the demo appraisal.
printf '{"GUID":"%s","Name":"Demo reviewer"}\n' "bd944e9c-a13e-5ffa-a514-dda447efc047" >"$out/config/identity.json"

display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
export DISPLAY=$display
for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done

echo "== touring the app"
if ! timeout 900 "$bin" --tour "$out/shots" "$out/demo.ewb" >"$out/app.log" 2>&1; then
  echo "FAIL: the tour did not finish"; cat "$out/app.log"; exit 1
fi
# Fyne's preferences watcher can read the file while it is being written (a
# harmless "Preferences load error: EOF"); any other error fails.
if grep -E "Error in Fyne call thread|Fyne error|panic:" "$out/app.log" | grep -v "Preferences load error"; then
  echo "FAIL: the program logged errors"; exit 1
fi

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
