//! The task list as data: the types the embedded JSON deserialises into.
//!
//! These are plain serde types with no browser or UI dependency, so the data generator, the native
//! tests and the wasm app share exactly one definition of the dataset.

use serde::{Deserialize, Serialize};

/// Version of the embedded dataset format. Bump it when a field changes meaning.
pub const DATASET_SCHEMA: u32 = 1;

/// One whole task list (the 2022 Qingpu list today; another list could sit beside it later).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// Format version of this document, see [`DATASET_SCHEMA`].
    pub schema: u32,
    /// What this list is and where it came from.
    pub meta: DatasetMeta,
    /// The categories in source order ("(一)持续推进“两个示范村”建设" …).
    pub categories: Vec<Category>,
    /// The 12 units (11 towns/subdistricts and the Modern Agriculture Park).
    pub units: Vec<Unit>,
    /// The tasks in source order (区级序号 1..=74).
    pub tasks: Vec<Task>,
}

/// Identity of a dataset; progress records name the list they belong to through `id` and
/// `content_hash`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetMeta {
    /// Stable id of the list, e.g. `qingpu-2022`.
    pub id: String,
    /// Title as in the source, e.g. `2022年青浦区乡村振兴重点任务清单`.
    pub title: String,
    /// The plan year; deadlines like "10月底" fall in it.
    pub year: i32,
    /// The district, e.g. `青浦区`.
    pub district: String,
    /// File name of the source document the data was generated from.
    pub source_file: String,
    /// Hex digest of the source document's bytes (FNV-1a 64), so a changed source is noticed.
    pub content_hash: String,
}

/// A category such as "(五)调优调整农业产业结构".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// 1-based position (一 = 1 … 十四 = 14); also used in URLs.
    pub id: u8,
    /// The number as written, e.g. `(五)`.
    pub number: String,
    /// The name without the number, e.g. `调优调整农业产业结构`.
    pub name: String,
}

/// What kind of administrative unit a [`Unit`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 镇
    Town,
    /// 街道
    Subdistrict,
    /// 现代农业园区: not one of the "11个街镇".
    Park,
}

/// One of the 12 units that receive tasks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Readable URL id (pinyin slug), e.g. `zhujiajiao`.
    pub id: String,
    /// Full name, e.g. `朱家角镇`.
    pub name: String,
    /// Short names the source uses for it, e.g. `["朱家角"]`, `["农业园区"]` (a bare `园区` never
    /// occurs in the 2022 source, so it is not listed).
    pub short_names: Vec<String>,
    /// Town, subdistrict or the park.
    pub kind: UnitKind,
}

/// The stored and URL form of [`UnitKey::District`]: progress records, exports and links write
/// the district level as `"district"` beside the unit slugs.
pub const DISTRICT_KEY: &str = "district";

/// Who reports on a task: one unit, by its id, or the district level (区级). Documents, exports
/// and URLs keep the string form ([`UnitKey::as_str`]); code that reads one parses it once
/// ([`UnitKey::parse`]) and matches on the variant instead of comparing with `"district"`.
/// Borrowed and `Copy`, so passing one costs no allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKey<'a> {
    /// The district level: the district-scope tasks and any allocation naming it.
    District,
    /// A unit id such as `zhujiajiao` (an imported file may name one the dataset lacks).
    Unit(&'a str),
}

impl<'a> UnitKey<'a> {
    /// The key a stored or URL string names: [`DISTRICT_KEY`] is the district level, anything
    /// else a unit id.
    pub fn parse(key: &'a str) -> UnitKey<'a> {
        if key == DISTRICT_KEY {
            UnitKey::District
        } else {
            UnitKey::Unit(key)
        }
    }

    /// The stored and URL form (the inverse of [`UnitKey::parse`]).
    pub fn as_str(self) -> &'a str {
        match self {
            UnitKey::District => DISTRICT_KEY,
            UnitKey::Unit(id) => id,
        }
    }
}

