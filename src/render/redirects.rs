//! Redirect pages for merged actors: `actors/OLD.html` sends readers (and
//! search engines, through the canonical link) to the actor OLD was merged
//! into, so links to the old page keep working. No JavaScript: a meta
//! refresh, and a visible link for anyone whose browser does not follow it.

use super::OutputFile;
use crate::link::Site;
use crate::text::escape_html;

/// One page per merge record whose target is an actor of the site.
pub(super) fn pages(site: &Site) -> Vec<OutputFile> {
    let config = site.config();
    site.dossier
        .merged
        .iter()
        .filter(|m| site.actor_by_id(&m.id).is_none())
        .filter_map(|m| site.actor_by_id(&m.into).map(|x| (m, site.actor(x))))
        .map(|(m, into)| {
            let target = format!("{}.html", into.id);
            let base = &config.base_url;
            let canonical = if base.starts_with("https://") || base.starts_with("http://") { format!("{base}actors/{target}") } else { target.clone() };
            let name = escape_html(&into.name);
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
                 <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
                 <title>{name} · {site_title}</title>\n\
                 <link rel=\"canonical\" href=\"{canonical}\">\n\
                 <meta name=\"robots\" content=\"noindex\">\n\
                 <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<main>\n\
                 <h1>{name}</h1>\n<p>This page has moved: <code>{old}</code> was merged into <a href=\"{target}\">{name}</a>.</p>\n\
                 </main>\n</body>\n</html>\n",
                lang = escape_html(&config.language),
                site_title = escape_html(&config.title),
                canonical = escape_html(&canonical),
                target = escape_html(&target),
                old = escape_html(&m.id),
            );
            OutputFile { path: format!("actors/{}.html", m.id), bytes: html.into_bytes() }
        })
        .collect()
}
