//! Free-text search over tasks and highlighting of the hits.
//!
//! Matching is substring matching: ASCII letters compare case-insensitively, everything else
//! (Chinese in particular) exactly. ASCII lower-casing never changes byte lengths, so byte offsets
//! found in a lower-cased copy are valid in the original text. A term of ASCII letters also
//! matches as pinyin (`zjj` → 朱家角) against a task's name, departments, category and unit
//! names, see [`super::pinyin`].

use super::pinyin::{self, is_pinyin_term, PinyinIndex, PreparedTerm, ReadingTable, Term};
use super::sort::sort_by;
use super::task::{Dataset, Task};

/// Splits a query into search terms: on any whitespace (including the full-width space U+3000),
/// dropping empty pieces, ASCII letters lower-cased.
pub fn terms(query: &str) -> Vec<String> {
    query
        .split(char::is_whitespace)
        .filter(|t| !t.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// True if every term occurs in at least one of the task's name, requirements, allocation text or
/// lead text (characters only: [`task_matches_in`] adds pinyin). No terms match every task.
///
/// Allocates only where a field or term actually has ASCII capitals to fold (the Chinese texts
/// almost never do).
pub fn task_matches(task: &Task, terms: &[String]) -> bool {
    terms.iter().all(|term| term_occurs(task, term))
}

/// True if every term occurs in one of the task's texts ([`task_matches`]) or, for a term of ASCII
/// letters, spells a run of one of its pinyin fields with the readings of `table`
/// ([`pinyin::task_matches`]). What [`SearchIndex`] answers, without an index.
pub fn task_matches_in(ds: &Dataset, table: &ReadingTable, task: &Task, terms: &[String]) -> bool {
    terms.iter().all(|term| {
        term_occurs(task, term)
            || Term::new(table, term).is_some_and(|t| pinyin::task_matches(ds, table, task, &t))
    })
}

/// True if `term` occurs in the task's name, requirements, allocation text or lead text.
fn term_occurs(task: &Task, term: &str) -> bool {
    let fields = [
        task.name.as_str(),
        task.requirements.as_str(),
        task.allocation_text.as_str(),
        task.lead_text.as_str(),
    ];
    let folded;
    let term = if term.bytes().any(|b| b.is_ascii_uppercase()) {
        folded = term.to_ascii_lowercase();
        folded.as_str()
    } else {
        term
    };
    fields.iter().any(|f| contains_folded(f, term))
}

/// `hay` contains `term` (already ASCII lower-case), ignoring ASCII case in `hay`.
fn contains_folded(hay: &str, term: &str) -> bool {
    if hay.bytes().any(|b| b.is_ascii_uppercase()) {
        hay.to_ascii_lowercase().contains(term)
    } else {
        hay.contains(term)
    }
}

/// Separates a task's fields in [`SearchIndex`]: it never occurs in a term (terms are split on
/// whitespace and typed by people), so a term cannot match across two fields.
const FIELD_SEP: char = '\u{1}';

/// Every task's searchable text, ASCII-folded once per dataset, so a keystroke does one substring
/// search per term and task instead of four (and no case folding), and the readings of its
/// pinyin fields ([`PinyinIndex`]). It also remembers the last search: when every previous term
/// is covered by one of the new terms (typing on at the end of a word, or adding a word), only
/// the tasks that matched before can match now, and only those are searched.
#[derive(Debug)]
pub struct SearchIndex {
    hay: Vec<String>,
    pinyin: PinyinIndex,
    last: std::sync::Mutex<Option<(Vec<String>, Vec<bool>)>>,
}

/// True if every task that matches `new` also matches `old`. A term inside another is enough for
/// plain text; a pinyin term must be a prefix (`zhuj` covers `zhu`, but `hujia` is inside
/// `zhujia` and matches nothing).
fn covers(new: &str, old: &str) -> bool {
    new.contains(old) && (new.starts_with(old) || !is_pinyin_term(old) || !is_pinyin_term(new))
}

impl SearchIndex {
    /// Indexes the tasks of `ds` (dataset order; results are by position) with the embedded
    /// list's readings ([`crate::data::readings`]).
    pub fn new(ds: &Dataset) -> SearchIndex {
        Self::with_readings(ds, crate::data::readings())
    }

    /// Indexes the tasks of `ds` with the readings of `table`.
    pub fn with_readings(ds: &Dataset, table: &'static ReadingTable) -> SearchIndex {
        let hay = ds
            .tasks
            .iter()
            .map(|t| {
                let mut h = String::with_capacity(
                    t.name.len()
                        + t.requirements.len()
                        + t.allocation_text.len()
                        + t.lead_text.len()
                        + 3,
                );
                for (i, f) in [&t.name, &t.requirements, &t.allocation_text, &t.lead_text]
                    .into_iter()
                    .enumerate()
                {
                    if i > 0 {
                        h.push(FIELD_SEP);
                    }
                    h.push_str(f);
                }
                h.make_ascii_lowercase();
                h
            })
            .collect();
        SearchIndex {
            hay,
            pinyin: PinyinIndex::new(ds, table),
            last: Default::default(),
        }
    }

    /// For each task, whether it matches every term (as [`task_matches_in`]).
    pub fn matches(&self, terms: &[String]) -> Vec<bool> {
        let terms: Vec<String> = terms.iter().map(|t| t.to_ascii_lowercase()).collect();
        if terms.is_empty() {
            return vec![true; self.hay.len()];
        }
        if terms.iter().any(|t| t.contains(FIELD_SEP)) {
            // No field holds the separator, so such a term matches nothing (as in the scan).
            return vec![false; self.hay.len()];
        }
        // A poisoned lock only means an earlier search panicked; its cache is still a valid answer.
        let mut last = self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let narrowing = last.as_ref().filter(|(prev, ok)| {
            ok.len() == self.hay.len()
                && !prev.is_empty()
                && prev.iter().all(|p| terms.iter().any(|t| covers(t, p)))
        });
        let prepared: Vec<(&String, Option<PreparedTerm>)> =
            terms.iter().map(|t| (t, self.pinyin.prepare(t))).collect();
        let matches = |i: usize, h: &String| {
            prepared.iter().all(|(t, p)| {
                h.contains(t.as_str()) || p.as_ref().is_some_and(|p| self.pinyin.matches(p, i))
            })
        };
        let out: Vec<bool> = match narrowing {
            Some((_, before)) => self
                .hay
                .iter()
                .zip(before)
                .enumerate()
                .map(|(i, (h, &was))| was && matches(i, h))
                .collect(),
            None => self
                .hay
                .iter()
                .enumerate()
                .map(|(i, h)| matches(i, h))
                .collect(),
        };
        *last = Some((terms, out.clone()));
        out
    }
}

/// A piece of highlighted text: `hit` pieces are occurrences of a search term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    /// The text of the piece, borrowed from the highlighted text.
    pub text: &'a str,
    /// True if the piece is (part of) a hit.
    pub hit: bool,
}

/// Splits `text` into alternating non-hit / hit segments, marking every occurrence of every term
/// (overlapping and adjacent hits merge into one segment). Concatenating the segments gives back
/// `text`; no segment is empty.
pub fn highlight<'a>(text: &'a str, terms: &[String]) -> Vec<Segment<'a>> {
    highlight_with(text, terms, None)
}

