#!/usr/bin/env bash
# repo-vs-git.sh — time redline's in-repository path against git on the same
# repository, as a user runs both.
#
#   bench/repo-vs-git.sh
#
# It generates (bench/gendoc) two revisions of a ~1 MB Chinese policy
# document (about 2% of items edited, a few inserted and deleted), builds
# redline as released (CGO_ENABLED=0), commits the two with `redline commit
# --stage A` and `--stage B` into a fresh repository, and then times, side by
# side on that repository:
#
#   redline diff A B --format F     (json, text, html, markdown, table)
#                                   vs git diff A B --word-diff-regex=.
#   redline show HEAD plan.md       vs git show HEAD:plan.md
#   redline log                     vs git log
#   redline history CLAUSE plan.md  vs git log -p -- plan.md
#   redline --help                  vs a Go program that does nothing
#   cobra --help                    the same for a cobra program that does
#                                   nothing (bench/cobrafloor): the floor of
#                                   any command line built on cobra
#
# git diff's character word diff is the nearest thing git has to a redline
# of Chinese text (its default word diff sees a Chinese sentence as one
# word). For history, git log -p -- plan.md is what a git user reads to
# follow a clause: every revision's patch of the document; redline also
# finds the clause however it was renumbered or moved. The empty Go program
# is the floor any Go command starts from (runtime start-up, no work).
#
# All commands run interleaved (bench/sidebyside.py: each round runs each
# command once, in an order rotated from round to round), so that a shared
# machine whose speed drifts slows them alike. Output goes to /dev/null. It
# prints each command's median wall time, 25th percentile and mean processor
# time (user + system, all threads), and the ratios redline / git.
# Targets (issue 11): diff ≤ 1.0x git's character word diff in every
# format, show ≤ 2x git show, --help ≤ 1.5x the empty program.
#
# Environment: RUNS (default 20), WARMUP (default 2), SIZE (bytes, default
# 1000000), BASE (a second redline binary, e.g. one built from an older
# commit, timed alongside for before/after figures; the two share the
# repository's derived data, so a binary that writes a cache in another
# version rewrites what the other wrote, and both pay for it), KEEP=1 keeps
# the temporary directory.
set -euo pipefail

