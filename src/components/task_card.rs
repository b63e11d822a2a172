//! One task in a list: a card on phones, a table-like row on wide screens.

use leptos::prelude::*;

use crate::components::deadline_badge::DeadlineBadge;
use crate::components::highlight::Highlight;
use crate::components::progress_editor::ProgressEditor;
use crate::domain::query::StatusKey;
use crate::domain::route::Page;
use crate::domain::search::snippet;
use crate::domain::summary::metric_progress;
use crate::domain::task::Task;
use crate::domain::town::format_value;
use crate::state::use_app_state;
use crate::text;

/// How many characters of context a search excerpt shows on each side of the hit.
const SNIPPET_RADIUS: usize = 24;

/// `text` (a name or departments: texts pinyin search covers), with the search terms marked when
/// the list has a search.
fn text_of(text: &str, terms: Option<Signal<Vec<String>>>) -> AnyView {
    match terms {
        Some(terms) => {
            view! { <Highlight text=text.to_string() terms=terms pinyin=true /> }.into_any()
        }
        None => text.to_string().into_any(),
    }
}

/// A task with number, name, lead departments, deadline light and status; the name links to the
/// detail page. `assignment` is the viewing unit's own share, shown up front on town pages.
#[component]
pub fn TaskCard(
    /// The task.
    task: &'static Task,
    /// Search terms to highlight (lists with a search box); without them the texts are static.
    #[prop(optional, into)]
    terms: Option<Signal<Vec<String>>>,
    /// The unit's own assignment, e.g. "道路 8公里 · 桥梁 8座".
    #[prop(optional)]
    assignment: Option<String>,
    /// The unit whose progress the card shows and edits (town pages); lists otherwise show
    /// "我的街镇" or the district level.
    #[prop(optional)]
    unit: Option<String>,
) -> impl IntoView {
    let state = use_app_state();
    let href = move || state.href(&Page::Task(task.id));
    let unit = StoredValue::new(unit);
    // One lookup per progress change, shared by the class, the label and the deadline light; the
    // DOM is only touched when the status itself changes.
    let status = Memo::new(move |_| {
        unit.with_value(|u| match u {
            Some(u) => state.status_for(task, u),
            None => state.status_of(task),
        })
    });
    let status = move || status.get();
    let progress_line = move || {
        let u = unit.get_value()?;
        let parts: Vec<String> = state.progress.doc.with(|d| {
            metric_progress(d, task, &u)
                .into_iter()
                .filter_map(|m| {
                    let target = m.target?;
                    Some(format!(
                        "{} {}",
                        m.metric,
                        text::amount_line(
                            &m.completed.map(format_value).unwrap_or_else(|| "0".into()),
                            &format_value(target),
                            &m.measure,
                            m.percent,
                        )
                    ))
                })
                .collect()
        });
        let latest = state.progress.doc.with(|d| {
            d.record(task.id, &u)
                .and_then(|r| r.latest_note().map(|n| n.text.clone()))
        });
        let mut out = parts.join(" · ");
        if let Some(n) = latest {
            if !out.is_empty() {
                out.push_str(" · ");
            }
            out.push_str(&format!("{}：{}", text::NOTES_TITLE, n));
        }
        (!out.is_empty()).then_some(out)
    };
    let editor_open = RwSignal::new(false);
    let done = Signal::derive(move || status() == StatusKey::Done);
    // Where a term only occurs in the long texts, show the passage it occurs in.
    let excerpt = move |terms: Signal<Vec<String>>| {
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
                {text_of(&task.name, terms)}
            </a>
            <span class="task-row-lead" title=text::COL_LEAD>
                {text_of(&task.lead_text, terms)}
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
            {terms
                .map(|terms| {
                    move || {
                        excerpt(terms)
                            .map(|e| {
                                view! {
                                    <span class="task-row-excerpt">
                                        <Highlight text=e terms=terms />
                                    </span>
                                }
                            })
                    }
                })}
            {unit
                .with_value(Option::is_some)
                .then_some(move || {
                    progress_line()
                        .map(|l| {
                            view! {
                                <span class="task-row-progress" data-testid="progress-line">
                                    {l}
                                </span>
                            }
                        })
                })}
            {unit
                .get_value()
                .map(|u| {
                    view! {
                        <details
                            class="task-row-edit"
                            on:toggle:target=move |ev| editor_open.set(ev.target().open())
                        >
                            <summary class="button button-quiet" data-testid="record-progress">
                                {text::RECORD_PROGRESS}
                            </summary>
                            <Show when=move || editor_open.get()>
                                <ProgressEditor task=task unit=u.clone() />
                            </Show>
                        </details>
                    }
                })}
        </li>
    }
}
