#!/usr/bin/env bash
# Benchmarks (not tests): prints figures. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh test
source tools/env.sh
trunk build --release
node tools/bench/run.mjs "$@"
