#!/usr/bin/env bash
# Edit-to-reload latency of `dossier serve` on a 10,000-article dossier.
# Figures and method: benches/SERVE.md.
#   benches/serve.sh [EDITS]        (default 20 edits)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CORPUS:-/tmp/serve-bench}
if [ ! -d "$corpus" ]; then
  cargo run --release --example gen-corpus -- 10000 "$corpus"
fi
cargo build --release --bin dossier --example serve-bench
./target/release/examples/serve-bench "$corpus" "${1:-20}" 2> >(grep -v '^  server: ' >&2)
