//! The tasks one lead department leads.

use leptos::prelude::*;

use crate::components::task_card::TaskCard;
use crate::domain::query::tasks_led_by;
use crate::pages::not_found::NotFound;
use crate::state::use_app_state;
use crate::text;

/// The page for the department `name` (a task with two leads is under both).
#[component]
pub fn DeptPage(
    /// The department as written in the source, e.g. `区农业农村委`.
    name: String,
) -> impl IntoView {
    let state = use_app_state();
    let tasks = tasks_led_by(state.ds, &name);
    if tasks.is_empty() {
        return view! { <NotFound message=text::DEPT_NOT_FOUND /> }.into_any();
    }
    let n = tasks.len();
    view! {
        <section class="dept" data-testid="dept-page">
            <h2>{name}</h2>
            <p class="muted">{text::leads_count(n)}</p>
            <ol class="task-list">
                {tasks.into_iter().map(|t| view! { <TaskCard task=t /> }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}
