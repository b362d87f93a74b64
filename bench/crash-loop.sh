#!/bin/sh
# crash-loop.sh [ITERATIONS] [SEED]: kill `redline commit` and
# `redline comment import` with SIGKILL at random moments, many times, and
# check after each kill that the branch names a commit, nothing committed
# before is lost, git fsck --strict is clean and the next command works.
# CI runs the same test with 30 kills; run this for a long soak. A failing
# run logs its REDLINE_CRASH_SEED: pass it as SEED to replay it.
set -eu
cd "$(dirname "$0")/../cmd/redline"
REDLINE_CRASH_ITERATIONS=${1:-500}
export REDLINE_CRASH_ITERATIONS
if [ $# -ge 2 ]; then
	REDLINE_CRASH_SEED=$2
	export REDLINE_CRASH_SEED
fi
exec go test -count=1 -run '^TestCrashLoop$' -timeout 0 -v .
