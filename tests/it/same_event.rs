//! Which articles `dossier suggest` puts in one event when the dossier has
//! no registry yet (as right after `dossier import`): coverage in two
//! languages links through names that only sound alike, a look-alike a day
//! later in the other script stays apart, and an undated article is not
//! pinned to a day it only looks ahead to but is placed on the day of the
//! coverage it reads most like, once the undated pages it reads more like
//! are placed; registering the people a story names does not cost its
//! links; two languages on one day need share only half the shorter
//! report's names; two undated rewrites join the coverage they read like
//! throughout; a name of short syllables links two languages; a short German
//! report, whose nouns are capitalised, links to English coverage. The articles
//! are written for these tests, after the kind of pages the real set of
//! benches/realset/ holds.

use dossier::suggest::{self, Options, Suggestions};

use crate::common;

fn article(date: Option<&str>, language: &str, title: &str, body: &str) -> String {
    let date = date.map(|d| format!("date = {d}\n")).unwrap_or_default();
    format!("+++\ntitle = \"{title}\"\noutlet = \"Invented test fixture\"\n{date}language = \"{language}\"\n+++\n\n{body}\n")
}

/// A dossier of `articles` (name, text) with an empty registry.
fn dossier_of(articles: &[(&str, String)]) -> tempfile::TempDir {
    let mut files: Vec<(String, String)> =
        vec![("dossier.toml".into(), "title = \"Test\"\nbase_url = \"https://example.org/test/\"\n".into()), ("content/actors.toml".into(), String::new())];
    files.extend(articles.iter().map(|(name, text)| (format!("content/articles/{name}.md"), text.clone())));
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    common::dossier(&refs)
}

fn suggest_in(articles: &[(&str, String)]) -> Suggestions {
    suggest_with_registry(articles, "")
}

/// [`suggest_in`], with `actors` as the dossier's content/actors.toml.
fn suggest_with_registry(articles: &[(&str, String)], actors: &str) -> Suggestions {
    let dir = dossier_of(articles);
    std::fs::write(dir.path().join("content/actors.toml"), actors).unwrap();
    let (dossier, diags) = dossier::load::load(&dossier::load::Folder::new(dir.path()));
    assert!(!diags.has_errors(), "{:?}", diags.iter().collect::<Vec<_>>());
    suggest::suggest(&dossier, &dossier::annotate::ActorMatcher::of(&dossier), &Options::default())
}

fn related(s: &Suggestions, a: &str, b: &str) -> bool {
    s.articles.iter().any(|x| (x.slug == a && x.related.iter().any(|r| r.slug == b)) || (x.slug == b && x.related.iter().any(|r| r.slug == a)))
}

fn events_of<'a>(s: &'a Suggestions, slug: &str) -> Vec<&'a str> {
    s.articles.iter().find(|a| a.slug == slug).map(|a| a.events.iter().map(|e| e.id.as_str()).collect()).unwrap_or_default()
}

fn one_event(s: &Suggestions, a: &str, b: &str) -> bool {
    let ea = events_of(s, a);
    events_of(s, b).iter().any(|e| ea.contains(e))
}

/// A Kremlin meeting in English and in Russian, the next day's call in
/// Russian (same people, same city), and a story of another kind.
fn kremlin_week() -> Vec<(&'static str, String)> {
    vec![
        (
            "envoys-en",
            article(
                Some("2025-12-02"),
                "en",
                "Witkoff and Kushner meet Putin in the Kremlin",
                "US special envoy Steve Witkoff and Jared Kushner held five hours of talks with Russian President Vladimir Putin at the Kremlin in Moscow on Tuesday.\n\n\
                 Putin's foreign policy aide Yuri Ushakov told reporters afterwards that no compromise on the peace plan had been found yet, and that Moscow had received four further documents.\n\n\
                 Kirill Dmitriev, who heads Russia's sovereign wealth fund, walked the guests through central Moscow before the meeting.",
            ),
        ),
        (
            "envoys-ru",
            article(
                Some("2025-12-02"),
                "ru",
                "Путин принял Уиткоффа и Кушнера в Кремле",
                "Во вторник в Кремле Владимир Путин встретился со спецпосланником США Стивом Уиткоффом и Джаредом Кушнером.\n\n\
                 Как сообщил помощник президента Юрий Ушаков, разговор в Москве длился пять часов, компромисса по мирному плану пока нет.\n\n\
                 Гостей сопровождал глава РФПИ Кирилл Дмитриев.",
            ),
        ),
        (
            "call-ru",
            article(
                Some("2025-12-03"),
                "ru",
                "Путин и Трамп поговорили по телефону",
                "В среду Владимир Путин и Дональд Трамп провели телефонный разговор, сообщил помощник президента Юрий Ушаков.\n\n\
                 По его словам, стороны обсудили итоги визита Стива Уиткоффа и Джареда Кушнера в Москву и договорились продолжить контакты.\n\n\
                 Разговор длился полтора часа.",
            ),
        ),
        (
            "rates-en",
            article(
                Some("2025-12-10"),
                "en",
                "The Fed lowers its key rate again",
                "The Federal Reserve lowered its benchmark rate by a quarter point on Wednesday, to a range of 3.5% to 3.75%.\n\n\
                 Chair Jerome Powell said the committee was well placed to wait and see how the economy develops.",
            ),
        ),
    ]
}

#[test]
fn coverage_in_two_languages_is_one_event_without_a_registry() {
    let s = suggest_in(&kremlin_week());
    // Witkoff and Уиткофф, Moscow and Москве, Kremlin and Кремле share no letters' worth of words.
    assert!(related(&s, "envoys-en", "envoys-ru"), "{}", suggest::text(&s));
    assert!(one_event(&s, "envoys-en", "envoys-ru"), "{}", suggest::text(&s));
    assert!(!related(&s, "envoys-en", "rates-en"), "{}", suggest::text(&s));
}

