#!/usr/bin/env bash
# Builds the release artifacts into dist/: a Linux tar.xz packaged the Fyne
# way (binary, icon, .desktop entry, Makefile for a user or system install)
# with the wb tool added, and a Windows zip (workbench.exe with its icon and
# version resource, cross-compiled with mingw-w64, plus wb.exe). Version and
# build number come from FyneApp.toml and git.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=en_US.UTF-8
GO=${GO:-go}
FYNE=$($GO env GOPATH)/bin/fyne
[ -x "$FYNE" ] || $GO install fyne.io/tools/cmd/fyne@v1.7.4

version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
build=$(git rev-list --count HEAD 2>/dev/null || sed -n 's/^ *Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
describe=$(git describe --tags --always --dirty 2>/dev/null || echo "v$version")
ldflags="-s -w -X main.version=$version -X main.build=$build -X main.describe=$describe"
name="evidence-workbench-$version"
rm -rf dist && mkdir -p dist/tmp
echo "== release $version build $build ($describe)"

echo "== Linux amd64"
$GO build -tags migrated_fynedo -trimpath -ldflags "$ldflags" -o dist/tmp/workbench ./cmd/workbench
CGO_ENABLED=0 $GO build -trimpath -ldflags "$ldflags" -o dist/tmp/wb ./cmd/wb
"$FYNE" package --target linux --src ./cmd/workbench --executable "$PWD/dist/tmp/workbench" \
  --name "Evidence Workbench" --icon ../../assets/icon.png --app-version "$version" --app-build "$build" --release
mkdir -p dist/tmp/linux
tar xJf "Evidence Workbench.tar.xz" -C dist/tmp/linux
rm -f "Evidence Workbench.tar.xz"
pkg=dist/tmp/linux/workbench
install -m 0755 dist/tmp/wb "$pkg/usr/local/bin/wb"
cat >> "$pkg/Makefile" <<'MK'

# The wb command-line tool goes beside the desktop program.
install: install-wb
uninstall: uninstall-wb
user-install: user-install-wb
user-uninstall: user-uninstall-wb
install-wb:
	install -Dm00755 usr/local/bin/wb $(DESTDIR)$(PREFIX)/bin/wb
uninstall-wb:
	-rm $(DESTDIR)$(PREFIX)/bin/wb
user-install-wb:
	install -Dm00755 usr/local/bin/wb $(DESTDIR)$(HOME)/.local/bin/wb
user-uninstall-wb:
	-rm $(DESTDIR)$(HOME)/.local/bin/wb
MK
mv "$pkg" "dist/tmp/linux/$name"
tar -C dist/tmp/linux -cJf "dist/$name-linux-amd64.tar.xz" "$name"

echo "== Windows amd64 (mingw-w64)"
if command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
  rm -f cmd/workbench/workbench.exe
  CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOFLAGS="-trimpath" \
    "$FYNE" package --target windows --src ./cmd/workbench --name workbench --icon ../../assets/icon.png \
    --app-version "$version" --app-build "$build" --app-id org.evidenceworkbench.workbench --release --tags migrated_fynedo
  mkdir -p "dist/tmp/windows/$name"
  mv cmd/workbench/workbench.exe "dist/tmp/windows/$name/workbench.exe"
  GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $GO build -trimpath -ldflags "$ldflags" -o "dist/tmp/windows/$name/wb.exe" ./cmd/wb
  (cd dist/tmp/windows && zip -qr "../../$name-windows-amd64.zip" "$name")
else
  echo "x86_64-w64-mingw32-gcc missing: install gcc-mingw-w64-x86-64 for the Windows build" >&2
  exit 1
fi
rm -rf dist/tmp
echo "== artifacts"
ls -l dist
