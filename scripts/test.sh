#!/bin/sh
# Installs what is missing, then builds and runs the whole test suite twice: a normal build
# (warnings as errors) and one with AddressSanitizer and UndefinedBehaviorSanitizer (clang);
# then the threaded tests with ThreadSanitizer (clang); then fuzzes each harness for 40 s
# (scripts/fuzz.sh).
set -eu
cd "$(dirname "$0")/.."
. scripts/deps.sh
install_missing_packages
jobs=$(nproc)
TSAN_TESTS='^(Parallel|WorkerPool|SerialQueue|Build|Shard|WritableArchive|Search|SavedRun)|cli\.(shards_|concurrent_writers|saved_concurrent|search_batch|build_jsonl_stdin)'
for variant in build build-asan; do
    echo "== $variant"
    configure_test_build "$variant"
    cmake --build "$variant" -j "$jobs"
    (cd "$variant" && ctest --output-on-failure --no-tests=error -j "$jobs")
done
# ThreadSanitizer on the tests whose code runs threads: the worker pools, the build pipeline
# and its shard writers, the import, searches with snippet threads, writers at once.
echo "== build-tsan"
configure_test_build build-tsan
cmake --build build-tsan -j "$jobs" --target newsidx newsidx-search newsidx_unit_tests
(cd build-tsan && TSAN_OPTIONS="suppressions=$PWD/../tests/tsan.supp halt_on_error=1" \
    ctest --output-on-failure --no-tests=error -j "$jobs" -R "$TSAN_TESTS")
echo "== fuzzing"
sh scripts/fuzz.sh 40
sh scripts/test_package.sh build  # the .deb of build/: install, use, remove