/// The catalogue: looking units and tasks up, and which tasks a unit reports on, in one place.
impl Dataset {
    /// A unit by id.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// A task by id.
    pub fn task(&self, id: u16) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// Every unit key: the units in dataset order, then the district level.
    pub fn unit_keys(&self) -> impl Iterator<Item = UnitKey<'_>> {
        self.units
            .iter()
            .map(|u| UnitKey::Unit(u.id.as_str()))
            .chain(std::iter::once(UnitKey::District))
    }

    /// Whether `key` is the district level or one of the dataset's units.
    pub fn is_known(&self, key: UnitKey) -> bool {
        match key {
            UnitKey::District => true,
            UnitKey::Unit(id) => self.unit(id).is_some(),
        }
    }

    /// Whether `key` has to report on `task`.
    ///
    /// District-scope tasks belong to the district level only; the others to the units their
    /// scope covers (the 11 街镇, plus the park for `AllTownsAndPark`) and to every unit the
    /// allocation names, even outside the scope. A unit id the dataset lacks has the tasks whose
    /// allocations name it.
    pub fn applies(&self, task: &Task, key: UnitKey) -> bool {
        match key {
            UnitKey::District => task.scope == Scope::District || task.names_unit(DISTRICT_KEY),
            UnitKey::Unit(id) => match self.unit(id) {
                Some(u) => task.applies_to(u),
                None => task.names_unit(id),
            },
        }
    }
}

impl Task {
    /// True if the task's allocations name the unit id.
    pub fn names_unit(&self, unit_id: &str) -> bool {
        self.allocations.iter().any(|a| a.unit == unit_id)
    }

    /// True if the task applies to the unit: the allocation names it, or the scope is
    /// [`Scope::AllTowns`] and the unit is not the park, or the scope is
    /// [`Scope::AllTownsAndPark`]. District-level tasks apply to no unit in particular.
    pub fn applies_to(&self, unit: &Unit) -> bool {
        self.names_unit(&unit.id)
            || match self.scope {
                Scope::AllTowns => unit.kind != UnitKind::Park,
                Scope::AllTownsAndPark => true,
                Scope::Listed | Scope::District => false,
            }
    }
}

/// Which units a task applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// All 11 街镇 ("11个街镇", "各街镇", "每个街镇", "各相关街镇" …), not the park. Also used when
    /// the allocation text names every one of the 11 individually (e.g. task 45's full list).
    AllTowns,
    /// The 11 街镇 and the Modern Agriculture Park (an all-towns phrase or a full list, plus the
    /// park named).
    AllTownsAndPark,
    /// Only the units listed in the allocation.
    Listed,
    /// District level: no breakdown by town.
    District,
}

/// One task row of the source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// 区级序号 (1..=74): the task's id everywhere in the app.
    pub id: u16,
    /// 市级序号 as written.
    pub city_no: u16,
    /// Id of its [`Category`].
    pub category: u8,
    /// 任务名称, with line breaks that only split the name removed.
    pub name: String,
    /// 任务要求及举措, verbatim (line breaks and spaces as in the source).
    pub requirements: String,
    /// 区级牵头部门 as written, e.g. `区委组织部/区农业农村委`.
    pub lead_text: String,
    /// The lead departments as a list, e.g. `["区委组织部", "区农业农村委"]`.
    pub leads: Vec<String>,
    /// 街镇任务量 as written, line breaks and spaces kept; empty where the source cell is empty.
    pub allocation_text: String,
    /// 完成时间节点 as written, e.g. `10月底`.
    pub deadline_text: String,
    /// The deadline as an ISO date in the plan year (`10月底` → `2022-10-31`), if it names one.
    pub deadline: Option<crate::domain::date::Date>,
    /// Which units the task applies to.
    pub scope: Scope,
    /// Each unit's own share, for the units the allocation text names (in the canonical unit
    /// order of [`Dataset::units`]); a unit named without a number has no items.
    pub allocations: Vec<UnitAllocation>,
}

/// What one task asks of one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitAllocation {
    /// The [`Unit`] id.
    pub unit: String,
    /// Quantified assignments (道路 8公里, 桥梁 8座 …); may be empty when the unit is only named.
    pub items: Vec<Assignment>,
    /// Villages named under this unit (e.g. `徐练村`), in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub villages: Vec<String>,
}

