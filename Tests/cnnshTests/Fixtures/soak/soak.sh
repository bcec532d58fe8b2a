#!/usr/bin/env bash
# A long REPL session piped into cnnsh: block.cnn (build, fit, predict, four errors, save and
# load) repeated N times, in a scratch folder. Prints cnnsh's output; each block ends with a
# line "block 2 (64, 3) 3011 <megabytes resident>".
#   soak.sh CNNSH_BINARY [N=60]
set -euo pipefail
binary=$(realpath "$1"); n=${2:-60}
block=$(realpath "$(dirname "$0")/block.cnn")
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
{ echo "seed(0)"; for _ in $(seq "$n"); do cat "$block"; done; } | CNNSH_HISTORY="$scratch/history" "$binary"
