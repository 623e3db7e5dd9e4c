#!/usr/bin/env bash
# Search-quality benchmark: newsidx against SQLite FTS5 on Debian's manual pages in six
# languages (known-item and inflection queries). See bench/README.md, "Search quality".
#
#   bench/quality.sh [--per-lang N] [--seed S] [--langs en,de,...] [--work DIR] [--json] ...
#
# Installs what is missing (as root, with apt-get), then runs bench/quality.py with the
# arguments given on the binaries in build/bin/ (build them first; --newsidx and --search
# name others). It builds nothing itself: the figures do not depend on the build type.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
case "${1:-}" in
    -h|--help) sed -n '5p' "$0" | sed 's/^# *//'; exec /usr/bin/python3 "$ROOT/bench/quality.py" --help ;;
esac
# Manual pages of each language, groff to render them, and Python's Xapian bindings for
# the Snowball stemmers (Debian's python3: /usr/bin/python3).
NEED="manpages manpages-de manpages-es manpages-ru manpages-fr manpages-tr groff-base python3 python3-xapian"
MISSING=""
for p in $NEED; do
    dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' || MISSING="$MISSING $p"
done
if [ -n "$MISSING" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "quality.sh: missing packages:$MISSING (apt-get install them as root)" >&2
        exit 2
    fi
    apt-get install -y -q $MISSING >/dev/null
fi
exec /usr/bin/python3 "$ROOT/bench/quality.py" "$@"
