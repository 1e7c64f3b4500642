//! Charts drawn at build time as inline SVG: the timeline of events with
//! how many sources cover each, the actors most often mentioned alongside
//! an actor, and the outlets and dates of an event's sources.
//!
//! No JavaScript and no external service: each chart is a string of SVG
//! that the template places next to a table or list carrying the same
//! figures, so a reader who cannot see the picture loses nothing. Every
//! chart is `role="img"` named by its own `<title>` and `<desc>`; colours
//! come from CSS classes (theme variables), so dark mode and print follow.
//! Every string from the dossier goes through [`escape_html`], which is also
//! valid XML escaping.

use std::collections::BTreeMap;
use std::fmt::Write;

use jiff::civil::Date;

use crate::i18n::Strings;
use crate::link::{ActorId, EventId, Site};
use crate::text::escape_html;

/// Days since 1970-01-01, for placing dates on an axis.
fn day_number(d: Date) -> i64 {
    i64::from(d.since(EPOCH).map_or(0, |span| span.get_days()))
}

const EPOCH: Date = jiff::civil::date(1970, 1, 1);

/// A linear time scale from a range of days onto `[x0, x1]`, padded so
/// marks at the ends are not cut off.
struct TimeScale {
    first: i64,
    last: i64,
    x0: f64,
    x1: f64,
}

impl TimeScale {
    fn new(first: i64, last: i64, x0: f64, x1: f64) -> TimeScale {
        let (first, last) = if first == last { (first - 15, last + 15) } else { (first, last) };
        let pad = ((last - first) as f64 * 0.04).ceil() as i64;
        TimeScale { first: first - pad, last: last + pad, x0, x1 }
    }

    fn x(&self, day: i64) -> f64 {
        self.x0 + (day - self.first) as f64 / (self.last - self.first) as f64 * (self.x1 - self.x0)
    }

