//! App-wide reactive state, shared through context behind typed accessors.

pub mod progress;

use leptos::prelude::*;

use crate::domain::date::Date;
use crate::domain::deadline::finished_plan_as_of;
use crate::domain::export::china_date;
use crate::domain::progress::Status;
use crate::domain::query::StatusKey;
use crate::domain::query::TaskQuery;
use crate::domain::route::{page_path, Entry, Page, Route};
use crate::domain::search::{terms, SearchIndex};
use crate::domain::task::{Dataset, Task, Unit, UnitKey};
use crate::storage::{load_my_unit, save_my_unit};
use progress::ProgressState;

/// Everything the pages share. `Copy`: signals are handles and the dataset lives for the session.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The embedded task list.
    pub ds: &'static Dataset,
    /// The entry page this state belongs to: links to pages of the other one name its file
    /// (none in the one-file version, [`Entry::OneFile`]).
    pub entry: Entry,
    /// The current view and filters, mirrored in `location.hash`.
    pub route: RwSignal<Route>,
    /// The task query of the route: readers of the filters do not re-run when only the page
    /// changes, and vice versa.
    pub query: Memo<TaskQuery>,
    /// The search terms of the query (lower-cased, as from `search::terms`).
    pub terms: Memo<Vec<String>>,
    /// The date deadlines are measured against: the URL's `asof`, else today.
    pub as_of_date: Memo<Date>,
    /// The route's `?…` part ([`Route::params`]): every link that keeps the filters is a page
    /// path plus this one string, built once per route change.
    pub params: Memo<String>,
    /// Today's date in China (the app's one clock, see [`china_today`]).
    pub today: Date,
    /// Once the plan's year is over, the plan's last deadline: the as-of date when the URL names
    /// none (see [`crate::domain::deadline::finished_plan_as_of`]).
    pub finished_as_of: Option<Date>,
    /// The unit the user picked as "我的街镇" (remembered in localStorage).
    pub my_unit: RwSignal<Option<String>>,
    /// Recorded progress.
    pub progress: ProgressState,
    /// The search index of the dataset, built at the first search.
    search: &'static std::sync::OnceLock<SearchIndex>,
}

impl AppState {
    /// Creates the state around `route` (the memos derived from it live as long as the caller's
    /// owner, i.e. the app).
    pub fn new(
        ds: &'static Dataset,
        entry: Entry,
        route: RwSignal<Route>,
        today: Date,
        my_unit: Option<String>,
        progress: ProgressState,
    ) -> AppState {
        let query = Memo::new(move |_| route.with(|r| r.query.clone()));
        let finished_as_of = finished_plan_as_of(ds, today);
        let default_as_of = finished_as_of.unwrap_or(today);
        AppState {
            ds,
            entry,
            route,
            query,
            terms: Memo::new(move |_| query.with(|q| terms(&q.text))),
            as_of_date: Memo::new(move |_| route.with(|r| r.as_of).unwrap_or(default_as_of)),
            params: Memo::new(move |_| route.with(Route::params)),
            today,
            finished_as_of,
            my_unit: RwSignal::new(my_unit),
            progress,
            search: Box::leak(Box::default()),
        }
    }

    /// The search index of the dataset (built on first use, then kept for the session).
    pub fn search_index(&self) -> &'static SearchIndex {
        self.search.get_or_init(|| SearchIndex::new(self.ds))
    }

    /// The date deadlines are measured against: the URL's `asof`, else today (or the plan's end
    /// once it is over). Tracks it.
    pub fn as_of(&self) -> Date {
        self.as_of_date.get()
    }

    /// A link to `page` that keeps the current filters and as-of date. Tracks them.
    pub fn href(&self, page: &Page) -> String {
        let mut out = self.entry.link_prefix(page).to_string();
        out.push_str(&page_path(page));
        self.params.with(|p| out.push_str(p));
        out
    }

    /// A unit by id ([`Dataset::unit`]).
    pub fn unit(&self, id: &str) -> Option<&'static Unit> {
        self.ds.unit(id)
    }

    /// A task by id ([`Dataset::task`]).
    pub fn task(&self, id: u16) -> Option<&'static Task> {
        self.ds.task(id)
    }

    /// The unit whose progress a list shows for `task`: "我的街镇" where the task applies to
    /// it, else the district level.
    pub fn default_unit_for(&self, task: &Task) -> String {
        self.my_unit.with(|mine| {
            default_unit(self.ds, mine.as_deref(), task)
                .as_str()
                .to_string()
        })
    }

    /// The status of (task, unit) as a list key. Tracks the progress document.
    pub fn status_for(&self, task: &Task, unit: &str) -> StatusKey {
        to_key(self.progress.doc.with(|d| d.status(task.id, unit)))
    }

    /// The status shown for a task in lists (for [`AppState::default_unit_for`]); no allocation.
    pub fn status_of(&self, task: &Task) -> StatusKey {
        self.my_unit.with(|mine| {
            let unit = default_unit(self.ds, mine.as_deref(), task);
            self.status_for(task, unit.as_str())
        })
    }

    /// A route to `page` with no filters and today's date, in the list shown (links to a fresh
    /// view never leave the list).
    pub fn fresh_route(&self, page: Page) -> Route {
        Route {
            page,
            list: self.route.with_untracked(|r| r.list.clone()),
            ..Route::default()
        }
    }

    /// The current route changed by `f`, for building links.
    pub fn route_with(&self, f: impl FnOnce(&mut Route)) -> Route {
        let mut r = self.route.get();
        f(&mut r);
        r
    }
}

/// "我的街镇" where `task` applies to it, else the district level.
fn default_unit<'a>(ds: &Dataset, mine: Option<&'a str>, task: &Task) -> UnitKey<'a> {
    mine.map(UnitKey::Unit)
        .filter(|&u| ds.applies(task, u))
        .unwrap_or(UnitKey::District)
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

/// Today's date in China Standard Time (UTC+8), from the browser's clock. The app has one clock:
/// the plan's time zone. "Today", the as-of date, deadlines, note times, export stamps and file
/// names all read it, so a browser set to another time zone shows the same dates as one in
/// Qingpu (a brief copied at 01:25 Beijing time is dated that Beijing day).
pub fn china_today() -> Date {
    china_date(progress::now_ms()).unwrap_or_default()
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
        .filter(|id| ds.unit(id).is_some())
}

/// Sets (or clears) "我的街镇" and remembers it in this browser. If storage refuses, the choice
/// still holds for this session and the user is told.
pub fn set_my_unit(state: AppState, unit: Option<String>) {
    state.my_unit.set(unit.clone());
    let saved = state
        .progress
        .with_store(|s| save_my_unit(s, unit.as_deref()));
    if let Some(Err(e)) = saved {
        state.progress.show_notice(progress::Notice {
            id: progress::NoticeId::MyUnitNotSaved,
            kind: progress::NoticeKind::Warn,
            text: crate::text::my_unit_not_saved(&e.message_zh()),
        });
    }
}