/// Four English reports of the Kremlin meeting, and a Russian one of the
/// same day about the walk before it, which names the people of only one
/// of them.
fn a_walk_before_the_meeting() -> Vec<(&'static str, String)> {
    let mut v: Vec<(&'static str, String)> = kremlin_week().into_iter().filter(|(name, _)| *name == "envoys-en").collect();
    v.extend([
        (
            "ushakov-en",
            article(
                Some("2025-12-02"),
                "en",
                "No compromise yet after five-hour Kremlin talks, Ushakov says",
                "Five hours of talks between Vladimir Putin and the American envoys in Moscow on Tuesday ended without a compromise on the peace plan, Kremlin aide Yuri Ushakov said.\n\n\
                 Ushakov told reporters that Moscow had received four further documents from the Americans and would study them before the next round.\n\n\
                 Steve Witkoff arrived in the Russian capital in the morning, Ushakov added.",
            ),
        ),
        (
            "receives-en",
            article(
                Some("2025-12-02"),
                "en",
                "Putin receives US envoys as peace plan talks drag on",
                "Vladimir Putin received Steve Witkoff in the Kremlin on Tuesday for talks on the peace plan that lasted five hours, the Kremlin said.\n\n\
                 His aide Yuri Ushakov said no compromise had been reached and that Moscow had been handed four further documents.\n\n\
                 European capitals watched the Moscow talks closely.",
            ),
        ),
        (
            "documents-en",
            article(
                Some("2025-12-02"),
                "en",
                "Ushakov: Moscow studies four new documents after Putin meets envoys",
                "Moscow will study four further documents handed over during Tuesday's five-hour talks between Vladimir Putin and Steve Witkoff, presidential aide Yuri Ushakov said.\n\n\
                 No compromise on the peace plan was found, Ushakov told reporters at the Kremlin.",
            ),
        ),
        (
            "walk-ru",
            article(
                Some("2025-12-02"),
                "ru",
                "Дмитриев показал Кушнеру Москву",
                "Во вторник глава РФПИ Кирилл Дмитриев провёл Джареда Кушнера по центру Москвы, рассказали в фонде.\n\nПрогулка заняла около часа.",
            ),
        ),
    ]);
    v
}

#[test]
fn a_report_alone_joins_the_event_of_its_one_partner_of_the_same_day() {
    let s = suggest_in(&a_walk_before_the_meeting());
    // Linked to the one English report that names Dmitriev and Kushner, and to no other.
    assert!(related(&s, "walk-ru", "envoys-en"), "{}", suggest::text(&s));
    assert!(!related(&s, "walk-ru", "documents-en"), "{}", suggest::text(&s));
    for other in ["envoys-en", "ushakov-en", "receives-en", "documents-en"] {
        assert!(one_event(&s, "walk-ru", other), "{other}: {}", suggest::text(&s));
    }
    // The next day's call, in Russian and linked to the meeting's reports, stays apart (a day is not the same day).
    let mut week = a_walk_before_the_meeting();
    week.extend(kremlin_week().into_iter().filter(|(name, _)| *name == "call-ru"));
    let s = suggest_in(&week);
    assert!(!one_event(&s, "call-ru", "envoys-en"), "{}", suggest::text(&s));
}

/// A chemistry prize reported in English and in Hindi on its day, and the
/// physics prize of the day before. Hindi has no capitals: its names are
/// words like the others.
fn a_prize_in_hindi() -> Vec<(&'static str, String)> {
    vec![
        (
            "chemistry-en",
            article(
                Some("2025-10-08"),
                "en",
                "Chemistry prize for Anika Varga and Tomas Okafor",
                "Anika Varga of Lund and Tomas Okafor of Lagos won the Nobel prize in chemistry on Wednesday for porous crystals that trap carbon dioxide from the air.\n\n\
                 The two share 11 million kronor. Varga said she was woken by the call; Okafor was teaching in Lagos.",
            ),
        ),
        (
            "physics-en",
            article(
                Some("2025-10-07"),
                "en",
                "Physics prize for Lin Hargreave and Ada Brenner",
                "Lin Hargreave and Ada Brenner won the Nobel prize in physics on Tuesday for superconducting circuits that behave as one quantum object.\n\n\
                 The two share 11 million kronor. Brenner teaches in Santa Barbara; Hargreave in Cambridge.",
            ),
        ),
        (
            "chemistry-hi",
            article(
                Some("2025-10-08"),
                "hi",
                "रसायन विज्ञान का नोबेल पुरस्कार",
                "अनिका वर्गा और तोमास ओकाफ़ोर को हवा से कार्बन डाइऑक्साइड पकड़ने वाले छिद्रयुक्त क्रिस्टल के लिए रसायन विज्ञान का नोबेल पुरस्कार मिला है।\n\n\
                 दोनों विजेता पुरस्कार राशि बराबर बांटेंगे। वर्गा लुंड में और ओकाफ़ोर लागोस में पढ़ाते हैं।",
            ),
        ),
    ]
}

#[test]
fn a_report_in_a_script_without_capitals_links_by_the_names_among_its_words() {
    let s = suggest_in(&a_prize_in_hindi());
    let text = suggest::text(&s);
    assert!(one_event(&s, "chemistry-en", "chemistry-hi"), "{text}");
    assert!(!related(&s, "physics-en", "chemistry-hi") && !related(&s, "physics-en", "chemistry-en"), "{text}");
}

#[test]
fn a_look_alike_a_day_later_in_the_other_script_stays_apart() {
    // Without the Russian report of the meeting: with it, the call joins the
    // meeting's event through that report (same language, a day apart, the
    // same people and city), as two reports of one late-night meeting dated
    // a day apart do; that limit is in benches/realset/REPORT.md.
    let articles: Vec<_> = kremlin_week().into_iter().filter(|(name, _)| *name != "envoys-ru").collect();
    let s = suggest_in(&articles);
    assert!(!related(&s, "envoys-en", "call-ru"), "{}", suggest::text(&s));
    assert!(!one_event(&s, "envoys-en", "call-ru"), "{}", suggest::text(&s));
}

#[test]
fn a_day_an_undated_article_looks_ahead_to_does_not_date_it() {
    let rate = |date: &str, range: &str, count: &str| {
        article(
            Some(date),
            "en",
            &format!("Fed cuts rates for the {count} time"),
            &format!(
                "The Federal Reserve cut its benchmark rate by a quarter point on Wednesday, to a range of {range}, in a vote that split the committee.\n\n\
                 Chair Jerome Powell told reporters that inflation was still above the target and that the labor market was cooling."
            ),
        )
    };
    let articles = vec![
        ("october", rate("2025-10-29", "3.75% to 4%", "second")),
        ("october-2", rate("2025-10-29", "3.75% to 4%", "second")),
        ("december", rate("2025-12-10", "3.5% to 3.75%", "third")),
        ("december-2", rate("2025-12-10", "3.5% to 3.75%", "third")),
        (
            "undated",
            article(
                None,
                "en",
                "The Fed cuts again and ends its balance sheet runoff",
                "The Federal Reserve cut its benchmark rate by a quarter point on Wednesday, to a range of 3.75% to 4%, in a vote that split the committee.\n\n\
                 The central bank also said it will stop shrinking its balance sheet (quantitative tightening, as markets call it) on December 1.\n\n\
                 Chair Jerome Powell told reporters that inflation was still above the target and that the labor market was cooling.",
            ),
        ),
    ];
    let s = suggest_in(&articles);
    let undated = s.articles.iter().find(|a| a.slug == "undated").unwrap();
    assert_eq!(undated.day, None, "December 1 is an appointment, not the news");
    assert!(related(&s, "undated", "october"), "{}", suggest::text(&s));
    // The December meeting is a Wednesday too, after the appointment: another event.
    assert!(!related(&s, "undated", "december"), "{}", suggest::text(&s));
    assert!(!one_event(&s, "undated", "december"), "{}", suggest::text(&s));
}

/// A summit and, three days later, a meeting that looks back on it (the
/// same two leaders, the same place named), each reported twice in
/// English, and an undated Russian report of the summit that names only
/// what both events name.
fn summit_and_meeting() -> Vec<(&'static str, String)> {
    let summit = |date: &str, title: &str| {
        article(
            Some(date),
            "en",
            title,
            "Donald Trump and Vladimir Putin ended their talks at a military base in Anchorage, Alaska, after 2 hours and 45 minutes, without announcing a ceasefire in Ukraine.\n\n\
             Putin called the talks constructive; Trump said there was no deal until there was a deal and that he would call Volodymyr Zelensky and European leaders.\n\n\
             The Kremlin said Russia and the United States would keep talking; Moscow wants Ukraine to give up Donbas, Kyiv refuses.",
        )
    };
    let meeting = |date: &str, title: &str| {
        article(
            Some(date),
            "en",
            title,
            "Donald Trump received Volodymyr Zelensky and European leaders at the White House in Washington on Monday, three days after his summit of 2 hours and 45 minutes with Vladimir Putin in Anchorage, Alaska.\n\n\
             Trump said he would call Putin to prepare a meeting between Putin and Zelensky; the leaders discussed security guarantees for Ukraine.\n\n\
             The Kremlin said Russia and the United States would keep talking; Moscow wants Ukraine to give up Donbas, Kyiv refuses.",
        )
    };
    vec![
        ("summit-1", summit("2025-08-15", "Trump and Putin end Alaska talks without a deal")),
        ("summit-2", summit("2025-08-16", "No ceasefire after Trump–Putin summit in Anchorage")),
        ("meeting-1", meeting("2025-08-18", "Trump hosts Zelensky and European leaders at the White House")),
        ("meeting-2", meeting("2025-08-18", "Zelensky and Europeans meet Trump in Washington after Alaska summit")),
        (
            "undated-ru",
            article(
                None,
                "ru",
                "Переговоры Путина и Трампа завершились",
                "Переговоры Владимира Путина и Дональда Трампа в Анкоридже на Аляске завершились, они продлились 2 часа 45 минут.\n\n\
                 Путин назвал переговоры с Трампом конструктивными, Трамп пообещал позвонить Зеленскому и европейским лидерам.\n\n\
                 В Кремле заявили, что Россия продолжит диалог; Москва требует, чтобы Украина ушла из Донбасса, Киев отказывается.",
            ),
        ),
    ]
}

#[test]
fn an_undated_article_that_reads_like_two_look_alikes_joins_neither() {
    let s = suggest_in(&summit_and_meeting());
    assert!(one_event(&s, "summit-1", "summit-2") && one_event(&s, "meeting-1", "meeting-2"), "{}", suggest::text(&s));
    assert!(!one_event(&s, "summit-1", "meeting-1"), "{}", suggest::text(&s));
    // It names what both events name, in another language and without a day:
    // no content tells which it reports, so it is placed in neither.
    for other in ["summit-1", "summit-2", "meeting-1", "meeting-2"] {
        assert!(!one_event(&s, "undated-ru", other), "joined {other}: {}", suggest::text(&s));
    }
    // `check` lists it as undated and names the days it could be, not one of them as likely.
    let messages = common::check_messages(dossier_of(&summit_and_meeting()).path()).join("\n");
    assert!(messages.contains("report days too far apart to be one event (2025-08-15, 2025-08-16, 2025-08-18)"), "{messages}");
    assert!(!messages.contains("is probably"), "{messages}");
}

#[test]
fn an_undated_article_is_not_dated_by_a_day_it_looks_ahead_to() {
    // Paraphrased from a profile written on the day of a prize announcement.
    let profile = article(
        None,
        "en",
        "An opposition leader wins the peace prize",
        "The opposition leader, an industrial engineer, founded her party in 2013 and was elected to parliament in 2010.\n\n\
         The prize will be handed over at a ceremony in Oslo on December 10, 2025.",
    );
    let s = suggest_in(&[("profile", profile)]);
    let day = s.articles.iter().find(|a| a.slug == "profile").and_then(|a| a.day.clone());
    assert_eq!(day, None, "{}", suggest::text(&s));
}

/// One prize a day from one academy in one city: the physics prize and,
/// the next day, the chemistry prize, each reported on its day, and two
/// reports of the physics prize whose pages give no date at all.
fn a_prize_a_day() -> Vec<(&'static str, String)> {
    let physics = |date: &str, title: &str, lead: &str| {
        article(
            Some(date),
            "en",
            title,
            &format!(
                "{lead}\n\n\
                 The Royal Academy of Sciences in Stockholm cited their experiments with superconducting circuits, in which a current tunnels through a barrier as a single quantum object.\n\n\
                 Hargreave, 81, worked at Berkeley; Okafor and Brenner built the first chips at Santa Barbara. \"I was completely stunned,\" Hargreave told the academy's press conference by telephone."
            ),
        )
    };
    let chemistry = |date: &str, title: &str, lead: &str| {
        article(
            Some(date),
            "en",
            title,
            &format!(
                "{lead}\n\n\
                 The Royal Academy of Sciences in Stockholm cited their porous crystals, metal-organic frameworks that can pull water from desert air or capture carbon dioxide.\n\n\
                 Velden, 74, worked in Melbourne; Arakawa in Kyoto and Siddiq at Berkeley. \"It is a joy for the whole field,\" Siddiq told the academy's press conference by telephone."
            ),
        )
    };
    vec![
        ("physics-1", physics("2025-10-07", "Physics prize for quantum circuits", "Ada Brenner, Tomas Okafor and Lin Hargreave won the physics prize on Tuesday for showing quantum tunnelling in an electric circuit.")),
        ("physics-2", physics("2025-10-07", "Three share the physics prize", "The physics prize went to Lin Hargreave, Ada Brenner and Tomas Okafor on Tuesday, for quantum effects in a circuit one can hold in a hand.")),
        ("chemistry-1", chemistry("2025-10-08", "Chemistry prize for porous crystals", "Rosa Velden, Kenji Arakawa and Omar Siddiq won the chemistry prize on Wednesday for building metal-organic frameworks.")),
        ("chemistry-2", chemistry("2025-10-08", "Three share the chemistry prize", "The chemistry prize went to Omar Siddiq, Rosa Velden and Kenji Arakawa on Wednesday, for crystals full of holes.")),
        (
            "physics-undated-1",
            article(
                None,
                "en",
                "Quantum pioneers honoured",
                "Lin Hargreave, Ada Brenner and Tomas Okafor have been honoured for bringing quantum mechanics into a circuit on a chip.\n\n\
                 Their superconducting devices, built in the 1980s, underlie today's quantum computers. Hargreave said he was stunned.",
            ),
        ),
        (
            "physics-undated-2",
            article(
                None,
                "en",
                "Who are the new laureates?",
                "Ada Brenner was born in Paris and teaches at Santa Barbara. Tomas Okafor holds a doctorate from Berkeley. Lin Hargreave, born in Cambridge, is a professor at Berkeley.\n\n\
                 The three showed that a current in a superconducting circuit can tunnel as one quantum object.",
            ),
        ),
    ]
}

#[test]
fn an_undated_article_closest_to_one_day_s_coverage_takes_its_day() {
    let s = suggest_in(&a_prize_a_day());
    let text = suggest::text(&s);
    for undated in ["physics-undated-1", "physics-undated-2"] {
        let article = s.articles.iter().find(|a| a.slug == undated).expect("suggested");
        assert_eq!((article.day.as_deref(), article.day_from_coverage.as_deref()), (None, Some("2025-10-07")), "{text}");
        assert!(one_event(&s, undated, "physics-1") && one_event(&s, undated, "physics-2"), "{text}");
        assert!(!one_event(&s, undated, "chemistry-1") && !one_event(&s, undated, "chemistry-2"), "{text}");
    }
    assert!(one_event(&s, "chemistry-1", "chemistry-2") && !one_event(&s, "physics-1", "chemistry-1"), "{text}");
    assert!(text.contains("2025-10-07 (its coverage's day)  physics-undated-1"), "{text}");

    let messages = common::check_messages(dossier_of(&a_prize_a_day()).path()).join("\n");
    assert!(messages.contains("like nothing of another day: its event's day is probably 2025-10-07"), "{messages}");
}

/// A peace prize reported on its day, the literature prize of the day
/// before, and two undated pages: a report of the peace prize, and a
/// profile of the laureate that reads more like that report (the same
/// life story) than like the dated ones.
fn a_laureate_s_profile() -> Vec<(&'static str, String)> {
    let life = "Elena Sarvik was born in 1967 in Kestra, a mining town in the north of Marovia, and trained as an engineer before she entered politics. \
                She founded the Civic Ballot movement in 2011 and has lived in hiding since the disputed vote of 2024, when the electoral council declared Radu Mencik the winner.";
    let peace = "The Norwegian Nobel Committee in Oslo cited her tireless work for democratic rights in Marovia and her struggle for a peaceful transition from dictatorship to democracy.\n\n\
                 Committee chair Jorgen Vatne said she had kept the flame of democracy burning amid growing darkness. Sarvik will receive the prize, a gold medal and 11 million kroner, in Oslo in December.";
    let literature = "The Swedish Academy in Stockholm cited his compelling and visionary work that, amid apocalyptic terror, reaffirms the power of art.\n\n\
                      Orbel, 71, was born in Gyula and wrote his first novel, Satanic Rain, in 1985. Academy secretary Mats Lindqvist reached him by telephone in Berlin, where he said he was stunned.";
    vec![
        ("peace-1", article(Some("2025-10-10"), "en", "Sarvik wins the peace prize", &format!("Elena Sarvik, the leader of Marovia's opposition, won the Nobel peace prize on Friday.\n\n{peace}"))),
        (
            "peace-2",
            article(
                Some("2025-10-10"),
                "en",
                "Peace prize for Marovia's opposition leader",
                &format!("The Nobel peace prize went on Friday to Elena Sarvik, who leads the democratic opposition in Marovia.\n\n{peace}"),
            ),
        ),
        (
            "literature-1",
            article(Some("2025-10-09"), "en", "Orbel wins the literature prize", &format!("The Hungarian novelist Laszlo Orbel won the Nobel prize in literature on Thursday.\n\n{literature}")),
        ),
        (
            "literature-2",
            article(
                Some("2025-10-09"),
                "en",
                "Literature prize for Orbel",
                &format!("The Nobel prize in literature went on Thursday to Laszlo Orbel, the Hungarian author of long, dark novels.\n\n{literature}"),
            ),
        ),
        (
            "peace-undated",
            article(
                None,
                "en",
                "Marovia opposition leader honoured",
                &format!(
                    "Elena Sarvik, who leads Marovia's democratic opposition, has been awarded the Nobel peace prize.\n\n{peace}\n\nSarvik has lived in hiding since the disputed vote of 2024."
                ),
            ),
        ),
        (
            "profile-undated",
            article(
                None,
                "en",
                "Who is Elena Sarvik?",
                &format!(
                    "{life}\n\nThe Norwegian Nobel Committee cited her struggle for a peaceful transition from dictatorship to democracy. Sarvik has lived in hiding since the disputed vote of 2024."
                ),
            ),
        ),
    ]
}

#[test]
fn an_undated_article_closest_to_placed_coverage_takes_the_day_of_the_dated_coverage_it_reads_like() {
    let s = suggest_in(&a_laureate_s_profile());
    let text = suggest::text(&s);
    for undated in ["peace-undated", "profile-undated"] {
        let article = s.articles.iter().find(|a| a.slug == undated).expect("suggested");
        assert_eq!((article.day.as_deref(), article.day_from_coverage.as_deref()), (None, Some("2025-10-10")), "{text}");
        assert!(one_event(&s, undated, "peace-1") && one_event(&s, undated, "peace-2"), "{text}");
        assert!(!one_event(&s, undated, "literature-1"), "{text}");
    }
    assert!(one_event(&s, "literature-1", "literature-2") && !one_event(&s, "peace-1", "literature-1"), "{text}");
}

/// A grain corridor signed in Vell, reported on its day; the talks in Vell
/// three weeks before, which ended without a deal; and two undated reports
/// of the signing that quote the same ministers at length, so they read
/// more like each other than like any dated report.
fn two_undated_reports_of_one_signing() -> Vec<(&'static str, String)> {
    let signing = "The foreign ministers of Arvenia and Dostra, Ilse Varga and Piotr Halloran, met at the Marisol Palace in Vell. \
                   The agreement reopens the ports of Kestrel and Brava to grain ships under the watch of a joint inspection centre.";
    let earlier = "Ilse Varga and Piotr Halloran left Vell after a day of talks on the blockade. \
                   The two sides could not agree on who would inspect the ships and will meet again next month.";
    let quoted = "\"Nobody in this room trusts the other side, and that is why the inspectors will sit in Brava from the first day,\" Halloran told reporters after the ceremony.";
    vec![
        ("signing-1", article(Some("2025-09-12"), "en", "Arvenia and Dostra sign a grain corridor deal", &format!("Arvenia and Dostra signed a grain corridor agreement in Vell on Friday.\n\n{signing}"))),
        (
            "signing-2",
            article(Some("2025-09-12"), "en", "Grain deal signed in Vell", &format!("A deal to reopen the grain corridor was signed on Friday in Vell by Arvenia and Dostra.\n\n{signing}")),
        ),
        ("talks-1", article(Some("2025-08-22"), "en", "No grain deal in Vell", &format!("Talks between Arvenia and Dostra in Vell ended on Friday without a grain deal.\n\n{earlier}"))),
        (
            "talks-2",
            article(Some("2025-08-22"), "en", "Vell talks end without a deal", &format!("Arvenia and Dostra failed on Friday to agree on reopening the grain ports.\n\n{earlier}")),
        ),
        (
            "signing-undated-1",
            article(None, "en", "Grain corridor agreed", &format!("Arvenia and Dostra have signed an agreement to reopen the grain corridor.\n\n{signing}\n\n{quoted} Varga said the corridor would carry 3.2 million tonnes of wheat a month; insurers in Lanford expect premiums to fall.")),
        ),
        (
            "signing-undated-2",
            article(None, "en", "Ports of Kestrel and Brava to reopen", &format!("The grain ports will reopen under a deal Arvenia and Dostra signed in Vell.\n\n{signing}\n\n{quoted} Insurers in Lanford expect premiums for ships bound for Kestrel to fall by 40 percent.")),
        ),
    ]
}

#[test]
fn two_undated_reports_closest_to_each_other_take_the_day_both_read_like() {
    let s = suggest_in(&two_undated_reports_of_one_signing());
    let text = suggest::text(&s);
    let score = |a, b| pair_score(&s, a, b).unwrap_or(0.0);
    // Each reads more like the other than like any dated report: each
    // would hold the other back, were it not that both read like one day.
    let closest_dated = score("signing-undated-1", "signing-1").max(score("signing-undated-1", "signing-2"));
    assert!(score("signing-undated-1", "signing-undated-2") > closest_dated, "{text}");
    for undated in ["signing-undated-1", "signing-undated-2"] {
        let article = s.articles.iter().find(|a| a.slug == undated).expect("suggested");
        assert_eq!(article.day_from_coverage.as_deref(), Some("2025-09-12"), "{text}");
        assert!(one_event(&s, undated, "signing-1") && !one_event(&s, undated, "talks-1"), "{text}");
    }
    assert!(one_event(&s, "talks-1", "talks-2") && !one_event(&s, "signing-1", "talks-1"), "{text}");
}

/// A museum robbery reported on its day (Sunday 19 October 2025), and an
/// undated report of two suspects being charged ten days later, which
/// tells the robbery again at length: the news by its weekdays ("arrested
/// on Saturday", "a press conference on Wednesday"), the robbery by its date.
fn a_robbery_recalled() -> Vec<(&'static str, String)> {
    let robbery = "Four men in high-visibility vests drove a stolen lift truck to the river front of the Aldren Museum in Corvel at about 9.30am, \
                   cut through a window of the Meridian gallery and took eight pieces of the Vasselin crown jewels from two display cases. \
                   The raid lasted seven minutes; the men fled on two scooters towards the ring road.";
    vec![
        (
            "robbery-1",
            article(
                Some("2025-10-19"),
                "en",
                "Crown jewels stolen from the Aldren Museum",
                &format!("Thieves stole the Vasselin crown jewels from the Aldren Museum on Sunday morning.\n\n{robbery}"),
            ),
        ),
        (
            "robbery-2",
            article(
                Some("2025-10-19"),
                "en",
                "Seven-minute raid at the Aldren",
                &format!("The Aldren Museum in Corvel was robbed on Sunday, its director Hanne Voss said.\n\n{robbery}"),
            ),
        ),
        (
            "charges-undated",
            article(
                None,
                "en",
                "Two suspects charged over the Aldren robbery",
                &format!(
                    "Two men arrested on Saturday have been charged with organised theft, prosecutor Odile Marchetti told a press conference on Wednesday. \
                     The jewels have not been found.\n\nOn 19 October, {robbery}"
                ),
            ),
        ),
    ]
}

#[test]
fn an_undated_report_is_not_placed_on_a_day_it_names_after_the_weekdays_of_its_news() {
    let s = suggest_in(&a_robbery_recalled());
    let text = suggest::text(&s);
    // The report reads most like the robbery's coverage, of a Sunday as
    // its first weekday is; but it names 19 October after a Saturday and a
    // Wednesday: a day it recalls.
    assert!(pair_score(&s, "charges-undated", "robbery-1").is_none_or(|x| x < 0.3), "{text}");
    let charges = s.articles.iter().find(|a| a.slug == "charges-undated").expect("suggested");
    assert_eq!(charges.day_from_coverage, None, "{text}");
    assert!(!one_event(&s, "charges-undated", "robbery-1"), "{text}");
    assert!(one_event(&s, "robbery-1", "robbery-2"), "{text}");
}

/// An election's first round, reported on its day, and its runoff four
/// weeks later, reported by pages that give no date.
fn two_rounds() -> Vec<(&'static str, String)> {
    let first = |title: &str, lead: &str| {
        article(
            Some("2025-11-16"),
            "en",
            title,
            &format!(
                "{lead}\n\n\
                 Jonas Arbe, the candidate of the right, and Marta Kessel, the candidate of the left, will meet in a runoff. Turnout was 85%, voting being compulsory in Valdoria."
            ),
        )
    };
    let runoff = |title: &str, lead: &str| {
        article(
            None,
            "en",
            title,
            &format!(
                "{lead}\n\n\
                 Jonas Arbe took 58.1% of the vote in the runoff and Marta Kessel 41.9%. Arbe will be sworn in as president of Valdoria in March; Kessel conceded defeat."
            ),
        )
    };
    vec![
        (
            "first-1",
            first(
                "Valdoria heads to a runoff",
                "Marta Kessel came first in Valdoria's presidential election with 26.8% of the vote, ahead of Jonas Arbe with 23.9%.",
            ),
        ),
        (
            "first-2",
            first("Kessel and Arbe in Valdoria's runoff", "Valdoria's first round put Marta Kessel on 26.8% and Jonas Arbe on 23.9%, with a runoff to come."),
        ),
        ("runoff-1", runoff("Arbe wins Valdoria's presidency", "Jonas Arbe won Valdoria's presidential runoff, defeating Marta Kessel.")),
        ("runoff-2", runoff("The right takes Valdoria", "Valdoria elected Jonas Arbe president, the right's first win since the return to democracy.")),
        ("runoff-short", article(None, "en", "Arbe wins in Valdoria", "Jonas Arbe obtained 58.1% of the vote; his opponent, Marta Kessel, secured 41.9%.")),
    ]
}

#[test]
fn an_undated_article_closer_to_undated_coverage_is_not_placed_on_a_look_alike_s_day() {
    let s = suggest_in(&two_rounds());
    let text = suggest::text(&s);
    let short = s.articles.iter().find(|a| a.slug == "runoff-short").expect("suggested");
    assert_eq!(short.day_from_coverage, None, "{text}");
    // Nor does `check` offer the first round's day as the likely one.
    let messages = common::check_messages(dossier_of(&two_rounds()).path()).join("\n");
    assert!(messages.contains("it reads like coverage of 2025-11-16, but more like articles without a day"), "{messages}");
    assert!(!messages.contains("probably 2025-11-16"), "{messages}");
}

/// A first orbital flight reported in English and, more briefly, in Spanish
/// on the same day, and in German dated the next day.
fn condor_flight() -> Vec<(&'static str, String)> {
    vec![
        (
            "launch-en",
            article(
                Some("2026-03-17"),
                "en",
                "Orbis Aerospace's Condor reaches orbit on its fourth flight",
                "Orbis Aerospace's Condor rocket lifted off from the Punta Delgada spaceport on Tuesday evening and reached orbit for the first time, on its fourth test flight.\n\n\
                 The Falcata booster separated two and a half minutes after launch and came down in the Gulf of Tarro as planned. The upper stage released eight dummy satellites before re-entering over the Meridian Ocean.\n\n\
                 Chief executive Mara Velden said the company would now ask the Aviation Safety Board for a licence to fly paying customers. The three earlier flights ended in explosions; the second scattered debris over the Isla Verde coast.",
            ),
        ),
        (
            "launch-es",
            article(
                Some("2026-03-17"),
                "es",
                "El cohete Condor llega por fin a la órbita",
                "El cohete Condor de la empresa Orbis Aerospace alcanzó la órbita este martes en su cuarto vuelo de prueba, tras despegar desde Punta Delgada.\n\n\
                 El propulsor se separó a los dos minutos y medio y cayó en el mar, como estaba previsto, mientras la etapa superior liberaba 8 satélites de prueba.\n\n\
                 Los tres vuelos anteriores terminaron con explosiones.",
            ),
        ),
        (
            "launch-de",
            article(
                Some("2026-03-18"),
                "de",
                "Condor-Rakete erreicht beim vierten Versuch die Umlaufbahn",
                "Die Condor-Rakete von Orbis Aerospace hat beim vierten Testflug erstmals die Umlaufbahn erreicht. Sie startete vom Weltraumbahnhof Punta Delgada.\n\n\
                 Die erste Stufe landete wie geplant im Meer, die Oberstufe setzte 8 Attrappen von Satelliten aus.\n\n\
                 Die drei vorherigen Flüge endeten mit Explosionen.",
            ),
        ),
    ]
}

#[test]
fn two_languages_on_one_day_need_share_only_half_the_shorter_report_s_names() {
    let s = suggest_in(&condor_flight());
    // The Spanish report names a third of what the English one does
    // (Condor, Orbis Aerospace, Punta Delgada), and nothing else the two
    // languages share but the 8: as a share of all names, too little; for
    // two reports of one day in two languages, enough.
    assert!(related(&s, "launch-en", "launch-es"), "{}", suggest::text(&s));
    assert!(one_event(&s, "launch-en", "launch-es"), "{}", suggest::text(&s));
    // A day apart, names and a number are what the next day's news of the
    // same story shares too: no allowance.
    assert!(!related(&s, "launch-es", "launch-de"), "{}", suggest::text(&s));
    assert!(!related(&s, "launch-en", "launch-de"), "{}", suggest::text(&s));
}

/// The score of the pair `a`, `b` when `suggest` lists them as related.
fn pair_score(s: &Suggestions, a: &str, b: &str) -> Option<f32> {
    s.articles.iter().find(|x| x.slug == a)?.related.iter().find(|r| r.slug == b).map(|r| r.score)
}

#[test]
fn registering_the_people_a_story_names_does_not_lower_its_links() {
    // Two reports of one signing that name some of the same people, and a
    // report of something else a week later that names two of them.
    let articles = vec![
        (
            "signing-1",
            article(
                Some("2025-03-04"),
                "en",
                "Lakeland and Norvia sign a water treaty",
                "Foreign ministers Anna Berglund and Tomas Lindqvist signed a treaty on sharing the Varna river in Tallow on Tuesday.\n\n\
                 Prime minister Erik Saarinen called it the end of a thirty-year quarrel; the opposition leader Maja Holm said parliament would read it closely.",
            ),
        ),
        (
            "signing-2",
            article(
                Some("2025-03-04"),
                "en",
                "A treaty on the Varna, at last",
                "In Tallow on Tuesday Anna Berglund and Tomas Lindqvist put their names to an agreement on the waters of the Varna river.\n\n\
                 Lindqvist said farmers on both banks would be the first to notice; Berglund thanked the mediator, Petra Kask.",
            ),
        ),
        (
            "budget",
            article(
                Some("2025-03-11"),
                "en",
                "Saarinen's budget passes",
                "Parliament passed Erik Saarinen's budget by four votes on Tuesday. Maja Holm's party voted against it.",
            ),
        ),
    ];
    let registry = ["Anna Berglund", "Tomas Lindqvist", "Erik Saarinen", "Maja Holm", "Petra Kask"]
        .iter()
        .map(|name| {
            format!(
                "[[actor]]\nid = \"{}\"\nname = \"{name}\"\nkind = \"person\"\naliases = [\"{}\"]\n\n",
                name.to_lowercase().replace(' ', "-"),
                name.split(' ').next_back().unwrap()
            )
        })
        .collect::<String>();
    let without = suggest_in(&articles);
    let with = suggest_with_registry(&articles, &registry);
    let (before, after) = (pair_score(&without, "signing-1", "signing-2"), pair_score(&with, "signing-1", "signing-2"));
    assert!(before.is_some(), "{}", suggest::text(&without));
    // The registry makes "Lindqvist" and "Tomas Lindqvist" one person: the pair can only gain.
    assert!(after >= before, "without a registry {before:?}, with one {after:?}\n{}", suggest::text(&with));
    assert!(one_event(&with, "signing-1", "signing-2"), "{}", suggest::text(&with));
    assert!(!related(&with, "signing-1", "budget"), "{}", suggest::text(&with));
}

/// An order's electors shut in their chapel in March 2013, reported on
/// that day, and the same rite twelve years later, reported by a page
/// that gives no date in its text; its address gives the month it was
/// published in (`/nachrichten-2025-05/`), or, in `without_address`, nothing.
fn a_rite_twelve_years_apart(with_address: bool) -> Vec<(&'static str, String)> {
    let rite = "The electors of the Order of Saint Vell walked in procession into the Marble Chapel and swore the oath of secrecy. \
                The master of ceremonies called out \"all out\" and closed the doors; black smoke rose from the chimney after the first ballot.";
    let undated = article(
        None,
        "en",
        "The electors are shut in the Marble Chapel",
        &format!("The election of a new Grand Master of the Order of Saint Vell has begun in the Marble Chapel.\n\n{rite} The 133 electors will vote again tomorrow."),
    );
    let address = "url = \"https://example.org/nachrichten-2025-05/65332298-wahl-hat-begonnen.htm\"\n";
    vec![
        (
            "rite-2013-1",
            article(
                Some("2013-03-12"),
                "en",
                "The Order of Saint Vell begins its election",
                &format!("The election of a Grand Master began in the Marble Chapel on Tuesday.\n\n{rite} 115 electors took part."),
            ),
        ),
        (
            "rite-2013-2",
            article(
                Some("2013-03-12"),
                "en",
                "Black smoke over the Marble Chapel",
                &format!("The Order of Saint Vell shut its electors in the Marble Chapel on Tuesday.\n\n{rite}"),
            ),
        ),
        ("rite-undated", if with_address { undated.replacen("language = ", &format!("{address}language = "), 1) } else { undated }),
    ]
}

#[test]
fn an_undated_report_is_not_placed_on_a_look_alike_outside_the_month_its_address_gives() {
    // Without its address, nothing tells the report from the look-alike
    // twelve years before, and it takes that day.
    let s = suggest_in(&a_rite_twelve_years_apart(false));
    let placed = s.articles.iter().find(|a| a.slug == "rite-undated").and_then(|a| a.day_from_coverage.clone());
    assert_eq!(placed.as_deref(), Some("2013-03-12"), "{}", suggest::text(&s));
    // Published in May 2025, it reports no day of March 2013.
    let s = suggest_in(&a_rite_twelve_years_apart(true));
    let text = suggest::text(&s);
    let undated = s.articles.iter().find(|a| a.slug == "rite-undated").expect("suggested");
    assert_eq!(undated.day_from_coverage, None, "{text}");
    assert!(!one_event(&s, "rite-undated", "rite-2013-1"), "{text}");
    assert!(pair_score(&s, "rite-undated", "rite-2013-1").is_none_or(|x| x < 0.3), "{text}");
    assert!(one_event(&s, "rite-2013-1", "rite-2013-2"), "{text}");
}

/// Three undated English reports of a chemistry prize, three of the physics
/// prize of the day before, and a dated Russian report of the chemistry
/// prize, which shares only names (by sound) and figures with the English.
fn a_prize_reported_undated() -> Vec<(&'static str, String)> {
    let en = |title: &'static str, body: &'static str| article(None, "en", title, body);
    vec![
        (
            "chemistry-1",
            en(
                "Anika Varga and Tomas Okafor win the chemistry prize",
                "The Royal Swedish Academy of Sciences awarded the Nobel prize in chemistry to Anika Varga and Tomas Okafor for porous crystals that trap carbon dioxide from the air.\n\n\
                 Varga, 61, works at Lund University; Okafor, 58, at the University of Lagos. The two share 11 million kronor.",
            ),
        ),
        (
            "chemistry-2",
            en(
                "Porous crystals bring Varga and Okafor the Nobel",
                "Anika Varga of Lund and Tomas Okafor of Lagos are this year's Nobel laureates in chemistry, honoured for crystals full of pores that capture carbon dioxide.\n\n\
                 The academy said their frameworks could pull water from desert air. They will split the 11 million kronor prize.",
            ),
        ),
        (
            "chemistry-3",
            en(
                "Chemistry Nobel for carbon-trapping crystals",
                "The chemistry Nobel goes to Anika Varga and Tomas Okafor, whose porous crystals soak up carbon dioxide like a sponge.\n\n\
                 Okafor said he was teaching in Lagos when the academy called; Varga, in Lund, said she had been asleep.",
            ),
        ),
        (
            "physics-1",
            en(
                "Hargreave and Brenner share physics Nobel",
                "Superconducting circuits that behave as one quantum object earned Lin Hargreave and Ada Brenner the physics prize, the committee announced at a press conference.\n\n\
                 Hargreave, speaking by phone from Cambridge, said he was stunned. Brenner leads a laboratory at Santa Barbara.",
            ),
        ),
        (
            "physics-2",
            en(
                "Quantum tunnelling in circuits wins physics prize",
                "Ada Brenner and Lin Hargreave showed in the 1980s that a whole electric circuit can tunnel through a barrier, the committee said.\n\n\
                 Their experiments at Santa Barbara and Cambridge laid the ground for today's quantum computers.",
            ),
        ),
        (
            "physics-3",
            en(
                "Physics Nobel for quantum circuits",
                "Lin Hargreave and Ada Brenner were named physics laureates for circuits in which a current tunnels like a single particle.\n\n\
                 Brenner said she was in Santa Barbara when the committee called; Hargreave was at home in Cambridge.",
            ),
        ),
        (
            "chemistry-ru",
            article(
                Some("2025-10-08"),
                "ru",
                "Нобелевская премия по химии",
                "В Стокгольме объявили лауреатов Нобелевской премии по химии: ими стали Аника Варга и Томас Окафор.\n\n\
                 Председатель комитета Йохан Окви назвал их работу прорывом. Профессор Ирина Соболева из Новосибирска и академик Павел Громов \
                 сказали ТАСС, что российские химики давно следят за этими исследованиями.",
            ),
        ),
    ]
}

#[test]
fn a_report_alone_joins_the_group_it_reads_like_under_the_threshold() {
    let s = suggest_in(&a_prize_reported_undated());
    let text = suggest::text(&s);
    // Under the threshold with each English report (about 0.2), and related to none...
    for other in ["chemistry-1", "chemistry-2", "chemistry-3"] {
        assert!(!related(&s, "chemistry-ru", other), "{other}: {text}");
    }
    // ...but like most of their group, and like nothing else: it joins their event.
    for other in ["chemistry-1", "chemistry-2", "chemistry-3"] {
        assert!(one_event(&s, "chemistry-ru", other), "{other}: {text}");
    }
    for other in ["physics-1", "physics-2", "physics-3"] {
        assert!(!one_event(&s, "chemistry-ru", other), "{other}: {text}");
        assert!(!one_event(&s, "chemistry-1", other), "{other}: {text}");
    }
}

/// A hospital struck: three dated reports, two undated rewrites of one wire
/// report (which read more like each other than like any dated report, so
/// neither is placed on a day), and the strike on the port of the same city
/// the day before, with the same minister and the same barrage.
fn a_hospital_struck() -> Vec<(&'static str, String)> {
    let en = |date: Option<&'static str>, title: &'static str, body: &'static str| article(date, "en", title, body);
    vec![
        (
            "strike-1",
            en(
                Some("2025-06-19"),
                "Missile hits Halden Medical Centre in Marsk",
                "A ballistic missile struck the Halden Medical Centre in the Rauna district of Marsk early on Thursday, wounding 71 people, the health ministry said.\n\n\
                 The hospital's director, Miriam Olesk, said the surgical wing had been evacuated the night before. Defence minister Arvid Tamm called the strike a war crime.",
            ),
        ),
        (
            "strike-2",
            en(
                Some("2025-06-19"),
                "Marsk hospital damaged by missile",
                "Rescuers pulled patients from the Halden Medical Centre in Marsk on Thursday after a missile tore through its surgical wing in the Rauna district. At least 71 people were hurt.\n\n\
                 Director Miriam Olesk said staff had moved most patients underground. Arvid Tamm, the defence minister, vowed a response.",
            ),
        ),
        (
            "strike-3",
            en(
                Some("2025-06-19"),
                "Hospital in Marsk struck",
                "The Halden Medical Centre, the largest hospital in southern Marsk, in the Rauna district, was hit by a missile on Thursday morning; 71 people were wounded, none of them critically.\n\n\
                 Miriam Olesk, its director, said the wing had been emptied overnight. Arvid Tamm spoke of a war crime.",
            ),
        ),
        (
            "wire-1",
            en(
                None,
                "Halden Medical Centre hit as missiles fall on Marsk",
                "Smoke rose over Marsk as a barrage of missiles fell, one of them on the Halden Medical Centre, whose surgical wing collapsed. Emergency crews said 71 were hurt and that the wing had been emptied.\n\n\
                 The government said the strikes would not go unanswered and that air defences had intercepted most of the barrage.",
            ),
        ),
        (
            "wire-2",
            en(
                None,
                "Missile barrage on Marsk hits the Halden Medical Centre",
                "A barrage of missiles fell on Marsk, and one hit the Halden Medical Centre, collapsing its surgical wing, which had been emptied. Emergency crews said 71 were hurt as smoke rose over the city.\n\n\
                 Air defences intercepted most of the barrage, the government said, promising that the strikes would not go unanswered.",
            ),
        ),
        (
            "port-1",
            en(
                Some("2025-06-18"),
                "Missile strike on Marsk port",
                "A missile hit the port of Marsk on Wednesday, setting two fuel tanks on fire. Defence minister Arvid Tamm said air defences had intercepted most of the barrage.\n\n\
                 No one was killed; port workers had taken shelter.",
            ),
        ),
        (
            "port-2",
            en(
                Some("2025-06-18"),
                "Fuel tanks burn in Marsk after strike",
                "Two fuel tanks burned in the port of Marsk on Wednesday after a missile strike. Arvid Tamm, the defence minister, said the south would be protected.\n\n\
                 The port's manager said workers had sheltered in time.",
            ),
        ),
    ]
}

#[test]
fn two_undated_rewrites_join_the_event_whose_reports_they_read_like_under_the_threshold() {
    let s = suggest_in(&a_hospital_struck());
    let text = suggest::text(&s);
    assert!(one_event(&s, "wire-1", "wire-2"), "{text}");
    // Neither is placed on a day, and neither is related to a dated report...
    for wire in ["wire-1", "wire-2"] {
        let undated = s.articles.iter().find(|a| a.slug == wire).expect("suggested");
        assert_eq!(undated.day_from_coverage, None, "{text}");
        for other in ["strike-1", "strike-2", "strike-3"] {
            assert!(!related(&s, wire, other), "{wire} {other}: {text}");
        }
    }
    // ...but the two read like the strike's reports throughout: one event.
    for other in ["strike-1", "strike-2", "strike-3"] {
        assert!(one_event(&s, "wire-1", other), "{other}: {text}");
    }
    // The port's reports, read alike only in half of the pairs, stay apart.
    for other in ["port-1", "port-2"] {
        assert!(!one_event(&s, "wire-1", other), "{other}: {text}");
        assert!(!one_event(&s, "strike-1", other), "{other}: {text}");
    }
}

/// A removal vote reported in English and in Spanish on its day, and the
/// failed vote of the week before in Spanish. The president's name is of
/// short syllables, each heard in one or two letters.
fn a_removal_vote() -> Vec<(&'static str, String)> {
    vec![
        (
            "removed-en",
            article(
                Some("2027-05-08"),
                "en",
                "Aldrian parliament removes President Seo Ji Un",
                "Aldria's parliament voted on Saturday to remove President Seo Ji Un over her emergency decree, by 211 votes to 79.\n\n\
                 Her powers pass at once to Prime Minister Tae Han, and the Constitutional Tribunal has 120 days to confirm the removal.\n\n\
                 Crowds outside the Varda Assembly in Velsk cheered as the result was read.",
            ),
        ),
        (
            "vote-en",
            article(
                Some("2027-05-08"),
                "en",
                "Seo Ji Un voted out in second attempt",
                "Lawmakers in Velsk removed Seo Ji Un from office on Saturday, a week after the first motion fell short.\n\n\
                 The motion passed 211-79, with a dozen members of her own party voting in favour. Prime Minister Tae Han becomes acting head of state.\n\n\
                 Seo said she would fight the decision before the Constitutional Tribunal, which must rule within 120 days.",
            ),
        ),
        (
            "acting-en",
            article(
                Some("2027-05-08"),
                "en",
                "Tae Han steps in as Aldria's acting president",
                "Prime Minister Tae Han took over as acting president of Aldria on Saturday evening, hours after parliament voted to remove the president.\n\n\
                 In a televised address, Tae promised to keep the government running and asked the armed forces to stay in their barracks.",
            ),
        ),
        (
            "markets-en",
            article(
                Some("2027-05-08"),
                "en",
                "Aldrian markets calm after parliament removes the president",
                "Investors in Velsk took Saturday's removal of the president by parliament calmly, and the central bank said it stood ready to steady the currency.\n\n\
                 Acting president Tae Han, the prime minister, met the governor of the central bank after the vote.",
            ),
        ),
        (
            "destituida-es",
            article(
                Some("2027-05-08"),
                "es",
                "El Parlamento de Aldria destituye a la presidenta",
                "El Parlamento de Aldria destituyó este sábado a la presidenta Seo Ji Un por su decreto de emergencia, con 211 votos a favor y 79 en contra.\n\n\
                 El primer ministro asume la jefatura del Estado mientras el Tribunal decide.",
            ),
        ),
        (
            "votacion-es",
            article(
                Some("2027-05-08"),
                "es",
                "Aldria aparta del poder a Seo Ji Un",
                "La cámara de Aldria aprobó este sábado la destitución de Seo Ji Un: 211 diputados votaron a favor y 79 en contra.\n\n\
                 Miles de personas celebraron el resultado frente a la sede del Parlamento.",
            ),
        ),
        (
            "fracasa-es",
            article(
                Some("2027-05-01"),
                "es",
                "Fracasa la primera votación contra Seo Ji Un",
                "La primera moción para destituir a la presidenta de Aldria, Seo Ji Un, fracasó este sábado: solo 195 diputados votaron, y hacían falta 200.\n\n\
                 Los diputados del partido de la presidenta abandonaron la sala antes de la votación.",
            ),
        ),
    ]
}

#[test]
fn a_name_of_short_syllables_links_two_languages() {
    let s = suggest_in(&a_removal_vote());
    // "Seo Ji Un" is heard in one or two letters a word: its words are
    // heard in pairs, or the two languages share no name at all.
    assert!(related(&s, "removed-en", "destituida-es") || related(&s, "vote-en", "votacion-es"), "{}", suggest::text(&s));
    // The day, the name and 211 to 79 make them one event.
    for (a, b) in
        [("removed-en", "vote-en"), ("destituida-es", "votacion-es"), ("removed-en", "destituida-es"), ("vote-en", "votacion-es"), ("acting-en", "votacion-es")]
    {
        assert!(one_event(&s, a, b), "{a} {b}\n{}", suggest::text(&s));
    }
    // The failed vote of the week before names the same people.
    for a in ["removed-en", "vote-en", "destituida-es", "votacion-es"] {
        assert!(!one_event(&s, a, "fracasa-es"), "{a}\n{}", suggest::text(&s));
    }
}

/// A town's mayoral election: a long English report naming many people
/// and places, and a short German one that gives no date, whose nouns are
/// capitalised like names.
fn a_mayor_elected() -> Vec<(&'static str, String)> {
    vec![
        (
            "mayor-en",
            article(
                Some("2026-04-12"),
                "en",
                "Lena Vogt wins Brenning's mayoral election",
                "Lena Vogt of the Green List won the mayoral election in Brenning on Sunday with 54.2% of the vote, ending the twelve years in office of Tomas Reller, of the Civic Union.\n\n\
                 Vogt thanked her campaign chief, Ida Hartmann, and the volunteers of the Oststadt and Kornmarkt districts, where she won more than 60% of the vote. Reller conceded at the Rathaus, flanked by his deputy, Paul Emsen.\n\n\
                 Her first project, Vogt said, will be the tram line from Kornmarkt to Oststadt that the Regional Council in Lindau has blocked since 2023. The Brenning Chamber of Commerce welcomed the result.",
            ),
        ),
        (
            "mayor-de",
            article(
                None,
                "de",
                "Vogt gewinnt in Brenning",
                "Bei der Bürgermeisterwahl in Brenning hat die Kandidatin der Grünen Liste, Lena Vogt, mit 54,2 Prozent der Stimmen gewonnen. Der bisherige Amtsinhaber Tomas Reller unterlag nach zwölf Jahren. \
                 Die neue Bürgermeisterin will den Ausbau der Straßenbahn zur ersten Aufgabe ihrer Amtszeit machen; die Opposition im Stadtrat sprach von einem klaren Auftrag.",
            ),
        ),
    ]
}

#[test]
fn a_short_german_report_links_to_its_coverage_in_another_language() {
    // Across languages names are compared as shares of the smaller
    // report's. Read as names, the German report's nouns (Bürgermeisterwahl,
    // Kandidatin, Stimmen, Straßenbahn, Stadtrat...) would make most of its
    // "names" ones the English report cannot have: without a day to agree
    // on, the pair stayed under the threshold.
    let s = suggest_in(&a_mayor_elected());
    assert!(related(&s, "mayor-en", "mayor-de"), "{}", suggest::text(&s));
    assert!(one_event(&s, "mayor-en", "mayor-de"), "{}", suggest::text(&s));
}
