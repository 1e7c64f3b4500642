//! Dates as news text writes them, and the day an article reports.
//!
//! One reader for `import` (which guesses a publication date and the day an
//! article reports) and `suggest` (which compares the days articles report).
//! It finds every way the articles in a dossier write a day, in every
//! language of [`calendar`]:
//!
//! - whole dates: "Dec. 28, 2025", "28 December 2025", "28 декабря 2025
//!   года", "16 de noviembre de 2025", "29.12.2025", "2025-12-28T14:03",
//!   "Mon Dec 29 05:30:00 UTC 2025";
//! - a day of a month without its year: "Dec. 28", "28 декабря", "14 dic.",
//!   "3 дек";
//! - a weekday, alone ("on Sunday", "в воскресенье", "el domingo pasado")
//!   or with its day ("martes 9");
//! - a day relative to the day of writing ("yesterday", "вчера", "ayer").
//!
//! Only a whole date stands on its own ([`Mention::resolve`] needs an
//! anchor for the rest): a day without a year takes the year that puts it
//! nearest the anchor, and a weekday is the one before the day of writing,
//! or the one after when the sentence looks ahead ("will meet on Tuesday";
//! "would have" looks back). [`reported_day`] weighs the days a text names
//! to find the one it reports: the lead counts most, a day the text looks
//! ahead to or far back to counts little, so a timestamp line, a recalled
//! meeting or a future appointment does not decide it.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use regex::Regex;

use super::calendar;

/// What a mention says about its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A whole date: "Dec. 28, 2025", "28.12.2025", "2025-12-28".
    Day(Date),
    /// A day of a month, the year left to the reader: "Dec. 28", "28 декабря";
    /// with the weekday written before it, if any ("Sunday, Dec. 28"), which
    /// tells the year.
    MonthDay { month: i8, day: i8, weekday: Option<Weekday> },
    /// A weekday with its day of the month: "martes 9".
    WeekdayDay { weekday: Weekday, day: i8 },
    /// A weekday: "on Sunday", "last Tuesday".
    Weekday(Weekday),
    /// A day of the month alone, as Japanese and Chinese news name the days
    /// of its month ("7日", the 7th): the one nearest the day of writing.
    DayOfMonth(i8),
    /// Days from the day of writing: "yesterday" is -1.
    Relative(i8),
}

/// Which way from the day of writing a weekday lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Looking back (the default: news reports what happened).
    Back,
    /// Looking ahead: "next Sunday", "will meet on Tuesday".
    Ahead,
}

/// One date the text names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range in the text.
    pub range: Range<usize>,
    pub when: When,
    pub direction: Direction,
    /// A clock time follows ("Oct 29, 2025 1:03 PM", "05:30:00 UTC"): a timestamp.
    pub timed: bool,
    /// "this Tuesday", "este martes": the days around the writing.
    pub this: bool,
}

impl Mention {
    /// The line of `text` the mention stands on, without its line break.
    fn line(&self, text: &str) -> Range<usize> {
        let start = text[..self.range.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[self.range.end..].find('\n').map_or(text.len(), |i| self.range.end + i);
        start..end
    }

    /// Whether the mention stamps the page rather than telling the news: a
    /// whole date with a clock time, or one that fills its line, clock
    /// times aside ("Posted Dec 10, 2025", "[September 18, 2025] By",
    /// "Published : September 5, 2025 at 7:49 AM IST").
    pub fn is_stamp(&self, text: &str) -> bool {
        if !self.is_whole() {
            return false;
        }
        if self.timed {
            return true;
        }
        let Range { start: line_start, end: line_end } = self.line(text);
        let clock: usize =
            [&text[line_start..self.range.start], &text[self.range.end..line_end]].iter().flat_map(|s| CLOCK_TIME.find_iter(s)).map(|m| m.len()).sum();
        (line_end - line_start) - self.range.len() - clock <= 24
    }
}

/// A clock time, with its half of the day and zone: "7:49 AM IST", "14:03 UTC".
pub(crate) static CLOCK_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4}\b)?").expect("valid regex"));

/// What resolves a mention that is not a whole date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The day of writing: resolves everything.
    Published(Date),
    /// Roughly when the text was written (the dossier's other articles):
    /// resolves the year of "Dec. 28", not a weekday.
    Around(Date),
}

impl Mention {
    /// Whether the mention is a whole date, needing no anchor.
    pub fn is_whole(&self) -> bool {
        matches!(self.when, When::Day(_))
    }

    /// The day the mention names, read against `anchor` when it needs one.
    pub fn resolve(&self, anchor: Option<Anchor>) -> Option<Date> {
        if let When::Day(d) = self.when {
            return Some(d);
        }
        let (day, exact) = match anchor? {
            Anchor::Published(d) => (d, true),
            Anchor::Around(d) => (d, false),
        };
        match self.when {
            When::Day(d) => Some(d),
            When::MonthDay { month, day: d, weekday } => nearest_year(day, month, d, weekday),
            // A weekday and its day recur only months apart: a rough anchor is enough.
            When::WeekdayDay { weekday, day: d } => nearest_weekday_day(day, weekday, d),
            When::Weekday(w) if exact => {
                let back = (day.weekday().to_monday_zero_offset() - w.to_monday_zero_offset()).rem_euclid(7) as i64;
                match self.direction {
                    Direction::Back => day.checked_sub(back.days()).ok(),
                    Direction::Ahead => day.checked_add(((7 - back) % 7).days()).ok(),
                }
            }
            When::Relative(n) if exact => day.checked_add((n as i64).days()).ok(),
            When::DayOfMonth(d) if exact => nearest_day_of_month(day, d),
            _ => None,
        }
    }
}

/// The year that puts month/day closest to `anchor`, among the years whose
/// month/day falls on `weekday` when the text names one with it: a rough
/// anchor half a year off would otherwise pick the wrong year.
fn nearest_year(anchor: Date, m: i8, d: i8, weekday: Option<Weekday>) -> Option<Date> {
    let y = anchor.year();
    let nearest = |on_weekday: bool| {
        [y - 1, y, y + 1]
            .into_iter()
            .filter_map(|y| Date::new(y, m, d).ok())
            .filter(|c| !on_weekday || Some(c.weekday()) == weekday)
            .min_by_key(|c| (days_between(anchor, *c), *c))
    };
    nearest(weekday.is_some()).or_else(|| nearest(false))
}

/// The date nearest `anchor` (within six weeks) that falls on weekday `w` and day `d`.
fn nearest_weekday_day(anchor: Date, w: Weekday, d: i8) -> Option<Date> {
    (0..=42i64).flat_map(|k| [anchor.checked_sub(k.days()).ok(), anchor.checked_add(k.days()).ok()]).flatten().find(|c| c.weekday() == w && c.day() == d)
}

/// The date on day `d` of the month of `anchor`, or of the month before or
/// after, nearest `anchor`.
fn nearest_day_of_month(anchor: Date, d: i8) -> Option<Date> {
    let month = anchor.first_of_month();
    [-1i64, 0, 1].into_iter().filter_map(|k| month.checked_add(k.months()).ok()?.with().day(d).build().ok()).min_by_key(|c| (days_between(anchor, *c), *c))
}

/// Years a page of news may be dated in: before them is history, after
/// them a typo ("May 27, 2925").
pub const NEWS_YEARS: std::ops::RangeInclusive<i16> = 1900..=2100;

/// Whole days between two dates.
pub fn days_between(a: Date, b: Date) -> i32 {
    a.since(b).map(|s| s.get_days().abs()).unwrap_or(i32::MAX)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind<'a> {
    /// A word, lower case.
    Word(&'a str),
    /// Digits: value and how many.
    Number(u32, usize),
    Symbol(char),
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    kind: Kind<'a>,
    start: usize,
    end: usize,
}

/// Words (letters, with apostrophes inside), numbers and single symbols;
/// white space only separates. Words are lower-cased into `store`, one
/// string for all of them (a string per word was most of the reader's
/// allocations); a word's entry is the range of its lower-case form there.
fn tokens(text: &str, store: &mut String) -> Vec<(usize, usize, u8, u32, usize)> {
    // (start, end, kind: 0 word / 1 number / 2 symbol, value or store start, digits or store end)
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if let Some(first) = digit(c) {
            let mut end = start + c.len_utf8();
            let mut value: u64 = first as u64;
            let mut digits = 1;
            while let Some(&(i, d)) = chars.peek() {
                let Some(v) = digit(d) else { break };
                value = (value * 10 + v as u64).min(u32::MAX as u64);
                digits += 1;
                end = i + d.len_utf8();
                chars.next();
            }
            out.push((start, end, 1, value as u32, digits));
        } else if one_letter_a_token(c) {
            // Written without spaces between words: a character at a time ("9月7日").
            let from = store.len();
            store.push(c);
            out.push((start, start + c.len_utf8(), 0, from as u32, store.len()));
        } else if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if one_letter_a_token(d) {
                    break;
                }
                let apostrophe = matches!(d, '\'' | '’' | 'ʼ') && text[i + d.len_utf8()..].chars().next().is_some_and(char::is_alphabetic);
                // The marks inside a word of Devanagari (the virama of "अक्टूबर") are no letters.
                if !(d.is_alphabetic() || apostrophe || unicode_normalization::char::is_combining_mark(d)) {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            // A calendar word written with a hyphen is one word ("segunda-feira", Monday).
            if let Some(compound) = hyphenated_calendar_word(text, start, end) {
                while chars.peek().is_some_and(|&(i, _)| i < compound) {
                    chars.next();
                }
                end = compound;
            }
            let from = store.len();
            let word = &text[start..end];
            if word.is_ascii() {
                store.push_str(word);
                store[from..].make_ascii_lowercase();
            } else {
                store.extend(word.chars().flat_map(char::to_lowercase).map(|c| if matches!(c, '’' | 'ʼ') { '\'' } else { c }));
            }
            out.push((start, end, 0, from as u32, store.len()));
        } else {
            out.push((start, start + c.len_utf8(), 2, c as u32, 0));
        }
    }
    out
}

/// Where a calendar word written with a hyphen ends, when the word at
/// `start..end` is its first part.
fn hyphenated_calendar_word(text: &str, start: usize, end: usize) -> Option<usize> {
    let rest = text[end..].strip_prefix('-')?;
    let second = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    let compound = end + 1 + second;
    (second > 0 && calendar::is_known(&text[start..compound])).then_some(compound)
}

/// The units after a day of the month: Japanese and Chinese "日", Chinese
/// "号", Korean "일".
const DAY_UNITS: &[&str] = &["日", "号", "일"];

/// The weekday one letter names in Japanese ("月" of "月曜日", or "（月）"
/// after a date) and Korean ("월" of "월요일").
fn cjk_weekday_letter(letter: &str) -> Option<Weekday> {
    Some(match letter {
        "月" | "월" => Weekday::Monday,
        "火" | "화" => Weekday::Tuesday,
        "水" | "수" => Weekday::Wednesday,
        "木" | "목" => Weekday::Thursday,
        "金" | "금" => Weekday::Friday,
        "土" | "토" => Weekday::Saturday,
        "日" | "일" => Weekday::Sunday,
        _ => return None,
    })
}

/// Chinese and Japanese characters, and Korean syllables: Korean spaces
/// its words, but writes a date's units against its numbers and particles
/// against the units ("21일에"), so all three are read a letter at a time.
fn one_letter_a_token(c: char) -> bool {
    super::is_cjk(c) || ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// The value of a decimal digit as news writes it: Western, Arabic-Indic
/// ("٢٠٢٥"), Persian, Devanagari ("२०२५") and full width ("７日").
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{ff10}'..='\u{ff19}' => Some(c as u32 - 0xff10),
        '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
        '\u{6f0}'..='\u{6f9}' => Some(c as u32 - 0x6f0),
        '\u{966}'..='\u{96f}' => Some(c as u32 - 0x966),
        _ => None,
    }
}

