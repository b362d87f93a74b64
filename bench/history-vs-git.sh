#!/bin/sh
# history-vs-git.sh: the history of one clause over N revisions (default
# 1,000) of a ~100 KB document, written with plain git (git fast-import,
# fixed dates) and then adopted, timed cold (.git/redline removed) and warm,
# side by side with `git log -p --follow -- plan.md`.
#
# Usage: bench/history-vs-git.sh [N] [SIZE]      (from anywhere)
# RUNS (default 3) runs each; the best is kept. Wall time and CPU time
# (user+sys) are both shown: on a shared machine the CPU ratio is steadier.
# Uses the redline CLI when it builds (cmd/redline), else bench/history.
set -eu
N=${1:-1000}
SIZE=${2:-100000}
RUNS=${RUNS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
CGO_ENABLED=0 go build -o "$work/history" ./bench/history
tool="$work/history"
cli=""
if CGO_ENABLED=0 go build -o "$work/redline" ./cmd/redline 2>/dev/null; then
	cli="$work/redline"
fi

repo="$work/repo"
git init -q -b main "$repo"
"$tool" gen -n "$N" -size "$SIZE" | git -C "$repo" fast-import --quiet
git -C "$repo" checkout -q main
git -C "$repo" gc -q # packed, as a clone or a host has it
label=$("$tool" label -n "$N" -size "$SIZE")
bytes=$(wc -c <"$repo/plan.md")
echo "history: $N revisions of plan.md ($bytes bytes) written with plain git, clause $label"

# measure CMD...: prints "wall cpu" of the best of RUNS runs (by wall time).
measure() {
	best=""
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		/usr/bin/time -f "%e %U %S" -o "$work/t" "$@" >/dev/null 2>"$work/err" || {
			cat "$work/err" >&2
			exit 1
		}
		read -r e u s <"$work/t"
		c=$(echo "$u + $s" | bc)
		if [ -z "$best" ] || [ "$(echo "$e < ${best% *}" | bc)" = 1 ]; then best="$e $c"; fi
		i=$((i + 1))
	done
	echo "$best"
}
if [ -n "$cli" ]; then
	hist="'$cli' --repo '$repo' history '$label' plan.md"
	how="redline history (CLI)"
else
	hist="'$tool' time -repo '$repo' -clause '$label' -path plan.md"
	how="repo.History (bench/history)"
fi

set -- $(measure sh -c "git -C '$repo' log -p --follow -- plan.md")
gw=$1 gc=$2
set -- $(measure sh -c "rm -rf '$repo/.git/redline'; $hist")
cw=$1 cc=$2
sh -c "$hist" >/dev/null
set -- $(measure sh -c "$hist")
ww=$1 wc=$2

printf '%-32s %7s %7s %12s %11s\n' "" "wall s" "cpu s" "wall ratio" "cpu ratio"
printf '%-32s %7.2f %7.2f\n' "git log -p --follow -- plan.md" "$gw" "$gc"
printf '%-32s %7.2f %7.2f %12.2f %11.2f   (target <= 3)\n' "$how, cold" "$cw" "$cc" "$(echo "$cw / $gw" | bc -l)" "$(echo "$cc / $gc" | bc -l)"
printf '%-32s %7.2f %7.2f %12.2f %11.2f   (target <= 0.5)\n' "$how, warm" "$ww" "$wc" "$(echo "$ww / $gw" | bc -l)" "$(echo "$wc / $gc" | bc -l)"
