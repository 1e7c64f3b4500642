#!/usr/bin/env python3
"""Score `dossier` on the labelled set of real news pages (issue 17). Standard library only.

For each part (dev, holdout, all, seeds) it makes a fresh dossier (`dossier init`), imports the
texts exactly as pulled, runs `dossier suggest --format json` and compares it with the labels of
articles.toml:

* pairwise same-event precision, recall and F1, for two readings of the output:
  `related` (a pair is predicted when either article lists the other among its related articles,
  as benches/LINKING.md counts) and `events` (a pair is predicted when both articles carry the
  same event id, declared, suggested or new: what `suggest --write` records);
* look-alike merges: predicted pairs whose articles report different events of one look-alike group;
* a control: the F1 of a guesser that pairs every two pages of one story in one language, and how
  many true pairs dossier finds across languages and within one (a part whose control scores near
  dossier measures the pages' language as much as linking);
* dates: articles imported without a date, and whether the day `suggest` says each article is
  about falls inside its event's dates; how many undated articles `dossier check` names;
* actors: the registry built by accepting every `dossier actors candidates` proposal as offered
  (an alias when it names a resembling actor, a new actor otherwise, re-reading the list after
  each decision), then the share of gold person mentions (persons.toml) that the built pages link,
  and linking again with that registry;
* for the seeds: whether `suggest --write` puts 000 and 001 in one event.

Usage:
  benches/realset/score.py --dossier target/release/dossier                # dev and the seeds
  benches/realset/score.py --dossier BIN --parts dev,holdout,all,seeds --json out.json
Options: --texts DIR (default /work/realset-texts), --seeds DIR (default ../shared/seeds of the
repository, else /work/shared/seeds), --min-score X, --strip-store-date (drop the leading
`date YYYY-MM-DD` marker some pulled pages carry, as a plain copy from a browser would),
--no-actors, --keep DIR (keep the dossiers), -v (list every miss and false pair).
"""

import argparse
import html.parser
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unicodedata
from collections import Counter, defaultdict
from datetime import date

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
STORE_DATE = re.compile(r"\A\s*date\s+\d{4}(?:-\d{2}(?:-\d{2})?)?[ \t]*")


def run(cmd, check=False, cwd=None):
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=900)
    if check and p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-2000:]}")
    return p


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    if not text.startswith("+++"):
        return {}, text
    end = text.find("\n+++", 3)
    try:
        return tomllib.loads(text[3:end]), text[end + 4:]
    except tomllib.TOMLDecodeError:
        return {}, text[end + 4:]


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---------------------------------------------------------------- labels

class Labels:
    def __init__(self, path):
        d = tomllib.load(open(path, "rb"))
        self.events = {e["id"]: e for e in d["event"]}
        self.articles = {a["id"]: a for a in d["article"]}
        self.groups = defaultdict(set)  # event id -> look-alike group ids
        for g in d.get("lookalike", []):
            for e in g["events"]:
                self.groups[e].add(g["id"])

    def part(self, name):
        if name == "all":
            return [a for a in self.articles.values() if a["part"] in ("dev", "holdout")]
        return [a for a in self.articles.values() if a["part"] == name]

    def true_pair(self, a, b):
        return bool(set(a["events"]) & set(b["events"]))

    def lookalike(self, a, b):
        """Different events of one look-alike group."""
        for x in a["events"]:
            for y in b["events"]:
                if x != y and self.groups[x] & self.groups[y]:
                    return True
        return False

    def in_span(self, a, day):
        for e in a["events"]:
            ev = self.events[e]
            if ev["start"] <= day <= ev["end"]:
                return True
        return False


# ---------------------------------------------------------------- one dossier

class Dossier:
    def __init__(self, binary, root):
        self.bin, self.root = binary, root

    def cmd(self, *args, check=False):
        return run([self.bin, *args], check=check)

    def articles(self):
        """slug -> (id, front matter) for every imported article (id from the `source` file name)."""
        out = {}
        folder = os.path.join(self.root, "content", "articles")
        for name in sorted(os.listdir(folder)):
            if name.endswith(".md"):
                fm, _ = front_matter(os.path.join(folder, name))
                src = os.path.basename(fm.get("source", ""))
                out[name[:-3]] = (os.path.splitext(src)[0], fm)
        return out

    def suggest(self, min_score, write=False):
        args = ["suggest", self.root, "--format", "json"]
        if min_score is not None:
            args += ["--min-score", str(min_score)]
        p = self.cmd(*args, check=True)
        if write:
            self.cmd("suggest", self.root, "--write", *(["--min-score", str(min_score)] if min_score is not None else []), check=True)
        return json.loads(p.stdout)


