#![cfg(not(target_arch = "wasm32"))]
//! Browse domain against the synthetic sample dataset (see `qingdan::source::sample`).
//!
//! Every expectation below was worked out by hand from the table in `sample.rs`:
//!
//! | id | cat | scope           | leads                      | deadline   | named units        |
//! |----|-----|-----------------|----------------------------|------------|--------------------|
//! | 1  | 1   | Listed          | 区农业农村委               | 2022-10-31 | zhujiajiao, jinze  |
//! | 2  | 1   | Listed          | 区交通委                   | 2022-06-30 | zhujiajiao, xiayang|
//! | 3  | 2   | AllTownsAndPark | 区农业农村委               | 2022-12-31 | park               |
//! | 4  | 2   | AllTowns        | 区委组织部, 区农业农村委   | none       | —                  |
//! | 5  | 3   | District        | 区财政局                   | 2022-06-30 | —                  |
//! | 6  | 3   | AllTowns        | 区水务局                   | 2022-09-30 | jinze              |
//! | 7  | 1   | District        | 区绿化市容局, 区农业农村委 | none       | —                  |
//! | 8  | 2   | Listed          | 区农业农村委               | 2022-10-31 | zhujiajiao, park   |

use std::collections::BTreeSet;

use proptest::prelude::*;
use qingdan::domain::date::Date;
use qingdan::domain::deadline::{deadline_phrase, light, Light};
use qingdan::domain::facet::FacetKey::{self, Category, Lead, Month, Scope, Status, Unit};
use qingdan::domain::facet::{FacetEntry, FacetKind};
use qingdan::domain::filter::{facet_counts, filter_tasks};
use qingdan::domain::query::{ScopeKey, SortKey, StatusKey, TaskQuery};
use qingdan::domain::route::{Page, RollupView, Route};
use qingdan::domain::search::{highlight, terms};
use qingdan::domain::task::Task;
use qingdan::domain::town::{assignment_summary, town_view};
use qingdan::source::sample::sample_dataset;

/// Statuses used with the sample: 1 doing, 2 and 5 done, 6 blocked, the rest not started.
fn status(t: &Task) -> StatusKey {
    match t.id {
        1 => StatusKey::InProgress,
        2 | 5 => StatusKey::Done,
        6 => StatusKey::Blocked,
        _ => StatusKey::NotStarted,
    }
}

fn ids(tasks: &[&Task]) -> Vec<u16> {
    tasks.iter().map(|t| t.id).collect()
}

fn search(text: &str) -> Vec<u16> {
    let ds = sample_dataset();
    let q = TaskQuery {
        text: text.into(),
        ..TaskQuery::default()
    };
    ids(&filter_tasks(&ds, &q, &status))
}

/// The (value, count) pairs of one facet, in its display order.
fn counts(values: &[FacetEntry]) -> Vec<(FacetKey, usize)> {
    values.iter().map(|v| (v.key.clone(), v.count)).collect()
}

fn d(m: u32, day: u32) -> Date {
    Date::from_ymd_opt(2022, m, day).unwrap()
}

// ---------------------------------------------------------------- search

