#!/usr/bin/env bash
# GUI smoke test: the real desktop program under Xvfb on the demo project.
# Fails when the program dies, logs a Fyne error or thread error, or the
# screenshot is blank. Leaves the screenshot in build/smoke/.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=en_US.UTF-8
out=build/smoke
rm -rf "$out"
mkdir -p "$out/config"
bin=${WORKBENCH_BIN:-bin/workbench}
if [ -z "${WORKBENCH_BIN:-}" ]; then
  echo "== building the desktop program (first cold build of the GL driver takes minutes)"
  go build -tags migrated_fynedo -o bin/workbench ./cmd/workbench
fi
CGO_ENABLED=0 go build -o bin/wb ./cmd/wb
export EWB_CONFIG_DIR=$PWD/$out/config
bin/wb demo "$out/demo.ewb" >/dev/null
printf '{"GUID":"%s","Name":"Smoke Test"}\n' "0b7c3a52-6d2e-4f1a-9d55-1c2e3f4a5b6c" > "$out/config/identity.json"

# Xvfb picks a free display itself and writes its number to fd 3, so a
# display left over by another run (or a busy machine) cannot collide.
: >"$out/display"
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$out/display" >"$out/xvfb.log" 2>&1 &
xvfb=$!
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 300); do [ -s "$out/display" ] && break; sleep 0.1; done
[ -s "$out/display" ] || { echo "FAIL: the X server (Xvfb) did not start within 30 s"; cat "$out/xvfb.log"; exit 1; }
export DISPLAY=:$(tr -d '[:space:]' <"$out/display")
ready=""
for _ in $(seq 1 300); do xdpyinfo >/dev/null 2>&1 && { ready=1; break; }; sleep 0.1; done
[ -n "$ready" ] || { echo "FAIL: the X server on $DISPLAY does not answer"; cat "$out/xvfb.log"; exit 1; }

HOME=$PWD/$out/home "$bin" "$out/demo.ewb" >"$out/app.log" 2>&1 &
app=$!
found=""
for _ in $(seq 1 150); do
  if ! kill -0 "$app" 2>/dev/null; then
    echo "FAIL: the program exited early"; cat "$out/app.log"; exit 1
  fi
  if xdotool search --name "Evidence Workbench" >/dev/null 2>&1; then found=1; break; fi
  sleep 0.2
done
[ -n "$found" ] || { echo "FAIL: no window appeared"; cat "$out/app.log"; exit 1; }
sleep 4 # let the project open and the study list fill
wid=$(xdotool search --name "Evidence Workbench" | head -n1)
xdotool windowsize "$wid" 1400 900 || true
sleep 1
# Click the first study so the reader shows text.
xdotool mousemove --window "$wid" 150 215 click 1 || true
sleep 2
import -window root "$out/main.png"
if ! kill -0 "$app" 2>/dev/null; then
  echo "FAIL: the program died"; cat "$out/app.log"; exit 1
fi
# Fyne's preferences watcher may read its file mid-write and log a harmless
# "Preferences load error: EOF"; any other error fails.
if grep -E "Error in Fyne call thread|Fyne error|panic:" "$out/app.log" | grep -v "Preferences load error"; then
  echo "FAIL: the program logged errors"; exit 1
fi
colours=$(convert "$out/main.png" -format "%k" info:)
if [ "$colours" -lt 50 ]; then
  echo "FAIL: the screenshot is blank ($colours colours)"; exit 1
fi
grep -q "Demo" <(xdotool getwindowname "$wid") || { echo "FAIL: the window title does not name the demo project"; exit 1; }
echo "GUI smoke test passed: window '$(xdotool getwindowname "$wid")', $colours colours in $out/main.png"
