#!/usr/bin/env bash
# Builds the fuzz targets with clang (libFuzzer, AddressSanitizer, UndefinedBehaviorSanitizer)
# in build-fuzz/ and fuzzes each for SECONDS (default 60), one after another on one core
# each (`-j` jobs at a time). The growing corpus stays in build-fuzz/fuzz-corpus/; an input
# that breaks a target is written to the working folder as crash-*, leak-* or timeout-*
# (docs/fuzzing.md says what to do with it).
#   scripts/fuzz.sh [SECONDS] [JOBS]
#   scripts/fuzz.sh --build-only
set -euo pipefail
cd "$(dirname "$0")/.."
build_only=false
if [ "${1:-}" = "--build-only" ]; then build_only=true; shift; fi
seconds=${1:-60}
jobs=${2:-$(nproc)}
scripts/install-deps.sh --fuzz
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCYBERNORMS_FUZZ=ON \
  -DCYBERNORMS_TESTS=OFF -DCYBERNORMS_BENCHMARKS=OFF -DCYBERNORMS_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build build-fuzz -j "$(nproc)"
if $build_only; then exit 0; fi
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-fuzz -L fuzz --output-on-failure -j "$jobs"
