//! Reading one input file into text: size limit, binary sniffing, encoding.
//!
//! UTF-8 is taken as it is. Anything else is decoded only when the encoding
//! is known for sure (a byte-order mark, an HTML `charset` declaration) or
//! guessed by chardetng *and* the result reads as text; otherwise the file
//! is refused with a message, because importing mojibake would lose the
//! article's words more quietly than refusing it.

use std::io::Read;
use std::path::Path;
use std::sync::LazyLock;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;
use regex::bytes::Regex;

use crate::limits::MAX_IMPORT_BYTES;

/// Why a file could not be read as text: the message and a hint.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub(crate) message: String,
    pub(crate) hint: String,
}

fn refuse(message: impl Into<String>, hint: impl Into<String>) -> Refusal {
    Refusal { message: message.into(), hint: hint.into() }
}

/// Read the bytes, refusing what is not a regular file or is too large.
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, Refusal> {
    let meta = std::fs::metadata(path).map_err(|e| refuse(format!("cannot read: {e}"), "check the path and permissions"))?;
    if !meta.is_file() {
        return Err(refuse("not a regular file", "import files or folders of files"));
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(refuse(
            format!("file is {} bytes ({:.1} MiB); the limit is {} MiB", meta.len(), meta.len() as f64 / (1024.0 * 1024.0), MAX_IMPORT_BYTES / (1024 * 1024)),
            "a news article is a few tens of kilobytes: check that this really is one, or save just the article",
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The limit is enforced while reading too: the file may grow after the check.
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_IMPORT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| refuse(format!("cannot read: {e}"), "check the path and permissions"))?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(refuse("file grew past the size limit while being read", "import it again once it is complete"));
    }
    Ok(bytes)
}

/// Formats that are certainly not text, by their first bytes.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .epub is one)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "a program"),
    (b"{\\rtf", "an RTF document"),
];

/// The text of `bytes`, and a note saying which encoding it was read as
/// when it was not UTF-8; or why the bytes are not readable text.
pub(crate) fn decode(bytes: &[u8], html: bool) -> Result<(String, Option<String>), Refusal> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(refuse(if bytes.is_empty() { "empty file" } else { "file contains only white space" }, "nothing to import"));
    }
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Err(refuse(format!("binary data, not text: this is {what}"), "save the article as text, HTML or Markdown and import that"));
    }
    // Declared and UTF-8 text may carry C1 controls and private-use
    // characters (mis-encoded quotes leave U+009D behind; cleaning repairs
    // them); C0 controls other than white space mean binary data.
    let finish = |text: String, note: Option<String>| -> Result<(String, Option<String>), Refusal> {
        if let Some(offset) = text.find(|c: char| c < ' ' && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) {
            let line = text[..offset].matches('\n').count() + 1;
            return Err(refuse(
                format!("binary data, not text: control character U+{:04X} at line {line}", text[offset..].chars().next().map_or(0, |c| c as u32)),
                "save the article as text, HTML or Markdown and import that",
            ));
        }
        Ok((text, note))
    };

    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        // A UTF-16 mark before UTF-8 text (an editor's mistake) would read as
        // CJK-looking nonsense. UTF-16 text has NUL bytes (in every newline, if
        // nowhere else); UTF-8 never does.
        let rest = &bytes[bom..];
        if encoding != encoding_rs::UTF_8 && !rest.contains(&0) {
            if let Ok(text) = std::str::from_utf8(rest) {
                return finish(text.to_string(), Some(format!("read as UTF-8 (it starts with a {} byte-order mark, but the text is UTF-8)", encoding.name())));
            }
        }
        return match encoding.decode_without_bom_handling_and_without_replacement(&bytes[bom..]) {
            Some(text) => {
                let note = (encoding != encoding_rs::UTF_8).then(|| format!("read as {} (byte-order mark)", encoding.name()));
                finish(text.into_owned(), note)
            }
            None => Err(refuse(format!("not valid {} although it starts with its byte-order mark", encoding.name()), "re-save the file as UTF-8")),
        };
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(refuse("binary data, not text: it contains NUL bytes", "save the article as text, HTML or Markdown and import that"));
    }
    let bad = match std::str::from_utf8(bytes) {
        Ok(text) => return finish(text.to_string(), None),
        Err(e) => e.valid_up_to(),
    };
    let (line, col) = line_col(bytes, bad);

    // Valid multi-byte UTF-8 next to invalid bytes: a file that was UTF-8 and
    // got damaged, or two encodings pasted together. No single encoding reads it.
    let lossy = String::from_utf8_lossy(bytes);
    if lossy.chars().any(|c| !c.is_ascii() && c != char::REPLACEMENT_CHARACTER) {
        return Err(refuse(
            format!("mixes UTF-8 with bytes that are not UTF-8 (first bad byte 0x{:02x} at line {line}, column {col})", bytes[bad]),
            "the file is partly damaged or mixes encodings: copy the article again from its source",
        ));
    }
    if html {
        if let Some(encoding) = declared_charset(bytes) {
            if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
                let note = format!("read as {} (declared in the page)", encoding.name());
                return finish(text.into_owned(), Some(note));
            }
        }
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    let unknown = || {
        refuse(
            format!("not UTF-8 (byte 0x{:02x} at line {line}, column {col}) and the encoding could not be determined", bytes[bad]),
            "convert the file to UTF-8 first, e.g. `iconv -f WINDOWS-1252 -t UTF-8 file > file.utf8.txt` with the right source encoding",
        )
    };
    let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else { return Err(unknown()) };
    if !reads_as_text(&text) {
        return Err(unknown());
    }
    let note = format!("read as {} (guessed; the file is not UTF-8)", encoding.name());
    finish(text.into_owned(), Some(note))
}

