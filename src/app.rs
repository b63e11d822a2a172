//! The root component: loads the embedded dataset and shows the page the URL names.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::{on_page_leave, on_storage_change};
use crate::components::nav::TopNav;
use crate::components::notices::Notices;
use crate::components::plan_banner::PlanBanner;
use crate::data;
use crate::domain::route::{Entry, Page, Route};
use crate::domain::task::Dataset;
use crate::pages::dept::DeptPage;
use crate::pages::depts::DeptsPage;
use crate::pages::task::TaskPage;
use crate::pages::tasks::TasksPage;
use crate::pages::town::TownPage;
use crate::pages::towns::TownsPage;
use crate::router::{current_hash, open_other_entry, running_entry, sync_route_with_url};
use crate::state::progress::ProgressState;
use crate::state::{china_today, provide_app_state, stored_my_unit, use_app_state, AppState};
use crate::storage::StorageKey;
use crate::text;

/// The whole app. A dataset that fails to load is reported, never a blank page.
#[component]
pub fn App() -> impl IntoView {
    with_list(Entry::App, |ds| view! { <Shell ds=ds /> }.into_any())
}

/// Opens the list the URL names (`l=`, else the embedded one) and renders `shell` around it; a
/// list this browser does not have, or cannot read, gets a page that says which and offers the
/// built-in list and the lists page instead.
pub(crate) fn with_list(own: Entry, shell: fn(&'static Dataset) -> AnyView) -> AnyView {
    let wanted = Route::from_hash(&current_hash()).list;
    match data::open_list(crate::state::progress::open_backend(), wanted.as_deref()) {
        // Parsed once for the whole session; every component borrows it.
        Ok(ds) => shell(ds),
        Err(e) => {
            // A broken build's list has no way out; a missing or unreadable list has two.
            let (title, testid, ways_out) = match &e {
                data::ListError::Embedded(_) => (text::DATA_ERROR_TITLE, "data-error", None),
                _ => {
                    let entry = running_entry(own);
                    let builtin = data::builtin()
                        .map(|d| d.meta.title.as_str())
                        .unwrap_or_default();
                    // No app runs under this page: any other address (its links, back, an edited
                    // URL) is opened afresh.
                    let handle = window_event_listener(leptos::ev::hashchange, |_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().reload();
                        }
                    });
                    std::mem::forget(handle);
                    let ways_out = view! {
                        <p class="fatal-links">
                            <a href=Route::default().href_from(entry)>
                                {text::open_builtin_list(builtin)}
                            </a>
                            <a href=Route::default().with_page(Page::Lists).href_from(entry)>
                                {text::GO_TO_LISTS}
                            </a>
                        </p>
                    };
                    (text::LIST_MISSING_TITLE, "list-missing", Some(ways_out))
                }
            };
            view! {
                <div class="app" data-testid="app">
                    <div class="fatal" role="alert" data-testid=testid>
                        <h1>{title}</h1>
                        <p>{e.message_zh()}</p>
                        {ways_out}
                    </div>
                </div>
            }
            .into_any()
        }
    }
}

/// Sets up the state and the URL sync, then renders the frame around the current page.
#[component]
fn Shell(ds: &'static Dataset) -> impl IntoView {
    // Progress is loaded before anything renders, so no edit (and no write) can happen before
    // the initial load has finished.
    let progress = ProgressState::load(ds);
    let my_unit = stored_my_unit(ds, &progress);
    let hash = current_hash();
    // A bare link opens on "我的街镇" once the user has picked one.
    let initial = match (
        &my_unit,
        hash.trim_start_matches('#').trim_start_matches('/'),
    ) {
        (Some(unit), "") => Route {
            page: Page::Town(unit.clone()),
            ..Route::default()
        },
        _ => Route::from_hash(&hash),
    };
    let route = RwSignal::new(initial);
    let entry = running_entry(Entry::App);
    let state = AppState::new(ds, entry, route, china_today(), my_unit, progress);
    provide_app_state(state);
    sync_route_with_url(route, Page::Tasks);
    handle_document_title(state);
    handle_progress_persistence(progress);

    view! {
        <div class="app" data-testid="app">
            // Not a plain "#main" link: the route lives in the hash, so following it would leave
            // the page.
            <a
                class="skip-link"
                href="#main"
                on:click=move |ev| {
                    ev.prevent_default();
                    focus_page_heading(false);
                }
            >
                {text::SKIP_TO_MAIN}
            </a>
            <TopNav />
            <Notices />
            <PlanBanner />
            <main class="main" id="main" tabindex="-1">
                <CurrentPage />
            </main>
            <footer class="footer">
                <p>
                    {text::data_source(&ds.meta.title, ds.tasks.len())}
                </p>
            </footer>
        </div>
    }
}

