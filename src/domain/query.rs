//! Browsing the task list: the query (free text + facets + sort), filtering, and facet counts.
//!
//! Within one facet the selected values combine with OR, different facets and the text combine
//! with AND. The count shown for a facet value is the number of tasks that match the text and
//! every *other* facet and have that value, so a facet stays useful while one of its values is
//! selected.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::search::{task_matches, terms, SearchIndex};
use super::sort::sort_by;
use super::summary::{task_applies, unit_name};
use super::task::{Dataset, Scope, Task};
use super::town::{applies_to, by_deadline};

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

pub(crate) use url_keys;

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
            StatusKey::NotStarted => "未开始",
            StatusKey::InProgress => "推进中",
            StatusKey::Done => "已完成",
            StatusKey::Blocked => "存在困难",
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
            ScopeKey::AllTowns => "11个街镇",
            ScopeKey::AllTownsAndPark => "11个街镇及现代农业园区",
            ScopeKey::Listed => "指定单位",
            ScopeKey::District => "区级",
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
            SortKey::Number => "按序号",
            SortKey::Deadline => "按截止时间",
            SortKey::Category => "按类别",
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
        "无日期".to_string()
    } else {
        format!("{month}月")
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
    /// Free text; see [`terms`].
    pub text: String,
    /// Category ids.
    pub categories: BTreeSet<u8>,
    /// Lead department names.
    pub leads: BTreeSet<String>,
    /// Deadline months 1..=12; 0 = no deadline.
    pub months: BTreeSet<u32>,
    /// Unit ids; a task is selected if it applies to one of them. `district` selects the tasks
    /// the district level reports on (a roll-up cell's link to a task names its unit so).
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

/// The facets, for "match every facet except this one".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Facet {
    Category,
    Lead,
    Month,
    Unit,
    Scope,
    Status,
}

/// A query prepared for matching many tasks.
struct Matcher<'q> {
    ds: &'q Dataset,
    q: &'q TaskQuery,
    terms: Vec<String>,
    /// Per task (dataset order), whether it matches the text, when a [`SearchIndex`] answered.
    text: Option<Vec<bool>>,
    status: &'q dyn Fn(&Task) -> StatusKey,
}

impl Matcher<'_> {
    fn facet_matches(&self, task: &Task, facet: Facet) -> bool {
        let q = self.q;
        match facet {
            Facet::Category => q.categories.is_empty() || q.categories.contains(&task.category),
            Facet::Lead => q.leads.is_empty() || task.leads.iter().any(|l| q.leads.contains(l)),
            Facet::Month => q.months.is_empty() || q.months.contains(&deadline_month(task)),
            Facet::Unit => {
                q.units.is_empty() || q.units.iter().any(|u| task_applies(self.ds, task, u))
            }
            Facet::Scope => {
                q.scopes.is_empty() || q.scopes.contains(&ScopeKey::from_scope(task.scope))
            }
            Facet::Status => q.statuses.is_empty() || q.statuses.contains(&(self.status)(task)),
        }
    }

    /// Whether task `i` (dataset order) matches the text.
    fn text_matches(&self, i: usize, task: &Task) -> bool {
        match &self.text {
            Some(ok) => ok[i],
            None => task_matches(task, &self.terms),
        }
    }

    /// Matches the text and every facet except `skip`.
    fn matches_except(&self, i: usize, task: &Task, skip: Option<Facet>) -> bool {
        const ALL: [Facet; 6] = [
            Facet::Category,
            Facet::Lead,
            Facet::Month,
            Facet::Unit,
            Facet::Scope,
            Facet::Status,
        ];
        self.text_matches(i, task)
            && ALL
                .iter()
                .filter(|&&f| Some(f) != skip)
                .all(|&f| self.facet_matches(task, f))
    }
}

fn matcher<'q>(
    ds: &'q Dataset,
    q: &'q TaskQuery,
    status: &'q dyn Fn(&Task) -> StatusKey,
    index: Option<&SearchIndex>,
) -> Matcher<'q> {
    let terms = terms(&q.text);
    Matcher {
        ds,
        q,
        text: index.map(|ix| ix.matches(&terms)),
        terms,
        status,
    }
}

