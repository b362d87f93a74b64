#!/usr/bin/env bash
# profile.sh — where a redline command's processor time goes, as a user runs
# it: a fresh process each time, start-up excepted.
#
#   bench/profile.sh REPO RUNS redline-arguments...
#
# Builds redline with -tags profile (cmd/redline/profile.go: REDLINE_CPUPROFILE
# names the file a run writes its processor profile to), runs the command
# RUNS times in the redline repository REPO (bench/repo-vs-git.sh with KEEP=1
# leaves one), and prints the merged profile's heaviest functions, counting
# what they call. The merged profile is left in profile.out in the current
# directory for go tool pprof.
set -euo pipefail
if [[ $# -lt 3 ]]; then
	sed -n 4,5p "$0" >&2
	exit 2
fi
repo=$1 runs=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
out=$PWD/profile.out
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && CGO_ENABLED=0 go build -tags profile -o "$tmp/redline" ./cmd/redline)
for i in $(seq 1 "$runs"); do
	(cd "$repo" && REDLINE_CPUPROFILE="$tmp/$i.prof" "$tmp/redline" "$@" >/dev/null)
done
go tool pprof -proto "$tmp/redline" "$tmp"/*.prof >"$out" 2>/dev/null
go tool pprof -top -cum -nodecount=40 "$tmp/redline" "$out" 2>/dev/null | sed 1,5d
