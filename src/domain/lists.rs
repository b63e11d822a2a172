//! Task lists beside the one built into the app: the document a list added in this browser is
//! stored as, and how a list is named when it is missing.
//!
//! A list is known by its id, [`DatasetMeta::id`], which the source parser derives from the
//! list's own title (`2023年青浦区…` → `qingpu-2023`; a district it has no slug for gets
//! `list-2023-<hash of the text>`). Progress documents, exports and share links carry that id, so
//! progress made for one list is never applied to another. Adding a list whose id is already
//! stored replaces it (a corrected text of the same year's list): progress, which refers to task
//! numbers and units, stays.
//!
//! The stored document is JSON: `{"app":"qingdan","kind":"list","schema":1,"added_at":<ms>,
//! "source_name":"…","readings":"<reading table text>","dataset":{…the Dataset JSON…}}`. The
//! dataset is the same JSON the app embeds (read by the same hand-written reader), and the reading
//! table is the pinyin table search uses for that list, computed when it was added.
//!
//! [`DatasetMeta::id`]: crate::domain::task::DatasetMeta::id

use serde_json::Value;

use super::messages;
use super::pinyin::ReadingTable;
use super::task::{from_json, Dataset, DATASET_SCHEMA};

/// The `kind` of a stored list document.
const KIND: &str = "list";
/// The stored list document's format version.
pub const LIST_SCHEMA: u64 = 1;

/// A list added in this browser, read back from storage.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredList {
    /// The list.
    pub dataset: Dataset,
    /// Its pinyin reading table.
    pub readings: ReadingTable,
    /// When it was added (ms since epoch).
    pub added_at: i64,
    /// The name of the file it came from ("" when pasted).
    pub source_name: String,
}

/// What the list page shows of a stored list without keeping it all.
#[derive(Debug, Clone, PartialEq)]
pub struct ListSummary {
    /// The list's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its plan year.
    pub year: i32,
    /// How many tasks it has.
    pub tasks: usize,
    /// When it was added (ms since epoch; 0 for the built-in list).
    pub added_at: i64,
}

impl ListSummary {
    /// The summary of a dataset.
    pub fn of(ds: &Dataset, added_at: i64) -> ListSummary {
        ListSummary {
            id: ds.meta.id.clone(),
            title: ds.meta.title.clone(),
            year: ds.meta.year,
            tasks: ds.tasks.len(),
            added_at,
        }
    }
}

/// The stored document for a list (see the module docs). `dataset_json` is the list's Dataset
/// JSON, as the parser writes it.
pub fn list_document(
    dataset_json: &str,
    readings: &ReadingTable,
    added_at: i64,
    source_name: &str,
) -> String {
    let text = |s: &str| Value::from(s).to_string();
    format!(
        "{{\"app\":\"qingdan\",\"kind\":\"{KIND}\",\"schema\":{LIST_SCHEMA},\"added_at\":{added_at},\
         \"source_name\":{},\"readings\":{},\"dataset\":{}}}",
        text(source_name),
        text(&readings.to_text()),
        dataset_json.trim()
    )
}

/// Reads a stored list document. The error is a Chinese sentence saying what is wrong.
pub fn read_list_document(text: &str) -> Result<StoredList, String> {
    let value: Value =
        serde_json::from_str(text).map_err(|_| messages::LIST_STORED_NOT_JSON.to_string())?;
    let Value::Object(mut obj) = value else {
        return Err(messages::LIST_STORED_NOT_JSON.to_string());
    };
    let str_field = |obj: &serde_json::Map<String, Value>, key: &str| {
        obj.get(key).and_then(Value::as_str).map(str::to_string)
    };
    if str_field(&obj, "app").as_deref() != Some("qingdan")
        || str_field(&obj, "kind").as_deref() != Some(KIND)
    {
        return Err(messages::LIST_STORED_NOT_A_LIST.to_string());
    }
    match obj.get("schema").and_then(Value::as_u64) {
        Some(LIST_SCHEMA) => {}
        Some(n) if n > LIST_SCHEMA => return Err(messages::list_stored_newer(n)),
        _ => return Err(messages::LIST_STORED_NOT_A_LIST.to_string()),
    }
    let dataset = obj
        .remove("dataset")
        .ok_or_else(|| messages::list_stored_bad("dataset"))
        .and_then(|v| from_json::dataset(v).map_err(|e| messages::list_stored_bad(&e)))?;
    if dataset.schema != DATASET_SCHEMA {
        return Err(messages::list_stored_bad("schema"));
    }
    let readings = str_field(&obj, "readings")
        .and_then(|t| ReadingTable::parse(&t).ok())
        .unwrap_or_default();
    Ok(StoredList {
        dataset,
        readings,
        added_at: obj.get("added_at").and_then(Value::as_i64).unwrap_or(0),
        source_name: str_field(&obj, "source_name").unwrap_or_default(),
    })
}

/// The districts whose lists get a readable id (`qingpu-2023`): district as the title writes it,
/// and its slug. The source parser makes ids with it, and [`name_from_id`] reads them back.
pub const DISTRICT_SLUGS: [(&str, &str); 1] = [("青浦区", "qingpu")];

/// A readable name for a list known only by its id (a link to a list this browser does not
/// have): `qingpu-2023` → 青浦区2023年清单; other ids as they are.
pub fn name_from_id(id: &str) -> String {
    let mut parts = id.splitn(2, '-');
    let (slug, rest) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let year = rest
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
    match (DISTRICT_SLUGS.iter().find(|(_, s)| *s == slug), year) {
        (Some((district, _)), Some(year)) if rest.len() == 4 => messages::list_name(district, year),
        (None, Some(year)) if slug == "list" => {
            format!("{}（{id}）", messages::list_name("", year))
        }
        _ => id.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::sample::sample_dataset;

    #[test]
    fn a_list_document_round_trips() {
        let ds = sample_dataset();
        let json = crate::source::parser::dataset_to_json(&ds);
        let table = ReadingTable::parse("r1\n农nong重zhong,chong\n").expect("table");
        let doc = list_document(&json, &table, 1_700_000_000_000, "2023年清单.txt");
        let back = read_list_document(&doc).expect("reads back");
        assert_eq!(back.dataset, ds);
        assert_eq!(back.readings, table);
        assert_eq!(back.added_at, 1_700_000_000_000);
        assert_eq!(back.source_name, "2023年清单.txt");
    }

    #[test]
    fn a_bad_document_says_what_is_wrong() {
        assert!(read_list_document("{oops")
            .unwrap_err()
            .contains("无法读取"));
        assert!(
            read_list_document("{\"app\":\"qingdan\",\"kind\":\"progress\"}")
                .unwrap_err()
                .contains("不是")
        );
        let newer = "{\"app\":\"qingdan\",\"kind\":\"list\",\"schema\":9,\"dataset\":{}}";
        assert!(read_list_document(newer).unwrap_err().contains("9"));
        let broken = "{\"app\":\"qingdan\",\"kind\":\"list\",\"schema\":1,\"dataset\":{}}";
        assert!(read_list_document(broken).unwrap_err().contains("schema"));
    }

    #[test]
    fn a_missing_list_is_named_from_its_id() {
        assert_eq!(name_from_id("qingpu-2023"), "青浦区2023年清单");
        assert_eq!(
            name_from_id("list-2024-0123abcd"),
            "2024年清单（list-2024-0123abcd）"
        );
        assert_eq!(name_from_id("whatever"), "whatever");
        assert_eq!(name_from_id("qingpu-20x3"), "qingpu-20x3");
    }
}
