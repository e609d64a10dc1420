# SPDX-License-Identifier: MIT
# Sourced by the scan tests: serve_shop SRC_DIR TMP SECONDS copies the demo shop
# (SRC_DIR/examples/demo-shop) to TMP/shop, serves it on 127.0.0.1 at a random free port for
# at most SECONDS (request log in TMP/http.log), waits until it answers (WAIT seconds at most, an
# optional 4th argument, default 20; else the test fails there with a message, exit 1), and
# sets `server` (its pid, for the caller's cleanup) and DEMO_BASE (exported, as
# examples/demo.conf wants).
# shop_test SRC_DIR SECONDS is the whole set-up of a scan test script: a temporary directory
# `tmp` removed at exit with the server killed, `fail MSG...`, the fixed clock and locale, no
# HUGI_CONFIG, the shop served, and `conf` (examples/demo.conf).
serve_shop() {
    local src=$1 tmp=$2 secs=$3 wait=${4:-20} port end
    cp -r "$src/examples/demo-shop" "$tmp/shop"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    timeout "$secs" python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/shop" \
        >"$tmp/http.log" 2>&1 &
    server=$!
    # WAIT seconds at most (4th argument, default 20); a server that died or never answers
    # ends the test here: every later step would only fail against a dead address
    end=$((SECONDS + wait))
    while ! python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; do
        if ! kill -0 "$server" 2>/dev/null || [ "$SECONDS" -ge "$end" ]; then
            echo "FAIL: the demo shop's HTTP server did not answer on 127.0.0.1:$port within $wait s: $(tail -3 "$tmp/http.log" 2>/dev/null)"
            kill "$server" 2>/dev/null
            server=
            exit 1
        fi
        sleep 0.1
    done
    export DEMO_BASE=http://127.0.0.1:$port
}

shop_test() {
    local src=$1 secs=$2
    tmp=$(mktemp -d)
    server=
    trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
    export HUGI_NOW=2026-11-23T09:00:00Z HUGI_DATADIR=$src LC_ALL=C.UTF-8 TZ=UTC
    unset HUGI_CONFIG
    serve_shop "$src" "$tmp" "$secs"
    conf=$src/examples/demo.conf
    fail() {
        echo "FAIL: $*"
        exit 1
    }
}
