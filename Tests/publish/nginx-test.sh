#!/usr/bin/env bash
# Serves the built example site under /inventory/ with nginx, using the configuration the
# README recommends (examples/nginx/inventory.conf), crawls it with linkchecker, and checks
# status codes and headers with curl. Usage: nginx-test.sh SHORTPATH_BINARY
set -euo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port/inventory/"
mkdir -p "$work/www" "$work/tmp"
"$bin" build --source "$here" --output "$work/www/inventory" --today 2026-11-27 --base-url "$base" >/dev/null
chmod -R a+rX "$work/www"

sed -e "s#/srv/www#$work/www#" "$here/examples/nginx/inventory.conf" > "$work/site.conf"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  default_type application/octet-stream;
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  fastcgi_temp_path $work/tmp/fastcgi;
  uwsgi_temp_path $work/tmp/uwsgi;
  scgi_temp_path $work/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    include $work/site.conf;
  }
}
CONF
nginx -c "$work/nginx.conf"
for _ in $(seq 50); do curl -fs -o /dev/null "$base" && break; sleep 0.1; done

failures=0
expect() { # description, command...
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
header() { curl -s -D - -o /dev/null "${@:2}" "$1" | tr -d '\r'; }
has() { grep -qi "$1"; }

index=$(header "$base")
expect "index: 200"                     has "^HTTP/1.1 200" <<< "$index"
expect "index: text/html"               has "^content-type: text/html" <<< "$index"
expect "index: no-cache"                has "^cache-control: no-cache" <<< "$index"
expect "index: nosniff"                 has "^x-content-type-options: nosniff" <<< "$index"
expect "index: content security policy" has "^content-security-policy: default-src 'none'" <<< "$index"
css=$(ls "$work/www/inventory/assets/" | grep '\.css$')
asset=$(header "${base}assets/$css" -H 'Accept-Encoding: gzip')
expect "asset: text/css"                has "^content-type: text/css" <<< "$asset"
expect "asset: cached a year"           has "^cache-control: public, max-age=31536000, immutable" <<< "$asset"
expect "asset: gzip"                    has "^content-encoding: gzip" <<< "$asset"
expect "asset: nosniff"                 has "^x-content-type-options: nosniff" <<< "$asset"
expect "json: application/json"         has "^content-type: application/json" <<< "$(header "${base}findings.json")"
expect "csv: text/csv"                  has "^content-type: text/csv" <<< "$(header "${base}inventory.csv")"
missing=$(header "${base}services/no-such-service/")
expect "missing page: 404"              has "^HTTP/1.1 404" <<< "$missing"
expect "missing page: the site's page"  has "Page not found" <<< "$(curl -s "${base}services/no-such-service/")"
expect "folder: index.html"             has "Storefront web" <<< "$(curl -s "${base}services/storefront-web/")"

cat > "$work/linkcheckerrc" <<'RC'
[checking]
threads=4
[filtering]
checkextern=0
[AnchorCheck]
RC
if linkchecker --config "$work/linkcheckerrc" --no-status -o text "$base" > "$work/links.txt" 2> "$work/links.err"; then
  echo "ok   linkchecker: no broken link or anchor"
else
  echo "FAIL linkchecker:"; grep -B2 -A8 "^Result.*Error" "$work/links.txt" | head -40; tail -5 "$work/links.err"
  failures=$((failures + 1))
fi
summary=$(grep "links in .* URLs checked" "$work/links.txt" || true)
links=$(sed -n 's/.* \([0-9]*\) links in .*/\1/p' <<< "$summary")
pages=$(find "$work/www/inventory" -name '*.html' | wc -l)
echo "linkchecker: ${summary:-no summary}; the site has $pages pages"
[ "${links:-0}" -ge "$pages" ] || { echo "FAIL linkchecker checked only ${links:-0} URLs for $pages pages"; failures=$((failures + 1)); }
checks=15
echo "$((checks + 1 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
