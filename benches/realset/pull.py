#!/usr/bin/env python3
"""Write the labelled set's texts from saved answers of the search tool (corpus "pages").

    benches/realset/pull.py ANSWER.json... [--out /work/realset-texts] [--labels articles.toml]

Each ANSWER.json is one answer of the search tool as it returns it ({"results": [{"url", "excerpt"},
...]}), for one of the queries listed in articles.toml (`query`). For every article whose `url`
is among the results, `<id>.txt` is written in the way pull.md describes: the excerpt with leading
and trailing white space removed, a blank line, the address on a line of its own, a final newline;
UTF-8. It then says which articles are still missing and which files differ from the `sha256`
recorded when the set was made (the store may have changed; score with what you pulled, and say so).
Standard library only.
"""

import argparse
import hashlib
import json
import os
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))


def text_of(result, url):
    return result["excerpt"].strip() + "\n\n" + url + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("answers", nargs="+")
    ap.add_argument("--out", default="/work/realset-texts")
    ap.add_argument("--labels", default=os.path.join(HERE, "articles.toml"))
    args = ap.parse_args()
    articles = [a for a in tomllib.load(open(args.labels, "rb"))["article"] if a["part"] != "seeds"]
    by_url = {a["url"]: a for a in articles}
    os.makedirs(args.out, exist_ok=True)
    written = set()
    for path in args.answers:
        answer = json.load(open(path, encoding="utf-8"))
        for result in answer.get("results", []):
            url = result.get("url") or ""
            # The store has been seen to hand back a recorded https address as http (pp39).
            a = by_url.get(url) or by_url.get(url.replace("http://", "https://", 1))
            if a is None or "excerpt" not in result:
                continue
            with open(os.path.join(args.out, a["id"] + ".txt"), "w", encoding="utf-8", newline="\n") as f:
                # The recorded address, whichever form came back.
                f.write(text_of(result, a["url"]))
            written.add(a["id"])
    changed = []
    for a in articles:
        p = os.path.join(args.out, a["id"] + ".txt")
        if os.path.exists(p) and hashlib.sha256(open(p, "rb").read()).hexdigest() != a.get("sha256"):
            changed.append(a["id"])
    missing = [a["id"] for a in articles if not os.path.exists(os.path.join(args.out, a["id"] + ".txt"))]
    print(f"wrote {len(written)} text(s) into {args.out}")
    print(f"missing: {' '.join(missing) or 'none'}")
    print(f"differ from the recorded sha256: {' '.join(changed) or 'none'}")
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
