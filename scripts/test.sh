#!/bin/sh
# Installs what is missing, then builds and runs the whole test suite twice: a normal build
# (warnings as errors) and one with AddressSanitizer and UndefinedBehaviorSanitizer.
set -eu
cd "$(dirname "$0")/.."
. scripts/deps.sh
install_missing_packages
jobs=$(nproc)
for variant in build build-asan; do
    sanitize=""
    [ "$variant" = build-asan ] && sanitize="address,undefined"
    echo "== $variant"
    cmake -S . -B "$variant" -DBUILD_TESTING=ON -DNEWSIDX_WERROR=ON -DNEWSIDX_SANITIZE="$sanitize" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$variant" -j "$jobs"
    (cd "$variant" && ctest --output-on-failure --no-tests=error -j "$jobs")
done
sh scripts/test_package.sh build  # the .deb of build/: install, use, remove
