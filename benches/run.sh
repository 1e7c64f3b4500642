#!/usr/bin/env bash
# Benchmark `dossier build` against the floor (read the same Markdown files,
# render them with pulldown-cmark, write one HTML file each), on generated
# dossiers of 1k, 10k and 100k articles.
#
#   benches/run.sh                 # all three sizes, 5 runs each (100k: 3)
#   SIZES="1000 10000" RUNS=7 benches/run.sh
#
# Needs hyperfine (Debian: apt-get install -y hyperfine) and GNU time
# (/usr/bin/time). Corpora are generated once into $BENCH_DIR (default
# /tmp/dossier-bench) by examples/gen-corpus.rs, which is deterministic, so
# the same sizes are the same files on every machine. Prints a Markdown
# table; BENCHMARKS.md records one run of it.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-5}
BENCH_DIR=${BENCH_DIR:-/tmp/dossier-bench}
mkdir -p "$BENCH_DIR"

for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y hyperfine time)" >&2; exit 1; }
done

cargo build --release --quiet --bin dossier --example gen-corpus --example floor
BIN=$PWD/target/release/dossier
GEN=$PWD/target/release/examples/gen-corpus
FLOOR=$PWD/target/release/examples/floor

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Peak resident memory (MB) of one command, median over $2 runs.
peak_mb() {
  local cmd=$1 runs=$2
  for _ in $(seq "$runs"); do
    eval "$PREPARE"
    /usr/bin/time -f '%M' -o "$BENCH_DIR/time.txt" bash -c "$cmd" >/dev/null 2>&1
    echo $(( $(tail -n 1 "$BENCH_DIR/time.txt") / 1024 ))
  done | median
}

# Median wall time (s) of hyperfine's JSON export.
hf_median() { python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dossier $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'), $(rustc --version)"
echo
echo "| articles | floor (s) | build (s) | build / floor | pages/s | peak RSS build (MB) | peak RSS floor (MB) | output | floor output | no-change rebuild (s) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"

for n in $SIZES; do
  corpus=$BENCH_DIR/corpus-$n
  [ -d "$corpus" ] || "$GEN" "$n" "$corpus" 2>/dev/null
  runs=$RUNS
  [ "$n" -ge 100000 ] && runs=$(( RUNS < 3 ? RUNS : 3 ))
  site=$BENCH_DIR/site-$n
  floor_out=$BENCH_DIR/floor-$n
  # Both start from an empty output folder on every run: a full build.
  PREPARE="rm -rf '$site' '$floor_out'"
  hyperfine --style none --warmup 1 --runs "$runs" --prepare "rm -rf '$floor_out'" --prepare "rm -rf '$site'" \
    --export-json "$BENCH_DIR/hf-$n.json" \
    -n floor "$FLOOR $corpus $floor_out" \
    -n build "$BIN build $corpus --out $site" >/dev/null 2>&1
  floor_s=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print("%.3f" % r[0]["median"])' "$BENCH_DIR/hf-$n.json")
  build_s=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print("%.3f" % r[1]["median"])' "$BENCH_DIR/hf-$n.json")
  pages=$(find "$site" -name '*.html' | wc -l)
  out_size=$(du -sh "$site" | cut -f1)
  floor_size=$(du -sh "$floor_out" | cut -f1)
  floor_mb=$(peak_mb "$FLOOR $corpus $floor_out" "$runs")
  build_mb=$(peak_mb "$BIN build $corpus --out $site" "$runs")
  # Rebuild with nothing changed: dossier has no cache, so this is a full build over an existing site.
  hyperfine --style none --runs "$runs" --export-json "$BENCH_DIR/hf-$n-again.json" \
    "$BIN build $corpus --out $site" >/dev/null 2>&1
  again_s=$(hf_median "$BENCH_DIR/hf-$n-again.json")
  ratio=$(python3 -c "print('%.2f' % ($build_s / $floor_s))")
  pps=$(python3 -c "print('%.0f' % ($pages / $build_s))")
  echo "| $n | $floor_s | $build_s | $ratio | $pps | $build_mb | $floor_mb | $out_size ($pages pages) | $floor_size | $again_s |"
done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
