//! All tasks: search, facets with live counts, sort, as-of date.

use leptos::prelude::*;

use crate::components::facet_group::{active_chip, FacetGroup};
use crate::components::progressive::{sliced, FIRST};
use crate::components::search_bar::{AsOfInput, SearchBox, SortSelect};
use crate::components::task_card::TaskCard;
use crate::domain::facet::{selected_values, FacetKind};
use crate::domain::filter::{filter_and_count_in, filter_tasks_in, FacetCounts};
use crate::domain::query::TaskQuery;
use crate::domain::task::Task;
use crate::state::{use_app_state, AppState};
use crate::text;

/// How many results a list shows at first, and how many more each "显示更多" adds: enough for
/// the whole real list, few enough that a list of thousands renders at once. The pre-render
/// (`crate::prerender`) shows as many.
pub const PAGE: usize = 100;

/// The matching tasks of one query and, while the facets are shown, their counts.
#[derive(Clone)]
struct Evaluated {
    tasks: Vec<&'static Task>,
    counts: Option<FacetCounts>,
}

impl PartialEq for Evaluated {
    /// Tasks compare by identity: a deep comparison of thousands of tasks on every keystroke
    /// would cost more than it saves.
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

/// Results (and counts, when `with_counts`) for the current query, in one pass. Re-runs when the
/// query, the progress or "我的街镇" change, not when only the page or the as-of date does.
fn evaluate(state: AppState, with_counts: RwSignal<bool>) -> Memo<Evaluated> {
    Memo::new(move |_| {
        let counting = with_counts.get();
        state.query.with(|q| {
            let status = |t: &Task| state.status_of(t);
            // Without search text there is nothing to index (and no index to build yet).
            let index = (!q.text.trim().is_empty()).then(|| state.search_index());
            if counting {
                let (tasks, counts) = filter_and_count_in(state.ds, q, &status, index);
                Evaluated {
                    tasks,
                    counts: Some(counts),
                }
            } else {
                Evaluated {
                    tasks: filter_tasks_in(state.ds, q, &status, index),
                    counts: None,
                }
            }
        })
    })
}

/// The facet groups, in the panel's order; built only once the filter panel is open.
fn facet_groups(evaluated: Memo<Evaluated>) -> impl IntoView {
    FacetKind::ALL
        .iter()
        .map(|&kind| {
            let entries = Memo::new(move |_| {
                evaluated.with(|e| {
                    e.counts
                        .as_ref()
                        .map(|c| c.get(kind).to_vec())
                        .unwrap_or_default()
                })
            });
            view! { <FacetGroup kind=kind entries=entries /> }
        })
        .collect_view()
}

/// Moves the keyboard focus to the element `id` (a skip link's target: the hash holds the route,
/// so the link cannot point there itself).
fn focus_by_id(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The task list page.
#[component]
pub fn TasksPage() -> impl IntoView {
    let state = use_app_state();
    let ds = state.ds;
    // Open on wide screens, folded on phones so the list comes first; nothing is counted or
    // built for the facets while they are folded.
    let wide = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 900.0);
    let facets_open = RwSignal::new(wide);
    let evaluated = evaluate(state, facets_open);
    let total = Memo::new(move |_| evaluated.with(|e| e.tasks.len()));
    // Long lists render in pages: the first PAGE results, then more on request. The extra
    // pages belong to one query, so a new search starts from the first page again.
    let more = RwSignal::new((TaskQuery::default(), 0usize));
    let shown = move || {
        let extra = more.with(|(q, n)| {
            if state.query.with(|cur| cur == q) {
                *n
            } else {
                0
            }
        });
        PAGE + extra
    };
    // Many new cards at once (mounting, clearing a search) arrive in slices, see `progressive`.
    let visible = sliced(
        move || {
            let n = shown();
            evaluated.with(|e| e.tasks.iter().take(n).copied().collect::<Vec<_>>())
        },
        FIRST,
    );
    let hidden = move || total.get().saturating_sub(shown());
    let show_more = move |_| {
        let q = state.query.get_untracked();
        // The extra count grows by one page: PAGE + extra is what is shown now.
        more.set((q, shown()));
    };
    let terms: Signal<Vec<String>> = state.terms.into();
    let has_filters = move || state.query.with(TaskQuery::has_facets);
    let clear_href = move || {
        let mut r = state.route.get();
        r.query.clear_facets();
        r.to_hash()
    };
    let active = Memo::new(move |_| state.query.with(|q| selected_values(ds, q)));
    view! {
        <section class="tasks" aria-labelledby="tasks-title">
            <h2 id="tasks-title" class="visually-hidden">{text::NAV_TASKS}</h2>
            <div class="toolbar">
                <SearchBox />
                <SortSelect />
                <AsOfInput />
            </div>
            <div class="tasks-layout">
                // Past the filter links (about 50 Tab stops on a desktop) straight to the results.
                <a
                    class="skip-link skip-results"
                    href="#task-results"
                    on:click=move |ev| {
                        ev.prevent_default();
                        focus_by_id("task-results");
                    }
                >
                    {text::SKIP_TO_RESULTS}
                </a>
                <details
                    class="facets"
                    open=wide
                    on:toggle:target=move |ev| facets_open.set(ev.target().open())
                >
                    <summary class="facets-summary">
                        {text::FILTERS}
                        {move || {
                            let n = active.with(Vec::len);
                            (n > 0).then(|| text::selected_count(n))
                        }}
                    </summary>
                    <Show when=move || facets_open.get()>{move || facet_groups(evaluated)}</Show>
                </details>
                <div class="results">
                    <div class="results-head">
                        <p
                            class="results-count"
                            id="task-results"
                            tabindex="-1"
                            data-testid="result-count"
                            aria-live="polite"
                        >
                            {move || text::showing(total.get(), ds.tasks.len())}
                        </p>
                        <Show when=has_filters>
                            <a class="button button-quiet" href=clear_href data-testid="clear-filters">
                                {text::CLEAR_FILTERS}
                            </a>
                        </Show>
                    </div>
                    <Show when=move || active.with(|a| !a.is_empty())>
                        <ul class="chips" aria-label=text::ACTIVE_FILTERS data-testid="active-filters">
                            {move || {
                                active.get().into_iter().map(|(k, l)| active_chip(state, k, l)).collect_view()
                            }}
                        </ul>
                    </Show>
                    <Show
                        when=move || { total.get() > 0 }
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
