#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian packages hugi needs, only those missing, so `make test` and `make demo` work
# on a fresh Debian 12. Idempotent: when everything is present it runs no apt-get at all.
#   scripts/deps.sh            build + demo needs
#   scripts/deps.sh test       plus what only the tests need (a PostgreSQL server to run the
#                              PostgreSQL store's tests against; make test asks for it)
#   scripts/deps.sh fuzz       plus clang and libFuzzer
#   scripts/deps.sh bench      plus the peers the benchmarks compare with
set -euo pipefail
pkgs=(build-essential cmake pkg-config libcurl4-openssl-dev libxml2-dev libyajl-dev
      libsqlite3-dev libutf8proc-dev libcmocka-dev libpq-dev python3 ca-certificates)
for extra in "$@"; do
    case "$extra" in
    test) pkgs+=(postgresql) ;;
    fuzz) pkgs+=(clang libclang-rt-14-dev) ;;
    bench)
        pkgs+=(clang python3-extruct python3-scrapy nginx-light curl hyperfine time postgresql)
        # The npm peers need node and npm; a machine that has them from elsewhere (a newer
        # Node.js) must not get Debian's, whose npm conflicts with it.
        command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)
        ;;
    *) echo "deps.sh: unknown group '$extra' (test, fuzz, bench)" >&2; exit 2 ;;
    esac
done
missing=()
for p in "${pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "hugi: installing missing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=sudo
    else
        echo "hugi: not root; install them first, then run make again:" >&2
        echo "  sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
