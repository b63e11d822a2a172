//! The deadline light: green, yellow (14 days or fewer), red (overdue and not done).

use leptos::prelude::*;

use crate::domain::deadline::{deadline_phrase, light};
use crate::domain::task::Task;
use crate::state::use_app_state;

/// The deadline text of the source with its light and days left, against the as-of date.
#[component]
pub fn DeadlineBadge(
    /// The task.
    task: &'static Task,
    /// Whether the task counts as done (a done task is never red).
    #[prop(into)]
    done: Signal<bool>,
) -> impl IntoView {
    let state = use_app_state();
    let as_of = move || state.as_of();
    let l = Memo::new(move |_| light(task.deadline, as_of(), done.get()));
    let l = move || l.get();
    view! {
        <span class=move || format!("deadline {}", l().css_class()) data-testid="deadline">
            <span class="deadline-dot" aria-hidden="true"></span>
            <span class="deadline-text">{task.deadline_text.as_str()}</span>
            <span class="deadline-phrase">
                {move || deadline_phrase(task.deadline, as_of(), done.get())}
            </span>
            <span class="visually-hidden">{move || format!("（{}）", l().label())}</span>
        </span>
    }
}
