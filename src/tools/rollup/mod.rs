//! The district roll-up page (`#/rollup`, issue 10): collect the units' export files in one
//! batch, then one picture of the whole list — the task × unit matrix, the district totals, who is
//! behind, charts — and the same tables as CSV, .xlsx and print for reporting upward.
//!
//! Everything shown is derived from one [`Rollup`] memo (the progress document, the filtered
//! tasks and the as-of date), so the matrix, the totals, the charts and the exported files always
//! agree. The filters are the task list's own query (search text, category, lead department,
//! deadline month) read from the URL; the page's view state (`stale`, `col`, `row`) is in the URL
//! too ([`RollupView`]).

mod behind;
mod charts;
mod collect;
mod filters;
mod matrix;
mod phone;
mod report;
mod totals;

use leptos::prelude::*;

use crate::domain::filter::{filter_and_count_in, FacetCounts};
use crate::domain::query::{StatusKey, TaskQuery};
use crate::domain::rollup::Rollup;
use crate::domain::route::{Page, RollupView};
use crate::domain::task::Task;
use crate::source::allocation::task_stated_totals;
use crate::state::{use_app_state, AppState};
use crate::text;

/// The filtered tasks and the facet counts of the roll-up's query.
#[derive(Clone)]
pub(crate) struct Filtered {
    pub tasks: Vec<&'static Task>,
    pub counts: FacetCounts,
}

impl PartialEq for Filtered {
    /// Tasks compare by identity (they all live in the one embedded dataset).
    fn eq(&self, other: &Self) -> bool {
        self.tasks.len() == other.tasks.len()
            && self
                .tasks
                .iter()
                .zip(&other.tasks)
                .all(|(a, b)| std::ptr::eq(*a, *b))
            && self.counts == other.counts
    }
}

/// The part of the task list's query the roll-up filters by: search text, category, lead
/// department and deadline month. Units, scopes and statuses are what the matrix shows, so they
/// do not filter its rows; the order is the list's default (by number, grouped by category).
pub(crate) fn rollup_query(q: &TaskQuery) -> TaskQuery {
    TaskQuery {
        text: q.text.clone(),
        categories: q.categories.clone(),
        leads: q.leads.clone(),
        months: q.months.clone(),
        ..TaskQuery::default()
    }
}

/// A table's column headers.
pub(crate) fn header_cells(headers: &[&'static str]) -> impl IntoView {
    headers
        .iter()
        .map(|h| view! { <th scope="col">{*h}</th> })
        .collect_view()
}

/// The roll-up's view parameters from the route (defaults elsewhere).
fn view_of(state: AppState) -> Memo<RollupView> {
    Memo::new(move |_| {
        state.route.with(|r| match &r.page {
            Page::Rollup(v) => v.clone(),
            _ => RollupView::default(),
        })
    })
}

/// Whether the window is narrower than the phone breakpoint (600 px, the stylesheet's), kept up
/// to date on resize for as long as the page is shown.
fn narrow_window() -> ReadSignal<bool> {
    fn is_narrow() -> bool {
        web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w < 600.0)
    }
    let (narrow, set_narrow) = signal(is_narrow());
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        let now = is_narrow();
        if narrow.get_untracked() != now {
            set_narrow.set(now);
        }
    });
    on_cleanup(move || handle.remove());
    narrow
}

/// The roll-up of every unit's progress.
#[component]
pub fn RollupPage() -> impl IntoView {
    let state = use_app_state();
    let ds = state.ds;
    let progress = state.progress;
    let view = view_of(state);
    let query = Memo::new(move |_| state.query.with(rollup_query));
    let filtered = Memo::new(move |_| {
        query.with(|q| {
            let index = (!q.text.trim().is_empty()).then(|| state.search_index());
            let (tasks, counts) =
                filter_and_count_in(ds, q, &|_: &Task| StatusKey::NotStarted, index);
            Filtered { tasks, counts }
        })
    });
    // One roll-up for everything on the page. It is rebuilt only when the document, the filtered
    // tasks or the as-of date change, so "changed" without a deep comparison.
    let rollup = Memo::new_with_compare(
        move |_| {
            let as_of = state.as_of();
            filtered.with(|f| {
                progress.doc.with(|d| {
                    Rollup::new(ds, d, as_of, &f.tasks).with_stated_totals(task_stated_totals)
                })
            })
        },
        |_, _| true,
    );
    let narrow = narrow_window();
    // The print button shows the wide table (and the data tables) before printing on a phone.
    let printing = RwSignal::new(false);
    let wide = Signal::derive(move || !narrow.get() || printing.get());

    view! {
        <section class="rollup" data-testid="rollup-page" aria-labelledby="rollup-title">
            <h2 id="rollup-title">{text::NAV_ROLLUP}</h2>
            <p class="muted no-print">{text::ROLLUP_INTRO}</p>
            <p class="rollup-asof" data-testid="rollup-asof">
                {move || text::rollup_as_of(state.as_of())}
            </p>
            // On paper the filters are gone: say how many tasks the tables cover.
            <p class="print-only">
                {move || text::showing(filtered.with(|f| f.tasks.len()), ds.tasks.len())}
            </p>
            <collect::CollectSection />
            <filters::RollupFilters filtered=filtered />
            <matrix::MatrixSection rollup=rollup view=view wide=wide />
            <totals::TotalsSection rollup=rollup />
            <behind::BehindSection rollup=rollup view=view />
            <charts::ChartsSection rollup=rollup />
            <report::ReportSection rollup=rollup printing=printing />
        </section>
    }
}
