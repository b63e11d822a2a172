//! The task list that ships inside the app, generated from the source document by
//! `cargo run --bin datagen` (never edited by hand; a test guards it).
//!
//! `build.rs` copies it to `OUT_DIR/dataset.json`; setting `QINGDAN_DATASET` at build time embeds
//! another Dataset JSON instead (the benchmark's synthetic lists). Unset, it is
//! `src/data/qingpu-2022.json`.

use crate::domain::lists::{name_from_id, read_list_document, ListSummary, StoredList};
use crate::domain::pinyin::ReadingTable;
use crate::domain::task::{Dataset, DATASET_SCHEMA};
use crate::storage::{load_list_text, stored_lists, KeyValueStore, StoreError};
use crate::text;

/// The embedded dataset JSON, exactly as generated (see `build.rs` for `QINGDAN_DATASET`).
pub const DATASET_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/dataset.json"));

/// The pinyin readings of the embedded list's searched characters, written by `build.rs` from the
/// `pinyin` crate (see [`crate::domain::pinyin`]).
pub const READINGS_TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/readings.txt"));

static READINGS: std::sync::OnceLock<ReadingTable> = std::sync::OnceLock::new();

/// The reading table of the list shown: the embedded list's (read once; an unreadable table, which
/// a build never writes, leaves pinyin search finding nothing rather than stopping the app), or the
/// one stored with an added list ([`open_list`]).
pub fn readings() -> &'static ReadingTable {
    READINGS.get_or_init(|| ReadingTable::parse(READINGS_TEXT).unwrap_or_default())
}

/// The pinyin reading table for a list a user adds, stored with it: the readings of its searched
/// characters from [`common_readings`] (GB 2312's 3 755 level-1 characters plus the built-in
/// list's), and the characters of the list that table has no reading for (pinyin does not find
/// those; plain search does).
pub fn readings_for_added(ds: &Dataset) -> (ReadingTable, Vec<char>) {
    let common = common_readings();
    (
        ReadingTable::for_dataset_from(common, ds),
        common.missing_chars(ds),
    )
}

/// Why the list a link names cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListError {
    /// The embedded list is unusable (a broken build).
    Embedded(DataError),
    /// This browser has no list with that id.
    Missing(String),
    /// The stored list could not be read; the text stays stored.
    Unreadable {
        /// The list's id.
        id: String,
        /// Why, in Chinese.
        problem: String,
    },
    /// The browser's storage could not be read.
    Storage(String),
}

impl ListError {
    /// A message for the user, in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            ListError::Embedded(e) => e.message_zh(),
            ListError::Missing(id) => text::list_missing(&name_from_id(id), id),
            ListError::Unreadable { id, problem } => {
                text::list_unreadable(&name_from_id(id), problem)
            }
            ListError::Storage(e) => text::list_storage(e),
        }
    }
}

/// The list `id` names: the embedded one ([`builtin`]) when `id` is `None` or its own id, else a
/// list added in this browser (read from `store`; its reading table becomes the one pinyin search
/// uses), parsed once and kept for the page's life.
pub fn open_list<S: KeyValueStore>(
    store: Result<S, StoreError>,
    id: Option<&str>,
) -> Result<&'static Dataset, ListError> {
    let embedded = builtin().map_err(|e| ListError::Embedded(e.clone()))?;
    let Some(id) = id.filter(|id| *id != embedded.meta.id) else {
        return Ok(embedded);
    };
    let store = store.map_err(|e| ListError::Storage(e.message_zh()))?;
    let text = load_list_text(&store, id)
        .map_err(|e| ListError::Storage(e.message_zh()))?
        .ok_or_else(|| ListError::Missing(id.to_string()))?;
    let list = read_list_document(&text).map_err(|problem| ListError::Unreadable {
        id: id.to_string(),
        problem,
    })?;
    let _ = READINGS.set(list.readings);
    Ok(Box::leak(Box::new(list.dataset)))
}

/// A list this browser can open, as the lists page and the top bar's switch show it.
#[derive(Debug, Clone, PartialEq)]
pub enum KnownList {
    /// A list that opens: the built-in one (`added` false) or one added in this browser.
    Readable {
        /// What is shown of it.
        summary: ListSummary,
        /// Whether it was added in this browser (and so can be removed).
        added: bool,
    },
    /// Stored but unreadable: it can only be removed.
    Unreadable {
        /// The list's id.
        id: String,
        /// Why it cannot be read, in Chinese.
        problem: String,
    },
}

impl KnownList {
    /// The list's id.
    pub fn id(&self) -> &str {
        match self {
            KnownList::Readable { summary, .. } => &summary.id,
            KnownList::Unreadable { id, .. } => id,
        }
    }
}

/// The built-in list, then every list stored in `store` (by id); `Err` (in Chinese) when the
/// storage cannot be read.
pub fn known_lists<S: KeyValueStore>(
    store: Result<S, StoreError>,
) -> Result<Vec<KnownList>, String> {
    let mut lists = Vec::new();
    if let Ok(ds) = builtin() {
        lists.push(KnownList::Readable {
            summary: ListSummary::of(ds, 0),
            added: false,
        });
    }
    let store = store.map_err(|e| e.message_zh())?;
    for (id, list) in added_lists(&store).map_err(|e| e.message_zh())? {
        lists.push(match list {
            Ok(list) => KnownList::Readable {
                summary: ListSummary::of(&list.dataset, list.added_at),
                added: true,
            },
            Err(problem) => KnownList::Unreadable { id, problem },
        });
    }
    Ok(lists)
}

/// A list added in this browser: its id, and the list read, or why it cannot be (in Chinese).
pub type AddedList = (String, Result<StoredList, String>);