/// One quantified assignment, e.g. 道路 8 公里.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// What is measured, e.g. `道路`, `粮食任务`, `蔬菜播种面积`, `示范村`.
    pub metric: String,
    /// The number as a value, e.g. `8.0`, `21500.0`, `5.54`.
    pub value: f64,
    /// Unit of measure, e.g. `公里`, `座`, `亩`, `万亩次`, `个`; empty if the source gives none.
    pub measure: String,
    /// The phrase of the source it came from, e.g. `朱家角8`.
    pub phrase: String,
}

/// A district-wide total the allocation text states for one metric, e.g. `全区落实粮食任务12.4万亩`
/// for 粮食任务 (124 000 亩).
#[derive(Debug, Clone, PartialEq)]
pub struct StatedTotal {
    /// The metric, named exactly as in the units' [`Assignment`]s.
    pub metric: String,
    /// The total in the assignments' measure (12.4万亩 becomes 124000 for items in 亩).
    pub value: f64,
    /// The assignments' measure, e.g. `亩`.
    pub measure: String,
}

/// Reading a dataset from a parsed JSON value by hand, field by field.
///
/// The app parses the embedded list (and any list a user opens) with `serde_json` into a
/// [`serde_json::Value`], which the progress import needs anyway, and converts that here, moving
/// the strings out of the value. The derived `Deserialize` would instantiate serde_json's
/// deserializer once more for every type of the dataset (about 8 KB gzip of wasm) for the same
/// result; a test keeps the two readings equal.
pub mod from_json {
    use serde_json::{Map, Value};

    use super::{
        Assignment, Category, Dataset, DatasetMeta, Scope, Task, Unit, UnitAllocation, UnitKind,
    };
    use crate::domain::date::Date;

    /// What was wrong, as a path and a reason (shown inside a Chinese message by the caller).
    pub type Error = String;

    fn field(obj: &mut Map<String, Value>, key: &str) -> Result<Value, Error> {
        obj.remove(key)
            .ok_or_else(|| format!("missing field `{key}`"))
    }

    fn object(v: Value, what: &str) -> Result<Map<String, Value>, Error> {
        match v {
            Value::Object(m) => Ok(m),
            _ => Err(format!("{what}: expected an object")),
        }
    }

    fn string(obj: &mut Map<String, Value>, key: &str) -> Result<String, Error> {
        match field(obj, key)? {
            Value::String(s) => Ok(s),
            _ => Err(format!("`{key}`: expected a string")),
        }
    }

    fn uint(obj: &mut Map<String, Value>, key: &str, max: u64) -> Result<u64, Error> {
        field(obj, key)?
            .as_u64()
            .filter(|&n| n <= max)
            .ok_or_else(|| format!("`{key}`: expected an integer up to {max}"))
    }

    fn list<T>(
        obj: &mut Map<String, Value>,
        key: &str,
        item: fn(Value) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        items(field(obj, key)?, key, item)
    }

    /// The array `v` (the value of `key`), each element read by `item`.
    fn items<T>(v: Value, key: &str, item: fn(Value) -> Result<T, Error>) -> Result<Vec<T>, Error> {
        let Value::Array(a) = v else {
            return Err(format!("`{key}`: expected an array"));
        };
        a.into_iter()
            .enumerate()
            .map(|(i, v)| item(v).map_err(|e| format!("{key}[{i}]: {e}")))
            .collect()
    }

    fn strings(v: Value) -> Result<String, Error> {
        match v {
            Value::String(s) => Ok(s),
            _ => Err("expected a string".into()),
        }
    }

    fn meta(v: Value) -> Result<DatasetMeta, Error> {
        let mut o = object(v, "meta")?;
        Ok(DatasetMeta {
            id: string(&mut o, "id")?,
            title: string(&mut o, "title")?,
            year: field(&mut o, "year")?
                .as_i64()
                .and_then(|y| i32::try_from(y).ok())
                .ok_or("`year`: expected a year")?,
            district: string(&mut o, "district")?,
            source_file: string(&mut o, "source_file")?,
            content_hash: string(&mut o, "content_hash")?,
        })
    }

