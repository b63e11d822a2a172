//! A second list, written for the tests (tests/fixtures/list-2023.txt: another year, other units'
//! numbers), goes the whole way a user takes it: read from its table → stored → opened → progress
//! recorded and kept apart from the built-in list's → exported → imported back; and progress or a
//! link made for one list is refused by the other, naming the list.
#![cfg(not(target_arch = "wasm32"))]

use qingdan::data::{embedded, open_list, ListError};
use qingdan::domain::date::Date;
use qingdan::domain::export::export_json;
use qingdan::domain::import::{validate_import, ImportError};
use qingdan::domain::lists::{list_document, read_list_document};
use qingdan::domain::pinyin::ReadingTable;
use qingdan::domain::progress::{ProgressDoc, Status};
use qingdan::domain::share::{decode, encode, ShareError, ShareScope};
use qingdan::domain::task::Dataset;
use qingdan::source::list::read_list;
use qingdan::source::parser::dataset_to_json;
use qingdan::storage::{
    remove_list, save_list, stored_lists, ListScoped, LoadOutcome, MemoryStore, ProgressStore,
    StorageKey,
};

const T0: i64 = 1_685_000_000_000;

fn list_2023() -> Dataset {
    read_list(include_str!("fixtures/list-2023.txt"), "list-2023.txt")
        .expect("the 2023 list reads")
        .dataset
}

/// Stores the 2023 list as the lists page does, and returns its id.
fn add(store: &MemoryStore, ds: &Dataset) -> String {
    let table = ReadingTable::parse("r1\n").expect("empty table");
    let doc = list_document(&dataset_to_json(ds), &table, T0, "list-2023.txt");
    save_list(store, &ds.meta.id, &doc).expect("saved");
    ds.meta.id.clone()
}

#[test]
fn the_second_list_is_a_list_of_its_own_year() {
    let ds = list_2023();
    assert_eq!(ds.meta.id, "qingpu-2023");
    assert_eq!(ds.meta.year, 2023);
    assert_ne!(ds.meta.id, embedded().expect("built-in").meta.id);
    assert!(ds
        .tasks
        .iter()
        .filter_map(|t| t.deadline)
        .all(|d| d.year() == 2023 || d.year() == 2024));
}

