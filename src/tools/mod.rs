//! The district tools' entry page (`tools.html`, its own wasm: `src/bin/tools.rs`): the roll-up
//! of every unit's progress, making a share link or QR code, and opening one. It shares the
//! domain, the data, the storage and the state with the field app but none of its pages, so the
//! field staff's first load does not carry the district's tools (Trunk has no code splitting).

pub mod receive;
pub mod rollup;
pub mod share;

use leptos::prelude::*;

use crate::app::{
    focus_page_heading, handle_document_title, handle_focus_on_navigation,
    handle_progress_persistence,
};
use crate::components::nav::TopNav;
use crate::components::notices::Notices;
use crate::components::plan_banner::PlanBanner;
use crate::data;
use crate::domain::route::{Entry, Page, Route};
use crate::domain::task::Dataset;
use crate::router::{current_hash, sync_route_with_url};
use crate::state::progress::ProgressState;
use crate::state::{china_today, provide_app_state, stored_my_unit, use_app_state, AppState};
use crate::text;

/// Mounts the tools into `<body>`, replacing the loading placeholder of `tools.html`.
pub fn mount() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(ToolsApp);
}

/// The tools' root: the same frame as the field app (top bar, notices), the tools' pages inside.
#[component]
pub fn ToolsApp() -> impl IntoView {
    match data::embedded() {
        Ok(ds) => {
            let ds: &'static Dataset = Box::leak(Box::new(ds));
            view! { <ToolsShell ds=ds /> }.into_any()
        }
        Err(e) => view! {
            <div class="app" data-testid="app">
                <div class="fatal" role="alert">
                    <h1>{text::DATA_ERROR_TITLE}</h1>
                    <p>{e.message_zh()}</p>
                </div>
            </div>
        }
        .into_any(),
    }
}

#[component]
fn ToolsShell(ds: &'static Dataset) -> impl IntoView {
    let progress = ProgressState::load(ds);
    let my_unit = stored_my_unit(ds, &progress);
    // The tools' home (a bare link to tools.html) is the roll-up.
    let hash = current_hash();
    let initial = match hash.trim_start_matches('#').trim_start_matches('/') {
        "" => Route {
            page: Page::Rollup(Default::default()),
            ..Route::default()
        },
        _ => Route::from_hash(&hash),
    };
    let route = RwSignal::new(initial);
    let state = AppState::new(ds, Entry::Tools, route, china_today(), my_unit, progress);
    provide_app_state(state);
    sync_route_with_url(route);
    handle_document_title(state);
    handle_progress_persistence(progress);

    view! {
        <div class="app" data-testid="app" data-entry="tools">
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
                <ToolsPage />
            </main>
            <footer class="footer">
                <p>{format!("数据来源：{}（{}项）。", ds.meta.title, ds.tasks.len())}</p>
            </footer>
        </div>
    }
}

/// The tools page the route names; a page of the field app loads `index.html` instead.
#[component]
fn ToolsPage() -> impl IntoView {
    let state = use_app_state();
    // The roll-up's view parameters change with the page value, but must not rebuild the page.
    let page = Memo::new(move |_| {
        state.route.with(|r| match &r.page {
            Page::Rollup(_) => Page::Rollup(Default::default()),
            p => p.clone(),
        })
    });
    handle_focus_on_navigation(page);
    move || match page.get() {
        Page::Rollup(_) => view! { <rollup::RollupPage /> }.into_any(),
        Page::Share(unit) => view! { <share::SharePage unit=unit /> }.into_any(),
        Page::Receive(payload) => view! { <receive::ReceivePage payload=payload /> }.into_any(),
        _ => view! { <FieldApp /> }.into_any(),
    }
}

/// A field-app page reached inside the tools (an edited URL): loads `index.html` with the same
/// hash, replacing this history entry.
#[component]
fn FieldApp() -> impl IntoView {
    let state = use_app_state();
    let href = state.route.with_untracked(|r| r.href_from(Entry::Tools));
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        let _ = location.replace(&href);
    }
    view! {
        <p class="boot-msg" role="status">
            <a href=href>{text::OPENING_APP}</a>
        </p>
    }
}
