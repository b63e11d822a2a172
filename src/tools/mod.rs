//! The tools' entry page (`tools.html`, its own wasm: `src/bin/tools.rs`): the data page (export
//! as JSON, CSV or a text brief, import, this browser's data) and a unit's print view, which field
//! staff open now and then, and the district's tools: the roll-up of every unit's progress, making
//! a share link or QR code, and opening one. It shares the domain, the data, the storage, the state
//! and the frame (top bar, notices) with the field app but none of its pages, so the field staff's
//! first load carries none of this (Trunk has no code splitting). After a first visit to either
//! page the service worker has both, so these open offline too.

pub mod data;
pub mod lists;
pub mod print;
pub mod receive;
pub mod rollup;
pub mod share;

use leptos::prelude::*;

use crate::app::{
    focus_page_heading, handle_document_title, handle_focus_on_navigation,
    handle_progress_persistence, with_list, OtherEntry,
};
use crate::components::nav::TopNav;
use crate::components::notices::Notices;
use crate::components::plan_banner::PlanBanner;
use crate::domain::route::{Entry, Page};
use crate::domain::task::Dataset;
use crate::router::{current_hash, route_or_home, running_entry, sync_route_with_url};
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
    with_list(Entry::Tools, |ds| view! { <ToolsShell ds=ds /> }.into_any())
}

#[component]
fn ToolsShell(ds: &'static Dataset) -> impl IntoView {
    let progress = ProgressState::load(ds);
    let my_unit = stored_my_unit(ds, &progress);
    let entry = running_entry(Entry::Tools);
    // The tools' home (a bare link to tools.html, `#`, `#/`) is the roll-up, as `boot.js` keeps
    // such a link here. Not in the one-file version, where `#/` is the task list (the app's).
    let home = match entry {
        Entry::OneFile => Page::Tasks,
        Entry::App | Entry::Tools => Page::Rollup(Default::default()),
    };
    let route = RwSignal::new(route_or_home(&current_hash(), &home));
    let state = AppState::new(ds, entry, route, china_today(), my_unit, progress);
    provide_app_state(state);
    sync_route_with_url(route, home);
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
                <p>{text::data_source(&ds.meta.title, ds.tasks.len())}</p>
            </footer>
        </div>
    }
}

/// The tools page the route names; a page of the field app opens `index.html` instead.
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
    let started = StoredValue::new(false);
    move || {
        let at_start = !started.get_value();
        started.set_value(true);
        match page.get() {
            Page::Data => view! { <data::DataPage /> }.into_any(),
            Page::Print(unit) => view! { <print::PrintPage unit=unit /> }.into_any(),
            Page::Rollup(_) => view! { <rollup::RollupPage /> }.into_any(),
            Page::Share(unit) => view! { <share::SharePage unit=unit /> }.into_any(),
            Page::Receive(payload) => view! { <receive::ReceivePage payload=payload /> }.into_any(),
            Page::Lists => view! { <lists::ListsPage /> }.into_any(),
            Page::Tasks
            | Page::Task(_)
            | Page::Towns
            | Page::Town(_)
            | Page::Depts
            | Page::Dept(_) => {
                view! { <OtherEntry at_start=at_start label=text::OPENING_APP /> }.into_any()
            }
        }
    }
}
