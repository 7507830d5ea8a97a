#!/usr/bin/env bash
# The Debian package on this kind of machine: `apt-get install ./shortpath_*.deb`, then the
# installed binary, manual page and completions are used from a folder with no Swift
# toolchain on PATH, and the package is removed again. Needs root (CI runs as root).
#
#   bash Tests/package/deb-test.sh shortpath_VERSION_ARCH.deb
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
deb=$(realpath "${1:?usage: deb-test.sh shortpath_VERSION_ARCH.deb}")
[ "$(id -u)" = 0 ] || { echo "deb-test: needs root: it installs $deb with apt-get and removes it again" >&2; exit 1; }
if dpkg-query -W -f '${Status}' shortpath 2>/dev/null | grep -q "install ok installed"; then
  echo "deb-test: a shortpath package is already installed; this test would remove it, so it stops" >&2
  exit 1
fi
work=$(mktemp -d)
installed=no
cleanup() {
  [ "$installed" = no ] || DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq shortpath > /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
failures=0 passed=0
expect() {
  local what=$1; shift
  if "$@"; then echo "ok   $what"; passed=$((passed + 1)); else echo "FAIL $what"; failures=$((failures + 1)); fi
}

DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" > "$work/apt.log" 2>&1 || { cat "$work/apt.log"; exit 1; }
installed=yes
# Only the system's folders on PATH: no /opt/swift, no /usr/local, nothing of the build.
clean_env=(env -i HOME="$work" LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin)

expect "no Swift toolchain on the test's PATH"  bash -c "! ${clean_env[*]} sh -c 'command -v swift swiftc' > /dev/null"
expect "the package installed /usr/bin/shortpath" test "$("${clean_env[@]}" sh -c 'command -v shortpath')" = /usr/bin/shortpath
"${clean_env[@]}" shortpath --version > "$work/version" 2>&1 || true
cat "$work/version"
expect "--version names shortpath and both libraries" \
  grep -qzP '^shortpath [0-9.]+\nlibcmark-gfm [0-9][^\n]*\nlibyaml [0-9][^\n]*\n$' "$work/version"
ldd /usr/bin/shortpath > "$work/ldd"
sed 's/^/     ldd: /' "$work/ldd"
expect "every linked library is found"          bash -c "! grep -q 'not found' '$work/ldd'"
expect "no Swift runtime library is linked"     bash -c "! grep -qiE 'swift|Foundation|dispatch|/opt/' '$work/ldd'"

mkdir "$work/inventory"
cp -R "$here/content" "$work/inventory/content"
(cd "$work/inventory" && "${clean_env[@]}" shortpath build --today 2026-11-27 > "$work/build.log" 2>&1) || cat "$work/build.log"
expect "the installed binary builds the example" test -f "$work/inventory/public/index.html"
expect "... with every service's rollback page"  test "$(find "$work/inventory/public/services" -path "*/rollback/index.html" | wc -l)" -ge 5
(cd "$work/inventory" && "${clean_env[@]}" shortpath check --format sarif --today 2026-11-27 > "$work/check.sarif") && status=0 || status=$?
expect "check exits 1 on the example's errors"  test "$status" = 1
expect "man finds the installed page"           test "$("${clean_env[@]}" man -w shortpath)" = /usr/share/man/man1/shortpath.1.gz
"${clean_env[@]}" shortpath --experimental-dump-help > "$work/commands.json"
MANWIDTH=200 "${clean_env[@]}" man -P cat shortpath > "$work/manual.txt" 2> /dev/null
expect "the page shows every command and option" python3 "$here/Tests/package/manual-covers.py" "$work/commands.json" "$work/manual.txt"
expect "bash completion loads"                  bash -c "source /usr/share/bash-completion/completions/shortpath && complete -p shortpath | grep -q _shortpath"
expect "zsh and fish completions installed"     test -s /usr/share/zsh/vendor-completions/_shortpath -a -s /usr/share/fish/vendor_completions.d/shortpath.fish
expect "shortpath-publish installed"            test -x /usr/bin/shortpath-publish

DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq shortpath > /dev/null 2>&1
installed=no
expect "removing the package removes its files" \
  bash -c "! test -e /usr/bin/shortpath && ! test -e /usr/share/man/man1/shortpath.1.gz && ! test -e /usr/share/bash-completion/completions/shortpath"
# make install and make uninstall under another PREFIX and DESTDIR (built already by make deb).
make -s -C "$here" install PREFIX=/opt/shortpath DESTDIR="$work/stage" > /dev/null
expect "make install honours PREFIX and DESTDIR" test -x "$work/stage/opt/shortpath/bin/shortpath" -a -f "$work/stage/opt/shortpath/share/man/man1/shortpath.1"
make -s -C "$here" uninstall PREFIX=/opt/shortpath DESTDIR="$work/stage" > /dev/null
expect "make uninstall removes every file"     test -z "$(find "$work/stage" -type f)"
echo "$passed passed, $failures failed"
[ "$failures" -eq 0 ]