#[test]
fn add_open_record_export_import_round_trip() {
    let mem = MemoryStore::new();
    let ds = list_2023();
    let id = add(&mem, &ds);

    // Opened by its id, it is the same list; the built-in one opens without an id.
    let opened = open_list(Ok(&mem), Some(&id)).expect("opens");
    assert_eq!(*opened, ds);
    assert_eq!(
        *open_list(Ok(&mem), None).expect("built-in"),
        embedded().unwrap()
    );
    let stored = stored_lists(&mem).expect("listed");
    assert_eq!(stored.len(), 1);
    assert_eq!(read_list_document(&stored[0].1).expect("reads").dataset, ds);

    // Progress for each list, in one browser: neither overwrites the other.
    let builtin = embedded().unwrap();
    let t = ds
        .tasks
        .iter()
        .find(|t| !t.allocations.is_empty())
        .expect("a task with units' numbers");
    let (task, unit) = (t.id, t.allocations[0].unit.clone());
    let mut doc23 = ProgressDoc::new(&ds.meta);
    doc23.set_status(task, &unit, Status::Done, T0).unwrap();
    doc23
        .add_note(task, &unit, "n1", "2023年已完成", T0)
        .unwrap();
    let mut doc22 = ProgressDoc::new(&builtin.meta);
    doc22
        .set_status(9, "zhujiajiao", Status::Blocked, T0)
        .unwrap();
    let mut s23 = ProgressStore::new(ListScoped::new(&mem, &ds.meta.id));
    let mut s22 = ProgressStore::new(ListScoped::new(&mem, &builtin.meta.id));
    s23.load(T0);
    s22.load(T0);
    s23.save(&mut doc23, T0).unwrap();
    s22.save(&mut doc22, T0).unwrap();
    // "Reload": fresh stores read each list's own document back.
    let reload = |list: &str| match ProgressStore::new(ListScoped::new(&mem, list)).load(T0) {
        LoadOutcome::Loaded(d) => d,
        other => panic!("{list}: {other:?}"),
    };
    let back23 = reload(&ds.meta.id);
    let back22 = reload(&builtin.meta.id);
    assert_eq!(back23.records, doc23.records);
    assert_eq!(back22.records, doc22.records);
    assert_eq!(back23.dataset_title, ds.meta.title);
    // The built-in list's progress stays where it always was.
    assert!(mem.raw(&StorageKey::Progress.to_string()).is_some());

    // Export names the list; import into the same list gives the records back.
    let file = export_json(&back23, None, T0 + 1).expect("export");
    assert!(file.contains("\"dataset_id\": \"qingpu-2023\""), "{file}");
    assert!(file.contains(&ds.meta.title));
    let imported = validate_import(file.as_bytes(), &ds).expect("imports into its list");
    assert_eq!(imported.doc.records, back23.records);

    // …and is refused by the other list, naming the list it was made for.
    let Err(e @ ImportError::OtherDataset { .. }) = validate_import(file.as_bytes(), &builtin)
    else {
        panic!("a 2023 file was accepted by the 2022 list");
    };
    let msg = e.message_zh();
    assert!(
        msg.contains(&ds.meta.title) && msg.contains("qingpu-2023"),
        "{msg}"
    );
    let file22 = export_json(&back22, None, T0).expect("export");
    let msg = validate_import(file22.as_bytes(), &ds)
        .unwrap_err()
        .message_zh();
    assert!(msg.contains("2022年青浦区乡村振兴重点任务清单"), "{msg}");

    // A link made on the 2023 list: read by it, refused by the 2022 list with the list's name.
    let payload = encode(&back23, None, ShareScope::Full, T0).expect("link");
    assert_eq!(
        decode(&payload, &ds).expect("decodes").doc.records,
        back23.records
    );
    let Err(e @ ShareError::OtherDataset { .. }) = decode(&payload, &builtin) else {
        panic!("a 2023 link was accepted by the 2022 list");
    };
    assert!(
        e.message_zh().contains("青浦区2023年清单"),
        "{}",
        e.message_zh()
    );

    // Removing the list removes its progress, and only its.
    remove_list(&mem, &id).unwrap();
    assert!(matches!(
        open_list(Ok(&mem), Some(&id)),
        Err(ListError::Missing(m)) if m == id
    ));
    assert!(matches!(
        ProgressStore::new(ListScoped::new(&mem, &id)).load(T0),
        LoadOutcome::Fresh
    ));
    assert_eq!(reload(&builtin.meta.id).records, doc22.records);
}

#[test]
fn a_link_to_a_missing_list_names_it() {
    let mem = MemoryStore::new();
    let err = open_list(Ok(&mem), Some("qingpu-2023")).unwrap_err();
    let msg = err.message_zh();
    assert!(
        msg.contains("青浦区2023年清单") && msg.contains("qingpu-2023"),
        "{msg}"
    );
    // A stored list that cannot be read says so, and stays stored.
    save_list(&mem, "qingpu-2024", "{broken").unwrap();
    let msg = open_list(Ok(&mem), Some("qingpu-2024"))
        .unwrap_err()
        .message_zh();
    assert!(
        msg.contains("青浦区2024年清单") && msg.contains("无法打开"),
        "{msg}"
    );
    assert_eq!(stored_lists(&mem).unwrap().len(), 1);
}

#[test]
fn deadlines_are_read_in_the_lists_year() {
    let ds = list_2023();
    let by_text = |text: &str| {
        ds.tasks
            .iter()
            .find(|t| t.deadline_text.trim() == text)
            .and_then(|t| t.deadline)
    };
    if let Some(d) = by_text("12月底") {
        assert_eq!(d, Date::from_ymd_opt(2023, 12, 31).unwrap());
    }
}
