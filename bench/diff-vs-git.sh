#!/usr/bin/env bash
# diff-vs-git.sh — time redline's clause-aware diff against git's word diffs.
#
#   bench/diff-vs-git.sh [OLD NEW [REWRITE]]
#
# Without arguments it generates (bench/gendoc) two revisions of a ~1 MB
# Chinese policy document — about 2% of clauses edited, a few inserted and
# deleted, one programme inserted — and an unrelated document of the same
# size (a full rewrite). It builds redline, then times, on the same files:
#
#   redline diff --no-index OLD NEW --format json -o /dev/null
#   git diff --no-index --word-diff OLD NEW
#   git diff --no-index --word-diff-regex=. OLD NEW     (character word diff)
#
# side by side: bench/sidebyside.py runs the three in turn, RUNS rounds
# after WARMUP, so that a shared machine whose speed drifts slows all three
# alike (without python3: hyperfine, one command after another, else the
# median of RUNS runs timed with date +%s%N). It prints the median times
# and their 25th percentiles, the ratio redline / git character diff, peak
# memory (median /usr/bin/time -v max RSS) as a multiple of the input size,
# and the mean processor time (user + system, all threads) of each.
# Targets (issue 3): redline no slower than git's character word diff on
# the 2% pair, within 2x on the full rewrite, memory under 20x the input.
#
# Environment: RUNS (default 30), WARMUP (default 2), RSS_RUNS (peak memory
# is the median of this many runs, default 3), SIZE (bytes, default
# 1000000), KEEP=1 keeps the temporary directory.
set -euo pipefail