/// The tasks matching the query, in its sort order.
pub fn filter_tasks<'a>(
    ds: &'a Dataset,
    q: &TaskQuery,
    status: &dyn Fn(&Task) -> StatusKey,
) -> Vec<&'a Task> {
    filter_tasks_in(ds, q, status, None)
}

/// [`filter_tasks`], with the text search answered by `index` (built for `ds.tasks`) when given.
pub fn filter_tasks_in<'a>(
    ds: &'a Dataset,
    q: &TaskQuery,
    status: &dyn Fn(&Task) -> StatusKey,
    index: Option<&SearchIndex>,
) -> Vec<&'a Task> {
    let m = matcher(ds, q, status, index);
    let mut out: Vec<&Task> = ds
        .tasks
        .iter()
        .enumerate()
        .filter(|(i, t)| m.matches_except(*i, t, None))
        .map(|(_, t)| t)
        .collect();
    q.sort.sort(&mut out);
    out
}

/// One value of a facet with its count.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetValue<K> {
    /// The value as stored in [`TaskQuery`].
    pub key: K,
    /// Chinese label.
    pub label: String,
    /// Tasks matching the text and the other facets that have this value.
    pub count: usize,
    /// True if the value is selected in the query.
    pub selected: bool,
}

/// The values and counts of every facet.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetCounts {
    /// By category id.
    pub categories: Vec<FacetValue<u8>>,
    /// By number of tasks led in the whole dataset (descending), then name.
    pub leads: Vec<FacetValue<String>>,
    /// Months ascending, then "无日期" (0) last.
    pub months: Vec<FacetValue<u32>>,
    /// Units in dataset order, labelled with the full name.
    pub units: Vec<FacetValue<String>>,
    /// All scopes in enum order.
    pub scopes: Vec<FacetValue<ScopeKey>>,
    /// All statuses in enum order.
    pub statuses: Vec<FacetValue<StatusKey>>,
}

/// Which facets each task matches, computed once per query: counting a facet then needs only
/// these flags instead of re-running the text search and every other facet per value.
struct Flags {
    /// Per task (dataset order): matches the text, and matches each facet (in [`FACETS`] order).
    rows: Vec<(bool, [bool; 6])>,
}

/// Every facet, in the order of [`Flags`].
const FACETS: [Facet; 6] = [
    Facet::Category,
    Facet::Lead,
    Facet::Month,
    Facet::Unit,
    Facet::Scope,
    Facet::Status,
];

impl Flags {
    fn new(m: &Matcher<'_>) -> Flags {
        let rows =
            m.ds.tasks
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let text = m.text_matches(i, t);
                    let mut f = [true; 6];
                    if text {
                        for (slot, facet) in f.iter_mut().zip(FACETS) {
                            *slot = m.facet_matches(t, facet);
                        }
                    }
                    (text, f)
                })
                .collect();
        Flags { rows }
    }

    /// Whether task `i` matches the text and every facet except `skip`.
    fn matches_except(&self, i: usize, skip: Facet) -> bool {
        let (text, f) = &self.rows[i];
        *text
            && FACETS
                .iter()
                .zip(f)
                .all(|(facet, ok)| *facet == skip || *ok)
    }
}

/// Counts for the values of one facet: `keys` with labels, and which values a task has.
fn count_facet<K, I>(
    m: &Matcher<'_>,
    flags: &Flags,
    facet: Facet,
    keys: Vec<(K, String)>,
    selected: &dyn Fn(&K) -> bool,
    task_values: &dyn Fn(&Task) -> I,
) -> Vec<FacetValue<K>>
where
    K: Ord + Clone,
    I: IntoIterator<Item = K>,
{
    let mut counts: BTreeMap<K, usize> = BTreeMap::new();
    let mut values: Vec<K> = Vec::new();
    for (i, task) in m.ds.tasks.iter().enumerate() {
        if flags.matches_except(i, facet) {
            // A task counts once per distinct value it has (a task has few values: a Vec beats
            // a set here).
            values.clear();
            for v in task_values(task) {
                if !values.contains(&v) {
                    values.push(v);
                }
            }
            for v in values.drain(..) {
                *counts.entry(v).or_default() += 1;
            }
        }
    }
    keys.into_iter()
        .map(|(key, label)| FacetValue {
            count: counts.get(&key).copied().unwrap_or(0),
            selected: selected(&key),
            key,
            label,
        })
        .collect()
}

