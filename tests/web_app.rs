//! In-browser glue: the embedded dataset parses in wasm, and the app's progress state loads real
//! localStorage safely (corrupt data backed up, edits saved, a failed save keeps the edit).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use qingdan::data;
use qingdan::domain::progress::Status;
use qingdan::state::progress::{NoticeKind, ProgressState};
use qingdan::storage::{KeyValueStore, LocalStorage, StorageKey};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn clear_app_keys(ls: &LocalStorage) {
    for key in ls.keys().unwrap_or_default() {
        if key.starts_with("qingdan.") {
            let _ = ls.remove(&key);
        }
    }
}

#[wasm_bindgen_test]
fn embedded_dataset_parses_in_the_browser() {
    let ds = data::embedded().expect("embedded dataset");
    assert_eq!(ds.tasks.len(), 74);
    assert_eq!(ds.units.len(), 12);
    assert!(ds.tasks.iter().all(|t| t.deadline.is_some()));
}

#[wasm_bindgen_test]
fn progress_state_backs_up_corrupt_storage_and_saves_edits() {
    let ls = LocalStorage::open().expect("localStorage");
    clear_app_keys(&ls);
    let garbage = "{\"app\":\"qingdan\", not json";
    ls.set(&StorageKey::Progress.to_string(), garbage)
        .expect("seed");

    let owner = Owner::new();
    owner.set();
    let ds = data::embedded().expect("dataset");
    let progress = ProgressState::load(&ds);
    let notices = progress.notices.get_untracked();
    assert!(notices.iter().any(|n| n.kind == NoticeKind::Error));
    let backups: Vec<String> = ls
        .keys()
        .expect("keys")
        .into_iter()
        .filter(|k| k.starts_with("qingdan.backup.corrupt."))
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(ls.get(&backups[0]).expect("get").as_deref(), Some(garbage));

    progress
        .edit(|d, now| d.set_status(9, "zhujiajiao", Status::Done, now))
        .expect("edit accepted");
    assert!(!progress.unsaved.get_untracked());
    let stored = ls
        .get(&StorageKey::Progress.to_string())
        .expect("get")
        .expect("written");
    assert!(stored.contains("zhujiajiao"));

    // A second load (another tab, a reload) sees the edit.
    let again = ProgressState::load(&ds);
    assert_eq!(
        again.doc.get_untracked().status(9, "zhujiajiao"),
        Status::Done
    );
    clear_app_keys(&ls);
}