#[test]
fn search_single_terms() {
    assert_eq!(search("道路"), [2]);
    assert_eq!(search("示范村"), [1, 7]);
    // Lead text, including the second lead of a double-led task.
    assert_eq!(search("区农业农村委"), [1, 3, 4, 7, 8]);
    // Allocation text.
    assert_eq!(search("园区"), [3, 8]);
    // ASCII is case-insensitive.
    assert_eq!(search("gdp"), [3]);
    assert_eq!(search("WATER"), [6]);
    assert_eq!(search(""), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(search("\u{3000} "), [1, 2, 3, 4, 5, 6, 7, 8]);
}

#[test]
fn search_terms_combine_with_and() {
    assert_eq!(search("道路 夏阳"), [2]);
    assert_eq!(search("道路 金泽"), Vec::<u16>::new());
    assert_eq!(search("区农业农村委\u{3000}蔬菜"), [8]);
    assert_eq!(search("整治 各街镇"), [4, 6]);
    assert_eq!(search("整治 各街镇 water"), [6]);
}

// ---------------------------------------------------------------- facets

#[test]
fn facet_values_within_one_facet_combine_with_or() {
    let ds = sample_dataset();
    let mut q = TaskQuery::default();
    q.toggle_unit("xiayang");
    q.toggle_unit("park");
    // xiayang: 2,3,4,6; park: 3,8.
    assert_eq!(ids(&filter_tasks(&ds, &q, &status)), [2, 3, 4, 6, 8]);

    let mut q = TaskQuery::default();
    q.toggle_scope(ScopeKey::District);
    q.toggle_scope(ScopeKey::AllTownsAndPark);
    assert_eq!(ids(&filter_tasks(&ds, &q, &status)), [3, 5, 7]);

    let mut q = TaskQuery::default();
    q.toggle_month(0);
    q.toggle_month(6);
    assert_eq!(ids(&filter_tasks(&ds, &q, &status)), [2, 4, 5, 7]);

    let mut q = TaskQuery::default();
    q.toggle_status(StatusKey::Done);
    q.toggle_status(StatusKey::Blocked);
    assert_eq!(ids(&filter_tasks(&ds, &q, &status)), [2, 5, 6]);
}

#[test]
fn facet_counts_without_selection() {
    let ds = sample_dataset();
    let f = facet_counts(&ds, &TaskQuery::default(), &status);
    assert_eq!(
        counts(f.get(FacetKind::Category)),
        [(Category(1), 3), (Category(2), 3), (Category(3), 2)]
    );
    assert_eq!(
        f.get(FacetKind::Category)[0].label,
        "(一)持续推进“两个示范村”建设"
    );
    assert_eq!(
        counts(f.get(FacetKind::Lead)),
        [
            (Lead("区农业农村委".into()), 5),
            (Lead("区交通委".into()), 1),
            (Lead("区委组织部".into()), 1),
            (Lead("区水务局".into()), 1),
            (Lead("区绿化市容局".into()), 1),
            (Lead("区财政局".into()), 1),
        ]
    );
    assert_eq!(
        counts(f.get(FacetKind::Month)),
        [
            (Month(6), 2),
            (Month(9), 1),
            (Month(10), 2),
            (Month(12), 1),
            (Month(0), 2)
        ]
    );
    let month_labels: Vec<&str> = f
        .get(FacetKind::Month)
        .iter()
        .map(|m| m.label.as_str())
        .collect();
    assert_eq!(month_labels, ["6月", "9月", "10月", "12月", "无日期"]);
    assert_eq!(
        counts(f.get(FacetKind::Unit)),
        [
            (Unit("zhujiajiao".into()), 6),
            (Unit("xiayang".into()), 4),
            (Unit("jinze".into()), 4),
            (Unit("park".into()), 2),
        ]
    );
    assert_eq!(f.get(FacetKind::Unit)[3].label, "现代农业园区");
    assert_eq!(
        counts(f.get(FacetKind::Scope)),
        [
            (Scope(ScopeKey::AllTowns), 2),
            (Scope(ScopeKey::AllTownsAndPark), 1),
            (Scope(ScopeKey::Listed), 3),
            (Scope(ScopeKey::District), 2),
        ]
    );
    assert_eq!(
        counts(f.get(FacetKind::Status)),
        [
            (Status(StatusKey::NotStarted), 4),
            (Status(StatusKey::InProgress), 1),
            (Status(StatusKey::Done), 2),
            (Status(StatusKey::Blocked), 1),
        ]
    );
    assert!(f.get(FacetKind::Category).iter().all(|v| !v.selected));
}

#[test]
fn facet_count_applies_the_other_facets_only() {
    let ds = sample_dataset();
    let mut q = TaskQuery::default();
    q.toggle_category(1);
    q.toggle_lead("区农业农村委");
    // Result: category 1 AND led by 区农业农村委 → 1, 7.
    assert_eq!(ids(&filter_tasks(&ds, &q, &status)), [1, 7]);

    let f = facet_counts(&ds, &q, &status);
    // Categories are counted with the lead facet only (tasks 1,3,4,7,8).
    assert_eq!(
        counts(f.get(FacetKind::Category)),
        [(Category(1), 2), (Category(2), 3), (Category(3), 0)]
    );
    let selected: Vec<bool> = f
        .get(FacetKind::Category)
        .iter()
        .map(|v| v.selected)
        .collect();
    assert_eq!(selected, [true, false, false]);
    // Leads are counted with the category facet only (tasks 1,2,7).
    assert_eq!(
        counts(f.get(FacetKind::Lead)),
        [
            (Lead("区农业农村委".into()), 2),
            (Lead("区交通委".into()), 1),
            (Lead("区委组织部".into()), 0),
            (Lead("区水务局".into()), 0),
            (Lead("区绿化市容局".into()), 1),
            (Lead("区财政局".into()), 0),
        ]
    );
    assert!(f.get(FacetKind::Lead)[0].selected && !f.get(FacetKind::Lead)[1].selected);
    // The remaining facets see both selections (tasks 1,7).
    assert_eq!(
        counts(f.get(FacetKind::Month)),
        [
            (Month(6), 0),
            (Month(9), 0),
            (Month(10), 1),
            (Month(12), 0),
            (Month(0), 1)
        ]
    );
    assert_eq!(
        counts(f.get(FacetKind::Unit)),
        [
            (Unit("zhujiajiao".into()), 1),
            (Unit("xiayang".into()), 0),
            (Unit("jinze".into()), 1),
            (Unit("park".into()), 0),
        ]
    );
    assert_eq!(
        counts(f.get(FacetKind::Scope)),
        [
            (Scope(ScopeKey::AllTowns), 0),
            (Scope(ScopeKey::AllTownsAndPark), 0),
            (Scope(ScopeKey::Listed), 1),
            (Scope(ScopeKey::District), 1),
        ]
    );
    assert_eq!(
        counts(f.get(FacetKind::Status)),
        [
            (Status(StatusKey::NotStarted), 1),
            (Status(StatusKey::InProgress), 1),
            (Status(StatusKey::Done), 0),
            (Status(StatusKey::Blocked), 0),
        ]
    );
}

#[test]
fn facet_counts_respect_the_text() {
    let ds = sample_dataset();
    let mut q = TaskQuery {
        text: "整治".into(),
        ..TaskQuery::default()
    };
    q.toggle_scope(ScopeKey::AllTowns);
    // "整治": 4 and 6, both AllTowns.
    let f = facet_counts(&ds, &q, &status);
    assert_eq!(
        counts(f.get(FacetKind::Category)),
        [(Category(1), 0), (Category(2), 1), (Category(3), 1)]
    );
    assert_eq!(
        counts(f.get(FacetKind::Scope)),
        [
            (Scope(ScopeKey::AllTowns), 2),
            (Scope(ScopeKey::AllTownsAndPark), 0),
            (Scope(ScopeKey::Listed), 0),
            (Scope(ScopeKey::District), 0),
        ]
    );
    // The park is not one of the 11 towns.
    assert_eq!(f.get(FacetKind::Unit)[3].count, 0);
    assert_eq!(f.get(FacetKind::Unit)[2].count, 2);
}

#[test]
fn selected_values_missing_from_the_data_stay_visible() {
    let ds = sample_dataset();
    let mut q = TaskQuery::default();
    q.toggle_month(3);
    q.toggle_unit("nowhere");
    q.toggle_category(9);
    let f = facet_counts(&ds, &q, &status);
    assert!(f
        .get(FacetKind::Month)
        .iter()
        .any(|m| m.key == Month(3) && m.selected && m.count == 0));
    // In its place among the months, "无日期" still last.
    let months: Vec<FacetKey> = counts(f.get(FacetKind::Month))
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    assert_eq!(months, [3, 6, 9, 10, 12, 0].map(Month));
    assert!(f
        .get(FacetKind::Unit)
        .iter()
        .any(|u| u.key == Unit("nowhere".into()) && u.selected));
    assert!(f
        .get(FacetKind::Category)
        .iter()
        .any(|c| c.key == Category(9) && c.selected));
    assert!(filter_tasks(&ds, &q, &status).is_empty());
}

#[test]
fn search_and_two_facets() {
    let ds = sample_dataset();
    let mut q = TaskQuery {
        text: "示范村".into(),
        ..TaskQuery::default()
    };
    q.toggle_unit("zhujiajiao");
    q.toggle_unit("jinze");
    q.toggle_month(10);
    assert_eq!(ids(&filter_tasks(&ds, &q, &status)), [1]);

    let mut q = TaskQuery {
        text: "示范村".into(),
        ..TaskQuery::default()
    };
    q.toggle_lead("区农业农村委");
    q.toggle_month(0);
    assert_eq!(ids(&filter_tasks(&ds, &q, &status)), [7]);
    let f = facet_counts(&ds, &q, &status);
    // Months counted with text + lead: tasks 1 (10月) and 7 (none).
    assert_eq!(
        counts(f.get(FacetKind::Month)),
        [
            (Month(6), 0),
            (Month(9), 0),
            (Month(10), 1),
            (Month(12), 0),
            (Month(0), 1)
        ]
    );

    // Status facet AND unit facet AND text.
    let mut q = TaskQuery {
        text: "农村".into(),
        ..TaskQuery::default()
    };
    q.toggle_status(StatusKey::NotStarted);
    q.toggle_unit("park");
    // "农村" is in the names of 2, 4, 7 and in the lead text "区农业农村委" of 1, 3, 4, 7, 8.
    // Not started: 3, 4, 7, 8. The park: 3, 8.
    assert_eq!(ids(&filter_tasks(&ds, &q, &status)), [3, 8]);
    q.toggle_unit("park");
    q.toggle_unit("xiayang");
    // xiayang: 2, 3, 4, 6.
    assert_eq!(ids(&filter_tasks(&ds, &q, &status)), [3, 4]);
    q.toggle_status(StatusKey::Done);
    // Done adds 2 (农村道路, xiayang) but not 5 (no 农村, district level).
    assert_eq!(ids(&filter_tasks(&ds, &q, &status)), [2, 3, 4]);
}

// ---------------------------------------------------------------- sorting

#[test]
fn sort_orders() {
    let ds = sample_dataset();
    let sorted = |sort: SortKey| {
        let q = TaskQuery {
            sort,
            ..TaskQuery::default()
        };
        ids(&filter_tasks(&ds, &q, &status))
    };
    assert_eq!(sorted(SortKey::Number), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(sorted(SortKey::Deadline), [2, 5, 6, 1, 8, 3, 4, 7]);
    assert_eq!(sorted(SortKey::Category), [1, 2, 7, 3, 4, 8, 5, 6]);
}

// ---------------------------------------------------------------- towns

#[test]
fn town_view_for_a_town() {
    let ds = sample_dataset();
    let v = town_view(&ds, "zhujiajiao").unwrap();
    let named: Vec<(u16, String)> = v
        .named
        .iter()
        .map(|(t, a)| (t.id, assignment_summary(a)))
        .collect();
    assert_eq!(
        named,
        [
            (2, "道路 8公里 · 桥梁 8座".to_string()),
            (1, "示范村 1个（张马村）".to_string()),
            (8, "蔬菜播种面积 0.3万亩次".to_string()),
        ]
    );
    assert_eq!(ids(&v.all_towns), [6, 3, 4]);
    assert_eq!(ids(&v.district), [5, 7]);

    let v = town_view(&ds, "xiayang").unwrap();
    assert_eq!(assignment_summary(v.named[0].1), "道路 5.54公里");
    assert_eq!(ids(&v.all_towns), [6, 3, 4]);
}

#[test]
fn town_view_for_the_park() {
    let ds = sample_dataset();
    let v = town_view(&ds, "park").unwrap();
    let named: Vec<(u16, String)> = v
        .named
        .iter()
        .map(|(t, a)| (t.id, assignment_summary(a)))
        .collect();
    assert_eq!(
        named,
        [(8, String::new()), (3, "粮食任务 21500亩".to_string()),]
    );
    // Tasks 4 and 6 are for the 11 towns only; task 3 names the park.
    assert!(v.all_towns.is_empty());
    assert_eq!(ids(&v.district), [5, 7]);
}

// ---------------------------------------------------------------- deadlines

#[test]
fn deadline_lights() {
    let due = Some(d(10, 31));
    assert_eq!(light(due, d(10, 17), false), Light::Yellow); // 14 days left
    assert_eq!(light(due, d(10, 16), false), Light::Green); // 15 days left
    assert_eq!(light(due, d(10, 31), false), Light::Yellow); // due today
    assert_eq!(light(due, d(11, 1), false), Light::Red); // 1 day overdue
    assert_eq!(light(due, d(11, 1), true), Light::Done);
    assert_eq!(light(due, d(10, 1), true), Light::Done);
    assert_eq!(light(None, d(10, 1), false), Light::NoDate);
    assert_eq!(deadline_phrase(due, d(10, 16), false), "还剩 15 天");
    assert_eq!(deadline_phrase(due, d(11, 1), false), "已逾期 1 天");
}

// ---------------------------------------------------------------- routes

#[test]
fn route_examples() {
    let r = Route::from_hash("#/town/zhujiajiao?asof=2022-10-01");
    assert_eq!(r.page, Page::Town("zhujiajiao".into()));
    assert_eq!(r.as_of, Some(d(10, 1)));
    assert_eq!(r.to_hash(), "#/town/zhujiajiao?asof=2022-10-01");

    let r = Route::from_hash("#/?q=%E9%81%93%E8%B7%AF&sort=deadline&status=doing");
    assert_eq!(r.page, Page::Tasks);
    assert_eq!(r.query.text, "道路");
    assert_eq!(r.query.sort, SortKey::Deadline);
    assert_eq!(r.query.statuses, BTreeSet::from([StatusKey::InProgress]));
    // Defaults are left out.
    let r = Route::from_hash("#/depts?sort=no&q=");
    assert_eq!(r.to_hash(), "#/depts");
}

// ---------------------------------------------------------------- properties

/// Text with CJK, emoji and every URL separator.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,&=#%?+/;:~._\u{3000}-朱家角镇区农业委示范村🚜é]{0,16}"
}

fn non_empty_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,&=#%?+/;:~._\u{3000}-朱家角镇区农业委示范村🚜é]{1,12}"
}

