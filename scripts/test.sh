#!/bin/sh
# Installs what is missing, then builds and runs the whole test suite twice: a normal build
# (warnings as errors) and one with AddressSanitizer and UndefinedBehaviorSanitizer (clang),
# then fuzzes for a minute a harness (scripts/fuzz.sh).
set -eu
cd "$(dirname "$0")/.."
. scripts/deps.sh
install_missing_packages
jobs=$(nproc)
for variant in build build-asan; do
    echo "== $variant"
    configure_test_build "$variant"
    cmake --build "$variant" -j "$jobs"
    (cd "$variant" && ctest --output-on-failure --no-tests=error -j "$jobs")
done
echo "== fuzzing"
sh scripts/fuzz.sh 60
sh scripts/test_package.sh build  # the .deb of build/: install, use, remove
