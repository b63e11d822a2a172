//! One unit's page: its own tasks with its own numbers first, then shared and district tasks.

use leptos::prelude::*;

use crate::components::progressive::{sliced, FIRST};
use crate::components::search_bar::AsOfInput;
use crate::components::task_card::TaskCard;
use crate::domain::progress::Status;
use crate::domain::route::Page;
use crate::domain::summary::unit_summary;
use crate::domain::task::{Task, UnitKind};
use crate::domain::town::{assignment_summary, town_view};
use crate::pages::not_found::NotFound;
use crate::state::use_app_state;
use crate::text;

/// How many cards a town-page group shows at first and adds per "显示更多".
const GROUP_PAGE: usize = 100;

/// A titled group of task cards.
#[component]
fn TaskGroup(
    /// Group title (the count is appended).
    title: &'static str,
    /// `data-testid` of the group.
    testid: &'static str,
    /// The tasks with the unit's own assignment text.
    items: Vec<(&'static Task, Option<String>)>,
    /// The unit whose progress the cards show and edit; `None` for district-level tasks.
    unit: Option<String>,
    /// Cards rendered when the page mounts: a screenful for the first group, none for the groups
    /// below it (they follow one task later, see `progressive`).
    first: usize,
) -> impl IntoView {
    let n = items.len();
    // Like the task list, a long group renders a page of cards at a time, and the first page in
    // slices (see `progressive`).
    let shown = RwSignal::new(GROUP_PAGE);
    let items = StoredValue::new(items);
    let unit = StoredValue::new(unit);
    let visible = sliced(
        move || {
            let k = shown.get();
            items.with_value(|items| items.iter().take(k).cloned().collect::<Vec<_>>())
        },
        first,
    );
    let card = move |(task, assignment): (&'static Task, Option<String>)| {
        let assignment = assignment.unwrap_or_default();
        match unit.get_value() {
            Some(u) => view! { <TaskCard task=task assignment=assignment unit=u /> }.into_any(),
            None => view! { <TaskCard task=task assignment=assignment /> }.into_any(),
        }
    };
    let hidden = move || n.saturating_sub(shown.get());
    let body = if n == 0 {
        view! { <p class="muted">{text::GROUP_EMPTY}</p> }.into_any()
    } else {
        view! {
            <ol class="task-list">
                <For each=move || visible.get() key=|(t, _)| t.id children=card />
            </ol>
            <Show when=move || { hidden() > 0 }>
                <button
                    type="button"
                    class="button more"
                    on:click=move |_| shown.update(|s| *s += GROUP_PAGE)
                >
                    {move || text::show_more(GROUP_PAGE.min(hidden()), hidden())}
                </button>
            </Show>
        }
        .into_any()
    };
    view! {
        <section class="group" data-testid=testid data-count=n>
            <h3 class="group-title">{text::group_heading(title, n)}</h3>
            {body}
        </section>
    }
}

/// The page for the unit `id`.
#[component]
pub fn TownPage(
    /// Unit slug, e.g. `zhujiajiao`.
    id: String,
) -> impl IntoView {
    let state = use_app_state();
    let Some(view_data) = town_view(state.ds, &id) else {
        return view! { <NotFound message=text::TOWN_NOT_FOUND /> }.into_any();
    };
    let unit = view_data.unit;
    let is_mine = move || state.my_unit.get().as_deref() == Some(unit.id.as_str());
    let toggle_mine = move |_| {
        let next = if is_mine() {
            None
        } else {
            Some(unit.id.clone())
        };
        crate::state::set_my_unit(state, next);
    };
    let named = view_data
        .named
        .iter()
        .map(|(t, a)| (*t, Some(assignment_summary(a))))
        .collect();
    let shared = view_data.all_towns.iter().map(|t| (*t, None)).collect();
    let district = view_data.district.iter().map(|t| (*t, None)).collect();
    let shared_title = if unit.kind == UnitKind::Park {
        text::GROUP_ALL_WITH_PARK
    } else {
        text::GROUP_ALL_TOWNS
    };
    view! {
        <section class="town" data-testid="town-page" data-unit=unit.id.clone()>
            <div class="town-head">
                <h2 class="town-title">{unit.name.as_str()}</h2>
                <button
                    type="button"
                    class=move || if is_mine() { "button button-on" } else { "button" }
                    aria-pressed=move || if is_mine() { "true" } else { "false" }
                    data-testid="set-my-unit"
                    on:click=toggle_mine
                >
                    {move || if is_mine() { text::IS_MY_UNIT } else { text::SET_MY_UNIT }}
                </button>
                <a class="button" href=state.href(&Page::Share(unit.id.clone())) data-testid="share-link">
                    {text::SHARE_LINK}
                </a>
            </div>
            <div class="toolbar">
                <AsOfInput />
            </div>
            <TownSummary unit=unit.id.clone() />
            <TaskGroup title=text::GROUP_NAMED testid="group-named" items=named unit=Some(unit.id.clone()) first=FIRST / 2 />
            <TaskGroup title=shared_title testid="group-shared" items=shared unit=Some(unit.id.clone()) first=0 />
            <TaskGroup title=text::GROUP_DISTRICT testid="group-district" items=district unit=None first=0 />
        </section>
    }
    .into_any()
}

/// Done / total, in progress, blocked and overdue for the unit, as of the as-of date.
#[component]
fn TownSummary(unit: String) -> impl IntoView {
    let state = use_app_state();
    let unit = StoredValue::new(unit);
    let summary = Memo::new(move |_| {
        let as_of = state.as_of();
        state
            .progress
            .doc
            .with(|d| unit_summary(d, state.ds, &unit.get_value(), as_of))
    });
    let card = move |label: &'static str, value: Signal<String>, testid: &'static str| {
        view! {
            <div class="summary-card" data-testid=testid>
                <strong>{value}</strong>
                {label}
            </div>
        }
    };
    view! {
        <div class="summary-cards" data-testid="town-summary">
            {card(Status::Done.label_zh(), Signal::derive(move || summary.with(|s| text::of_total(s.done, s.total))), "sum-done")}
            {card(Status::InProgress.label_zh(), Signal::derive(move || summary.with(|s| s.in_progress.to_string())), "sum-doing")}
            {card(Status::Blocked.label_zh(), Signal::derive(move || summary.with(|s| s.blocked.to_string())), "sum-blocked")}
            {card(text::SUM_OVERDUE, Signal::derive(move || summary.with(|s| s.overdue.to_string())), "sum-overdue")}
        </div>
    }
}
