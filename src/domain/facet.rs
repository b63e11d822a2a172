//! The six facets of the task list, each described once.
//!
//! [`FacetKind`] says, for each facet, what its URL parameter is called, which values a task has
//! and whether it passes the query's selection, which values the dataset offers and in what
//! order, and which are selected; [`FacetKey`] (one value) says how it is labelled, written in
//! the URL and toggled. Everything that handles facets goes through these two: the filter and
//! its counts ([`crate::domain::filter`]), the URL ([`crate::domain::route`]), the facet panel
//! and the "已选条件" chips. A seventh facet is a variant of each and a field of
//! [`TaskQuery`]; the compiler then points at every match that needs an arm, and a test here at
//! the two lists of all facets.

use std::collections::BTreeSet;

use super::messages::DISTRICT_NAME;
use super::query::{
    category_label, deadline_month, leads_index, month_label, ScopeKey, StatusKey, TaskQuery,
};
use super::sort::sort_by;
use super::task::{Dataset, Task, UnitKey};

/// Whether `task` concerns the unit key `u` of the URL: a unit id, or `district` for the
/// district level (the district-scope tasks: a roll-up cell's link to a task names its unit so).
fn unit_has(ds: &Dataset, task: &Task, u: &str) -> bool {
    ds.applies(task, UnitKey::parse(u))
}

/// One facet of the task list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FacetKind {
    /// 街镇 (`unit=`): the units a task applies to.
    Unit,
    /// 类别 (`cat=`): the task's category.
    Category,
    /// 牵头部门 (`dept=`): the task's lead departments.
    Lead,
    /// 完成时间 (`month=`): the month of the task's deadline, 0 for none.
    Month,
    /// 适用范围 (`scope=`): the task's scope.
    Scope,
    /// 进度状态 (`status=`): the progress status of the task (for "my unit").
    Status,
}

impl FacetKind {
    /// Every facet, in the order the filter panel shows them.
    pub const ALL: [FacetKind; 6] = [
        FacetKind::Unit,
        FacetKind::Category,
        FacetKind::Lead,
        FacetKind::Month,
        FacetKind::Scope,
        FacetKind::Status,
    ];

    /// Every facet in the order of the URL's parameters, which the "已选条件" chips follow too.
    pub const IN_URL_ORDER: [FacetKind; 6] = [
        FacetKind::Category,
        FacetKind::Lead,
        FacetKind::Month,
        FacetKind::Unit,
        FacetKind::Scope,
        FacetKind::Status,
    ];

