#!/usr/bin/env bash
# Side-by-side benchmark (not a test): cybernorms batch against CLIPS 6.30 -O3 on the same
# generated scenarios, whole process, on this machine (issue 12; the yardstick is described
# in ../shared/bench-anchor/README.md). Prints each run, then medians.
#
#   scripts/bench-clips.sh [--explain brief] [-j 2] [N] [PAIRS]     (N 100000, PAIRS 5)
#
# - Generates N scenarios once with the anchor's gen.py and converts them with gen2cn.py
#   (default mapping) into WORK (cached by N: regenerated only when missing or older than
#   the anchor's scripts; md5 of gen.py's output checked where the anchor README gives it).
# - Builds cybernorms in build-release (Release, without tests) unless CYBERNORMS names a
#   binary.
# - Runs PAIRS rounds, each CLIPS then `cybernorms batch -j 1` (default compact record),
#   and with the options also `batch -j 1 --explain brief` and `batch -j 2`, in that order.
#   Wall clock from the shell's `time` (milliseconds), user CPU and peak resident set from
#   `/usr/bin/time -f`, of the one process measured. Records go to a file in WORK (as a
#   user would write them), but --explain brief ones, about 100 KB a scenario, go to
#   `wc -c` through a pipe so that a large N does not fill the disk.
# - Medians over the rounds: µs per scenario (wall and user CPU), peak memory, the median of
#   the per-round ratios (cybernorms / CLIPS; -j 1 / -j 2 for the speedup of two threads),
#   and what each produced per scenario: CLIPS its conclusions (bench_clips prints them);
#   cybernorms its findings, possible findings and bytes of output (counted after the runs
#   with python3, not timed). With -j 2, the records of -j 1 and -j 2 are compared byte for
#   byte in every round; a difference fails the script (exit 1).
# - With -j 2, each round also runs `batch -j 1` and `-j 2` with the records going to
#   /dev/null: the speedup of the two threads without the file, whose writing (over a
#   gigabyte at 100,000 scenarios) costs system time in the process (the kernel's copy into
#   the page cache) and CPU outside it (the write-back).
# - Beside each run: its system CPU; its idle time, wall clock times its threads less its
#   CPU (waiting for the disk or for each other, or stalled by the host, which a shared
#   virtual machine does not see as CPU); the CPU the machine spent outside the measured
#   process (from /proc/stat: the kernel's write-back, and whatever else ran); and the CPU
#   the hypervisor took from the machine's CPUs (steal, from /proc/stat). All in µs a
#   scenario in the medians.
#
# Environment:
#   BENCH_ANCHOR  the anchor folder (default ../shared/bench-anchor, from the repository)
#   CLIPS_BENCH   bench_clips built with CLIPS at -O3 (default WORK/clips/bench_clips_o3)
#   CLIPS_SRC     a folder with Debian's clips_6.30.orig.tar.gz: when there is no
#                 CLIPS_BENCH, the script builds it from there into WORK/clips as the anchor
#                 README says (gcc; no package needed). Without either it says how, exit 2.
#   CYBERNORMS    a cybernorms binary to measure instead of building build-release
#   BENCH_WORK    inputs, builds and outputs (default build-release/bench-clips)
#
# Exit codes: 0 done; 1 a build or a run failed, or -j 1 and -j 2 outputs differ; 2 a bad
# command line, or the anchor or a CLIPS build is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
fail() { echo "bench-clips: $*" >&2; exit 1; }
refuse() { echo "bench-clips: $*" >&2; exit 2; }