    fn category(v: Value) -> Result<Category, Error> {
        let mut o = object(v, "category")?;
        Ok(Category {
            id: uint(&mut o, "id", u8::MAX.into())? as u8,
            number: string(&mut o, "number")?,
            name: string(&mut o, "name")?,
        })
    }

    fn unit(v: Value) -> Result<Unit, Error> {
        let mut o = object(v, "unit")?;
        Ok(Unit {
            id: string(&mut o, "id")?,
            name: string(&mut o, "name")?,
            short_names: list(&mut o, "short_names", strings)?,
            kind: match string(&mut o, "kind")?.as_str() {
                "town" => UnitKind::Town,
                "subdistrict" => UnitKind::Subdistrict,
                "park" => UnitKind::Park,
                other => return Err(format!("`kind`: unknown unit kind `{other}`")),
            },
        })
    }

    fn assignment(v: Value) -> Result<Assignment, Error> {
        let mut o = object(v, "assignment")?;
        Ok(Assignment {
            metric: string(&mut o, "metric")?,
            value: field(&mut o, "value")?
                .as_f64()
                .ok_or("`value`: expected a number")?,
            measure: string(&mut o, "measure")?,
            phrase: string(&mut o, "phrase")?,
        })
    }

    fn allocation(v: Value) -> Result<UnitAllocation, Error> {
        let mut o = object(v, "allocation")?;
        Ok(UnitAllocation {
            unit: string(&mut o, "unit")?,
            items: list(&mut o, "items", assignment)?,
            // Optional: left out when empty.
            villages: match o.remove("villages") {
                None => Vec::new(),
                Some(v) => items(v, "villages", strings)?,
            },
        })
    }

    fn task(v: Value) -> Result<Task, Error> {
        let mut o = object(v, "task")?;
        let id = uint(&mut o, "id", u16::MAX.into())? as u16;
        let at = |e: Error| format!("task {id}: {e}");
        Ok(Task {
            id,
            city_no: uint(&mut o, "city_no", u16::MAX.into()).map_err(at)? as u16,
            category: uint(&mut o, "category", u8::MAX.into()).map_err(at)? as u8,
            name: string(&mut o, "name").map_err(at)?,
            requirements: string(&mut o, "requirements").map_err(at)?,
            lead_text: string(&mut o, "lead_text").map_err(at)?,
            leads: list(&mut o, "leads", strings).map_err(at)?,
            allocation_text: string(&mut o, "allocation_text").map_err(at)?,
            deadline_text: string(&mut o, "deadline_text").map_err(at)?,
            deadline: match field(&mut o, "deadline").map_err(at)? {
                Value::Null => None,
                Value::String(s) => Some(
                    Date::parse_iso(&s)
                        .ok_or_else(|| at(format!("`deadline`: not a date: {s}")))?,
                ),
                _ => return Err(at("`deadline`: expected a date or null".into())),
            },
            scope: match string(&mut o, "scope").map_err(at)?.as_str() {
                "all_towns" => Scope::AllTowns,
                "all_towns_and_park" => Scope::AllTownsAndPark,
                "listed" => Scope::Listed,
                "district" => Scope::District,
                other => return Err(at(format!("`scope`: unknown scope `{other}`"))),
            },
            allocations: list(&mut o, "allocations", allocation).map_err(at)?,
        })
    }

    /// The dataset in `v`; `Err` names the first field that is missing or of the wrong type.
    /// Unknown fields are ignored, as with the derived reading.
    pub fn dataset(v: Value) -> Result<Dataset, Error> {
        let mut o = object(v, "dataset")?;
        Ok(Dataset {
            schema: uint(&mut o, "schema", u32::MAX.into())? as u32,
            meta: meta(field(&mut o, "meta")?)?,
            categories: list(&mut o, "categories", category)?,
            units: list(&mut o, "units", unit)?,
            tasks: list(&mut o, "tasks", task)?,
        })
    }
}