/// Characters that do not occur in text: C0 and C1 controls other than
/// line breaks and tabs, private-use characters, and replacement characters.
fn is_garbage(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || ('\u{e000}'..='\u{f8ff}').contains(&c) || c == char::REPLACEMENT_CHARACTER
}

/// A guessed decoding is believed only if it reads as text: no control or
/// private-use characters, and the non-ASCII letters form words of their own
/// script instead of sitting inside ASCII words (`brÐ¾wn` is a wrong guess).
fn reads_as_text(text: &str) -> bool {
    if text.chars().any(is_garbage) {
        return false;
    }
    let (mut foreign_words, mut mixed) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let has_ascii = word.chars().any(|c| c.is_ascii_alphabetic());
        let has_foreign = word.chars().any(|c| c.is_alphabetic() && !c.is_ascii() && !is_latin(c));
        if has_foreign {
            foreign_words += 1;
            if has_ascii {
                mixed += 1;
            }
        }
    }
    mixed * 5 <= foreign_words
}

/// Latin letters with diacritics (café, Žižek) belong in ASCII words.
fn is_latin(c: char) -> bool {
    matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}') && c != '\u{d7}' && c != '\u{f7}'
}

static CHARSET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(?i)<meta[^>]{0,200}?charset\s*=\s*["']?([a-z0-9_.:-]{1,40})"#).expect("valid regex"));

/// The encoding an HTML page declares in its first kilobytes.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let label = CHARSET.captures(head)?.get(1)?.as_bytes();
    Encoding::for_label(label)
}

fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    (line, String::from_utf8_lossy(&before[start..]).chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(bytes: &[u8]) -> String {
        match decode(bytes, false) {
            Ok((text, _)) => panic!("decoded as {text:?}"),
            Err(r) => r.message,
        }
    }

    #[test]
    fn legacy_encodings_are_decoded_when_they_read_as_text() {
        let (text, note) = decode(b"Caf\xe9 cr\xe8me in M\xfcnchen, \x93quoted\x94", false).unwrap();
        assert_eq!(text, "Café crème in München, “quoted”");
        assert!(note.unwrap().contains("windows-1252"));
        let utf16: Vec<u8> = [0xff, 0xfe].into_iter().chain("Президент провёл переговоры".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let (text, _) = decode(&utf16, false).unwrap();
        assert_eq!(text, "Президент провёл переговоры");
    }

    #[test]
    fn bad_bytes_are_refused_with_a_reason() {
        assert_eq!(message(b""), "empty file");
        assert!(message(b"\x89PNG\r\n\x1a\n....").contains("PNG image"));
        assert!(message(b"abc\0def").contains("NUL"));
        assert!(message(&["Zelensky said “yes” ".as_bytes(), b"\xff"].concat()).contains("mixes UTF-8"));
        assert!(message(b"The qu\x81\x8dck br\x8f\x90wn f\x9dx jumps").contains("could not be determined"));
    }
}
