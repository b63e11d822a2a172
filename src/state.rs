//! App-wide reactive state, shared through context behind typed accessors.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::query::StatusKey;
use crate::domain::route::Route;
use crate::domain::task::{Dataset, Task, Unit};

/// Everything the pages share. `Copy`: signals are handles and the dataset lives for the session.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The embedded task list.
    pub ds: &'static Dataset,
    /// The current view and filters, mirrored in `location.hash`.
    pub route: RwSignal<Route>,
    /// Today's date from the browser clock (deadlines are counted from it unless the URL sets an
    /// as-of date).
    pub today: NaiveDate,
    /// The unit the user picked as "我的街镇" (remembered in localStorage).
    pub my_unit: RwSignal<Option<String>>,
}

impl AppState {
    /// The date deadlines are measured against: the URL's `asof`, else today. Tracks the route.
    pub fn as_of(&self) -> NaiveDate {
        self.route.with(|r| r.as_of).unwrap_or(self.today)
    }

    /// A unit by id.
    pub fn unit(&self, id: &str) -> Option<&'static Unit> {
        self.ds.units.iter().find(|u| u.id == id)
    }

    /// A task by id.
    pub fn task(&self, id: u16) -> Option<&'static Task> {
        self.ds.tasks.iter().find(|t| t.id == id)
    }

    /// The progress status shown for a task in lists (until progress is recorded: 未开始).
    pub fn status_of(&self, _task: &Task) -> StatusKey {
        StatusKey::NotStarted
    }

    /// The current route changed by `f`, for building links.
    pub fn route_with(&self, f: impl FnOnce(&mut Route)) -> Route {
        let mut r = self.route.get();
        f(&mut r);
        r
    }
}

/// Makes the state available to every component below the caller.
pub fn provide_app_state(state: AppState) {
    provide_context(state);
}

/// The app state. Every component is rendered under [`provide_app_state`]; a missing context is a
/// programming error (never a user-data or browser condition) that every end-to-end test would hit.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

/// Today's date from the browser clock, in local time.
pub fn browser_today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// Sets (or clears) "我的街镇" and remembers it in this browser.
pub fn set_my_unit(state: AppState, unit: Option<String>) {
    state.my_unit.set(unit);
}
