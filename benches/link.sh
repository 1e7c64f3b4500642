#!/usr/bin/env bash
# How fast `dossier suggest` is on generated dossiers of 1k, 10k and 100k articles.
# Usage: RUNS=3 benches/link.sh [SIZES...]     (default sizes: 1000 10000 100000)
# Prints one Markdown table row per size: median wall time, mean CPU (user + system),
# median peak RSS, and the median of each step's time as `dossier suggest` reports it.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
DIR=${BENCH_DIR:-/tmp/link-bench}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 100000)
mkdir -p "$DIR"
cargo build --release --quiet --bin dossier --example gen-corpus
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dossier $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes), $(rustc --version)"
echo
echo "| articles | runs | wall median (s) | CPU mean (s) | peak RSS median (MB) | steps (median ms) | related links | near-duplicate pairs |"
echo "|---:|---:|---:|---:|---:|---|---:|---:|"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for n in "${SIZES[@]}"; do
  corpus="$DIR/corpus-$n"
  [ -d "$corpus" ] || ./target/release/examples/gen-corpus "$n" "$corpus" >&2
  : > "$DIR/runs-$n.txt"
  for r in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$DIR/time.txt" ./target/release/dossier suggest "$corpus" > "$DIR/out-$n.txt" 2> "$DIR/err-$n.txt"
    echo "$(cat "$DIR/time.txt") $(grep '^linked' "$DIR/err-$n.txt" | sed 's/.*(\(.*\))/\1/')" >> "$DIR/runs-$n.txt"
  done
  wall=$(awk '{print $1}' "$DIR/runs-$n.txt" | median)
  cpu=$(awk '{s += $2 + $3} END {printf "%.2f", s / NR}' "$DIR/runs-$n.txt")
  rss=$(awk '{printf "%.0f\n", $4 / 1024}' "$DIR/runs-$n.txt" | median)
  steps=""
  for step in features candidates scoring events evidence; do
    m=$(grep -o "$step [0-9.]* ms" "$DIR/runs-$n.txt" | awk '{print $2}' | median)
    steps="$steps$step $(printf '%.0f' "$m"), "
  done
  summary=$(tail -1 "$DIR/out-$n.txt")
  links=$(echo "$summary" | sed 's/.* \([0-9]*\) related-article.*/\1/')
  dups=$(echo "$summary" | sed 's/.* \([0-9]*\) near-duplicate.*/\1/')
  echo "| $n | $RUNS | $wall | $cpu | $rss | ${steps%, } | $links | $dups |"
done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
