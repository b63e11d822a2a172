//! The list of all tasks.

use leptos::prelude::*;

use crate::components::task_row::TaskRow;
use crate::domain::task::Dataset;
use crate::text;

/// All tasks of the list, in source order.
#[component]
pub fn TasksPage(ds: &'static Dataset) -> impl IntoView {
    view! {
        <section class="tasks" aria-label=text::NAV_TASKS>
            <ol class="task-list" data-testid="task-list">
                <For each=move || ds.tasks.iter() key=|t| t.id let:task>
                    <TaskRow task=task />
                </For>
            </ol>
        </section>
    }
}
