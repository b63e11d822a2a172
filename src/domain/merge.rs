//! Merging two progress documents (another tab's save, an imported file): every record of both,
//! two versions of one (task, unit) record merged field by field by [`Record::merged`] (newer
//! wins per field, nothing removed, the same result in either order); or, on a confirmed
//! import, replacing records instead.
//!
//! [`Record::merged`]: crate::domain::progress::Record::merged

use crate::domain::progress::ProgressDoc;

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
