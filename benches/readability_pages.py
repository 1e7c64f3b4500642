#!/usr/bin/env python3
"""Title, date and author of real saved pages, against Readability's expected metadata.

    benches/readability_pages.py --dossier target/release/dossier --pages DIR [-v]

DIR is `test/test-pages` of a checkout of mozilla/readability (not committed here: fetch it and
point at it). Each of its folders holds a saved page (`source.html`, the whole page as a browser
got it) and `expected-metadata.json`, what Readability's maintainers recorded as the page's title,
byline and publication time. The pages come from many sites and years (news, blogs, Wikipedia,
documentation, several languages) and were never tuned on by this project before this script.

All pages are imported by one `dossier import` into a fresh dossier, then each article's front
matter is compared with the expected metadata:

* title: equal once white space is collapsed and case folded;
* date: the expected `publishedTime`'s day against the article's `date` (ok / wrong / missing);
  a date where Readability records none is counted apart, not as an error;
* author: the expected `byline` holds the article's `author`, or the other way round (case folded).

Standard library only (Python 3.11 for tomllib).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib


def norm(s):
    return " ".join((s or "").split()).casefold()


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    if not text.startswith("+++"):
        return {}
    return tomllib.loads(text[3:text.index("\n+++", 3)])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dossier", required=True)
    ap.add_argument("--pages", required=True, help="test/test-pages of a mozilla/readability checkout")
    ap.add_argument("-v", action="store_true", help="list every miss")
    args = ap.parse_args()
    dossier = os.path.abspath(args.dossier)
    pages = sorted(d for d in glob.glob(os.path.join(os.path.abspath(args.pages), "*"))
                   if os.path.exists(os.path.join(d, "source.html")) and os.path.exists(os.path.join(d, "expected-metadata.json")))
    if not pages:
        sys.exit(f"no test pages in {args.pages}")
    with tempfile.TemporaryDirectory() as work:
        root = os.path.join(work, "d")
        subprocess.run([dossier, "init", root], check=True, capture_output=True)
        for f in glob.glob(os.path.join(root, "content", "articles", "*.md")):
            os.remove(f)  # the welcome article
        sources = [os.path.join(p, "source.html") for p in pages]
        subprocess.run([dossier, "import", "--quiet", "--into", root, *sources], capture_output=True)
        by_page = {}
        for path in glob.glob(os.path.join(root, "content", "articles", "*.md")):
            fm = front_matter(path)
            src = fm.get("source", "")
            by_page[os.path.basename(os.path.dirname(src))] = fm

    titles = dates_ok = dates_wrong = dates_missing = dates_extra = dated = authors = bylines = 0
    misses = []
    for p in pages:
        name = os.path.basename(p)
        want = json.load(open(os.path.join(p, "expected-metadata.json"), encoding="utf-8"))
        got = by_page.get(name)
        if got is None:
            misses.append(f"{name}: not imported")
            continue
        if norm(got.get("title")) == norm(want.get("title")):
            titles += 1
        else:
            misses.append(f"{name}: title {got.get('title')!r}, expected {want.get('title')!r}")
        want_day = (want.get("publishedTime") or "")[:10]
        got_day = str(got.get("date", ""))
        if re.fullmatch(r"\d{4}-\d\d-\d\d", want_day):
            dated += 1
            if got_day == want_day:
                dates_ok += 1
            elif got_day:
                dates_wrong += 1
                misses.append(f"{name}: date {got_day}, expected {want_day}")
            else:
                dates_missing += 1
                misses.append(f"{name}: no date, expected {want_day}")
        elif got_day:
            dates_extra += 1
        byline, author = norm(want.get("byline")), norm(got.get("author"))
        if byline:
            bylines += 1
            if author and (author in byline or byline in author):
                authors += 1
            elif args.v:
                misses.append(f"{name}: author {got.get('author')!r}, byline {want.get('byline')!r}")

    print(f"pages: {len(pages)}, imported: {len(by_page)}")
    print(f"titles equal: {titles} of {len(by_page)}")
    print(f"dates (of {dated} with a recorded publishedTime): {dates_ok} ok, {dates_wrong} wrong, {dates_missing} missing;"
          f" {dates_extra} dated where none is recorded")
    print(f"authors found in the byline: {authors} of {bylines} with a byline")
    if args.v:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
