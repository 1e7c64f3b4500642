#!/usr/bin/env python3
"""Where an article page's bytes go, as medians over every 20th page of a built site.

    benches/page-weight.py SITE/articles

Splits each page (not `index.html`) into the parts the templates make: the
`<head>` (with its JSON-LD and Open Graph tags), the article body (with the
mention links' tags, and its text without tags), the related-coverage list,
the actor chips, the site's header and footer and the article's own header.
Prints one median per part, in bytes. Used for BENCHMARKS.md (issue 21).
"""
import os
import re
import statistics
import sys


def parts_of(html):
    def size(pattern):
        m = re.search(pattern, html, re.S)
        return len(m.group(0).encode()) if m else 0

    body = re.search(r'<div class="article-body".*?</div>\n<footer', html, re.S)
    body = body.group(0) if body else ""
    tags = re.findall(r'<a class="mention[^>]*>', body)
    return {
        "total": len(html.encode()),
        "head": size(r"<head>.*</head>"),
        "head: JSON-LD": size(r'<script type="application/ld\+json">.*?</script>'),
        "head: Open Graph": sum(len(m.encode()) for m in re.findall(r'<meta (?:property="og:|name="twitter|property="article)[^>]*>\n', html)),
        "body": len(body.encode()),
        "body: mention tags": sum(len(t) for t in tags) + 4 * len(tags),
        "body: mentions (count)": len(tags),
        "body: text": len(re.sub(r"<[^>]+>", "", body).encode()),
        "related coverage": size(r'<section class="related".*?</section>'),
        "actor chips": size(r'<section aria-labelledby="h-actors">.*?</section>'),
        "site header": size(r"<body.*?<main"),
        "site footer": size(r"</main>.*"),
        "article header": size(r'<header class="article-header">.*?</header>'),
    }


def main():
    folder = sys.argv[1]
    pages = sorted(f for f in os.listdir(folder) if f.endswith(".html") and f != "index.html")[::20]
    table = {}
    for name in pages:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for part, n in parts_of(f.read()).items():
                table.setdefault(part, []).append(n)
    print(f"{len(pages)} pages of {folder}")
    for part, values in table.items():
        print(f"{part:24} {statistics.median(values):>8.0f}")


if __name__ == "__main__":
    main()