def make_dossier(binary, work, name, files):
    run([binary, "init", name], check=True, cwd=work)
    root = os.path.join(work, name)
    for f in os.listdir(os.path.join(root, "content", "articles")):  # the sample article `init` writes
        os.remove(os.path.join(root, "content", "articles", f))
    imp = run([binary, "import", "--quiet", "--into", root, *files])
    return Dossier(binary, root), imp


# ---------------------------------------------------------------- linking figures

def predicted_pairs(sug, slug_to_id):
    related, events = set(), set()
    members = defaultdict(set)
    for art in sug.get("articles", []):
        a = slug_to_id.get(art["slug"])
        if a is None:
            continue
        for r in art.get("related", []):
            b = slug_to_id.get(r["slug"])
            if b and b != a:
                related.add(frozenset((a, b)))
        for e in art.get("events", []):
            members[e["id"]].add(a)
    for ids in members.values():
        for a, b in itertools.combinations(sorted(ids), 2):
            events.add(frozenset((a, b)))
    return related, events


def score_pairs(labels, arts, predicted, days):
    ids = sorted(arts)
    truth = {frozenset((a, b)) for a, b in itertools.combinations(ids, 2) if labels.true_pair(arts[a], arts[b])}
    predicted = {p for p in predicted if p <= set(ids)}
    tp, fp, fn = len(truth & predicted), len(predicted - truth), len(truth - predicted)
    p, r, f = f1(tp, fp, fn)
    look = sorted(tuple(sorted(x)) for x in predicted - truth if labels.lookalike(*(arts[i] for i in x)))
    misses = Counter()
    missed = []
    for pair in sorted(truth - predicted, key=sorted):
        a, b = sorted(pair)
        cause = miss_cause(labels, arts[a], arts[b], days)
        misses[cause] += 1
        missed.append((a, b, cause))
    false = []
    for pair in sorted(predicted - truth, key=sorted):
        a, b = sorted(pair)
        x, y = arts[a], arts[b]
        kind = "look-alike" if labels.lookalike(x, y) else ("same story" if x["story"] == y["story"] else "other story")
        false.append((a, b, kind))
    cross = {x for x in truth if len({arts[i]["lang"] for i in x}) > 1}
    return {"true_pairs": len(truth), "predicted": len(predicted), "tp": tp, "fp": fp, "fn": fn,
            "cross_language_true": len(cross), "cross_language_tp": len(cross & predicted),
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "lookalike_merges": len(look), "misses_by_cause": dict(misses.most_common()),
            "missed": missed, "false": false}


