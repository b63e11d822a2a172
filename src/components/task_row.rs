//! One task in a list: number, name, lead department and deadline.

use leptos::prelude::*;

use crate::domain::task::Task;
use crate::text;

/// A task as a list row (a card on phones, a table row on wide screens).
#[component]
pub fn TaskRow(task: &'static Task) -> impl IntoView {
    view! {
        <li class="task-row" data-testid="task-row" data-task-id=task.id>
            <span class="task-row-no" title=text::COL_NO>{task.id}</span>
            <span class="task-row-name">{task.name.clone()}</span>
            <span class="task-row-lead" title=text::COL_LEAD>{task.lead_text.clone()}</span>
            <span class="task-row-deadline" title=text::COL_DEADLINE>{task.deadline_text.clone()}</span>
        </li>
    }
}
