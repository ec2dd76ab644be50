#!/usr/bin/env bash
# Smoke test of the Linux release package: unpack dist/*-linux-amd64.tar.xz,
# install it into a temporary prefix with its own Makefile, and run the
# installed program under Xvfb on the demo project (scripts/smoke.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=$(ls dist/*-linux-amd64.tar.xz | head -n1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -C "$tmp" -xJf "$pkg"
dir=$(ls -d "$tmp"/*/ | head -n1)
make -s -C "$dir" install DESTDIR="$tmp/root" PREFIX=/usr
for f in usr/bin/workbench usr/bin/wb "usr/share/applications/Evidence Workbench.desktop" "usr/share/pixmaps/Evidence Workbench.png"; do
  [ -e "$tmp/root/$f" ] || { echo "FAIL: the package did not install $f"; exit 1; }
done
"$tmp/root/usr/bin/wb" --help >/dev/null
echo "package installs: $(cd "$tmp/root" && find . -type f | sort | tr '\n' ' ')"
WORKBENCH_BIN="$tmp/root/usr/bin/workbench" scripts/smoke.sh
ls -l dist