/// Facet values with counts for the query. Every value that occurs in the dataset is listed, even
/// with count 0, and so is every selected value (so a selection never disappears from view).
pub fn facet_counts(
    ds: &Dataset,
    q: &TaskQuery,
    status: &dyn Fn(&Task) -> StatusKey,
) -> FacetCounts {
    let m = matcher(ds, q, status, None);
    let flags = Flags::new(&m);
    counts_with(&m, &flags)
}

/// [`filter_tasks`] and [`facet_counts`] in one pass over the tasks (the list page needs both on
/// every keystroke; the text search then runs once per task instead of twice).
pub fn filter_and_count<'a>(
    ds: &'a Dataset,
    q: &TaskQuery,
    status: &dyn Fn(&Task) -> StatusKey,
) -> (Vec<&'a Task>, FacetCounts) {
    filter_and_count_in(ds, q, status, None)
}

/// [`filter_and_count`], with the text search answered by `index` (built for `ds.tasks`) when
/// given.
pub fn filter_and_count_in<'a>(
    ds: &'a Dataset,
    q: &TaskQuery,
    status: &dyn Fn(&Task) -> StatusKey,
    index: Option<&SearchIndex>,
) -> (Vec<&'a Task>, FacetCounts) {
    let m = matcher(ds, q, status, index);
    let flags = Flags::new(&m);
    let mut tasks: Vec<&Task> = ds
        .tasks
        .iter()
        .zip(&flags.rows)
        .filter(|(_, (text, f))| *text && f.iter().all(|ok| *ok))
        .map(|(t, _)| t)
        .collect();
    q.sort.sort(&mut tasks);
    (tasks, counts_with(&m, &flags))
}

