//! The route table: every kind of page of the built site, and the one place
//! that spells where a page or file goes and how pages link to each other.
//!
//! A page is a [`PageKind`] and a key (an article's slug, an actor's or an
//! event's id, a tag's slug; empty for the pages there is one of), and, for
//! a long list cut into pages, which of them it is (its `part`). [`ROUTES`] says, per
//! kind, as data: its path, the template that makes it, whether the sitemap
//! lists it, the Atom feed beside it, and what it [`Shows`]: the context it
//! is given and so which edits change it. Render makes one page per kind
//! and record from this table, the sitemap lists what it says, and the live
//! preview derives from `Shows` which pages an edit refreshes; none of them
//! spells a path. The files made from the whole site rather than a
//! template (search index, export, sitemap) have their paths here too.
//!
//! Links between pages are relative ([`Page::href_from`], and `{{ root }}`
//! in templates), so a site works under any subpath, as GitHub Pages
//! serves it, and from `file://`; absolute URLs ([`Page::url`]) are only
//! for what leaves the site (canonical links, feeds, JSON-LD).
//!
//! This is the bottom layer, beside [`crate::text`]: annotate links
//! mentions to actor pages with it, load refuses a slug or an id that
//! would overwrite a page of the table ([`taken`]).

/// A kind of page of the site. Its data is its [`Route`] in [`ROUTES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    Home,
    ArticleList,
    ActorList,
    EventList,
    TagList,
    Search,
    NotFound,
    Article,
    Actor,
    Event,
    /// The articles with one tag.
    Tag,
    /// The old page of an actor merged into another, or whose id changed
    /// (`old_ids`): it sends readers on.
    Redirect,
    /// The old page of an article whose file was renamed (`aliases` in its
    /// front matter): it sends readers on.
    ArticleRedirect,
}

/// What a page (or a file) shows: the context it is made from, and so
/// which edits change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shows {
    /// Something of every article (listings, counts, the search index):
    /// any article edit changes it.
    Site,
    /// One article (its key), with what it links to: an edit of the
    /// article, or of an article it links with.
    Article,
    /// One actor (its key) and the articles that mention it.
    Actor,
    /// One event (its key) and the articles that cover it.
    Event,
    /// One tag (its key) and the articles that carry it.
    Tag,
    /// Only settings and registries (which rebuild everything), never an article.
    Settings,
}

/// How a page links to the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Relative to the page's folder (`../actors/x.html`): works under any
    /// subpath and from `file://`.
    Relative,
    /// From the site's base path (`/repo/actors/x.html`): the page is served
    /// at any depth (GitHub Pages answers every unknown address with `404.html`).
    FromBase,
}

/// One kind of page, as data.
#[derive(Debug)]
pub struct Route {
    pub kind: PageKind,
    /// Where its pages are written, relative to the site root; `{}` stands
    /// for the key (a slug or an id).
    pub path: &'static str,
    /// For a list cut into pages ([`crate::load::Config::page_size`]
    /// articles each): where its second and later pages go, `{n}` standing
    /// for the page's number. One folder deeper than `path`, so no key can
    /// give a page of another list's name.
    pub paged: Option<&'static str>,
    /// The template that makes it (`templates/<name>`).
    pub template: &'static str,
    pub in_sitemap: bool,
    pub shows: Shows,
    /// The Atom feed beside each page (`{}` as in `path`), made when the
    /// site has an absolute `base_url`.
    pub feed: Option<&'static str>,
    pub links: Links,
    /// What a page of the kind is, for messages: "the list of all articles".
    pub what: &'static str,
}

