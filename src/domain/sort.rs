//! One small stable sort for the whole app.
//!
//! `slice::sort_by` compiles a copy of the standard library's driftsort for every element type
//! *and every comparator closure*, several kilobytes of wasm each. [`sort_by`] sorts positions
//! (`usize`) with a comparator behind `&dyn`, so the merge sort exists once; what is left per
//! element type is a few lines of glue. The lists sorted here are at most a few thousand long.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, stably (equal items keep their order), like `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], cmp: &dyn Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| cmp(&items[a], &items[b]));
    permute(order, &mut |a, b| items.swap(a, b));
}

/// Below this length a run is sorted by insertion.
const RUN: usize = 12;

/// The positions `0..len` in the order that sorts them by `cmp`, stably: a bottom-up merge sort
/// over insertion-sorted runs.
fn sorted_positions(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    for run in order.chunks_mut(RUN) {
        for i in 1..run.len() {
            let mut j = i;
            while j > 0 && cmp(run[j - 1], run[j]) == Ordering::Greater {
                run.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    let mut buf = vec![0; len];
    let mut width = RUN;
    while width < len {
        for (start, out) in (0..len).step_by(2 * width).zip(buf.chunks_mut(2 * width)) {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut i, mut j) = (start, mid);
            for slot in out.iter_mut() {
                // Take from the left run unless the right one is strictly smaller: stable.
                if j >= end || (i < mid && cmp(order[i], order[j]) != Ordering::Greater) {
                    *slot = order[i];
                    i += 1;
                } else {
                    *slot = order[j];
                    j += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut buf);
        width *= 2;
    }
    order
}

/// Rearranges a sequence in place so that position `i` receives what was at `order[i]`, through
/// `swap` (following each cycle of the permutation once).
fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic pseudo-random sequence (xorshift).
    fn numbers(len: usize, seed: u64, modulo: u64) -> Vec<u64> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % modulo
            })
            .collect()
    }

    #[test]
    fn matches_the_standard_stable_sort() {
        for len in (0..70).chain([100, 255, 256, 257, 1000, 4097]) {
            for (seed, modulo) in [(1, 3), (7, 1000), (42, u64::MAX), (9, 1)] {
                // Pairs (key, original position): equal keys must keep their positions' order.
                let items: Vec<(u64, usize)> = numbers(len, seed + len as u64, modulo)
                    .into_iter()
                    .zip(0..)
                    .collect();
                let mut ours = items.clone();
                sort_by(&mut ours, &|a, b| a.0.cmp(&b.0));
                let mut std = items.clone();
                std.sort_by_key(|a| a.0);
                assert_eq!(ours, std, "len {len}, seed {seed}, modulo {modulo}");
            }
        }
    }

    #[test]
    fn sorted_reversed_and_descending_inputs() {
        for len in [0, 1, 2, 13, 24, 25, 500] {
            let mut up: Vec<usize> = (0..len).collect();
            let mut down: Vec<usize> = (0..len).rev().collect();
            sort_by(&mut up, &|a, b| a.cmp(b));
            sort_by(&mut down, &|a, b| a.cmp(b));
            let expected: Vec<usize> = (0..len).collect();
            assert_eq!(up, expected);
            assert_eq!(down, expected);
            sort_by(&mut up, &|a, b| b.cmp(a));
            assert_eq!(up, (0..len).rev().collect::<Vec<_>>());
        }
    }

    #[test]
    fn moves_owned_values() {
        let mut v: Vec<String> = ["c", "a", "b", "a"].iter().map(|s| s.to_string()).collect();
        sort_by(&mut v, &|a, b| a.cmp(b));
        assert_eq!(v, ["a", "a", "b", "c"]);
    }
}
