//! The load/save rules against the in-memory fake store: quota errors, corrupt data, newer
//! schema, and two tabs on one storage.

use qingdan::domain::progress::{ProgressDoc, Status};
use qingdan::domain::task::Dataset;
use qingdan::storage::{
    corrupt_backups, load_last_export, load_my_unit, save_last_export, save_my_unit, Failure,
    KeyValueStore, LoadOutcome, MemoryStore, ProgressStore, SaveError, SaveOutcome, StorageKey,
    StoreError,
};

const NEWER: &str = include_str!("fixtures/progress-newer-schema.json");

fn dataset() -> Dataset {
    serde_json::from_str(include_str!("fixtures/dataset-mini.json")).expect("fixture dataset")
}

fn progress_key() -> String {
    StorageKey::Progress.to_string()
}

fn loaded<S: KeyValueStore>(store: &mut ProgressStore<S>, now: i64) -> ProgressDoc {
    match store.load(now) {
        LoadOutcome::Loaded(doc) => doc,
        LoadOutcome::Fresh => ProgressDoc::new(&dataset().meta),
        other => panic!("unexpected load outcome {other:?}"),
    }
}

#[test]
fn fresh_then_save_then_load_round_trips() {
    let mem = MemoryStore::new();
    let mut tab = ProgressStore::new(&mem);
    assert_eq!(tab.load(1), LoadOutcome::Fresh);
    let mut doc = ProgressDoc::new(&dataset().meta);
    doc.set_status(1, "zhujiajiao", Status::Done, 10).unwrap();
    assert_eq!(tab.save(&mut doc, 20), Ok(SaveOutcome::Written));
    assert_eq!(doc.revision, 1);
    let mut again = ProgressStore::new(&mem);
    assert_eq!(again.load(30), LoadOutcome::Loaded(doc));
}

#[test]
fn quota_error_on_save_keeps_the_edit_in_memory_and_reports() {
    let mem = MemoryStore::new();
    let mut tab = ProgressStore::new(&mem);
    let mut doc = loaded(&mut tab, 1);
    doc.set_status(1, "zhujiajiao", Status::InProgress, 5)
        .unwrap();
    tab.save(&mut doc, 6).unwrap();
    let stored_before = mem.raw(&progress_key());

    mem.fail_with(Failure::QuotaOnWrite);
    doc.add_note(1, "zhujiajiao", "n1", "重要备注，不能丢", 10)
        .unwrap();
    let err = tab.save(&mut doc, 11).unwrap_err();
    assert_eq!(err, SaveError::Store(StoreError::QuotaExceeded));
    assert!(err.message_zh().contains("存储空间已满"));
    // The edit is still in memory, the stored copy is untouched.
    assert_eq!(
        doc.record(1, "zhujiajiao").unwrap().notes[0].text,
        "重要备注，不能丢"
    );
    assert_eq!(mem.raw(&progress_key()), stored_before);

    // Once space is freed, the retry writes the edit.
    mem.fail_with(Failure::None);
    assert_eq!(tab.save(&mut doc, 12), Ok(SaveOutcome::Written));
    let mut reader = ProgressStore::new(&mem);
    assert_eq!(
        loaded(&mut reader, 13)
            .record(1, "zhujiajiao")
            .unwrap()
            .notes
            .len(),
        1
    );
}

#[test]
fn size_quota_behaves_like_quota_exceeded() {
    let mem = MemoryStore::new();
    mem.set_quota(Some(400));
    let mut tab = ProgressStore::new(&mem);
    let mut doc = loaded(&mut tab, 1);
    doc.add_note(1, "zhujiajiao", "n1", &"长".repeat(500), 2)
        .unwrap();
    assert_eq!(
        tab.save(&mut doc, 3),
        Err(SaveError::Store(StoreError::QuotaExceeded))
    );
    assert!(doc.record(1, "zhujiajiao").is_some());
}

#[test]
fn corrupt_data_is_backed_up_verbatim_and_reported() {
    let mem = MemoryStore::new();
    let garbage = "{\"app\":\"qingdan\",\"schema\":1,\"records\":[{\"task\":1,"; // truncated
    mem.put_raw(&progress_key(), garbage);
    let mut tab = ProgressStore::new(&mem);
    let outcome = tab.load(1_669_600_000_000);
    let key = match &outcome {
        LoadOutcome::Corrupt {
            backup_key: Some(key),
            backup_error: None,
            ..
        } => key.clone(),
        other => panic!("expected Corrupt, got {other:?}"),
    };
    assert_eq!(key, StorageKey::CorruptBackup(1_669_600_000_000));
    assert_eq!(mem.raw(&key.to_string()).as_deref(), Some(garbage));
    let msg = outcome.message_zh().unwrap();
    assert!(
        msg.contains("损坏") && msg.contains(&key.to_string()),
        "{msg}"
    );
    assert_eq!(corrupt_backups(&mem).unwrap(), vec![key.clone()]);

    // A valid JSON document of the wrong shape is backed up too.
    let mem2 = MemoryStore::new();
    mem2.put_raw(
        &progress_key(),
        "{\"app\":\"qingdan\",\"schema\":1,\"records\":\"x\"}",
    );
    let mut tab2 = ProgressStore::new(&mem2);
    assert!(matches!(
        tab2.load(5),
        LoadOutcome::Corrupt {
            backup_key: Some(StorageKey::CorruptBackup(5)),
            ..
        }
    ));

    // After the backup, saving a fresh document is allowed; the backup stays.
    let mut doc = ProgressDoc::new(&dataset().meta);
    doc.set_status(2, "jinze", Status::Blocked, 2).unwrap();
    assert_eq!(tab.save(&mut doc, 3), Ok(SaveOutcome::Written));
    assert_eq!(mem.raw(&key.to_string()).as_deref(), Some(garbage));
    assert_eq!(
        corrupt_backups(&mem).unwrap().len(),
        1,
        "backed up once, not again on save"
    );
}

