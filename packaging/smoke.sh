#!/usr/bin/env bash
# Build the frozen app and its .deb, install the .deb into a scratch root, start the installed app
# on a fresh demo database in screenshot mode, check every page rendered, remove the package and
# check nothing is left; print the installed size and the cold start beside their goals
# (250 MB, 3 s). Run by hand before a release (several minutes: the PyInstaller build).
# SMOKE_SKIP_BUILD=1 reuses build/dist/churnwatch.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_GOAL_MB=250
START_GOAL_MS=3000

if [ -z "${SMOKE_SKIP_BUILD:-}" ]; then
    .venv/bin/pip install -q -e '.[dev]'
    started=$(date +%s)
    .venv/bin/pyinstaller --noconfirm --log-level WARN --distpath build/dist \
        --workpath build/work packaging/churnwatch.spec
    echo "built in $(( $(date +%s) - started )) s"
fi
deb=$(packaging/build_deb.sh build/dist/churnwatch build)
echo "package: $deb ($(du -m "$deb" | cut -f1) MB)"

work=$(mktemp -d)
root="$work/root"
trap 'rm -rf "$work"' EXIT
# A scratch root with its own dpkg database: the package installs and uninstalls there exactly as
# on a machine (its dependencies are the machine's, hence --force-depends).
mkdir -p "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/info"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
dpkg_root() { dpkg --root="$root" --force-not-root --force-depends --log=/dev/null "$@"; }
dpkg_root -i "$deb" >/dev/null
for path in opt/churnwatch/churnwatch usr/bin/churnwatch usr/share/applications/churnwatch.desktop \
    usr/share/icons/hicolor/scalable/apps/churnwatch.svg; do
    [ -e "$root/$path" ] || { echo "the package did not install /$path" >&2; exit 1; }
done
grep -q '^exec /opt/churnwatch/churnwatch' "$root/usr/bin/churnwatch"
app="$root/opt/churnwatch/churnwatch"
size_mb=$(du -sm "$root/opt/churnwatch" | cut -f1)

# The floor beside the cold start: the frozen interpreter starting and printing its version.
floor_started=$(date +%s%N)
"$app" --version
floor_ms=$(( ($(date +%s%N) - floor_started) / 1000000 ))
db="sqlite:///$work/smoke.db"
"$app" --db "$db" demo --customers 1000 --seed 7 >/dev/null

# Cold start: launch to the first page saved by screenshot mode (the window shown, signed in, the
# Dashboard's data loaded and painted).
shots="$work/shots"
launched=$(date +%s%N)
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} CHURNWATCH_PASSWORD=supervisor-demo \
    "$app" --db "$db" gui --user supervisor --screenshot "$shots" >"$work/shots.txt" &
pid=$!
first=""
cpu_ms="?"
while kill -0 "$pid" 2>/dev/null; do
    if compgen -G "$shots/01-*.png" >/dev/null; then
        first=$(date +%s%N)
        # The CPU time spent so far (every thread): comparable between runs when the shared
        # machine's load makes the wall clock say little.
        cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
        break
    fi
    sleep 0.02
done
wait "$pid" || { echo "the installed app failed in screenshot mode" >&2; exit 1; }
[ -n "$first" ] || first=$(date +%s%N)
start_ms=$(( (first - launched) / 1000000 ))

