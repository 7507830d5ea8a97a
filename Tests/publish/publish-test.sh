#!/usr/bin/env bash
# make publish and make publish-rollback against a local folder: releases, the atomic
# `current` switch, and one-command rollback.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
expect() { local what=$1; shift; if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi; }

mkdir -p "$work/site-a" "$work/site-b"
for v in a b; do
  echo "<!DOCTYPE html><title>$v</title>" > "$work/site-$v/index.html"
  echo "same" > "$work/site-$v/shared.txt"
  touch "$work/site-$v/.shortpath-output"
done
dest="$work/srv/inventory"
make -s -C "$here" publish SITE="$work/site-a" DEST="$dest" > /dev/null
sleep 1
make -s -C "$here" publish SITE="$work/site-b" DEST="$dest" > /dev/null
expect "two releases kept"            test "$(ls "$dest/releases" | wc -l)" -eq 2
expect "current is the new release"   grep -q "<title>b</title>" "$dest/current/index.html"
expect "current is a symlink"         test -L "$dest/current"
first=$(ls "$dest/releases" | sort | head -1); second=$(ls "$dest/releases" | sort | tail -1)
expect "unchanged files hard-linked"  test "$(stat -c %i "$dest/releases/$first/shared.txt")" = "$(stat -c %i "$dest/releases/$second/shared.txt")"
make -s -C "$here" publish-rollback DEST="$dest" > /dev/null
expect "rollback restores the previous release" grep -q "<title>a</title>" "$dest/current/index.html"
expect "a second rollback has nowhere to go" bash -c "! make -s -C '$here' publish-rollback DEST='$dest' 2>/dev/null"
expect "not a built site is refused"  bash -c "! '$here/scripts/publish' '$work' '$dest' 2>/dev/null"
echo "$((7 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