#[test]
fn garbage_written_after_load_is_backed_up_before_save_overwrites_it() {
    let mem = MemoryStore::new();
    let mut tab = ProgressStore::new(&mem);
    let mut doc = loaded(&mut tab, 1);
    doc.set_status(1, "jinze", Status::Done, 2).unwrap();
    tab.save(&mut doc, 3).unwrap();
    mem.put_raw(&progress_key(), "\u{0}garbage from elsewhere");
    assert_eq!(tab.save(&mut doc, 9), Ok(SaveOutcome::Written));
    assert_eq!(
        mem.raw(&StorageKey::CorruptBackup(9).to_string())
            .as_deref(),
        Some("\u{0}garbage from elsewhere")
    );
}

#[test]
fn second_corrupt_backup_in_same_millisecond_gets_its_own_key() {
    let mem = MemoryStore::new();
    mem.put_raw(&StorageKey::CorruptBackup(7).to_string(), "older backup");
    mem.put_raw(&progress_key(), "not json");
    let mut tab = ProgressStore::new(&mem);
    match tab.load(7) {
        LoadOutcome::Corrupt {
            backup_key: Some(k),
            ..
        } => assert_eq!(k, StorageKey::CorruptBackup(8)),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        mem.raw(&StorageKey::CorruptBackup(7).to_string())
            .as_deref(),
        Some("older backup")
    );
}

#[test]
fn corrupt_data_that_cannot_be_backed_up_makes_the_store_read_only() {
    let mem = MemoryStore::new();
    mem.put_raw(&progress_key(), "garbage");
    mem.fail_with(Failure::QuotaOnWrite);
    let mut tab = ProgressStore::new(&mem);
    let outcome = tab.load(1);
    assert!(matches!(
        outcome,
        LoadOutcome::Corrupt {
            backup_key: None,
            backup_error: Some(StoreError::QuotaExceeded),
            ..
        }
    ));
    assert!(outcome.message_zh().unwrap().contains("只读"));
    assert!(tab.is_read_only());
    mem.fail_with(Failure::None);
    let mut doc = ProgressDoc::new(&dataset().meta);
    assert_eq!(tab.save(&mut doc, 2), Err(SaveError::ReadOnly));
    assert_eq!(mem.raw(&progress_key()).as_deref(), Some("garbage"));
}

