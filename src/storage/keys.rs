//! Every localStorage key the app uses.

use std::fmt;
use std::str::FromStr;

const PROGRESS: &str = "qingdan.progress.v1";
const MY_UNIT: &str = "qingdan.my-unit";
const CORRUPT_PREFIX: &str = "qingdan.backup.corrupt.";
const BEFORE_IMPORT: &str = "qingdan.backup.before-import";
const LAST_EXPORT: &str = "qingdan.last-export";
const LIST_PREFIX: &str = "qingdan.list.";

/// A storage key. `Display` gives the key string and `FromStr` parses it back (round trip).
///
/// The `v1` in the progress key names the key's generation, not the document schema (which is
/// inside the document and migrated in place), so it should never need to change.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StorageKey {
    /// `qingdan.progress.v1`: the progress document.
    Progress,
    /// `qingdan.my-unit`: the unit this device works for.
    MyUnit,
    /// `qingdan.backup.corrupt.<millis>`: unreadable progress text, kept verbatim.
    CorruptBackup(i64),
    /// `qingdan.backup.before-import`: the document as it was before the last import.
    BeforeImport,
    /// `qingdan.last-export`: when the last export was made (ms since epoch, decimal).
    LastExport,
    /// `qingdan.list.<id>`: a task list added in this browser (see `crate::domain::lists`).
    List(String),
}

impl StorageKey {
    /// Whether each task list keeps its own value under this key (progress and everything about
    /// it), as opposed to one for the browser ("我的街镇", the lists themselves). See
    /// [`super::ListScoped`].
    pub fn is_per_list(&self) -> bool {
        match self {
            StorageKey::Progress
            | StorageKey::CorruptBackup(_)
            | StorageKey::BeforeImport
            | StorageKey::LastExport => true,
            StorageKey::MyUnit | StorageKey::List(_) => false,
        }
    }
}

impl fmt::Display for StorageKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageKey::Progress => f.write_str(PROGRESS),
            StorageKey::MyUnit => f.write_str(MY_UNIT),
            StorageKey::CorruptBackup(ms) => write!(f, "{CORRUPT_PREFIX}{ms}"),
            StorageKey::BeforeImport => f.write_str(BEFORE_IMPORT),
            StorageKey::LastExport => f.write_str(LAST_EXPORT),
            StorageKey::List(id) => write!(f, "{LIST_PREFIX}{id}"),
        }
    }
}

/// The text is not one of the app's storage keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey;

impl FromStr for StorageKey {
    type Err = UnknownKey;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            PROGRESS => Ok(StorageKey::Progress),
            MY_UNIT => Ok(StorageKey::MyUnit),
            BEFORE_IMPORT => Ok(StorageKey::BeforeImport),
            LAST_EXPORT => Ok(StorageKey::LastExport),
            _ if s.starts_with(LIST_PREFIX) && s.len() > LIST_PREFIX.len() => {
                Ok(StorageKey::List(s[LIST_PREFIX.len()..].to_string()))
            }
            _ => {
                let digits = s.strip_prefix(CORRUPT_PREFIX).ok_or(UnknownKey)?;
                let ms: i64 = digits.parse().map_err(|_| UnknownKey)?;
                // Only the canonical spelling, so parse and display round-trip exactly.
                if ms.to_string() == digits {
                    Ok(StorageKey::CorruptBackup(ms))
                } else {
                    Err(UnknownKey)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for k in [
            StorageKey::Progress,
            StorageKey::MyUnit,
            StorageKey::CorruptBackup(1_669_600_000_123),
            StorageKey::CorruptBackup(-5),
            StorageKey::BeforeImport,
            StorageKey::LastExport,
            StorageKey::List("qingpu-2023".into()),
        ] {
            assert_eq!(k.to_string().parse::<StorageKey>(), Ok(k.clone()));
        }
        assert_eq!(
            StorageKey::CorruptBackup(42).to_string(),
            "qingdan.backup.corrupt.42"
        );
        assert!("qingdan.backup.corrupt.042".parse::<StorageKey>().is_err());
        assert!("qingdan.backup.corrupt.+42".parse::<StorageKey>().is_err());
        assert!("other".parse::<StorageKey>().is_err());
        assert!("qingdan.list.".parse::<StorageKey>().is_err());
    }
}
