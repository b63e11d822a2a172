//! All tasks: search, facets with live counts, sort, as-of date.

use leptos::prelude::*;

use crate::components::facet_group::{FacetGroup, FacetLink};
use crate::components::search_bar::{AsOfInput, SearchBox, SortSelect};
use crate::components::task_card::TaskCard;
use crate::domain::query::{facet_counts, filter_tasks, FacetCounts, FacetValue, TaskQuery};
use crate::domain::route::Route;
use crate::domain::search::terms;
use crate::state::{use_app_state, AppState};
use crate::text;

/// How many results a list shows at first, and how many more each "显示更多" adds: enough for
/// the whole real list, few enough that a list of thousands renders at once.
const PAGE: usize = 100;

/// Turns facet values into links that toggle them in the current route.
fn links<K: Clone>(
    route: &Route,
    values: &[FacetValue<K>],
    toggle: impl Fn(&mut TaskQuery, &K),
) -> Vec<FacetLink> {
    values
        .iter()
        .map(|v| {
            let mut next = route.clone();
            toggle(&mut next.query, &v.key);
            FacetLink {
                label: v.label.clone(),
                count: v.count,
                selected: v.selected,
                href: next.to_hash(),
            }
        })
        .collect()
}

/// The facet counts for the current route (memoised: read by six groups and the chips).
fn counts_memo(state: AppState) -> Memo<FacetCounts> {
    Memo::new(move |_| {
        let route = state.route.get();
        facet_counts(state.ds, &route.query, &|t| state.status_of(t))
    })
}

/// The task list page.
#[component]
pub fn TasksPage() -> impl IntoView {
    let state = use_app_state();
    let ds = state.ds;
    let results = Memo::new(move |_| {
        let route = state.route.get();
        filter_tasks(ds, &route.query, &|t| state.status_of(t))
    });
    // Long lists render in pages: the first PAGE results, then more on request. The extra
    // pages belong to one query, so a new search starts from the first page again.
    let more = RwSignal::new((TaskQuery::default(), 0usize));
    let shown = move || {
        let extra = more.with(|(q, n)| {
            if state.route.with(|r| &r.query == q) {
                *n
            } else {
                0
            }
        });
        PAGE + extra
    };
    let visible = Memo::new(move |_| {
        let n = shown();
        results.with(|r| r.iter().take(n).copied().collect::<Vec<_>>())
    });
    let hidden = move || results.with(Vec::len).saturating_sub(shown());
    let show_more = move |_| {
        let q = state.route.with_untracked(|r| r.query.clone());
        // The extra count grows by one page: PAGE + extra is what is shown now.
        more.set((q, shown()));
    };
    let terms = Signal::derive(move || state.route.with(|r| terms(&r.query.text)));
    let counts = counts_memo(state);
    let route = move || state.route.get();
    let group = move |f: fn(&Route, &FacetCounts) -> Vec<FacetLink>| {
        Signal::derive(move || f(&route(), &counts.get()))
    };
    let has_filters = move || state.route.with(|r| r.query.has_facets());
    let clear_href = move || state.route_with(|r| r.query.clear_facets()).to_hash();
    let active = move || {
        let r = route();
        let c = counts.get();
        let mut chips: Vec<FacetLink> = Vec::new();
        chips.extend(links(&r, &c.categories, |q, k| q.toggle_category(*k)));
        chips.extend(links(&r, &c.leads, |q, k| q.toggle_lead(k)));
        chips.extend(links(&r, &c.months, |q, k| q.toggle_month(*k)));
        chips.extend(links(&r, &c.units, |q, k| q.toggle_unit(k)));
        chips.extend(links(&r, &c.scopes, |q, k| q.toggle_scope(*k)));
        chips.extend(links(&r, &c.statuses, |q, k| q.toggle_status(*k)));
        chips.retain(|l| l.selected);
        chips
    };
    // Open on wide screens, folded on phones so the list comes first.
    let wide = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 900.0);

    view! {
        <section class="tasks" aria-labelledby="tasks-title">
            <h2 id="tasks-title" class="visually-hidden">{text::NAV_TASKS}</h2>
            <div class="toolbar">
                <SearchBox />
                <SortSelect />
                <AsOfInput />
            </div>
            <div class="tasks-layout">
                <details class="facets" open=wide>
                    <summary class="facets-summary">
                        {text::FILTERS}
                        {move || {
                            let n = active().len();
                            (n > 0).then(|| format!("（已选 {n}）"))
                        }}
                    </summary>
                    <FacetGroup
                        title=text::FACET_UNIT
                        testid="facet-unit"
                        links=group(|r, c| links(r, &c.units, |q, k| q.toggle_unit(k)))
                    />
                    <FacetGroup
                        title=text::FACET_CATEGORY
                        testid="facet-category"
                        links=group(|r, c| links(r, &c.categories, |q, k| q.toggle_category(*k)))
                    />
                    <FacetGroup
                        title=text::FACET_LEAD
                        testid="facet-lead"
                        links=group(|r, c| links(r, &c.leads, |q, k| q.toggle_lead(k)))
                    />
                    <FacetGroup
                        title=text::FACET_MONTH
                        testid="facet-month"
                        links=group(|r, c| links(r, &c.months, |q, k| q.toggle_month(*k)))
                    />
                    <FacetGroup
                        title=text::FACET_SCOPE
                        testid="facet-scope"
                        links=group(|r, c| links(r, &c.scopes, |q, k| q.toggle_scope(*k)))
                    />
                    <FacetGroup
                        title=text::FACET_STATUS
                        testid="facet-status"
                        links=group(|r, c| links(r, &c.statuses, |q, k| q.toggle_status(*k)))
                    />
                </details>
                <div class="results">
                    <div class="results-head">
                        <p class="results-count" data-testid="result-count" aria-live="polite">
                            {move || text::showing(results.with(Vec::len), ds.tasks.len())}
                        </p>
                        <Show when=has_filters>
                            <a class="button button-quiet" href=clear_href data-testid="clear-filters">
                                {text::CLEAR_FILTERS}
                            </a>
                        </Show>
                    </div>
                    <Show when=move || !active().is_empty()>
                        <ul class="chips" aria-label=text::ACTIVE_FILTERS data-testid="active-filters">
                            {move || {
                                active()
                                    .into_iter()
                                    .map(|l| {
                                        view! {
                                            <li>
                                                <a class="chip" href=l.href>
                                                    {l.label}
                                                    <span aria-hidden="true">" ×"</span>
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </ul>
                    </Show>
                    <Show
                        when=move || results.with(|r| !r.is_empty())
                        fallback=|| {
                            view! {
                                <div class="empty" data-testid="empty">
                                    <p class="empty-title">{text::EMPTY_TITLE}</p>
                                    <p>{text::EMPTY_HINT}</p>
                                </div>
                            }
                        }
                    >
                        <ol class="task-list" data-testid="task-list">
                            <For each=move || visible.get() key=|t| t.id let:task>
                                <TaskCard task=task terms=terms />
                            </For>
                        </ol>
                        <Show when=move || { hidden() > 0 }>
                            <button type="button" class="button more" data-testid="show-more" on:click=show_more>
                                {move || text::show_more(PAGE.min(hidden()), hidden())}
                            </button>
                        </Show>
                    </Show>
                </div>
            </div>
        </section>
    }
}