fn page() -> impl Strategy<Value = Page> {
    prop_oneof![
        Just(Page::Tasks),
        any::<u16>().prop_map(Page::Task),
        Just(Page::Towns),
        non_empty_text().prop_map(Page::Town),
        Just(Page::Depts),
        non_empty_text().prop_map(Page::Dept),
        Just(Page::Data),
        non_empty_text().prop_map(Page::Print),
        (
            prop::option::of(
                (0u32..=RollupView::MAX_STALE_DAYS)
                    .prop_filter("default", |&n| n != RollupView::DEFAULT_STALE_DAYS)
            ),
            prop::option::of(non_empty_text()),
            prop::option::of(any::<u16>()),
        )
            .prop_map(|(stale, col, row)| Page::Rollup(RollupView { stale, col, row })),
        non_empty_text().prop_map(Page::Share),
        "[A-Za-z0-9_-]{1,40}".prop_map(Page::Receive),
    ]
}

fn query() -> impl Strategy<Value = TaskQuery> {
    (
        text(),
        prop::collection::btree_set(any::<u8>(), 0..4),
        prop::collection::btree_set(non_empty_text(), 0..4),
        prop::collection::btree_set(0u32..=12, 0..4),
        prop::collection::btree_set(non_empty_text(), 0..4),
        prop::collection::btree_set(prop::sample::select(ScopeKey::ALL.to_vec()), 0..4),
        prop::collection::btree_set(prop::sample::select(StatusKey::ALL.to_vec()), 0..4),
        prop::sample::select(SortKey::ALL.to_vec()),
    )
        .prop_map(
            |(text, categories, leads, months, units, scopes, statuses, sort)| TaskQuery {
                text,
                categories,
                leads,
                months,
                units,
                scopes,
                statuses,
                sort,
            },
        )
}

