//! One task with every field of the source.

use leptos::prelude::*;

use crate::components::allocation_table::AllocationTable;
use crate::components::deadline_badge::DeadlineBadge;
use crate::components::progress_editor::ProgressEditor;
use crate::domain::query::{category_label, ScopeKey, StatusKey};
use crate::domain::route::Page;
use crate::domain::summary::unit_name;
use crate::domain::task::{Task, UnitKey};
use crate::pages::not_found::NotFound;
use crate::state::use_app_state;
use crate::text;

/// The task detail page for `id`.
#[component]
pub fn TaskPage(
    /// 区级序号 of the task.
    id: u16,
) -> impl IntoView {
    let state = use_app_state();
    match state.task(id) {
        Some(task) => view! { <TaskDetail task=task /> }.into_any(),
        None => view! { <NotFound message=text::TASK_NOT_FOUND /> }.into_any(),
    }
}

/// Previous / next links in source order, keeping the filters and as-of date in the URL.
#[component]
fn PrevNext(task: &'static Task) -> impl IntoView {
    let state = use_app_state();
    let tasks = &state.ds.tasks;
    let pos = tasks.iter().position(|t| t.id == task.id);
    let prev = pos
        .and_then(|p| p.checked_sub(1))
        .and_then(|p| tasks.get(p));
    let next = pos.and_then(|p| tasks.get(p + 1));
    let href = move |t: &Task| state.route_with(|r| r.page = Page::Task(t.id)).to_hash();
    let list_href = move || state.route_with(|r| r.page = Page::Tasks).to_hash();
    view! {
        <nav class="prevnext" aria-label=text::TASK_PAGER>
            {prev
                .map(|t| {
                    view! {
                        <a class="button" rel="prev" href=href(t) data-testid="prev-task">
                            {format!("← {} {}", text::PREV_TASK, t.id)}
                        </a>
                    }
                })}
            <a class="button button-quiet" href=list_href>{text::BACK_TO_LIST}</a>
            {next
                .map(|t| {
                    view! {
                        <a class="button" rel="next" href=href(t) data-testid="next-task">
                            {format!("{} {} →", text::NEXT_TASK, t.id)}
                        </a>
                    }
                })}
        </nav>
    }
}

/// Every field of one task.
#[component]
fn TaskDetail(task: &'static Task) -> impl IntoView {
    let state = use_app_state();
    let ds = state.ds;
    let done = Signal::derive(move || state.status_of(task) == StatusKey::Done);
    let dept_href = move |lead: &str| {
        state
            .route_with(|r| r.page = crate::domain::route::Page::Dept(lead.to_string()))
            .to_hash()
    };
    let leads = task
        .leads
        .iter()
        .map(|l| view! { <a class="chip" href=dept_href(l)>{l.clone()}</a> })
        .collect_view();
    let allocation = if task.allocation_text.is_empty() {
        view! { <p class="muted">{text::NO_ALLOCATION}</p> }.into_any()
    } else {
        view! { <p class="pre" data-testid="allocation-text">{task.allocation_text.as_str()}</p> }
            .into_any()
    };
    view! {
        <article class="detail" data-testid="task-detail" data-task-id=task.id>
            <PrevNext task=task />
            <h2 class="detail-title">
                <span class="detail-no">{task.id}</span>
                {task.name.as_str()}
            </h2>
            <dl class="detail-fields">
                <dt>{text::F_CATEGORY}</dt>
                <dd>{category_label(ds, task.category)}</dd>
                <dt>{text::F_DISTRICT_NO}</dt>
                <dd>{task.id}</dd>
                <dt>{text::F_CITY_NO}</dt>
                <dd>{task.city_no}</dd>
                <dt>{text::F_LEADS}</dt>
                <dd data-testid="leads">{leads}</dd>
                <dt>{text::F_DEADLINE}</dt>
                <dd>
                    <DeadlineBadge task=task done=done />
                </dd>
                <dt>{text::F_SCOPE}</dt>
                <dd data-testid="scope">{ScopeKey::from_scope(task.scope).label()}</dd>
            </dl>
            <section class="detail-section">
                <h3>{text::F_REQUIREMENTS}</h3>
                <p class="pre" data-testid="requirements">{task.requirements.as_str()}</p>
            </section>
            <section class="detail-section">
                <h3>{text::F_ALLOCATION}</h3>
                {allocation}
                {(!task.allocations.is_empty())
                    .then(|| view! { <AllocationTable ds=ds task=task /> })}
            </section>
            <TaskProgress task=task />
        </article>
    }
}

/// Progress for the task, recorded by one unit at a time: the one unit the URL's `unit=` names
/// (a roll-up cell links so) where the task applies to it, else "我的街镇" where it does, else the
/// district level; the other units that have the task can be picked.
#[component]
fn TaskProgress(task: &'static Task) -> impl IntoView {
    let state = use_app_state();
    let ds = state.ds;
    let mut units: Vec<(String, String)> = ds
        .units
        .iter()
        .filter(|u| task.applies_to(u))
        .map(|u| (u.id.clone(), u.name.clone()))
        .collect();
    let district = UnitKey::District;
    units.push((
        district.as_str().to_string(),
        unit_name(ds, district).unwrap_or_default().to_string(),
    ));
    let from_url = state.route.with_untracked(|r| match r.query.units.len() {
        1 => r.query.units.first().cloned(),
        _ => None,
    });
    let chosen = RwSignal::new(
        from_url
            .filter(|u| units.iter().any(|(id, _)| id == u))
            .unwrap_or_else(|| state.default_unit_for(task)),
    );
    let select_id = format!("progress-unit-{}", task.id);
    view! {
        <section class="detail-section" data-testid="task-progress">
            <h3>{text::PROGRESS_TITLE}</h3>
            <div class="field">
                <label class="field-label" for=select_id.clone()>{text::PROGRESS_UNIT}</label>
                <select
                    id=select_id
                    class="field-input"
                    data-testid="progress-unit"
                    on:change:target=move |ev| chosen.set(ev.target().value())
                >
                    {units
                        .into_iter()
                        .map(|(id, name)| {
                            let selected = chosen.get_untracked() == id;
                            view! { <option value=id selected=selected>{name}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            {move || {
                let unit = chosen.get();
                view! { <ProgressEditor task=task unit=unit /> }
            }}
        </section>
    }
}
