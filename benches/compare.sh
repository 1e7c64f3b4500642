#!/usr/bin/env bash
# dossier side by side with the floor and Hugo on the same generated articles.
#
#   benches/compare.sh 10000          # N articles (default 10000), R=5 rounds
#   R=3 benches/compare.sh 1000
#   ANNOTATED=0 benches/compare.sh 100000   # leave out dossier's annotated corpus
#   DOSSIER=/path/to/dossier benches/compare.sh   # another build of dossier (not built here)
#
# The corpus is `$SHARED/bench/gen_corpus.py` (one set of articles written for
# Hugo and, through `to_dossier.py`, for dossier; 40 actors, 300 events, no
# annotations), generated once into $CORPUS_DIR. Every round runs each program
# once, in turn, from an empty output folder on tmpfs ($OUT_DIR, default
# /dev/shm): the floor (`$SHARED/bench/limit`: read, pulldown-cmark, write one
# file per article), `dossier build`, `hugo`, and `hugo` with cross-links
# (each article page lists the other articles of its events, as dossier's
# pages do). With ANNOTATED=1 (the default at 10k and below) the round also
# runs the floor and `dossier build` on dossier's own annotated corpus
# (`examples/gen-corpus.rs`, the corpus of benches/run.sh and BENCHMARKS.md).
# Alternating means a burst of load from other users of the machine hits every
# program alike: quote the ratios, which are measured in one run.
#
# After the rounds: a full build of dossier, then R builds with nothing changed
# (the annotated corpus, or the plain one with a base_url).
#
# Recorded per run with GNU time (`/usr/bin/time -f`): wall, CPU (user + system)
# and peak RSS; per program, the output's bytes (`du -sb`) and the median size
# of an article page. Prints a Markdown table of medians and ratios.
#
# Needs python3, GNU time, cargo; installs Hugo (Debian package `hugo`) with
# apt-get if it is missing. Run from a clone with `../shared` beside it, or set
# SHARED.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-${N:-10000}}
R=${R:-5}
SHARED=${SHARED:-../shared}
SHARED=$(cd "$SHARED" && pwd)
CORPUS_DIR=${CORPUS_DIR:-/tmp/dossier-compare}
OUT_DIR=${OUT_DIR:-/dev/shm/dossier-compare}
# Above 10k: no annotated corpus, and no cross-links (each Hugo page would list
# hundreds of articles: tens of GB at 100k).
if [ "$N" -le 10000 ]; then ANNOTATED=${ANNOTATED:-1}; else ANNOTATED=${ANNOTATED:-0}; fi
if [ "$N" -le 10000 ]; then CROSSLINKS=${CROSSLINKS:-1}; else CROSSLINKS=${CROSSLINKS:-0}; fi

[ -x /usr/bin/time ] || { echo "missing GNU time (apt-get install -y time)" >&2; exit 1; }
if ! command -v hugo >/dev/null; then
  echo "installing hugo (apt-get install -y hugo)" >&2
  apt-get install -y hugo >/dev/null || { apt-get update >/dev/null && apt-get install -y hugo >/dev/null; }
fi

echo "building the floor and dossier (release)" >&2
cargo build --release --quiet --locked --manifest-path "$SHARED/bench/limit/Cargo.toml" --target-dir target/limit
FLOOR=$PWD/target/limit/release/limit
if [ -z "${DOSSIER:-}" ]; then
  cargo build --release --quiet --bin dossier
  DOSSIER=$PWD/target/release/dossier
fi

mkdir -p "$CORPUS_DIR" "$OUT_DIR"
plain=$CORPUS_DIR/plain-$N
if [ ! -d "$plain/dossier" ]; then
  echo "generating $N articles into $plain" >&2
  python3 "$SHARED/bench/gen_corpus.py" -n "$N" --out "$plain" >/dev/null
  python3 "$SHARED/bench/to_dossier.py" "$plain" >/dev/null
fi
crossed=$CORPUS_DIR/crosslinks-$N
if [ "$CROSSLINKS" = 1 ] && [ ! -d "$crossed/hugo" ]; then
  echo "generating $N articles with cross-links into $crossed" >&2
  python3 "$SHARED/bench/gen_corpus.py" -n "$N" --crosslinks --out "$crossed" >/dev/null
fi
annotated=$CORPUS_DIR/annotated-$N
if [ "$ANNOTATED" = 1 ] && [ ! -d "$annotated" ]; then
  echo "generating $N annotated articles into $annotated" >&2
  cargo build --release --quiet --example gen-corpus
  target/release/examples/gen-corpus "$N" "$annotated" 2>/dev/null
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(rustc --version)"
echo "dossier: $DOSSIER (tree at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo '+changes')); $(hugo version | cut -d' ' -f1-2)"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'); load at start: $(uptime | sed 's/.*load average: //')"

