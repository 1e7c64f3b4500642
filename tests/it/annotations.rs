//! The annotation language: every kind, nesting, standoff anchoring, the
//! pages that gather annotations, the W3C export, and every error path.

use crate::common::*;

fn build(articles: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = small_dossier(articles);
    if let Err(f) = dossier::build(tmp.path(), &dossier::BuildOptions::default()) {
        panic!("{}", f.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"));
    }
    let out = tmp.path().join("public");
    (tmp, out)
}

fn errors(articles: &[(&str, &str)]) -> Vec<String> {
    let tmp = small_dossier(articles);
    check_messages(tmp.path())
}

fn assert_has(messages: &[String], needle: &str) {
    assert!(messages.iter().any(|m| m.contains(needle)), "expected `{needle}` in:\n{}", messages.join("\n"));
}

const TWO: &str = "Trump said “[we will see]{.quote #see by=donald-trump}”. \
[Talks are 90% done]{.claim #ninety sourcing=anonymous confidence=low about=volodymyr-zelensky} and \
{==this matters==}{>>Analyst's comment.<<} and [a plain note]{.note note=\"Checked twice.\"}.";

#[test]
fn every_kind_renders_as_a_highlight_with_a_sidenote() {
    let (_t, out) = build(&[("a.md", &article("A", TWO))]);
    let doc = page(&out, "articles/a.html");
    let quote = select(&doc, "span.ann-quote#see")[0];
    assert_eq!(quote.select(&scraper::Selector::parse("mark").unwrap()).next().unwrap().text().collect::<String>(), "we will see");
    assert_eq!(hrefs(&doc, "#see .sn-by a"), vec!["../actors/donald-trump.html"]);
    assert_eq!(texts(&doc, "#ninety .sn-sourcing"), vec!["anonymous source"]);
    assert_eq!(texts(&doc, "#ninety .sn-confidence"), vec!["confidence: low"]);
    assert_eq!(hrefs(&doc, "#ninety .sn-about a"), vec!["../actors/volodymyr-zelensky.html"]);
    assert_eq!(texts(&doc, "#a3 .sn-note"), vec!["Analyst's comment."]);
    assert_eq!(texts(&doc, "#a4 .sn-note"), vec!["Checked twice."]);
    // Each note has a focusable, labelled toggle for narrow screens.
    for toggle in select(&doc, "input.sn-toggle") {
        assert_eq!(toggle.value().attr("type"), Some("checkbox"));
        assert!(toggle.value().attr("aria-label").is_some());
        let id = toggle.value().attr("id").unwrap();
        assert_eq!(select(&doc, &format!("label[for=\"{id}\"]")).len(), 1);
    }
    // No annotation markup leaks into the page.
    let html = read(&out.join("articles/a.html"));
    for leak in ["{.quote", "]{", "{==", "==}", "{>>", "<<}"] {
        assert!(!html.contains(leak), "{leak} leaked");
    }
}

#[test]
fn annotations_nest_inside_emphasis_and_links_and_span_sentences() {
    let body = "*[Emphasised passage]{.note note=n1}* and [whole sentence with *emphasis* and a [link](https://example.org) inside]{.claim sourcing=named}. \
                [outer [inner]{.quote by=donald-trump} outer]{.note note=n2}";
    let (_t, out) = build(&[("a.md", &article("A", body))]);
    let doc = page(&out, "articles/a.html");
    assert_eq!(texts(&doc, "em > span.ann-note > mark"), vec!["Emphasised passage"]);
    assert_eq!(hrefs(&doc, "span.ann-claim mark a"), vec!["https://example.org"]);
    assert_eq!(texts(&doc, "span.ann-note span.ann-quote > mark"), vec!["inner"]);
}

#[test]
fn cross_references_link_both_ways_and_show_on_the_event_page() {
    let a = article("A", "Officials said [the plan is 90% fulfilled]{.claim #plan sourcing=anonymous}.");
    let b = article("B", "The leaders are [90% aligned]{.claim #aligned sourcing=anonymous to=a#plan rel=contradicts note=\"Different things at 90%.\"}.");
    let (_t, out) = build(&[("a.md", &a), ("b.md", &b)]);
    let doc_b = page(&out, "articles/b.html");
    assert_eq!(hrefs(&doc_b, "#aligned .sn-ref a"), vec!["a.html#plan"]);
    assert!(texts(&doc_b, "#aligned .sn-ref")[0].starts_with("Contradicts"));
    let doc_a = page(&out, "articles/a.html");
    assert_eq!(hrefs(&doc_a, "#plan .sn-backref a"), vec!["b.html#aligned"]);
    assert!(texts(&doc_a, "#plan .sn-backref")[0].starts_with("Contradicted by"));
    let event = page(&out, "events/meeting.html");
    let disagreements = texts(&event, ".comparison");
    assert_eq!(disagreements.len(), 1);
    assert!(disagreements[0].contains("90% aligned") && disagreements[0].contains("the plan is 90% fulfilled"), "{disagreements:?}");
}

#[test]
fn actor_pages_gather_quotes_and_claims() {
    let body = "“[I will do it]{.quote by=donald-trump}.” [Zelensky is ready]{.claim by=donald-trump sourcing=named about=volodymyr-zelensky}.";
    let (_t, out) = build(&[("a.md", &article("A", body))]);
    let trump = page(&out, "actors/donald-trump.html");
    assert_eq!(texts(&trump, "#h-quotes + .ann-list .ann-passage"), vec!["I will do it"]);
    assert_eq!(texts(&trump, "#h-claims-by + .ann-list .ann-passage"), vec!["Zelensky is ready"]);
    assert_eq!(hrefs(&trump, "#h-quotes + .ann-list .ann-passage a"), vec!["../articles/a.html#a1"]);
    let zelensky = page(&out, "actors/volodymyr-zelensky.html");
    assert_eq!(texts(&zelensky, "#h-claims-about + .ann-list .ann-passage"), vec!["Zelensky is ready"]);
}

#[test]
fn standoff_annotations_anchor_by_quote_and_context() {
    let text = "+++\ntitle = \"A\"\ndate = 2025-01-01\n\n[[annotation]]\nkind = \"note\"\nexact = \"the talks\"\nprefix = \"second time \"\nnote = \"This one.\"\n+++\nFirst time the talks stalled. The second time the talks *went well*.\n";
    let (_t, out) = build(&[("a.md", text)]);
    let doc = page(&out, "articles/a.html");
    let marks = select(&doc, "span.ann-note");
    assert_eq!(marks.len(), 1);
    let html = read(&out.join("articles/a.html"));
    let at = html.find("class=\"ann ann-note\"").unwrap();
    assert!(html[..at].contains("The second time "), "anchored at the wrong occurrence");
}

#[test]
fn standoff_annotations_re_anchor_after_small_edits_and_report_orphans() {
    let fm = |exact: &str| {
        format!("+++\ntitle = \"A\"\ndate = 2025-01-01\n\n[[annotation]]\nkind = \"claim\"\nsourcing = \"anonymous\"\nexact = \"{exact}\"\n+++\nThe negotiations went very well on Sunday, the source said.\n")
    };
    // A word changed in the article since the annotation was made: re-anchored, with a warning.
    let moved = errors(&[("a.md", &fm("negotiations went really well on Sunday"))]);
    assert_has(&moved, "content/articles/a.md:8:9: warning: annotation re-anchored with");
    // The passage is gone: an orphan, an error naming file, line and quote.
    let orphan = errors(&[("a.md", &fm("a passage that was removed entirely"))]);
    assert_has(&orphan, "content/articles/a.md:8:9: error: orphaned annotation: \"a passage that was removed entirely\"");
    // Two equal occurrences and no context to choose: ambiguous, never guessed.
    let twice =
        "+++\ntitle = \"A\"\ndate = 2025-01-01\n\n[[annotation]]\nkind = \"note\"\nnote = \"x\"\nexact = \"same words\"\n+++\nsame words and same words\n";
    assert_has(&errors(&[("a.md", twice)]), "error: ambiguous annotation: \"same words\" occurs 2 times");
}

#[test]
fn the_w3c_export_holds_every_annotation() {
    let (_t, out) = build(&[("a.md", &article("A", TWO))]);
    let json: serde_json::Value = serde_json::from_str(&read(&out.join("annotations.jsonld"))).unwrap();
    assert_eq!(json["type"], "AnnotationCollection");
    assert_eq!(json["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    let items = json["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    let quote = &items[0];
    assert_eq!(quote["id"], "https://example.org/test/articles/a.html#see");
    assert_eq!(quote["target"]["selector"]["type"], "TextQuoteSelector");
    assert_eq!(quote["target"]["selector"]["exact"], "we will see");
    assert!(quote["body"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["source"] == "https://example.org/test/actors/donald-trump.html" && b["type"] == "SpecificResource" && b["purpose"] == "identifying"));
}

#[test]
fn the_example_dossier_shows_its_contradictions() {
    let (_t, site) = build_example();
    let event = page(&site, "events/mar-a-lago-meeting-2025-12-28.html");
    let disagreements = texts(&event, "#h-disagree + .comparisons .comparison");
    assert!(disagreements.iter().any(|d| d.contains("90%")), "{disagreements:?}");
    assert!(disagreements.iter().any(|d| d.contains("2020")), "{disagreements:?}");
    // Quotes are attributed to their speakers on actor pages.
    let trump = page(&site, "actors/donald-trump.html");
    assert!(texts(&trump, "#h-quotes + .ann-list .ann-passage").iter().any(|q| q.contains("Otherwise, it’s going to go on for a long time")));
    // Anonymous-source claims are marked as such.
    let fox = page(&site, "articles/fox-citing-2025-12-27-mar-a-lago-call.html");
    assert!(texts(&fox, ".sn-sourcing.sourcing-anonymous").len() >= 3);
}

#[test]
fn every_error_path_names_file_line_and_column() {
    let cases: &[(&str, &str)] = &[
        ("[x]{.note note=\"open", "a.md:8:16: error: the quoted value of `note` is never closed"),
        ("[x]{.note", "a.md:8:4: error: attribute block is never closed"),
        ("{==x", "a.md:8:1: error: highlight `{==` is never closed"),
        ("{>>x", "a.md:8:1: error: comment `{>>` is never closed"),
        ("[x]{.gossip}", "a.md:8:6: error: unknown annotation kind `.gossip`"),
        ("[x]{.quote by=donald-trum}", "a.md:8:15: error: unknown actor `donald-trum`"),
        ("[x]{.quote}", "a.md:8:1: error: a quote needs a speaker"),
        ("[x]{.claim by=donald-trump}", "a.md:8:1: error: a claim needs its sourcing"),
        ("[x]{.claim sourcing=rumour}", "a.md:8:21: error: unknown sourcing `rumour`"),
        ("[x]{.note}", "a.md:8:1: error: a note needs its text"),
        ("[x]{.ref to=missing-article#c1}", "a.md:8:13: error: cross-reference to a missing article `missing-article`"),
        ("[x]{.note note=a to=b}", "a.md:8:21: error: `to=` needs a relation"),
        ("[x]{.note note=a rel=contradicts}", "a.md:8:22: error: `rel=` without `to=`"),
        ("[x]{.note note=a colour=red}", "a.md:8:25: error: unknown attribute `colour`"),
        ("[a *b]{.note note=n} c*", "a.md:8:"),
        ("[a]{.note #x note=1} [b]{.note #x note=2}", "a.md:8:22: error: annotation id `x` is used twice"),
    ];
    for (body, expected) in cases {
        let m = errors(&[("a.md", &article("A", body))]);
        assert_has(&m, expected);
        // and the build refuses to publish it
        let tmp = small_dossier(&[("a.md", &article("A", body))]);
        assert!(dossier::build(tmp.path(), &dossier::BuildOptions::default()).is_err(), "{body} built");
    }
    // An unknown relation is one error, not also a missing one.
    let m = errors(&[("a.md", &article("A", "[x]{.note note=a to=b rel=supports}")), ("b.md", &article("B", "y"))]);
    let errors_only: Vec<&String> = m.iter().filter(|l| l.contains("error:")).collect();
    assert!(errors_only.len() == 1 && errors_only[0].contains("a.md:8:") && errors_only[0].contains("error: unknown relation `supports`"), "{m:?}");
    // A reference to a missing anchor in an existing article.
    let m = errors(&[("a.md", &article("A", "[x]{.ref to=b#nope}")), ("b.md", &article("B", "[y]{.note #here note=n}"))]);
    assert_has(&m, "a.md:8:13: error: `b` has no annotation `#nope`");
    assert_has(&m, "its annotation ids are: here");
}

#[test]
fn crossing_an_emphasis_boundary_is_an_error_not_broken_html() {
    let m = errors(&[("a.md", &article("A", "[a *b]{.note note=n} c*"))]);
    assert!(m.iter().any(|x| x.contains("error:") && x.contains("annotation")), "{m:?}");
}