fn typed<'a>(raw: &[(usize, usize, u8, u32, usize)], store: &'a str) -> Vec<Token<'a>> {
    raw.iter()
        .map(|&(start, end, kind, value, digits)| Token {
            kind: match kind {
                0 => Kind::Word(&store[value as usize..digits]),
                1 => Kind::Number(value, digits),
                _ => Kind::Symbol(char::from_u32(value).unwrap_or(' ')),
            },
            start,
            end,
        })
        .collect()
}

/// Reads dates from a token stream.
struct Reader<'t, 'a> {
    t: &'t [Token<'a>],
    text: &'t str,
    /// Whether the text names a month or weekday in a language that writes
    /// the day before the month (found when first needed).
    day_first: std::cell::OnceCell<bool>,
}

impl Reader<'_, '_> {
    /// "11/09/2025" is the 11th of September in a text that writes "jeudi"
    /// or "сентября", and could be either in English: the text's own
    /// calendar words decide.
    fn day_first(&self) -> bool {
        *self.day_first.get_or_init(|| self.t.iter().any(|t| matches!(t.kind, Kind::Word(w) if calendar::writes_day_first(w))))
    }

    fn word(&self, i: usize) -> Option<&str> {
        match self.t.get(i)?.kind {
            Kind::Word(w) => Some(w),
            _ => None,
        }
    }

    fn number(&self, i: usize) -> Option<(u32, usize)> {
        match self.t.get(i)?.kind {
            Kind::Number(v, d) => Some((v, d)),
            _ => None,
        }
    }

    fn symbol(&self, i: usize) -> Option<char> {
        match self.t.get(i)?.kind {
            Kind::Symbol(c) => Some(c),
            _ => None,
        }
    }