# name | command ({out} the output folder) | article pages under the output
progs=$(mktemp)
trap 'rm -f "$progs"' EXIT
{
  echo "floor|$FLOOR $plain/neutral/content {out}|articles/*/index.html"
  echo "dossier|$DOSSIER build $plain/dossier --out {out}|articles/*.html"
  echo "hugo|hugo --source $plain/hugo --destination {out} --quiet|articles/*/index.html"
  [ "$CROSSLINKS" = 1 ] && echo "hugo, cross-links|hugo --source $crossed/hugo --destination {out} --quiet|articles/*/index.html"
  if [ "$ANNOTATED" = 1 ]; then
    echo "floor, annotated corpus|$FLOOR $annotated/content {out}|articles/*/index.html"
    echo "dossier, annotated corpus|$DOSSIER build $annotated --out {out}|articles/*.html"
  fi
} >"$progs"

python3 - "$progs" "$OUT_DIR" "$R" "$N" "$DOSSIER" "$plain/dossier" <<'PY'
import glob, os, shutil, statistics, subprocess, sys, tempfile

progs_file, out_dir, rounds, n, dossier, plain = sys.argv[1:7]
rounds = int(rounds)
progs = [line.rstrip("\n").split("|") for line in open(progs_file) if line.strip()]

def timed(cmd):
    """Run cmd under GNU time: (wall s, user+sys s, peak RSS MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        r = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", t.name, "sh", "-c", cmd],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            sys.exit(f"failed ({r.returncode}): {cmd}\n{r.stderr[-2000:]}")
        wall, user, system, kb = t.read().split()[-4:]
    return float(wall), float(user) + float(system), int(kb) / 1024

def out_of(i):
    return os.path.join(out_dir, f"out-{i}")

runs = {name: [] for name, _, _ in progs}
for k in range(rounds):
    for i, (name, cmd, _) in enumerate(progs):
        out = out_of(i)
        shutil.rmtree(out, ignore_errors=True)
        runs[name].append(timed(cmd.replace("{out}", out)))
        w, c, m = runs[name][-1]
        print(f"round {k + 1}/{rounds} {name}: {w:.2f} s wall, {c:.2f} s CPU, {m:.0f} MB", file=sys.stderr)

def du(path):
    return int(subprocess.run(["du", "-sb", path], capture_output=True, text=True).stdout.split()[0])

rows = {}
for i, (name, _, pages) in enumerate(progs):
    out = out_of(i)
    sizes = [os.path.getsize(p) for p in glob.glob(os.path.join(out, pages))
             if os.path.basename(p) != "index.html" or pages.endswith("/index.html")]
    med = lambda j: statistics.median(r[j] for r in runs[name])
    rows[name] = dict(wall=med(0), cpu=med(1), rss=med(2), bytes=du(out),
                      page=statistics.median(sizes) if sizes else 0, pages=len(sizes))

# The no-change rebuild: one full build, then R more with nothing changed.
# Only a build without warnings is recorded as one to skip next time, and the
# plain corpus's settings keep a placeholder base_url (a warning): it gets one.
names = [p[0] for p in progs]
if "dossier, annotated corpus" in names:
    again_of, again_cmd = "annotated corpus", progs[names.index("dossier, annotated corpus")][1]
else:
    again_of, again_cmd = "plain corpus, with --base-url", f"{dossier} build {plain} --base-url https://example.org/bench/ --out {{out}}"
again_cmd = again_cmd.replace("{out}", os.path.join(out_dir, "again"))
shutil.rmtree(os.path.join(out_dir, "again"), ignore_errors=True)
timed(again_cmd)
again = [timed(again_cmd) for _ in range(rounds)]

def mb(b): return f"{b / 1e6:,.1f} MB"
def ratio(a, b): return f"{a / b:.1f}x" if b else "-"
floor_of = lambda name: rows["floor, annotated corpus" if "annotated" in name else "floor"]
print()
print(f"{n} articles, medians of {rounds} alternating runs, output on tmpfs ({out_dir})")
print()
print("| program | wall (s) | CPU (s) | peak RSS (MB) | output | article page (median) | CPU / floor | wall / floor | CPU / Hugo | RSS / Hugo | output / Hugo |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
hugo = rows["hugo"]
for name, r in rows.items():
    f = floor_of(name)
    vs_floor = ("", "") if name.startswith("floor") else (ratio(r["cpu"], f["cpu"]), ratio(r["wall"], f["wall"]))
    vs_hugo = ("", "", "") if name.startswith(("floor", "hugo")) or "annotated" in name else (
        ratio(r["cpu"], hugo["cpu"]), ratio(r["rss"], hugo["rss"]), ratio(r["bytes"], hugo["bytes"]))
    print(f"| {name} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss']:.0f} | {mb(r['bytes'])} | {r['page'] / 1e3:.1f} KB | "
          f"{vs_floor[0]} | {vs_floor[1]} | {' | '.join(vs_hugo)} |")
w = statistics.median(a[0] for a in again)
m = statistics.median(a[2] for a in again)
print()
print(f"dossier with nothing changed ({again_of}, {rounds} runs): {w:.2f} s wall median "
      f"({', '.join(f'{a[0]:.2f}' for a in again)}), {m:.0f} MB")
PY
echo
echo "load at end: $(uptime | sed 's/.*load average: //')"
