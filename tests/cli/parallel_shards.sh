#!/usr/bin/env bash
# The scale-out recipe of docs/batch.md, run: GNU parallel cuts JSON Lines into shards of
# K lines, each shard is one `cybernorms batch --first-line` process, two at a time, and
# the joined output must be byte for byte what one process writes.
#   parallel_shards.sh CYBERNORMS PARALLEL SCENARIOS_DIR WORK_DIR
set -euo pipefail
cybernorms=$1
parallel=$2
scenarios=$3
work=$4
rm -rf "$work"
mkdir -p "$work/home"
# moreutils has a `parallel` of its own, with other options: skip (CTest: 77) rather than fail.
"$parallel" --version 2>/dev/null | grep -q "GNU parallel" || { echo "$parallel is not GNU parallel"; exit 77; }
# GNU parallel asks for a citation on first use and keeps its state under HOME.
export HOME="$work/home"

# Every bundled scenario on one line, six times over (about 300 lines), with bad lines
# mixed in: JSON cut short, a scenario with an unknown key, an empty line.
for round in 1 2 3 4 5 6; do
  for file in "$scenarios"/*.json; do
    case "$file" in *.expected.*) continue ;; esac
    tr '\n\r' '  ' < "$file"
    echo
  done
done | sed -e '17~29s/.*/{"id": "cut", "operations": [/' \
           -e '23~41s/^{/{"not_a_key": true, /' \
           -e '50~97s/.*//' > "$work/in.jsonl"
lines=$(wc -l < "$work/in.jsonl")
[ "$lines" -ge 200 ] || { echo "only $lines input lines"; exit 1; }

set +e
"$cybernorms" batch --jobs 1 "$work/in.jsonl" > "$work/one.jsonl" 2> "$work/one.err"
one_status=$?
K=37
"$parallel" --will-cite --pipe -N $K --keep-order -j 2 \
  "$cybernorms"' batch --jobs 1 --first-line $(( ({#}-1)*'$K'+1 ))' \
  < "$work/in.jsonl" > "$work/sharded.jsonl" 2> "$work/sharded.err"
set -e

# Both saw the bad lines: batch exits 2 for them (parallel counts the shards that did).
[ "$one_status" -eq 2 ] || { echo "one process exited $one_status, not 2"; cat "$work/one.err"; exit 1; }
records=$(wc -l < "$work/one.jsonl")
[ "$records" -eq "$lines" ] || { echo "$lines lines in, $records records out"; exit 1; }
grep -q '"ok":false' "$work/one.jsonl" || { echo "no error records: the bad lines were not bad"; exit 1; }
if ! cmp "$work/one.jsonl" "$work/sharded.jsonl"; then
  echo "shards joined differ from one process:"
  diff <(cut -c1-100 "$work/one.jsonl") <(cut -c1-100 "$work/sharded.jsonl") | head -20
  cat "$work/sharded.err"
  exit 1
fi
echo "$lines lines: $(( (lines + K - 1) / K )) shards of $K joined are byte-identical to one process"