fn route() -> impl Strategy<Value = Route> {
    let date = prop::option::of(
        (-100_000i32..=3_000_000)
            .prop_map(|n| Date::from_epoch_days(i64::from(n) - 719_163).unwrap()),
    );
    // Any list id but an empty or blank one (which is no list): `\PC` is any printable character.
    let list = prop::option::of("\\PC{1,20}".prop_filter("not blank", |s: &String| {
        !s.trim().is_empty() && s.trim() == s
    }));
    (page(), query(), date, list).prop_map(|(page, query, as_of, list)| Route {
        page,
        query,
        as_of,
        list,
    })
}

proptest! {
    #[test]
    fn route_round_trips(r in route()) {
        let hash = r.to_hash();
        prop_assert!(hash.is_ascii());
        prop_assert!(hash.starts_with("#/"));
        prop_assert_eq!(Route::from_hash(&hash), r.clone());
        // Without the leading '#' too.
        prop_assert_eq!(Route::from_hash(&hash[1..]), r);
    }

    #[test]
    fn from_hash_never_panics(s in "\\PC{0,40}") {
        let r = Route::from_hash(&s);
        // Whatever came in, what goes out is stable.
        prop_assert_eq!(Route::from_hash(&r.to_hash()), r);
    }

    #[test]
    fn from_hash_never_panics_on_url_like_input(
        parts in prop::collection::vec(
            prop_oneof![
                Just("#".to_string()), Just("/".to_string()), Just("?".to_string()),
                Just("&".to_string()), Just("=".to_string()), Just(",".to_string()),
                Just("%".to_string()), Just("%E9".to_string()), Just("%zz".to_string()),
                Just("task".to_string()), Just("town".to_string()), Just("dept".to_string()),
                Just("q".to_string()), Just("cat".to_string()), Just("month".to_string()),
                Just("asof".to_string()), Just("sort".to_string()), Just("status".to_string()),
                Just("2022-10-31".to_string()), Just("99999".to_string()), Just("-1".to_string()),
                "\\PC{0,3}",
            ],
            0..20,
        )
    ) {
        let s: String = parts.concat();
        let r = Route::from_hash(&s);
        prop_assert_eq!(Route::from_hash(&r.to_hash()), r);
    }

    #[test]
    fn highlight_covers_the_text(
        text in "[a-zA-Z 示范村乡振兴🚜é\u{3000}]{0,24}",
        query in "[a-zA-Z 示范村乡振兴🚜é\u{3000}]{0,8}",
    ) {
        let ts = terms(&query);
        let segs = highlight(&text, &ts);
        let joined: String = segs.iter().map(|s| s.text).collect();
        prop_assert_eq!(&joined, &text);
        for pair in segs.windows(2) {
            // Adjacent hits are merged, so hit and non-hit segments alternate.
            prop_assert_ne!(pair[0].hit, pair[1].hit);
        }
        for s in &segs {
            prop_assert!(!s.text.is_empty());
        }
        // Every occurrence of every term lies within a hit segment.
        let mut hit = vec![false; text.len()];
        let mut at = 0;
        for s in &segs {
            for h in &mut hit[at..at + s.text.len()] {
                *h = s.hit;
            }
            at += s.text.len();
        }
        let lower = text.to_ascii_lowercase();
        for t in &ts {
            for (i, _) in lower.char_indices() {
                if lower[i..].starts_with(t.as_str()) {
                    prop_assert!(hit[i..i + t.len()].iter().all(|&h| h));
                }
            }
        }
        // And nothing else is marked: every hit byte is inside some occurrence.
        let mut covered = vec![false; text.len()];
        for t in &ts {
            for (i, _) in lower.char_indices() {
                if lower[i..].starts_with(t.as_str()) {
                    for c in &mut covered[i..i + t.len()] {
                        *c = true;
                    }
                }
            }
        }
        prop_assert_eq!(hit, covered);
    }
}

#[test]
fn filter_and_count_equals_filter_then_count() {
    use qingdan::domain::filter::filter_and_count;
    let ds = sample_dataset();
    let status = |t: &Task| {
        if t.id % 2 == 0 {
            StatusKey::Done
        } else {
            StatusKey::NotStarted
        }
    };
    let mut queries = vec![TaskQuery::default()];
    let mut q = TaskQuery {
        text: "示范".into(),
        ..TaskQuery::default()
    };
    queries.push(q.clone());
    q.categories.insert(1);
    queries.push(q.clone());
    q.statuses.insert(StatusKey::Done);
    q.sort = SortKey::Deadline;
    queries.push(q);
    for q in queries {
        let (tasks, counts) = filter_and_count(&ds, &q, &status);
        let ids: Vec<u16> = tasks.iter().map(|t| t.id).collect();
        let want: Vec<u16> = filter_tasks(&ds, &q, &status)
            .iter()
            .map(|t| t.id)
            .collect();
        assert_eq!(ids, want, "{q:?}");
        assert_eq!(counts, facet_counts(&ds, &q, &status), "{q:?}");
    }
}
