//! The task × unit matrix: on wide screens a table (category groups of rows, one column per
//! unit and 区级, sticky header row and first column inside its own scroll box); on phones one
//! unit or one task at a time ([`super::phone`]). Every cell shows its status as colour and as a
//! shape mark, the overdue mark, and completed/target per metric, and links to the task page
//! with that unit's progress.

use leptos::prelude::*;

use crate::domain::date::Date;
use crate::domain::messages;
use crate::domain::progress::Status;
use crate::domain::query::TaskQuery;
use crate::domain::rollup::{amount_zh, Cell, Column, Rollup};
use crate::domain::route::{Page, RollupView, Route};
use crate::domain::task::Task;
use crate::state::{use_app_state, AppState};
use crate::text;

/// The class carrying a status's colour (`rollup-s-done` …).
pub(crate) fn status_class(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "rollup-s-todo",
        Status::InProgress => "rollup-s-doing",
        Status::Done => "rollup-s-done",
        Status::Blocked => "rollup-s-blocked",
    }
}

/// The statuses in the order the legend, the stacked bars and the tables show them.
pub(crate) const STATUS_ORDER: [Status; 4] = [
    Status::Done,
    Status::InProgress,
    Status::Blocked,
    Status::NotStarted,
];

/// The URL's as-of date (`None` = today), as a memo: links keep it, and change only with it.
pub(crate) fn as_of_param(state: AppState) -> Memo<Option<Date>> {
    Memo::new(move |_| state.route.with(|r| r.as_of))
}

/// A link to the task page, showing `unit`'s progress when given
/// (`index.html#/task/9?unit=zhujiajiao`), with the as-of date.
pub(crate) fn task_href(
    state: AppState,
    as_of: Option<Date>,
    task: u16,
    unit: Option<&str>,
) -> String {
    let mut query = TaskQuery::default();
    if let Some(unit) = unit {
        query.toggle_unit(unit);
    }
    Route {
        query,
        as_of,
        ..state.fresh_route(Page::Task(task))
    }
    .href_from(state.entry)
}

/// The marks of a cell: status shape (its word for screen readers) and the overdue mark.
pub(crate) fn cell_marks(cell: &Cell) -> impl IntoView {
    let overdue = cell.overdue.then(|| {
        view! {
            <span class="rollup-od" aria-hidden="true">{text::OVERDUE_MARK}</span>
            <span class="visually-hidden">{messages::OVERDUE}</span>
        }
    });
    view! {
        <span class="rollup-marks">
            <span class="rollup-mark" aria-hidden="true">{text::status_mark(cell.status)}</span>
            <span class="visually-hidden">{cell.status.label_zh()}</span>
            {overdue}
        </span>
    }
}

/// completed/target per metric, one per line; named when there are several. The numbers and
/// their measure never break (`6/8公` + `里`); a long metric name may.
pub(crate) fn cell_amounts(cell: &Cell) -> impl IntoView {
    let named = cell.metrics.len() > 1;
    cell.metrics
        .iter()
        .map(|m| {
            let name = named.then(|| format!("{} ", m.metric));
            view! {
                <span class="rollup-amt">
                    {name}
                    <span class="rollup-num">{amount_zh(m)}</span>
                </span>
            }
        })
        .collect_view()
}

/// A cell's link: marks and amounts, coloured by status.
pub(crate) fn cell_link(
    state: AppState,
    as_of: Option<Date>,
    task: u16,
    col: &Column,
    cell: &Cell,
) -> impl IntoView {
    view! {
        <a
            class=format!("rollup-cell {}", status_class(cell.status))
            href=task_href(state, as_of, task, Some(&col.key))
            title=format!("{} · {}", col.name, cell.label_zh())
        >
            {cell_marks(cell)}
            {cell_amounts(cell)}
        </a>
    }
}

/// "—" for a task that does not apply to a unit, read as 不适用.
pub(crate) fn not_applicable() -> impl IntoView {
    view! {
        <span class="rollup-na-mark" aria-hidden="true">"—"</span>
        <span class="visually-hidden">{text::NOT_APPLICABLE}</span>
    }
}