/// [`highlight`], and with `readings` also the characters that a pinyin term spells: for the
/// texts pinyin search covers (a task's name and departments), so a mark always explains a hit.
pub fn highlight_with<'a>(
    text: &'a str,
    terms: &[String],
    readings: Option<&ReadingTable>,
) -> Vec<Segment<'a>> {
    let mut ranges = occurrences(text, terms);
    if let Some(table) = readings {
        let spelled: Vec<Term> = terms.iter().filter_map(|t| Term::new(table, t)).collect();
        if !spelled.is_empty() {
            let slots = table.slots(text);
            // Byte offset of every character boundary, by character index.
            let at: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(text.len()))
                .collect();
            for term in &spelled {
                for (s, e) in term.spans(table, &slots) {
                    if let (Some(&s), Some(&e)) = (at.get(s), at.get(e)) {
                        ranges.push((s, e));
                    }
                }
            }
        }
    }
    segments(text, ranges)
}

/// Byte ranges of every occurrence of every term in `text` (ASCII case ignored).
fn occurrences(text: &str, terms: &[String]) -> Vec<(usize, usize)> {
    let hay = text.to_ascii_lowercase();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for term in terms {
        if term.is_empty() {
            continue;
        }
        let term = term.to_ascii_lowercase();
        let mut from = 0;
        while let Some(pos) = hay[from..].find(term.as_str()) {
            let start = from + pos;
            ranges.push((start, start + term.len()));
            // Continue one character later so overlapping occurrences are found too.
            let step = hay[start..].chars().next().map_or(1, char::len_utf8);
            from = start + step;
        }
    }
    ranges
}