def language_control(labels, arts):
    """F1 of a guesser that knows nothing but each page's language and story:
    every two pages of one story in one language are one event. A part where
    it scores near dossier measures language as much as linking (each event's
    pages pulled with one query in one language)."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(arts), 2):
        x, y = arts[a], arts[b]
        truth, guess = labels.true_pair(x, y), x["lang"] == y["lang"] and x["story"] == y["story"]
        tp, fp, fn = tp + (truth and guess), fp + (guess and not truth), fn + (truth and not guess)
    return round(f1(tp, fp, fn)[2], 3)


def miss_cause(labels, a, b, days):
    da, db = days.get(a["id"]), days.get(b["id"])
    if da is None or db is None:
        return "no date"
    if not labels.in_span(a, da) or not labels.in_span(b, db):
        return "date wrong"
    if a["lang"] != b["lang"]:
        return "cross-language"
    return "content"


# ---------------------------------------------------------------- actors

CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ",
               ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
                "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "ye", "yi", "g"]))


def actor_id(name, taken):
    s = "".join(CYR.get(c, c) for c in name.lower())
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "actor"
    i, out = 1, s
    while out in taken:
        i += 1
        out = f"{s}-{i}"
    return out


def accept_wholesale(d):
    """Accept every candidate as `candidates` proposes it, re-reading the list after each decision."""
    tried, taken = set(), set()
    stats = Counter()
    while True:
        p = d.cmd("actors", "candidates", "--root", d.root, "--json")
        try:
            cands = json.loads(p.stdout or "[]")
        except json.JSONDecodeError:
            stats["candidates output unreadable"] += 1
            break
        cand = next((c for c in cands if c["name"] not in tried), None)
        if cand is None:
            break
        tried.add(cand["name"])
        hints = cand.get("by_spelling") or cand.get("by_sound") or []
        if hints:
            r = d.cmd("actors", "accept", cand["name"], "--as", hints[0]["actor"], "--root", d.root)
            stats["accepted as alias" if r.returncode == 0 else "refused"] += 1
        else:
            new = actor_id(cand["name"], taken)
            taken.add(new)
            r = d.cmd("actors", "accept", cand["name"], "--new", new, "--root", d.root)
            stats["accepted as new actor" if r.returncode == 0 else "refused"] += 1
    stats["candidates seen"] = len(tried)
    return dict(stats)


class Body(html.parser.HTMLParser):
    """The article body's text, with the spans that lie inside actor links."""

    BLOCK = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "br", "tr", "section"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.spans = [], []
        self.pos, self.depth, self.inside, self.found = 0, 0, False, False
        self.link = None  # (actor, start)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "div" and "article-body" in cls and not self.found:
            self.inside, self.found, self.depth = True, True, 1
            return
        if not self.inside:
            return
        if tag == "div":
            self.depth += 1
        if tag in self.BLOCK:
            self.add("\n")
        if tag == "a" and "mention" in cls:
            m = re.search(r"actors/([^/]+)\.html", a.get("href", ""))
            self.link = (m.group(1) if m else "?", self.pos)

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "a" and self.link:
            self.spans.append((self.link[1], self.pos, self.link[0]))
            self.link = None
        if tag in self.BLOCK:
            self.add("\n")
        if tag == "div":
            self.depth -= 1
            if self.depth == 0:
                self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.add(data)

    def add(self, s):
        self.text.append(s)
        self.pos += len(s)


def person_mentions(d, arts, persons):
    """Gold person mentions in the built article pages, and which actor (if any) each is linked to."""
    out = os.path.join(d.root, "public")
    b = d.cmd("build", d.root, "--out", out, "--keep-going")
    found = []  # (person, article id, linked actor or None)
    for slug, (aid, _) in arts.items():
        page = os.path.join(out, "articles", slug + ".html")
        if not os.path.exists(page):
            continue
        body = Body()
        body.feed(open(page, encoding="utf-8").read())
        text = "".join(body.text)
        for person in persons:
            for form in person["forms"]:
                for m in re.finditer(form, text):
                    actor = next((s[2] for s in body.spans if s[0] <= m.start() and m.end() <= s[1]), None)
                    found.append((person["id"], aid, actor))
    # each actor belongs to the person whose mentions it receives most; a link to an actor that
    # belongs to someone else is a wrong link
    votes = Counter((actor, pid) for pid, _, actor in found if actor)
    owner = {}
    for (actor, pid), n in sorted(votes.items(), key=lambda x: (-x[1], x[0])):
        owner.setdefault(actor, pid)
    per = defaultdict(Counter)
    for pid, _, actor in found:
        per[pid]["mentions"] += 1
        if actor:
            per[pid]["linked"] += 1
            per[pid]["right actor" if owner.get(actor) == pid else "wrong actor"] += 1
    actors_of = defaultdict(set)
    for pid, _, actor in found:
        if actor and owner.get(actor) == pid:
            actors_of[pid].add(actor)
    total = Counter()
    for c in per.values():
        total.update(c)
    n = total["mentions"] or 1
    worst = sorted(per.items(), key=lambda kv: -(kv[1]["mentions"] - kv[1]["right actor"]))[:12]
    return {"build_exit": b.returncode, "mentions": total["mentions"], "linked": total["linked"],
            "right_actor": total["right actor"], "wrong_actor": total["wrong actor"],
            "linked_share": round(total["linked"] / n, 3), "right_share": round(total["right actor"] / n, 3),
            "split_persons": sorted(p for p, s in actors_of.items() if len(s) > 1),
            "worst": [(p, c["mentions"], c["right actor"], c["wrong actor"]) for p, c in worst]}