/// Every list added in this browser, by id.
pub fn added_lists<S: KeyValueStore>(store: &S) -> Result<Vec<AddedList>, StoreError> {
    Ok(stored_lists(store)?
        .into_iter()
        .map(|(id, text)| (id, read_list_document(&text)))
        .collect())
}

/// The common reading table, written by `build.rs` from the `pinyin` crate: the 3 755 level-1
/// characters of GB 2312 (一级汉字) and the embedded list's searched characters, no decided
/// words. The source of [`ReadingTable::for_dataset_from`] for a list a user adds. Only a wasm
/// that calls [`common_readings`] holds these bytes (a `const` is copied where it is used, and
/// nothing else uses it).
pub const COMMON_READINGS_TEXT: &str =
    include_str!(concat!(env!("OUT_DIR"), "/common-readings.txt"));

/// The common reading table (read once; an unreadable table, which a build never writes, is
/// empty, so every character of an added list is reported missing rather than stopping the app).
pub fn common_readings() -> &'static ReadingTable {
    static TABLE: std::sync::OnceLock<ReadingTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| ReadingTable::parse(COMMON_READINGS_TEXT).unwrap_or_default())
}

/// Why the embedded dataset could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataError {
    /// The JSON did not parse into a [`Dataset`].
    Invalid(String),
    /// The JSON was written for a different dataset schema.
    Schema(u32),
}

impl DataError {
    /// A message for the user, in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            DataError::Invalid(e) => text::data_invalid(e),
            DataError::Schema(v) => text::data_schema(*v, DATASET_SCHEMA),
        }
    }
}

/// Parses a dataset document and checks its schema version (through a JSON value, see
/// [`crate::domain::task::from_json`]).
pub fn parse_dataset(json: &str) -> Result<Dataset, DataError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| DataError::Invalid(e.to_string()))?;
    let ds = crate::domain::task::from_json::dataset(value).map_err(DataError::Invalid)?;
    if ds.schema != DATASET_SCHEMA {
        return Err(DataError::Schema(ds.schema));
    }
    Ok(ds)
}

/// The embedded dataset, parsed afresh (a caller may change it; the app uses [`builtin`]).
pub fn embedded() -> Result<Dataset, DataError> {
    parse_dataset(DATASET_JSON)
}

/// The embedded dataset, parsed once for the page's life and shared by everything that needs it
/// (the list shown, the lists page, the top bar's switch, checks against the built-in id).
pub fn builtin() -> Result<&'static Dataset, &'static DataError> {
    static BUILTIN: std::sync::OnceLock<Result<Dataset, DataError>> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(embedded).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_dataset_parses() {
        let ds = embedded().expect("embedded dataset parses");
        assert_eq!(ds.tasks.len(), 74);
    }

    #[test]
    fn default_build_embeds_the_real_list() {
        // Only a build without QINGDAN_DATASET promises the real list (the benchmark sets it).
        if option_env!("QINGDAN_DATASET").is_none_or(str::is_empty) {
            assert_eq!(DATASET_JSON, include_str!("qingpu-2022.json"));
        }
    }

    #[test]
    fn the_embedded_readings_parse() {
        assert_eq!(ReadingTable::parse(READINGS_TEXT).as_ref(), Ok(readings()));
        assert_eq!(readings().readings('重'), ["zhong", "chong", "tong"]);
    }

    #[test]
    fn the_common_readings_parse_and_hold_the_list_s_characters() {
        let common = common_readings();
        assert_eq!(
            ReadingTable::parse(COMMON_READINGS_TEXT).as_ref(),
            Ok(common)
        );
        assert!(common.words().is_empty());
        // The 3 755 level-1 characters of GB 2312 (each has a reading) and the list's own.
        assert!(common.len() >= 3755, "{}", common.len());
        assert_eq!(common.readings('重'), ["zhong", "chong", "tong"]);
        let ds = embedded().expect("embedded dataset");
        assert_eq!(common.missing_chars(&ds), Vec::<char>::new());
    }

    #[test]
    fn wrong_schema_is_reported() {
        let json =
            DATASET_JSON.replacen(&format!("\"schema\":{DATASET_SCHEMA}"), "\"schema\":999", 1);
        // Pretty or compact output: accept either spelling of the field.
        let json = json.replacen(
            &format!("\"schema\": {DATASET_SCHEMA}"),
            "\"schema\": 999",
            1,
        );
        assert_eq!(parse_dataset(&json), Err(DataError::Schema(999)));
    }

    #[test]
    fn the_hand_reading_equals_the_derived_one() {
        let derived: Dataset = serde_json::from_str(DATASET_JSON).expect("derived reading");
        assert_eq!(embedded().expect("hand reading"), derived);
        let mini = include_str!("../../tests/fixtures/dataset-mini.json");
        let derived: Dataset = serde_json::from_str(mini).expect("derived reading");
        assert_eq!(parse_dataset(mini).expect("hand reading"), derived);
    }

    #[test]
    fn a_wrong_field_is_named() {
        let bad = DATASET_JSON.replacen("\"scope\":\"", "\"scope\":\"nowhere", 1);
        let Err(DataError::Invalid(e)) = parse_dataset(&bad) else {
            panic!("accepted a bad scope");
        };
        assert!(e.contains("scope"), "{e}");
        let bad = DATASET_JSON.replacen("\"name\":", "\"nom\":", 1);
        assert!(matches!(parse_dataset(&bad), Err(DataError::Invalid(e)) if e.contains("name")));
    }

    #[test]
    fn garbage_is_reported_not_panicked() {
        let err = parse_dataset("{not json").unwrap_err();
        assert!(err.message_zh().contains("无法读取"));
    }
}