/// `text` cut into segments, the byte `ranges` (on character boundaries) marked as hits.
fn segments(text: &str, mut ranges: Vec<(usize, usize)>) -> Vec<Segment<'_>> {
    sort_by(&mut ranges, &|a, b| a.cmp(b));

    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }

    let mut out = Vec::with_capacity(merged.len() * 2 + 1);
    let mut at = 0;
    for (s, e) in merged {
        if s > at {
            out.push(Segment {
                text: &text[at..s],
                hit: false,
            });
        }
        out.push(Segment {
            text: &text[s..e],
            hit: true,
        });
        at = e;
    }
    if at < text.len() {
        out.push(Segment {
            text: &text[at..],
            hit: false,
        });
    }
    out
}

/// A short excerpt of `text` around the first occurrence of any term: up to `radius` characters
/// on each side, with "…" where the text was cut. `None` if no term occurs in `text`.
pub fn snippet(text: &str, terms: &[String], radius: usize) -> Option<String> {
    let first = highlight(text, terms)
        .into_iter()
        .scan(0usize, |at, seg| {
            let start = *at;
            *at += seg.text.len();
            Some((start, seg))
        })
        .find(|(_, seg)| seg.hit)?;
    let (hit_start, _) = first;
    let before: Vec<(usize, char)> = text[..hit_start].char_indices().collect();
    let from = if before.len() > radius {
        before[before.len() - radius].0
    } else {
        0
    };
    let to = text[hit_start..]
        .char_indices()
        .nth(radius * 2)
        .map_or(text.len(), |(i, _)| hit_start + i);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(text[from..to].trim());
    if to < text.len() {
        out.push('…');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::task::Scope;

    fn t(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn task(name: &str, requirements: &str, allocation: &str, lead: &str) -> Task {
        Task {
            id: 1,
            city_no: 1,
            category: 1,
            name: name.into(),
            requirements: requirements.into(),
            lead_text: lead.into(),
            leads: vec![lead.into()],
            allocation_text: allocation.into(),
            deadline_text: String::new(),
            deadline: None,
            scope: Scope::District,
            allocations: vec![],
        }
    }

    #[test]
    fn terms_split_on_ascii_and_full_width_space() {
        assert_eq!(
            terms("  示范村\u{3000}朱家角  AbC\t"),
            t(&["示范村", "朱家角", "abc"])
        );
        assert!(terms(" \u{3000} ").is_empty());
        assert!(terms("").is_empty());
    }

    #[test]
    fn every_term_must_match_some_field() {
        let x = task("农村道路", "提档升级 GDP", "朱家角8", "区交通委");
        assert!(task_matches(&x, &[]));
        assert!(task_matches(&x, &t(&["道路"])));
        assert!(task_matches(&x, &t(&["道路", "朱家角", "交通委", "gdp"])));
        assert!(task_matches(&x, &t(&["GdP"])));
        assert!(!task_matches(&x, &t(&["道路", "金泽"])));
        // A term must occur within one field, not across two.
        assert!(!task_matches(&x, &t(&["道路提档"])));
    }

    fn render(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| {
                if s.hit {
                    format!("[{}]", s.text)
                } else {
                    s.text.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn highlight_marks_all_occurrences() {
        assert_eq!(
            render(&highlight("示范村和示范村", &t(&["示范"]))),
            "[示范]村和[示范]村"
        );
        assert_eq!(render(&highlight("GDP gdp", &t(&["gdp"]))), "[GDP] [gdp]");
        assert_eq!(render(&highlight("abc", &[])), "abc");
        assert!(highlight("", &t(&["a"])).is_empty());
    }

    #[test]
    fn highlight_merges_overlapping_and_adjacent_hits() {
        assert_eq!(render(&highlight("aaaa", &t(&["aaa"]))), "[aaaa]");
        assert_eq!(
            render(&highlight("乡村振兴", &t(&["乡村", "振兴"]))),
            "[乡村振兴]"
        );
        assert_eq!(
            render(&highlight("乡村振兴", &t(&["乡村", "村振"]))),
            "[乡村振]兴"
        );
        assert_eq!(render(&highlight("x乡村y", &t(&["乡村"]))), "x[乡村]y");
    }

    #[test]
    fn snippet_cuts_around_the_first_hit() {
        let text = "一二三四五六七八九十道路甲乙丙丁戊己庚辛壬癸";
        assert_eq!(
            snippet(text, &t(&["道路"]), 3).as_deref(),
            Some("…八九十道路甲乙丙丁…")
        );
        assert_eq!(
            snippet("道路很好", &t(&["道路"]), 3).as_deref(),
            Some("道路很好")
        );
        assert_eq!(snippet("没有", &t(&["道路"]), 3), None);
        assert_eq!(snippet("abc", &[], 3), None);
    }

    #[test]
    fn a_pinyin_term_covers_only_its_prefixes() {
        assert!(covers("道路", "道"));
        assert!(covers("zhujia", "zhu"));
        assert!(!covers("zhujia", "hujia"));
        assert!(!covers("zhujia", "jia"));
        // A term that is not pinyin matches only as text, so any term inside it is covered.
        assert!(covers("5gjia", "jia"));
        assert!(covers("道路x", "路x"));
    }

    #[test]
    fn index_agrees_with_the_scan_while_typing() {
        let ds = crate::data::embedded().expect("embedded dataset");
        let index = SearchIndex::new(&ds);
        // Typing on, adding a word, deleting, and unrelated queries, in one session (the index
        // narrows from its previous answer where that is safe).
        let queries = [
            "道",
            "道路",
            "道路 ",
            "道路 朱",
            "道路 朱家角",
            "道路 朱家",
            "道",
            "",
            "GDP",
            "gd",
            "区农业",
            "区农业农村委",
            "农村委 示范",
            "示范",
            "x",
            "xy",
            "\u{1}",
            "村\u{1}区",
            // Pinyin: typing on, a character term added, and a term inside the previous one
            // that is not its prefix (hujia spells nothing; zhujia, which contains it, does).
            "z",
            "zj",
            "zjj",
            "zjj 道",
            "zjj 道路",
            "zjj dl",
            "hujia",
            "zhujia",
            "zhujiajiao",
            "nong",
            "nongyenong",
            "nongyenongcunwei",
            "yenong",
            "nongye 5",
            "nongye 5g",
        ];
        for q in queries {
            let t = terms(q);
            let want: Vec<bool> = ds
                .tasks
                .iter()
                .map(|task| task_matches_in(&ds, crate::data::readings(), task, &t))
                .collect();
            assert_eq!(index.matches(&t), want, "query {q:?}");
        }
    }
}