/// The route table, in the order of [`PageKind`]: the pages there is one
/// of, then one page per record.
#[rustfmt::skip]
pub const ROUTES: [Route; 13] = {
    use Links::*;
    use PageKind::*;
    [
        Route { kind: Home,        path: "index.html",          paged: None,                           template: "index.html",    in_sitemap: true,  shows: Shows::Site,     feed: Some("feed.xml"),      links: Relative, what: "the home page" },
        Route { kind: ArticleList, path: "articles/index.html", paged: Some("articles/page/{n}.html"), template: "articles.html", in_sitemap: true,  shows: Shows::Site,     feed: None,                  links: Relative, what: "the list of all articles" },
        Route { kind: ActorList,   path: "actors/index.html",   paged: None,                           template: "actors.html",   in_sitemap: true,  shows: Shows::Site,     feed: None,                  links: Relative, what: "the list of all actors" },
        Route { kind: EventList,   path: "events/index.html",   paged: None,                           template: "events.html",   in_sitemap: true,  shows: Shows::Site,     feed: None,                  links: Relative, what: "the timeline of all events" },
        Route { kind: TagList,     path: "tags/index.html",     paged: None,                           template: "tags.html",     in_sitemap: true,  shows: Shows::Site,     feed: None,                  links: Relative, what: "the list of all tags" },
        Route { kind: Search,      path: "search.html",         paged: None,                           template: "search.html",   in_sitemap: false, shows: Shows::Site,     feed: None,                  links: Relative, what: "the search page" },
        Route { kind: NotFound,    path: "404.html",            paged: None,                           template: "404.html",      in_sitemap: false, shows: Shows::Settings, feed: None,                  links: FromBase, what: "the page-not-found page" },
        Route { kind: Article,     path: "articles/{}.html",    paged: None,                           template: "article.html",  in_sitemap: true,  shows: Shows::Article,  feed: None,                  links: Relative, what: "an article's page" },
        Route { kind: Actor,       path: "actors/{}.html",      paged: Some("actors/{}/page/{n}.html"),template: "actor.html",    in_sitemap: true,  shows: Shows::Actor,    feed: Some("actors/{}.xml"), links: Relative, what: "an actor's page" },
        Route { kind: Event,       path: "events/{}.html",      paged: None,                           template: "event.html",    in_sitemap: true,  shows: Shows::Event,    feed: Some("events/{}.xml"), links: Relative, what: "an event's page" },
        Route { kind: Tag,         path: "tags/{}.html",        paged: Some("tags/{}/page/{n}.html"),  template: "tag.html",      in_sitemap: true,  shows: Shows::Tag,      feed: Some("tags/{}.xml"),   links: Relative, what: "a tag's page" },
        Route { kind: Redirect,    path: "actors/{}.html",      paged: None,                           template: "redirect.html", in_sitemap: false, shows: Shows::Settings, feed: None,                  links: Relative, what: "the old page of a merged or renamed actor" },
        Route { kind: ArticleRedirect, path: "articles/{}.html", paged: None,                         template: "redirect.html", in_sitemap: false, shows: Shows::Settings, feed: None,                  links: Relative, what: "the old page of a renamed article" },
    ]
};

/// The file a web server answers a folder's address with; listing pages
/// are written as `<folder>/index.html` and linked to by their folder URL.
pub const FOLDER_INDEX: &str = "index.html";

/// Every annotation in the W3C Web Annotation Data Model: the collection,
/// with its first page ([`export_page`] are the pages).
pub const EXPORT: &str = "annotations.jsonld";
/// The terms the W3C export adds to the model's (`dossier:role`, ...).
pub const VOCABULARY: &str = "vocab.jsonld";
/// The sitemap, for crawlers (needs an absolute `base_url`).
pub const SITEMAP: &str = "sitemap.xml";
/// The search index's manifest: it names the index's other files (`search_docs`, `search_terms`).
pub const SEARCH_MANIFEST: &str = "search/index.json";
/// Tells GitHub Pages not to run Jekyll over the site.
pub const NOJEKYLL: &str = ".nojekyll";
/// The fixed files of the site made without a template.
pub const FILES: [&str; 5] = [EXPORT, VOCABULARY, SITEMAP, SEARCH_MANIFEST, NOJEKYLL];

/// Page `n` (from 1) of the W3C export.
pub fn export_page(n: usize) -> String {
    format!("annotations/{n}.jsonld")
}

/// A file of search documents (the `k`th batch of what results show).
pub fn search_docs(k: usize) -> String {
    format!("search/docs-{k}.json")
}

/// A file of search terms: the postings of the terms starting with `key`.
pub fn search_terms(key: &str) -> String {
    format!("search/terms-{key}.json")
}

/// Where a theme file (`path` under `theme/`) is published.
pub fn asset(path: &str) -> String {
    format!("assets/{path}")
}

/// Where a file of an article's bundle (`name`, relative to the folder of
/// its `index.md`) is published: in a folder named like the article's
/// page, beside it (`articles/<slug>/photo.jpg`).
pub fn bundle_file(slug: &str, name: &str) -> String {
    let page = Page::article(slug).path();
    format!("{}/{name}", page.strip_suffix(".html").unwrap_or(&page))
}

impl PageKind {
    /// Every kind, in the table's order.
    pub fn all() -> impl Iterator<Item = PageKind> {
        ROUTES.iter().map(|r| r.kind)
    }

    pub fn route(self) -> &'static Route {
        &ROUTES[self as usize]
    }

    /// Whether there is one page of this kind per record (article, actor,
    /// event, merge) rather than one in all.
    pub fn per_record(self) -> bool {
        self.route().path.contains("{}")
    }

    /// The key of this kind's page at `path` (the inverse of [`Page::path`]):
    /// `articles/x.html` is article `x`; `None` for a path of another shape.
    pub fn key_in(self, path: &str) -> Option<&str> {
        let (prefix, suffix) = self.route().path.split_once("{}")?;
        path.strip_prefix(prefix)?.strip_suffix(suffix).filter(|key| !key.is_empty())
    }

    /// The kinds made with the template `name`; none for a layout or a partial.
    pub fn made_with(name: &str) -> impl Iterator<Item = PageKind> + '_ {
        ROUTES.iter().filter(move |r| r.template == name).map(|r| r.kind)
    }
}