# ---------------------------------------------------------------- a part

def score_part(args, labels, persons, name, work):
    arts = {a["id"]: a for a in labels.part(name)}
    if not arts:
        return None
    files = []
    strip_dir = os.path.join(work, name + "-texts")
    for a in arts.values():
        folder = args.seeds if a["part"] == "seeds" else args.texts
        path = os.path.join(folder, a.get("file", a["id"] + ".txt"))
        if not os.path.exists(path):
            sys.exit(f"missing text {path}: pull it first (see pull.md)")
        if args.strip_store_date:
            os.makedirs(strip_dir, exist_ok=True)
            text = open(path, encoding="utf-8").read()
            new = os.path.join(strip_dir, os.path.basename(path))
            open(new, "w", encoding="utf-8").write(STORE_DATE.sub("", text, count=1))
            path = new
        files.append(path)
    d, imp = make_dossier(args.dossier, work, name, files)
    imported = d.articles()
    file_to_id = {os.path.splitext(a.get("file", a["id"] + ".txt"))[0]: a["id"] for a in arts.values()}
    slug_to_id = {slug: file_to_id[src] for slug, (src, _) in imported.items() if src in file_to_id}
    fm_of = {file_to_id[src]: fm for slug, (src, fm) in imported.items() if src in file_to_id}
    res = {"part": name, "articles": len(arts), "imported": len(slug_to_id),
           "import_failed": sorted(set(arts) - set(fm_of)), "import_exit": imp.returncode}

    sug = d.suggest(args.min_score, write=(name == "seeds"))
    days = {}
    for art in sug.get("articles", []):
        aid = slug_to_id.get(art["slug"])
        if aid and art.get("day"):
            days[aid] = date.fromisoformat(art["day"][:10])
    undated = sorted(a for a in arts if a in fm_of and "date" not in fm_of[a])
    day_ok = sorted(a for a in days if labels.in_span(arts[a], days[a]))
    day_wrong = sorted(a for a in days if a not in day_ok)
    check = d.cmd("check", d.root)
    check_out = check.stdout + check.stderr
    slug_of = {v: k for k, v in slug_to_id.items()}
    listed = sorted(a for a in undated if slug_of.get(a) and slug_of[a] in check_out)
    res["dates"] = {"undated": undated, "undated_listed_by_check": listed, "day_in_event": len(day_ok),
                    "day_wrong": {a: str(days[a]) for a in day_wrong}, "no_day": sorted(set(slug_of) - set(days))}

    related, events = predicted_pairs(sug, slug_to_id)
    res["related"] = score_pairs(labels, arts, related, days)
    res["events"] = score_pairs(labels, arts, events, days)
    res["language_control_f1"] = language_control(labels, arts)

    if name == "seeds":
        ev_of = {file_to_id[src]: set(fm.get("events", [])) for src, fm in d.articles().values() if src in file_to_id}
        a, b = ev_of.get("seed000", set()), ev_of.get("seed001", set())
        res["seeds_000_001_one_event"] = bool(a & b)
        res["seeds_events_written"] = {k: sorted(v) for k, v in ev_of.items() if k}

    if not args.no_actors:
        res["actors"] = accept_wholesale(d)
        res["persons"] = person_mentions(d, {s: (slug_to_id[s], None) for s in slug_to_id}, persons)
        sug2 = d.suggest(args.min_score)
        r2, e2 = predicted_pairs(sug2, slug_to_id)
        res["with_registry"] = {"related": score_pairs(labels, arts, r2, days), "events": score_pairs(labels, arts, e2, days)}
    return res


def line(tag, s):
    return (f"  {tag:<8} P {s['precision']:.2f} R {s['recall']:.2f} F1 {s['f1']:.2f}  "
            f"(predicted {s['predicted']}, true {s['true_pairs']}, tp {s['tp']}); look-alike merges {s['lookalike_merges']}")


