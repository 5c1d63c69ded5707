#!/usr/bin/env bash
# Installs, builds, checks the rule base and evaluates every bundled scenario,
# printing a table: scenario by principle, with the level in each cell.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh build
sources=()
[ -d ../shared/seeds ] && sources=(--sources ../shared/seeds)
build/cybernorms check rules "${sources[@]}"
build/cybernorms eval scenarios --summary
