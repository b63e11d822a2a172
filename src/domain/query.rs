//! The task query: what selects and orders the task list (free text, the values selected in
//! each facet, the sort order), the keys it is written with in URLs, and the labels of its
//! values. Filtering by it is [`crate::domain::filter`]; what each facet reads of a task is
//! [`crate::domain::facet`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::messages;
use super::sort::sort_by;
use super::task::{Dataset, Scope, Task};
use super::town::by_deadline;

/// A URL keyword that names no known value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey(pub String);

impl fmt::Display for UnknownKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown key: {}", self.0)
    }
}

impl std::error::Error for UnknownKey {}

/// Defines `ALL`, `as_str` and `FromStr`/`Display` for a fieldless enum keyed by URL strings.
macro_rules! url_keys {
    ($ty:ident { $($variant:ident => $key:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The keyword used in URLs.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $key),+
                }
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::domain::query::UnknownKey;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($key => Ok($ty::$variant),)+
                    _ => Err($crate::domain::query::UnknownKey(s.to_string())),
                }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// Progress status as far as browsing is concerned (the UI maps the progress model onto it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusKey {
    /// 未开始 (`todo`)
    NotStarted,
    /// 推进中 (`doing`)
    InProgress,
    /// 已完成 (`done`)
    Done,
    /// 存在困难 (`blocked`)
    Blocked,
}

url_keys!(StatusKey {
    NotStarted => "todo",
    InProgress => "doing",
    Done => "done",
    Blocked => "blocked",
});

impl StatusKey {
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            StatusKey::NotStarted => messages::STATUS_NOT_STARTED,
            StatusKey::InProgress => messages::STATUS_IN_PROGRESS,
            StatusKey::Done => messages::STATUS_DONE,
            StatusKey::Blocked => messages::STATUS_BLOCKED,
        }
    }
}

/// A task's [`Scope`] as a facet value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScopeKey {
    /// [`Scope::AllTowns`] (`all`)
    AllTowns,
    /// [`Scope::AllTownsAndPark`] (`all-park`)
    AllTownsAndPark,
    /// [`Scope::Listed`] (`listed`)
    Listed,
    /// [`Scope::District`] (`district`)
    District,
}

url_keys!(ScopeKey {
    AllTowns => "all",
    AllTownsAndPark => "all-park",
    Listed => "listed",
    District => "district",
});

impl ScopeKey {
    /// The key of a scope.
    pub fn from_scope(scope: Scope) -> ScopeKey {
        match scope {
            Scope::AllTowns => ScopeKey::AllTowns,
            Scope::AllTownsAndPark => ScopeKey::AllTownsAndPark,
            Scope::Listed => ScopeKey::Listed,
            Scope::District => ScopeKey::District,
        }
    }

    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            ScopeKey::AllTowns => messages::SCOPE_ALL_TOWNS,
            ScopeKey::AllTownsAndPark => messages::SCOPE_ALL_TOWNS_AND_PARK,
            ScopeKey::Listed => messages::SCOPE_LISTED,
            ScopeKey::District => messages::DISTRICT_NAME,
        }
    }
}

/// Order of the task list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// By 区级序号 (task id).
    #[default]
    Number,
    /// By deadline (tasks without one last), then id.
    Deadline,
    /// By category, then id.
    Category,
}

url_keys!(SortKey {
    Number => "no",
    Deadline => "deadline",
    Category => "cat",
});

impl SortKey {
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Number => messages::SORT_NUMBER,
            SortKey::Deadline => messages::SORT_DEADLINE,
            SortKey::Category => messages::SORT_CATEGORY,
        }
    }

    /// Sorts tasks in this order.
    pub fn sort(self, tasks: &mut [&Task]) {
        match self {
            SortKey::Number => sort_by(tasks, &|a, b| a.id.cmp(&b.id)),
            SortKey::Deadline => sort_by(tasks, &|a, b| by_deadline(a, b)),
            SortKey::Category => {
                sort_by(tasks, &|a, b| (a.category, a.id).cmp(&(b.category, b.id)))
            }
        }
    }
}

/// The month facet value of a task: 1..=12 for its deadline's month, 0 if it has none.
pub fn deadline_month(task: &Task) -> u32 {
    task.deadline.map_or(0, |d| d.month())
}

/// Label of a month facet value: "10月", or "无日期" for 0.
pub fn month_label(month: u32) -> String {
    if month == 0 {
        messages::NO_DATE.to_string()
    } else {
        messages::month(month)
    }
}

/// Label of a category: number and name, e.g. "(五)调优调整农业产业结构"; the bare id if unknown.
pub fn category_label(ds: &Dataset, id: u8) -> String {
    ds.categories
        .iter()
        .find(|c| c.id == id)
        .map_or_else(|| id.to_string(), |c| format!("{}{}", c.number, c.name))
}

/// Everything that selects and orders the task list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaskQuery {
    /// Free text; see [`crate::domain::search::terms`].
    pub text: String,
    /// Category ids.
    pub categories: BTreeSet<u8>,
    /// Lead department names.
    pub leads: BTreeSet<String>,
    /// Deadline months 1..=12; 0 = no deadline.
    pub months: BTreeSet<u32>,
    /// Unit ids; a task is selected if it applies to one of them.
    pub units: BTreeSet<String>,
    /// Scopes.
    pub scopes: BTreeSet<ScopeKey>,
    /// Progress statuses.
    pub statuses: BTreeSet<StatusKey>,
    /// Order of the result.
    pub sort: SortKey,
}