    /// Whether tokens `i` and `i + 1` touch (no space between them).
    fn touching(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// A day of the month at `i` (with an ordinal suffix: "28th"); returns it and the next index.
    fn day(&self, i: usize) -> Option<(i8, usize)> {
        let (v, digits) = self.number(i)?;
        if digits > 2 || !(1..=31).contains(&v) {
            return None;
        }
        // Not part of a larger figure: "28.5", "3,000", "20-point".
        if self.touching(i) && matches!(self.symbol(i + 1), Some(',' | '-' | '%' | ':')) && self.touching(i + 1) && self.number(i + 2).is_some() {
            return None;
        }
        let mut next = i + 1;
        if self.touching(i) && self.word(next).is_some_and(|w| ["st", "nd", "rd", "th"].contains(&w)) {
            next += 1;
        }
        if self.text[self.t[i].end..].starts_with(|c: char| c.is_alphanumeric()) && next == i + 1 {
            // "20-pounder", "5g": a number glued to letters is not a day.
            return None;
        }
        Some((v as i8, next))
    }

    /// A date written with the units of Chinese, Japanese and Korean at
    /// `i`: "2025年10月21日", "10월 21일", "9月7日（日）", or a day of the
    /// month alone ("7日", not "7日間", seven days). Returns what it names
    /// (nothing for a day of last year, "昨年10月1日", history whose year
    /// the reader cannot give) and the next index.
    fn with_units(&self, i: usize) -> Option<(Option<When>, usize)> {
        let unit = |k: usize, units: &[&str]| self.word(k).is_some_and(|w| units.contains(&w));
        let small = |k: usize, max: u32| self.number(k).filter(|&(v, d)| d <= 2 && (1..=max).contains(&v)).map(|(v, _)| v as i8);
        let (k, year) = match self.year(i) {
            Some(y) if unit(i + 1, &["年", "년"]) => (i + 2, Some(y)),
            _ => (i, None),
        };
        let last_year = i >= 2 && unit(i - 1, &["年", "년"]) && unit(i - 2, &["昨", "去", "작"]);
        let (mut when, mut next) = match small(k, 12).filter(|_| unit(k + 1, &["月", "월"])) {
            Some(m) => {
                let d = small(k + 2, 31).filter(|_| unit(k + 3, DAY_UNITS))?;
                if last_year {
                    return Some((None, k + 4));
                }
                (when(year, m, d)?, k + 4)
            }
            None if year.is_none() => {
                let d = small(i, 31).filter(|_| unit(i + 1, DAY_UNITS) && !unit(i + 2, &["間", "间", "동"]))?;
                (When::DayOfMonth(d), i + 2)
            }
            None => return None,
        };
        // The weekday in brackets after it: "7日（日）", "21일(화)".
        let bracketed = self.word(next + 1).and_then(cjk_weekday_letter);
        if let (Some(w), Some('(' | '（'), Some(')' | '）')) = (bracketed, self.symbol(next), self.symbol(next + 2)) {
            if let When::MonthDay { weekday, .. } = &mut when {
                *weekday = Some(w);
            }
            next += 3;
        }
        Some((Some(when), next))
    }

    /// A weekday written in Chinese characters or Korean at `i`: "月曜日"
    /// or "月曜", "星期二" or "周二", "화요일". Returns it and the next index.
    fn cjk_weekday(&self, i: usize) -> Option<(Weekday, usize)> {
        let first = self.word(i)?;
        let is = |k: usize, w: &str| self.word(k) == Some(w);
        if let Some(w) = cjk_weekday_letter(first) {
            if is(i + 1, "曜") {
                return Some((w, if is(i + 2, "日") { i + 3 } else { i + 2 }));
            }
            if is(i + 1, "요") && is(i + 2, "일") {
                return Some((w, i + 3));
            }
            return None;
        }
        let (day, next) = match first {
            "星" if is(i + 1, "期") => (self.word(i + 2)?, i + 3),
            "周" | "週" => (self.word(i + 1)?, i + 2),
            _ => return None,
        };
        let w = match day {
            "一" => Weekday::Monday,
            "二" => Weekday::Tuesday,
            "三" => Weekday::Wednesday,
            "四" => Weekday::Thursday,
            "五" => Weekday::Friday,
            "六" => Weekday::Saturday,
            "日" | "天" => Weekday::Sunday,
            _ => return None,
        };
        Some((w, next))
    }

    /// A day of the month alone in brackets at `i`: "(23)"; returns it and
    /// the index of the closing bracket.
    fn day_in_brackets(&self, i: usize) -> Option<(i8, usize)> {
        if self.symbol(i) != Some('(') {
            return None;
        }
        let (d, next) = self.day(i + 1)?;
        (next == i + 2 && self.symbol(next) == Some(')')).then_some((d, next))
    }

    /// A year at `i` (four digits, 1000 to 2999, not the start of a larger figure).
    fn year(&self, i: usize) -> Option<i16> {
        let (v, digits) = self.number(i)?;
        if digits != 4 || !(1000..=2999).contains(&v) {
            return None;
        }
        if self.touching(i) && matches!(self.symbol(i + 1), Some(',' | '.' | '%')) && self.touching(i + 1) && self.number(i + 2).is_some() {
            return None;
        }
        Some(v as i16)
    }

    /// A month name at `i` (an abbreviation needs its full stop, or a day
    /// right before it); returns the month and the index after it (and its stop).
    fn month(&self, i: usize, day_before: bool, day_after: bool) -> Option<(i8, usize)> {
        let w = self.word(i)?;
        let stop = self.touching(i) && self.symbol(i + 1) == Some('.');
        let after = if stop { i + 2 } else { i + 1 };
        if let Some(m) = calendar::month(w) {
            return Some((m, after));
        }
        if let Some(m) = self.word(i + 1).and_then(|second| calendar::two_word_month(w, second)) {
            return Some((m, i + 2));
        }
        let m = calendar::month_abbreviation(w)?;
        let followed_by_day = day_after && self.day(after).is_some();
        (stop || day_before || followed_by_day).then_some((m, after))
    }

    /// Skip joiners ("de", "of the") and a comma; returns the next index.
    fn skip_joiners(&self, mut i: usize) -> usize {
        loop {
            if self.symbol(i) == Some(',') || self.word(i).is_some_and(calendar::is_joiner) {
                i += 1;
            } else {
                return i;
            }
        }
    }

    /// A year after a date, maybe after a clock time and a time zone (the
    /// Unix format "Dec 29 05:30:00 UTC 2025"); returns it, whether a time
    /// came, and the index after it (and after "года").
    fn year_after(&self, i: usize) -> (Option<i16>, bool, usize) {
        let j = self.skip_joiners(self.past_other_name(i));
        if let Some(y) = self.year(j) {
            let mut end = j + 1;
            if self.word(end).is_some_and(calendar::is_year_word) {
                end += 1;
                if self.symbol(end) == Some('.') && self.touching(end - 1) {
                    end += 1;
                }
            }
            let timed = self.time_after(end).is_some();
            return (Some(y), timed, end);
        }
        if let Some(after_time) = self.time(j) {
            let mut k = after_time;
            if self.word(k).is_some_and(|w| w.len() <= 4) && self.t.get(k).is_some_and(|t| self.text[t.start..t.end].chars().all(|c| c.is_ascii_uppercase())) {
                k += 1;
            }
            if let Some(y) = self.year(k) {
                return (Some(y), true, k + 1);
            }
            return (None, true, i);
        }
        (None, false, i)
    }

    /// Past the month's other name after a slash, when a year follows it:
    /// "8 أكتوبر/تشرين الأول 2025" gives both the Egyptian and the Levantine
    /// name of October.
    fn past_other_name(&self, i: usize) -> usize {
        if self.symbol(i) != Some('/') || self.word(i + 1).is_none() {
            return i;
        }
        match (self.word(i + 2), self.year(i + 2)) {
            (_, Some(_)) => i + 2,
            (Some(_), _) if self.year(i + 3).is_some() => i + 3,
            _ => i,
        }
    }

    /// A clock time at `i` ("05:30", "1:03 p.m.", "23:24"); the index after it.
    fn time(&self, i: usize) -> Option<usize> {
        let (h, hd) = self.number(i)?;
        if hd > 2 || h > 24 || self.symbol(i + 1) != Some(':') || !self.touching(i) {
            return None;
        }
        let (m, md) = self.number(i + 2)?;
        if md != 2 || m > 59 {
            return None;
        }
        let mut end = i + 3;
        if self.symbol(end) == Some(':') && self.number(end + 1).is_some_and(|(_, d)| d == 2) {
            end += 2;
        }
        Some(end)
    }

    /// A clock time at `i`, or after the word that joins a date to its time
    /// ("03/03/2025 à 12:19", "Dec 29, 2025 at 5:30", "24.01.2025 um 21:00",
    /// "3 de marzo de 2025 a las 12:19"); returns the index after it.
    fn time_after(&self, i: usize) -> Option<usize> {
        const JOINERS: &[&str] = &["alle", "at", "om", "o", "um", "à", "às", "в"];
        match self.word(i) {
            Some("a") if self.word(i + 1).is_some_and(|w| w == "las" || w == "la") => self.time(i + 2),
            Some(w) if JOINERS.contains(&w) => self.time(i + 1),
            _ => self.time(i),
        }
    }

    /// A date at `i` written with digits: ISO (2025-12-28, 2025/12/28), year
    /// first with dots as Korean and Chinese pages and photo credits write it
    /// (2024.12.07, 2024.12.7/뉴스1; not 2024.1.2, which may be a version:
    /// one of month and day has two digits), or
    /// day first with dots (29.12.2025), or day and month with slashes or
    /// hyphens (28-12-2025, as Indian and European pages write it) when one
    /// of them cannot be a month, both are the same or the text writes the day first.
    fn numeric(&self, i: usize) -> Option<(Date, usize)> {
        let joined = |k: usize, sep: char| self.touching(k) && self.symbol(k + 1) == Some(sep) && self.touching(k + 1);
        let (a, ad) = self.number(i)?;
        for sep in ['-', '/', '.'] {
            if !joined(i, sep) || !joined(i + 2, sep) {
                continue;
            }
            let (Some((b, bd)), Some((c, cd))) = (self.number(i + 2), self.number(i + 4)) else { continue };
            let date = if ad == 4 && (sep != '.' || bd == 2 || cd == 2) && bd <= 2 && cd <= 2 {
                Date::new(a as i16, b as i8, c as i8).ok()
            } else if cd == 4 && ad <= 2 && bd <= 2 {
                match sep {
                    '.' => Date::new(c as i16, b as i8, a as i8).ok(),
                    // Read either way, 03/03/2025 is one day.
                    _ if a > 12 || a == b => Date::new(c as i16, b as i8, a as i8).ok(),
                    _ if b > 12 => Date::new(c as i16, a as i8, b as i8).ok(),
                    _ if self.day_first() => Date::new(c as i16, b as i8, a as i8).ok(),
                    _ => None,
                }
            } else {
                None
            };
            let Some(date) = date else { continue };
            // Not the start of a longer run of numbers (a version, an address).
            if self.touching(i + 4) && matches!(self.symbol(i + 5), Some('.' | '-' | '/')) && self.number(i + 6).is_some() {
                return None;
            }
            return Some((date, i + 5));
        }
        None
    }

    /// A date with a month name at `i`: month first ("Dec. 28, 2025") or
    /// day first ("28 декабря 2025 года", "16 de noviembre"), maybe without
    /// its year. Returns what it names, whether a time follows, and the next index.
    fn named(&self, i: usize) -> Option<(When, bool, usize)> {
        // Month first.
        if let Some((m, after)) = self.month(i, false, true) {
            let (d, next) = self.day(after)?;
            let (year, timed, end) = self.year_after(next);
            return Some((when(year, m, d)?, timed, end));
        }
        // Day first.
        let (d, next) = self.day(i)?;
        let mut j = next;
        if self.symbol(j) == Some('.') && self.touching(j - 1) {
            j += 1;
        }
        let j = self.skip_joiners(j);
        let (m, after) = self.month(j, true, false)?;
        let (year, timed, end) = self.year_after(after);
        Some((when(year, m, d)?, timed, end))
    }
}

fn when(year: Option<i16>, m: i8, d: i8) -> Option<When> {
    match year {
        Some(y) => Date::new(y, m, d).ok().map(When::Day),
        None => (Date::new(2024, m, d).is_ok()).then_some(When::MonthDay { month: m, day: d, weekday: None }),
    }
}

/// Every date `text` names, in order.
pub fn mentions(text: &str) -> Vec<Mention> {
    mentions_with(text, &mut None)
}

/// [`mentions`], with `text`'s sentences when the caller has them, or
/// receiving them when they were needed here.
fn mentions_with(text: &str, sentences: &mut Option<Vec<Range<usize>>>) -> Vec<Mention> {
    let mut store = String::new();
    let raw = tokens(text, &mut store);
    let t = typed(&raw, &store);
    let r = Reader { t: &t, text, day_first: std::cell::OnceCell::new() };
    let mut out: Vec<Mention> = Vec::new();
    // "Sunday, Dec. 28": the weekday before a date; whichever kind of date follows takes it.
    let mut weekday_before: Option<WeekdayBefore> = None;
    let mut i = 0;
    while i < t.len() {
        let start = t[i].start;
        if let Some((weekday, next)) = r.cjk_weekday(i) {
            out.push(Mention { range: start..t[next - 1].end, when: When::Weekday(weekday), direction: Direction::Back, timed: false, this: false });
            i = next;
            continue;
        }
        // Every date starts with a number or a calendar word.
        if r.word(i).is_some_and(|w| !calendar::is_known(w)) {
            i += 1;
            continue;
        }
        let direction_from = |sentences: &mut Option<Vec<Range<usize>>>, start: usize, end: usize| {
            let sentence = sentence_around(text, sentences, start);
            direction_in(text, sentence, start..end)
        };
        let direction = |sentences: &mut Option<Vec<Range<usize>>>, end: usize| direction_from(sentences, start, end);
        let this = || i > 0 && r.word(i - 1).is_some_and(calendar::is_this);
        if let Some((when, next)) = r.with_units(i) {
            let timed = r.time(next).is_some();
            if let Some(when) = when {
                out.push(Mention { range: start..t[next - 1].end, when, direction: Direction::Back, timed, this: false });
            }
            i = next;
            continue;
        }
        if let Some((date, next)) = r.numeric(i) {
            let ahead = weekday_before.take().is_some_and(|b| b.next);
            let mut end = next;
            let mut timed = false;
            // "2025-12-28T14:03" and "29.12.2025 23:24".
            if r.word(end).is_some_and(|w| w.starts_with('t')) && r.touching(end - 1) {
                timed = true;
                end += 1;
            }
            // A time before or after the date: "23:24 29.12.2025".
            timed |= r.time_after(end).is_some() || [3, 5].iter().any(|&k| i >= k && r.time(i - k) == Some(i));
            let direction = if ahead { Direction::Ahead } else { Direction::Back };
            out.push(Mention { range: start..t[next - 1].end, when: When::Day(date), direction, timed, this: false });
            i = next;
            continue;
        }
        if let Some((mut w, timed, next)) = r.named(i) {
            let before = weekday_before.take();
            if let (When::MonthDay { weekday, .. }, Some(b)) = (&mut w, before) {
                *weekday = Some(b.weekday);
            }
            let end = t[next - 1].end;
            let direction = match before {
                Some(b) if b.next => Direction::Ahead,
                Some(b) => direction_from(sentences, b.start, end),
                None => direction(sentences, end),
            };
            // The weekday is part of the date: "Friday, June 13" is read, and quoted, whole.
            let start = before.map_or(start, |b| b.start);
            out.push(Mention { range: start..end, when: w, direction, timed, this: this() });
            i = next;
            continue;
        }
        if let Some(weekday) = r.word(i).and_then(calendar::weekday) {
            // A weekday before a date belongs to it: "Sunday, Dec. 28", "Wednesday (September 17)", "martes 9 de diciembre".
            let mut j = i + 1;
            while matches!(r.symbol(j), Some(',' | '(')) || r.word(j).is_some_and(calendar::is_joiner) {
                j += 1;
            }
            if r.numeric(j).is_some() || r.named(j).is_some() {
                weekday_before = Some(WeekdayBefore { weekday, next: i > 0 && r.word(i - 1).is_some_and(calendar::is_next), start });
                i = j;
                continue;
            }
            let mut direction = direction(sentences, t[i].end);
            let mut end = t[i].end;
            if let Some(d) = r.day(i + 1).map(|(d, _)| d) {
                out.push(Mention { range: start..t[i + 1].end, when: When::WeekdayDay { weekday, day: d }, direction, timed: false, this: this() });
                i += 2;
                continue;
            }
            // "nesta segunda-feira (23)", as Brazilian papers write the day.
            if let Some((d, close)) = r.day_in_brackets(i + 1) {
                out.push(Mention { range: start..t[close].end, when: When::WeekdayDay { weekday, day: d }, direction, timed: false, this: this() });
                i = close + 1;
                continue;
            }
            if i > 0 && r.word(i - 1).is_some_and(calendar::is_last) {
                direction = Direction::Back;
            } else if i > 0 && r.word(i - 1).is_some_and(calendar::is_next) {
                direction = Direction::Ahead;
            } else if r.word(i + 1).is_some_and(calendar::is_last_after) {
                direction = Direction::Back;
                end = t[i + 1].end;
            }
            out.push(Mention { range: start..end, when: When::Weekday(weekday), direction, timed: false, this: this() });
            i += 1;
            continue;
        }
        if let Some(n) = r.word(i).and_then(calendar::relative_day) {
            // "Tomorrow" is ahead whatever the verb says.
            let direction = if n > 0 { Direction::Ahead } else { Direction::Back };
            out.push(Mention { range: start..t[i].end, when: When::Relative(n), direction, timed: false, this: false });
        }
        i += 1;
    }
    out
}

/// A weekday written just before a date ("Sunday, Dec. 28"), which the date carries.
#[derive(Clone, Copy)]
struct WeekdayBefore {
    weekday: Weekday,
    /// "next Sunday, December 14": the date is an appointment.
    next: bool,
    /// Where the weekday starts: the clause that gives the date its tense
    /// ends there ("will resume on Saturday, January 24").
    start: usize,
}

/// The sentence around byte `at`, cutting `text` into sentences once.
fn sentence_around(text: &str, sentences: &mut Option<Vec<Range<usize>>>, at: usize) -> Range<usize> {
    let all = sentences.get_or_insert_with(|| super::sentences::ranges(text));
    let i = all.partition_point(|s| s.end <= at);
    all.get(i).cloned().unwrap_or(0..text.len())
}

/// Whether the words of the sentence before the mention look ahead.
/// Only the clause counts: the words back to a comma or a dash, ten at
/// most ("will vie in a runoff after an election on Sunday" looks back).
/// Languages that put the verb after the day ("в среду состоится") are
/// read by the word after it as well, and German by the verb that closes
/// the clause ("am 8. September ... entziehen zu wollen").
fn direction_in(text: &str, sentence: Range<usize>, at: Range<usize>) -> Direction {
    let last_word =
        after_mention(text, &sentence, &at, &[',', ';', '.', ':', '(', '—', '–']).split_whitespace().last().map(str::to_lowercase).unwrap_or_default();
    let (before, next) = clause_parts(text, sentence, at);
    // Only the words before the day say what it is set for: "met on Sunday
    // for a third round" is the day they met.
    let before = format!(" {} ", before.join(" "));
    let clause = format!("{before}{}", next.map(|w| w + " ").unwrap_or_default());
    if calendar::says_ahead(&clause) || calendar::ends_ahead(&last_word) || FOR_THE_DAY.iter().any(|p| before.ends_with(p)) {
        Direction::Ahead
    } else {
        Direction::Back
    }
}

/// Words right before a day that make it the day something is set for
/// ("déterminé pour le 18 mai", "назначены на 18 мая", "set for May 18"):
/// an appointment, whatever the verb.
const FOR_THE_DAY: &[&str] = &[" for ", " pour le ", " para el ", " para o ", " per il ", " für den ", " на "];

/// The clause of a mention that [`direction_in`] reads: lower case, single
/// spaces, a space at each end.
fn clause_of(text: &str, sentence: Range<usize>, at: Range<usize>) -> String {
    let (mut looked, next) = clause_parts(text, sentence, at);
    looked.extend(next);
    format!(" {} ", looked.join(" "))
}

/// The words of a mention's clause before it (ten at most) and the word
/// right after it, lower case, as [`clause_of`] joins them.
fn clause_parts(text: &str, sentence: Range<usize>, at: Range<usize>) -> (Vec<String>, Option<String>) {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | 'ʼ') || unicode_normalization::char::is_combining_mark(c)))
            .filter(|w| !w.is_empty())
            .flat_map(|w| {
                let w = w.to_lowercase().replace(['’', 'ʼ'], "'");
                // "they'll meet", "won't sign before Friday": the future, contracted.
                match w.strip_suffix("'ll") {
                    Some(subject) => vec![subject.to_string(), "will".to_string()],
                    None if w == "won't" => vec!["will".to_string(), "not".to_string()],
                    None => vec![w],
                }
            })
            .collect()
    };
    let before = without_asides(&text[sentence.start..at.start.max(sentence.start)]);
    let clause = before.rsplit([',', ';', '—', '–', '(']).next().unwrap_or(&before);
    let mut looked = words(clause);
    if looked.len() > 10 {
        looked.drain(..looked.len() - 10);
    }
    let after = after_mention(text, &sentence, &at, &[',', ';', '.', ':']);
    // "ab" after the day is a German verb's prefix ("reiste am Montag ab":
    // left), not the "from ... on" of "ab 7. Mai".
    let next = words(after).into_iter().next().filter(|w| w != "ab");
    (looked, next)
}

/// The words of a sentence after a mention, up to the first of `stops`.
fn after_mention<'t>(text: &'t str, sentence: &Range<usize>, at: &Range<usize>, stops: &[char]) -> &'t str {
    text[at.end..sentence.end.max(at.end)].split(stops).next().unwrap_or("")
}

/// `s` without its closed parenthetical asides: in "it will end the
/// program (quantitative tightening, QT) on December 1" the clause before
/// the date is "it will end the program on", not "QT) on".
fn without_asides(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(')') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut open: Option<usize> = None;
    for (i, c) in s.char_indices() {
        match c {
            '(' => {
                if let Some(o) = open {
                    out.push_str(&s[o..i]);
                }
                open = Some(i);
            }
            ')' if open.is_some() => open = None,
            _ if open.is_none() => out.push(c),
            _ => {}
        }
    }
    if let Some(o) = open {
        out.push_str(&s[o..]);
    }
    out.into()
}