RUNS=${RUNS:-30}
RSS_RUNS=${RSS_RUNS:-3}
WARMUP=${WARMUP:-2}
SIZE=${SIZE:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
if [[ ${KEEP:-0} != 1 ]]; then
	trap 'rm -rf "$tmp"' EXIT
else
	echo "keeping $tmp" >&2
fi

cd "$root"
if [[ $# -ge 2 ]]; then
	old=$1 new=$2 rewrite=${3:-}
else
	go run ./bench/gendoc -size "$SIZE" -out "$tmp"
	old=$tmp/old.txt new=$tmp/new.txt rewrite=$tmp/rewrite.txt
fi
# A static build, as released (README: Install): no C library to load.
CGO_ENABLED=0 go build -o "$tmp/redline" ./cmd/redline
redline=$tmp/redline

# The commands, as plain argument lists (no shell in the timed runs). git
# diff exits 1 when the files differ; that is not a failure here.
# Each cmd_ prints a command line with its paths quoted; run and rss_kb eval
# it, hyperfine -N splits it itself.
cmd_redline() { printf '%q diff --no-index %q %q --format json -o /dev/null' "$redline" "$1" "$2"; }
cmd_word() { printf 'git diff --no-index --word-diff %q %q' "$1" "$2"; }
cmd_char() { printf 'git diff --no-index --word-diff-regex=. %q %q' "$1" "$2"; }

run() { eval "$1" >/dev/null 2>&1 || [[ $? == 1 ]]; }

# median_ms CMDLINE: median wall time of RUNS runs, in milliseconds.
median_ms() {
	local c=$1 i s e
	local -a ts=()
	for ((i = 0; i < WARMUP; i++)); do run "$c"; done
	for ((i = 0; i < RUNS; i++)); do
		s=$(date +%s%N)
		run "$c"
		e=$(date +%s%N)
		ts+=($(((e - s) / 1000)))
	done
	printf '%s\n' "${ts[@]}" | sort -n | awk '{v[NR]=$1} END {m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%.2f", m/1000}'
}

# hyperfine_ms CMDLINE: median wall time from hyperfine, in milliseconds.
hyperfine_ms() {
	local json=$tmp/hf.json
	hyperfine -N -i --style none --warmup "$WARMUP" --runs "$RUNS" --export-json "$json" "$1" >/dev/null 2>&1
	python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$json"
}

# rss_kb CMDLINE: peak resident memory in KiB, the median of RSS_RUNS runs
# (one run's peak varies with when the collector happens to run).
rss_kb() {
	local i
	for ((i = 0; i < RSS_RUNS; i++)); do
		eval "/usr/bin/time -v -o $(printf %q "$tmp/rss") $1" >/dev/null 2>&1 || true
		awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/rss"
	done | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
}

# cpu_ms CMDLINE: mean processor time (user + system, all threads) of RUNS
# runs, in milliseconds: steadier than wall time on a shared machine.
cpu_ms() {
	local c=$1 i t total=0
	for ((i = 0; i < RUNS; i++)); do
		t=$({ TIMEFORMAT='%3U %3S'; time run "$c"; } 2>&1 | awk '{printf "%d", ($1 + $2) * 1000000}')
		total=$((total + t))
	done
	awk -v t="$total" -v n="$RUNS" 'BEGIN {printf "%.2f", t / n / 1000}'
}

time_ms=median_ms
if command -v python3 >/dev/null; then
	time_ms=sidebyside
elif command -v hyperfine >/dev/null; then
	time_ms=hyperfine_ms
fi
have_time=0
[[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1 && have_time=1

compare() {
	local name=$1 a=$2 b=$3 in tr tw tc
	in=$(($(stat -c %s "$a") + $(stat -c %s "$b")))
	echo
	echo "== $name: $(basename "$a") ($(stat -c %s "$a") B) vs $(basename "$b") ($(stat -c %s "$b") B); timer ${time_ms%_ms}, $RUNS runs"
	if ! eval "$(cmd_redline "$a" "$b")" 2>"$tmp/err"; then
		echo "  redline diff failed: $(head -1 "$tmp/err")"
		return 0
	fi
	local cr cc
	if [[ $time_ms == sidebyside ]]; then
		# One interleaved run of the three: median, 25th percentile, cpu.
		local -a lines
		mapfile -t lines < <(python3 "$root/bench/sidebyside.py" "$RUNS" "$WARMUP" \
			"$(cmd_redline "$a" "$b")" "$(cmd_word "$a" "$b")" "$(cmd_char "$a" "$b")")
		read -r tr qr cr <<<"${lines[0]}"
		read -r tw qw _ <<<"${lines[1]}"
		read -r tc qc cc <<<"${lines[2]}"
		awk -v r="$tr" -v w="$tw" -v c="$tc" -v qr="$qr" -v qw="$qw" -v qc="$qc" 'BEGIN {
			printf "  %-34s %9.1f ms  (25th percentile %.1f)\n", "redline diff --format json", r, qr
			printf "  %-34s %9.1f ms  (25th percentile %.1f)\n", "git diff --word-diff", w, qw
			printf "  %-34s %9.1f ms  (25th percentile %.1f)\n", "git diff --word-diff-regex=.", c, qc
			printf "  ratio redline / git char diff: %.2f (25th percentiles %.2f)   redline / git word diff: %.2f\n", r / c, qr / qc, r / w
		}'
	else
		tr=$($time_ms "$(cmd_redline "$a" "$b")")
		tw=$($time_ms "$(cmd_word "$a" "$b")")
		tc=$($time_ms "$(cmd_char "$a" "$b")")
		awk -v r="$tr" -v w="$tw" -v c="$tc" 'BEGIN {
			printf "  %-34s %9.1f ms\n", "redline diff --format json", r
			printf "  %-34s %9.1f ms\n", "git diff --word-diff", w
			printf "  %-34s %9.1f ms\n", "git diff --word-diff-regex=.", c
			printf "  ratio redline / git char diff: %.2f   redline / git word diff: %.2f\n", r / c, r / w
		}'
		cr=$(cpu_ms "$(cmd_redline "$a" "$b")")
		cc=$(cpu_ms "$(cmd_char "$a" "$b")")
	fi
	awk -v r="$cr" -v c="$cc" 'BEGIN {
		printf "  cpu (user+sys, mean): redline %.1f ms, git char diff %.1f ms, ratio %.2f\n", r, c, r / c
	}'
	if [[ $have_time == 1 ]]; then
		local mr mc
		mr=$(rss_kb "$(cmd_redline "$a" "$b")")
		mc=$(rss_kb "$(cmd_char "$a" "$b")")
		awk -v r="$mr" -v c="$mc" -v sz="$in" 'BEGIN {
			printf "  peak RSS redline %.1f MiB = %.1fx input (%d B); git char diff %.1f MiB = %.1fx\n",
				r / 1024, r * 1024 / sz, sz, c / 1024, c * 1024 / sz
		}'
	fi
}

compare "2% edited" "$old" "$new"
if [[ -n ${rewrite:-} ]]; then
	compare "full rewrite" "$old" "$rewrite"
fi
