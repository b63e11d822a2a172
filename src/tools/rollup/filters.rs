//! The roll-up's filters: the task list's search box and its category, lead department and
//! deadline facets (same URL parameters, same counts), the as-of date, and "显示 N / 74 项".

use leptos::prelude::*;

use crate::components::facet_group::{active_chip, FacetGroup};
use crate::components::search_bar::{AsOfInput, SearchBox};
use crate::domain::facet::{selected_values, FacetKind};
use crate::state::use_app_state;
use crate::text;

use super::{rollup_query, Filtered};

/// The facets the roll-up filters by.
const FACETS: [FacetKind; 3] = [FacetKind::Category, FacetKind::Lead, FacetKind::Month];

/// Search, facets, as-of date and the count of tasks shown.
#[component]
pub fn RollupFilters(filtered: Memo<Filtered>) -> impl IntoView {
    let state = use_app_state();
    let ds = state.ds;
    let groups = FACETS
        .iter()
        .map(|&kind| {
            let entries = Memo::new(move |_| filtered.with(|f| f.counts.get(kind).to_vec()));
            view! { <FacetGroup kind=kind entries=entries /> }
        })
        .collect_view();
    // Only the values of the roll-up's own facets (a link from the task list may carry others).
    let active = Memo::new(move |_| state.query.with(|q| selected_values(ds, &rollup_query(q))));
    let count = move || filtered.with(|f| f.tasks.len());
    let clear_href = move || {
        state
            .route_with(|r| {
                r.query.text.clear();
                r.query.categories.clear();
                r.query.leads.clear();
                r.query.months.clear();
            })
            .to_hash()
    };
    view! {
        <section class="rollup-section rollup-filters no-print" aria-labelledby="rollup-filters-title">
            <h3 id="rollup-filters-title">{text::ROLLUP_FILTERS}</h3>
            <div class="toolbar rollup-toolbar">
                <SearchBox />
                <AsOfInput />
            </div>
            <details class="rollup-facets">
                <summary class="rollup-facets-summary">
                    {text::FILTERS}
                    {move || {
                        let n = active.with(Vec::len);
                        (n > 0).then(|| text::selected_count(n))
                    }}
                </summary>
                <div class="rollup-facet-groups">{groups}</div>
            </details>
            <div class="results-head">
                <p class="results-count" data-testid="result-count" aria-live="polite">
                    {move || text::showing(count(), ds.tasks.len())}
                </p>
                <Show when=move || active.with(|a| !a.is_empty())>
                    <a class="button button-quiet" href=clear_href data-testid="clear-filters">
                        {text::CLEAR_FILTERS}
                    </a>
                </Show>
            </div>
            <Show when=move || active.with(|a| !a.is_empty())>
                <ul class="chips" aria-label=text::ACTIVE_FILTERS data-testid="active-filters">
                    {move || active.get().into_iter().map(|(k, l)| active_chip(state, k, l)).collect_view()}
                </ul>
            </Show>
        </section>
    }
}
