#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make demo: serves the demo shop (examples/demo-shop) on 127.0.0.1, runs `hugi scan` twice —
# the second finds nothing new — and says where the digest and the alert files are.
# The reviews are dated around 2026-11-23 09:00 UTC, so the demo runs at that time (HUGI_NOW).
set -euo pipefail
hugi=$(cd "$(dirname "${1:-build/cli/hugi}")" && pwd)/$(basename "${1:-build/cli/hugi}")
here=$(cd "$(dirname "$0")" && pwd)
if ! "$hugi" scan --help 2>/dev/null | grep -q -- --backfill; then
    echo "(hugi scan is not built in this tree yet: the import demo instead)"
    exec bash "$here/demo-import.sh" "$hugi"
fi
out=${DEMO_OUT:-$PWD/demo-out}
rm -rf "$out"
mkdir -p "$out"
export HUGI_NOW=${HUGI_NOW:-2026-11-23T09:00:00Z}
export HUGI_DATADIR=${HUGI_DATADIR:-$(cd "$here/.." && pwd)}

# a free port, then the server; killed on any exit, and bounded in time whatever happens
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
timeout 300 python3 -m http.server "$port" --bind 127.0.0.1 --directory "$here/demo-shop" \
    >"$out/http.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
up=
for _ in $(seq 50); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && { up=1; break; }
    sleep 0.1
done
[ -n "$up" ] || { echo "hugi demo: error: the HTTP server did not answer on 127.0.0.1:$port within 5 s ($out/http.log)" >&2; kill $server 2>/dev/null; exit 1; }
export DEMO_BASE=http://127.0.0.1:$port DEMO_DIR=$out

echo "hugi demo: $("$hugi" version | head -1), demo shop at $DEMO_BASE"
echo
echo "== first scan"
"$hugi" -v --config "$here/demo.conf" scan || rc=$?
[ "${rc:-0}" -le 0 ] || [ "${rc:-0}" -eq 3 ] || exit "$rc"
echo
echo "== second scan (nothing new: conditional GET, no new alerts)"
"$hugi" -v --config "$here/demo.conf" scan
echo
echo "== open alerts"
"$hugi" --config "$here/demo.conf" alerts --open --format table
echo
echo "Digest:       $out/reports/digest.html (and digest.md)"
echo "Alert files:  $(ls -d "$out"/alerts/*/ | head -1)alerts.csv (and alerts.jsonl)"
echo "Open alerts:  $out/alerts/open-alerts.csv"
# The config with this run's values filled in, so the commands below work after the demo's
# shop server has stopped (alerts, complaints, report and ack read only the store).
sed -e "s#\${DEMO_DIR}#$out#g" -e "s#\${DEMO_BASE}#$DEMO_BASE#g" "$here/demo.conf" >"$out/hugi.conf"
echo "Config:       $out/hugi.conf (this run's paths filled in)"
echo "Complaints:   $hugi --config $out/hugi.conf complaints"
echo "Acknowledge:  $hugi --config $out/hugi.conf ack ALERT_ID --by you --note 'refunded'"