/// One page of the site: its kind and its key (empty for the pages there
/// is one of), and which page of its list it is (1 for all but long lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Page<'a> {
    pub kind: PageKind,
    pub key: &'a str,
    pub part: usize,
}

impl<'a> Page<'a> {
    /// The page of a kind there is one of (for a per-record kind, use [`Page::new`]).
    pub const fn of(kind: PageKind) -> Page<'static> {
        Page { kind, key: "", part: 1 }
    }

    pub const fn new(kind: PageKind, key: &'a str) -> Page<'a> {
        Page { kind, key, part: 1 }
    }

    pub const fn tag(slug: &'a str) -> Page<'a> {
        Page::new(PageKind::Tag, slug)
    }

    /// Page `part` (from 1) of the same list; the first for a kind whose
    /// pages are not cut.
    pub fn part(self, part: usize) -> Page<'a> {
        let part = if self.route().paged.is_some() { part.max(1) } else { 1 };
        Page { part, ..self }
    }

    pub const fn article(slug: &'a str) -> Page<'a> {
        Page::new(PageKind::Article, slug)
    }

    pub const fn actor(id: &'a str) -> Page<'a> {
        Page::new(PageKind::Actor, id)
    }

    pub const fn event(id: &'a str) -> Page<'a> {
        Page::new(PageKind::Event, id)
    }

    pub fn route(&self) -> &'static Route {
        self.kind.route()
    }

    /// Where the page is written, relative to the site root.
    pub fn path(&self) -> String {
        match self.route().paged {
            Some(paged) if self.part > 1 => fill(paged, self.key).replace("{n}", &self.part.to_string()),
            _ => fill(self.route().path, self.key),
        }
    }

    /// Where its Atom feed is written, if it has one.
    pub fn feed(&self) -> Option<String> {
        self.route().feed.map(|f| fill(f, self.key))
    }

    /// The page's absolute URL under `base_url` (a listing page by its folder's URL).
    pub fn url(&self, base_url: &str) -> String {
        absolute(base_url, &self.path())
    }

    /// The link to this page from any page of kind `from` (all pages of a
    /// kind are in one folder): `../actors/x.html` from an article.
    pub fn href_from(&self, from: PageKind) -> String {
        relative(from.route().path, &self.path())
    }

    /// What the page's links to other pages start with: the way up to the
    /// site root (`../` from a folder), or `base_path` (`/repo/`) for a page
    /// served at any depth.
    pub fn root(&self, base_path: &str) -> String {
        match self.route().links {
            Links::Relative => "../".repeat(self.path().matches('/').count()),
            Links::FromBase => base_path.to_string(),
        }
    }

    /// The folder the page is in (`articles`), empty at the root: the
    /// navigation marks its section.
    pub fn section(&self) -> &'static str {
        self.route().path.split_once('/').map_or("", |(folder, _)| folder)
    }
}

/// `pattern` with its `{}` replaced by `key`.
fn fill(pattern: &str, key: &str) -> String {
    match pattern.split_once("{}") {
        Some((before, after)) => [before, key, after].concat(),
        None => pattern.to_string(),
    }
}

/// The absolute URL of the file at `path` (relative to the site root)
/// under `base_url`; a folder's index page by the folder's URL, as servers
/// answer it and canonical links name it.
pub fn absolute(base_url: &str, path: &str) -> String {
    let path = path.strip_suffix(FOLDER_INDEX).unwrap_or(path);
    [base_url, path].concat()
}

/// The relative link from the page at `from` to the file at `to` (both
/// relative to the site root).
pub fn relative(from: &str, to: &str) -> String {
    let mut from_folders: Vec<&str> = from.split('/').collect();
    from_folders.pop();
    let to_parts: Vec<&str> = to.split('/').collect();
    let shared = from_folders.iter().zip(&to_parts[..to_parts.len() - 1]).take_while(|(a, b)| a == b).count();
    let mut link = "../".repeat(from_folders.len() - shared);
    link.push_str(&to_parts[shared..].join("/"));
    link
}

/// The fixed page or file of the site that a page of `kind` keyed `key`
/// (or its feed) would overwrite, said for a message
/// (`articles/index.html, the list of all articles`): an article file
/// `index.md` would replace the article list. Load refuses such names.
pub fn taken(kind: PageKind, key: &str) -> Option<String> {
    let page = Page::new(kind, key);
    let mine = [Some(page.path()), page.feed()];
    let fixed = ROUTES.iter().filter(|r| !r.kind.per_record());
    let pages = fixed.flat_map(|r| [Some((r.path, r.what)), r.feed.map(|f| (f, "the feed of all articles"))]).flatten();
    let files = FILES.iter().map(|&f| (f, "a file of the site"));
    pages.chain(files).find(|(path, _)| mine.iter().flatten().any(|p| p == path)).map(|(path, what)| format!("{path}, {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_the_order_of_the_kinds() {
        for (i, route) in ROUTES.iter().enumerate() {
            assert_eq!(route.kind as usize, i, "{route:?}");
        }
        assert!(PageKind::all().count() == ROUTES.len());
    }

    #[test]
    fn paths_and_feeds() {
        assert_eq!(Page::article("a-b").path(), "articles/a-b.html");
        assert_eq!(Page::actor("x").feed().as_deref(), Some("actors/x.xml"));
        assert_eq!(Page::of(PageKind::Home).feed().as_deref(), Some("feed.xml"));
        assert_eq!(Page::article("a").feed(), None);
        assert_eq!(Page::of(PageKind::ActorList).url("https://e.org/d/"), "https://e.org/d/actors/");
        assert_eq!(Page::of(PageKind::Home).url("https://e.org/d/"), "https://e.org/d/");
        assert_eq!(Page::event("e").url("/d/"), "/d/events/e.html");
        assert_eq!(Page::tag("peace-plan").feed().as_deref(), Some("tags/peace-plan.xml"));
        assert_eq!(bundle_file("a-b", "img/x.jpg"), "articles/a-b/img/x.jpg");
    }

    #[test]
    fn long_lists_have_numbered_pages_one_folder_down() {
        let list = Page::of(PageKind::ArticleList);
        assert_eq!(list.part(1).path(), "articles/index.html");
        assert_eq!(list.part(3).path(), "articles/page/3.html");
        assert_eq!(list.part(3).root("/d/"), "../../");
        assert_eq!(Page::actor("x").part(2).path(), "actors/x/page/2.html");
        assert_eq!(Page::actor("x").part(2).root("/d/"), "../../../");
        assert_eq!(Page::tag("t").part(2).url("https://e.org/d/"), "https://e.org/d/tags/t/page/2.html");
        assert_eq!(Page::event("e").part(2).path(), "events/e.html");
    }

    #[test]
    fn links_are_relative_to_the_page() {
        assert_eq!(Page::actor("x").href_from(PageKind::Article), "../actors/x.html");
        assert_eq!(Page::article("b").href_from(PageKind::Article), "b.html");
        assert_eq!(Page::actor("x").href_from(PageKind::Redirect), "x.html");
        assert_eq!(Page::article("b").href_from(PageKind::Home), "articles/b.html");
        assert_eq!(Page::of(PageKind::Home).href_from(PageKind::Event), "../index.html");
        assert_eq!(Page::article("b").root("/d/"), "../");
        assert_eq!(Page::of(PageKind::Search).root("/d/"), "");
        assert_eq!(Page::of(PageKind::NotFound).root("/d/"), "/d/");
    }

    #[test]
    fn a_key_that_would_replace_a_fixed_page_is_taken() {
        assert_eq!(taken(PageKind::Article, "index").as_deref(), Some("articles/index.html, the list of all articles"));
        assert_eq!(taken(PageKind::Actor, "index").as_deref(), Some("actors/index.html, the list of all actors"));
        assert_eq!(taken(PageKind::Event, "index").as_deref(), Some("events/index.html, the timeline of all events"));
        assert_eq!(taken(PageKind::Redirect, "index").as_deref(), Some("actors/index.html, the list of all actors"));
        assert_eq!(taken(PageKind::Tag, "index").as_deref(), Some("tags/index.html, the list of all tags"));
        assert_eq!(taken(PageKind::ArticleRedirect, "index").as_deref(), Some("articles/index.html, the list of all articles"));
        assert_eq!(PageKind::Article.key_in(&Page::article("old-talks").path()), Some("old-talks"));
        assert_eq!(PageKind::Article.key_in(&Page::actor("old-talks").path()), None);
        for free in ["feed", "search", "sitemap", "404", "index-1"] {
            for kind in [PageKind::Article, PageKind::Actor, PageKind::Event, PageKind::Tag, PageKind::Redirect, PageKind::ArticleRedirect] {
                assert_eq!(taken(kind, free), None, "{kind:?} {free}");
            }
        }
    }

    #[test]
    fn templates_make_kinds() {
        assert_eq!(PageKind::made_with("actor.html").collect::<Vec<_>>(), [PageKind::Actor]);
        assert_eq!(PageKind::made_with("base.html").count(), 0);
        assert_eq!(Page::article("a").section(), "articles");
        assert_eq!(Page::of(PageKind::Home).section(), "");
    }
}
