//! Pinyin search: a search term typed in ASCII letters also finds Chinese text by its readings,
//! so `zjj` and `zhujiajiao` find 朱家角镇, `nyncw` and `nongyenongcunwei` find 区农业农村委,
//! and `dl` finds 道路.
//!
//! **Matching.** A term of 1 to [`MAX_TERM_LETTERS`] ASCII letters (case ignored) matches a run
//! of consecutive Chinese characters of a text when it spells them in order, each character by
//! its full reading (`zhu`), its first letter (`z`) or a two-letter initial (`zh`, `ch`, `sh`),
//! and the last character also by any prefix of its reading (`nongyenong` while typing
//! `nongyenongcunwei`). Anything else in the text (digits, punctuation, Latin letters) ends a
//! run. The matcher runs every start position at once, as bit sets of "letters of the term
//! spelled so far" (one 64-bit word: native in wasm, where 128-bit shifts cost code and time),
//! so a text is one pass whatever the term.
//!
//! **Fields.** Pinyin is matched against a task's name, its lead departments, its category's name
//! and the full and short names of the units its allocation names ([`task_matches`]), not its
//! requirements or the allocation's free text: those are long, and initials of two or three
//! letters would find nearly every task through them (`dl` through 独立, 带领, 电力 …). Plain
//! character search still covers every field.
//!
//! **Readings and polyphones.** The readings come from the `pinyin` crate (mozillazg's
//! pinyin-data, every reading of every character) at build time; tones are dropped, so many
//! heteronyms collapse (种 zhǒng/zhòng → `zhong`). A character keeps every reading it has
//! (重 → `zhong`, `chong`, `tong`), so a term finds it whichever reading the person has in mind,
//! except where the list's own words decide it: each unit's id is its name in pinyin (`chonggu`
//! for 重固镇), so wherever a unit's name occurs in a searched text its characters take the
//! reading the id spells (`chonggu` finds 重固镇, `zhonggu` does not). No well-kept phrase
//! dictionary exists as a Rust crate, and a guessed reading that is wrong would hide a task,
//! while an extra reading only adds a rare false hit on a short term of initials.
//!
//! **The table.** The field app embeds a [`ReadingTable`] for the characters of the embedded
//! list's searched fields only (see `build.rs` and [`crate::data::readings`]). The table is a
//! compact text (serialised as such), so a table computed for a list a user adds can be stored
//! with it. Computing one from the full source needs the `pinyin-source` feature
//! ([`ReadingTable::for_dataset`], [`ReadingTable::for_text`]), which never reaches a wasm: the
//! whole pinyin data set is far too big. A page that adds a list computes its table instead from
//! the common table ([`crate::data::common_readings`], also written by `build.rs`: the 3 755
//! level-1 characters of GB 2312 and the embedded list's characters) with
//! [`ReadingTable::for_dataset_from`], the same table wherever the list's characters are in the
//! common table; [`ReadingTable::missing_chars`] names those that are not (pinyin search cannot
//! find them, plain character search still does).

use serde::{Deserialize, Serialize};

use super::task::{Dataset, Task};

mod compose;
#[cfg(any(feature = "pinyin-source", all(test, not(target_arch = "wasm32"))))]
pub mod generate;

use compose::FORMAT;

/// The longest term tried as pinyin (a term's progress is a 64-bit set; 64 letters spell 10 or
/// more characters in full); longer terms still match as plain text.
pub const MAX_TERM_LETTERS: usize = 64;

/// The longest reading a table may hold (pinyin's longest, `zhuang`, has 6 letters).
const MAX_READING_LETTERS: usize = 8;

/// A character without readings in a [`ReadingTable::slots`] sequence.
const NONE: u32 = u32::MAX;

/// Toneless readings of Chinese characters, and words whose reading the list decides.
///
/// Serialised as its text: the version tag `r1`; then one line with the characters in ascending
/// order, each followed by its readings separated by `,` (`农nong重zhong,chong,tong`); then one
/// line per decided word: the word, and its readings after spaces (`重固 chong gu`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct ReadingTable {
    /// Every distinct reading; readings are referred to by position.
    syllables: Vec<String>,
    /// `0..syllables.len()`, so a single reading can be lent out as a slice.
    ids: Vec<u16>,
    /// Characters in ascending order with their readings, most common first.
    chars: Vec<(char, Vec<u16>)>,
    /// Words with the reading of each of their characters.
    words: Vec<(Vec<char>, Vec<u16>)>,
}

