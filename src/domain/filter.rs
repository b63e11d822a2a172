//! Filtering the task list by a [`TaskQuery`], and the facet counts beside it.
//!
//! Within one facet the selected values combine with OR, different facets and the text combine
//! with AND. The count shown for a facet value is the number of tasks that match the text and
//! every *other* facet and have that value, so a facet stays useful while one of its values is
//! selected. What each facet reads of a task is described in [`crate::domain::facet`].

use std::collections::BTreeMap;

use super::facet::{FacetEntry, FacetKey, FacetKind};
use super::query::{StatusKey, TaskQuery};
use super::search::{task_matches_in, terms, SearchIndex};
use super::task::{Dataset, Task};

/// A query prepared for matching many tasks.
struct Matcher<'q> {
    ds: &'q Dataset,
    q: &'q TaskQuery,
    terms: Vec<String>,
    /// Per task (dataset order), whether it matches the text, when a [`SearchIndex`] answered.
    text: Option<Vec<bool>>,
    status: &'q dyn Fn(&Task) -> StatusKey,
}

impl Matcher<'_> {
    fn facet_matches(&self, task: &Task, facet: FacetKind) -> bool {
        facet.matches(self.ds, self.q, self.status, task)
    }

    /// Whether task `i` (dataset order) matches the text.
    fn text_matches(&self, i: usize, task: &Task) -> bool {
        match &self.text {
            Some(ok) => ok[i],
            None => task_matches_in(self.ds, crate::data::readings(), task, &self.terms),
        }
    }

    /// Matches the text and every facet. The unit facet, the dearest to check, comes after the
    /// cheap ones.
    fn matches(&self, i: usize, task: &Task) -> bool {
        self.text_matches(i, task)
            && FacetKind::IN_URL_ORDER
                .iter()
                .all(|&f| self.facet_matches(task, f))
    }
}

fn matcher<'q>(
    ds: &'q Dataset,
    q: &'q TaskQuery,
    status: &'q dyn Fn(&Task) -> StatusKey,
    index: Option<&SearchIndex>,
) -> Matcher<'q> {
    let terms = terms(&q.text);
    Matcher {
        ds,
        q,
        text: index.map(|ix| ix.matches(&terms)),
        terms,
        status,
    }
}

/// The tasks matching the query, in its sort order.
pub fn filter_tasks<'a>(
    ds: &'a Dataset,
    q: &TaskQuery,
    status: &dyn Fn(&Task) -> StatusKey,
) -> Vec<&'a Task> {
    filter_tasks_in(ds, q, status, None)
}

/// [`filter_tasks`], with the text search answered by `index` (built for `ds.tasks`) when given.
pub fn filter_tasks_in<'a>(
    ds: &'a Dataset,
    q: &TaskQuery,
    status: &dyn Fn(&Task) -> StatusKey,
    index: Option<&SearchIndex>,
) -> Vec<&'a Task> {
    let m = matcher(ds, q, status, index);
    let mut out: Vec<&Task> = ds
        .tasks
        .iter()
        .enumerate()
        .filter(|(i, t)| m.matches(*i, t))
        .map(|(_, t)| t)
        .collect();
    q.sort.sort(&mut out);
    out
}

/// The values and counts of every facet.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetCounts {
    /// One list per facet, in [`FacetKind::ALL`] order.
    facets: [Vec<FacetEntry>; 6],
}

impl FacetCounts {
    /// The values of one facet with their counts, in the facet's display order (see
    /// [`FacetKind::offered`]).
    pub fn get(&self, kind: FacetKind) -> &[FacetEntry] {
        &self.facets[kind as usize]
    }
}

/// Which facets each task matches, computed once per query: counting a facet then needs only
/// these flags instead of re-running the text search and every other facet per value.
struct Flags {
    /// Per task (dataset order): matches the text, and matches each facet (in
    /// [`FacetKind::ALL`] order).
    rows: Vec<(bool, [bool; 6])>,
}

impl Flags {
    fn new(m: &Matcher<'_>) -> Flags {
        let rows =
            m.ds.tasks
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let text = m.text_matches(i, t);
                    let mut f = [true; 6];
                    if text {
                        for (slot, facet) in f.iter_mut().zip(FacetKind::ALL) {
                            *slot = m.facet_matches(t, facet);
                        }
                    }
                    (text, f)
                })
                .collect();
        Flags { rows }
    }

    /// Whether task `i` matches the text and every facet except `skip`.
    fn matches_except(&self, i: usize, skip: FacetKind) -> bool {
        let (text, f) = &self.rows[i];
        *text
            && FacetKind::ALL
                .iter()
                .zip(f)
                .all(|(facet, ok)| *facet == skip || *ok)
    }
}

