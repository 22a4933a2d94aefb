#!/usr/bin/env bash
# Build the app and serve it on 127.0.0.1 with its embedded demo data and the
# demo CPI API (submissions are stored in .demo-api/store.jsonl).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh serve
source tools/env.sh
trunk build --release
port="${PORT:-8080}"
echo "== Sportello Lavoro: open http://127.0.0.1:${port}/ (Ctrl+C to stop)"
exec node tools/demo-server.mjs --dist dist --store .demo-api/store.jsonl --port "$port"
