//! App-wide reactive state, shared through context behind typed accessors.

pub mod progress;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::progress::{Status, DISTRICT};
use crate::domain::query::StatusKey;
use crate::domain::route::Route;
use crate::domain::task::{Dataset, Task, Unit};
use crate::domain::town::applies_to_id;
use crate::storage::{load_my_unit, save_my_unit};
use progress::ProgressState;

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
    /// Recorded progress.
    pub progress: ProgressState,
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

    /// The unit whose progress a list shows for `task`: "我的街镇" where the task applies to
    /// it, else the district level.
    pub fn default_unit_for(&self, task: &Task) -> String {
        self.my_unit
            .get()
            .filter(|u| applies_to_id(self.ds, task, u))
            .unwrap_or_else(|| DISTRICT.to_string())
    }

    /// The status of (task, unit) as a list key. Tracks the progress document.
    pub fn status_for(&self, task: &Task, unit: &str) -> StatusKey {
        to_key(self.progress.doc.with(|d| d.status(task.id, unit)))
    }

    /// The status shown for a task in lists (for [`AppState::default_unit_for`]).
    pub fn status_of(&self, task: &Task) -> StatusKey {
        self.status_for(task, &self.default_unit_for(task))
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

/// Maps the progress model's status to the list/URL key.
pub fn to_key(status: Status) -> StatusKey {
    match status {
        Status::NotStarted => StatusKey::NotStarted,
        Status::InProgress => StatusKey::InProgress,
        Status::Done => StatusKey::Done,
        Status::Blocked => StatusKey::Blocked,
    }
}

/// Maps a list/URL key to the progress model's status.
pub fn from_key(key: StatusKey) -> Status {
    match key {
        StatusKey::NotStarted => Status::NotStarted,
        StatusKey::InProgress => Status::InProgress,
        StatusKey::Done => Status::Done,
        StatusKey::Blocked => Status::Blocked,
    }
}

/// "我的街镇" as remembered in this browser (ignored if it names no unit of the dataset).
pub fn stored_my_unit(ds: &Dataset, progress: &ProgressState) -> Option<String> {
    progress
        .with_store(|s| load_my_unit(s).ok().flatten())
        .flatten()
        .filter(|id| ds.units.iter().any(|u| &u.id == id))
}

/// Sets (or clears) "我的街镇" and remembers it in this browser. If storage refuses, the choice
/// still holds for this session and the user is told.
pub fn set_my_unit(state: AppState, unit: Option<String>) {
    state.my_unit.set(unit.clone());
    let saved = state
        .progress
        .with_store(|s| save_my_unit(s, unit.as_deref()));
    if let Some(Err(e)) = saved {
        state.progress.notices.update(|n| {
            n.push(progress::Notice {
                kind: progress::NoticeKind::Warn,
                text: crate::text::my_unit_not_saved(&e.message_zh()),
                retry: false,
            })
        });
    }
}
