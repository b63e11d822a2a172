//! The index of lead departments.

use leptos::prelude::*;

use crate::domain::query::leads_index;
use crate::domain::route::Page;
use crate::state::use_app_state;
use crate::text;

/// Every lead department with the number of tasks it leads.
#[component]
pub fn DeptsPage() -> impl IntoView {
    let state = use_app_state();
    let cards = leads_index(state.ds)
        .into_iter()
        .map(|(lead, ids)| {
            let href = state
                .route_with(|r| r.page = Page::Dept(lead.clone()))
                .to_hash();
            view! {
                <li class="town-card" data-testid="dept-card" data-dept=lead.clone()>
                    <a class="town-card-link" href=href>
                        <span class="town-card-name">{lead.clone()}</span>
                        <span class="town-card-counts">{text::leads_count(ids.len())}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="towns">
            <h2>{text::DEPTS_TITLE}</h2>
            <p class="muted">{text::DEPTS_HINT}</p>
            <ul class="town-grid">{cards}</ul>
        </section>
    }
}
