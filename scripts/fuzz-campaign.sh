#!/usr/bin/env bash
# A long fuzzing campaign counted in processor time, not wall time, so that a shared,
# busy machine still gives each target its due: every target is fuzzed in rounds until
# it has used CPU_MINUTES of CPU, JOBS targets at a time. Prints, per target, the CPU
# seconds, rounds, executions and coverage, and writes them to
# build-fuzz/campaign/summary.txt (or $CYBERNORMS_CAMPAIGN_OUT); each round's log is kept beside it. Exits 1 when a
# target failed (its input is in build-fuzz/tests/fuzz/, docs/fuzzing.md says what next).
#   scripts/fuzz-campaign.sh [CPU_MINUTES] [JOBS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-30}
jobs=${2:-$(nproc)}
shift 2 || shift $# || true
# A round's wall time, and the CPU seconds per target; both settable to check the
# script itself in seconds (CYBERNORMS_CAMPAIGN_ROUND_SECONDS, _CPU_SECONDS).
round_seconds=${CYBERNORMS_CAMPAIGN_ROUND_SECONDS:-600}
cpu_seconds=${CYBERNORMS_CAMPAIGN_CPU_SECONDS:-$((minutes * 60))}
scripts/fuzz.sh --build-only
# libFuzzer's per-input timeout runs on wall time; a campaign shares the machine for an
# hour or more, so it allows an input 60 wall seconds (CYBERNORMS_CAMPAIGN_INPUT_TIMEOUT)
# where the 60-second smoke run in CI allows 20.
input_timeout=${CYBERNORMS_CAMPAIGN_INPUT_TIMEOUT:-60}
cmake build-fuzz -DCYBERNORMS_FUZZ_SECONDS=$round_seconds -DCYBERNORMS_FUZZ_INPUT_TIMEOUT=$input_timeout >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(ctest --test-dir build-fuzz -L fuzz -N | sed -n 's/.*Test *#[0-9]*: fuzz_//p')
fi
# Where the logs and summary go (CYBERNORMS_CAMPAIGN_OUT), so that two campaigns of
# different targets can run side by side on one build.
out=${CYBERNORMS_CAMPAIGN_OUT:-build-fuzz/campaign}
mkdir -p "$out"

# Sets `cpu` to the CPU seconds used by this shell's finished children, from the `times`
# builtin. It must run in the shell that waited for them, so it is called as a command,
# never inside $(...) or a pipe, whose subshell has no children; `times` writes to a file
# that only the parsing reads in a subshell.
children_cpu() {
  local file="$out/times.$BASHPID"
  times >"$file"
  cpu=$(sed -n 2p "$file" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
  rm -f "$file"
}

# Fuzzes one target round after round until it has had its CPU time; one summary line.
campaign() {
  local target=$1 cpu=0 rounds=0 executions=0 status=ok
  while [ "$cpu" -lt "$cpu_seconds" ]; do
    rounds=$((rounds + 1))
    local log="$out/$target.round$rounds.log"
    if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
         ctest --test-dir build-fuzz -R "^fuzz_${target}\$" -V >"$log" 2>&1; then
      status="FAILED in round $rounds (see $log)"
      break
    fi
    executions=$((executions + $(sed -n 's/.*stat::number_of_executed_units: *//p' "$log" | tail -1)))
    children_cpu
  done
  local last
  last=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$out/$target.round$rounds.log" | tail -1)
  echo "$target: $cpu CPU-s in $rounds rounds, $executions executions, $last, corpus $(ls build-fuzz/fuzz-corpus/$target | wc -l) inputs: $status"
}

: >"$out/summary.txt"
failed=0
for ((i = 0; i < ${#targets[@]}; i += jobs)); do
  for target in "${targets[@]:i:jobs}"; do
    campaign "$target" >>"$out/summary.txt" &
  done
  wait || failed=1
done
cat "$out/summary.txt"
! grep -q FAILED "$out/summary.txt" && [ $failed -eq 0 ]
