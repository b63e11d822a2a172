//! Merging two progress documents (another tab's save, an imported file).
//!
//! Rules, per (task, unit) record and per field:
//! - status: the one with the newer `status_updated_at` wins;
//! - each metric amount: the one with the newer `updated_at` wins;
//! - notes: matched by id; the version with the newer `updated_at` wins (so a later edit,
//!   deletion or undo wins); notes present on one side only are kept. Nothing is ever removed,
//!   tombstones included.
//!
//! Equal stamps with different values are broken by a fixed order on the values, so the result
//! does not depend on argument order: `merge_record(a, b) == merge_record(b, a)` and
//! `merge_record(a, a) == a`.

use std::cmp::Ordering;

use crate::domain::progress::{Amount, Note, ProgressDoc, Record};

/// Merges `incoming` into `current`. The result keeps `current`'s identity (app, schema, dataset,
/// revision, saved_at, no export info) and holds every record of both.
pub fn merge(current: &ProgressDoc, incoming: &ProgressDoc) -> ProgressDoc {
    let mut out = current.clone();
    out.export = None;
    for r in incoming.records.iter() {
        out.records.insert_merged(r.clone());
    }
    out
}

/// Replaces records instead of merging: every record of `incoming` replaces the current one.
/// When `incoming` is a one-unit export, only that unit's records are replaced and the other
/// units are left alone; for an all-units file, current records the file lacks are dropped.
/// The caller backs up the current document first (`qingdan.backup.before-import`).
pub fn replace_all(current: &ProgressDoc, incoming: &ProgressDoc) -> ProgressDoc {
    let mut out = current.clone();
    out.export = None;
    match incoming.export.as_ref().and_then(|e| e.unit.as_deref()) {
        Some(unit) => out.records.retain(|r| r.unit != unit),
        None => out.records.retain(|_| false),
    }
    for r in incoming.records.iter() {
        out.records.replace(r.clone());
    }
    out
}

/// Merges two versions of the same record (same task and unit; `a`'s key is kept).
pub fn merge_record(a: &Record, b: &Record) -> Record {
    let mut out = a.clone();

    // Status: newer stamp wins; on a tie the greater status, so the result is symmetric.
    if (b.status_updated_at, b.status) > (a.status_updated_at, a.status) {
        out.status = b.status;
        out.status_updated_at = b.status_updated_at;
    }

    for (metric, theirs) in &b.amounts {
        match out.amounts.get(metric) {
            Some(ours) if !amount_newer(theirs, ours) => {}
            _ => {
                out.amounts.insert(metric.clone(), *theirs);
            }
        }
    }

    for theirs in &b.notes {
        match out.notes.iter_mut().find(|n| n.id == theirs.id) {
            Some(ours) => {
                if note_order(theirs, ours) == Ordering::Greater {
                    *ours = theirs.clone();
                }
            }
            None => out.notes.push(theirs.clone()),
        }
    }

    out.updated_at = a.updated_at.max(b.updated_at);
    out.normalize();
    out
}

fn amount_newer(theirs: &Amount, ours: &Amount) -> bool {
    match theirs.updated_at.cmp(&ours.updated_at) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => option_total_cmp(theirs.value, ours.value) == Ordering::Greater,
    }
}

fn option_total_cmp(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (a, b) => a.is_some().cmp(&b.is_some()),
    }
}

/// Total order used to pick a note version: newer `updated_at` first, then fixed tie-breaks.
fn note_order(a: &Note, b: &Note) -> Ordering {
    (a.updated_at, a.deleted_at, &a.text, a.created_at).cmp(&(
        b.updated_at,
        b.deleted_at,
        &b.text,
        b.created_at,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::progress::{ProgressDoc, Status};
    use crate::domain::task::DatasetMeta;

    fn doc() -> ProgressDoc {
        ProgressDoc::new(&DatasetMeta {
            id: "d".into(),
            title: "t".into(),
            year: 2022,
            district: "青浦区".into(),
            source_file: "s".into(),
            content_hash: "h".into(),
        })
    }

    #[test]
    fn field_level_newer_wins_and_notes_union() {
        let mut a = doc();
        let mut b = doc();
        a.set_status(1, "u", Status::Done, 10).unwrap();
        b.set_status(1, "u", Status::Blocked, 5).unwrap();
        b.set_amount(1, "u", "道路", Some(3.0), 20).unwrap();
        a.add_note(1, "u", "n1", "甲", 11).unwrap();
        b.add_note(1, "u", "n2", "乙", 12).unwrap();
        let m = merge(&a, &b);
        let r = m.record(1, "u").unwrap();
        assert_eq!(r.status, Status::Done);
        assert_eq!(r.amount("道路"), Some(3.0));
        assert_eq!(r.notes.len(), 2);
        assert_eq!(r.updated_at, 20);
        assert_eq!(merge(&b, &a).records, m.records);
    }

    #[test]
    fn delete_then_undo_merges_by_stamp() {
        let mut a = doc();
        a.add_note(1, "u", "n", "x", 1).unwrap();
        let mut b = a.clone();
        b.delete_note(1, "u", "n", 5).unwrap();
        let m = merge(&a, &b);
        assert!(m.record(1, "u").unwrap().live_notes().next().is_none());
        let mut c = m.clone();
        c.undo_delete(1, "u", "n", 6).unwrap();
        let m2 = merge(&b, &c);
        assert_eq!(m2.record(1, "u").unwrap().live_notes().count(), 1);
    }

    #[test]
    fn replace_all_one_unit_keeps_other_units() {
        let mut cur = doc();
        cur.set_status(1, "a", Status::Done, 1).unwrap();
        cur.set_status(1, "b", Status::Done, 1).unwrap();
        let mut inc = doc();
        inc.set_status(2, "a", Status::Blocked, 1).unwrap();
        inc.export = Some(crate::domain::progress::ExportInfo {
            exported_at: 5,
            unit: Some("a".into()),
        });
        let out = replace_all(&cur, &inc);
        assert!(out.record(1, "a").is_none());
        assert!(out.record(1, "b").is_some());
        assert!(out.record(2, "a").is_some());
    }
}
