#!/bin/sh
# history-vs-git.sh: the history of one clause over N revisions (default
# 1,000) of a ~100 KB document, written with plain git (git fast-import,
# fixed dates) and then adopted, timed cold (.git/redline removed) and warm,
# side by side with `git log -p --follow -- plan.md`.
#
# Usage: bench/history-vs-git.sh [N] [SIZE]      (from the module root)
# Uses the redline CLI when it builds (cmd/redline), else bench/history.
set -eu
N=${1:-1000}
SIZE=${2:-100000}
RUNS=${RUNS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
go build -o "$work/history" ./bench/history
tool="$work/history"
if go build -o "$work/redline" ./cmd/redline 2>/dev/null; then
	cli="$work/redline"
else
	cli=""
fi

repo="$work/repo"
git init -q -b main "$repo"
"$tool" gen -n "$N" -size "$SIZE" | git -C "$repo" fast-import --quiet
git -C "$repo" checkout -q main
git -C "$repo" gc -q    # a repository as a host or a clone has it: packed
label=$("$tool" label -n "$N" -size "$SIZE")
bytes=$(wc -c < "$repo/plan.md")
echo "history: $N revisions of plan.md ($bytes bytes), clause $label"
"$tool" time -repo "$repo" -clause "$label" -path plan.md >/dev/null # adopt: nothing to write

now() { date +%s.%N; }
# best of RUNS
best() {
	b=""
	i=0
	while [ $i -lt "$RUNS" ]; do
		s=$(now)
		"$@" >/dev/null 2>&1
		e=$(now)
		t=$(echo "$e - $s" | bc)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
		i=$((i + 1))
	done
	echo "$b"
}
gitlog() { git -C "$repo" log -p --follow -- plan.md; }
if [ -n "$cli" ]; then
	hist() { "$cli" --repo "$repo" history "$label" plan.md; }
	how="redline history (CLI)"
else
	hist() { "$tool" time -repo "$repo" -clause "$label" -path plan.md; }
	how="repo.History (bench/history)"
fi
cold() { rm -rf "$repo/.git/redline"; hist; }

g=$(best gitlog)
c=$(best cold)
hist >/dev/null 2>&1
w=$(best hist)
printf '%-36s %8.3f s\n' "git log -p --follow -- plan.md" "$g"
printf '%-36s %8.3f s   ratio %.2f (target <= 3)\n' "$how, cold" "$c" "$(echo "$c / $g" | bc -l)"
printf '%-36s %8.3f s   ratio %.2f (target <= 0.5)\n' "$how, warm" "$w" "$(echo "$w / $g" | bc -l)"
