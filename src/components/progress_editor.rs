//! Recording progress for one (task, unit): status, completed amounts against the targets, and
//! dated notes with edit, delete and undo.

use leptos::prelude::*;

use crate::domain::export::{china_time, format_stamp};
use crate::domain::limits::MAX_NOTE_CHARS;
use crate::domain::progress::{Note, Status};
use crate::domain::summary::metric_progress;
use crate::domain::task::Task;
use crate::domain::town::format_value;
use crate::state::progress::ProgressState;
use crate::state::{to_key, use_app_state};
use crate::text;

/// The editor for `task` as recorded by `unit` (a unit slug or `district`).
#[component]
pub fn ProgressEditor(
    /// The task.
    task: &'static Task,
    /// The unit key.
    unit: String,
) -> impl IntoView {
    let state = use_app_state();
    let progress = state.progress;
    let error = RwSignal::new(None::<String>);
    let unit = StoredValue::new(unit);
    let read_only = move || progress.read_only.get();
    // "已保存到本机" with the time of this record's last save since the editor opened (China
    // time, like the notes): the live region then announces every save, not only the first.
    let opened = crate::state::progress::now_ms();
    let saved_line = move || {
        if progress.unsaved.get() {
            return text::UNSAVED.to_string();
        }
        progress
            .doc
            .with(|d| d.record(task.id, &unit.get_value()).map(|r| r.updated_at))
            .filter(|&t| t >= opened)
            .and_then(china_time)
            .map_or_else(
                || text::SAVED.to_string(),
                |t| text::saved_at(t.hour, t.minute, t.second),
            )
    };

    view! {
        <section class="progress" data-testid="progress-editor" data-unit=unit.get_value()>
            <Show when=read_only>
                <p class="muted">{text::READ_ONLY_HINT}</p>
            </Show>
            <div class="progress-unit">
                <div>
                    <StatusPicker task=task unit=unit.get_value() error=error />
                    <Amounts task=task unit=unit.get_value() error=error />
                </div>
                <Notes task=task unit=unit.get_value() error=error />
            </div>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="banner banner-error" role="alert" data-testid="edit-error">
                                {e}
                            </p>
                        }
                    })
            }}
            <p class="muted" aria-live="polite" data-testid="save-state">
                {saved_line}
            </p>
        </section>
    }
}

