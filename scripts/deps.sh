#!/usr/bin/env bash
# Installs what building, running and testing Evidence Workbench needs on a
# Debian/Ubuntu machine, and only what is missing. Usage: scripts/deps.sh [gui|test|ci]
set -euo pipefail
what=${1:-test}
export LANG=${LANG:-en_US.UTF-8}

pkgs=(gcc pkg-config fonts-dejavu-core libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev)
case "$what" in
  ci)   pkgs+=(xvfb openbox imagemagick xdotool xclip tesseract-ocr libxml2-utils poppler-utils libharfbuzz-bin python3 x11-utils gcc-mingw-w64-x86-64 zip xz-utils) ;;
  release) pkgs+=(gcc-mingw-w64-x86-64 zip xz-utils) ;;
  test) pkgs+=(libxml2-utils poppler-utils libharfbuzz-bin python3) ;;
  gui)  ;;
esac

if ! command -v go >/dev/null 2>&1; then
  echo "Go 1.26 or newer is needed: install it from the Go website or your package manager, then run this again." >&2
  exit 1
fi
gov=$(go env GOVERSION | sed 's/^go//')
if [ "$(printf '%s\n1.26\n' "$gov" | sort -V | head -n1)" != "1.26" ]; then
  echo "Go $gov is too old: Evidence Workbench needs Go 1.26 or newer." >&2
  exit 1
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "This is not a Debian/Ubuntu system: install a C compiler and the OpenGL and X11 development headers" >&2
  echo "(see https://docs.fyne.io/started/ for your system), then run make again." >&2
fi

if [ "$what" != gui ]; then
  bin=$(go env GOPATH)/bin
  if ! [ -x "$bin/staticcheck" ]; then
    echo "Installing staticcheck"
    go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
  fi
fi
