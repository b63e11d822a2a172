//! Reads character readings from the `pinyin` crate, whose data is mozillazg's pinyin-data (every
//! reading of every character, heteronyms included), and writes reading tables from them (with
//! `compose.rs`, the writer shared with tables made from another table).
//!
//! This file uses only `std`, the `pinyin` crate and its sibling `compose.rs`, so that `build.rs`
//! can include both (with `#[path]`) to write the tables of the embedded list at build time. The
//! field app's wasm never contains it: the crate is a build-dependency there, and the library
//! compiles this module only with the `pinyin-source` feature (native tools) or in native unit
//! tests.

use ::pinyin::ToPinyinMulti;

use super::compose;

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

/// The text of a reading table for `chars` and the `(word, slug)` pairs of `words`, with the
/// readings of [`readings`] (see [`compose::table_text`] for what it holds).
pub fn table_text<I, W>(chars: I, words: W) -> String
where
    I: IntoIterator<Item = char>,
    W: IntoIterator<Item = (String, String)>,
{
    compose::table_text(chars, words, readings)
}