    /// The name of its URL parameter.
    pub fn param(self) -> &'static str {
        match self {
            FacetKind::Unit => "unit",
            FacetKind::Category => "cat",
            FacetKind::Lead => "dept",
            FacetKind::Month => "month",
            FacetKind::Scope => "scope",
            FacetKind::Status => "status",
        }
    }

    /// Reads one value of the facet as the URL writes it; `None` when it names no valid value
    /// (numbers and keywords may have spaces around them; a month is 0..=12).
    pub fn parse_value(self, text: &str) -> Option<FacetKey> {
        match self {
            FacetKind::Unit => Some(FacetKey::Unit(text.to_string())),
            FacetKind::Category => text.trim().parse().ok().map(FacetKey::Category),
            FacetKind::Lead => Some(FacetKey::Lead(text.to_string())),
            FacetKind::Month => text
                .trim()
                .parse()
                .ok()
                .filter(|&m| m <= 12)
                .map(FacetKey::Month),
            FacetKind::Scope => text.trim().parse().ok().map(FacetKey::Scope),
            FacetKind::Status => text.trim().parse().ok().map(FacetKey::Status),
        }
    }

    /// Whether `task` passes this facet of `q`: nothing is selected in it, or one of the task's
    /// values is. `status` gives a task's progress status.
    pub fn matches(
        self,
        ds: &Dataset,
        q: &TaskQuery,
        status: &dyn Fn(&Task) -> StatusKey,
        task: &Task,
    ) -> bool {
        match self {
            FacetKind::Unit => q.units.is_empty() || q.units.iter().any(|u| unit_has(ds, task, u)),
            FacetKind::Category => q.categories.is_empty() || q.categories.contains(&task.category),
            FacetKind::Lead => q.leads.is_empty() || task.leads.iter().any(|l| q.leads.contains(l)),
            FacetKind::Month => q.months.is_empty() || q.months.contains(&deadline_month(task)),
            FacetKind::Scope => {
                q.scopes.is_empty() || q.scopes.contains(&ScopeKey::from_scope(task.scope))
            }
            FacetKind::Status => q.statuses.is_empty() || q.statuses.contains(&status(task)),
        }
    }

    /// Pushes the values `task` has onto `out` (possibly one value twice: a task may name a lead
    /// twice). A unit id selected in `q` that the dataset lacks is a value of the tasks whose
    /// allocations name it; `district`, of the district-level tasks.
    pub fn task_values(
        self,
        ds: &Dataset,
        q: &TaskQuery,
        status: &dyn Fn(&Task) -> StatusKey,
        task: &Task,
        out: &mut Vec<FacetKey>,
    ) {
        match self {
            FacetKind::Unit => {
                for u in ds.units.iter().filter(|u| task.applies_to(u)) {
                    out.push(FacetKey::Unit(u.id.clone()));
                }
                for id in &q.units {
                    if unit_has(ds, task, id) && ds.unit(id).is_none() {
                        out.push(FacetKey::Unit(id.clone()));
                    }
                }
            }
            FacetKind::Category => out.push(FacetKey::Category(task.category)),
            FacetKind::Lead => out.extend(task.leads.iter().cloned().map(FacetKey::Lead)),
            FacetKind::Month => out.push(FacetKey::Month(deadline_month(task))),
            FacetKind::Scope => out.push(FacetKey::Scope(ScopeKey::from_scope(task.scope))),
            FacetKind::Status => out.push(FacetKey::Status(status(task))),
        }
    }

    /// Every value the facet lists, in its display order: each value that occurs in the dataset,
    /// even if no task would match now, and each value selected in `q` that does not (so a
    /// selection never disappears from view).
    pub fn offered(self, ds: &Dataset, q: &TaskQuery) -> Vec<FacetKey> {
        let mut keys: Vec<FacetKey> = match self {
            // Units in dataset order; leads by number of tasks led (descending), then name.
            FacetKind::Unit => ds
                .units
                .iter()
                .map(|u| FacetKey::Unit(u.id.clone()))
                .collect(),
            FacetKind::Lead => leads_index(ds)
                .into_iter()
                .map(|(name, _)| FacetKey::Lead(name))
                .collect(),
            FacetKind::Category => ds
                .categories
                .iter()
                .map(|c| FacetKey::Category(c.id))
                .collect(),
            FacetKind::Month => {
                // `extend`, not `collect`: collecting into a B-tree set sorts, one more sort
                // monomorph.
                let mut months: BTreeSet<u32> = BTreeSet::new();
                months.extend(ds.tasks.iter().map(deadline_month));
                months.into_iter().map(FacetKey::Month).collect()
            }
            FacetKind::Scope => ScopeKey::ALL.iter().map(|&s| FacetKey::Scope(s)).collect(),
            FacetKind::Status => StatusKey::ALL
                .iter()
                .map(|&s| FacetKey::Status(s))
                .collect(),
        };
        for key in self.selected_in(q) {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        self.into_display_order(ds, &mut keys);
        keys
    }

    /// The values selected in `q`, in the query's own order (ascending, as the URL writes them).
    pub fn selected_in(self, q: &TaskQuery) -> Vec<FacetKey> {
        match self {
            FacetKind::Unit => q.units.iter().cloned().map(FacetKey::Unit).collect(),
            FacetKind::Category => q
                .categories
                .iter()
                .copied()
                .map(FacetKey::Category)
                .collect(),
            FacetKind::Lead => q.leads.iter().cloned().map(FacetKey::Lead).collect(),
            FacetKind::Month => q.months.iter().copied().map(FacetKey::Month).collect(),
            FacetKind::Scope => q.scopes.iter().copied().map(FacetKey::Scope).collect(),
            FacetKind::Status => q.statuses.iter().copied().map(FacetKey::Status).collect(),
        }
    }

    /// The values selected in `q` with their labels, in the order the facet lists them, without
    /// counting any task (for the chips).
    pub fn selected(self, ds: &Dataset, q: &TaskQuery) -> Vec<(FacetKey, String)> {
        let mut keys = self.selected_in(q);
        self.into_display_order(ds, &mut keys);
        keys.into_iter()
            .map(|k| {
                let label = k.label(ds);
                (k, label)
            })
            .collect()
    }

    /// Puts values into the facet's display order, keeping the order of equals: categories by
    /// id, months ascending with "无日期" (0) last, units in dataset order with ids the dataset
    /// lacks last; leads, scopes and statuses stay as they are.
    fn into_display_order(self, ds: &Dataset, keys: &mut [FacetKey]) {
        match self {
            FacetKind::Month => {
                let rank = |k: &FacetKey| match k {
                    FacetKey::Month(m) => (*m == 0, *m),
                    _ => (true, u32::MAX),
                };
                sort_by(keys, &|a, b| rank(a).cmp(&rank(b)))
            }
            FacetKind::Unit => {
                let rank = |k: &FacetKey| match k {
                    FacetKey::Unit(id) => ds.units.iter().position(|u| u.id == *id),
                    _ => None,
                };
                sort_by(keys, &|a, b| {
                    let (a, b) = (rank(a), rank(b));
                    (a.is_none(), a).cmp(&(b.is_none(), b))
                })
            }
            FacetKind::Category => sort_by(keys, &|a, b| a.cmp(b)),
            FacetKind::Lead | FacetKind::Scope | FacetKind::Status => {}
        }
    }
}

