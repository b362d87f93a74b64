#!/bin/sh
# serve.sh — time every page of redline serve on a 1 MB document with
# hundreds of revisions, and judge each against 300 ms after warm-up.
#
#   bench/serve.sh [REVS] [SIZE]        (defaults 300 and 1000000)
#
# It runs BenchmarkPages in web/: a repository of REVS revisions of a
# synthetic plan of about SIZE bytes (internal/synth), committed with
# redline (a stage every 50 revisions, a comment every third, settled by the
# next), served over HTTP on 127.0.0.1. Each page is asked for once (the
# warm-up: "first ms") and then N times more ("ms", the mean). Building the
# repository takes a few minutes; set REPO=DIR to keep it there and reuse it
# on the next run. N is BENCHTIME (default 10x).
#
# Exit status 1 when any page takes over 300 ms after warm-up.
set -eu
REVS=${1:-300}
SIZE=${2:-1000000}
BENCHTIME=${BENCHTIME:-10x}
root=$(cd "$(dirname "$0")/.." && pwd)
repo=${REPO:-}
if [ -z "$repo" ]; then
	repo=$(mktemp -d)
	trap 'rm -rf "$repo"' EXIT
	rmdir "$repo"
fi
cd "$root"
if ! out=$(go test ./web -run '^$' -bench '^BenchmarkPages$' -benchtime "$BENCHTIME" -timeout 60m \
	-bench.revs "$REVS" -bench.size "$SIZE" -bench.repo "$repo" 2>&1); then
	echo "$out"
	exit 1
fi
echo "redline serve: $REVS revisions of a $SIZE-byte document"
echo "$out" | awk '
	/^BenchmarkPages\// {
		name = $1; sub(/^BenchmarkPages\//, "", name); sub(/-[0-9]+$/, "", name)
		ms = ""; first = ""
		for (i = 2; i < NF; i++) {
			if ($(i+1) == "ns/op") ms = $i / 1e6
			if ($(i+1) == "first-ms") first = $i
		}
		verdict = (ms <= 300) ? "ok" : "SLOW"
		if (ms > 300) bad = 1
		printf "%-20s first %7.0f ms   after warm-up %7.1f ms   %s\n", name, first, ms, verdict
		n++
	}
	END {
		if (n == 0) { print "no figures (did the benchmark fail?)"; exit 1 }
		if (bad) { print "FAIL: a page takes over 300 ms after warm-up"; exit 1 }
		print "PASS: every page within 300 ms after warm-up"
	}'
