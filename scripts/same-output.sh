#!/usr/bin/env bash
# Shows that two builds of the command line print the same bytes on the bundled
# scenarios and rules: every eval format and explanation depth, profile comparisons,
# the summary table, facts files with why-not, batch, check, schema and profiles, and
# the errors of a bad scenario. Used when a change should alter no output.
#   scripts/same-output.sh BEFORE_BINARY AFTER_BINARY
# Exits 0 when every output (standard output, standard error and exit code) is equal,
# 1 listing those that differ.
set -uo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 BEFORE_BINARY AFTER_BINARY" >&2; exit 2; }
before=$(realpath "$1") after=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

runs=()
for scenario in scenarios/*.json; do
  case $scenario in *.expected.*) continue ;; esac
  # Each option only where it applies: eval refuses --color outside text reports and
  # --explain for terse output, which shows neither.
  for format in text json markdown; do
    colour=""
    [ "$format" = text ] && colour=" --color never"
    for explain in brief full; do
      runs+=("eval $scenario --format $format --explain $explain$colour")
    done
  done
  runs+=("eval $scenario --format terse")
  for format in text json markdown terse; do
    runs+=("eval $scenario --compare-profiles --format $format")
  done
  runs+=("eval $scenario --profile tallinn_majority --explain full --hinge-sets 8")
done
for format in text json markdown; do runs+=("eval scenarios --summary --format $format"); done
runs+=("eval scenarios --format json --explain full")
runs+=("eval --rules examples/facts/rules examples/facts/facts.json --why-not non_interference(_,_,_) --why-not non_infringement(_,_,op1) --hinge-sets 3")
runs+=("eval --rules examples/facts/rules examples/facts/facts.json --why-not nonsense(")
runs+=("check rules" "check rules --format json" "check tests/golden/e201_unknown_relation.cnr"
       "check tests/golden/e201_unknown_relation.cnr --format json" "schema" "profiles"
       "profiles --format json" "profiles --format markdown" "eval scenarios --profile nobody")

# Batch: every bundled scenario as one line, then a line that is not a scenario.
jsonl="$work/scenarios.jsonl"
for scenario in scenarios/*.json; do
  case $scenario in *.expected.*) continue ;; esac
  tr -d '\n' < "$scenario"; echo
done > "$jsonl"
echo '{"operations": [{"id": 7}]}' >> "$jsonl"
echo 'not json' >> "$jsonl"
bad="$work/bad.json"
echo '{"id": "bad", "operations": [{"id": "op", "actor": "nobody"}], "statez": []}' > "$bad"
runs+=("batch $jsonl -j 2 --block 7" "batch $jsonl -j 1 --explain full" "eval $bad" "eval $bad --format json")

differ=0
for index in "${!runs[@]}"; do
  read -r -a arguments <<< "${runs[$index]}"
  for side in before after; do
    binary=${!side}
    "$binary" "${arguments[@]}" > "$work/$side.out" 2> "$work/$side.err"
    echo "exit $?" >> "$work/$side.err"
  done
  if ! cmp -s "$work/before.out" "$work/after.out" || ! cmp -s "$work/before.err" "$work/after.err"; then
    echo "differs: cybernorms ${runs[$index]}"
    differ=1
  fi
done
echo "${#runs[@]} runs compared: $([ $differ -eq 0 ] && echo "all identical" || echo "some differ")"
exit $differ
