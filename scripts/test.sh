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
    # The sanitizer build is clang's, with the fuzz harnesses (scripts/fuzz.sh configures it
    # the same way, then runs them).
    sanitize="" clang=""
    [ "$variant" = build-asan ] && sanitize="address,undefined" \
        clang="-DCMAKE_CXX_COMPILER=clang++ -DNEWSIDX_FUZZ=ON"
    echo "== $variant"
    cmake -S . -B "$variant" $clang -DBUILD_TESTING=ON -DNEWSIDX_WERROR=ON \
        -DNEWSIDX_SANITIZE="$sanitize" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$variant" -j "$jobs"
    (cd "$variant" && ctest --output-on-failure --no-tests=error -j "$jobs")
done
echo "== fuzzing"
sh scripts/fuzz.sh 60
sh scripts/test_package.sh build  # the .deb of build/: install, use, remove
