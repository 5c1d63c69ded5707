#!/usr/bin/env bash
# Installs, builds and runs every test.
#   scripts/test.sh            the normal build, in build/
#   scripts/test.sh --sanitize AddressSanitizer + UndefinedBehaviorSanitizer, in build-asan/
#   scripts/test.sh --threads  ThreadSanitizer on the tests that run threads (the library's
#                              concurrent evaluation, batch -j 2), in build-tsan/
set -euo pipefail
cd "$(dirname "$0")/.."
# The tests need a browser the build does not: the HTML reports are opened in Chromium.
scripts/install-deps.sh --browser
if [ "${1:-}" = "--sanitize" ]; then
  scripts/build.sh build-asan -DCYBERNORMS_SANITIZE=ON -DCYBERNORMS_BENCHMARKS=OFF -DCYBERNORMS_WERROR=ON
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
elif [ "${1:-}" = "--threads" ]; then
  # Only what the threaded tests run is built: the library's tests (api), the command
  # line's (cli) and the program they start.
  CYBERNORMS_BUILD_TARGETS="test_api test_cli cybernorms" \
    scripts/build.sh build-tsan -DCYBERNORMS_TSAN=ON -DCYBERNORMS_BENCHMARKS=OFF -DCYBERNORMS_WERROR=ON
  # A race reported in the test program or in a command it runs fails the test.
  TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1" \
    ctest --test-dir build-tsan --output-on-failure -j "$(nproc)" -L threads
else
  scripts/build.sh build -DCYBERNORMS_WERROR=ON
  ctest --test-dir build --output-on-failure -j "$(nproc)"
fi
