//! The reactive progress state natively, over the in-memory store: edit → save → reload, a
//! failing write that keeps the edit, recovery, and the errors a component shows. Signals and
//! direct calls only (effects need an executor, which native tests do not run).
//! Native only: in the browser the state's store is localStorage, not a `MemoryStore`.
#![cfg(not(target_arch = "wasm32"))]

use leptos::prelude::{GetUntracked, Owner, WithUntracked};
use qingdan::domain::limits::MAX_NOTE_CHARS;
use qingdan::domain::messages::SAVE_READ_ONLY;
use qingdan::domain::progress::{EditError, Note, ProgressDoc, Status};
use qingdan::domain::task::Dataset;
use qingdan::state::progress::{now_ms, Notice, NoticeId, NoticeKind, ProgressState};
use qingdan::storage::{Failure, MemoryStore, ProgressStore, SaveError, StorageKey, StoreError};

const NEWER: &str = include_str!("fixtures/progress-newer-schema.json");
const UNIT: &str = "zhujiajiao";

fn dataset() -> Dataset {
    serde_json::from_str(include_str!("fixtures/dataset-mini.json")).expect("fixture dataset")
}

/// A store holding a saved document in which task 1 of `UNIT` is under way.
fn store_with_saved_doc(ds: &Dataset) -> MemoryStore {
    let mem = MemoryStore::new();
    let mut doc = ProgressDoc::new(&ds.meta);
    doc.set_status(1, UNIT, Status::InProgress, now_ms())
        .expect("status");
    ProgressStore::new(&mem)
        .save(&mut doc, now_ms())
        .expect("saved");
    mem
}

/// The stored progress text, as the browser would keep it.
fn stored_text(state: &ProgressState) -> Option<String> {
    state
        .with_store(|s| s.raw(&StorageKey::Progress.to_string()))
        .flatten()
}

/// What a reload of the page would show: a new state over a store holding the same text.
fn reload(ds: &Dataset, state: &ProgressState) -> ProgressState {
    let mem = MemoryStore::new();
    if let Some(text) = stored_text(state) {
        mem.put_raw(&StorageKey::Progress.to_string(), &text);
    }
    ProgressState::load_with(ds, mem)
}

fn live_note_texts(state: &ProgressState, task: u16) -> Vec<String> {
    state.doc.with_untracked(|d| {
        d.record(task, UNIT)
            .map(|r| {
                r.notes
                    .iter()
                    .filter(|n| n.is_live())
                    .map(|n| n.text.clone())
                    .collect()
            })
            .unwrap_or_default()
    })
}

fn notes(state: &ProgressState, task: u16) -> Vec<Note> {
    state.doc.with_untracked(|d| {
        d.record(task, UNIT)
            .map(|r| r.notes.clone())
            .unwrap_or_default()
    })
}

fn save_notices(state: &ProgressState) -> Vec<String> {
    state
        .notices
        .get_untracked()
        .into_iter()
        .filter(|n| n.id == NoticeId::SaveFailed && n.kind == NoticeKind::Error)
        .map(|n| n.text)
        .collect()
}

#[test]
fn loads_edits_saves_and_reloads() {
    let owner = Owner::new();
    owner.set();
    let ds = dataset();
    let state = ProgressState::load_with(&ds, store_with_saved_doc(&ds));
    assert_eq!(
        state.doc.with_untracked(|d| d.status(1, UNIT)),
        Status::InProgress
    );
    assert!(!state.unsaved.get_untracked());
    assert!(!state.read_only.get_untracked());
    assert!(state.notices.get_untracked().is_empty());
    let writes = state.with_store(|s| s.write_count()).expect("store");

    state
        .edit(|d, now| d.set_status(1, UNIT, Status::Done, now))
        .expect("status edit");
    state.add_note(1, UNIT, "已完成验收").expect("note");
    assert!(!state.unsaved.get_untracked());
    assert_eq!(
        state.with_store(|s| s.write_count()),
        Some(writes + 2),
        "every edit is written at once"
    );
    assert!(save_notices(&state).is_empty());

    let again = reload(&ds, &state);
    assert_eq!(
        again.doc.with_untracked(|d| d.status(1, UNIT)),
        Status::Done
    );
    assert_eq!(live_note_texts(&again, 1), vec!["已完成验收".to_string()]);
    assert_eq!(notes(&again, 1), notes(&state, 1));
}

#[test]
fn note_ids_come_from_the_clock_and_are_distinct() {
    let owner = Owner::new();
    owner.set();
    let ds = dataset();
    let state = ProgressState::load_with(&ds, MemoryStore::new());
    let before = now_ms();
    state.add_note(2, UNIT, "一").expect("first");
    state.add_note(2, UNIT, "二").expect("second");
    let after = now_ms();
    let ids: Vec<String> = notes(&state, 2).into_iter().map(|n| n.id).collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    for id in &ids {
        let (time, random) = id.split_once('-').expect("time-random");
        let ms = i64::from_str_radix(time, 36).expect("base-36 time");
        assert!((before..=after).contains(&ms), "{id}");
        let r = u64::from_str_radix(random, 36).expect("base-36 random part");
        assert!(r < 1 << 53, "{id}");
    }
}

