//! Versioned format of [`ProgressDoc`] and pure migrations from older versions.
//!
//! A stored or exported document carries `schema`. Reading goes: JSON value → check app tag →
//! check schema → apply the migration steps from that version up to [`CURRENT_SCHEMA`] (each step
//! a pure `Value -> Value` function) → deserialise. Schema 1 is the first and current format, so
//! there are no steps yet; a v2 would bump [`CURRENT_SCHEMA`] (beside the document type in
//! [`crate::domain::progress`]), add `v1_to_v2` to `STEPS` and a fixture
//! `tests/fixtures/progress-v2.json`.
//!
//! A document with a *newer* schema than this build knows is reported as
//! [`MigrateError::NewerSchema`]: the app must then open read-only and never overwrite it,
//! because an older build cannot know what it would throw away.

use serde_json::Value;

use crate::domain::messages;
use crate::domain::progress::{ProgressDoc, Record, APP_TAG, CURRENT_SCHEMA};

/// One migration step: turns a document of version `n` into version `n + 1`.
type Step = fn(Value) -> Result<Value, MigrateError>;

/// `STEPS[i]` migrates version `i + 1` to `i + 2`. Empty while schema 1 is the only version.
const STEPS: [Step; (CURRENT_SCHEMA - 1) as usize] = [];

/// Why a JSON value could not be read as a [`ProgressDoc`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrateError {
    /// The top level is not a JSON object.
    NotAnObject,
    /// `app` is missing or not `"qingdan"`: not one of our files.
    WrongApp {
        /// The tag found, if it was a string.
        found: Option<String>,
    },
    /// `schema` is missing or not a positive integer.
    BadSchema,
    /// Written by a newer version of the app.
    NewerSchema {
        /// The schema version in the document.
        found: u64,
    },
    /// The structure does not match the schema.
    Invalid {
        /// Where in the document (e.g. `records[3].notes[0].text`), if known.
        path: String,
        /// What is wrong there, in Chinese.
        problem_zh: String,
    },
}

impl MigrateError {
    /// What is wrong, in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            MigrateError::NotAnObject => messages::DOC_NOT_OBJECT.to_string(),
            MigrateError::WrongApp { found } => messages::wrong_app(found.as_deref()),
            MigrateError::BadSchema => messages::SCHEMA_BAD.to_string(),
            MigrateError::NewerSchema { found } => messages::newer_schema(*found, CURRENT_SCHEMA),
            MigrateError::Invalid { path, problem_zh } => messages::invalid_at(path, problem_zh),
        }
    }
}

impl std::fmt::Display for MigrateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for MigrateError {}

/// Reads the schema version of a document without interpreting the rest.
pub fn schema_of(value: &Value) -> Result<u64, MigrateError> {
    let obj = value.as_object().ok_or(MigrateError::NotAnObject)?;
    match obj.get("app") {
        Some(Value::String(s)) if s == APP_TAG => {}
        Some(Value::String(s)) => {
            return Err(MigrateError::WrongApp {
                found: Some(s.clone()),
            })
        }
        _ => return Err(MigrateError::WrongApp { found: None }),
    }
    match obj.get("schema").and_then(Value::as_u64) {
        Some(n) if n >= 1 => Ok(n),
        _ => Err(MigrateError::BadSchema),
    }
}

/// Brings a document of any known schema up to [`CURRENT_SCHEMA`] and deserialises it.
/// Pure: no storage, no clock.
pub fn migrate(value: Value) -> Result<ProgressDoc, MigrateError> {
    let found = schema_of(&value)?;
    if found > u64::from(CURRENT_SCHEMA) {
        return Err(MigrateError::NewerSchema { found });
    }
    let mut value = value;
    // `found` is in 1..=CURRENT_SCHEMA here, so the slice bounds hold.
    let first = usize::try_from(found - 1).unwrap_or(0);
    for step in STEPS.iter().skip(first) {
        value = step(value)?;
    }
    from_value_zh(value)
}

/// Deserialises a current-schema document, turning serde's error into a Chinese message with
/// the location of the problem.
fn from_value_zh(value: Value) -> Result<ProgressDoc, MigrateError> {
    // Deserialise the envelope and each record separately so an error can name the record.
    let mut value = value;
    let records = match value.as_object_mut().and_then(|o| o.remove("records")) {
        None => Value::Array(Vec::new()),
        Some(v) => v,
    };
    let mut doc: ProgressDoc =
        serde_json::from_value(value).map_err(|e| MigrateError::Invalid {
            path: String::new(),
            problem_zh: messages::serde_problem_zh(&e.to_string()),
        })?;
    let list = match records {
        Value::Array(list) => list,
        _ => {
            return Err(MigrateError::Invalid {
                path: "records".into(),
                problem_zh: messages::NOT_A_LIST.into(),
            })
        }
    };
    let mut parsed = Vec::with_capacity(list.len());
    for (i, r) in list.into_iter().enumerate() {
        let record = serde_json::from_value(r).map_err(|e| MigrateError::Invalid {
            path: format!("records[{i}]"),
            problem_zh: messages::serde_problem_zh(&e.to_string()),
        })?;
        parsed.push(record);
    }
    doc.records = parsed
        .into_iter()
        .map(|mut r: Record| {
            r.normalize();
            r
        })
        .collect();
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn newer_schema_is_reported() {
        let v = json!({"app": "qingdan", "schema": 99, "dataset_id": "x", "dataset_hash": "y"});
        assert_eq!(migrate(v), Err(MigrateError::NewerSchema { found: 99 }));
    }

    #[test]
    fn wrong_app_and_bad_schema() {
        assert!(matches!(
            migrate(json!({"app": "other", "schema": 1})),
            Err(MigrateError::WrongApp { .. })
        ));
        assert_eq!(
            migrate(json!({"app": "qingdan", "schema": "1"})),
            Err(MigrateError::BadSchema)
        );
        assert_eq!(migrate(json!([1])), Err(MigrateError::NotAnObject));
    }

    #[test]
    fn invalid_record_names_its_position() {
        let v = json!({"app": "qingdan", "schema": 1, "dataset_id": "x", "dataset_hash": "y",
            "records": [{"task": 1, "unit": "u", "updated_at": 0}, {"task": "bad"}]});
        match migrate(v) {
            Err(MigrateError::Invalid { path, .. }) => assert_eq!(path, "records[1]"),
            other => panic!("unexpected {other:?}"),
        }
    }
}