fn toggle<T: Ord>(set: &mut BTreeSet<T>, value: T) {
    if !set.remove(&value) {
        set.insert(value);
    }
}

impl TaskQuery {
    /// True if any facet value is selected or the text is not blank.
    pub fn has_facets(&self) -> bool {
        !self.text.trim().is_empty()
            || !self.categories.is_empty()
            || !self.leads.is_empty()
            || !self.months.is_empty()
            || !self.units.is_empty()
            || !self.scopes.is_empty()
            || !self.statuses.is_empty()
    }

    /// Clears the text and every facet; keeps the sort order.
    pub fn clear_facets(&mut self) {
        *self = TaskQuery {
            sort: self.sort,
            ..TaskQuery::default()
        };
    }

    /// Selects the category if unselected, else unselects it.
    pub fn toggle_category(&mut self, id: u8) {
        toggle(&mut self.categories, id);
    }

    /// Selects the lead department if unselected, else unselects it.
    pub fn toggle_lead(&mut self, lead: &str) {
        if !self.leads.remove(lead) {
            self.leads.insert(lead.to_string());
        }
    }

    /// Selects the month (0 = no deadline) if unselected, else unselects it.
    pub fn toggle_month(&mut self, month: u32) {
        toggle(&mut self.months, month);
    }

    /// Selects the unit id if unselected, else unselects it.
    pub fn toggle_unit(&mut self, unit_id: &str) {
        if !self.units.remove(unit_id) {
            self.units.insert(unit_id.to_string());
        }
    }

    /// Selects the scope if unselected, else unselects it.
    pub fn toggle_scope(&mut self, scope: ScopeKey) {
        toggle(&mut self.scopes, scope);
    }

    /// Selects the status if unselected, else unselects it.
    pub fn toggle_status(&mut self, status: StatusKey) {
        toggle(&mut self.statuses, status);
    }
}

/// Every lead department with the ids of the tasks it leads (a task with two leads is listed
/// under both), by number of tasks (descending) then name.
pub fn leads_index(ds: &Dataset) -> Vec<(String, Vec<u16>)> {
    let mut map: BTreeMap<&str, Vec<u16>> = BTreeMap::new();
    for task in &ds.tasks {
        let mut distinct: BTreeSet<&str> = BTreeSet::new();
        distinct.extend(task.leads.iter().map(String::as_str));
        for lead in distinct {
            map.entry(lead).or_default().push(task.id);
        }
    }
    let mut out: Vec<(String, Vec<u16>)> = map
        .into_iter()
        .map(|(name, ids)| (name.to_string(), ids))
        .collect();
    sort_by(&mut out, &|a, b| {
        b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0))
    });
    out
}

/// The tasks a department leads, by id.
pub fn tasks_led_by<'a>(ds: &'a Dataset, lead: &str) -> Vec<&'a Task> {
    ds.tasks
        .iter()
        .filter(|t| t.leads.iter().any(|l| l == lead))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::sample::sample_dataset;

    #[test]
    fn keys_round_trip_through_strings() {
        for &k in StatusKey::ALL {
            assert_eq!(k.as_str().parse::<StatusKey>(), Ok(k));
        }
        for &k in ScopeKey::ALL {
            assert_eq!(k.as_str().parse::<ScopeKey>(), Ok(k));
        }
        for &k in SortKey::ALL {
            assert_eq!(k.to_string().parse::<SortKey>(), Ok(k));
        }
        assert!("Done".parse::<StatusKey>().is_err());
        assert_eq!("all-park".parse(), Ok(ScopeKey::AllTownsAndPark));
        assert_eq!("cat".parse(), Ok(SortKey::Category));
        assert_eq!(StatusKey::Blocked.label(), "存在困难");
        assert_eq!(ScopeKey::AllTownsAndPark.label(), "11个街镇及现代农业园区");
        assert_eq!(SortKey::Deadline.label(), "按截止时间");
    }

    #[test]
    fn toggles_and_clear() {
        let mut q = TaskQuery {
            sort: SortKey::Deadline,
            ..TaskQuery::default()
        };
        assert!(!q.has_facets());
        q.text = "  ".into();
        assert!(!q.has_facets());
        q.toggle_lead("区交通委");
        q.toggle_category(3);
        q.toggle_category(3);
        assert!(q.categories.is_empty());
        assert!(q.has_facets());
        q.toggle_status(StatusKey::Done);
        q.text = "道路".into();
        q.clear_facets();
        assert_eq!(
            q,
            TaskQuery {
                sort: SortKey::Deadline,
                ..TaskQuery::default()
            }
        );
    }

    #[test]
    fn leads_index_counts_double_leads_twice() {
        let ds = sample_dataset();
        let idx = leads_index(&ds);
        assert_eq!(idx[0], ("区农业农村委".to_string(), vec![1, 3, 4, 7, 8]));
        assert_eq!(idx.len(), 6);
        assert!(idx.contains(&("区委组织部".to_string(), vec![4])));
        assert!(idx.contains(&("区绿化市容局".to_string(), vec![7])));
        let led: Vec<u16> = tasks_led_by(&ds, "区农业农村委")
            .iter()
            .map(|t| t.id)
            .collect();
        assert_eq!(led, [1, 3, 4, 7, 8]);
    }

    #[test]
    fn month_labels() {
        assert_eq!(month_label(10), "10月");
        assert_eq!(month_label(0), "无日期");
    }
}
