//! The matrix on a phone: one unit at a time (a list of the filtered tasks with that unit's
//! cell, `col=` in the URL) or one task at a time (every unit's cell, `row=`).

use leptos::prelude::*;

use crate::domain::messages;
use crate::domain::rollup::{Cell, Rollup};
use crate::domain::route::{Page, RollupView, Route};
use crate::router::push_url;
use crate::state::{use_app_state, AppState};
use crate::text;

use super::matrix::{as_of_param, cell_amounts, not_applicable, status_class, task_href};

/// The route with the roll-up's view changed by `f`.
fn with_view(state: AppState, f: impl FnOnce(&mut RollupView)) -> Route {
    state.route_with(|r| {
        if let Page::Rollup(v) = &mut r.page {
            f(v);
        }
    })
}

/// The cell as a phone line: the mark and the status in words, the overdue mark, the amounts.
fn phone_cell(cell: &Cell) -> impl IntoView {
    let overdue = cell.overdue.then(|| {
        view! {
            <span class="rollup-od-tag">
                <span class="rollup-od" aria-hidden="true">{text::OVERDUE_MARK}</span>
                {messages::OVERDUE}
            </span>
        }
    });
    view! {
        <span class="rollup-item-status">
            <span class="rollup-mark" aria-hidden="true">{text::status_mark(cell.status)}</span>
            {cell.status.label_zh()}
        </span>
        {overdue}
        {cell_amounts(cell)}
    }
}

/// The phone matrix: a switch between the two views, then the view.
#[component]
pub fn PhoneMatrix(rollup: Memo<Rollup<'static>>, view: Memo<RollupView>) -> impl IntoView {
    let state = use_app_state();
    let by_task = move || view.with(|v| v.row.is_some());
    let unit_mode_href = move || with_view(state, |v| v.row = None).to_hash();
    // The task view opens on the first task shown.
    let task_mode_href = move || {
        let first = rollup.with(|r| r.rows().next().map(|row| row.task.id));
        with_view(state, |v| v.row = first.or(Some(0))).to_hash()
    };
    let current = move |on: bool| if on { Some("true") } else { None };
    let class = move |on: bool| if on { "button button-on" } else { "button" };
    view! {
        <div class="rollup-phone" data-testid="rollup-phone">
            <div class="actions rollup-switch">
                <a class=move || class(!by_task()) href=unit_mode_href aria-current=move || current(!by_task()) data-testid="rollup-by-unit">
                    {text::VIEW_BY_UNIT}
                </a>
                <a class=move || class(by_task()) href=task_mode_href aria-current=move || current(by_task()) data-testid="rollup-by-task">
                    {text::VIEW_BY_TASK}
                </a>
            </div>
            {move || {
                if by_task() {
                    view! { <ByTask rollup=rollup view=view /> }.into_any()
                } else {
                    view! { <ByUnit rollup=rollup view=view /> }.into_any()
                }
            }}
        </div>
    }
}

