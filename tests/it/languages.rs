//! A dossier in another language than English: the interface, dates and
//! plural forms in the dossier's `language`, a dossier's own strings over
//! the built-in ones, `lang` on what is written in another language, and
//! the markers of a passage placed as that language's punctuation wants.

use crate::common::*;

const ACTORS_RU: &str = r#"
[[actor]]
id = "vladimir-putin"
name = "Владимир Путин"
kind = "person"
aliases = ["Путин"]
"#;

fn article_ru(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\noutlet = \"Коммерсантъ\"\ndate = 2025-12-28\nevents = [\"meeting\"]\n+++\n\n{body}\n")
}

/// Build a dossier in `language` with the given extra files; the site folder.
fn build(language: &str, extra: &[(&str, &str)], articles: &[(&str, String)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let config = format!("title = \"Досье\"\nbase_url = \"https://example.org/d/\"\nlanguage = \"{language}\"\n");
    let paths: Vec<String> = articles.iter().map(|(n, _)| format!("content/articles/{n}")).collect();
    let mut files: Vec<(&str, &str)> = vec![("dossier.toml", &config), ("content/actors.toml", ACTORS_RU), ("content/events.toml", EVENTS)];
    files.extend(extra.iter().copied());
    files.extend(paths.iter().map(String::as_str).zip(articles.iter().map(|(_, t)| t.as_str())));
    let tmp = dossier(&files);
    let out = tmp.path().join("public");
    if let Err(f) = dossier::build(tmp.path(), &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }) {
        panic!("{}", f.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"));
    }
    (tmp, out)
}

#[test]
fn a_russian_dossier_gets_a_russian_interface_dates_and_plurals() {
    let body = "Путин заявил, что переговоры [продолжатся]{.claim sourcing=anonymous}. Путин добавил: «[Всё будет хорошо]{.quote by=vladimir-putin}».";
    let (_tmp, site) = build("ru", &[], &[("talks.md", article_ru("Переговоры", body))]);
    let doc = page(&site, "articles/talks.html");
    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("ru"));
    assert_eq!(texts(&doc, ".site-nav a"), ["Статьи", "События", "Участники"]);
    assert_eq!(texts(&doc, ".article-header time"), ["28 декабря 2025 г."]);
    assert_eq!(texts(&doc, "label[for=read-clean]"), ["Чистый текст"]);
    // Sidenotes speak Russian too: the kind and the sourcing.
    let notes = texts(&doc, ".sidenote");
    assert!(notes.iter().any(|n| n.contains("Утверждение") && n.contains("анонимный источник")), "{notes:?}");
    // Plural forms by CLDR's rules: 2 mentions, not "2 упоминаний".
    let putin = page(&site, "actors/vladimir-putin.html");
    assert!(texts(&putin, ".stats")[0].starts_with("2 упоминания"), "{:?}", texts(&putin, ".stats"));
    // The events page heads its months in the nominative.
    assert!(texts(&page(&site, "events/index.html"), "h2").iter().any(|h| h == "Декабрь 2025"));
}

#[test]
fn a_dossier_replaces_and_adds_interface_strings_and_is_told_about_a_broken_file() {
    let own = "[nav]\narticles = \"Reports\"\n\n[count]\narticles = { one = \"{n} report\", other = \"{n} reports\" }\n";
    let (_tmp, site) = build("en", &[("i18n/en.toml", own)], &[("a.md", article("Hello", "Body."))]);
    let doc = page(&site, "index.html");
    // The replaced key changes; the others stay built in.
    assert_eq!(texts(&doc, ".site-nav a"), ["Reports", "Events", "Actors"]);
    // A language dossier does not ship is the dossier's own file over English.
    let (_tmp, site) = build("de", &[("i18n/de.toml", "[nav]\narticles = \"Artikel\"\n")], &[("a.md", article("Hallo", "Text."))]);
    let doc = page(&site, "index.html");
    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("de"));
    assert_eq!(texts(&doc, ".site-nav a"), ["Artikel", "Events", "Actors"]);

    // A plural table without `other` is an error naming the file and the key.
    let tmp = dossier(&[
        ("dossier.toml", "title = \"T\"\nlanguage = \"en\"\n"),
        ("i18n/en.toml", "[count]\narticles = { one = \"{n} report\" }\n"),
        ("content/articles/a.md", &article("Hello", "Body.")),
    ]);
    let messages = check_messages(tmp.path());
    assert!(messages.iter().any(|m| m.starts_with("i18n/en.toml:2:") && m.contains("`count.articles` has plural forms but no `other`")), "{messages:?}");
    // `language` must be a tag: it names a file and goes into lang="".
    let tmp = dossier(&[("dossier.toml", "title = \"T\"\nlanguage = \"../en\"\n"), ("content/articles/a.md", &article("Hello", "Body."))]);
    let messages = check_messages(tmp.path());
    assert!(messages.iter().any(|m| m.starts_with("dossier.toml:2:") && m.contains("`../en` is not a language tag")), "{messages:?}");
}