/// A date in a web address: a whole day (`/2025/12/28/`, `/20251228/`,
/// `-2025-12-28-`, `/28/12/2025/`), or a year and month (`/2025/12/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InAddress {
    Day(Date),
    Month(i16, i8),
}

/// The date a web address carries, if any. Only the path is read (a host
/// name has no dates), and a run of digits longer than eight is an id.
pub fn in_address(url: &str) -> Option<InAddress> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.split_once('/').map_or("", |(_, p)| p);
    let path = path.split(['?', '#']).next().unwrap_or("");
    // Runs of digits, each with the one character joining it to the run
    // before, or '\0' when more come between (`/2025/09/curfew-after-19-killed`
    // names a month, and 19 dead).
    let mut runs: Vec<(char, &str)> = Vec::new();
    // Characters since the last run (or the path's start), and the last of them.
    let mut gap = (1, '/');
    let mut start = None;
    for (i, c) in path.char_indices().chain(std::iter::once((path.len(), '/'))) {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((if gap.0 == 1 { gap.1 } else { '\0' }, &path[s..i]));
                start = None;
                gap = (1, c);
            }
            (false, None) => gap = (gap.0 + 1, c),
            _ => {}
        }
    }
    let year = address_year;
    let two = |s: &str| (s.len() <= 2).then(|| s.parse::<i8>().ok()).flatten();
    // Adjacent runs joined by one separator: y m d, d m y.
    for (k, &(_, a)) in runs.iter().enumerate() {
        let next = |n: usize| runs.get(k + n).filter(|r| ['/', '-', '_', '.'].contains(&r.0)).map(|r| r.1);
        if let Some(y) = year(a) {
            if let (Some(m), Some(d)) = (next(1).and_then(two), next(2).and_then(two)) {
                if let Ok(date) = Date::new(y, m, d) {
                    return Some(InAddress::Day(date));
                }
            }
        }
        if let (Some(d), Some(m), Some(y)) = (two(a), next(1).and_then(two), next(2).and_then(year)) {
            // Day first, as most of the world writes it; month first when
            // only that reads as a date, written as dates are (`/10-27-2025/`,
            // not `flight-9-...-27-2025`).
            let padded = a.len() == 2 && next(1).is_some_and(|s| s.len() == 2);
            if let Ok(date) = Date::new(y, m, d).or_else(|e| if padded { Date::new(y, d, m) } else { Err(e) }) {
                return Some(InAddress::Day(date));
            }
        }
    }
    // Eight digits in a row, 20251228, maybe with the time after them
    // (`_VN-202510220847`, `/20251016022358614-`: hours and minutes,
    // seconds, milliseconds), or a Unix time in milliseconds
    // (`-1756381283214`): content systems stamp addresses so.
    for &(_, a) in &runs {
        if let Some(date) = stamp(a).or_else(|| unix_time(a)) {
            return Some(InAddress::Day(date));
        }
    }
    // A year and month: `/2025/12/`, or `-2025-05/` closing a folder's name
    // (`/nachrichten-2025-05/65332298-...`), not `-2025-05-` inside a title.
    let closes_folder = |y: &str, m: &str| path.match_indices(&format!("{y}-{m}")).any(|(i, s)| matches!(path[i + s.len()..].chars().next(), None | Some('/')));
    for (k, &(_, a)) in runs.iter().enumerate() {
        let month = runs.get(k + 1).filter(|r| r.0 == '/' || (r.0 == '-' && r.1.len() == 2 && closes_folder(a, r.1))).and_then(|r| two(r.1));
        if let (Some(y), Some(m)) = (year(a), month) {
            if (1..=12).contains(&m) {
                return Some(InAddress::Month(y, m));
            }
        }
    }
    None
}

/// A year as an address writes it: four digits, 1990 to 2100.
fn address_year(s: &str) -> Option<i16> {
    s.parse::<i16>().ok().filter(|y| s.len() == 4 && (1990..=2100).contains(y))
}

/// The day of a run of digits that is a date and maybe a time: eight
/// digits (20251228), twelve (and the hour and minute), fourteen (and the
/// seconds) or seventeen (and the milliseconds), each part in range.
fn stamp(digits: &str) -> Option<Date> {
    if ![8, 12, 14, 17].contains(&digits.len()) {
        return None;
    }
    let part = |r: Range<usize>| digits.get(r).and_then(|s| s.parse::<i16>().ok());
    let y = address_year(digits.get(0..4)?)?;
    let date = Date::new(y, part(4..6)? as i8, part(6..8)? as i8).ok()?;
    let time_fits = (digits.len() < 12 || (part(8..10)? < 24 && part(10..12)? < 60)) && (digits.len() < 14 || part(12..14)? < 60);
    time_fits.then_some(date)
}

/// The day (in UTC) of a run of digits that is a Unix time of this
/// century's news in milliseconds (thirteen digits). In seconds (ten) it
/// is not read: ids of ten digits are common in addresses, and many fall
/// in those years (`menafn.com/1110224899/` is no news of 2005).
fn unix_time(digits: &str) -> Option<Date> {
    if digits.len() != 13 {
        return None;
    }
    let seconds = digits.parse::<i64>().ok()? / 1000;
    // 2005-01-01 to 2033-05-18: below 2,000,000,000, so that a day with
    // a serial after it (`yjj2025101000748`) is no Unix time of 2034.
    if !(1_104_537_600..2_000_000_000).contains(&seconds) {
        return None;
    }
    Some(jiff::Timestamp::from_second(seconds).ok()?.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// The day a text reports, and the words that say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reported {
    pub day: Date,
    /// The mention that decided it, as written ("on Sunday", "28 декабря"),
    /// or `None` when no mention did and the day is the publication date.
    pub words: Option<String>,
    /// The deciding mention looks ahead ("will meet on Tuesday"): a preview.
    pub ahead: bool,
}

/// How much a mention counts toward the reported day, `position` being
/// its sentence among the sentences of prose (headlines, captions and
/// stamps before the lead do not push it down). `began` reads the
/// mention's clause for a "began" word, only for a day well before the
/// writing (it cuts the clause into words again).
fn weight(m: &Mention, day: Date, position: usize, published: Option<Date>, began: impl FnOnce() -> bool) -> f32 {
    // The lead says what happened; later sentences recall and look ahead.
    let mut w = 1.0 / (1.0 + 0.35 * position as f32);
    let after = published.is_some_and(|p| day > p);
    if m.direction == Direction::Ahead || after {
        // An appointment, or what a preview is about.
        w *= 0.5;
    }
    if m.this {
        w *= 1.5;
    }
    if let Some(p) = published {
        let apart = days_between(p, day);
        if apart > 3 {
            // Weeks away: background, or a distant appointment. A daily's
            // lead that names a day over a week before it was written
            // recalls it ("at a press conference on the theft of 19
            // October"): by then the day of writing weighs more.
            w *= 0.5_f32.powf(((apart - 3) as f32 / 2.0).min(4.0));
            if day < p && began() {
                // "The war began on Friday, June 13", a week on: where the
                // story started, told as its background.
                w *= 0.25;
            }
        }
    }
    w
}

/// The index of each sentence among those of prose: a sentence of a
/// paragraph of at least eight words that ends like a sentence counts,
/// one of another paragraph (a headline, a caption, a stamp) takes the
/// index of the next one.
fn prose_positions(text: &str, sentences: &[Range<usize>]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut n = 0;
    // (where the paragraph ends, whether it is prose): its sentences share it.
    let mut paragraph_seen: Option<(usize, bool)> = None;
    for s in sentences {
        let prose = match paragraph_seen {
            Some((end, prose)) if s.start <= end => prose,
            _ => {
                let para_end = text[s.start..].find('\n').map_or(text.len(), |i| s.start + i);
                let para_start = text[..s.start].rfind('\n').map_or(0, |i| i + 1);
                let paragraph = text[para_start..para_end].trim_end();
                // Eight words, or in a script without spaces twenty characters.
                let long = paragraph.split_whitespace().nth(7).is_some() || paragraph.chars().filter(|&c| super::is_cjk(c)).nth(19).is_some();
                let prose = long && paragraph.ends_with(['.', '!', '?', '"', '”', '»', ')', '。', '」', '）']);
                paragraph_seen = Some((para_end, prose));
                prose
            }
        };
        out.push(n);
        if prose {
            n += 1;
        }
    }
    out
}

/// A weekday as one bit of a set of weekdays, Monday the lowest.
pub fn weekday_bit(w: Weekday) -> u8 {
    1 << w.to_monday_zero_offset()
}

/// Whether `day`, named after the weekdays `named_before` ([`weekday_bit`]s),
/// is a day the text recalls: news names the days of its week by their
/// weekday and older ones by their date, so a date after a weekday it does
/// not fall on is not the news.
pub fn recalled_after(named_before: u8, day: Date) -> bool {
    named_before & !weekday_bit(day.weekday()) != 0
}

/// A file photo's caption ("... on Jan 6, 2025. / Photo: AP Archive",
/// "Archivbild", "(file photo)"): the line dates the photo, taken at an
/// earlier event.
static FILE_PHOTO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:photo|foto|bild|image)\s*:\s*(?:\w+\s+){0,2}(?:archive|archives|archiv|archivo|archivio)\b|\bfile (?:photo|picture|image)\b|\barchiv(?:bild|foto)\b|фото\s*:?\s*архив")
        .expect("valid regex")
});

fn in_file_photo_caption(text: &str, m: &Mention) -> bool {
    let line = &text[m.line(text)];
    line.len() <= 300 && FILE_PHOTO.is_match(line)
}

/// Whether the words next to a date call it past: "el pasado 3 de
/// diciembre", "lo scorso 3 dicembre", "le 3 décembre dernier", or make it
/// the start of something still going on: "suspended since 14 December",
/// "с 14 декабря", "depuis le 14 décembre" (not "from 4 to 6 December", a
/// span). Writers mark so the day of something earlier than their news
/// (the martial law a report of the court's ruling recalls), never the
/// news itself. A date in a file photo's caption is past too.
pub fn said_to_be_past(text: &str, m: &Mention) -> bool {
    if in_past_perfect(text, m) || in_file_photo_caption(text, m) {
        return true;
    }
    if !matches!(m.when, When::Day(_) | When::MonthDay { weekday: None, .. }) {
        return false;
    }
    let word = |w: Option<&str>| w.map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase()).unwrap_or_default();
    let mut words_before = text[..m.range.start].split_whitespace().rev();
    let before = word(words_before.next());
    let before_that = word(words_before.next());
    let after_word = text[m.range.end..].split_whitespace().next();
    let after = word(after_word);
    // "desde el", "seit dem", "depuis le": an article between.
    let since = calendar::is_since(&before) || SINCE_ARTICLES.contains(&before.as_str()) && calendar::is_since(&before_that);
    let span = SPAN_ENDS.contains(&after.as_str()) || after_word.is_some_and(|w| w.starts_with(['–', '-']));
    // A birth is history whatever the text: a laureate's profile that
    // names no other day is not news of 1954.
    let born = BORN.contains(&before.as_str()) || BORN_BETWEEN.contains(&before.as_str()) && BORN.contains(&before_that.as_str());
    calendar::is_last_after(&before) || calendar::is_last(&before) && !before.is_ascii() || calendar::is_last_after(&after) || since && !span || born
}