# Every page rendered: one PNG per page the app listed, each a real picture (not one colour).
listed=$(wc -l <"$work/shots.txt")
saved=$(ls "$shots"/*.png | wc -l)
[ "$listed" -ge 8 ] && [ "$listed" -eq "$saved" ] || {
    echo "expected one screenshot per page: listed $listed, saved $saved" >&2; exit 1; }
QT_QPA_PLATFORM=offscreen .venv/bin/python - "$shots" <<'PY'
import sys
from pathlib import Path
from PySide6.QtGui import QImage
for png in sorted(Path(sys.argv[1]).glob("*.png")):
    image = QImage(str(png))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    if image.isNull() or image.width() < 640 or len(colours) < 8:
        sys.exit(f"{png.name} is blank or broken")
PY

# What the frozen app leaves out must not be what a feature needs: train and score a model
# (scikit-learn, SciPy, skops), export an XLSX file (openpyxl, lxml), and with a MySQL server
# (CHURNWATCH_TEST_MYSQL, default mysql://root@127.0.0.1:3306) fill a scratch database over
# PyMySQL and check it, then drop it. All with the installed command, on a smaller demo (the
# frozen training takes a minute on 1,000 customers here).
features="sqlite:///$work/features.db"
"$app" --db "$features" demo --customers 300 --seed 7 >/dev/null
export CHURNWATCH_PASSWORD=supervisor-demo
"$app" --db "$features" train --activate --as supervisor >"$work/train.txt"
"$app" --db "$features" score --as supervisor >"$work/score.txt"
grep -q "customers scored" "$work/score.txt" || { echo "the installed app did not score" >&2; exit 1; }
"$app" --db "$features" export customers --format xlsx -o "$work/customers.xlsx" --as supervisor >/dev/null
.venv/bin/python - "$work/customers.xlsx" <<'PY'
import sys
import openpyxl
rows = sum(1 for _ in openpyxl.load_workbook(sys.argv[1], read_only=True).active.iter_rows())
if rows != 301:
    sys.exit(f"the XLSX export has {rows} rows, not a header and 300 customers")
PY
mysql_base=${CHURNWATCH_TEST_MYSQL:-mysql://root@127.0.0.1:3306}
scratch="churnwatch_smoke_$$"
if .venv/bin/python -c "import socket, sys; from urllib.parse import urlsplit; u = urlsplit(sys.argv[1]); socket.create_connection((u.hostname, u.port or 3306), 2)" "$mysql_base" 2>/dev/null; then
    drop_scratch() { .venv/bin/python - "$mysql_base" "$scratch" <<'PY'
import sys
from urllib.parse import unquote, urlsplit
import pymysql
u = urlsplit(sys.argv[1])
with pymysql.connect(host=u.hostname, port=u.port or 3306, user=unquote(u.username or "root"),
                     password=unquote(u.password or "")) as conn, conn.cursor() as cur:
    cur.execute(f"DROP DATABASE IF EXISTS `{sys.argv[2]}`")
PY
    }
    trap 'drop_scratch; rm -rf "$work"' EXIT
    "$app" --db "$mysql_base/$scratch" demo --customers 50 --seed 7 >/dev/null
    "$app" --db "$mysql_base/$scratch" db-check >"$work/db-check.txt"
    mysql_checked="MySQL over PyMySQL checked"
else
    mysql_checked="no MySQL server at $mysql_base: PyMySQL not checked"
fi

dpkg_root -r churnwatch >/dev/null
# dpkg removes the directories it emptied, /opt and /usr of the scratch root included.
left=$(find "$root" -path "$root/var" -prune -o \( -type f -o -type l \) -print | wc -l)
[ "$left" -eq 0 ] || { echo "uninstalling left $left files behind" >&2; exit 1; }

verdict() { if [ "$1" -le "$2" ]; then echo "within"; else echo "OVER"; fi; }
echo "installed size: $size_mb MB (goal < $SIZE_GOAL_MB MB: $(verdict "$size_mb" $SIZE_GOAL_MB))"
echo "cold start to a usable window: $start_ms ms (goal < $START_GOAL_MS ms: $(verdict "$start_ms" $START_GOAL_MS)); CPU time to it $cpu_ms ms; floor, the frozen \`churnwatch --version\`: $floor_ms ms; load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores"
echo "frozen app OK: installed from $deb, $saved pages rendered; trained, scored and exported XLSX; $mysql_checked; uninstalled cleanly"
