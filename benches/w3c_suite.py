#!/usr/bin/env python3
"""Run the W3C Web Annotation working group's model assertions
(w3c/web-annotation-tests: annotationMusts.test, collectionMusts.test,
pageMusts.test, the JSON Schemas the Web Platform Tests runner uses) over a
built dossier's export: the collection, every page, every annotation.

An annotation inside a page carries no @context of its own; it is checked with
its page's @context (as a consumer reads it). The collection's embedded first
page is checked as a page; its annotations are those of annotations/1.jsonld
and are counted once.

usage: benches/w3c_suite.py SUITE_DIR SITE_DIR [--should]

SUITE_DIR is a clone of https://github.com/w3c/web-annotation-tests (kept out
of this repository); SITE_DIR a built site. --should runs the optional
(SHOULD) assertions instead. Needs python3 with jsonschema (4.18 or later, for
`referencing`). Results: benches/W3C-SUITE.md.
"""
import json
import sys
from collections import Counter
from pathlib import Path

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

suite = Path(sys.argv[1])
site = Path(sys.argv[2])
mode = "should" if "--should" in sys.argv else "must"


def definitions():
    # The assertions refer to the definitions by bare file name
    # ("bodyTarget.json#/..."), as do the definitions to each other; their ids
    # are bare names too, so the references resolve among them. The registry
    # is crawled once (else every $ref crawls it again).
    for path in (suite / "definitions").glob("*.json"):
        schema = json.loads(path.read_text())
        yield schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)


registry = Registry().with_resources(definitions()).crawl()


def assertions(test):
    out = []
    for a in json.loads((suite / test).read_text())["assertions"]:
        schema = json.loads((suite / a).read_text())
        if schema.get("assertionType") == mode:
            out.append((a.rsplit("/", 1)[-1], schema, Draft4Validator(schema, registry=registry)))
    return out


TESTS = {t: assertions(t) for t in ("annotations/annotationMusts.test" if mode == "must" else "annotations/annotationOptionals.test",
                                    "collections/collectionMusts.test" if mode == "must" else "collections/collectionOptionals.test",
                                    "collections/pages/pageMusts.test" if mode == "must" else "collections/pages/pageOptionals.test")}
ANN, COLL, PAGE = TESTS


def check(test, instance, failures):
    """The assertions of `test` that `instance` does not meet as expected."""
    broken = [name for name, schema, v in TESTS[test]
              if v.is_valid(instance) != (schema.get("expectedResult", "valid") == "valid")]
    failures.update(broken)
    return broken


collection = json.loads((site / "annotations.jsonld").read_text())
failures = Counter()
failed = Counter()
counts = Counter()

counts["collections"] += 1
failed["collections"] += bool(check(COLL, collection, failures))

pages = []
if isinstance(collection.get("first"), dict):
    first = dict(collection["first"])
    first.setdefault("@context", collection["@context"])
    pages.append(first)
for p in sorted((site / "annotations").glob("*.jsonld"), key=lambda p: int(p.stem)):
    pages.append(json.loads(p.read_text()))

seen = set()
for page in pages:
    counts["pages"] += 1
    failed["pages"] += bool(check(PAGE, page, failures))
    for item in page.get("items", []):
        if item.get("id") in seen:
            continue
        seen.add(item.get("id"))
        annotation = dict(item)
        annotation.setdefault("@context", page["@context"])
        counts["annotations"] += 1
        failed["annotations"] += bool(check(ANN, annotation, failures))

print(json.dumps({
    "site": str(site),
    "assertions": mode,
    "assertions per annotation / collection / page": [len(TESTS[ANN]), len(TESTS[COLL]), len(TESTS[PAGE])],
    "collection total": collection.get("total"),
    "checked": dict(counts),
    "failed": dict(failed),
    "failures by assertion": dict(failures),
}, indent=1))