explain=""
jobs2=0
positional=()
while (($#)); do
  case $1 in
    --explain) (($# >= 2)) || refuse "--explain needs a value (brief)"; explain=$2; shift 2 ;;
    --explain=*) explain=${1#--explain=}; shift ;;
    -j | --jobs) (($# >= 2)) || refuse "$1 needs a value (2)"; [ "$2" = 2 ] || refuse "$1 takes 2 only (it adds -j 2 against -j 1)"; jobs2=1; shift 2 ;;
    -j2 | --jobs=2) jobs2=1; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) refuse "unknown option $1 (see --help)" ;;
    *) positional+=("$1"); shift ;;
  esac
done
[ -z "$explain" ] || [ "$explain" = brief ] || refuse "--explain takes brief only (full records are megabytes a scenario)"
((${#positional[@]} <= 2)) || refuse "at most two arguments, N and PAIRS (see --help)"
n=${positional[0]:-100000}
pairs=${positional[1]:-5}
[[ $n =~ ^[1-9][0-9]*$ ]] || refuse "N must be a positive number, not '$n'"
[[ $pairs =~ ^[1-9][0-9]*$ ]] || refuse "PAIRS must be a positive number, not '$pairs'"

anchor=${BENCH_ANCHOR:-../shared/bench-anchor}
for file in gen.py gen2cn.py rules.clp bench_clips.c; do
  [ -f "$anchor/$file" ] || refuse "no $anchor/$file: the anchor folder is needed (BENCH_ANCHOR=dir to name another)"
done
command -v python3 >/dev/null || refuse "python3 is needed (the anchor's generator, and counting the records)"
[ -x /usr/bin/time ] || refuse "/usr/bin/time is needed (Debian package time)"

work=${BENCH_WORK:-build-release/bench-clips}
mkdir -p "$work"
tmp=$(mktemp -d "$work/run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# --- CLIPS ---------------------------------------------------------------------------------
build_clips() {
  local source=$1 dir=$work/clips
  command -v gcc >/dev/null || refuse "gcc is needed to build CLIPS"
  echo "building CLIPS 6.30 at -O3 from $source/clips_6.30.orig.tar.gz into $dir (log: $dir/build.log)" >&2
  rm -rf "$dir/src" "$dir/o3" && mkdir -p "$dir/src" "$dir/o3"
  # shellcheck disable=SC2016  # $1 and $2 are for the inner sh
  if ! {
    tar xzf "$source/clips_6.30.orig.tar.gz" -C "$dir/src" &&
      # [!.]: the tarball also holds macOS resource forks, ._NAME.c, that are not C.
      find "$dir/src/clips_core_source_630/core" -name '[!.]*.c' -print0 |
      xargs -0 -P 2 -I{} sh -c 'nice -n 5 gcc -c -O3 -w "$1" -o "$2/$(basename "$1" .c).o"' _ {} "$dir/o3" &&
      rm -f "$dir/o3/main.o" && ar rcs "$dir/o3/libclips.a" "$dir"/o3/*.o &&
      gcc -O2 -I "$dir/src/clips_core_source_630/core" "$anchor/bench_clips.c" "$dir/o3/libclips.a" -lm \
        -o "$dir/bench_clips_o3"
  } >"$dir/build.log" 2>&1; then
    tail -20 "$dir/build.log" >&2
    fail "building CLIPS failed (log: $dir/build.log)"
  fi
}

clips=${CLIPS_BENCH:-}
if [ -z "$clips" ] && [ -x "$work/clips/bench_clips_o3" ]; then clips=$work/clips/bench_clips_o3; fi
if [ -z "$clips" ]; then
  if [ -n "${CLIPS_SRC:-}" ] && [ -f "$CLIPS_SRC/clips_6.30.orig.tar.gz" ]; then
    build_clips "$CLIPS_SRC"
    clips=$work/clips/bench_clips_o3
  else
    cat >&2 <<EOF
bench-clips: no CLIPS build. Either
  - build bench_clips_o3 as $anchor/README.md says ("Build CLIPS") and run with
    CLIPS_BENCH=/path/to/bench_clips_o3, or
  - fetch Debian's source (apt-get source --download-only clips, with a deb-src entry;
    only clips_6.30.orig.tar.gz is needed) and run with CLIPS_SRC=/folder/with/it:
    this script then builds it into $work/clips (gcc).
EOF
    exit 2
  fi
fi
[ -x "$clips" ] || refuse "CLIPS_BENCH=$clips is not an executable file"

# --- cybernorms ----------------------------------------------------------------------------
if [ -n "${CYBERNORMS:-}" ]; then
  cybernorms=$CYBERNORMS
  [ -x "$cybernorms" ] || refuse "CYBERNORMS=$cybernorms is not an executable file"
else
  cybernorms=build-release/cybernorms
  echo "building cybernorms (Release) in build-release (log: $work/build.log)" >&2
  if ! { cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DCYBERNORMS_TESTS=OFF &&
    nice -n 5 cmake --build build-release -j2 --target cybernorms; } >"$work/build.log" 2>&1; then
    tail -30 "$work/build.log" >&2
    fail "building cybernorms failed (log: $work/build.log)"
  fi
fi

# --- inputs, cached by N -------------------------------------------------------------------
draft=$work/s$n.jsonl
scenarios=$work/cn$n.jsonl
if [ ! -s "$draft" ] || [ "$anchor/gen.py" -nt "$draft" ]; then
  echo "generating $n scenarios: $draft (gen.py)" >&2
  python3 "$anchor/gen.py" "$n" "$draft.tmp" >/dev/null || fail "gen.py failed"
  mv "$draft.tmp" "$draft"
fi
case $n in
  10000) expected=2e90021cadaa99676845c3c6f5de8565 ;;
  100000) expected=330c306c3f23d822df3643a4e7ee8bf8 ;;
  *) expected="" ;;
esac
if [ -n "$expected" ] && [ "$(md5sum <"$draft" | cut -d' ' -f1)" != "$expected" ]; then
  echo "bench-clips: warning: md5 of $draft is not the one $anchor/README.md gives ($expected)" >&2
fi
if [ ! -s "$scenarios" ] || [ "$draft" -nt "$scenarios" ] || [ "$anchor/gen2cn.py" -nt "$scenarios" ]; then
  echo "converting: $scenarios (gen2cn.py, default mapping)" >&2
  python3 "$anchor/gen2cn.py" "$draft" "$scenarios.tmp" >/dev/null || fail "gen2cn.py failed"
  mv "$scenarios.tmp" "$scenarios"
fi

# --- runs ----------------------------------------------------------------------------------
clock_ticks=$(getconf CLK_TCK)
# CPU seconds the whole machine has spent busy (user, nice, system, irq, softirq), then
# those the hypervisor has taken from its CPUs (steal), all CPUs together.
machine_cpu() { awk -v hz="$clock_ticks" '$1 == "cpu" { printf "%.2f %.2f\n", ($2 + $3 + $4 + $7 + $8) / hz, $9 / hz; exit }' /proc/stat; }

# timed VARIANT ROUND OUT COMMAND...: runs COMMAND with its standard output in OUT (or, when
# OUT is "|count", through a pipe into wc -c, bytes in $tmp/VARIANT.bytes; when it is
# "|null", into /dev/null) and appends "round wall_s user_s sys_s peak_kib others_s idle_s
# steal_s" to $tmp/VARIANT.runs: others_s the CPU the machine spent outside the process
# meanwhile; idle_s the time the process's threads (2 for the -j 2 variants) were not on a
# CPU, wall * threads - user - sys (waiting for the disk or for each other, or stalled by
# the host); steal_s the CPU the hypervisor took from the machine's CPUs meanwhile.
timed() {
  local variant=$1 round=$2 out=$3 seconds status=0 before after steal_before steal_after threads=1
  shift 3
  local measured=$tmp/measured errors=$tmp/stderr
  TIMEFORMAT='%3R'
  # Each run starts from the same disk: the last run's records (over a gigabyte at
  # 100,000 scenarios) neither truncated inside the timing nor still being written back,
  # which throttled the next writer and moved its wall clock by up to a tenth.
  case $out in "|count" | "|null") ;; *) rm -f "$out" ;; esac
  sync
  case $variant in *-j2) threads=2 ;; esac
  read -r before steal_before < <(machine_cpu)
  case $out in
    "|count") seconds=$({ time /usr/bin/time -o "$measured" -f '%U %S %M' "$@" 2>"$errors" | wc -c >"$tmp/$variant.bytes"; } 2>&1) || status=$? ;;
    "|null") seconds=$({ time /usr/bin/time -o "$measured" -f '%U %S %M' "$@" >/dev/null 2>"$errors"; } 2>&1) || status=$? ;;
    *) seconds=$({ time /usr/bin/time -o "$measured" -f '%U %S %M' "$@" >"$out" 2>"$errors"; } 2>&1) || status=$? ;;
  esac
  read -r after steal_after < <(machine_cpu)
  if ((status != 0)); then
    tail -5 "$errors" >&2
    fail "$variant failed (exit status $status): $*"
  fi
  # The write-back of a file continues after the process: let it finish within the count.
  case $out in "|count" | "|null") ;; *) sync; read -r after _ < <(machine_cpu) ;; esac
  local others idle steal
  others=$(awk -v b="$before" -v a="$after" -v m="$(tail -1 "$measured")" \
    'BEGIN { split(m, f, " "); o = a - b - f[1] - f[2]; printf "%.2f", (o > 0 ? o : 0) }')
  idle=$(awk -v w="$seconds" -v t="$threads" -v m="$(tail -1 "$measured")" \
    'BEGIN { split(m, f, " "); i = w * t - f[1] - f[2]; printf "%.2f", (i > 0 ? i : 0) }')
  steal=$(awk -v b="$steal_before" -v a="$steal_after" 'BEGIN { printf "%.2f", a - b }')
  echo "$round $seconds $(tail -1 "$measured") $others $idle $steal" >>"$tmp/$variant.runs"
}

show_run() {  # VARIANT: the last run of VARIANT
  awk -v variant="$1" -v n="$n" '{ line = $0 } END {
    split(line, f, " ")
    printf "round %-3d %-12s wall %7.3f s  user %6.2f s  sys %5.2f s  %7.1f us/scenario  %5.1f MB  others %5.2f s  idle %5.2f s  steal %5.2f s\n",
      f[1], variant, f[2], f[3], f[4], f[2] * 1e6 / n, f[5] / 1024, f[6], f[7], f[8] }' "$tmp/$1.runs"
}

variants=(clips compact)
[ -n "$explain" ] && variants+=(brief)
((jobs2)) && variants+=(compact-j2 null-j1 null-j2)
declare -A label=([clips]="CLIPS 6.30 -O3" [compact]="cybernorms -j 1" [brief]="cybernorms -j 1 brief"
  [compact-j2]="cybernorms -j 2" [null-j1]="-j 1 > /dev/null" [null-j2]="-j 2 > /dev/null")

echo "N=$n scenarios, $pairs rounds of: ${variants[*]}" >&2
echo "  CLIPS:      $clips $anchor/rules.clp $draft" >&2
echo "  cybernorms: $cybernorms batch -j 1 $scenarios > records  ($("$cybernorms" --version))" >&2
identical=yes
for round in $(seq "$pairs"); do
  timed clips "$round" "$tmp/clips.out" "$clips" "$anchor/rules.clp" "$draft"
  show_run clips
  timed compact "$round" "$tmp/compact.jsonl" "$cybernorms" batch -j 1 "$scenarios"
  show_run compact
  if [ -n "$explain" ]; then
    timed brief "$round" "|count" "$cybernorms" batch -j 1 --explain brief "$scenarios"
    show_run brief
  fi
  if ((jobs2)); then
    timed compact-j2 "$round" "$tmp/compact-j2.jsonl" "$cybernorms" batch -j 2 "$scenarios"
    show_run compact-j2
    if ! cmp -s "$tmp/compact.jsonl" "$tmp/compact-j2.jsonl"; then
      echo "bench-clips: round $round: the records of -j 1 and -j 2 differ" >&2
      identical=NO
    fi
    timed null-j1 "$round" "|null" "$cybernorms" batch -j 1 "$scenarios"
    show_run null-j1
    timed null-j2 "$round" "|null" "$cybernorms" batch -j 2 "$scenarios"
    show_run null-j2
  fi
done

# --- what each produced, per scenario (not timed) ------------------------------------------
clips_conclusions=$(sed -n 's/.*conclusions \([0-9.]*\)$/\1/p' "$tmp/clips.out")
clips_bad=$(sed -n 's/^scenarios [0-9]* (bad \([0-9]*\)).*/\1/p' "$tmp/clips.out")
[ "${clips_bad:-0}" = 0 ] || echo "bench-clips: warning: CLIPS skipped $clips_bad lines it could not read" >&2
counts=$(python3 - "$tmp/compact.jsonl" <<'EOF'
import json, sys
records = evaluated = findings = possible = size = 0
with open(sys.argv[1], "rb") as lines:
    for line in lines:
        records += 1
        size += len(line)
        record = json.loads(line)
        if record.get("ok"):
            evaluated += 1
            findings += len(record["findings"])
            possible += sum(1 for finding in record["findings"] if finding.get("level") == "possible")
each = max(evaluated, 1)
print(records, evaluated, findings / each, possible / each, size / max(records, 1))
EOF
) || fail "counting the findings in the records failed"
read -r records evaluated findings possible bytes <<<"$counts"
((records == n)) || fail "$records records for $n lines"
((evaluated == n)) || echo "bench-clips: warning: $((n - evaluated)) of $n scenarios were rejected" >&2

# --- medians -------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column() { awk -v c="$2" '{ print $c }' "$tmp/$1.runs" | median; }
# Median over the rounds of (wall of A) / (wall of B), A and B of the same round.
ratio() {
  awk 'NR == FNR { wall[$1] = $2; next } $1 in wall { print wall[$1] / $2 }' "$tmp/$1.runs" "$tmp/$2.runs" | median |
    awk '{ printf "%.2f", $1 }'
}

echo
echo "N=$n scenarios, medians of $pairs rounds, whole process, one run after the other:"
printf '%-20s %8s %8s %7s %8s %8s %8s %7s %14s  %s\n' "" "us/sc." "user" "sys" "idle" "others" "steal" "peak MB" \
  "ratio" "per scenario"
for variant in "${variants[@]}"; do
  wall=$(column "$variant" 2)
  user=$(column "$variant" 3)
  sys=$(column "$variant" 4)
  kib=$(column "$variant" 5)
  others=$(column "$variant" 6)
  idle=$(column "$variant" 7)
  steal=$(column "$variant" 8)
  case $variant in
    clips) against="1" what="$clips_conclusions conclusions" ;;
    compact) against="$(ratio compact clips)x CLIPS"
      what=$(printf '%.1f findings (%.1f possible), %.0f bytes' "$findings" "$possible" "$bytes") ;;
    brief) against="$(ratio brief clips)x CLIPS"
      what=$(printf '%.0f bytes (the same findings)' "$(awk -v b="$(cat "$tmp/brief.bytes")" -v n="$n" 'BEGIN { print b / n }')") ;;
    compact-j2) against="speedup $(ratio compact compact-j2)"
      what="records byte-identical to -j 1 in every round: $identical" ;;
    null-j1) against="$(ratio null-j1 clips)x CLIPS" what="the same records, not kept" ;;
    null-j2) against="speedup $(ratio null-j1 null-j2)" what="against -j 1 > /dev/null" ;;
  esac
  awk -v name="${label[$variant]}" -v wall="$wall" -v user="$user" -v sys="$sys" -v idle="$idle" -v kib="$kib" \
    -v others="$others" -v steal="$steal" -v n="$n" -v against="$against" -v what="$what" 'BEGIN {
      printf "%-20s %8.1f %8.1f %7.1f %8.1f %8.1f %8.1f %7.1f %14s  %s\n", name, wall * 1e6 / n, user * 1e6 / n,
        sys * 1e6 / n, idle * 1e6 / n, others * 1e6 / n, steal * 1e6 / n, kib / 1024, against, what }'
done
echo "us/sc.: wall clock, and the columns after it, in microseconds a scenario; user and sys: the process's CPU;"
echo "idle: wall * threads - user - sys, the time its threads were not on a CPU (waiting for the disk or for"
echo "each other, or stalled by the host); others: CPU the machine spent outside the process during its run"
echo "(and the write-back after it); steal: CPU the hypervisor took from the machine's CPUs meanwhile"
echo "ratio: median of the per-round ratios of wall clock, cybernorms / CLIPS (above 1: slower than CLIPS);"
echo "for -j 2 its speedup, -j 1 / -j 2 of the same round (above 1: faster)"
[ "$identical" = yes ] || fail "the records of -j 1 and -j 2 differ"