/// The page the route names; only re-rendered when the page itself changes, not the filters.
/// The tools' pages (data, print, roll-up, share) are `tools.html`'s, with its own wasm.
#[component]
fn CurrentPage() -> impl IntoView {
    let state = use_app_state();
    let page = Memo::new(move |_| state.route.with(|r| r.page.clone()));
    handle_focus_on_navigation(page);
    let started = StoredValue::new(false);
    move || {
        let at_start = !started.get_value();
        started.set_value(true);
        match page.get() {
            Page::Tasks => view! { <TasksPage /> }.into_any(),
            Page::Task(id) => view! { <TaskPage id=id /> }.into_any(),
            Page::Towns => view! { <TownsPage /> }.into_any(),
            Page::Town(id) => view! { <TownPage id=id /> }.into_any(),
            Page::Depts => view! { <DeptsPage /> }.into_any(),
            Page::Dept(name) => view! { <DeptPage name=name /> }.into_any(),
            Page::Data
            | Page::Print(_)
            | Page::Rollup(_)
            | Page::Share(_)
            | Page::Receive(_)
            | Page::Lists => {
                view! { <OtherEntry at_start=at_start label=text::OPENING_TOOLS /> }.into_any()
            }
        }
    }
}

/// A page of the other entry page reached inside this one (a link of the app, an edited URL, a
/// link pasted into the address bar while the page is open): opens it there
/// ([`open_other_entry`]). On a fresh load of a hosted page `boot.js` does this before any wasm.
#[component]
pub(crate) fn OtherEntry(
    /// Whether this is the first page the wasm showed (the one-file version then stays).
    at_start: bool,
    /// What the link shown meanwhile says.
    label: &'static str,
) -> impl IntoView {
    let state = use_app_state();
    let href = state
        .route
        .with_untracked(|r| open_other_entry(r, state.entry, at_start));
    view! {
        <p class="boot-msg" role="status">
            <a href=href>{label}</a>
        </p>
    }
}

/// After a move to another page (not on the first one, nor when only filters change), focus
/// goes to the new page's heading: a screen reader reads where the link led, and Tab goes on
/// from the top of the new page instead of from the link that is gone. A page opened by a link
/// in the app starts at its top; back and forward keep the place the browser restores.
pub(crate) fn handle_focus_on_navigation(page: Memo<Page>) {
    // The hash of the last in-app link clicked (or activated with Enter).
    let clicked = StoredValue::new(None::<String>);
    let handle = window_event_listener(leptos::ev::click, move |ev| {
        let href = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href^='#/']").ok().flatten())
            .and_then(|a| a.get_attribute("href"));
        clicked.set_value(href);
    });
    // The listener lives as long as the app.
    std::mem::forget(handle);
    Effect::new(move |first: Option<()>| {
        page.track();
        if first.is_some() {
            // Compared as pages: the link's href and `location.hash` may differ in encoding.
            let by_link = clicked
                .with_value(|c| c.as_deref().map(|h| Route::from_hash(h).page))
                .is_some_and(|p| page.with_untracked(|now| p == *now));
            clicked.set_value(None);
            // After the new page is in the DOM.
            request_animation_frame(move || {
                if by_link {
                    if let Some(w) = web_sys::window() {
                        w.scroll_to_with_x_and_y(0.0, 0.0);
                    }
                }
                focus_page_heading(!by_link);
            });
        }
    });
}

/// Focuses the page heading (the first `h1`/`h2` in `<main>`), made focusable by script only;
/// with `keep_scroll`, without scrolling to it.
pub(crate) fn focus_page_heading(keep_scroll: bool) {
    let heading = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("#main h1, #main h2").ok().flatten())
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(h) = heading else {
        return;
    };
    let _ = h.set_attribute("tabindex", "-1");
    // `focus({ preventScroll })` through JS: web-sys's FocusOptions is not among our features.
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"preventScroll".into(), &keep_scroll.into());
    let focus = js_sys::Reflect::get(&h, &"focus".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(f) = focus {
        let _ = f.call1(&h, &options);
    }
}

/// Keeps `document.title` naming the current page, so history entries and shared tabs read well.
pub(crate) fn handle_document_title(state: AppState) {
    Effect::new(move |_| {
        let page = state.route.with(|r| r.page.clone());
        let what = match &page {
            Page::Tasks => text::NAV_TASKS.to_string(),
            Page::Task(id) => state.task(*id).map_or_else(
                || text::TASK_NOT_FOUND.to_string(),
                |t| format!("{} {}", t.id, t.name),
            ),
            Page::Towns => text::TOWNS_TITLE.to_string(),
            Page::Town(id) => state
                .unit(id)
                .map_or_else(|| text::TOWN_NOT_FOUND.to_string(), |u| u.name.clone()),
            Page::Depts => text::DEPTS_TITLE.to_string(),
            Page::Dept(name) => name.clone(),
            Page::Data => text::NAV_DATA.to_string(),
            Page::Share(_) => text::SHARE_TITLE.to_string(),
            Page::Receive(_) => text::RECEIVE_TITLE.to_string(),
            Page::Rollup(_) => text::NAV_ROLLUP.to_string(),
            Page::Lists => text::NAV_LISTS.to_string(),
            Page::Print(unit) => format!(
                "{}{}{}",
                crate::domain::summary::unit_label(state.ds, unit),
                text::PRINT_TASK_LIST,
                text::PRINT_MARK
            ),
        };
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!("{what} · {}", text::APP_NAME));
        }
    });
}

/// Writes pending progress when the page is hidden or left, or an update reloads it; merges
/// edits that other tabs save.
pub(crate) fn handle_progress_persistence(progress: ProgressState) {
    on_page_leave(move || progress.flush());
    on_storage_change(progress.storage_key(&StorageKey::Progress), move || {
        progress.reload_from_storage()
    });
}
