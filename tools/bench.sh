#!/usr/bin/env bash
# Benchmarks (not tests): prints figures. See docs/benchmarks.md.
#   bash tools/bench.sh                              build the release, then every section
#   bash tools/bench.sh --only size,lighthouse       only those sections (still builds)
#   bash tools/bench.sh --no-build --only size       measure dist/ as it is (quick rerun)
# Sections: files, first-visit, size, lighthouse, vacancies. --million: 1,000,000 offers too.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
args=()
for arg in "$@"; do
  if [ "$arg" = "--no-build" ]; then build=0; else args+=("$arg"); fi
done
if [ "$build" = 1 ]; then
  bash tools/setup.sh test
  source tools/env.sh
  trunk build --release
else
  source tools/env.sh
  [ -f dist/index.html ] || { echo "bench: dist/ is not built (run without --no-build)" >&2; exit 1; }
  echo "bench: --no-build, measuring dist/ built $(date -r dist/index.html '+%Y-%m-%d %H:%M')" >&2
fi
node tools/bench/run.mjs "${args[@]}"
