//! A finished plan is shown as finished: once the plan's year is over, views default to the
//! plan's last deadline instead of today.

use qingdan::data;
use qingdan::domain::date::Date;
use qingdan::domain::deadline::{finished_plan_as_of, plan_end};

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn the_2022_list_ends_on_its_last_deadline() {
    let ds = data::embedded().unwrap();
    let latest = ds.tasks.iter().filter_map(|t| t.deadline).max().unwrap();
    assert_eq!(
        latest,
        d(2022, 12, 31),
        "the source's last deadline is 12月底"
    );
    assert_eq!(plan_end(&ds), d(2022, 12, 31));
}

#[test]
fn during_the_plan_year_views_are_as_of_today() {
    let ds = data::embedded().unwrap();
    for today in [
        d(2022, 1, 1),
        d(2022, 6, 30),
        d(2022, 12, 31),
        d(2021, 3, 1),
    ] {
        assert_eq!(finished_plan_as_of(&ds, today), None, "{today:?}");
    }
}

#[test]
fn after_the_plan_year_views_are_as_of_its_end() {
    let ds = data::embedded().unwrap();
    for today in [d(2023, 1, 1), d(2026, 11, 29), d(9999, 12, 31)] {
        assert_eq!(
            finished_plan_as_of(&ds, today),
            Some(d(2022, 12, 31)),
            "{today:?}"
        );
    }
}

#[test]
fn a_deadline_after_the_plan_year_moves_the_end() {
    let mut ds = data::embedded().unwrap();
    ds.tasks[0].deadline = Some(d(2023, 3, 31));
    assert_eq!(plan_end(&ds), d(2023, 3, 31));
    assert_eq!(finished_plan_as_of(&ds, d(2023, 2, 1)), None);
    assert_eq!(
        finished_plan_as_of(&ds, d(2023, 4, 1)),
        Some(d(2023, 3, 31))
    );
}
