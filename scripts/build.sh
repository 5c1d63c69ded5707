#!/usr/bin/env bash
# Installs what is missing, configures and builds cybernorms.
#   scripts/build.sh [BUILD_DIR] [extra cmake arguments...]
# CYBERNORMS_BUILD_TARGETS="a b" builds only those targets (and what they need).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
shift || true
scripts/install-deps.sh
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
targets=()
for target in ${CYBERNORMS_BUILD_TARGETS:-}; do targets+=(--target "$target"); done
cmake --build "$build_dir" -j "$(nproc)" "${targets[@]}"
