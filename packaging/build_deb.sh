#!/usr/bin/env bash
# Package the one-folder build (build/dist/churnwatch, from churnwatch.spec) as a Debian/Ubuntu
# .deb: the app in /opt/churnwatch, a `churnwatch` launcher on PATH, a menu entry and its icon.
# Every file belongs to the package, so `apt remove churnwatch` leaves nothing behind (the user's
# database and settings live in their home directory and stay). No maintainer scripts: the menu
# and icon caches are refreshed by the triggers of desktop-file-utils and hicolor-icon-theme.
# Usage: packaging/build_deb.sh [DIST_DIR] [OUT_DIR]; prints the .deb's path.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-build/dist/churnwatch}
out=${2:-build}
[ -x "$dist/churnwatch" ] || { echo "no frozen app in $dist: run pyinstaller first" >&2; exit 1; }
eval "$(python3 packaging/version.py --shell)"
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

install -d "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/doc/churnwatch" "$stage/DEBIAN"
cp -a "$dist" "$stage/opt/churnwatch"
cat >"$stage/usr/bin/churnwatch" <<'SH'
#!/bin/sh
exec /opt/churnwatch/churnwatch "$@"
SH
chmod 0755 "$stage/usr/bin/churnwatch"
install -m 0644 packaging/churnwatch.desktop "$stage/usr/share/applications/churnwatch.desktop"
install -m 0644 resources/icons/churnwatch.svg \
    "$stage/usr/share/icons/hicolor/scalable/apps/churnwatch.svg"
printf 'ChurnWatch %s, built %s\n' "$VERSION" "$BUILD_DATE" >"$stage/usr/share/doc/churnwatch/BUILD"

size_kb=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat >"$stage/DEBIAN/control" <<CONTROL
Package: churnwatch
Version: $VERSION
Architecture: $arch
Maintainer: ChurnWatch <support@churnwatch.invalid>
Installed-Size: $size_kb
Section: misc
Priority: optional
Depends: libc6, libgl1, libegl1, libfontconfig1, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libdbus-1-3
Description: Churn early warning for eCommerce and subscription businesses
 ChurnWatch scores every customer's risk of leaving, raises alerts for the
 ones worth a call, and keeps the team's notes, tickets and interventions in
 one window. Built $BUILD_DATE.
CONTROL
deb="$out/churnwatch_${VERSION}_${arch}.deb"
mkdir -p "$out"
dpkg-deb --root-owner-group -Zgzip --build "$stage" "$deb" >/dev/null
echo "$deb"
