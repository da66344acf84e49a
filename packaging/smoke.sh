#!/usr/bin/env bash
# Build the frozen app and prove it starts: create a demo database, open every page offscreen,
# save the screenshots, exit 0. Run by hand before a release (it takes several minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pip install -q -e '.[dev]'
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/work \
    packaging/churnwatch.spec
work=$(mktemp -d)
QT_QPA_PLATFORM=offscreen build/dist/churnwatch/churnwatch --db "sqlite:///$work/smoke.db" \
    gui --demo --screenshot "$work/shots"
ls "$work/shots"/*.png
echo "frozen app OK: $(ls "$work/shots" | wc -l) screenshots in $work/shots"