def report(res, verbose):
    print(f"== {res['part']}: {res['articles']} articles, {res['imported']} imported"
          + (f", failed: {' '.join(res['import_failed'])}" if res["import_failed"] else ""))
    dt = res["dates"]
    print(f"  dates    undated {len(dt['undated'])}/{res['imported']} (check names {len(dt['undated_listed_by_check'])} of them); "
          f"day in the event's dates {dt['day_in_event']}, wrong {len(dt['day_wrong'])}, none {len(dt['no_day'])}")
    for k in ("related", "events"):
        s = res[k]
        print(line(k, s))
        print(f"           missed by cause: {', '.join(f'{c} {n}' for c, n in s['misses_by_cause'].items()) or 'none'}")
    ev = res["events"]
    print(f"  control  same story and language as the only clue: F1 {res['language_control_f1']:.2f}; events found "
          f"{ev['cross_language_tp']}/{ev['cross_language_true']} cross-language true pairs, "
          f"{ev['tp'] - ev['cross_language_tp']}/{ev['true_pairs'] - ev['cross_language_true']} same-language")
    if "seeds_000_001_one_event" in res:
        print(f"  seeds    000 and 001 in one event after `suggest --write`: {'yes' if res['seeds_000_001_one_event'] else 'NO'}"
              f"  {res['seeds_events_written']}")
    if "persons" in res:
        pm, ac = res["persons"], res["actors"]
        print(f"  actors   wholesale: {', '.join(f'{k} {v}' for k, v in sorted(ac.items()))}")
        print(f"  persons  {pm['mentions']} mentions: linked {pm['linked_share']:.0%}, to the right actor {pm['right_share']:.0%} "
              f"(wrong actor {pm['wrong_actor']}); split over several actors: {', '.join(pm['split_persons']) or 'none'}")
        print("           most missed: " + ", ".join(f"{p} {r}/{m}" for p, m, r, w in pm["worst"][:8]))
        wr = res["with_registry"]
        print("  with the wholesale registry:")
        print(line("related", wr["related"]))
        print(line("events", wr["events"]))
    if verbose:
        for k in ("related", "events"):
            print(f"  {k}: missed pairs")
            for a, b, c in res[k]["missed"]:
                print(f"    {a} {b}  {c}")
            print(f"  {k}: false pairs")
            for a, b, c in res[k]["false"]:
                print(f"    {a} {b}  {c}")
        for a, day in res["dates"]["day_wrong"].items():
            print(f"  day wrong: {a} {day}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dossier", required=True, help="the dossier binary")
    ap.add_argument("--texts", default="/work/realset-texts")
    default_seeds = os.path.join(os.path.dirname(REPO), "shared", "seeds")
    ap.add_argument("--seeds", default=default_seeds if os.path.isdir(default_seeds) else "/work/shared/seeds")
    ap.add_argument("--labels", default=os.path.join(HERE, "articles.toml"))
    ap.add_argument("--persons", default=os.path.join(HERE, "persons.toml"))
    ap.add_argument("--parts", default="dev,seeds")
    ap.add_argument("--min-score", type=float)
    ap.add_argument("--strip-store-date", action="store_true")
    ap.add_argument("--no-actors", action="store_true")
    ap.add_argument("--keep")
    ap.add_argument("--json")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    args.dossier = os.path.abspath(args.dossier)
    labels = Labels(args.labels)
    persons = tomllib.load(open(args.persons, "rb"))["person"]
    work = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="realset-")
    os.makedirs(work, exist_ok=True)
    version = run([args.dossier, "--version"]).stdout.strip()
    print(f"dossier: {args.dossier} ({version}); texts: {args.texts}; store date markers "
          f"{'stripped' if args.strip_store_date else 'kept'}; work: {work}")
    results = []
    try:
        for name in args.parts.split(","):
            if os.path.exists(os.path.join(work, name)):
                shutil.rmtree(os.path.join(work, name))
            res = score_part(args, labels, persons, name, work)
            if res:
                report(res, args.verbose)
                results.append(res)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"dossier": version, "strip_store_date": args.strip_store_date, "parts": results}, f, indent=1, default=str)


if __name__ == "__main__":
    main()