/// The values of one facet with their counts.
fn count_facet(m: &Matcher<'_>, flags: &Flags, facet: FacetKind) -> Vec<FacetEntry> {
    let mut counts: BTreeMap<FacetKey, usize> = BTreeMap::new();
    let mut values: Vec<FacetKey> = Vec::new();
    let mut distinct: Vec<FacetKey> = Vec::new();
    for (i, task) in m.ds.tasks.iter().enumerate() {
        if flags.matches_except(i, facet) {
            // A task counts once per distinct value it has (a task has few values: a Vec beats
            // a set here).
            facet.task_values(m.ds, m.q, m.status, task, &mut values);
            for v in values.drain(..) {
                if !distinct.contains(&v) {
                    distinct.push(v);
                }
            }
            for v in distinct.drain(..) {
                *counts.entry(v).or_default() += 1;
            }
        }
    }
    facet
        .offered(m.ds, m.q)
        .into_iter()
        .map(|key| FacetEntry {
            count: counts.get(&key).copied().unwrap_or(0),
            selected: key.is_selected(m.q),
            label: key.label(m.ds),
            key,
        })
        .collect()
}

fn counts_with(m: &Matcher<'_>, flags: &Flags) -> FacetCounts {
    FacetCounts {
        facets: FacetKind::ALL.map(|facet| count_facet(m, flags, facet)),
    }
}

/// Facet values with counts for the query. Every value that occurs in the dataset is listed, even
/// with count 0, and so is every selected value (so a selection never disappears from view).
pub fn facet_counts(
    ds: &Dataset,
    q: &TaskQuery,
    status: &dyn Fn(&Task) -> StatusKey,
) -> FacetCounts {
    let m = matcher(ds, q, status, None);
    let flags = Flags::new(&m);
    counts_with(&m, &flags)
}

/// [`filter_tasks`] and [`facet_counts`] in one pass over the tasks (the list page needs both on
/// every keystroke; the text search then runs once per task instead of twice).
pub fn filter_and_count<'a>(
    ds: &'a Dataset,
    q: &TaskQuery,
    status: &dyn Fn(&Task) -> StatusKey,
) -> (Vec<&'a Task>, FacetCounts) {
    filter_and_count_in(ds, q, status, None)
}

/// [`filter_and_count`], with the text search answered by `index` (built for `ds.tasks`) when
/// given.
pub fn filter_and_count_in<'a>(
    ds: &'a Dataset,
    q: &TaskQuery,
    status: &dyn Fn(&Task) -> StatusKey,
    index: Option<&SearchIndex>,
) -> (Vec<&'a Task>, FacetCounts) {
    let m = matcher(ds, q, status, index);
    let flags = Flags::new(&m);
    let mut tasks: Vec<&Task> = ds
        .tasks
        .iter()
        .zip(&flags.rows)
        .filter(|(_, (text, f))| *text && f.iter().all(|ok| *ok))
        .map(|(t, _)| t)
        .collect();
    q.sort.sort(&mut tasks);
    (tasks, counts_with(&m, &flags))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::sample::sample_dataset;

    fn todo(_: &Task) -> StatusKey {
        StatusKey::NotStarted
    }

    #[test]
    fn empty_query_lists_everything_by_number() {
        let ds = sample_dataset();
        let r = filter_tasks(&ds, &TaskQuery::default(), &todo);
        let ids: Vec<u16> = r.iter().map(|t| t.id).collect();
        assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7, 8]);
    }

    #[test]
    fn the_district_unit_selects_the_district_level_tasks() {
        use crate::domain::progress::DISTRICT;
        use crate::domain::task::Scope;
        let ds = sample_dataset();
        let mut q = TaskQuery::default();
        q.toggle_unit(DISTRICT);
        let want: Vec<u16> = ds
            .tasks
            .iter()
            .filter(|t| t.scope == Scope::District)
            .map(|t| t.id)
            .collect();
        assert!(!want.is_empty());
        let got: Vec<u16> = filter_tasks(&ds, &q, &todo).iter().map(|t| t.id).collect();
        assert_eq!(got, want);
        // Its facet value is named 区级 and counts the same tasks.
        let (_, counts) = filter_and_count(&ds, &q, &todo);
        let v = counts
            .get(FacetKind::Unit)
            .iter()
            .find(|e| e.key == FacetKey::Unit(DISTRICT.into()))
            .unwrap();
        assert_eq!(
            (v.label.as_str(), v.count, v.selected),
            ("区级", want.len(), true)
        );
    }

    #[test]
    fn counts_are_listed_per_facet_in_panel_order() {
        let ds = sample_dataset();
        let f = facet_counts(&ds, &TaskQuery::default(), &todo);
        for kind in FacetKind::ALL {
            assert!(!f.get(kind).is_empty(), "{kind:?}");
            assert!(f.get(kind).iter().all(|e| e.key.kind() == kind), "{kind:?}");
        }
    }
}