/// One unit: its cells of the filtered tasks, grouped by category.
#[component]
fn ByUnit(rollup: Memo<Rollup<'static>>, view: Memo<RollupView>) -> impl IntoView {
    let state = use_app_state();
    let as_of = as_of_param(state);
    let columns = rollup.with_untracked(|r| r.columns().to_vec());
    // The unit shown: the URL's, else the first.
    let col = Memo::new(move |_| {
        view.with(|v| {
            rollup.with(|r| {
                v.col
                    .as_deref()
                    .and_then(|k| r.column_index(k))
                    .unwrap_or(0)
            })
        })
    });
    let options = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            view! { <option value=c.key.clone() selected=move || col.get() == i>{c.name.clone()}</option> }
        })
        .collect_view();
    let columns = StoredValue::new(columns);
    let list = move || {
        let i = col.get();
        let as_of = as_of.get();
        columns.with_value(|cols| {
            let Some(column) = cols.get(i) else {
                return ().into_any();
            };
            rollup.with(|r| {
                let mut any = false;
                let groups = r
                    .groups()
                    .iter()
                    .filter_map(|g| {
                        let items: Vec<_> = g
                            .rows
                            .iter()
                            .filter_map(|row| {
                                let cell = row.cells.get(i)?.as_ref()?;
                                let id = row.task.id;
                                Some(view! {
                                    <li data-task-id=id data-status=status_class(cell.status) data-overdue=cell.overdue.then_some("true")>
                                        <a class=format!("rollup-item {}", status_class(cell.status)) href=task_href(state, as_of, id, Some(&column.key))>
                                            <span class="rollup-item-name">
                                                <span class="rollup-task-no">{id}</span>
                                                {row.task.name.as_str()}
                                            </span>
                                            <span class="rollup-item-cell">{phone_cell(cell)}</span>
                                        </a>
                                    </li>
                                })
                            })
                            .collect();
                        (!items.is_empty()).then(|| {
                            any = true;
                            view! {
                                <h4 class="rollup-list-group">{g.label.clone()}</h4>
                                <ul class="rollup-list">{items}</ul>
                            }
                        })
                    })
                    .collect_view();
                view! {
                    <div data-testid="rollup-unit-list" data-unit=column.key.clone()>
                        {groups}
                        {(!any).then(|| view! { <p class="muted">{text::UNIT_NO_TASKS}</p> })}
                    </div>
                }
                .into_any()
            })
        })
    };
    view! {
        <div class="field">
            <label class="field-label" for="rollup-col">{text::PICK_UNIT}</label>
            <select
                id="rollup-col"
                class="field-input"
                data-testid="rollup-col"
                on:change:target=move |ev| {
                    let key = ev.target().value();
                    push_url(&with_view(state, |v| v.col = Some(key)));
                }
            >
                {options}
            </select>
        </div>
        {list}
    }
}

/// One task: every unit's cell.
#[component]
fn ByTask(rollup: Memo<Rollup<'static>>, view: Memo<RollupView>) -> impl IntoView {
    let state = use_app_state();
    let as_of = as_of_param(state);
    // The task shown: the URL's if it is among the filtered tasks, else the first.
    let row = Memo::new(move |_| {
        let wanted = view.with(|v| v.row);
        rollup.with(|r| {
            wanted
                .filter(|&id| r.row(id).is_some())
                .or_else(|| r.rows().next().map(|row| row.task.id))
        })
    });
    let options = move || {
        rollup.with(|r| {
            r.rows()
                .map(|rw| {
                    let id = rw.task.id;
                    view! {
                        <option value=id selected=move || row.get() == Some(id)>
                            {format!("{} {}", id, rw.task.name)}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    let list = move || {
        let Some(id) = row.get() else {
            return ().into_any();
        };
        let as_of = as_of.get();
        rollup.with(|r| {
            let Some(rw) = r.row(id) else {
                return ().into_any();
            };
            let items = r
                .columns()
                .iter()
                .zip(&rw.cells)
                .map(|(col, cell)| match cell {
                    Some(cell) => view! {
                        <li data-unit=col.key.clone() data-status=status_class(cell.status) data-overdue=cell.overdue.then_some("true")>
                            <a class=format!("rollup-item {}", status_class(cell.status)) href=task_href(state, as_of, id, Some(&col.key))>
                                <span class="rollup-item-name">{col.name.clone()}</span>
                                <span class="rollup-item-cell">{phone_cell(cell)}</span>
                            </a>
                        </li>
                    }
                    .into_any(),
                    None => view! {
                        <li class="rollup-item rollup-na" data-unit=col.key.clone() data-status="na">
                            <span class="rollup-item-name">{col.name.clone()}</span>
                            <span class="rollup-item-cell">{not_applicable()}</span>
                        </li>
                    }
                    .into_any(),
                })
                .collect_view();
            view! {
                <ul class="rollup-list" data-testid="rollup-task-list" data-task-id=id>{items}</ul>
            }
            .into_any()
        })
    };
    view! {
        <div class="field">
            <label class="field-label" for="rollup-row">{text::PICK_TASK}</label>
            <select
                id="rollup-row"
                class="field-input"
                data-testid="rollup-row"
                on:change:target=move |ev| {
                    let id = ev.target().value().parse::<u16>().ok();
                    push_url(&with_view(state, |v| v.row = id));
                }
            >
                {options}
            </select>
        </div>
        {list}
    }
}
