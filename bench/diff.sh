#!/usr/bin/env bash
# Benchmark `dossier diff` on a large dossier: this repository's example
# multiplied to N articles (default 1000), then a commit that edits every
# tenth article and adds an alias. Times the release binary for each format.
#
#   bench/diff.sh [N]      (writes nothing in the repository; prints a report)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
cargo build --release --quiet
BIN="$PWD/target/release/dossier"
WORK=$(mktemp -d /tmp/dossier-bench-diff.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
git clone -q . "$WORK/repo"
cd "$WORK/repo"
git config user.email bench@example.org
git config user.name bench
python3 - "$N" <<'PY'
import glob, sys
n = int(sys.argv[1])
originals = sorted(glob.glob("content/articles/*.md"))
texts = [open(p).read() for p in originals]
for i in range(max(0, n - len(originals))):
    open(f"content/articles/copy-{i:05d}.md", "w").write(texts[i % len(texts)])
PY
git add -A && git commit -qm base
python3 - <<'PY'
import glob
for n, p in enumerate(sorted(glob.glob("content/articles/copy-*.md"))):
    if n % 10 == 0:
        text = open(p).read().replace("Trump", "Donald Trump", 3)
        open(p, "w").write(text)
s = open("content/actors.toml").read().replace('aliases = ["Кремль"]', 'aliases = ["Кремль", "Moscow"]')
open("content/actors.toml", "w").write(s)
PY
git commit -qam edits
echo "dossier diff benchmark: $(ls content/articles | wc -l) articles, $(nproc) cores, $(git rev-parse --short HEAD~1)..$(git rev-parse --short HEAD)"
for format in markdown html json; do
  /usr/bin/time -f "$format: %e s wall, %M KiB max RSS" "$BIN" diff HEAD~1 HEAD --format "$format" --out "$WORK/out.$format" 2>&1
  echo "  output: $(wc -c < "$WORK/out.$format") bytes"
done
head -n 1 "$WORK/out.markdown"
