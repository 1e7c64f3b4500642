#!/usr/bin/env bash
# Benchmark: `dossier import` of 10,000 small plain-text articles into an
# empty dossier that has the example's actor registry (53 actors, ~200
# spellings), timed with hyperfine (median of several runs; each run starts
# from an empty content/articles/). A second measurement times the re-import
# of the same files, which must be a no-op.
#
# Between runs the previous run's articles are moved aside, not deleted:
# deleting 10,000 files just before creating 10,000 new ones makes ext4's
# inode allocator search its recently-deleted inodes (seen with perf as
# `recently_deleted` and `find_inode_bit`, half the run time), which measures
# the benchmark's cleanup rather than the import.
#
# Usage: benches/import.sh [FILES] [RUNS]     (defaults: 10000 files, 5 runs)
# Needs: cargo, hyperfine (`apt-get install -y hyperfine`).
set -euo pipefail

files=${1:-10000}
runs=${2:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
bin="$repo/target/release/dossier"

# Inputs: each file is one of the seeds' paragraphs, reshuffled and numbered,
# about 1-2 KB, so every file is different (no duplicates to skip) and has
# real names for the actor matcher to find.
mkdir -p "$work/inputs" "$work/dossier/content"
cp "$repo/content/actors.toml" "$work/dossier/content/"
printf 'title = "Bench"\nbase_url = "https://example.org/bench/"\n' > "$work/dossier/dossier.toml"
python3 - "$repo/seeds" "$work/inputs" "$files" <<'PY'
import os, random, sys
seeds, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
paragraphs = []
for name in sorted(os.listdir(seeds)):
    with open(os.path.join(seeds, name), encoding="utf-8") as f:
        paragraphs += [p.strip() for p in f.read().split("\n") if len(p.strip()) > 40]
rng = random.Random(42)
for i in range(n):
    body = rng.sample(paragraphs, 4)
    with open(os.path.join(out, f"{i:05d}.txt"), "w", encoding="utf-8") as f:
        f.write(f"Report {i}: talks continue\n\n" + "\n\n".join(body) + f"\n\nFiled as report {i}.\n")
PY
echo "inputs: $(ls "$work/inputs" | wc -l) files, $(du -sh "$work/inputs" | cut -f1)"

hyperfine --runs "$runs" --warmup 1 \
  --prepare "mv '$work/dossier/content/articles' '$work/aside-'\$(date +%s%N) 2>/dev/null || true" \
  --export-json "$work/fresh.json" \
  -n "import $files files" "'$bin' import --quiet --into '$work/dossier' '$work/inputs'"

"$bin" import --quiet --into "$work/dossier" "$work/inputs" 2>/dev/null || true
hyperfine --runs "$runs" --warmup 1 \
  --export-json "$work/again.json" \
  -n "re-import $files unchanged files" "'$bin' import --quiet --into '$work/dossier' '$work/inputs'"

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/fresh.json" "$work/again.json" <<'PY'
import json, sys
print("| benchmark | median | mean ± σ | min | max | user | system |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        print(f"| {r['command']} | {r['median']:.3f} s | {r['mean']:.3f} ± {r['stddev']:.3f} s | {r['min']:.3f} s | {r['max']:.3f} s | {r['user']:.3f} s | {r['system']:.3f} s |")
PY
