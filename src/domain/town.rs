//! Town view: which tasks concern one unit, and what each asks of it.

use std::cmp::Ordering;

use super::number::shortest;
use super::sort::sort_by;
use super::task::{Dataset, Scope, Task, Unit, UnitAllocation};

/// Orders tasks by deadline (tasks without one last), then by id.
pub fn by_deadline(a: &Task, b: &Task) -> Ordering {
    (a.deadline.is_none(), a.deadline, a.id).cmp(&(b.deadline.is_none(), b.deadline, b.id))
}

/// The tasks that concern one unit, in three groups, each sorted by deadline (none last) then id.
#[derive(Debug, Clone)]
pub struct TownView<'a> {
    /// The unit.
    pub unit: &'a Unit,
    /// Tasks whose allocations name the unit, with the unit's allocation.
    pub named: Vec<(&'a Task, &'a UnitAllocation)>,
    /// Tasks that apply to the unit by scope ("11个街镇" …) without naming it.
    pub all_towns: Vec<&'a Task>,
    /// District-level tasks ([`Scope::District`]).
    pub district: Vec<&'a Task>,
}

/// The view for a unit id, or `None` if the dataset has no such unit.
pub fn town_view<'a>(ds: &'a Dataset, unit_id: &str) -> Option<TownView<'a>> {
    let unit = ds.unit(unit_id)?;
    let mut named = Vec::new();
    let mut all_towns = Vec::new();
    let mut district = Vec::new();
    for task in &ds.tasks {
        if let Some(a) = task.allocations.iter().find(|a| a.unit == unit.id) {
            named.push((task, a));
        } else if task.applies_to(unit) {
            all_towns.push(task);
        } else if task.scope == Scope::District {
            district.push(task);
        }
    }
    sort_by(&mut named, &|a, b| by_deadline(a.0, b.0));
    sort_by(&mut all_towns, &|a, b| by_deadline(a, b));
    sort_by(&mut district, &|a, b| by_deadline(a, b));
    Some(TownView {
        unit,
        named,
        all_towns,
        district,
    })
}

/// Formats a quantity without a trailing ".0": 8 → "8", 5.54 → "5.54", 21500 → "21500".
pub fn format_value(v: f64) -> String {
    if v == 0.0 {
        // Also turns -0 into "0".
        return "0".to_string();
    }
    // The shortest representation that round-trips, without exponent and without a fractional
    // part for whole numbers (what `Display` prints, without linking its machinery).
    shortest(v)
}

/// One line describing a unit's share, e.g. "道路 8公里 · 桥梁 8座", with villages appended as
/// "（徐练村）" (several joined by "、"). Empty if the allocation has neither items nor villages.
pub fn assignment_summary(a: &UnitAllocation) -> String {
    let mut s = a
        .items
        .iter()
        .map(|i| format!("{} {}{}", i.metric, format_value(i.value), i.measure))
        .collect::<Vec<_>>()
        .join(" · ");
    if !a.villages.is_empty() {
        s.push('（');
        s.push_str(&a.villages.join("、"));
        s.push('）');
    }
    s
}

/// How many tasks of each group concern a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TownCounts {
    /// The [`Unit`] id.
    pub unit_id: String,
    /// Tasks whose allocations name the unit.
    pub named: usize,
    /// Tasks that apply by scope without naming it.
    pub all_towns: usize,
    /// District-level tasks.
    pub district: usize,
}

