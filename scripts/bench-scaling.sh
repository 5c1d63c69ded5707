#!/usr/bin/env bash
# Scaling benchmark (not a test): how time and peak memory of `cybernorms eval` grow with
# the number of operations in a scenario. Builds Release, writes synthetic scenarios with
# cybernorms_generate (bench/generate_scenario.cpp) into BUILD_DIR/scaling, and runs eval
# on each under /usr/bin/time, in each format, REPEATS times; prints the medians.
#   scripts/bench-scaling.sh [BUILD_DIR]        (default: build-release)
# Environment: SIZES (operations; "10 100 1000 5000 10000 20000"), REPEATS (3),
# FORMATS ("text json").
#
# Columns: ops; input bytes (compact JSON); median wall-clock seconds; median CPU seconds
# (user + system: less disturbed than the wall clock by other work on the machine) and
# CPU microseconds per operation; median peak resident set in MB; and against the row
# above (same format), how many times the operations, the CPU time and the memory grew.
# Linear growth shows as time and memory growing about as much as the operations once
# the fixed cost (loading the rule base: a few milliseconds and 6 MB) no longer dominates.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-release}
sizes=${SIZES:-10 100 1000 5000 10000 20000}
repeats=${REPEATS:-3}
formats=${FORMATS:-text json}
# Above the 8 MiB default: 20,000 operations are about 13 MB of compact JSON.
input_limit=$((64 << 20))

work="$build/scaling"
mkdir -p "$work"
if ! { cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCYBERNORMS_TESTS=OFF &&
       nice -n 5 cmake --build "$build" -j2 --target cybernorms cybernorms_generate; } > "$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  exit 1
fi

# The middle value of numbers given one per line.
median() { sort -g | awk '{ values[NR] = $1 } END { print values[int((NR + 1) / 2)] }'; }

# One run: "wall_seconds cpu_seconds peak_kib", or a message and exit status 1 when eval
# fails. /usr/bin/time gives the peak memory; the shell's `time` the seconds, to the
# millisecond (/usr/bin/time rounds them to hundredths).
timed_eval() {
  local scenario=$1 format=$2 measured seconds
  measured=$(mktemp)
  seconds=$( { TIMEFORMAT='%3R %3U %3S'; time /usr/bin/time -o "$measured" -f '%e %M' "$build/cybernorms" eval \
      "$scenario" --format "$format" --max-input-bytes "$input_limit" >/dev/null; } 2>&1 ) || {
    echo "eval failed on $scenario (--format $format): $seconds" >&2
    rm -f "$measured"
    return 1
  }
  awk -v seconds="$seconds" '{ split(seconds, s, " "); print s[1], s[2] + s[3], $2 }' "$measured"
  rm -f "$measured"
}

printf '%-6s %9s %-6s %7s %7s %8s %8s %6s %6s %6s\n' ops bytes format wall_s cpu_s 'cpu_us/op' 'peak_MB' 'x_ops' 'x_cpu' 'x_mem'
for format in $formats; do
  previous=""
  for ops in $sizes; do
    scenario="$work/scale_$ops.json"
    "$build/cybernorms_generate" --operations "$ops" > "$scenario"
    bytes=$(stat -c %s "$scenario")
    runs=$(for _ in $(seq "$repeats"); do timed_eval "$scenario" "$format"; done)
    wall=$(awk '{ print $1 }' <<< "$runs" | median)
    cpu=$(awk '{ print $2 }' <<< "$runs" | median)
    peak_kib=$(awk '{ print $3 }' <<< "$runs" | median)
    awk -v ops="$ops" -v bytes="$bytes" -v format="$format" -v wall="$wall" -v cpu="$cpu" -v kib="$peak_kib" \
        -v prev="$previous" '
      BEGIN {
        growth = sprintf("%6s %6s %6s", "-", "-", "-")
        if (prev != "") {
          split(prev, p, " ")
          growth = sprintf("%6.1f %6.2f %6.2f", ops / p[1], (p[2] > 0 ? cpu / p[2] : 0), kib / p[3])
        }
        printf "%-6d %9d %-6s %7.3f %7.3f %8.1f %8.1f %s\n", ops, bytes, format, wall, cpu, cpu * 1e6 / ops, kib / 1024, growth
      }'
    previous="$ops $cpu $peak_kib"
  done
done