/// Whether the clause of a mention is in the German or Dutch past
/// perfect, which tells what came before the news: "Yoon hatte am Dienstag
/// das Kriegsrecht ausgerufen" in a report of the next day's impeachment
/// motion. The auxiliary stands before the day and a participle closes the
/// clause ("war am Samstag in Berlin" is a plain past: no participle). Not
/// English: "announced that Lecornu had tendered his resignation on
/// Monday" is reported speech, the news itself (and no German-shaped
/// participle closes it, though Dutch "had" is spelled as English's).
fn in_past_perfect(text: &str, m: &Mention) -> bool {
    // A bracketed aside stays inside the clause ("Partei (LDP) bestimmt worden").
    const STOPS: &[char] = &['.', '!', '?', ';', ',', ':', '\n'];
    let start = text[..m.range.start].rfind(STOPS).map_or(0, |i| i + 1);
    let end = text[m.range.end..].find(STOPS).map_or(text.len(), |i| m.range.end + i);
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase()).filter(|w| !w.is_empty()).collect()
    };
    let before = words(&without_asides(&text[start..m.range.start]));
    // Every mention of every text comes through here: the clause after it
    // is read only when an auxiliary stands before it.
    if !before.iter().any(|w| ["hatte", "hatten", "war", "waren", "had", "hadden"].contains(&w.as_str())) {
        return false;
    }
    let after = words(&without_asides(&text[m.range.end..end]));
    is_germanic_participle(after.last().or(before.last()).map_or("", String::as_str))
}

/// "ausgerufen", "angeordnet", "gewählt", "informiert", "bestimmt worden", "gestemd".
fn is_germanic_participle(w: &str) -> bool {
    let ge = w.char_indices().any(|(i, _)| w[i..].starts_with("ge") && w.len() - i > 4);
    w == "worden" || w.ends_with("iert") || (ge && ["t", "en", "d"].iter().any(|e| w.ends_with(e)))
}

/// Words right before a date (or before [`BORN_BETWEEN`] and a date) that
/// make it someone's birthday, in the languages of [`calendar::LANGUAGES`]
/// and a few more.
const BORN: &[&str] = &[
    "born",
    "geboren",
    "né",
    "née",
    "nació",
    "nacido",
    "nacida",
    "nato",
    "nata",
    "nacque",
    "nasceu",
    "nascido",
    "nascida",
    "родился",
    "родилась",
    "народився",
    "народилася",
    "urodził",
    "urodziła",
    "narodil",
    "narodila",
    "född",
    "föddes",
    "født",
];

/// Small words between a birth word and its date: "born on", "né le",
/// "urodził się", "föddes den".
const BORN_BETWEEN: &[&str] = &["on", "am", "le", "el", "il", "em", "den", "op", "się", "se", "dne", "в", "у"];

/// Articles between "since" and its day, in the languages of [`calendar::Vocabulary::since`].
const SINCE_ARTICLES: &[&str] = &["the", "el", "le", "l", "dem", "den", "o", "a"];

/// Words after a day that make it the first of a span ("from 4 to 6
/// December", "с 4 декабря по 6 декабря"), not the start of a state.
const SPAN_ENDS: &[&str] = &["to", "until", "till", "through", "по", "до", "bis", "au", "jusqu", "hasta", "al", "a", "do", "até", "ao"];

/// The newest whole date among `found`, looking back or ahead, in [`NEWS_YEARS`].
pub fn newest_whole_date(found: &[Mention]) -> Option<Date> {
    found
        .iter()
        .filter_map(|m| match m.when {
            When::Day(d) if NEWS_YEARS.contains(&d.year()) => Some(d),
            _ => None,
        })
        .max()
}

/// Whether `d` can be the day of a text's news (its publication, the day it
/// reports): in [`NEWS_YEARS`], and not history the text recalls (a birth,
/// a founding, the death a day commemorates), decades before `newest`, the
/// newest whole date it names ("born on October 7, 1967" in a report that
/// looks ahead to "December 10, 2025"). Without `newest`, the years alone.
pub fn is_news_day(d: Date, newest: Option<Date>) -> bool {
    NEWS_YEARS.contains(&d.year()) && newest.is_none_or(|n| i32::from(n.year()) - i32::from(d.year()) <= HISTORY_YEARS)
}

/// See [`is_news_day`].
const HISTORY_YEARS: i32 = 10;

/// The day `text` reports: the day its mentions point to, weighed by
/// where they are (the lead first) and how they are said, or `published`
/// when nothing outweighs it. `title` counts as the first sentence; stamps
/// ([`Mention::is_stamp`]) do not count: they say when the page was written.
pub fn reported_day(title: &str, body: &str, published: Option<Date>, anchor: Option<Anchor>) -> Option<Reported> {
    reported_day_with(title, body, None, published, anchor)
}