/// The counts of [`town_view`] for every unit, in dataset order.
pub fn town_counts(ds: &Dataset) -> Vec<TownCounts> {
    ds.units
        .iter()
        .filter_map(|u| town_view(ds, &u.id))
        .map(|v| TownCounts {
            unit_id: v.unit.id.clone(),
            named: v.named.len(),
            all_towns: v.all_towns.len(),
            district: v.district.len(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::task::{Assignment, UnitKey};
    use crate::source::sample::sample_dataset;

    fn ids(tasks: &[&Task]) -> Vec<u16> {
        tasks.iter().map(|t| t.id).collect()
    }

    #[test]
    fn format_value_drops_trailing_zero() {
        assert_eq!(format_value(8.0), "8");
        assert_eq!(format_value(5.54), "5.54");
        assert_eq!(format_value(21500.0), "21500");
        assert_eq!(format_value(0.3), "0.3");
        assert_eq!(format_value(-0.0), "0");
        assert_eq!(format_value(1e20), "100000000000000000000");
    }

    #[test]
    fn summary_joins_items_and_villages() {
        let it = |m: &str, v: f64, u: &str| Assignment {
            metric: m.into(),
            value: v,
            measure: u.into(),
            phrase: String::new(),
        };
        let a = UnitAllocation {
            unit: "x".into(),
            items: vec![it("道路", 8.0, "公里"), it("桥梁", 8.0, "座")],
            villages: vec![],
        };
        assert_eq!(assignment_summary(&a), "道路 8公里 · 桥梁 8座");
        let b = UnitAllocation {
            unit: "x".into(),
            items: vec![it("示范村", 1.0, "个")],
            villages: vec!["徐练村".into(), "张马村".into()],
        };
        assert_eq!(assignment_summary(&b), "示范村 1个（徐练村、张马村）");
        let c = UnitAllocation {
            unit: "x".into(),
            items: vec![],
            villages: vec![],
        };
        assert_eq!(assignment_summary(&c), "");
    }

    #[test]
    fn applies_to_follows_scope_and_names() {
        let ds = sample_dataset();
        let unit = |id: &str| ds.units.iter().find(|u| u.id == id).unwrap();
        let applying = |id: &str| -> Vec<u16> {
            ds.tasks
                .iter()
                .filter(|t| t.applies_to(unit(id)))
                .map(|t| t.id)
                .collect()
        };
        assert_eq!(applying("zhujiajiao"), [1, 2, 3, 4, 6, 8]);
        assert_eq!(applying("xiayang"), [2, 3, 4, 6]);
        assert_eq!(applying("jinze"), [1, 3, 4, 6]);
        assert_eq!(applying("park"), [3, 8]);
    }

    #[test]
    fn the_catalogue_finds_units_and_tasks_by_typed_key() {
        let ds = sample_dataset();
        for key in ["district", "zhujiajiao", "nowhere", ""] {
            assert_eq!(UnitKey::parse(key).as_str(), key, "stored form round-trips");
        }
        assert_eq!(UnitKey::parse("district"), UnitKey::District);
        let keys: Vec<&str> = ds.unit_keys().map(UnitKey::as_str).collect();
        assert_eq!(keys.len(), ds.units.len() + 1);
        assert_eq!(keys.last(), Some(&"district"));
        assert!(ds.is_known(UnitKey::District));
        assert!(ds.is_known(UnitKey::Unit("zhujiajiao")));
        assert!(!ds.is_known(UnitKey::Unit("nowhere")));
        assert_eq!(ds.task(3).map(|t| t.id), Some(3));
        assert!(ds.task(999).is_none());
        // A dataset unit has the tasks of its scope; the district level the district-scope ones;
        // an id the dataset lacks only where an allocation names it.
        let zhujiajiao = ds.unit("zhujiajiao").unwrap();
        for task in &ds.tasks {
            assert_eq!(
                ds.applies(task, UnitKey::Unit("zhujiajiao")),
                task.applies_to(zhujiajiao)
            );
            assert_eq!(
                ds.applies(task, UnitKey::District),
                task.scope == Scope::District || task.names_unit("district")
            );
            assert_eq!(
                ds.applies(task, UnitKey::Unit("nowhere")),
                task.names_unit("nowhere")
            );
        }
    }

    #[test]
    fn town_view_groups() {
        let ds = sample_dataset();
        let v = town_view(&ds, "jinze").unwrap();
        assert_eq!(v.unit.name, "金泽镇");
        let named: Vec<u16> = v.named.iter().map(|(t, _)| t.id).collect();
        assert_eq!(named, [6, 1]);
        assert_eq!(assignment_summary(v.named[0].1), "河道 3公里");
        assert_eq!(ids(&v.all_towns), [3, 4]);
        assert_eq!(ids(&v.district), [5, 7]);
        assert!(town_view(&ds, "nowhere").is_none());
    }

    #[test]
    fn counts_per_unit() {
        let ds = sample_dataset();
        let c: Vec<(String, usize, usize, usize)> = town_counts(&ds)
            .into_iter()
            .map(|c| (c.unit_id, c.named, c.all_towns, c.district))
            .collect();
        assert_eq!(
            c,
            [
                ("zhujiajiao".to_string(), 3, 3, 2),
                ("xiayang".to_string(), 1, 3, 2),
                ("jinze".to_string(), 2, 2, 2),
                ("park".to_string(), 2, 0, 2),
            ]
        );
    }
}
