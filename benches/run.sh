#!/usr/bin/env bash
# Benchmark `dossier build` against the floor (read the same Markdown files,
# render them with pulldown-cmark, write one HTML file each), on generated
# dossiers of 1k, 10k and 100k articles.
#
#   benches/run.sh                 # all three sizes, 5 runs each (100k: 3)
#   SIZES="1000 10000" RUNS=7 benches/run.sh
#   RUNS_100K=1 benches/run.sh     # 100k once (about a minute a run when the machine is idle)
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
RUNS_100K=${RUNS_100K:-3}
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


echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dossier $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'), $(rustc --version)"
echo
echo "| articles | runs | floor wall (s) | build wall (s) | build / floor | floor CPU (s) | build CPU (s) | CPU ratio | pages/s | floor peak RSS (MB) | build peak RSS (MB) | floor output | build output |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"

for n in $SIZES; do
  corpus=$BENCH_DIR/corpus-$n
  [ -d "$corpus" ] || "$GEN" "$n" "$corpus" 2>/dev/null
  runs=$RUNS warmup=1
  [ "$n" -ge 100000 ] && runs=$RUNS_100K warmup=0
  site=$BENCH_DIR/site-$n
  floor_out=$BENCH_DIR/floor-$n
  rss_build=$BENCH_DIR/rss-build-$n.txt
  rss_floor=$BENCH_DIR/rss-floor-$n.txt
  rm -f "$rss_build" "$rss_floor"
  # Both start from an empty output folder on every run (a full build), and
  # alternate run by run, so a burst of load from other users hits both.
  # GNU time records each run's peak RSS (the warm-up run included).
  hyperfine --style none --warmup "$warmup" --runs "$runs" \
    --prepare "rm -rf '$floor_out'" --prepare "rm -rf '$site'" \
    --export-json "$BENCH_DIR/hf-$n.json" \
    -n floor "/usr/bin/time -f %M -a -o $rss_floor $FLOOR $corpus $floor_out" \
    -n build "/usr/bin/time -f %M -a -o $rss_build $BIN build $corpus --out $site" >/dev/null 2>&1
  read -r floor_s build_s floor_cpu build_cpu < <(python3 -c '
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"]
cpu = lambda x: statistics.median(u + s for u, s in zip(x["user"], x["system"])) if "user" in x and isinstance(x["user"], list) else x["user"] + x["system"]
print("%.3f %.3f %.2f %.2f" % (r[0]["median"], r[1]["median"], cpu(r[0]), cpu(r[1])))' "$BENCH_DIR/hf-$n.json")
  floor_mb=$(awk '{print int($1/1024)}' "$rss_floor" | median)
  build_mb=$(awk '{print int($1/1024)}' "$rss_build" | median)
  pages=$(find "$site" -name '*.html' | wc -l)
  out_size=$(du -sh "$site" | cut -f1)
  floor_size=$(du -sh "$floor_out" | cut -f1)
  ratio=$(python3 -c "print('%.2f' % ($build_s / $floor_s))")
  cpu_ratio=$(python3 -c "print('%.2f' % ($build_cpu / $floor_cpu))")
  pps=$(python3 -c "print('%.0f' % ($pages / $build_s))")
  echo "| $n | $runs | $floor_s | $build_s | $ratio | $floor_cpu | $build_cpu | $cpu_ratio | $pps | $floor_mb | $build_mb | $floor_size | $out_size ($pages pages) |"
done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