/// One value of one facet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FacetKey {
    /// A unit id.
    Unit(String),
    /// A category id.
    Category(u8),
    /// A lead department.
    Lead(String),
    /// A deadline month (0 = none).
    Month(u32),
    /// A scope.
    Scope(ScopeKey),
    /// A status.
    Status(StatusKey),
}

impl FacetKey {
    /// The facet this is a value of.
    pub fn kind(&self) -> FacetKind {
        match self {
            FacetKey::Unit(_) => FacetKind::Unit,
            FacetKey::Category(_) => FacetKind::Category,
            FacetKey::Lead(_) => FacetKind::Lead,
            FacetKey::Month(_) => FacetKind::Month,
            FacetKey::Scope(_) => FacetKind::Scope,
            FacetKey::Status(_) => FacetKind::Status,
        }
    }

    /// The Chinese label: the unit's full name, "(五)调优调整农业产业结构", the department,
    /// "10月" or "无日期", the scope's or status's label. A unit or category the dataset lacks
    /// shows its bare id.
    pub fn label(&self, ds: &Dataset) -> String {
        match self {
            FacetKey::Unit(id) => match UnitKey::parse(id) {
                UnitKey::District => DISTRICT_NAME.to_string(),
                UnitKey::Unit(_) => ds.unit(id).map_or_else(|| id.clone(), |u| u.name.clone()),
            },
            FacetKey::Category(id) => category_label(ds, *id),
            FacetKey::Lead(name) => name.clone(),
            FacetKey::Month(m) => month_label(*m),
            FacetKey::Scope(s) => s.label().to_string(),
            FacetKey::Status(s) => s.label().to_string(),
        }
    }

    /// The value as the URL writes it (before percent-encoding).
    pub fn url_value(&self) -> String {
        match self {
            FacetKey::Unit(text) | FacetKey::Lead(text) => text.clone(),
            FacetKey::Category(id) => id.to_string(),
            FacetKey::Month(m) => m.to_string(),
            FacetKey::Scope(s) => s.as_str().to_string(),
            FacetKey::Status(s) => s.as_str().to_string(),
        }
    }

    /// Whether the value is selected in `q`.
    pub fn is_selected(&self, q: &TaskQuery) -> bool {
        match self {
            FacetKey::Unit(id) => q.units.contains(id),
            FacetKey::Category(id) => q.categories.contains(id),
            FacetKey::Lead(name) => q.leads.contains(name),
            FacetKey::Month(m) => q.months.contains(m),
            FacetKey::Scope(s) => q.scopes.contains(s),
            FacetKey::Status(s) => q.statuses.contains(s),
        }
    }

    /// Selects the value in `q` if unselected, else unselects it.
    pub fn toggle(&self, q: &mut TaskQuery) {
        match self {
            FacetKey::Unit(id) => q.toggle_unit(id),
            FacetKey::Category(id) => q.toggle_category(*id),
            FacetKey::Lead(name) => q.toggle_lead(name),
            FacetKey::Month(m) => q.toggle_month(*m),
            FacetKey::Scope(s) => q.toggle_scope(*s),
            FacetKey::Status(s) => q.toggle_status(*s),
        }
    }

    /// Selects the value in `q` (selecting it twice changes nothing).
    pub fn select(self, q: &mut TaskQuery) {
        match self {
            FacetKey::Unit(id) => q.units.insert(id),
            FacetKey::Category(id) => q.categories.insert(id),
            FacetKey::Lead(name) => q.leads.insert(name),
            FacetKey::Month(m) => q.months.insert(m),
            FacetKey::Scope(s) => q.scopes.insert(s),
            FacetKey::Status(s) => q.statuses.insert(s),
        };
    }
}