fn counts_with(m: &Matcher<'_>, flags: &Flags) -> FacetCounts {
    let (ds, q, status) = (m.ds, m.q, m.status);

    let mut cat_keys: Vec<(u8, String)> = ds
        .categories
        .iter()
        .map(|c| (c.id, format!("{}{}", c.number, c.name)))
        .collect();
    for &id in &q.categories {
        if !cat_keys.iter().any(|(k, _)| *k == id) {
            cat_keys.push((id, category_label(ds, id)));
        }
    }
    sort_by(&mut cat_keys, &|a, b| a.0.cmp(&b.0));

    let mut lead_keys: Vec<(String, String)> = leads_index(ds)
        .into_iter()
        .map(|(name, _)| (name.clone(), name))
        .collect();
    for lead in &q.leads {
        if !lead_keys.iter().any(|(k, _)| k == lead) {
            lead_keys.push((lead.clone(), lead.clone()));
        }
    }

    // `extend`, not `collect`: collecting into a B-tree set sorts, one more sort monomorph.
    let mut months: BTreeSet<u32> = BTreeSet::new();
    months.extend(ds.tasks.iter().map(deadline_month));
    months.extend(q.months.iter().copied());
    let month_keys: Vec<(u32, String)> = months
        .iter()
        .copied()
        .filter(|&mo| mo != 0)
        .chain(months.contains(&0).then_some(0))
        .map(|mo| (mo, month_label(mo)))
        .collect();

    let mut unit_keys: Vec<(String, String)> = ds
        .units
        .iter()
        .map(|u| (u.id.clone(), u.name.clone()))
        .collect();
    for id in &q.units {
        if !unit_keys.iter().any(|(k, _)| k == id) {
            let label = unit_name(ds, id).unwrap_or(id);
            unit_keys.push((id.clone(), label.to_string()));
        }
    }

    let categories = count_facet(
        m,
        flags,
        Facet::Category,
        cat_keys,
        &|k| q.categories.contains(k),
        &|t| [t.category],
    );
    let leads = count_facet(
        m,
        flags,
        Facet::Lead,
        lead_keys,
        &|k| q.leads.contains(k),
        &|t| t.leads.clone(),
    );
    let months = count_facet(
        m,
        flags,
        Facet::Month,
        month_keys,
        &|k| q.months.contains(k),
        &|t| [deadline_month(t)],
    );
    // Ids selected in the URL that the dataset lacks apply only where an allocation names them;
    // `district` (a link to a task's district-level progress) selects the district-level tasks.
    let unknown_ids: Vec<&String> = q
        .units
        .iter()
        .filter(|id| !ds.units.iter().any(|u| &u.id == *id))
        .collect();
    let units = count_facet(
        m,
        flags,
        Facet::Unit,
        unit_keys,
        &|k| q.units.contains(k),
        &|t| {
            ds.units
                .iter()
                .filter(|u| applies_to(t, u))
                .map(|u| u.id.clone())
                .chain(
                    unknown_ids
                        .iter()
                        .filter(|id| task_applies(ds, t, id))
                        .map(|id| (*id).clone()),
                )
                .collect::<Vec<_>>()
        },
    );
    let scopes = count_facet(
        m,
        flags,
        Facet::Scope,
        ScopeKey::ALL
            .iter()
            .map(|&k| (k, k.label().to_string()))
            .collect(),
        &|k| q.scopes.contains(k),
        &|t| [ScopeKey::from_scope(t.scope)],
    );
    let statuses = count_facet(
        m,
        flags,
        Facet::Status,
        StatusKey::ALL
            .iter()
            .map(|&k| (k, k.label().to_string()))
            .collect(),
        &|k| q.statuses.contains(k),
        &|t| [status(t)],
    );

    FacetCounts {
        categories,
        leads,
        months,
        units,
        scopes,
        statuses,
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
    use crate::domain::sample::sample_dataset;

    fn todo(_: &Task) -> StatusKey {
        StatusKey::NotStarted
    }

    fn ids(tasks: &[&Task]) -> Vec<u16> {
        tasks.iter().map(|t| t.id).collect()
    }

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
    fn the_district_unit_selects_the_district_level_tasks() {
        use crate::domain::progress::DISTRICT;
        let ds = sample_dataset();
        let mut q = TaskQuery::default();
        q.toggle_unit(DISTRICT);
        let want: Vec<u16> = ds
            .tasks
            .iter()
            .filter(|t| t.scope == Scope::District)
            .map(|t| t.id)
            .collect();
        assert!(!want.is_empty());
        assert_eq!(ids(&filter_tasks(&ds, &q, &todo)), want);
        // Its facet value is named 区级 and counts the same tasks.
        let (_, counts) = filter_and_count(&ds, &q, &todo);
        let v = counts.units.iter().find(|v| v.key == DISTRICT).unwrap();
        assert_eq!(
            (v.label.as_str(), v.count, v.selected),
            ("区级", want.len(), true)
        );
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
    fn empty_query_lists_everything_by_number() {
        let ds = sample_dataset();
        let r = filter_tasks(&ds, &TaskQuery::default(), &todo);
        assert_eq!(ids(&r), [1, 2, 3, 4, 5, 6, 7, 8]);
    }

    #[test]
    fn leads_index_counts_double_leads_twice() {
        let ds = sample_dataset();
        let idx = leads_index(&ds);
        assert_eq!(idx[0], ("区农业农村委".to_string(), vec![1, 3, 4, 7, 8]));
        assert_eq!(idx.len(), 6);
        assert!(idx.contains(&("区委组织部".to_string(), vec![4])));
        assert!(idx.contains(&("区绿化市容局".to_string(), vec![7])));
        assert_eq!(ids(&tasks_led_by(&ds, "区农业农村委")), [1, 3, 4, 7, 8]);
    }

    #[test]
    fn month_labels() {
        assert_eq!(month_label(10), "10月");
        assert_eq!(month_label(0), "无日期");
    }
}
