//! One facet value as a typed key, so the UI can describe every facet once: its values come
//! from [`FacetCounts`] (with counts), a key toggles itself in a [`TaskQuery`], and the selected
//! values of a query can be listed (for the "已选条件" chips) without counting anything.

use super::query::{
    category_label, month_label, FacetCounts, FacetValue, ScopeKey, StatusKey, TaskQuery,
};
use super::summary::unit_name;
use super::task::Dataset;

/// The facets in the order the task page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetKind {
    /// 街镇
    Unit,
    /// 类别
    Category,
    /// 牵头部门
    Lead,
    /// 完成时间 (month)
    Month,
    /// 适用范围
    Scope,
    /// 进度状态
    Status,
}

impl FacetKind {
    /// Every facet, in display order.
    pub const ALL: [FacetKind; 6] = [
        FacetKind::Unit,
        FacetKind::Category,
        FacetKind::Lead,
        FacetKind::Month,
        FacetKind::Scope,
        FacetKind::Status,
    ];
}

/// One value of one facet.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
}

/// A facet value ready to show: key, label, count and whether it is selected.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetEntry {
    /// The value.
    pub key: FacetKey,
    /// Chinese label.
    pub label: String,
    /// Tasks that would match with this value (the other facets applied).
    pub count: usize,
    /// Whether it is selected now.
    pub selected: bool,
}

fn entries<K: Clone>(values: &[FacetValue<K>], key: fn(K) -> FacetKey) -> Vec<FacetEntry> {
    values
        .iter()
        .map(|v| FacetEntry {
            key: key(v.key.clone()),
            label: v.label.clone(),
            count: v.count,
            selected: v.selected,
        })
        .collect()
}

/// The values of one facet with their counts.
pub fn facet_entries(counts: &FacetCounts, kind: FacetKind) -> Vec<FacetEntry> {
    match kind {
        FacetKind::Unit => entries(&counts.units, FacetKey::Unit),
        FacetKind::Category => entries(&counts.categories, FacetKey::Category),
        FacetKind::Lead => entries(&counts.leads, FacetKey::Lead),
        FacetKind::Month => entries(&counts.months, FacetKey::Month),
        FacetKind::Scope => entries(&counts.scopes, FacetKey::Scope),
        FacetKind::Status => entries(&counts.statuses, FacetKey::Status),
    }
}

/// The selected values of `q` with their labels, in facet display order (category order for the
/// chips: categories, leads, months, units, scopes, statuses), without counting any task.
pub fn selected_values(ds: &Dataset, q: &TaskQuery) -> Vec<(FacetKey, String)> {
    let mut out = Vec::new();
    for &id in &q.categories {
        out.push((FacetKey::Category(id), category_label(ds, id)));
    }
    for lead in &q.leads {
        out.push((FacetKey::Lead(lead.clone()), lead.clone()));
    }
    // Months ascending, "无日期" (0) last, as in the facet.
    for &m in q.months.iter().filter(|&&m| m != 0) {
        out.push((FacetKey::Month(m), month_label(m)));
    }
    if q.months.contains(&0) {
        out.push((FacetKey::Month(0), month_label(0)));
    }
    // Units in dataset order, then ids the dataset lacks.
    for u in ds.units.iter().filter(|u| q.units.contains(&u.id)) {
        out.push((FacetKey::Unit(u.id.clone()), u.name.clone()));
    }
    for id in q
        .units
        .iter()
        .filter(|id| !ds.units.iter().any(|u| &u.id == *id))
    {
        let label = unit_name(ds, id).unwrap_or(id);
        out.push((FacetKey::Unit(id.clone()), label.to_string()));
    }
    for &s in &q.scopes {
        out.push((FacetKey::Scope(s), s.label().to_string()));
    }
    for &s in &q.statuses {
        out.push((FacetKey::Status(s), s.label().to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::embedded;
    use crate::domain::query::facet_counts;

    #[test]
    fn toggling_twice_restores_the_query() {
        let keys = [
            FacetKey::Unit("zhujiajiao".into()),
            FacetKey::Category(3),
            FacetKey::Lead("区交通委".into()),
            FacetKey::Month(0),
            FacetKey::Scope(ScopeKey::Listed),
            FacetKey::Status(StatusKey::Done),
        ];
        let mut q = TaskQuery::default();
        for k in &keys {
            k.toggle(&mut q);
        }
        assert!(q.has_facets());
        for k in &keys {
            k.toggle(&mut q);
        }
        assert_eq!(q, TaskQuery::default());
    }

    #[test]
    fn selected_values_match_the_counted_facets() {
        let ds = embedded().expect("embedded dataset");
        let mut q = TaskQuery::default();
        for k in [
            FacetKey::Status(StatusKey::Blocked),
            FacetKey::Unit("zhujiajiao".into()),
            FacetKey::Unit("nowhere".into()),
            FacetKey::Unit("district".into()),
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
        let order = [
            FacetKind::Category,
            FacetKind::Lead,
            FacetKind::Month,
            FacetKind::Unit,
            FacetKind::Scope,
            FacetKind::Status,
        ];
        let from_counts: Vec<(FacetKey, String)> = order
            .iter()
            .flat_map(|&k| facet_entries(&counts, k))
            .filter(|e| e.selected)
            .map(|e| (e.key, e.label))
            .collect();
        assert_eq!(selected_values(&ds, &q), from_counts);
    }
}