/// [`reported_day`], given `body`'s sentences ([`super::sentences::ranges`])
/// when the caller has cut them already.
pub fn reported_day_with(title: &str, body: &str, sentences: Option<Vec<Range<usize>>>, published: Option<Date>, anchor: Option<Anchor>) -> Option<Reported> {
    let anchor = published.map(Anchor::Published).or(anchor);
    // (day, total weight, the heaviest mention's words, its weight, whether it looks ahead)
    let mut scores: Vec<(Date, f32, Option<String>, f32, bool)> = Vec::new();
    let mut add = |day: Date, w: f32, words: &str, ahead: bool| match scores.iter_mut().find(|s| s.0 == day) {
        Some(s) => {
            s.1 += w;
            if w > s.3 {
                (s.2, s.3, s.4) = (Some(words.to_string()), w, ahead);
            }
        }
        None => scores.push((day, w, Some(words.to_string()), w, ahead)),
    };
    let in_title = mentions(title);
    let mut sentences = sentences;
    let found = mentions_with(body, &mut sentences);
    let newest = newest_whole_date(&in_title).max(newest_whole_date(&found));
    let news = |day: &Date| is_news_day(*day, newest);
    // Without a day of writing, a weekday cannot be resolved, but it still
    // says which days the news is not on: after "arrested on Saturday
    // evening", a day named later that is no Saturday ("the robbery on
    // October 19", a Sunday) is one the text recalls. News names the
    // days of its week by their weekday and older ones by their date.
    // Weekdays named so far ([`weekday_bit`]).
    let mut weekdays_named: u8 = 0;
    // Days named with no other weekday before them, and days named after one.
    let (mut fitting, mut recalled): (Vec<Date>, Vec<Date>) = (Vec::new(), Vec::new());
    let mut weigh_weekday = |m: &Mention, day: Option<Date>| {
        if published.is_some() || m.direction == Direction::Ahead {
            return;
        }
        if let When::Weekday(w) = m.when {
            weekdays_named |= weekday_bit(w);
            return;
        }
        let Some(day) = day else { return };
        if recalled_after(weekdays_named, day) {
            recalled.push(day);
        } else {
            fitting.push(day);
        }
    };
    for m in in_title {
        let day = m.resolve(anchor).filter(|_| !m.is_stamp(title) && !said_to_be_past(title, &m)).filter(news);
        weigh_weekday(&m, day);
        if let Some(day) = day {
            let began = || calendar::says_began(&clause_of(title, 0..title.len(), m.range.clone()));
            add(day, weight(&m, day, 0, published, began), &title[m.range.clone()], m.direction == Direction::Ahead);
        }
    }
    if !found.is_empty() {
        let sentences = sentences.get_or_insert_with(|| super::sentences::ranges(body));
        let positions = prose_positions(body, sentences);
        // (sentence, day) of the last mention read.
        let mut last: Option<(usize, Date)> = None;
        for m in found {
            let day = m.resolve(anchor).filter(|_| !m.is_stamp(body) && !said_to_be_past(body, &m)).filter(news);
            weigh_weekday(&m, day);
            let Some(day) = day else { continue };
            let at = sentences.partition_point(|s| s.end <= m.range.start);
            // "lifted off on August 26, 2025, at 6:30 PM CT (August 27,
            // 2025, at 5:00 AM IST)": the moment before, in another time
            // zone, not a later day the sentence reports.
            let bracketed = body[..m.range.start].trim_end().ends_with('(');
            if last.replace((at, day)).is_some_and(|(s, d)| bracketed && s == at && days_between(d, day) <= 1) {
                continue;
            }
            let position = positions.get(at).copied().unwrap_or(0);
            let began = || calendar::says_began(&clause_of(body, sentences.get(at).cloned().unwrap_or(0..body.len()), m.range.clone()));
            add(day, weight(&m, day, position, published, began), &body[m.range.clone()], m.direction == Direction::Ahead);
        }
    }
    // A day first named after the news's weekday, and not on it, is not the news.
    scores.retain(|s| !recalled.contains(&s.0) || fitting.contains(&s.0));
    if let Some(p) = published {
        // The day of writing is the default (a report is written on the day
        // or the day after), unless the lead, or the text again and again,
        // names another.
        let prior = 0.2;
        match scores.iter_mut().find(|s| s.0 == p) {
            Some(s) => s.1 += prior,
            None => scores.push((p, prior, None, 0.0, false)),
        }
    }
    // Equal weights come from one sentence (or the title and the lead):
    // a sentence that names two days reports the later and recalls the
    // earlier ("heard on Wednesday 22 October about the theft of Sunday 19
    // October").
    scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
    scores.into_iter().next().map(|(day, _, words, _, ahead)| Reported { day, words, ahead })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn whens(text: &str) -> Vec<When> {
        mentions(text).into_iter().map(|m| m.when).collect()
    }

    fn days(text: &str, published: Date) -> Vec<Date> {
        mentions(text).iter().filter_map(|m| m.resolve(Some(Anchor::Published(published)))).collect()
    }

    #[test]
    fn whole_dates_in_every_form() {
        let d = When::Day(date(2025, 12, 28));
        for text in [
            "on Dec. 28, 2025, they met",
            "on December 28th 2025",
            "on 28 December 2025",
            "le 28 of December, 2025",
            "28 декабря 2025 года",
            "28 грудня 2025 р.",
            "el 28 de diciembre de 2025",
            "28.12.2025",
            "2025-12-28",
            "2025-12-28T14:03:00Z",
            "2025/12/28",
            "2025.12.28",
            "관련기사 종료2025.12.28",
            "Sun Dec 28 05:30:00 UTC 2025:",
            "28/12/2025",
            "28-12-2025",
            "le dimanche 28 décembre 2025",
            "Sonntag, 28. Dezember 2025 | 14:30 Uhr",
            "am 28. Dezember 2025",
            "domenica 28 dicembre 2025",
            "il 28 dicembre del 2025",
            "الأحد 28 ديسمبر 2025",
            "في 28 ديسمبر/كانون الأول 2025",
            "28 كانون الأول 2025",
            "٢٨ ديسمبر ٢٠٢٥",
            "28 दिसंबर, 2025 को",
            "२८ दिसम्बर २०२५",
        ] {
            assert_eq!(whens(text), vec![d], "{text}");
        }
        // Levantine and Egyptian names, Hindi's two spellings, and the dot under फ.
        assert_eq!(whens("8 تشرين الأول/أكتوبر 2025"), vec![When::Day(date(2025, 10, 8))]);
        assert_eq!(whens("في 3 كانون الثاني"), vec![When::MonthDay { month: 1, day: 3, weekday: None }]);
        assert_eq!(whens("تشرين الأول"), vec![]);
        assert_eq!(whens("8 أكتوبر"), vec![When::MonthDay { month: 10, day: 8, weekday: None }]);
        assert_eq!(whens("في 8 آذار"), vec![When::MonthDay { month: 3, day: 8, weekday: None }]);
        assert_eq!(whens("8 अक्तूबर"), vec![When::MonthDay { month: 10, day: 8, weekday: None }]);
        assert_eq!(whens("3 \u{92b}\u{93c}रवरी"), vec![When::MonthDay { month: 2, day: 3, weekday: None }]);
        assert_eq!(whens("3 फरवरी"), vec![When::MonthDay { month: 2, day: 3, weekday: None }]);
        // A date in a Hindi text is written day first.
        assert_eq!(whens("09-10-2025 को मंगलवार"), vec![When::Day(date(2025, 10, 9)), When::Weekday(Weekday::Tuesday)]);
        assert_eq!(whens("12/28/2025"), vec![d]);
        // Year first with dots only with two digits in month or day: "2025.1.2" may be a version.
        assert_eq!(whens("pip 2025.1.2 is out"), vec![]);
        assert_eq!(whens("IntelliJ IDEA 2024.3.1 ships"), vec![]);
        assert_eq!(whens("의원들이 일어나 있다. 2024.12.7/뉴스1"), vec![When::Day(date(2024, 12, 7))]);
        assert_eq!(whens("사진 2025.3.14"), vec![When::Day(date(2025, 3, 14))]);
        // Day and month that could be either way round: not read in English,
        // read day first in a text whose calendar words are of a language
        // that writes the day first.
        assert!(whens("05/06/2025").is_empty());
        assert!(whens("09-10-2025").is_empty());
        assert_eq!(
            whens("Reuters 05/06/2025 à 07:42. La BCE devrait baisser ses taux jeudi."),
            vec![When::Day(date(2025, 6, 5)), When::Weekday(Weekday::Thursday)]
        );
    }

    #[test]
    fn timestamps_are_marked() {
        let m = mentions("Mon Dec 29 05:30:00 UTC 2025: Takeaways");
        assert_eq!(m.len(), 1);
        assert!(m[0].timed);
        assert!(mentions("23:24 29.12.2025")[0].timed);
        assert!(mentions("Oct 29, 2025 1:03 PM")[0].timed);
        assert!(!mentions("on Oct 29, 2025 the Fed cut")[0].timed);
        // A word between the date and its time, in the page's language.
        assert!(mentions("dépêche de l'agence, 14/03/2026 à 12:19")[0].timed);
        assert_eq!(mentions("information fournie par l'agence 03/03/2025 à 12:19")[0].when, When::Day(date(2025, 3, 3)));
        assert!(mentions("Stand: 24.01.2025 um 21:00 Uhr")[0].timed);
        assert!(mentions("publicado el 3 de marzo de 2025 a las 12:19")[0].timed);
        assert!(!mentions("on Oct 29, 2025 at the Fed")[0].timed);
        // A line that is only a date and a time, with a word or two around them.
        let stamp = "Published : September 5, 2025 at 7:49 AM IST";
        assert!(mentions(stamp)[0].is_stamp(stamp));
        let prose = "The ministry said on September 5, 2025 that the ban takes effect at 7:49 AM.";
        assert!(!mentions(prose)[0].is_stamp(prose));
    }

    #[test]
    fn a_file_photo_s_caption_is_no_day_of_the_news() {
        let around = Some(Anchor::Around(date(2025, 4, 1)));
        let text = "Talks on a truce collapsed, the envoy told the president.\nThe envoy, named on March 2, 2025. / Photo: AP Archive";
        assert_eq!(reported_day("Talks collapse", text, None, around), None);
        // The caption of the day's photo dates the news.
        let text = "Talks on a truce collapsed, the envoy told the president.\nThe envoy leaving the palace on April 9, 2025. Photo: AP";
        assert_eq!(reported_day("Talks collapse", text, None, around).map(|r| r.day), Some(date(2025, 4, 9)));
    }

    #[test]
    fn a_date_its_words_call_past_is_never_the_news() {
        let around = Some(Anchor::Around(date(2025, 4, 1)));
        // A court's ruling, and the decree it judged "el pasado 3 de diciembre": no day of the news.
        let text = "El tribunal ha destituido al presidente, tras concluir que violó la Constitución al declarar la ley marcial el pasado 3 de diciembre.";
        assert_eq!(reported_day("Destituido", text, None, around), None);
        let text = "La Corte ha confermato la rimozione del presidente per la legge marziale dello scorso 3 dicembre.";
        assert_eq!(reported_day("Rimosso", text, None, around), None);
        let text = "La Cour a confirmé la destitution du président pour la loi martiale du 3 décembre dernier.";
        assert_eq!(reported_day("Destitué", text, None, around), None);
        // Without the word, the date is the news; with a day of writing, that day is.
        let text = "El presidente declaró la ley marcial el 3 de diciembre por la noche.";
        assert_eq!(reported_day("Ley marcial", text, None, around).map(|r| r.day), Some(date(2024, 12, 3)));
        let text = "El tribunal ha destituido al presidente por la ley marcial del pasado 3 de diciembre.";
        assert_eq!(reported_day("Destituido", text, Some(date(2025, 4, 4)), None).map(|r| r.day), Some(date(2025, 4, 4)));
        // The day something still going on began is before the news.
        let around = Some(Anchor::Around(date(2025, 1, 10)));
        let text = "Следователи задержали президента. Он отстранён от должности с 14 декабря, когда парламент объявил ему импичмент.";
        assert_eq!(reported_day("Задержан", text, None, around), None);
        let text = "Investigators detained the president, who has been suspended since December 14, when parliament impeached him.";
        assert_eq!(reported_day("Detained", text, None, around), None);
        let text = "Die Ermittler nahmen den Präsidenten fest, der seit dem 14. Dezember suspendiert ist.";
        assert_eq!(reported_day("Festgenommen", text, None, around), None);
        // A span's first day is no start of a state.
        let text = "Переговоры шли с 14 декабря по 16 декабря в Майами.";
        assert!(reported_day("Переговоры", text, None, around).is_some());
    }

    #[test]
    fn without_a_day_of_writing_a_day_on_another_weekday_than_the_news_is_recalled() {
        let around = Some(Anchor::Around(date(2025, 10, 25)));
        // 19 October 2025 was a Sunday; the news is of a Saturday.
        let text = "Police arrested two suspects on Saturday evening.\n\nOn October 19, thieves used a ladder to reach the gallery.";
        assert_eq!(reported_day("Two arrested", text, None, around), None);
        let text = "Die Festnahmen seien am späten Mittwochabend erfolgt.\n\nAm 19. Oktober waren vier Einbrecher in das Museum gelangt.";
        assert_eq!(reported_day("Fünf weitere Festnahmen", text, None, around), None);
        // Any weekday named before it counts, not only the first: the pair
        // "arrested on Sunday" is recalled, the news is of a Wednesday.
        let text = "The pair, arrested on Sunday, will face charges. The prosecutor spoke on Wednesday.\n\nThe gang struck at 9.30am on 19 October.";
        assert_eq!(reported_day("Suspects admit their role", text, None, around), None);
        // Named before the weekday, or on it, the day stays the news.
        let text = "On October 19, thieves used a ladder to reach the gallery. Police said on Sunday they were searching for four men.";
        assert_eq!(reported_day("Jewels stolen", text, None, around).map(|r| r.day), Some(date(2025, 10, 19)));
        let text = "The museum stayed closed on Sunday. On October 19, thieves used a ladder to reach the gallery.";
        assert_eq!(reported_day("Jewels stolen", text, None, around).map(|r| r.day), Some(date(2025, 10, 19)));
        // With a day of writing the weekday resolves and is weighed as before.
        let text = "Police arrested two suspects on Saturday evening.\n\nOn October 19, thieves used a ladder to reach the gallery.";
        assert_eq!(reported_day("Two arrested", text, Some(date(2025, 10, 26)), None).map(|r| r.day), Some(date(2025, 10, 25)));
    }

    #[test]
    fn partial_dates_take_the_nearest_year() {
        let published = date(2026, 1, 3);
        assert_eq!(days("on Dec. 28", published), vec![date(2025, 12, 28)]);
        assert_eq!(days("28 декабря Дональд Трамп провёл переговоры", published), vec![date(2025, 12, 28)]);
        assert_eq!(days("Santiago de Chile, 14 dic.- El candidato", date(2025, 12, 15)), vec![date(2025, 12, 14)]);
        assert_eq!(days("МОСКВА, 3 дек – РИА Новости", date(2025, 12, 3)), vec![date(2025, 12, 3)]);
        assert_eq!(days("Este domingo 16 de noviembre", date(2025, 11, 17)), vec![date(2025, 11, 16)]);
        assert_eq!(days("este martes 9, en el debate", date(2025, 12, 10)), vec![date(2025, 12, 9)]);
        assert_eq!(days("è morto lunedì 21 aprile nella sua residenza", date(2025, 4, 22)), vec![date(2025, 4, 21)]);
        assert_eq!(days("ROMA, 9 mag. - Il pontefice ha celebrato", date(2025, 5, 9)), vec![date(2025, 5, 9)]);
        // Without an anchor only whole dates resolve; an approximate one gives the year.
        let m = &mentions("on Dec. 28")[0];
        assert_eq!(m.resolve(None), None);
        assert_eq!(m.resolve(Some(Anchor::Around(date(2025, 11, 1)))), Some(date(2025, 12, 28)));
        assert_eq!(mentions("on Sunday")[0].resolve(Some(Anchor::Around(date(2025, 11, 1)))), None);
    }

    #[test]
    fn portuguese_dates_and_the_day_in_brackets_after_a_weekday() {
        assert_eq!(whens("em 23 de junho de 2025"), vec![When::Day(date(2025, 6, 23))]);
        assert_eq!(whens("no dia 5 de março"), vec![When::MonthDay { month: 3, day: 5, weekday: None }]);
        // A weekday is a compound, read whole; "segunda" alone is "second".
        assert_eq!(whens("na quarta-feira, o ministro"), vec![When::Weekday(Weekday::Wednesday)]);
        assert_eq!(whens("a segunda rodada de negociações"), vec![]);
        assert_eq!(whens("Terça-Feira"), vec![When::Weekday(Weekday::Tuesday)]);
        // The day after the weekday, in brackets, in any language.
        let text = "O governo anunciou nesta segunda-feira (23) um acordo que encerra o conflito iniciado em 13 de junho.";
        assert_eq!(whens(text)[0], When::WeekdayDay { weekday: Weekday::Monday, day: 23 });
        assert!(mentions(text)[0].this);
        assert_eq!(whens("el lunes (23) por la noche"), vec![When::WeekdayDay { weekday: Weekday::Monday, day: 23 }]);
        assert_eq!(whens("on Monday (23 votes)"), vec![When::Weekday(Weekday::Monday)]);
        let around = Some(Anchor::Around(date(2025, 6, 28)));
        assert_eq!(reported_day("Acordo anunciado", text, None, around).map(|r| r.day), Some(date(2025, 6, 23)));
        // Looking ahead and back.
        assert_eq!(days("A reunião será na sexta-feira em Brasília.", date(2025, 6, 23)), vec![date(2025, 6, 27)]);
        assert_eq!(days("O acordo foi fechado no sábado passado.", date(2025, 6, 23)), vec![date(2025, 6, 21)]);
        assert_eq!(days("O presidente falou ontem.", date(2025, 6, 23)), vec![date(2025, 6, 22)]);
    }

    #[test]
    fn polish_dates() {
        assert_eq!(whens("24 lutego 2022 r. Rosja zaatakowała"), vec![When::Day(date(2022, 2, 24))]);
        assert_eq!(whens("w dniu 28 grudnia 2025 roku"), vec![When::Day(date(2025, 12, 28))]);
        assert_eq!(whens("spotkanie 15 sierpnia na Alasce"), vec![When::MonthDay { month: 8, day: 15, weekday: None }]);
        assert_eq!(days("Prezydenci spotkali się w niedzielę w Miami.", date(2025, 12, 29)), vec![date(2025, 12, 28)]);
        assert_eq!(days("Rozmowy odbędą się w czwartek.", date(2025, 12, 29)), vec![date(2026, 1, 1)]);
        assert_eq!(days("Wczoraj minister powiedział", date(2025, 12, 29)), vec![date(2025, 12, 28)]);
        // A month's name alone, or a first name, is no date.
        assert_eq!(whens("Maja Nowak, w maju"), vec![]);
    }

    #[test]
    fn dutch_dates() {
        assert_eq!(whens("De stemming vond plaats op 6 mei 2025 in Berlijn"), vec![When::Day(date(2025, 5, 6))]);
        assert_eq!(whens("sinds eind maart, en op 16 december"), vec![When::MonthDay { month: 12, day: 16, weekday: None }]);
        // A weekday written with the part of the day, as German does.
        assert_eq!(days("De kanselier werd dinsdagmiddag alsnog gekozen.", date(2025, 5, 7)), vec![date(2025, 5, 6)]);
        assert_eq!(days("De Bondsdag stemt volgende vrijdag over het wetsvoorstel.", date(2025, 1, 29)), vec![date(2025, 1, 31)]);
        assert_eq!(days("Het kabinet viel afgelopen woensdag.", date(2025, 11, 10)), vec![date(2025, 11, 5)]);
        assert_eq!(days("Gisteren verloor de kanselier de vertrouwensstemming.", date(2024, 12, 17)), vec![date(2024, 12, 16)]);
        // Not a date: "morgen" alone is tomorrow or morning, and is left out.
        assert_eq!(whens("Morgen meer nieuws"), vec![]);
    }

    #[test]
    fn czech_dates() {
        assert_eq!(whens("Kancléřem byl zvolen 6. května 2025 ve druhém kole"), vec![When::Day(date(2025, 5, 6))]);
        assert_eq!(whens("hlasování 16. prosince v Bundestagu"), vec![When::MonthDay { month: 12, day: 16, weekday: None }]);
        assert_eq!(days("Poslanci ve středu schválili návrh.", date(2025, 1, 30)), vec![date(2025, 1, 29)]);
        assert_eq!(days("Hlasování se uskuteční v pátek.", date(2025, 1, 29)), vec![date(2025, 1, 31)]);
        assert_eq!(days("Včera kancléř prohrál hlasování o důvěře.", date(2024, 12, 17)), vec![date(2024, 12, 16)]);
        assert_eq!(days("Koalice se rozpadla minulou středu.", date(2024, 11, 10)), vec![date(2024, 11, 6)]);
    }

    #[test]
    fn turkish_dates() {
        assert_eq!(whens("Görüşme 16 Mayıs 2025 tarihinde İstanbul'da yapıldı"), vec![When::Day(date(2025, 5, 16))]);
        assert_eq!(whens("heyetler 2 Haziran'da bir araya geldi"), vec![When::MonthDay { month: 6, day: 2, weekday: None }]);
        assert_eq!(days("Heyetler cuma günü İstanbul'da görüştü.", date(2025, 5, 18)), vec![date(2025, 5, 16)]);
        assert_eq!(days("Görüşmelerin gelecek salı yapılması bekleniyor.", date(2025, 5, 18)), vec![date(2025, 5, 20)]);
        assert_eq!(days("Bakan dün açıklama yaptı.", date(2025, 5, 18)), vec![date(2025, 5, 17)]);
        // "Pazar" is also a market.
        assert_eq!(whens("serbest pazar ekonomisi"), vec![]);
    }

    #[test]
    fn dates_in_chinese_japanese_and_korean() {
        assert_eq!(whens("高市氏は2025年10月21日に選出された"), vec![When::Day(date(2025, 10, 21))]);
        assert_eq!(whens("２０２５年１０月２１日"), vec![When::Day(date(2025, 10, 21))]);
        assert_eq!(whens("2025년 10월 21일에 선출됐다"), vec![When::Day(date(2025, 10, 21))]);
        assert_eq!(whens("外交部10月21日表示"), vec![When::MonthDay { month: 10, day: 21, weekday: None }]);
        assert_eq!(whens("首相は9月7日（日）、官邸で"), vec![When::MonthDay { month: 9, day: 7, weekday: Some(Weekday::Sunday) }]);
        // A day of the month alone is the nearest one to the day of writing;
        // "7日間" is seven days.
        assert_eq!(whens("首相（６８）は７日、記者会見し"), vec![When::DayOfMonth(7)]);
        assert_eq!(whens("会期は7日間"), vec![]);
        assert_eq!(days("首相は７日、記者会見し", date(2025, 9, 8)), vec![date(2025, 9, 7)]);
        assert_eq!(days("首相は30日、記者会見し", date(2025, 10, 2)), vec![date(2025, 9, 30)]);
        assert_eq!(mentions("首相は７日、記者会見し")[0].resolve(Some(Anchor::Around(date(2025, 9, 8)))), None);
        // Weekdays.
        assert_eq!(whens("月曜日に会談"), vec![When::Weekday(Weekday::Monday)]);
        assert_eq!(whens("会谈于星期二举行，周五结束"), vec![When::Weekday(Weekday::Tuesday), When::Weekday(Weekday::Friday)]);
        assert_eq!(whens("화요일 회담"), vec![When::Weekday(Weekday::Tuesday)]);
        // Months and years alone, and the words around them, are no day.
        assert_eq!(whens("10月の会談、今月、月曜、日本"), vec![When::Weekday(Weekday::Monday)]);
        assert_eq!(whens("2025年の選挙"), vec![]);
        assert_eq!(whens("昨年１０月１日に就任"), vec![]);
        assert_eq!(whens("去年10月1日"), vec![]);
        // The day a Japanese report gives in its lead is its news.
        let body = "石破茂首相は７日、首相官邸で記者会見し、退陣する意向を表明した。昨年１０月１日に首相に就任して３４２日だった。";
        assert_eq!(reported_day("首相が退陣表明", body, Some(date(2025, 9, 8)), None).map(|r| r.day), Some(date(2025, 9, 7)));
    }

    #[test]
    fn a_weekday_written_with_a_partial_date_picks_its_year() {
        // 12 September was a Thursday in 2024, a Friday in 2025: from a rough
        // anchor in June 2025 the nearest year is 2025, the weekday says 2024.
        let around = Some(Anchor::Around(date(2025, 6, 1)));
        let day = |text: &str| mentions(text)[0].resolve(around);
        assert_eq!(day("am 12. September"), Some(date(2025, 9, 12)));
        assert_eq!(day("am Donnerstag, 12. September"), Some(date(2024, 9, 12)));
        assert_eq!(day("on Thursday, Sept. 12"), Some(date(2024, 9, 12)));
        assert_eq!(day("el jueves 12 de septiembre"), Some(date(2024, 9, 12)));
        // A weekday no nearby year fits is a slip: the nearest year stands.
        assert_eq!(day("on Friday, Feb. 30"), None);
        assert_eq!(day("on Monday, Sept. 12"), Some(date(2025, 9, 12)));
    }

    #[test]
    fn a_sentence_naming_two_days_reports_the_later() {
        // Paraphrased from a report of a hearing three days after a theft.
        let title = "Three days after the museum robbery, its director faces senators";
        let body = "Questioned for two hours on Wednesday 22 October, the director admitted gaps in the cameras, \
                    while insisting the thieves who took eight jewels on Sunday 19 October had outwitted the guards.";
        let around = Some(Anchor::Around(date(2025, 11, 1)));
        let r = reported_day(title, body, None, around).unwrap();
        assert_eq!(r.day, date(2025, 10, 22), "{r:?}");
        // Named in the other order, the same.
        let body = "The thieves of Sunday 19 October outwitted the guards, the director told senators on Wednesday 22 October.";
        assert_eq!(reported_day(title, body, None, around).unwrap().day, date(2025, 10, 22));
        // A day something is set for is ahead, whatever the verb.
        for text in ["Le second tour, déterminé pour le 18 mai, opposera", "Выборы назначены на 18 мая.", "The runoff is set for May 18."]
        {
            let found = mentions(text);
            assert!(!found.is_empty() && found.iter().all(|m| m.direction == Direction::Ahead), "{text}");
        }
        // "for" after the day says what the day was for, not that it is ahead.
        for text in ["Le second tour a eu lieu le 18 mai.", "The envoys met on May 18 for a third round of talks."] {
            let found = mentions(text);
            assert!(!found.is_empty() && found.iter().all(|m| m.direction == Direction::Back), "{text}");
        }
        // A day in brackets after another is the same moment elsewhere.
        let body = "The rocket lifted off on August 26, 2025, at 6:30 PM local time (August 27, 2025, at 5:00 AM in Delhi) from Texas.";
        assert_eq!(reported_day("Tenth flight", body, None, None).unwrap().day, date(2025, 8, 26));
    }

    #[test]
    fn weekdays_resolve_by_tense() {
        let sat = date(2025, 12, 6);
        assert_eq!(days("a meeting with Putin in Moscow on Tuesday.", sat), vec![date(2025, 12, 2)]);
        assert_eq!(days("They are set to brief him in London on Monday.", sat), vec![date(2025, 12, 8)]);
        assert_eq!(days("held a call on Saturday", sat), vec![sat]);
        let fox = date(2025, 12, 27);
        assert_eq!(days("If Putin were to join the phone call on Sunday, it would be", fox), vec![date(2025, 12, 28)]);
        let later = date(2026, 1, 3);
        assert_eq!(days("If Putin had joined in a call Sunday, this would have been", later), vec![date(2025, 12, 28)]);
        assert_eq!(days("last Saturday and yesterday", sat), vec![date(2025, 12, 6), date(2025, 12, 5)]);
        let tue = date(2025, 12, 30);
        assert_eq!(days("In a phone call on Monday, Putin told Trump that Moscow would review its position", tue), vec![date(2025, 12, 29)]);
        assert_eq!(days("Встреча прошла в воскресенье, а в среду состоится новая", date(2025, 12, 30)), vec![date(2025, 12, 28), date(2025, 12, 31)]);
        assert_eq!(days("el domingo pasado", date(2025, 12, 17)), vec![date(2025, 12, 14)]);
        assert_eq!(days("вчера", sat), vec![date(2025, 12, 5)]);
        assert_eq!(days("ieri e sabato scorso", date(2025, 12, 9)), vec![date(2025, 12, 8), date(2025, 12, 6)]);
        assert_eq!(days("la cerimonia si terrà domenica", sat), vec![date(2025, 12, 7)]);
        assert_eq!(days("التقى الرئيسان يوم الأحد الماضي", date(2025, 12, 30)), vec![date(2025, 12, 28)]);
        assert_eq!(days("تعقد القمة يوم الأحد المقبل", sat), vec![date(2025, 12, 7)]);
        assert_eq!(days("وقال أمس إن", sat), vec![date(2025, 12, 5)]);
        assert_eq!(days("पिछले रविवार को बैठक हुई", date(2025, 12, 30)), vec![date(2025, 12, 28)]);
        assert_eq!(days("अगले रविवार को बैठक होगी", sat), vec![date(2025, 12, 7)]);
    }

    #[test]
    fn a_weekday_before_a_date_is_part_of_it() {
        assert_eq!(whens("at Mar-a-Lago on Sunday, Dec. 28, 2025, marking"), vec![When::Day(date(2025, 12, 28))]);
        assert_eq!(whens("on Wednesday (September 17)"), vec![When::MonthDay { month: 9, day: 17, weekday: Some(Weekday::Wednesday) }]);
        assert_eq!(whens("el martes 9 de diciembre"), vec![When::MonthDay { month: 12, day: 9, weekday: Some(Weekday::Tuesday) }]);
        assert_eq!(whens("sabato 26 aprile alle 10"), vec![When::MonthDay { month: 4, day: 26, weekday: Some(Weekday::Saturday) }]);
    }

    #[test]
    fn figures_and_words_are_not_dates() {
        for text in
            ["a 20-point plan", "Mar-a-Lago", "3,000 troops in 2025", "May 2025", "they may 5 times", "version 1.2.2025.4", "28.5 percent", "December 2025"]
        {
            let found = whens(text);
            assert!(found.iter().all(|w| !matches!(w, When::Day(_))) && found.len() <= 1, "{text}: {found:?}");
        }
        assert!(whens("Mar-a-Lago").is_empty());
        assert!(whens("a 20-point plan").is_empty());
        assert!(whens("May 2025").is_empty());
    }

    #[test]
    fn addresses_carry_dates() {
        let day = |s: &str| in_address(s);
        let d = Some(InAddress::Day(date(2025, 12, 28)));
        assert_eq!(day("https://example.com/2025/12/28/talks"), d);
        assert_eq!(day("https://example.com/news/20251228/talks-123456789.html"), d);
        assert_eq!(day("https://example.com/x-2025-12-28-9-24-36-talks"), d);
        assert_eq!(day("https://www.rbc.ru/politics/28/12/2025/69516d9c"), d);
        assert_eq!(day("https://example.com/article/x/12-28-2025-4/talks"), d, "month first when only that is a date");
        assert_eq!(day("https://example.com/article/x/05-06-2025/talks"), Some(InAddress::Day(date(2025, 6, 5))), "else day first");
        assert_eq!(day("https://example.com/flight-9-launched-on-may-27-2025"), None, "a flight's number is no month");
        assert_eq!(day("https://example.com/story-20251228"), d);
        assert_eq!(day("https://example.com/2025/12/news/talks"), Some(InAddress::Month(2025, 12)));
        assert_eq!(day("https://example.com/2025/09/curfew-after-19-killed/"), Some(InAddress::Month(2025, 9)), "a number in the title is no day");
        assert_eq!(day("https://example.com/news/2025/09-11-rates-on-hold-0-20-26428641"), Some(InAddress::Day(date(2025, 9, 11))));
        assert_eq!(day("https://example.de/nachrichten-2025-05/65332298-papstwahl.htm"), Some(InAddress::Month(2025, 5)));
        assert_eq!(day("https://example.com/top-2025-05-picks-and-more"), None, "a year and a number inside a title");
        assert_eq!(day("https://example.com/news/1170434247"), None);
        assert_eq!(day("https://2025.example.com/"), None);
        // Stamped with the time: the day it starts with.
        assert_eq!(day("https://tv.example.fr/video-talks_VN-202512282147.html"), d);
        assert_eq!(day("https://example.az/news/20251228022358614-talks"), d);
        assert_eq!(day("https://example.com/news/20251228224536"), d);
        assert_eq!(day("https://example.com/news/202512289999"), None, "no time of day");
        // A Unix time in milliseconds (2025-12-28 10:40 UTC); ten digits are ids.
        assert_eq!(day("https://example.com/articles/talks-1766918400000"), d);
        assert_eq!(day("https://example.com/1110224899/talks"), None);
        assert_eq!(day("https://example.jp/news/yjj2025101000748/"), None, "a day and a serial");
        assert_eq!(day("https://example.com/x_2025022367bb5627b1a8.html"), None, "ten digits, then hex");
    }

    #[test]
    fn the_reported_day_is_the_lead_s_not_a_timestamp_or_a_recollection() {
        let published = date(2025, 12, 29);
        let r = reported_day("Takeaways", "Mon Dec 29 05:30:00 UTC 2025: Trump met Zelensky on Sunday in Florida.", Some(published), None).unwrap();
        assert_eq!(r.day, date(2025, 12, 28));
        assert_eq!(r.words.as_deref(), Some("Sunday"));
        // A recollection, once, deep in the article (as in a report of the next day's call).
        let filler = "The Kremlin readout said the two leaders agreed to keep talking about the peace plan in the coming weeks. ";
        let body = format!(
            "Putin told Trump in a call that Kyiv attacked his residence.\n\n{}\n\nThe call followed the talks at Mar-a-Lago on Sunday.",
            filler.repeat(11)
        );
        let body = body.as_str();
        assert_eq!(reported_day("Call", body, Some(published), None).unwrap().day, published);
        let body = "The Fed cut rates on Wednesday, Dec. 10.\n\nAt its meeting on Oct. 29, 2025, it had cut them too. The next one is on Jan. 28.";
        assert_eq!(reported_day("Cut", body, Some(date(2025, 12, 11)), None).unwrap().day, date(2025, 12, 10));
        assert_eq!(reported_day("Cut", "They met on 28 December.", None, None), None);
        let around = Some(Anchor::Around(date(2025, 12, 20)));
        assert_eq!(reported_day("Cut", "They met on 28 December.", None, around).unwrap().day, date(2025, 12, 28));
        // The lead names the robbery of ten days before; the press conference is the news.
        let body = "At a press conference on the robbery of 19 October at the museum, the prosecutor said the two suspects had partly admitted their role.";
        assert_eq!(reported_day("Charges", body, Some(date(2025, 10, 29)), None).unwrap().day, date(2025, 10, 29));
        // A war's first day, recalled a week on in the lead of a report of its latest strike.
        let filler = "Officials on both sides gave figures for the dead and wounded that could not be checked. ";
        let lead = "The fighting began in the small hours of Friday, June 13, when Israel struck Iran by surprise.";
        let body = format!("{lead}\n\n{}\n\nEarly on Thursday, missiles hit a hospital in the south.", filler.repeat(5));
        let r = reported_day(lead, &body, Some(date(2025, 6, 20)), None).unwrap();
        assert_eq!((r.day, r.words.as_deref()), (date(2025, 6, 19), Some("Thursday")));
        // Quoted whole, weekday and all, when it decides.
        let r = reported_day("Strike", "Israel struck Iran on Friday, June 13.", Some(date(2025, 6, 13)), None).unwrap();
        assert_eq!(r.words.as_deref(), Some("Friday, June 13"));
        // A lead naming a day five days back still reports it.
        let body = "The two suspects were arrested on 24 October, the prosecutor said.";
        assert_eq!(reported_day("Arrests", body, Some(date(2025, 10, 29)), None).unwrap().day, date(2025, 10, 24));
    }

    #[test]
    fn a_day_in_the_german_or_dutch_past_perfect_came_before_the_news() {
        // Paraphrased: a report of Wednesday's motion recalls Tuesday's decree.
        let published = Some(date(2026, 3, 4)); // a Wednesday
        let body = "Die Opposition hat einen Antrag auf Absetzung des Präsidenten gestellt. Er hatte am Dienstag überraschend den Notstand ausgerufen.";
        assert_eq!(reported_day("Antrag gestellt", body, published, None).map(|r| r.day), Some(date(2026, 3, 4)));
        // With an aside in brackets, and in the title too.
        let title = "Die Ministerin war am Samstag auf dem Parteitag (CDU) zur Vorsitzenden gewählt worden.";
        assert_eq!(reported_day(title, "Die Märkte reagierten.", Some(date(2026, 3, 9)), None).map(|r| r.day), Some(date(2026, 3, 9)));
        let body = "De minister had op dinsdag de noodtoestand afgekondigd.";
        let found = mentions(body);
        assert!(!found.is_empty() && found.iter().all(|m| in_past_perfect(body, m)));
        // A plain past is the news: no participle closes the clause.
        let body = "Die Ministerin war am Samstag in Berlin und sprach mit Journalisten.";
        assert_eq!(reported_day("Besuch", body, Some(date(2026, 3, 9)), None).map(|r| r.day), Some(date(2026, 3, 7)));
        // English reported speech keeps its news: "announced that he had resigned on Monday".
        let body = "The office announced that the minister had tendered his resignation on Monday.";
        assert_eq!(reported_day("Resignation", body, Some(date(2026, 3, 10)), None).map(|r| r.day), Some(date(2026, 3, 9)));
    }

    #[test]
    fn a_day_of_history_is_not_the_day_reported() {
        // Paraphrased from a profile and a preview of a ceremony.
        let body = "She was born on October 7, 1967, in Caracas. The prize will be handed over in Oslo on December 10, 2025.";
        let r = reported_day("Profile", body, None, None).unwrap();
        assert_eq!(r.day, date(2025, 12, 10), "{r:?}");
        assert!(r.ahead);
        // A birthday, whatever else the text names or does not.
        assert_eq!(reported_day("Nobelpristagaren 2025", "Författaren föddes den 5 januari 1954 och skriver om undergången.", None, None), None);
        assert_eq!(reported_day("Laureate", "The novelist, born on January 5, 1954, in Gyula, writes of ruin.", None, None), None);
        assert_eq!(reported_day("Profil", "Urodził się 5 stycznia 1954 roku w Gyuli.", None, None), None);
        let body = "Церемония пройдёт в день памяти Нобеля, умершего 10 декабря 1896 года.";
        assert_eq!(reported_day("Церемония", body, None, None), None);
        // Within a decade it is a recollection the text may still be about.
        let body = "The fund, set up on May 3, 2019, will meet again on January 5, 2026.";
        assert_eq!(reported_day("Fund", body, None, None).unwrap().day, date(2019, 5, 3));
    }

    #[test]
    fn an_appointment_does_not_date_an_undated_article() {
        // Paraphrased from a preview of a runoff: "next Sunday, 14 December" is ahead.
        let body = "The two finalists of Sunday's vote congratulated each other. \"In the second round, next Sunday, December 14, the country will choose again,\" the president said.";
        let around = Some(Anchor::Around(date(2025, 11, 20)));
        let r = reported_day("Runoff ahead", body, None, around).unwrap();
        assert!(r.ahead, "{r:?}");
        // A preview in Spanish, plural verb: the funeral is still ahead.
        let body = "Las exequias del pontífice se celebrarán el sábado 26 de abril en la plaza. Cada día confirman su asistencia más líderes.";
        let r = reported_day("Quién asistirá", body, None, Some(Anchor::Around(date(2025, 4, 23)))).unwrap();
        assert!(r.ahead, "{r:?}");
        // An aside between the verb and the day keeps the sentence's tense.
        let body =
            "The central bank cut its rate on Wednesday. It said it will stop shrinking its holdings (the runoff of bonds, as traders call it) on December 1.";
        let m = mentions(body).into_iter().find(|m| matches!(m.when, When::MonthDay { .. })).unwrap();
        assert_eq!(m.direction, Direction::Ahead);
        assert_eq!(without_asides("the plan (a draft, not final) and (more"), "the plan  and (more");
        // German tells a scheduled start in the present tense ("ab": from ... on).
        let m = mentions("Die Kardinäle treffen sich ab 7. Mai in der Sixtinischen Kapelle.").into_iter().next().unwrap();
        assert_eq!(m.direction, Direction::Ahead);
        // German closes a subordinate or infinitive clause with its verb.
        for body in [
            "Die Opposition kündigte an, der Regierung bei der Abstimmung am 8. September das Vertrauen entziehen zu wollen.",
            "Das Amt teilte mit, dass die Abstimmung am 8. September stattfinden wird.",
        ] {
            let m = mentions(body).into_iter().next().unwrap();
            assert_eq!(m.direction, Direction::Ahead, "{body}");
        }
        for body in ["Die Regierung verlor am 8. September die Abstimmung und wird nun zurücktreten.", "Die Delegation reiste am 8. September ab."] {
            let m = mentions(body).into_iter().next().unwrap();
            assert_eq!(m.direction, Direction::Back, "{body}");
        }
        // The future contracted, with either apostrophe.
        for body in ["They’ll meet again on December 1 in Geneva.", "The two sides won't sign before December 1, officials said."] {
            let m = mentions(body).into_iter().next().unwrap();
            assert_eq!(m.direction, Direction::Ahead, "{body}");
        }
        // The day a decision takes effect is ahead of the news of it.
        let body = "The decision, announced on June 5, brings the deposit rate to 2 per cent, effective June 11, 2025.";
        let directions: Vec<Direction> = mentions(body).into_iter().map(|m| m.direction).collect();
        assert_eq!(directions[1], Direction::Ahead, "{directions:?}");
        assert_ne!(directions[0], Direction::Ahead, "{directions:?}");
        // "next" before a weekday makes its date, written in figures, an
        // appointment, and only that date: the day named next was reported.
        let body = "Voters return next Sunday, 14.12.2025, for the runoff. The first round was held on November 30, the commission said.";
        let directions: Vec<Direction> = mentions(body).into_iter().map(|m| m.direction).collect();
        assert_eq!(directions, [Direction::Ahead, Direction::Back]);
        // The tense is the clause's before the weekday that opens the date,
        // and Slavic perfectives of "continue" are futures.
        for body in
            ["The talks will resume on Saturday, January 24.", "Переговори продовжаться в суботу, 24 січня.", "Переговоры продолжатся в субботу, 24 января."]
        {
            let m = mentions(body).into_iter().next().unwrap();
            assert_eq!(m.direction, Direction::Ahead, "{body}");
        }
        let m = mentions("The talks began on Friday, January 23, in Abu Dhabi.").into_iter().next().unwrap();
        assert_eq!(m.direction, Direction::Back);
        // "Tomorrow" looks ahead whatever the verb; "yesterday" back.
        let directions: Vec<Direction> =
            mentions("Завтра приєднаються начальник штабу і представник розвідки. Вчора вони були в Києві.").into_iter().map(|m| m.direction).collect();
        assert_eq!(directions, [Direction::Ahead, Direction::Back]);
    }
}
