//! The index of the 12 units with their task counts.

use leptos::prelude::*;

use crate::domain::route::Page;
use crate::domain::town::town_counts;
use crate::state::use_app_state;
use crate::text;

/// All units, each with how many tasks name it, apply to all 街镇, or are district level.
#[component]
pub fn TownsPage() -> impl IntoView {
    let state = use_app_state();
    let counts = town_counts(state.ds);
    let cards = counts
        .into_iter()
        .filter_map(|c| {
            let unit = state.unit(&c.unit_id)?;
            let href = state
                .route_with(|r| r.page = Page::Town(unit.id.clone()))
                .to_hash();
            let is_mine = move || state.my_unit.get().as_deref() == Some(unit.id.as_str());
            Some(view! {
                <li class="town-card" data-testid="town-card" data-unit=unit.id.clone()>
                    <a class="town-card-link" href=href>
                        <span class="town-card-name">{unit.name.as_str()}</span>
                        <span class="town-card-counts">
                            {text::town_counts_line(c.named, c.all_towns, c.district)}
                        </span>
                        <Show when=is_mine>
                            <span class="badge">{text::IS_MY_UNIT}</span>
                        </Show>
                    </a>
                </li>
            })
        })
        .collect_view();
    view! {
        <section class="towns">
            <h2>{text::TOWNS_TITLE}</h2>
            <p class="muted">{text::TOWNS_HINT}</p>
            <ul class="town-grid">{cards}</ul>
        </section>
    }
}