#[test]
fn refused_notes_give_the_domain_message_and_change_nothing() {
    let owner = Owner::new();
    owner.set();
    let ds = dataset();
    let state = ProgressState::load_with(&ds, store_with_saved_doc(&ds));
    let doc = state.doc.get_untracked();
    let text = stored_text(&state);

    assert_eq!(
        state.add_note(1, UNIT, "   "),
        Err(EditError::EmptyNote.message_zh())
    );
    let long = "字".repeat(MAX_NOTE_CHARS + 1);
    assert_eq!(
        state.add_note(1, UNIT, &long),
        Err(EditError::NoteTooLong {
            chars: MAX_NOTE_CHARS + 1
        }
        .message_zh())
    );
    assert_eq!(
        state.add_note(1, "", "好"),
        Err(EditError::BadUnit.message_zh())
    );
    assert_eq!(state.doc.get_untracked(), doc);
    assert_eq!(stored_text(&state), text);
    assert!(!state.unsaved.get_untracked());

    // At the limit it is accepted.
    state
        .add_note(1, UNIT, &"字".repeat(MAX_NOTE_CHARS))
        .expect("a note of exactly the limit");
}

#[test]
fn a_failed_write_keeps_the_edit_in_memory_until_it_can_be_saved() {
    let owner = Owner::new();
    owner.set();
    let ds = dataset();
    let state = ProgressState::load_with(&ds, store_with_saved_doc(&ds));
    let saved = stored_text(&state);
    state.with_store(|s| s.fail_with(Failure::QuotaOnWrite));

    // The edit is accepted (the user's work is not refused), shown, and marked unsaved.
    state
        .edit(|d, now| d.set_status(1, UNIT, Status::Done, now))
        .expect("kept in memory");
    state
        .add_note(1, UNIT, "存不下也要留着")
        .expect("kept in memory");
    assert_eq!(
        state.doc.with_untracked(|d| d.status(1, UNIT)),
        Status::Done
    );
    assert_eq!(
        live_note_texts(&state, 1),
        vec!["存不下也要留着".to_string()]
    );
    assert!(state.unsaved.get_untracked());
    assert_eq!(
        save_notices(&state),
        vec![SaveError::Store(StoreError::QuotaExceeded).message_zh()],
        "one retry notice, however many edits failed"
    );
    assert_eq!(stored_text(&state), saved, "nothing half-written");
    assert_eq!(
        reload(&ds, &state)
            .doc
            .with_untracked(|d| d.status(1, UNIT)),
        Status::InProgress
    );

    // Retrying while the storage is still full changes nothing.
    state.flush();
    assert!(state.unsaved.get_untracked());
    assert_eq!(save_notices(&state).len(), 1);

    // The storage recovers: "重试" writes everything and clears the notice.
    state.with_store(|s| s.fail_with(Failure::None));
    state.flush();
    assert!(!state.unsaved.get_untracked());
    assert!(save_notices(&state).is_empty());
    let again = reload(&ds, &state);
    assert_eq!(
        again.doc.with_untracked(|d| d.status(1, UNIT)),
        Status::Done
    );
    assert_eq!(
        live_note_texts(&again, 1),
        vec!["存不下也要留着".to_string()]
    );
}

#[test]
fn a_newer_apps_document_is_read_only_and_refuses_edits() {
    let owner = Owner::new();
    owner.set();
    let ds = dataset();
    let mem = MemoryStore::new();
    mem.put_raw(&StorageKey::Progress.to_string(), NEWER);
    let state = ProgressState::load_with(&ds, mem);
    assert!(state.read_only.get_untracked());
    assert!(state
        .notices
        .get_untracked()
        .iter()
        .any(|n| n.kind == NoticeKind::Warn));
    let doc = state.doc.get_untracked();
    assert_eq!(
        state.add_note(1, UNIT, "好"),
        Err(SAVE_READ_ONLY.to_string())
    );
    assert_eq!(
        state.edit(|d, now| d.set_status(1, UNIT, Status::Done, now)),
        Err(SAVE_READ_ONLY.to_string())
    );
    assert_eq!(state.doc.get_untracked(), doc);
    assert_eq!(stored_text(&state).as_deref(), Some(NEWER));
}

#[test]
fn notices_are_replaced_and_dismissed_by_their_id_not_their_text() {
    let owner = Owner::new();
    owner.set();
    let ds = dataset();
    let state = ProgressState::load_with(&ds, MemoryStore::new());
    let reminder = |text: &str| Notice {
        id: NoticeId::ExportReminder,
        kind: NoticeKind::Warn,
        text: text.to_string(),
    };
    let texts = || -> Vec<String> {
        state
            .notices
            .get_untracked()
            .into_iter()
            .map(|n| n.text)
            .collect()
    };
    state.show_notice(reminder("旧的提醒"));
    state.show_notice(Notice {
        id: NoticeId::MyUnitNotSaved,
        kind: NoticeKind::Warn,
        text: "未记住".to_string(),
    });
    state.show_notice(reminder("新的提醒"));
    assert_eq!(
        texts(),
        ["新的提醒", "未记住"],
        "one notice per id, in place"
    );
    // Exporting clears the reminder whatever its wording.
    state.mark_exported();
    assert_eq!(texts(), ["未记住"]);
    state.dismiss(NoticeId::MyUnitNotSaved);
    assert!(texts().is_empty());
}
