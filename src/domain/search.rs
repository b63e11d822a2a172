//! Free-text search over tasks and highlighting of the hits.
//!
//! Matching is substring matching: ASCII letters compare case-insensitively, everything else
//! (Chinese in particular) exactly. ASCII lower-casing never changes byte lengths, so byte offsets
//! found in a lower-cased copy are valid in the original text.

use super::sort::sort_by;
use super::task::Task;

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
/// lead text. No terms match every task.
///
/// Called for every task on every keystroke, so it allocates only where a field or term actually
/// has ASCII capitals to fold (the Chinese texts almost never do).
pub fn task_matches(task: &Task, terms: &[String]) -> bool {
    let fields = [
        task.name.as_str(),
        task.requirements.as_str(),
        task.allocation_text.as_str(),
        task.lead_text.as_str(),
    ];
    terms.iter().all(|term| {
        let folded;
        let term = if term.bytes().any(|b| b.is_ascii_uppercase()) {
            folded = term.to_ascii_lowercase();
            folded.as_str()
        } else {
            term.as_str()
        };
        fields.iter().any(|f| contains_folded(f, term))
    })
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
/// search per term and task instead of four (and no case folding). It also remembers the last
/// search: when every previous term occurs inside one of the new terms (typing on at the end of a
/// word, or adding a word), only the tasks that matched before can match now, and only those are
/// searched.
#[derive(Debug, Default)]
pub struct SearchIndex {
    hay: Vec<String>,
    last: std::sync::Mutex<Option<(Vec<String>, Vec<bool>)>>,
}

impl SearchIndex {
    /// Indexes `tasks` (dataset order; results are by position).
    pub fn new(tasks: &[Task]) -> SearchIndex {
        let hay = tasks
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
            last: Default::default(),
        }
    }

    /// For each task, whether it matches every term (as [`task_matches`]).
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
                && prev
                    .iter()
                    .all(|p| terms.iter().any(|t| t.contains(p.as_str())))
        });
        let out: Vec<bool> = match narrowing {
            Some((_, before)) => self
                .hay
                .iter()
                .zip(before)
                .map(|(h, &was)| was && terms.iter().all(|t| h.contains(t.as_str())))
                .collect(),
            None => self
                .hay
                .iter()
                .map(|h| terms.iter().all(|t| h.contains(t.as_str())))
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
    fn index_agrees_with_the_scan_while_typing() {
        let ds = crate::data::embedded().expect("embedded dataset");
        let index = SearchIndex::new(&ds.tasks);
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
        ];
        for q in queries {
            let t = terms(q);
            let want: Vec<bool> = ds.tasks.iter().map(|task| task_matches(task, &t)).collect();
            assert_eq!(index.matches(&t), want, "query {q:?}");
        }
    }
}