/// A facet value ready to show: key, label, count and whether it is selected.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetEntry {
    /// The value.
    pub key: FacetKey,
    /// Chinese label.
    pub label: String,
    /// Tasks that would match with this value (the text and the other facets applied).
    pub count: usize,
    /// Whether it is selected now.
    pub selected: bool,
}

/// The selected values of `q` with their labels, facet by facet in the chips' order
/// ([`FacetKind::IN_URL_ORDER`]), without counting any task.
pub fn selected_values(ds: &Dataset, q: &TaskQuery) -> Vec<(FacetKey, String)> {
    FacetKind::IN_URL_ORDER
        .iter()
        .flat_map(|&kind| kind.selected(ds, q))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::embedded;
    use crate::domain::filter::facet_counts;

    fn all_keys() -> [FacetKey; 6] {
        [
            FacetKey::Unit("zhujiajiao".into()),
            FacetKey::Category(3),
            FacetKey::Lead("区交通委".into()),
            FacetKey::Month(0),
            FacetKey::Scope(ScopeKey::Listed),
            FacetKey::Status(StatusKey::Done),
        ]
    }

    #[test]
    fn both_lists_hold_every_facet_once() {
        // No wildcard: a new facet does not compile here until it is placed in the lists.
        let position = |k: FacetKind| match k {
            FacetKind::Unit => 0,
            FacetKind::Category => 1,
            FacetKind::Lead => 2,
            FacetKind::Month => 3,
            FacetKind::Scope => 4,
            FacetKind::Status => 5,
        };
        for (i, &k) in FacetKind::ALL.iter().enumerate() {
            // `FacetCounts` and the filter's flags index by `kind as usize`.
            assert_eq!((position(k), k as usize), (i, i));
        }
        let mut url = FacetKind::IN_URL_ORDER.to_vec();
        url.sort();
        assert_eq!(url, FacetKind::ALL);
    }

    #[test]
    fn toggling_twice_restores_the_query() {
        let mut q = TaskQuery::default();
        for k in &all_keys() {
            k.toggle(&mut q);
            assert!(k.is_selected(&q));
        }
        assert!(q.has_facets());
        for k in &all_keys() {
            k.toggle(&mut q);
            assert!(!k.is_selected(&q));
        }
        assert_eq!(q, TaskQuery::default());
    }

    #[test]
    fn a_value_reads_back_from_its_url_text() {
        for k in all_keys() {
            assert_eq!(k.kind().parse_value(&k.url_value()), Some(k.clone()));
            let mut q = TaskQuery::default();
            k.clone().select(&mut q);
            assert_eq!(k.kind().selected_in(&q), [k]);
        }
        assert_eq!(
            FacetKind::Month.parse_value(" 10 "),
            Some(FacetKey::Month(10))
        );
        assert_eq!(FacetKind::Month.parse_value("13"), None);
        assert_eq!(FacetKind::Category.parse_value("x"), None);
        assert_eq!(FacetKind::Status.parse_value("Done"), None);
        let params: Vec<&str> = FacetKind::IN_URL_ORDER.iter().map(|k| k.param()).collect();
        assert_eq!(params, ["cat", "dept", "month", "unit", "scope", "status"]);
    }

    #[test]
    fn selected_values_match_the_counted_facets() {
        let ds = embedded().expect("embedded dataset");
        let mut q = TaskQuery::default();
        for k in [
            FacetKey::Status(StatusKey::Blocked),
            FacetKey::Unit("zhujiajiao".into()),
            FacetKey::Unit("nowhere".into()),
            FacetKey::Unit("jinze".into()),
            FacetKey::Unit(crate::domain::task::DISTRICT_KEY.into()),
            FacetKey::Month(0),
            FacetKey::Month(10),
            FacetKey::Category(5),
            FacetKey::Lead("区交通委".into()),
            FacetKey::Scope(ScopeKey::AllTowns),
        ] {
            k.toggle(&mut q);
        }
        let counts = facet_counts(&ds, &q, &|_| StatusKey::NotStarted);
        // The chips list exactly the selected entries of the counted facets, in the chips' order.
        let from_counts: Vec<(FacetKey, String)> = FacetKind::IN_URL_ORDER
            .iter()
            .flat_map(|&k| counts.get(k).to_vec())
            .filter(|e| e.selected)
            .map(|e| (e.key, e.label))
            .collect();
        assert_eq!(selected_values(&ds, &q), from_counts);
        let months: Vec<String> = FacetKind::Month
            .selected(&ds, &q)
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(months, ["10月", "无日期"]);
        let units: Vec<String> = FacetKind::Unit
            .selected(&ds, &q)
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(units, ["朱家角镇", "金泽镇", "区级", "nowhere"]);
    }
}
