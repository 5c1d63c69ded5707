#!/usr/bin/env bash
# Installs, builds and runs every test.
#   scripts/test.sh            the normal build, in build/
#   scripts/test.sh --sanitize AddressSanitizer + UndefinedBehaviorSanitizer, in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--sanitize" ]; then
  scripts/build.sh build-asan -DCYBERNORMS_SANITIZE=ON -DCYBERNORMS_BENCHMARKS=OFF -DCYBERNORMS_WERROR=ON
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
else
  scripts/build.sh build -DCYBERNORMS_WERROR=ON
  ctest --test-dir build --output-on-failure -j "$(nproc)"
fi