impl ReadingTable {
    /// Reads a table from its text (see [`ReadingTable`]).
    pub fn parse(text: &str) -> Result<ReadingTable, &'static str> {
        let mut lines = text.split('\n');
        if lines.next() != Some(FORMAT) {
            return Err("not a reading table of format r1");
        }
        let mut t = ReadingTable::default();
        let mut rest = lines.next().unwrap_or_default();
        while let Some(c) = rest.chars().next() {
            if c.is_ascii() || t.chars.last().is_some_and(|(last, _)| *last >= c) {
                return Err("a reading without its character, or characters out of order");
            }
            rest = &rest[c.len_utf8()..];
            let end = rest.find(|x: char| !x.is_ascii()).unwrap_or(rest.len());
            let mut ids = Vec::new();
            for r in rest[..end].split(',') {
                ids.push(t.syllable(r)?);
            }
            t.chars.push((c, ids));
            rest = &rest[end..];
        }
        for line in lines.filter(|l| !l.is_empty()) {
            let mut parts = line.split(' ');
            let word: Vec<char> = parts.next().unwrap_or_default().chars().collect();
            let mut ids = Vec::new();
            for r in parts {
                ids.push(t.syllable(r)?);
            }
            if word.is_empty() || ids.len() != word.len() {
                return Err("a word whose readings do not fit it");
            }
            t.words.push((word, ids));
        }
        Ok(t)
    }

    /// The id of reading `s`, added if new.
    fn syllable(&mut self, s: &str) -> Result<u16, &'static str> {
        if s.is_empty()
            || s.len() > MAX_READING_LETTERS
            || !s.bytes().all(|b| b.is_ascii_lowercase())
        {
            return Err("a reading that is not a short run of lower-case letters");
        }
        if let Some(i) = self.syllables.iter().position(|x| x == s) {
            return u16::try_from(i).map_err(|_| "too many readings");
        }
        let id = u16::try_from(self.syllables.len()).map_err(|_| "too many readings")?;
        self.syllables.push(s.to_string());
        self.ids.push(id);
        Ok(id)
    }

    /// The table as text; [`ReadingTable::parse`] reads it back unchanged.
    pub fn to_text(&self) -> String {
        let name = |id: &u16| {
            self.syllables
                .get(usize::from(*id))
                .map_or("", String::as_str)
        };
        let mut out = String::from(FORMAT);
        out.push('\n');
        for (c, ids) in &self.chars {
            out.push(*c);
            for (i, id) in ids.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(name(id));
            }
        }
        for (word, ids) in &self.words {
            out.push('\n');
            out.extend(word);
            for id in ids {
                out.push(' ');
                out.push_str(name(id));
            }
        }
        out
    }

    /// Number of characters with readings.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True if the table has no characters.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The readings of `c` (most common first), empty if the table lacks it.
    pub fn readings(&self, c: char) -> Vec<&str> {
        self.chars
            .binary_search_by_key(&c, |e| e.0)
            .ok()
            .and_then(|i| self.chars.get(i))
            .map(|(_, ids)| self.names(ids))
            .unwrap_or_default()
    }

    /// The words the list decides, with the reading of each character (`重固` → `chong`, `gu`).
    pub fn words(&self) -> Vec<(String, Vec<&str>)> {
        self.words
            .iter()
            .map(|(w, ids)| (w.iter().collect(), self.names(ids)))
            .collect()
    }

    fn names(&self, ids: &[u16]) -> Vec<&str> {
        ids.iter()
            .filter_map(|id| self.syllables.get(usize::from(*id)))
            .map(String::as_str)
            .collect()
    }

    /// One entry per character of `text`, naming the readings it has there: a character of a
    /// decided word takes the word's reading, any other the table's readings, and one the table
    /// lacks none. Computed once per text; [`Term`] matches against it.
    pub fn slots(&self, text: &str) -> Vec<u32> {
        let chars: Vec<char> = text.chars().collect();
        let mut slots: Vec<u32> = chars
            .iter()
            .map(|c| {
                self.chars
                    .binary_search_by_key(c, |e| e.0)
                    .map_or(NONE, |i| i as u32)
            })
            .collect();
        for (word, ids) in &self.words {
            for (start, w) in chars.windows(word.len()).enumerate() {
                if w == &word[..] {
                    for (slot, id) in slots[start..].iter_mut().zip(ids) {
                        *slot = (self.chars.len() + usize::from(*id)) as u32;
                    }
                }
            }
        }
        slots
    }

    /// The reading ids of one slot (empty for a character without readings).
    fn syllables_of(&self, slot: u32) -> &[u16] {
        let s = slot as usize;
        match self.chars.get(s) {
            Some((_, ids)) => ids,
            None => self
                .ids
                .get(s.wrapping_sub(self.chars.len()))
                .map_or(&[], std::slice::from_ref),
        }
    }
}