#[test]
fn newer_schema_opens_read_only_and_save_never_writes() {
    let mem = MemoryStore::new();
    mem.put_raw(&progress_key(), NEWER);
    let mut tab = ProgressStore::new(&mem);
    let outcome = tab.load(1);
    match &outcome {
        LoadOutcome::NewerSchema { found: 2, readable } => {
            assert!(readable.is_some(), "best-effort read for display");
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    assert!(outcome.message_zh().unwrap().contains("只读"));
    assert!(tab.is_read_only());
    let writes = mem.write_count();
    let mut doc = ProgressDoc::new(&dataset().meta);
    doc.set_status(1, "zhujiajiao", Status::Done, 2).unwrap();
    for t in 0..5 {
        assert_eq!(tab.save(&mut doc, 3 + t), Err(SaveError::ReadOnly));
    }
    assert_eq!(mem.write_count(), writes);
    assert_eq!(mem.raw(&progress_key()).as_deref(), Some(NEWER));
    assert!(doc.record(1, "zhujiajiao").is_some(), "edit kept in memory");
}

#[test]
fn newer_schema_written_by_another_tab_stops_this_tab() {
    let mem = MemoryStore::new();
    let mut tab = ProgressStore::new(&mem);
    let mut doc = loaded(&mut tab, 1);
    doc.set_status(1, "zhujiajiao", Status::Done, 2).unwrap();
    tab.save(&mut doc, 3).unwrap();
    mem.put_raw(&progress_key(), NEWER); // a newer app version saved in another tab
    doc.set_status(1, "jinze", Status::Done, 4).unwrap();
    assert_eq!(
        tab.save(&mut doc, 5),
        Err(SaveError::NewerSchema { found: 2 })
    );
    assert_eq!(mem.raw(&progress_key()).as_deref(), Some(NEWER));
    assert!(tab.is_read_only());
}

#[test]
fn two_tabs_stale_tab_never_overwrites_and_both_edits_survive() {
    let mem = MemoryStore::new();
    let mut a = ProgressStore::new(&mem);
    let mut b = ProgressStore::new(&mem);
    let mut doc_a = loaded(&mut a, 1);
    let mut doc_b = loaded(&mut b, 1);

    doc_a.set_status(1, "zhujiajiao", Status::Done, 10).unwrap();
    doc_a
        .add_note(1, "zhujiajiao", "a1", "甲窗口的备注", 11)
        .unwrap();
    assert_eq!(a.save(&mut doc_a, 12), Ok(SaveOutcome::Written));

    // Tab B never saw A's save; its save must merge, not overwrite.
    doc_b
        .set_amount(2, "zhujiajiao", "道路", Some(3.0), 13)
        .unwrap();
    doc_b
        .add_note(1, "zhujiajiao", "b1", "乙窗口的备注", 14)
        .unwrap();
    assert_eq!(b.save(&mut doc_b, 15), Ok(SaveOutcome::MergedWithNewer));
    assert_eq!(doc_b.status(1, "zhujiajiao"), Status::Done);

    // A edits again without reloading: merges B's save.
    doc_a
        .set_status(1, "zhujiajiao", Status::Blocked, 16)
        .unwrap();
    assert_eq!(a.save(&mut doc_a, 17), Ok(SaveOutcome::MergedWithNewer));

    let mut reader = ProgressStore::new(&mem);
    let stored = loaded(&mut reader, 20);
    let r = stored.record(1, "zhujiajiao").unwrap();
    let ids: Vec<&str> = r.notes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, vec!["a1", "b1"]);
    assert_eq!(r.status, Status::Blocked, "newest status wins");
    assert_eq!(
        stored.record(2, "zhujiajiao").unwrap().amount("道路"),
        Some(3.0)
    );
    assert_eq!(stored.revision, 3);
    // Saving again with nothing new from elsewhere is a plain write.
    assert_eq!(a.save(&mut doc_a, 18), Ok(SaveOutcome::Written));
}

#[test]
fn unavailable_storage_reports_and_never_clobbers_later() {
    let mem = MemoryStore::new();
    // Data exists, but this tab cannot read it at start.
    let mut other = ProgressStore::new(&mem);
    let mut existing = loaded(&mut other, 1);
    existing
        .add_note(3, "park", "p1", "园区已存的备注", 2)
        .unwrap();
    other.save(&mut existing, 3).unwrap();

    mem.fail_with(Failure::Disabled);
    let mut tab = ProgressStore::new(&mem);
    let outcome = tab.load(4);
    assert_eq!(outcome, LoadOutcome::Unavailable(StoreError::Unavailable));
    assert!(outcome.message_zh().unwrap().contains("无痕"));
    let mut doc = ProgressDoc::new(&dataset().meta);
    doc.set_status(1, "jinze", Status::InProgress, 5).unwrap();
    assert_eq!(
        tab.save(&mut doc, 6),
        Err(SaveError::Store(StoreError::Unavailable))
    );

    // Storage comes back: the save merges instead of overwriting the existing note.
    mem.fail_with(Failure::None);
    assert_eq!(tab.save(&mut doc, 7), Ok(SaveOutcome::MergedWithNewer));
    let mut reader = ProgressStore::new(&mem);
    let stored = loaded(&mut reader, 8);
    assert!(stored.record(3, "park").is_some());
    assert!(stored.record(1, "jinze").is_some());
}

#[test]
fn before_import_backup_and_small_keys() {
    let mem = MemoryStore::new();
    let tab = ProgressStore::new(&mem);
    let mut doc = ProgressDoc::new(&dataset().meta);
    doc.set_status(1, "jinze", Status::Done, 1).unwrap();
    tab.backup_before_import(&doc).unwrap();
    assert_eq!(tab.read_before_import().unwrap(), Some(doc));

    assert_eq!(load_my_unit(&mem).unwrap(), None);
    save_my_unit(&mem, Some("zhujiajiao")).unwrap();
    assert_eq!(load_my_unit(&mem).unwrap().as_deref(), Some("zhujiajiao"));
    save_my_unit(&mem, None).unwrap();
    assert_eq!(load_my_unit(&mem).unwrap(), None);

    assert_eq!(load_last_export(&mem).unwrap(), None);
    save_last_export(&mem, 1_669_600_000_000).unwrap();
    assert_eq!(load_last_export(&mem).unwrap(), Some(1_669_600_000_000));
    assert_eq!(
        mem.raw("qingdan.last-export").as_deref(),
        Some("1669600000000")
    );
}