    /// First days of the months inside the range, thinned so labels do not
    /// collide: (day number, label).
    fn month_ticks(&self, strings: &Strings, max_ticks: usize) -> Vec<(i64, String)> {
        let Some(mut d) = date_of(self.first) else { return Vec::new() };
        d = Date::new(d.year(), d.month(), 1).unwrap_or(d);
        let mut months = Vec::new();
        while day_number(d) <= self.last && months.len() < 2400 {
            if day_number(d) >= self.first {
                months.push(d);
            }
            match d.checked_add(jiff::Span::new().months(1)) {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
        let step = months.len().div_ceil(max_ticks.max(1)).max(1);
        let mut last_year = None;
        months
            .iter()
            .enumerate()
            .filter(|(i, _)| i % step == 0)
            .map(|(_, &m)| {
                let label = if last_year != Some(m.year()) || m.month() == 1 {
                    format!("{} {}", strings.short_month(m.month()), m.year())
                } else {
                    strings.short_month(m.month())
                };
                last_year = Some(m.year());
                (day_number(m), label)
            })
            .collect()
    }
}

/// The date for a day number (inverse of [`day_number`]), if representable.
fn date_of(days: i64) -> Option<Date> {
    EPOCH.checked_add(jiff::Span::new().try_days(days).ok()?).ok()
}

/// The opening of an accessible chart: `role="img"` named by its title and
/// described by its description.
fn open(out: &mut String, id: &str, class: &str, width: f64, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg class=\"chart {class}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape_html(title),
        escape_html(desc)
    );
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// The events with a date by start, then end: the timeline's rows, and the
/// home page's list beside its chart (an event with no date has no place
/// on a time axis; the events page lists it last).
pub(super) fn in_time_order(site: &Site) -> Vec<EventId> {
    let mut order: Vec<EventId> = site.event_ids().filter(|&e| site.event(e).start.is_some()).collect();
    order.sort_by_key(|&e| (site.event(e).start, site.event(e).end, e));
    order
}

/// The order of the timeline's rows: newest first beside a list that runs
/// that way (the home page), in time order on the timeline page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Order {
    NewestFirst,
    OldestFirst,
}

/// Characters of an event's title per line of its label; a longer title
/// takes a second line, and only a title longer than both is cut.
const LABEL_LINE: usize = 34;

/// `title` in at most two lines of about `width` characters, broken
/// between words; the second is cut with "…" if the title is longer.
fn two_lines(title: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in title.split_whitespace() {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            if lines.len() == 2 {
                let last = lines.last_mut().expect("two lines");
                *last = truncate(&format!("{last} {word}"), width);
                if !last.ends_with('…') {
                    last.push('…');
                }
                return lines;
            }
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    for line in &mut lines {
        if line.chars().count() > width {
            *line = truncate(line, width);
        }
    }
    lines
}

/// The timeline: one row per event, its date (or span) marked on a shared
/// time axis, and a bar as long as the number of sources covering it. Rows
/// keep events a few days apart legible, which a single axis of stems
/// cannot. `None` without events.
pub(super) fn timeline(site: &Site, id: &str, order_by: Order, limit: usize) -> Option<String> {
    let s = &site.dossier.strings;
    let sources = |e: EventId| site.event_links(e).articles.len();
    let mut order = in_time_order(site);
    if order_by == Order::NewestFirst {
        order.reverse();
    }
    order.truncate(limit);
    if order.is_empty() {
        return None;
    }
    let events: Vec<&crate::load::Event> = order.iter().map(|&e| site.event(e)).collect();
    let days: Vec<(Date, Date)> = events.iter().filter_map(|e| e.days()).collect();
    let labels: Vec<Vec<String>> = events.iter().map(|e| two_lines(&e.title, LABEL_LINE)).collect();
    let (label_w, track_w, bar_w, line, top) = (250.0, 300.0, 110.0, 15.0, 30.0);
    let row_h = |lines: usize| 24.0 + line * (lines as f64 - 1.0);
    let (track_x0, bar_x0) = (label_w + 10.0, label_w + 10.0 + track_w + 24.0);
    let w = bar_x0 + bar_w + 30.0;
    let h = top + labels.iter().map(|l| row_h(l.len())).sum::<f64>() + 6.0;
    let first = days.iter().map(|d| day_number(d.0)).min()?;
    let last = days.iter().map(|d| day_number(d.1)).max()?;
    let scale = TimeScale::new(first, last, track_x0, track_x0 + track_w);
    let max = order.iter().map(|&e| sources(e)).max().unwrap_or(0).max(1);
    let total: usize = order.iter().map(|&e| sources(e)).sum();

    let desc_key = if order_by == Order::NewestFirst { "chart.timeline_desc" } else { "chart.timeline_desc_oldest_first" };
    let desc = s.text(
        desc_key,
        &[
            ("count", &events.len().to_string()),
            ("from", &s.short_date(days.iter().map(|d| d.0).min()?)),
            ("to", &s.short_date(days.iter().map(|d| d.1).max()?)),
            ("max", &max.to_string()),
            ("total", &s.count("count.articles", total)),
        ],
    );
    let mut out = String::new();
    open(&mut out, id, "chart-timeline", w, h, &s.text("chart.timeline_title", &[]), &desc);
    let bottom = h - 6.0;
    for (day, label) in scale.month_ticks(s, 5) {
        let x = scale.x(day);
        let _ = write!(
            out,
            "<line class=\"chart-grid\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\"/><text class=\"chart-label\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            top - 6.0,
            top - 12.0,
            escape_html(&label)
        );
    }
    let _ = write!(out, "<text class=\"chart-label\" x=\"{bar_x0:.1}\" y=\"{:.1}\">{}</text>", top - 12.0, escape_html(&s.text("chart.sources", &[])));
    let mut y0 = top;
    for ((&e, label), &(start, _)) in order.iter().zip(&labels).zip(&days) {
        let event = site.event(e);
        let n = sources(e);
        let row = row_h(label.len());
        let y = y0 + row / 2.0;
        y0 += row;
        let when = s.days(event.days(), false);
        let _ = write!(
            out,
            "<g class=\"chart-row\"><title>{}: {}</title><text class=\"chart-name\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">",
            escape_html(&format!("{} ({when})", event.title)),
            escape_html(&s.count("count.sources", n)),
            label_w,
            y + 4.0 - line * (label.len() as f64 - 1.0) / 2.0,
        );
        for (k, text) in label.iter().enumerate() {
            let dy = if k == 0 { 0.0 } else { line };
            let _ = write!(out, "<tspan x=\"{label_w:.1}\" dy=\"{dy:.1}\">{}</tspan>", escape_html(text));
        }
        let _ = write!(out, "</text><line class=\"chart-axis\" x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/>", scale.x0, scale.x1);
        let x = scale.x(day_number(start));
        if let Some(end) = event.end {
            let x2 = scale.x(day_number(end));
            let _ = write!(
                out,
                "<rect class=\"chart-span\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"8\" rx=\"4\"/>",
                x - 4.0,
                y - 4.0,
                (x2 - x + 8.0).max(8.0)
            );
        } else {
            let _ = write!(out, "<circle class=\"chart-dot\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\"/>");
        }
        let len = if n == 0 { 0.0 } else { (bar_w * n as f64 / max as f64).max(3.0) };
        let _ = write!(
            out,
            "<rect class=\"chart-bar\" x=\"{bar_x0:.1}\" y=\"{:.1}\" width=\"{len:.1}\" height=\"14\"/><text class=\"chart-value\" x=\"{:.1}\" y=\"{:.1}\">{n}</text></g>",
            y - 7.0,
            bar_x0 + len + 5.0,
            y + 4.0
        );
    }
    out.push_str("</svg>");
    Some(out)
}

/// A ranked bar chart of the actors most often in the same articles as
/// actor `x` (the first `limit` of its `co_actors`). `None` when there are
/// none.
pub(super) fn co_actors(site: &Site, x: ActorId, limit: usize, id: &str) -> Option<String> {
    let list: Vec<(ActorId, usize)> = site.actor_links(x).co_actors.iter().take(limit).copied().collect();
    if list.is_empty() {
        return None;
    }
    let name = &site.actor(x).name;
    let (label_w, bar_w, row) = (150.0, 170.0, 24.0);
    let w = label_w + bar_w + 40.0;
    let h = row * list.len() as f64 + 8.0;
    let max = list.iter().map(|&(_, n)| n).max().unwrap_or(1).max(1);
    let mut out = String::new();
    let s = &site.dossier.strings;
    let (top_name, top_n) = (&site.actor(list[0].0).name, list[0].1);
    let desc =
        s.text("chart.co_desc", &[("count", &list.len().to_string()), ("name", name), ("top", top_name), ("articles", &s.count("count.articles", top_n))]);
    open(&mut out, id, "chart-bars", w, h, &s.text("chart.co_title", &[("name", name)]), &desc);
    for (i, &(y_actor, n)) in list.iter().enumerate() {
        let y = 4.0 + row * i as f64;
        let len = (bar_w * n as f64 / max as f64).max(2.0);
        let actor_name = &site.actor(y_actor).name;
        let _ = write!(
            out,
            "<g class=\"chart-row\"><title>{}: {}</title>\
             <text class=\"chart-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
             <rect class=\"chart-bar\" x=\"{label_w}\" y=\"{:.1}\" width=\"{len:.1}\" height=\"{:.1}\"/>\
             <text class=\"chart-value\" x=\"{:.1}\" y=\"{:.1}\">{n}</text></g>",
            escape_html(actor_name),
            escape_html(&s.count("count.articles", n)),
            label_w - 8.0,
            y + row * 0.65,
            escape_html(&truncate(actor_name, 22)),
            y + 4.0,
            row - 8.0,
            label_w + len + 6.0,
            y + row * 0.65,
        );
    }
    out.push_str("</svg>");
    Some(out)
}

/// One dot per source of event `e`: a row per outlet, placed by publication
/// date, with the event's own date (or span) marked. Undated sources cannot
/// be placed and are only counted in the description. `None` when no source
/// is dated.
pub(super) fn event_sources(site: &Site, e: EventId, id: &str) -> Option<String> {
    let event = site.event(e);
    let (event_start, event_end) = event.days()?;
    let s = &site.dossier.strings;
    let mut rows: BTreeMap<String, Vec<Date>> = BTreeMap::new();
    let mut undated = 0;
    for &ai in &site.event_links(e).articles {
        let a = &site.article(ai).loaded;
        let outlet = a.outlet.clone().unwrap_or_else(|| s.text("article.unknown_outlet", &[]));
        match a.date {
            Some(d) => rows.entry(outlet).or_default().push(d),
            None => undated += 1,
        }
    }
    if rows.is_empty() {
        return None;
    }
    // Outlets in the order they first reported.
    let mut rows: Vec<(String, Vec<Date>)> = rows.into_iter().collect();
    rows.sort_by(|a, b| a.1.iter().min().cmp(&b.1.iter().min()).then_with(|| a.0.cmp(&b.0)));

    let dates = rows.iter().flat_map(|(_, d)| d.iter().copied());
    let first = dates.clone().map(day_number).min()?.min(day_number(event_start));
    let last = dates.map(day_number).max()?.max(day_number(event_end));
    let (label_w, plot_w, row, top) = (150.0, 400.0, 26.0, 22.0);
    let w = label_w + plot_w + 20.0;
    let base = top + row * rows.len() as f64;
    let h = base + 30.0;
    let scale = TimeScale::new(first, last, label_w + 10.0, label_w + plot_w);
    let count: usize = rows.iter().map(|(_, d)| d.len()).sum();

    let when = s.days(event.days(), false);
    let mut desc = s.text(
        "chart.event_desc",
        &[
            ("sources", &s.count("count.sources", count)),
            ("outlets", &s.count("count.outlets", rows.len())),
            ("outlets_n", &rows.len().to_string()),
            ("from", &s.short_date(rows.iter().flat_map(|(_, d)| d.iter().copied()).min()?)),
            ("to", &s.short_date(rows.iter().flat_map(|(_, d)| d.iter().copied()).max()?)),
            ("when", &when),
        ],
    );
    if undated > 0 {
        desc.push(' ');
        desc.push_str(&s.count("chart.event_undated", undated));
    }
    let mut out = String::new();
    open(&mut out, id, "chart-sources", w, h, &s.text("chart.event_title", &[("title", &event.title)]), &desc);
    let (ex0, ex1) = (scale.x(day_number(event_start)), scale.x(day_number(event_end)));
    let _ = write!(
        out,
        "<rect class=\"chart-band\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/><text class=\"chart-note\" x=\"{:.1}\" y=\"14\" text-anchor=\"middle\">{}</text>",
        ex0 - 3.0,
        top - 4.0,
        (ex1 - ex0 + 6.0).max(6.0),
        base - top + 4.0,
        (ex0 + ex1) / 2.0,
        escape_html(&s.text("chart.event", &[]))
    );
    let _ = write!(out, "<line class=\"chart-axis\" x1=\"{:.1}\" y1=\"{base}\" x2=\"{:.1}\" y2=\"{base}\"/>", scale.x0, scale.x1);
    let span_days = scale.last - scale.first;
    let ticks: Vec<(i64, String)> = if span_days <= 120 {
        // Short spans: label a few days rather than months.
        let step = (span_days / 4).max(1);
        (0..=4)
            .map(|k| scale.first + step * k)
            .filter(|&d| d <= scale.last)
            .filter_map(|d| date_of(d).map(|x| (d, format!("{} {}", x.day(), s.short_month(x.month())))))
            .collect()
    } else {
        scale.month_ticks(s, 6)
    };
    for (day, label) in ticks {
        let x = scale.x(day);
        let _ = write!(
            out,
            "<line class=\"chart-tick\" x1=\"{x:.1}\" y1=\"{base}\" x2=\"{x:.1}\" y2=\"{}\"/><text class=\"chart-label\" x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            base + 5.0,
            base + 20.0,
            escape_html(&label)
        );
    }
    for (i, (outlet, dates)) in rows.iter().enumerate() {
        let y = top + row * i as f64 + row / 2.0;
        let _ = write!(
            out,
            "<g class=\"chart-row\"><line class=\"chart-grid\" x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/><text class=\"chart-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            scale.x0,
            scale.x1,
            label_w - 4.0,
            y + 4.0,
            escape_html(&truncate(outlet, 22))
        );
        for d in dates {
            let _ = write!(
                out,
                "<circle class=\"chart-dot\" cx=\"{:.1}\" cy=\"{y:.1}\" r=\"5\"><title>{}: {}</title></circle>",
                scale.x(day_number(*d)),
                escape_html(outlet),
                s.short_date(*d)
            );
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for s in ["1970-01-01", "2000-02-29", "2025-12-28", "0001-01-01", "9999-12-31"] {
            let d: Date = s.parse().unwrap();
            assert_eq!(date_of(day_number(d)), Some(d), "{s}");
        }
        let ides = Date::new(-44, 3, 15).unwrap();
        assert_eq!(date_of(day_number(ides)), Some(ides));
        assert_eq!(day_number("1970-01-02".parse().unwrap()), 1);
    }

    #[test]
    fn month_ticks_thin_out_and_name_the_year() {
        let scale = TimeScale::new(day_number("2025-02-10".parse().unwrap()), day_number("2025-12-28".parse().unwrap()), 0.0, 100.0);
        let ticks = scale.month_ticks(&Strings::default(), 6);
        assert!(ticks.len() <= 6 && ticks.len() >= 3, "{ticks:?}");
        // The first tick names its year; later ones in the same year do not.
        assert!(ticks[0].1.ends_with(" 2025") && !ticks[1].1.contains("2025"), "{ticks:?}");
        assert!(ticks.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
