//! One task in a list: a card on phones, a table-like row on wide screens.

use leptos::prelude::*;

use crate::components::deadline_badge::DeadlineBadge;
use crate::components::highlight::Highlight;
use crate::domain::query::StatusKey;
use crate::domain::route::Page;
use crate::domain::search::snippet;
use crate::domain::task::Task;
use crate::state::use_app_state;
use crate::text;

/// How many characters of context a search excerpt shows on each side of the hit.
const SNIPPET_RADIUS: usize = 24;

/// A task with number, name, lead departments, deadline light and status; the name links to the
/// detail page. `assignment` is the viewing unit's own share, shown up front on town pages.
#[component]
pub fn TaskCard(
    /// The task.
    task: &'static Task,
    /// Search terms to highlight.
    #[prop(into, optional)]
    terms: Signal<Vec<String>>,
    /// The unit's own assignment, e.g. "道路 8公里 · 桥梁 8座".
    #[prop(optional)]
    assignment: Option<String>,
) -> impl IntoView {
    let state = use_app_state();
    let href = move || state.route_with(|r| r.page = Page::Task(task.id)).to_hash();
    let status = move || state.status_of(task);
    let done = Signal::derive(move || status() == StatusKey::Done);
    // Where a term only occurs in the long texts, show the passage it occurs in.
    let excerpt = move || {
        terms.with(|t| {
            if t.is_empty() {
                return None;
            }
            snippet(&task.requirements, t, SNIPPET_RADIUS)
                .or_else(|| snippet(&task.allocation_text, t, SNIPPET_RADIUS))
        })
    };
    view! {
        <li class="task-row" data-testid="task-row" data-task-id=task.id>
            <span class="task-row-no" title=text::COL_NO>{task.id}</span>
            <a class="task-row-name" href=href>
                <Highlight text=task.name.clone() terms=terms />
            </a>
            <span class="task-row-lead" title=text::COL_LEAD>
                <Highlight text=task.lead_text.clone() terms=terms />
            </span>
            <span class="task-row-deadline" title=text::COL_DEADLINE>
                <DeadlineBadge task=task done=done />
            </span>
            <span class=move || format!("status status-{}", status().as_str())>
                {move || status().label()}
            </span>
            {assignment
                .filter(|a| !a.is_empty())
                .map(|a| {
                    view! {
                        <span class="task-row-assignment" data-testid="assignment">
                            {a}
                        </span>
                    }
                })}
            {move || {
                excerpt()
                    .map(|e| {
                        view! {
                            <span class="task-row-excerpt">
                                <Highlight text=e terms=terms />
                            </span>
                        }
                    })
            }}
        </li>
    }
}