/// The four statuses as toggle buttons.
#[component]
fn StatusPicker(
    task: &'static Task,
    unit: String,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let progress = use_app_state().progress;
    let unit = StoredValue::new(unit);
    let current = move || progress.doc.with(|d| d.status(task.id, &unit.get_value()));
    view! {
        <fieldset class="status-picker">
            <legend>{text::STATUS_LEGEND}</legend>
            {Status::ALL
                .iter()
                .map(|s| {
                    let s = *s;
                    let on = move || current() == s;
                    view! {
                        <button
                            type="button"
                            class=move || {
                                if on() { "button status-button button-on" } else { "button status-button" }
                            }
                            aria-pressed=move || if on() { "true" } else { "false" }
                            disabled=move || progress.read_only.get()
                            data-testid=format!("status-{}", to_key(s).as_str())
                            on:click=move |_| {
                                error
                                    .set(
                                        progress
                                            .edit(|d, now| d.set_status(task.id, &unit.get_value(), s, now))
                                            .err(),
                                    )
                            }
                        >
                            {s.label_zh()}
                        </button>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// Parses a typed amount: empty clears it; otherwise a non-negative number (full-width digits
/// and a trailing unit are not accepted, so nothing is silently misread).
fn parse_amount(raw: &str) -> Result<Option<f64>, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match crate::domain::number::parse_f64(t) {
        Some(v) if v.is_finite() && v >= 0.0 => Ok(Some(v)),
        _ => Err(crate::domain::messages::AMOUNT_INVALID.to_string()),
    }
}

/// One number input per metric of the unit's allocation, with the target and the percentage.
#[component]
fn Amounts(task: &'static Task, unit: String, error: RwSignal<Option<String>>) -> impl IntoView {
    let progress = use_app_state().progress;
    let unit = StoredValue::new(unit);
    let metrics = Memo::new(move |_| {
        progress
            .doc
            .with(|d| metric_progress(d, task, &unit.get_value()))
    });
    move || {
        let list = metrics.get();
        if list.is_empty() {
            return None;
        }
        Some(view! {
            <div class="amounts">
                <h4>{text::AMOUNTS_TITLE}</h4>
                {list
                    .into_iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let id = format!("amt-{}-{}-{i}", task.id, unit.get_value());
                        let label = match m.target {
                            Some(t) => {
                                format!("{}（{}）", m.metric, text::target_line(&format_value(t), &m.measure))
                            }
                            None => m.metric.clone(),
                        };
                        let pct = m.percent.unwrap_or(0.0).clamp(0.0, 100.0);
                        let metric = m.metric.clone();
                        let value = m.completed.map(format_value).unwrap_or_default();
                        let line = m
                            .target
                            .map(|t| {
                                text::amount_line(
                                    &m.completed.map(format_value).unwrap_or_else(|| "0".into()),
                                    &format_value(t),
                                    &m.measure,
                                    m.percent,
                                )
                            });
                        view! {
                            <div class="amount-row" data-testid="amount-row" data-metric=m.metric.clone()>
                                <label class="field-label" for=id.clone()>{label}</label>
                                <div>
                                    <input
                                        id=id
                                        class="field-input"
                                        type="text"
                                        inputmode="decimal"
                                        autocomplete="off"
                                        data-testid="amount-input"
                                        prop:value=value
                                        disabled=move || progress.read_only.get()
                                        on:change:target=move |ev| {
                                            let raw = ev.target().value();
                                            let metric = metric.clone();
                                            error
                                                .set(
                                                    parse_amount(&raw)
                                                        .and_then(|v| {
                                                            progress
                                                                .edit(|d, now| {
                                                                    d.set_amount(task.id, &unit.get_value(), &metric, v, now)
                                                                })
                                                        })
                                                        .err(),
                                                )
                                        }
                                    />
                                    {line
                                        .map(|l| {
                                            view! {
                                                <progress class="amount-bar" max="100" value=crate::domain::number::shortest(pct) aria-hidden="true"></progress>
                                                <small data-testid="amount-line">{l}</small>
                                            }
                                        })}
                                </div>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        })
    }
}

/// Dated notes: add, edit, delete (with undo; deleted notes stay listed for undo).
#[component]
fn Notes(task: &'static Task, unit: String, error: RwSignal<Option<String>>) -> impl IntoView {
    let progress = use_app_state().progress;
    let unit = StoredValue::new(unit);
    let draft = RwSignal::new(String::new());
    let notes = Memo::new(move |_| {
        progress.doc.with(|d| {
            d.record(task.id, &unit.get_value())
                .map(|r| r.notes.clone())
                .unwrap_or_default()
        })
    });
    let live = move || {
        let mut v: Vec<Note> = notes.get().into_iter().filter(Note::is_live).collect();
        v.reverse();
        v
    };
    let deleted = move || {
        notes
            .get()
            .into_iter()
            .filter(|n| !n.is_live())
            .collect::<Vec<_>>()
    };
    let add = move |_| {
        let body = draft.get_untracked();
        let r = progress.add_note(task.id, &unit.get_value(), &body);
        if r.is_ok() {
            draft.set(String::new());
        }
        error.set(r.err());
    };
    let box_id = format!("note-new-{}-{}", task.id, unit.get_value());
    view! {
        <div class="notes-box">
            <h4>{text::NOTES_TITLE}</h4>
            <div class="field">
                <label class="field-label" for=box_id.clone()>{text::NOTE_NEW}</label>
                <textarea
                    id=box_id
                    class="field-input"
                    placeholder=text::NOTE_PLACEHOLDER
                    data-testid="note-input"
                    maxlength=MAX_NOTE_CHARS
                    prop:value=move || draft.get()
                    disabled=move || progress.read_only.get()
                    on:input:target=move |ev| draft.set(ev.target().value())
                ></textarea>
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="button button-primary"
                    data-testid="note-save"
                    disabled=move || progress.read_only.get() || draft.with(|d| d.trim().is_empty())
                    on:click=add
                >
                    {text::NOTE_SAVE}
                </button>
            </div>
            <ul class="notes" data-testid="notes">
                <For each=live key=|n| (n.id.clone(), n.updated_at) let:note>
                    <NoteItem task=task unit=unit.get_value() note=note error=error progress=progress />
                </For>
            </ul>
            <Show when=move || notes.with(|n| !n.iter().any(Note::is_live))>
                <p class="muted">{text::NOTES_EMPTY}</p>
            </Show>
            <Show when=move || !deleted().is_empty()>
                <details class="deleted-notes">
                    <summary>{move || format!("{}（{}）", text::NOTE_DELETED, deleted().len())}</summary>
                    <ul class="notes">
                        {move || {
                            deleted()
                                .into_iter()
                                .map(|n| {
                                    let id = n.id.clone();
                                    view! {
                                        <li class="note note-deleted" data-testid="deleted-note">
                                            <p class="note-text">{n.text.clone()}</p>
                                            <button
                                                type="button"
                                                class="button"
                                                data-testid="note-undo"
                                                on:click=move |_| {
                                                    error
                                                        .set(
                                                            progress
                                                                .edit(|d, now| {
                                                                    d.undo_delete(task.id, &unit.get_value(), &id, now)
                                                                })
                                                                .err(),
                                                        )
                                                }
                                            >
                                                {text::NOTE_UNDO}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </details>
            </Show>
        </div>
    }
}

/// One note with edit and delete. The text is rendered as text, never as HTML.
#[component]
fn NoteItem(
    task: &'static Task,
    unit: String,
    note: Note,
    error: RwSignal<Option<String>>,
    progress: ProgressState,
) -> impl IntoView {
    let editing = RwSignal::new(false);
    let edit_text = RwSignal::new(note.text.clone());
    let unit = StoredValue::new(unit);
    let id = StoredValue::new(note.id.clone());
    let stamp = format_stamp(note.created_at);
    let edited = note.updated_at > note.created_at;
    let text_value = note.text.clone();
    let save = move |_| {
        let body = edit_text.get_untracked();
        let r = progress
            .edit(|d, now| d.edit_note(task.id, &unit.get_value(), &id.get_value(), &body, now));
        if r.is_ok() {
            editing.set(false);
        }
        error.set(r.err());
    };
    let delete = move |_| {
        error.set(
            progress
                .edit(|d, now| d.delete_note(task.id, &unit.get_value(), &id.get_value(), now))
                .err(),
        )
    };
    view! {
        <li class="note" data-testid="note">
            <div class="note-meta">
                <time>{stamp}</time>
                {edited.then_some(text::NOTE_EDITED)}
            </div>
            <Show
                when=move || editing.get()
                fallback=move || view! { <p class="note-text" data-testid="note-text">{text_value.clone()}</p> }
            >
                <textarea
                    class="field-input"
                    aria-label=text::NOTE_EDIT
                    data-testid="note-edit-input"
                    prop:value=move || edit_text.get()
                    on:input:target=move |ev| edit_text.set(ev.target().value())
                ></textarea>
            </Show>
            <div class="note-actions">
                <Show
                    when=move || editing.get()
                    fallback=move || {
                        view! {
                            <button
                                type="button"
                                class="button button-quiet"
                                data-testid="note-edit"
                                disabled=move || progress.read_only.get()
                                on:click=move |_| editing.set(true)
                            >
                                {text::NOTE_EDIT}
                            </button>
                            <button
                                type="button"
                                class="button button-quiet button-danger"
                                data-testid="note-delete"
                                disabled=move || progress.read_only.get()
                                on:click=delete
                            >
                                {text::NOTE_DELETE}
                            </button>
                        }
                    }
                >
                    <button type="button" class="button button-primary" data-testid="note-update" on:click=save>
                        {text::NOTE_UPDATE}
                    </button>
                    <button type="button" class="button button-quiet" on:click=move |_| editing.set(false)>
                        {text::CANCEL}
                    </button>
                </Show>
            </div>
        </li>
    }
}
