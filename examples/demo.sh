#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make demo: runs hugi on the bundled demo data and says where the results are.
set -euo pipefail
hugi=${1:-build/cli/hugi}
echo "hugi demo: $($hugi version | head -1)"
echo "(the demo shop arrives with the scan stage; for now hugi shows its subcommands)"
$hugi help