impl From<ReadingTable> for String {
    fn from(t: ReadingTable) -> String {
        t.to_text()
    }
}

impl TryFrom<String> for ReadingTable {
    type Error = &'static str;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        ReadingTable::parse(&s)
    }
}

#[cfg(any(feature = "pinyin-source", all(test, not(target_arch = "wasm32"))))]
impl ReadingTable {
    /// The table for the characters of `text` (no decided words), from the full source.
    pub fn for_text(text: &str) -> ReadingTable {
        Self::parse(&generate::table_text(text.chars(), [])).unwrap_or_default()
    }

    /// The table a list needs: the characters of every text pinyin search covers
    /// ([`task_matches`]) and of every unit's names, with the unit names that the unit ids decide
    /// (what `build.rs` writes for the embedded list; a test keeps the two equal).
    pub fn for_dataset(ds: &Dataset) -> ReadingTable {
        let (chars, words) = searched(ds);
        Self::parse(&generate::table_text(chars.chars(), words)).unwrap_or_default()
    }
}

impl ReadingTable {
    /// The table [`ReadingTable::for_dataset`] makes for `ds` (the same characters, the same unit
    /// names decided by the unit ids), with each character's readings taken from `source` instead
    /// of the full source: for a list a user adds, in a page that has the common table
    /// ([`crate::data::common_readings`]) but not the `pinyin` crate. Equal to `for_dataset(ds)`
    /// when `source` has every character of `ds` that has a reading; a character `source` lacks
    /// has no reading in the result ([`ReadingTable::missing_chars`] names them).
    pub fn for_dataset_from(source: &ReadingTable, ds: &Dataset) -> ReadingTable {
        let (chars, words) = searched(ds);
        let readings =
            |c: char| -> Vec<String> { source.readings(c).into_iter().map(String::from).collect() };
        Self::parse(&compose::table_text(chars.chars(), words, readings)).unwrap_or_default()
    }

