//! Writes the text of a reading table (the format of [`super::ReadingTable`]) from any source of
//! readings: the `pinyin` crate at build time (`generate.rs`), or a table already made from it
//! ([`super::ReadingTable::for_dataset_from`], in the browser).
//!
//! This file uses only `std`, so that `build.rs` can include it (with `#[path]`) beside
//! `generate.rs`, and the library can compile it without the `pinyin-source` feature. One writer
//! for both sources keeps their tables equal whenever the readings they give are.

/// Version tag on the first line of a table's text.
pub const FORMAT: &str = "r1";

/// The readings of the characters of `word` that spell `slug` (a pinyin id such as `chonggu`,
/// `nongye-yuanqu`; characters other than ASCII letters ignored), one per character from the
/// first, as many characters as the slug spells; `None` if the slug does not spell the start of
/// the word. With the `pinyin` crate's readings, `decide("重固镇", "chonggu", …)` is
/// `["chong", "gu"]`: the list's own id decides which reading of 重 it means.
pub fn decide<R>(word: &str, slug: &str, readings: &R) -> Option<Vec<String>>
where
    R: Fn(char) -> Vec<String>,
{
    let slug: String = slug
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    if !slug.is_empty() && spell(&chars, &slug, readings, &mut out) {
        Some(out)
    } else {
        None
    }
}

/// Depth-first: readings of `chars` from the first that spell exactly `slug`, into `out`.
fn spell<R>(chars: &[char], slug: &str, readings: &R, out: &mut Vec<String>) -> bool
where
    R: Fn(char) -> Vec<String>,
{
    if slug.is_empty() {
        return true;
    }
    let Some((&first, rest)) = chars.split_first() else {
        return false;
    };
    for r in readings(first) {
        if let Some(tail) = slug.strip_prefix(r.as_str()) {
            out.push(r);
            if spell(rest, tail, readings, out) {
                return true;
            }
            out.pop();
        }
    }
    false
}

/// The text of a reading table: the readings (from `readings`, most common first) of every
/// distinct character of `chars` that has one, and the decided readings of each `(word, slug)`
/// in `words` (see [`decide`]) where they settle a character with more than one reading.
///
/// Format, line by line: the version tag [`FORMAT`]; the characters in ascending order, each
/// followed by its readings separated by `,` (`农nong重zhong,chong,tong`); then one line per
/// decided word, the word, a space and its readings separated by spaces (`重固 chong gu`).
pub fn table_text<I, W, R>(chars: I, words: W, readings: R) -> String
where
    I: IntoIterator<Item = char>,
    W: IntoIterator<Item = (String, String)>,
    R: Fn(char) -> Vec<String>,
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
        let Some(rs) = decide(&word, &slug, &readings) else {
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