RUNS=${RUNS:-20}
WARMUP=${WARMUP:-2}
SIZE=${SIZE:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
if [[ ${KEEP:-0} != 1 ]]; then
	trap 'rm -rf "$tmp"' EXIT
else
	echo "keeping $tmp" >&2
fi
command -v python3 >/dev/null || {
	echo "repo-vs-git.sh: needs python3 (bench/sidebyside.py)" >&2
	exit 1
}

cd "$root"
go run ./bench/gendoc -size "$SIZE" -out "$tmp"
CGO_ENABLED=0 go build -o "$tmp/redline" ./cmd/redline
redline=$tmp/redline
mkdir "$tmp/empty"
printf 'package main\n\nfunc main() {}\n' >"$tmp/empty/main.go"
printf 'module empty\n\ngo 1.21\n' >"$tmp/empty/go.mod"
(cd "$tmp/empty" && CGO_ENABLED=0 go build -o "$tmp/empty-go" .)
CGO_ENABLED=0 go build -o "$tmp/cobrafloor" ./bench/cobrafloor

repo=$tmp/repo
mkdir "$repo"
(
	cd "$repo"
	"$redline" init >/dev/null
	cp "$tmp/old.txt" plan.md
	"$redline" commit -m "征求意见稿" --stage A --date 2024-01-01 >/dev/null
	cp "$tmp/new.txt" plan.md
	"$redline" commit -m "送审稿" --stage B --date 2024-02-01 >/dev/null
)
# A clause that changed between A and B, for history.
clause=$("$redline" --repo "$repo" diff A B --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(next(c["new_label"] for c in d["documents"][0]["changes"] if c["kind"] == "modified"))')
echo "repository: plan.md, $(stat -c %s "$tmp/old.txt") B at A, $(stat -c %s "$tmp/new.txt") B at B; history of clause $clause"

# name|command line, in the order printed. Commands run in $repo.
cmds=()
add() { cmds+=("$1|$2"); }
q() { printf '%q' "$1"; }
for f in json text html markdown table; do
	add "redline diff A B --format $f" "$(q "$redline") diff A B --format $f"
done
add "git diff A B --word-diff-regex=." "git diff A B --word-diff-regex=."
add "redline show HEAD plan.md" "$(q "$redline") show HEAD plan.md"
add "git show HEAD:plan.md" "git show HEAD:plan.md"
add "redline log" "$(q "$redline") log"
add "git log" "git log"
add "redline history CLAUSE plan.md" "$(q "$redline") history $(q "$clause") plan.md"
add "git log -p -- plan.md" "git log -p -- plan.md"
add "redline --help" "$(q "$redline") --help"
add "empty Go program" "$(q "$tmp/empty-go")"
add "cobra --help (bench/cobrafloor)" "$(q "$tmp/cobrafloor") --help"
if [[ -n ${BASE:-} ]]; then
	for f in json text html markdown table; do
		add "BASE diff A B --format $f" "$(q "$BASE") diff A B --format $f"
	done
	add "BASE show HEAD plan.md" "$(q "$BASE") show HEAD plan.md"
	add "BASE log" "$(q "$BASE") log"
	add "BASE history CLAUSE plan.md" "$(q "$BASE") history $(q "$clause") plan.md"
	add "BASE --help" "$(q "$BASE") --help"
fi

# Warm the derived-data cache as a user's first run would, then time.
for c in "${cmds[@]}"; do (cd "$repo" && eval "${c#*|}" >/dev/null 2>&1) || true; done
lines=()
for c in "${cmds[@]}"; do lines+=("${c#*|}"); done
mapfile -t res < <(cd "$repo" && python3 "$root/bench/sidebyside.py" "$RUNS" "$WARMUP" "${lines[@]}")

declare -A med cpu
echo
printf '%-36s %10s %10s %10s\n' "timer: sidebyside, $RUNS runs" "median ms" "25th pct" "cpu ms"
for i in "${!cmds[@]}"; do
	name=${cmds[$i]%%|*}
	read -r m p c <<<"${res[$i]}"
	med[$name]=$m
	cpu[$name]=$c
	printf '%-36s %10.1f %10.1f %10.1f\n' "$name" "$m" "$p" "$c"
done

echo
printf '%-70s %8s %8s %8s\n' "ratio (wall medians; cpu means)" "wall" "cpu" "target"
ratio() { # name, over, target
	awk -v a="${med[$1]}" -v b="${med[$2]}" -v ca="${cpu[$1]}" -v cb="${cpu[$2]}" -v n="$1 / $2" -v t="$3" \
		'BEGIN {printf "%-70s %8.2f %8.2f %8s\n", n, a / b, ca / cb, t}'
}
for f in json text html markdown table; do
	ratio "redline diff A B --format $f" "git diff A B --word-diff-regex=." "<= 1.0"
done
ratio "redline show HEAD plan.md" "git show HEAD:plan.md" "<= 2"
ratio "redline log" "git log" ""
ratio "redline history CLAUSE plan.md" "git log -p -- plan.md" ""
ratio "redline --help" "empty Go program" "<= 1.5"
ratio "cobra --help (bench/cobrafloor)" "empty Go program" "(floor)"
if [[ -n ${BASE:-} ]]; then
	for f in json text html markdown table; do
		ratio "BASE diff A B --format $f" "git diff A B --word-diff-regex=." "(before)"
	done
	ratio "BASE show HEAD plan.md" "git show HEAD:plan.md" "(before)"
	ratio "BASE log" "git log" "(before)"
	ratio "BASE history CLAUSE plan.md" "git log -p -- plan.md" "(before)"
	ratio "BASE --help" "empty Go program" "(before)"
fi