    /// The Chinese characters of the texts of `ds` that pinyin search reads (those of
    /// [`ReadingTable::for_dataset`]) that this table has no reading for, each once, in ascending
    /// order: with the common table, the characters of a list a user adds that pinyin search will
    /// not find ("N 个字不在常用字表中"). Other characters (digits, punctuation, Latin letters)
    /// have no reading in any table and are not counted.
    pub fn missing_chars(&self, ds: &Dataset) -> Vec<char> {
        let mut out: Vec<char> = searched(ds)
            .0
            .chars()
            .filter(|&c| is_han(c) && self.chars.binary_search_by_key(&c, |e| e.0).is_err())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The characters of every text of `ds` pinyin search reads (task names, lead departments,
/// category names, unit names), and each unit name (full and short) with the unit's id, which
/// decides its reading.
fn searched(ds: &Dataset) -> (String, Vec<(String, String)>) {
    let mut chars = String::new();
    for task in &ds.tasks {
        chars.push_str(&task.name);
        chars.extend(task.leads.iter().map(String::as_str));
    }
    chars.extend(ds.categories.iter().map(|c| c.name.as_str()));
    let mut words = Vec::new();
    for u in &ds.units {
        for name in std::iter::once(&u.name).chain(&u.short_names) {
            chars.push_str(name);
            words.push((name.clone(), u.id.clone()));
        }
    }
    (chars, words)
}

/// True for a Han character (CJK unified and compatibility ideographs, and 〇), what a reading
/// table could have a reading for.
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// True if `term` is tried as pinyin: 1 to [`MAX_TERM_LETTERS`] ASCII letters.
pub fn is_pinyin_term(term: &str) -> bool {
    !term.is_empty()
        && term.len() <= MAX_TERM_LETTERS
        && term.bytes().all(|b| b.is_ascii_alphabetic())
}

/// How one reading advances a term, as bit sets over "letters of the term spelled so far".
#[derive(Debug, Clone, Copy, Default)]
struct Step {
    /// Positions where the whole reading follows.
    full: u64,
    /// Positions where the reading's first letter follows.
    initial: u64,
    /// Positions where the reading's two-letter initial (`zh`, `ch`, `sh`) follows.
    two: u64,
    /// Positions whose rest of the term is a prefix of the reading: the term ends here.
    end: u64,
    /// Letters in the reading.
    len: u32,
}

/// A search term prepared for matching readings against a [`ReadingTable`].
#[derive(Debug, Clone)]
pub struct Term {
    /// Per reading id of the table.
    steps: Vec<Step>,
    /// Bits of the positions inside the term.
    live: u64,
}

impl Term {
    /// `term` prepared for `table`, if it is a pinyin term ([`is_pinyin_term`]).
    pub fn new(table: &ReadingTable, term: &str) -> Option<Term> {
        if !is_pinyin_term(term) {
            return None;
        }
        let q: Vec<u8> = term.bytes().map(|b| b.to_ascii_lowercase()).collect();
        let steps = table
            .syllables
            .iter()
            .map(|s| {
                let s = s.as_bytes();
                let two = s.get(..2).filter(|p| matches!(*p, b"zh" | b"ch" | b"sh"));
                let mut step = Step {
                    len: s.len() as u32,
                    ..Step::default()
                };
                for p in 0..q.len() {
                    let rest = &q[p..];
                    let bit = 1u64 << p;
                    if rest.starts_with(s) {
                        step.full |= bit;
                    }
                    if rest.first() == s.first() {
                        step.initial |= bit;
                    }
                    if two.is_some_and(|t| rest.starts_with(t)) {
                        step.two |= bit;
                    }
                    if s.starts_with(rest) {
                        step.end |= bit;
                    }
                }
                step
            })
            .collect();
        Some(Term {
            steps,
            live: u64::MAX >> (MAX_TERM_LETTERS - q.len()),
        })
    }

    /// One character: from the positions `at`, whether the term ends within it, and the
    /// positions after it.
    fn advance(&self, table: &ReadingTable, slot: u32, at: u64) -> (bool, u64) {
        let mut next = 0;
        for &id in table.syllables_of(slot) {
            if let Some(s) = self.steps.get(usize::from(id)) {
                if at & s.end != 0 {
                    return (true, 0);
                }
                next |= ((at & s.full) << s.len) | ((at & s.initial) << 1) | ((at & s.two) << 2);
            }
        }
        (false, next & self.live)
    }

    /// True if the term spells a run of the characters of `slots` (see the module doc).
    pub fn find(&self, table: &ReadingTable, slots: &[u32]) -> bool {
        // Bit 0 is set before every character: a run may start at any of them.
        let mut at: u64 = 1;
        for &slot in slots {
            let (done, next) = self.advance(table, slot, at);
            if done {
                return true;
            }
            at = next | 1;
        }
        false
    }

    /// The runs of characters the term spells, as character index ranges: for each start, the
    /// shortest run from it.
    pub fn spans(&self, table: &ReadingTable, slots: &[u32]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for start in 0..slots.len() {
            let mut at: u64 = 1;
            for (end, &slot) in slots.iter().enumerate().skip(start) {
                let (done, next) = self.advance(table, slot, at);
                if done {
                    out.push((start, end + 1));
                    break;
                }
                at = next;
                if at == 0 {
                    break;
                }
            }
        }
        out
    }
}

/// True if `term` spells a run of characters of one of the texts of `task` pinyin search covers:
/// its name, its lead departments, its category's name, and the full and short names of each
/// unit its allocation names (no index: the readings are looked up for every text).
pub fn task_matches(ds: &Dataset, table: &ReadingTable, task: &Task, term: &Term) -> bool {
    let hit = |text: &str| term.find(table, &table.slots(text));
    hit(&task.name)
        || task.leads.iter().any(|l| hit(l))
        || ds
            .categories
            .iter()
            .find(|c| c.id == task.category)
            .is_some_and(|c| hit(&c.name))
        || task.allocations.iter().any(|a| {
            ds.units
                .iter()
                .find(|u| u.id == a.unit)
                .is_some_and(|u| hit(&u.name) || u.short_names.iter().any(|n| hit(n)))
        })
}

/// What pinyin matching needs of every task, computed once per dataset: the readings of each
/// name, and the readings of each unit name, category name and department once, with which of
/// them each task has (a keystroke then matches a term against each of those once, not once per
/// task that has it).
#[derive(Debug)]
pub struct PinyinIndex {
    table: &'static ReadingTable,
    /// Per task: the slots of its name.
    names: Vec<Box<[u32]>>,
    /// The slots of every text tasks share: unit names, category names, departments.
    shared: Vec<Box<[u32]>>,
    /// Per task: its shared texts (its units' full and short names, its category's name, its
    /// departments), as positions in `shared`.
    refs: Vec<Box<[u16]>>,
}

/// A term prepared against a [`PinyinIndex`]: which of its shared texts the term matches.
#[derive(Debug)]
pub struct PreparedTerm {
    term: Term,
    shared: Vec<bool>,
}

impl PinyinIndex {
    /// Indexes the tasks of `ds` (dataset order) with the readings of `table`.
    pub fn new(ds: &Dataset, table: &'static ReadingTable) -> PinyinIndex {
        let mut shared: Vec<Box<[u32]>> = Vec::new();
        let mut add = |text: &str| {
            shared.push(table.slots(text).into_boxed_slice());
            (shared.len() - 1) as u16
        };
        let units: Vec<Vec<u16>> = ds
            .units
            .iter()
            .map(|u| {
                std::iter::once(&u.name)
                    .chain(&u.short_names)
                    .map(|n| add(n))
                    .collect()
            })
            .collect();
        let categories: Vec<u16> = ds.categories.iter().map(|c| add(&c.name)).collect();
        let mut leads: Vec<(&str, u16)> = Vec::new();
        let mut refs = Vec::with_capacity(ds.tasks.len());
        for task in &ds.tasks {
            let mut r: Vec<u16> = Vec::new();
            for a in &task.allocations {
                if let Some((_, ids)) = ds.units.iter().zip(&units).find(|(u, _)| u.id == a.unit) {
                    r.extend(ids);
                }
            }
            let mut category = ds.categories.iter().zip(&categories);
            if let Some((_, &id)) = category.find(|(c, _)| c.id == task.category) {
                r.push(id);
            }
            for lead in &task.leads {
                let id = match leads.iter().find(|(name, _)| name == lead) {
                    Some(&(_, id)) => id,
                    None => {
                        let id = add(lead);
                        leads.push((lead, id));
                        id
                    }
                };
                r.push(id);
            }
            refs.push(r.into_boxed_slice());
        }
        PinyinIndex {
            table,
            names: ds
                .tasks
                .iter()
                .map(|t| table.slots(&t.name).into_boxed_slice())
                .collect(),
            shared,
            refs,
        }
    }

    /// `term` prepared for [`PinyinIndex::matches`], if it is a pinyin term.
    pub fn prepare(&self, term: &str) -> Option<PreparedTerm> {
        let term = Term::new(self.table, term)?;
        let shared = self
            .shared
            .iter()
            .map(|s| term.find(self.table, s))
            .collect();
        Some(PreparedTerm { term, shared })
    }

    /// True if the prepared term matches task `i` (dataset order), as [`task_matches`].
    pub fn matches(&self, term: &PreparedTerm, i: usize) -> bool {
        let hit = |k: &u16| term.shared.get(usize::from(*k)).copied().unwrap_or(false);
        self.refs.get(i).is_some_and(|r| r.iter().any(hit))
            || self
                .names
                .get(i)
                .is_some_and(|n| term.term.find(self.table, n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small table in the text format (characters sorted here, as the format wants).
    fn table() -> ReadingTable {
        let mut entries = [
            "农nong",
            "业ye",
            "区qu,ou",
            "委wei",
            "家jia,jie,gu",
            "村cun",
            "朱zhu",
            "角jiao,jue,lu,gu",
            "路lu",
            "重zhong,chong,tong",
            "固gu",
            "道dao",
            "镇zhen",
        ];
        entries.sort_unstable();
        ReadingTable::parse(&format!("r1\n{}\n重固 chong gu", entries.concat()))
            .expect("table parses")
    }

    fn finds(term: &str, text: &str) -> bool {
        let t = table();
        Term::new(&t, term).is_some_and(|q| q.find(&t, &t.slots(text)))
    }

    #[test]
    fn full_readings_initials_and_a_prefix_at_the_end() {
        for (term, text) in [
            ("zjj", "朱家角镇"),
            ("zhujiajiao", "朱家角镇"),
            ("zhujj", "朱家角"),
            ("ZJJ", "朱家角"),
            ("nyncw", "区农业农村委"),
            ("nongyenongcunwei", "区农业农村委"),
            ("nongyenong", "区农业农村委"),
            ("nongyen", "区农业农村委"),
            ("qnync", "区农业农村委"),
            ("dl", "村内道路"),
            ("daol", "村内道路"),
            ("zhz", "朱镇"),
            ("chonggu", "重固镇"),
            ("cg", "重固镇"),
            ("zhongdao", "重道"),
            ("chongdao", "重道"),
            ("j", "朱家角"),
        ] {
            assert!(finds(term, text), "{term} in {text}");
        }
        for (term, text) in [
            ("zzzz", "朱家角镇"),
            ("zjjz x", "朱家角镇"),
            ("zhonggu", "重固镇"),
            ("zg", "重固镇"),
            ("jjz", "朱家角 镇"),
            ("dl", "道1路"),
            ("zjjzz", "朱家角镇"),
            ("ujia", "朱家角"),
            ("", "朱家角"),
            ("nong1", "农业"),
        ] {
            assert!(!finds(term, text), "{term} not in {text}");
        }
    }

    #[test]
    fn spans_are_the_runs_spelled() {
        let t = table();
        let spans =
            |term: &str, text: &str| Term::new(&t, term).map(|q| q.spans(&t, &t.slots(text)));
        assert_eq!(spans("dl", "村内道路和道路"), Some(vec![(2, 4), (5, 7)]));
        assert_eq!(spans("nong", "区农业农村委"), Some(vec![(1, 2), (3, 4)]));
        assert_eq!(spans("zzzz", "朱家角"), Some(vec![]));
        assert_eq!(spans("道", "道路"), None);
    }

    #[test]
    fn a_table_survives_its_text_and_serde() {
        let t = table();
        assert_eq!(ReadingTable::parse(&t.to_text()), Ok(t.clone()));
        let json = serde_json::to_string(&t).expect("serialises");
        assert!(json.starts_with("\"r1\\n"), "{json}");
        assert_eq!(
            serde_json::from_str::<ReadingTable>(&json).expect("deserialises"),
            t
        );
        assert_eq!(t.readings('重'), ["zhong", "chong", "tong"]);
        assert!(t.readings('x').is_empty());
        assert_eq!(t.words(), [("重固".to_string(), vec!["chong", "gu"])]);
        assert_eq!(t.len(), 13);
    }

    #[test]
    fn bad_tables_are_refused() {
        for bad in [
            "",
            "r2\n农nong",
            "r1\nnong",
            "r1\n农nong,",
            "r1\n农Nong",
            "r1\n农nong业ye",
            "r1\n农nong\n农业 nong",
            "r1\n农nong\n 农",
            "r1\n农nongnongnong",
        ] {
            assert!(ReadingTable::parse(bad).is_err(), "{bad:?}");
        }
        assert!(serde_json::from_str::<ReadingTable>("\"r1\\nnong\"").is_err());
        assert_eq!(ReadingTable::parse("r1"), Ok(ReadingTable::default()));
    }

    #[test]
    fn long_terms_are_not_pinyin() {
        let t = table();
        assert!(Term::new(&t, &"a".repeat(MAX_TERM_LETTERS)).is_some());
        assert!(Term::new(&t, &"a".repeat(MAX_TERM_LETTERS + 1)).is_none());
        // A term of the longest length still matches and never overflows a shift.
        let long = "nong".repeat(MAX_TERM_LETTERS / 4);
        let text = "农".repeat(MAX_TERM_LETTERS / 4);
        assert!(finds(&long, &text));
        assert!(!finds(&long, &text[3..]));
    }

    #[test]
    fn the_generator_reads_the_source() {
        let decide = |word: &str, slug: &str| compose::decide(word, slug, &generate::readings);
        assert_eq!(generate::readings('重'), ["zhong", "chong", "tong"]);
        assert_eq!(generate::readings('绿'), ["lv", "lu"]);
        assert!(generate::readings('1').is_empty());
        assert_eq!(
            decide("重固镇", "chonggu"),
            Some(vec!["chong".to_string(), "gu".to_string()])
        );
        assert_eq!(
            decide("农业园区", "nongye-yuanqu").map(|r| r.join(" ")),
            Some("nong ye yuan qu".to_string())
        );
        assert_eq!(decide("现代农业园区", "nongye-yuanqu"), None);
        let t = ReadingTable::for_text("重固1a");
        assert_eq!(t.len(), 2);
        assert!(t.words().is_empty());
    }

    #[test]
    fn the_embedded_table_is_what_the_generator_makes_of_the_list() {
        let ds = crate::data::embedded().expect("embedded dataset");
        let built = crate::data::readings();
        assert_eq!(&ReadingTable::for_dataset(&ds), built);
        assert!(!built.is_empty());
        // The unit ids settle the readings of the unit names.
        let words = built.words();
        assert!(words.contains(&("重固".to_string(), vec!["chong", "gu"])));
        assert!(words.contains(&("朱家角".to_string(), vec!["zhu", "jia", "jiao"])));
    }

    #[test]
    fn the_common_table_makes_the_embedded_list_s_table() {
        let ds = crate::data::embedded().expect("embedded dataset");
        let common = crate::data::common_readings();
        let made = ReadingTable::for_dataset_from(common, &ds);
        assert_eq!(made, ReadingTable::for_dataset(&ds));
        assert_eq!(&made, crate::data::readings());
        assert!(common.missing_chars(&ds).is_empty());
    }

    /// A list of made-up texts: every field pinyin search reads, polyphones, a unit name that its
    /// id decides (长乐镇 changle: 长 zhang/chang, 乐 le/yue), digits and punctuation.
    fn made_up_list(extra: &str) -> Dataset {
        let mut ds = crate::data::embedded().expect("embedded dataset");
        ds.tasks.truncate(2);
        ds.tasks[0].name = format!("银行储蓄调查（2023年）{extra}");
        ds.tasks[0].leads = vec!["区长乐镇政府".to_string(), "音乐学校".to_string()];
        ds.tasks[1].name = "重新调整朝阳街道的绿化".to_string();
        ds.tasks[1].leads = vec!["发展和改革委员会".to_string()];
        ds.categories.truncate(1);
        ds.categories[0].name = "着力提高了都市农业水平".to_string();
        ds.units.truncate(2);
        ds.units[0].id = "changle".to_string();
        ds.units[0].name = "长乐镇".to_string();
        ds.units[0].short_names = vec!["长乐".to_string()];
        ds.units[1].id = "chaoyang".to_string();
        ds.units[1].name = "朝阳街道".to_string();
        ds.units[1].short_names = vec![];
        ds
    }

    #[test]
    fn a_list_of_common_characters_gets_the_same_table_from_either_source() {
        let common = crate::data::common_readings();
        let ds = made_up_list("");
        assert_eq!(common.missing_chars(&ds), Vec::<char>::new());
        let made = ReadingTable::for_dataset_from(common, &ds);
        assert_eq!(made, ReadingTable::for_dataset(&ds));
        assert_eq!(made.readings('行'), generate::readings('行'));
        assert!(made.readings('2').is_empty());
        let words = made.words();
        assert!(words.contains(&("长乐".to_string(), vec!["chang", "le"])));
        assert!(words.contains(&("朝阳".to_string(), vec!["chao", "yang"])));
        // The table survives its text, as it is stored with the list.
        assert_eq!(ReadingTable::parse(&made.to_text()), Ok(made.clone()));
        let json = serde_json::to_string(&made).expect("serialises");
        assert_eq!(
            serde_json::from_str::<ReadingTable>(&json).expect("deserialises"),
            made
        );
    }

    #[test]
    fn characters_outside_the_common_table_are_reported_missing() {
        let common = crate::data::common_readings();
        // 堃 (kun) and 㙟 (an extension A character) are in neither GB 2312 nor the list; Latin
        // letters, digits and punctuation have no reading anywhere and are not reported.
        let ds = made_up_list("堃Ab·㙟堃");
        assert_eq!(common.missing_chars(&ds), ['㙟', '堃']);
        let full = ReadingTable::for_dataset(&ds);
        assert_eq!(full.readings('堃'), ["kun"]);
        let made = ReadingTable::for_dataset_from(common, &ds);
        assert!(made.readings('堃').is_empty());
        let in_full = ['堃', '㙟']
            .iter()
            .filter(|c| !full.readings(**c).is_empty());
        assert_eq!(made.len() + in_full.count(), full.len());
        // Otherwise the same table: every other character and the decided words.
        assert_eq!(
            made,
            ReadingTable::for_dataset_from(&full, &made_up_list(""))
        );
        assert_eq!(made.missing_chars(&ds), ['㙟', '堃']);
    }
}
