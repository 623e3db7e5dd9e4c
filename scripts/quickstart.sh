#!/bin/sh
# Installs what is missing, builds, indexes corpus/ into ./newsidx.db and runs a search.
set -eu
cd "$(dirname "$0")/.."
. scripts/deps.sh
install_missing_packages
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j "$(nproc)"
rm -rf newsidx.db
./build/bin/newsidx build --db newsidx.db corpus
echo '$ newsidx-search --db newsidx.db -n 3 "north korea" date:2019..'
./build/bin/newsidx-search --db newsidx.db -n 3 "north korea" date:2019..
