//! Writes a reading table (the text format of [`super::ReadingTable`]) from the `pinyin` crate,
//! whose data is mozillazg's pinyin-data (every reading of every character, heteronyms included).
//!
//! This file uses only `std` and the `pinyin` crate, so that `build.rs` can include it (with
//! `#[path]`) to write the table of the embedded list at build time. The field app's wasm never
//! contains it: the crate is a build-dependency there, and the library compiles this module only
//! with the `pinyin-source` feature (for an entry page that computes a table for a list a user
//! adds) or in native unit tests.

use ::pinyin::ToPinyinMulti;

/// Version tag on the first line of a table's text.
pub const FORMAT: &str = "r1";

/// The toneless readings of `c`, most common first, each once, as a person types them: lower-case
/// ASCII, `ü` written `v` and also as `u` (`绿` → `lv`, `lu`). Empty for a character the source
/// has no reading for (punctuation, digits, Latin letters).
pub fn readings(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Some(multi) = c.to_pinyin_multi() else {
        return out;
    };
    for p in multi {
        let plain = p.plain();
        let spellings = if plain.contains('ü') {
            vec![plain.replace('ü', "v"), plain.replace('ü', "u")]
        } else {
            vec![plain.to_string()]
        };
        for s in spellings {
            // A few readings are not plain letters (interjections such as `ê̄`, `m̀`): no one
            // types those, and the table holds only what the matcher can compare.
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase()) && !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// The readings of the characters of `word` that spell `slug` (a pinyin id such as `chonggu`,
/// `nongye-yuanqu`; characters other than ASCII letters ignored), one per character from the
/// first, as many characters as the slug spells; `None` if the slug does not spell the start of
/// the word. `decide("重固镇", "chonggu")` is `["chong", "gu"]`: the list's own id decides which
/// reading of 重 it means.
pub fn decide(word: &str, slug: &str) -> Option<Vec<String>> {
    let slug: String = slug
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    if !slug.is_empty() && spell(&chars, &slug, &mut out) {
        Some(out)
    } else {
        None
    }
}

/// Depth-first: readings of `chars` from the first that spell exactly `slug`, into `out`.
fn spell(chars: &[char], slug: &str, out: &mut Vec<String>) -> bool {
    if slug.is_empty() {
        return true;
    }
    let Some((&first, rest)) = chars.split_first() else {
        return false;
    };
    for r in readings(first) {
        if let Some(tail) = slug.strip_prefix(r.as_str()) {
            out.push(r);
            if spell(rest, tail, out) {
                return true;
            }
            out.pop();
        }
    }
    false
}

/// The text of a reading table: the readings of every distinct character of `chars` that has
/// one, and the decided readings of each `(word, slug)` in `words` (see [`decide`]) where they
/// settle a character with more than one reading.
///
/// Format, line by line: the version tag [`FORMAT`]; the characters in ascending order, each
/// followed by its readings separated by `,` (`农nong重zhong,chong,tong`); then one line per
/// decided word, the word, a space and its readings separated by spaces (`重固 chong gu`).
pub fn table_text<I, W>(chars: I, words: W) -> String
where
    I: IntoIterator<Item = char>,
    W: IntoIterator<Item = (String, String)>,
{
    let mut chars: Vec<char> = chars.into_iter().collect();
    chars.sort_unstable();
    chars.dedup();
    let mut out = String::from(FORMAT);
    out.push('\n');
    for c in chars {
        let rs = readings(c);
        if rs.is_empty() {
            continue;
        }
        out.push(c);
        out.push_str(&rs.join(","));
    }
    let mut decided: Vec<String> = Vec::new();
    for (word, slug) in words {
        let Some(rs) = decide(&word, &slug) else {
            continue;
        };
        let spelled: String = word.chars().take(rs.len()).collect();
        let settles = spelled.chars().any(|c| readings(c).len() > 1);
        let line = format!("{spelled} {}", rs.join(" "));
        if settles && !decided.contains(&line) {
            decided.push(line);
        }
    }
    decided.sort_unstable();
    for line in decided {
        out.push('\n');
        out.push_str(&line);
    }
    out
}
