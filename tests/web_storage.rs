//! Real localStorage round trip through `LocalStorage` and the `ProgressStore` rules.
//! Runs in a browser only: `wasm-pack test --headless --chrome` (or firefox).
#![cfg(target_arch = "wasm32")]

use qingdan::domain::progress::{ProgressDoc, Status};
use qingdan::domain::task::DatasetMeta;
use qingdan::storage::{
    KeyValueStore, LoadOutcome, LocalStorage, ProgressStore, SaveOutcome, StorageKey,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn meta() -> DatasetMeta {
    DatasetMeta {
        id: "qingpu-2022".into(),
        title: "2022年青浦区乡村振兴重点任务清单".into(),
        year: 2022,
        district: "青浦区".into(),
        source_file: "test".into(),
        content_hash: "00000000feedbeef".into(),
    }
}

fn clear_app_keys(ls: &LocalStorage) {
    for key in ls.keys().unwrap_or_default() {
        if key.starts_with("qingdan.") {
            let _ = ls.remove(&key);
        }
    }
}

#[wasm_bindgen_test]
fn local_storage_raw_round_trip() {
    let ls = LocalStorage::open().expect("localStorage available in the test browser");
    clear_app_keys(&ls);
    let key = StorageKey::MyUnit.to_string();
    ls.set(&key, "zhujiajiao 朱家角镇 😀").expect("set");
    assert_eq!(
        ls.get(&key).expect("get").as_deref(),
        Some("zhujiajiao 朱家角镇 😀")
    );
    assert!(ls.keys().expect("keys").contains(&key));
    ls.remove(&key).expect("remove");
    assert_eq!(ls.get(&key).expect("get"), None);
}

#[wasm_bindgen_test]
fn progress_save_load_and_two_tabs_in_local_storage() {
    let ls = LocalStorage::open().expect("localStorage available in the test browser");
    clear_app_keys(&ls);

    let mut tab_a = ProgressStore::new(ls.clone());
    let mut tab_b = ProgressStore::new(ls.clone());
    assert_eq!(tab_a.load(1), LoadOutcome::Fresh);
    assert_eq!(tab_b.load(1), LoadOutcome::Fresh);

    let mut doc_a = ProgressDoc::new(&meta());
    doc_a
        .set_status(2, "zhujiajiao", Status::InProgress, 10)
        .unwrap();
    doc_a
        .add_note(2, "zhujiajiao", "a-1", "=开工, \"桥梁\"待招标\r\n😀", 11)
        .unwrap();
    assert_eq!(tab_a.save(&mut doc_a, 12), Ok(SaveOutcome::Written));

    let mut doc_b = ProgressDoc::new(&meta());
    doc_b
        .add_note(2, "zhujiajiao", "b-1", "乙窗口", 13)
        .unwrap();
    assert_eq!(tab_b.save(&mut doc_b, 14), Ok(SaveOutcome::MergedWithNewer));

    let mut reader = ProgressStore::new(ls.clone());
    match reader.load(20) {
        LoadOutcome::Loaded(doc) => {
            let r = doc.record(2, "zhujiajiao").expect("record");
            assert_eq!(r.status, Status::InProgress);
            assert_eq!(r.notes.len(), 2);
            assert_eq!(doc, doc_b);
        }
        other => panic!("expected Loaded, got {other:?}"),
    }

    // Corrupt text in real storage is backed up verbatim.
    ls.set(&StorageKey::Progress.to_string(), "{broken")
        .unwrap();
    let mut tab_c = ProgressStore::new(ls.clone());
    match tab_c.load(30) {
        LoadOutcome::Corrupt {
            backup_key: Some(key),
            ..
        } => assert_eq!(
            ls.get(&key.to_string()).unwrap().as_deref(),
            Some("{broken")
        ),
        other => panic!("expected Corrupt, got {other:?}"),
    }
    clear_app_keys(&ls);
}