/// The marks' legend (shared with the charts).
#[component]
pub fn Legend(
    /// Show the overdue mark too.
    #[prop(optional)]
    overdue: bool,
) -> impl IntoView {
    let items = STATUS_ORDER
        .iter()
        .map(|&s| {
            view! {
                <li class=format!("rollup-legend-item {}", status_class(s))>
                    <span class="rollup-swatch" aria-hidden="true">{text::status_mark(s)}</span>
                    {s.label_zh()}
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="rollup-legend" aria-label=text::LEGEND>
            {items}
            {overdue.then(|| view! {
                <li class="rollup-legend-item">
                    <span class="rollup-od" aria-hidden="true">{text::OVERDUE_MARK}</span>
                    {messages::OVERDUE}
                </li>
                <li class="rollup-legend-item">
                    <span class="rollup-na-mark" aria-hidden="true">"—"</span>
                    {text::NOT_APPLICABLE}
                </li>
            })}
        </ul>
    }
}

/// The matrix section: legend, then the wide table or the phone view.
#[component]
pub fn MatrixSection(
    rollup: Memo<Rollup<'static>>,
    view: Memo<RollupView>,
    /// Whether the wide table is shown (else the phone view).
    wide: Signal<bool>,
) -> impl IntoView {
    let empty = move || rollup.with(|r| r.groups().is_empty());
    view! {
        <section class="rollup-section" data-testid="rollup-matrix-section" aria-labelledby="matrix-title">
            <h3 id="matrix-title">{text::MATRIX_TITLE}</h3>
            <Legend overdue=true />
            <Show
                when=move || !empty()
                fallback=|| view! {
                    <div class="empty" data-testid="empty">
                        <p class="empty-title">{text::EMPTY_TITLE}</p>
                        <p>{text::EMPTY_HINT}</p>
                    </div>
                }
            >
                {move || {
                    if wide.get() {
                        view! { <MatrixTable rollup=rollup /> }.into_any()
                    } else {
                        view! { <super::phone::PhoneMatrix rollup=rollup view=view /> }.into_any()
                    }
                }}
            </Show>
        </section>
    }
}

/// The wide table. Category groups and rows are keyed, and each row re-renders only when its
/// own cells change, so typing a search does not rebuild the table.
#[component]
fn MatrixTable(rollup: Memo<Rollup<'static>>) -> impl IntoView {
    let columns = rollup.with_untracked(|r| r.columns().to_vec());
    let span = columns.len() + 1;
    let head = columns
        .iter()
        .map(|c| {
            let class = if c.district {
                "rollup-col rollup-col-district"
            } else {
                "rollup-col"
            };
            view! { <th scope="col" class=class data-unit=c.key.clone()>{c.name.clone()}</th> }
        })
        .collect_view();
    // (category id, label, task ids) per group.
    let groups = Memo::new(move |_| {
        rollup.with(|r| {
            r.groups()
                .iter()
                .map(|g| {
                    let ids: Vec<u16> = g.rows.iter().map(|row| row.task.id).collect();
                    (g.id, g.label.clone(), ids)
                })
                .collect::<Vec<_>>()
        })
    });
    let columns = StoredValue::new(columns);
    let as_of = as_of_param(use_app_state());
    view! {
        <div
            class="rollup-matrix"
            role="region"
            aria-labelledby="matrix-title"
            tabindex="0"
            data-testid="rollup-matrix-scroll"
        >
            <table class="rollup-table" data-testid="rollup-matrix">
                <thead>
                    <tr>
                        <th scope="col" class="rollup-corner">{text::MATRIX_TASK}</th>
                        {head}
                    </tr>
                </thead>
                <For each=move || groups.get() key=|g| g.0 let:group>
                    <MatrixGroup id=group.0 label=group.1 groups=groups rollup=rollup columns=columns span=span as_of=as_of />
                </For>
            </table>
        </div>
    }
}

/// One category: its heading row and its task rows.
#[component]
fn MatrixGroup(
    id: u8,
    label: String,
    groups: Memo<Vec<(u8, String, Vec<u16>)>>,
    rollup: Memo<Rollup<'static>>,
    columns: StoredValue<Vec<Column>>,
    span: usize,
    as_of: Memo<Option<Date>>,
) -> impl IntoView {
    let state = use_app_state();
    let ids = Memo::new(move |_| {
        groups.with(|g| {
            g.iter()
                .find(|(gid, _, _)| *gid == id)
                .map(|(_, _, ids)| ids.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <tbody data-category=id>
            <tr class="rollup-group">
                <th scope="colgroup" colspan=span>
                    <span class="rollup-group-label">{label}</span>
                </th>
            </tr>
            <For each=move || ids.get() key=|id| *id let:task_id>
                {state.task(task_id).map(|task| view! { <MatrixRow task=task rollup=rollup columns=columns as_of=as_of /> })}
            </For>
        </tbody>
    }
}

/// One task's row.
#[component]
fn MatrixRow(
    task: &'static Task,
    rollup: Memo<Rollup<'static>>,
    columns: StoredValue<Vec<Column>>,
    as_of: Memo<Option<Date>>,
) -> impl IntoView {
    let state = use_app_state();
    let id = task.id;
    let cells = Memo::new(move |_| {
        rollup.with(|r| r.row(id).map(|row| row.cells.clone()).unwrap_or_default())
    });
    view! {
        <tr data-task-id=id>
            <th scope="row" class="rollup-task">
                <a href=move || task_href(state, as_of.get(), id, None)>
                    <span class="rollup-task-no">{id}</span>
                    {task.name.as_str()}
                </a>
            </th>
            {move || {
                let as_of = as_of.get();
                cells.with(|cells| {
                    columns.with_value(|cols| {
                        cols.iter()
                            .zip(cells)
                            .map(|(col, cell)| match cell {
                                Some(cell) => view! {
                                    <td
                                        class=status_class(cell.status)
                                        data-unit=col.key.clone()
                                        data-status=status_class(cell.status)
                                        data-overdue=cell.overdue.then_some("true")
                                    >
                                        {cell_link(state, as_of, id, col, cell)}
                                    </td>
                                }
                                .into_any(),
                                None => view! {
                                    <td class="rollup-na" data-unit=col.key.clone() data-status="na">
                                        {not_applicable()}
                                    </td>
                                }
                                .into_any(),
                            })
                            .collect_view()
                    })
                })
            }}
        </tr>
    }
}