#[test]
fn every_built_in_translation_has_every_english_key() {
    let english = dossier::i18n::english_keys();
    assert!(english.len() > 100, "{} keys", english.len());
    for language in ["ru", "uk"] {
        let keys = dossier::i18n::built_in_keys(language);
        let missing: Vec<&String> = english.iter().filter(|k| !keys.contains(k)).collect();
        let extra: Vec<&String> = keys.iter().filter(|k| !english.contains(k)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{language}: missing {missing:?}, unknown or broken {extra:?}");
    }
}

#[test]
fn text_in_another_language_than_the_site_carries_lang() {
    let russian = "+++\ntitle = \"Переговоры в Москве\"\noutlet = \"ТАСС\"\ndate = 2025-12-28\nlanguage = \"ru\"\nevents = [\"meeting\"]\n+++\n\nПереговоры [продолжатся]{.claim sourcing=anonymous note=\"Unconfirmed.\"}.\n";
    let english = "Zelensky said: “[Слава Україні]{.quote lang=uk by=volodymyr-zelensky}”, in Ukrainian.";
    let tmp = small_dossier(&[("ru.md", russian), ("en.md", &article("Talks", english))]);
    dossier::build(tmp.path(), &dossier::BuildOptions::default()).unwrap();
    let out = tmp.path().join("public");
    let doc = page(&out, "articles/ru.html");
    assert_eq!(select(&doc, "h1")[0].value().attr("lang"), Some("ru"));
    assert_eq!(select(&doc, ".article-body")[0].value().attr("lang"), Some("ru"));
    // The analyst's note is in the site's language, inside the Russian text.
    assert_eq!(select(&doc, ".sidenote")[0].value().attr("lang"), Some("en"));
    // Listed elsewhere, the title keeps its language.
    let list = page(&out, "articles/index.html");
    assert!(select(&list, ".card-title a[lang=ru]").iter().any(|a| a.text().collect::<String>() == "Переговоры в Москве"));
    // A passage in another language than its article.
    let doc = page(&out, "articles/en.html");
    assert_eq!(select(&doc, ".ann-quote mark")[0].value().attr("lang"), Some("uk"));
    assert!(select(&doc, ".article-body")[0].value().attr("lang").is_none());
    // An English site's own articles carry no lang of their own.
    let messages = check_messages(tmp.path());
    assert!(!messages.iter().any(|m| m.contains("lang")), "{messages:?}");
}

#[test]
fn a_note_number_follows_the_punctuation_that_closes_its_passage() {
    let body = "The talks were [productive]{.claim sourcing=named}. Witkoff called it “[a good start]{.quote by=volodymyr-zelensky}”, then left.";
    let tmp = small_dossier(&[("a.md", &article("Talks", body))]);
    dossier::build(tmp.path(), &dossier::BuildOptions::default()).unwrap();
    let html = read(&tmp.path().join("public/articles/a.html"));
    // "productive.¹", never "productive¹." or "productive ¹ .".
    assert!(html.contains("productive</mark>.<input type=\"checkbox\" class=\"sn-toggle\""), "{html}");
    // A closing quote and the comma after it come before the number too.
    assert!(html.contains("a good start</mark>”,<input type=\"checkbox\" class=\"sn-toggle\""), "{html}");
    // The reader sees the words in their order, the numbers after the punctuation.
    let doc = page(&tmp.path().join("public"), "articles/a.html");
    let text: String = select(&doc, ".article-body p")[0].text().collect();
    assert!(text.starts_with("The talks were productive.1"), "{text}");
}

#[test]
fn tag_pages_and_pagination_speak_the_dossier_s_language() {
    let tagged =
        |n: usize| format!("+++\ntitle = \"Статья {n}\"\noutlet = \"Коммерсантъ\"\ndate = 2025-12-{:02}\ntags = [\"переговоры\"]\n+++\n\nТекст {n}.\n", 10 + n);
    let articles: Vec<(String, String)> = (1..=3).map(|n| (format!("a{n}.md"), tagged(n))).collect();
    let articles: Vec<(&str, String)> = articles.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let config = "title = \"Досье\"\nbase_url = \"https://example.org/d/\"\nlanguage = \"uk\"\npage_size = 2\n";
    let (_tmp, site) = build("uk", &[("dossier.toml", config)], &articles);
    let tags = page(&site, "tags/index.html");
    assert_eq!(texts(&tags, "h1"), ["Теги"]);
    assert_eq!(texts(&tags, ".tag-list .count"), ["3 статті"]);
    let first = page(&site, "tags/peregovory.html");
    assert_eq!(texts(&first, ".kicker a"), ["Теги"]);
    let at = texts(&first, ".pagination-at");
    assert!(at[0].starts_with("Сторінка 1 з 2") && at[0].contains("статті 1–2 з 3"), "{at:?}");
    assert_eq!(texts(&first, ".pagination a[rel=next]"), ["Старіші →"]);
    let second = page(&site, "articles/page/2.html");
    assert!(texts(&second, "title")[0].starts_with("Статті (сторінка 2)"), "{:?}", texts(&second, "title"));
    assert_eq!(texts(&second, ".pagination a[rel=prev]"), ["← Новіші"]);
}
