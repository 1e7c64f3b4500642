#!/usr/bin/env python3
"""Count page debris left in imported articles: furniture lines and stray `##` headings.

    benches/import_debris.py --dossier target/release/dossier [--texts /work/realset-texts]

Imports every `<id>.txt` of the labelled set (benches/realset/, texts never committed) into a
fresh dossier and reads the bodies back. Two counts:

* furniture kept: lines of page furniture (menus, buttons, labels, consent banners, ad slots,
  player times) that a reader of the raw texts marked in FURNITURE below, still present in the
  article's body. This list is the measure's gold labels, not what the importer uses.
* stray headings: `##` headings that do not open a paragraph of prose (the last block, a
  heading followed by another short line) or are one word long; and all `##` headings.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

# Gold: furniture lines per article, as they appear in the raw text (whole line, trimmed).
FURNITURE = {
    "br02": ["Left Menu"],
    "cb01": ["Get more newsLiveon"],
    "cb08": ["financetom", "Economy", "/"],
    "cb09": ["NEWS / Brief News", "Please sign in and then enter your comment"],
    "cl06": ["403"],
    "cl15": ["NacionalNoticias"],
    "st03": ["Our Privacy Statement & Cookie Policy", "I agree", "00:51", "Search Trends",
             "By continuing to browse our site you agree to our use of cookies, revised Privacy Policy and Terms of Use. You can change your cookie settings through your browser."],
    "ua03": ["0:00", "5:36", "Story continues below advertisement"],
    "ua10": ["read more in our Telegram-channel https://t.me/The_International_Affairs"],
    "ua15": ["Share and Follow"],
    "ua21": ["2 MIN READ"],
    "ua28": ["News Feed", "3 min read"],
    "ua45": ["Рус"],
    "ua47": ["Видео", "Україна", "Ua ru"],
    "ua48": ["Головна Країна Політика", "glavcom.ua"],
    "ua51": ["403"],
}


def body_of(path):
    text = open(path, encoding="utf-8").read()
    if text.startswith("+++"):
        end = text.index("+++", 3)
        return text[end + 3:]
    return text


def is_prose(block):
    return len(block.split()) >= 8 and block.rstrip().endswith((".", "!", "?", '"', "”", "»", "…", ")"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossier", required=True)
    ap.add_argument("--texts", default="/work/realset-texts")
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.texts, "*.txt")))
    if not files:
        sys.exit(f"no texts in {args.texts}: see benches/realset/pull.md")
    with tempfile.TemporaryDirectory() as work:
        root = os.path.join(work, "d")
        subprocess.run([args.dossier, "init", root], check=True, capture_output=True)
        subprocess.run([args.dossier, "import", "--quiet", "--into", root, *files], capture_output=True)
        articles = os.path.join(root, "content", "articles")
        by_id = {}
        for path in glob.glob(os.path.join(articles, "*.md")):
            m = re.search(r'^source = "(?:.*/)?([a-z]+\d+)\.txt"', open(path, encoding="utf-8").read(), re.M)
            if m:
                by_id[m.group(1)] = path
        kept, gold, stray, headings, with_debris = 0, 0, 0, 0, set()
        for ident, path in sorted(by_id.items()):
            blocks = [b.strip() for b in body_of(path).split("\n\n") if b.strip()]
            lines = {l.strip() for b in blocks for l in b.split("\n")}
            for line in FURNITURE.get(ident, []):
                gold += 1
                if line in lines:
                    kept += 1
                    with_debris.add(ident)
            for i, b in enumerate(blocks):
                if b.startswith("## "):
                    headings += 1
                    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                    if nxt is None or not is_prose(nxt) or len(b[3:].split()) < 2:
                        stray += 1
                        with_debris.add(ident)
        print(f"articles imported: {len(by_id)} of {len(files)}")
        print(f"furniture lines kept: {kept} of {gold} marked")
        print(f"headings: {headings}, stray: {stray}")
        print(f"articles with furniture or a stray heading: {len(with_debris)} ({' '.join(sorted(with_debris))})")


if __name__ == "__main__":
    main()
