//! Rendering lists in slices: a list never creates more than a few new cards in one task. When a
//! list mounts, or an update brings many cards that were not shown before (clearing a search,
//! switching town), the first [`STEP`] new ones render at once and each following task (a
//! zero-delay timeout) adds [`STEP`] more. Cards already on screen stay (the lists are keyed), so
//! a keystroke that narrows the list costs nothing here. The main thread is never blocked for a
//! whole list, so the first paint after an input comes sooner (the benchmark's Total Blocking Time,
//! clearing and town switch); the user only sees the last cards of a long list arrive a moment
//! later.

use std::time::Duration;

use leptos::prelude::*;

use crate::domain::task::Task;

/// New cards a list creates per task after its first.
pub const STEP: usize = 16;
/// New cards a list creates in the task that mounts it: a phone screen's worth.
pub const FIRST: usize = 8;

/// The longest prefix of `items` that adds at most [`STEP`] keys not in `shown` (what is on
/// screen now: a page of at most a few hundred, so a linear search is cheapest in time and code),
/// and whether it had to stop short of `items`.
pub fn slice_prefix(items: &[u16], shown: &[u16], step: usize) -> (usize, bool) {
    let mut new = 0;
    for (i, k) in items.iter().enumerate() {
        if !shown.contains(k) {
            if new == step {
                return (i, true);
            }
            new += 1;
        }
    }
    (items.len(), false)
}

/// An item of a sliced list, identified by a task id. Items with the same id are the same item
/// (the dataset lives for the session), so a slice compares by ids, not by deep equality of tasks.
pub trait Keyed {
    /// The id that keys the list.
    fn key(&self) -> u16;
}

impl Keyed for &'static Task {
    fn key(&self) -> u16 {
        self.id
    }
}

impl<A> Keyed for (&'static Task, A) {
    fn key(&self) -> u16 {
        self.0.id
    }
}

/// Whether a new slice differs from the last one: by ids in order (see [`Keyed`]).
fn changed<T: Keyed>(old: Option<&Vec<T>>, new: Option<&Vec<T>>) -> bool {
    match (old, new) {
        (Some(a), Some(b)) => {
            a.len() != b.len() || a.iter().zip(b).any(|(x, y)| x.key() != y.key())
        }
        _ => true,
    }
}

/// The items of `all` to render now: a memo over `all` (the full list, in order) that adds at
/// most `first` new items in the task that mounts it ([`FIRST`]; 0 for a list further down the
/// page, which then starts one task later) and [`STEP`] per task after that, and schedules the
/// next slice itself.
pub fn sliced<T>(all: impl Fn() -> Vec<T> + Send + Sync + 'static, first: usize) -> Memo<Vec<T>>
where
    T: Keyed + Clone + Send + Sync + 'static,
{
    let tick = RwSignal::new(0u32);
    Memo::new_with_compare(
        move |prev: Option<&Vec<T>>| {
            tick.track();
            let all = all();
            let shown: Vec<u16> = prev
                .map(|p| p.iter().map(Keyed::key).collect())
                .unwrap_or_default();
            let keys: Vec<u16> = all.iter().map(Keyed::key).collect();
            let step = if prev.is_some() { STEP } else { first };
            let (n, more) = slice_prefix(&keys, &shown, step);
            if more {
                // The next slice in a task of its own; a list that is gone by then ignores it.
                set_timeout(
                    move || {
                        let _ = tick.try_update(|t| *t = t.wrapping_add(1));
                    },
                    Duration::ZERO,
                );
            }
            all.into_iter().take(n).collect()
        },
        changed::<T>,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slice_adds_at_most_step_new_keys() {
        let items: Vec<u16> = (0..100).collect();
        let none: Vec<u16> = Vec::new();
        assert_eq!(slice_prefix(&items, &none, STEP), (STEP, true));
        // Everything already shown: the whole list, however long.
        let all = items.clone();
        assert_eq!(slice_prefix(&items, &all, STEP), (100, false));
        // Shown keys do not count against the step: 10 shown at the front, then STEP new.
        let front: Vec<u16> = (0..10).collect();
        assert_eq!(slice_prefix(&items, &front, STEP), (10 + STEP, true));
        // A short list ends the slicing.
        assert_eq!(slice_prefix(&items[..5], &none, STEP), (5, false));
        assert_eq!(slice_prefix(&items[..STEP], &none, STEP), (STEP, false));
        // A deferred list starts empty and asks for the next slice.
        assert_eq!(slice_prefix(&items, &none, 0), (0, true));
        assert_eq!(slice_prefix(&[], &none, 0), (0, false));
    }

    #[test]
    fn slices_compare_by_ids_in_order() {
        let ds: &'static crate::domain::task::Dataset =
            Box::leak(Box::new(crate::data::embedded().expect("embedded dataset")));
        let a: Vec<&'static Task> = ds.tasks.iter().take(3).collect();
        assert!(!changed(Some(&a), Some(&a.clone())));
        let mut b = a.clone();
        b.swap(0, 1);
        assert!(changed(Some(&a), Some(&b)));
        assert!(changed(Some(&a), Some(&a[..2].to_vec())));
        assert!(changed(None, Some(&a)));
    }
}
