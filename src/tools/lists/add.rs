//! Adding a list: paste its table or open its file, read the report (tasks, categories, units,
//! deadlines, every row that did not read, by line), map names that are not one of the 12 units,
//! then save. Nothing is stored before 保存清单, and a list is stored in one write.

use leptos::prelude::*;

use crate::components::message::Message;
use crate::domain::lists::list_document;
use crate::domain::pinyin::ReadingTable;
use crate::domain::route::{Page, Route};
use crate::domain::task::Dataset;
use crate::source::list::{read_list_with, ListReport, UnitCorrections};
use crate::source::parser::dataset_to_json;
use crate::source::units::all_units;
use crate::state::progress::{now_ms, open_backend};
use crate::state::use_app_state;
use crate::storage::{load_list_text, save_list};
use crate::text;

/// The largest table file read (a list of a few hundred tasks is well under 1 MB).
const MAX_TABLE_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

/// The text being added and what the parser made of it.
#[derive(Clone)]
struct Draft {
    text: String,
    file_name: String,
    corrections: UnitCorrections,
    report: Result<ListReport, String>,
    /// The list's pinyin table and the characters it has no reading for (once per reading: the
    /// report shows the latter, saving stores the former).
    pinyin: (ReadingTable, Vec<char>),
}

impl Draft {
    fn read(text: String, file_name: String, corrections: UnitCorrections) -> Draft {
        let report = read_list_with(&text, &file_name, &corrections).map_err(|r| r.to_string());
        let pinyin = match &report {
            Ok(r) => crate::data::readings_for_added(&r.dataset),
            Err(_) => Default::default(),
        };
        Draft {
            text,
            file_name,
            corrections,
            report,
            pinyin,
        }
    }
}

/// The add-a-list section of the lists page; `on_added` runs after a list was saved.
#[component]
pub fn AddList(on_added: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let state = use_app_state();
    let pasted = RwSignal::new(String::new());
    let draft = RwSignal::new(None::<Draft>);
    let message = RwSignal::new(None::<Message>);
    let saved = RwSignal::new(None::<String>);

    let read_pasted = move |_| {
        saved.set(None);
        message.set(None);
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            message.set(Some(Message::error(text::LIST_PASTE_EMPTY.to_string())));
            return;
        }
        draft.set(Some(Draft::read(
            text,
            String::new(),
            UnitCorrections::new(),
        )));
    };
    let on_file = move |ev: leptos::ev::Targeted<leptos::ev::Event, web_sys::HtmlInputElement>| {
        let input = ev.target();
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        saved.set(None);
        message.set(Some(Message::info(text::LIST_READING.to_string())));
        crate::browser::read_files(vec![file], MAX_TABLE_BYTES, move |mut read| {
            let Some((name, bytes)) = read.pop() else {
                return;
            };
            match bytes.and_then(|b| crate::browser::decode_text(&b)) {
                Ok(text) => {
                    message.set(None);
                    draft.set(Some(Draft::read(text, name, UnitCorrections::new())));
                }
                Err(e) => message.set(Some(Message::error(e))),
            }
        });
    };
    let correct = Callback::new(move |(name, unit): (String, String)| {
        let Some(d) = draft.get_untracked() else {
            return;
        };
        let mut corrections = d.corrections.clone();
        let result = if unit.is_empty() {
            corrections.remove(&name);
            Ok(())
        } else {
            corrections.map(&name, &unit)
        };
        match result {
            Ok(()) => draft.set(Some(Draft::read(d.text, d.file_name, corrections))),
            Err(e) => message.set(Some(Message::error(e))),
        }
    });
    let save = Callback::new(move |()| {
        let Some(Draft {
            report: Ok(report),
            file_name,
            pinyin: (readings, _),
            ..
        }) = draft.get_untracked()
        else {
            return;
        };
        match save_report(&report, &readings, &file_name) {
            Ok(id) => {
                draft.set(None);
                pasted.set(String::new());
                message.set(Some(Message::info(text::list_saved(
                    &report.dataset.meta.title,
                ))));
                saved.set(Some(id));
                on_added();
            }
            Err(e) => message.set(Some(Message::error(e))),
        }
    });
    let cancel = Callback::new(move |()| {
        draft.set(None);
        message.set(Some(Message::info(text::LIST_ADD_CANCELLED.to_string())));
    });

    view! {
        <section class="lists-add" aria-labelledby="lists-add-title" data-testid="list-add">
            <h3 id="lists-add-title">{text::LIST_ADD_TITLE}</h3>
            <p class="muted">{text::LIST_ADD_HINT}</p>
            <label class="field-label" for="list-paste">{text::LIST_PASTE_LABEL}</label>
            <textarea
                id="list-paste"
                class="field-input lists-paste"
                data-testid="list-paste"
                prop:value=move || pasted.get()
                on:input:target=move |ev| pasted.set(ev.target().value())
            ></textarea>
            <p class="lists-actions">
                <button type="button" class="button button-primary" data-testid="list-read" on:click=read_pasted>
                    {text::LIST_READ}
                </button>
                <label class="button lists-file">
                    {text::LIST_OPEN_FILE}
                    <input
                        class="visually-hidden"
                        type="file"
                        accept=".txt,.tsv,.csv,text/plain,text/csv,text/tab-separated-values"
                        data-testid="list-file"
                        on:change:target=on_file
                    />
                </label>
            </p>
            <p
                class=move || message.with(|m| Message::banner_class(m.as_ref()))
                role=move || message.with(|m| Message::role(m.as_ref()))
                data-testid="list-message"
            >
                {move || message.get().map(|m| m.text)}
                {move || {
                    saved
                        .get()
                        .map(|id| {
                            let href = Route {
                                page: Page::Tasks,
                                list: Some(id),
                                ..Route::default()
                            }
                            .href_from(state.entry);
                            view! {
                                " "
                                <a href=href data-testid="list-open-saved">{text::LIST_OPEN_SAVED}</a>
                            }
                        })
                }}
            </p>
            {move || {
                draft
                    .get()
                    .map(|d| match d.report {
                        Ok(report) => {
                            view! { <Report report=report missing=d.pinyin.1 corrections=d.corrections correct=correct save=save cancel=cancel /> }
                                .into_any()
                        }
                        Err(refusal) => {
                            view! {
                                <p class="banner banner-error" role="alert" data-testid="list-refused">
                                    {refusal}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}

/// Stores the report's list with its pinyin table; the id it was stored under, or why not.
fn save_report(
    report: &ListReport,
    readings: &ReadingTable,
    file_name: &str,
) -> Result<String, String> {
    let ds = &report.dataset;
    if ds.tasks.is_empty() {
        return Err(text::LIST_NO_TASKS.to_string());
    }
    if is_builtin(ds) {
        return Err(text::list_is_builtin(&ds.meta.title));
    }
    let doc = list_document(&dataset_to_json(ds), readings, now_ms(), file_name);
    let store = open_backend().map_err(|e| text::list_not_saved(&e.message_zh()))?;
    save_list(&store, &ds.meta.id, &doc).map_err(|e| text::list_not_saved(&e.message_zh()))?;
    Ok(ds.meta.id.clone())
}

/// Whether `ds` is the list built into the app (which is never added).
fn is_builtin(ds: &Dataset) -> bool {
    crate::data::builtin().is_ok_and(|b| b.meta.id == ds.meta.id)
}

/// What was read: the facts, what to check, the rows that did not read; 保存 / 取消.
#[component]
fn Report(
    report: ListReport,
    missing: Vec<char>,
    corrections: UnitCorrections,
    correct: Callback<(String, String)>,
    save: Callback<()>,
    cancel: Callback<()>,
) -> impl IntoView {
    let ds = &report.dataset;
    let replaces = open_backend()
        .ok()
        .and_then(|s| load_list_text(&s, &ds.meta.id).ok().flatten())
        .is_some();
    let builtin = is_builtin(ds);
    let can_save = !ds.tasks.is_empty() && !builtin;
    let understood = report.deadlines_understood().count();
    let pinyin = text::list_report_pinyin(&missing);
    let not_understood: Vec<String> = report
        .deadlines_not_understood()
        .map(|d| text::list_deadline_unread(d.line, d.task, &d.text))
        .collect();
    let categories = report
        .categories
        .iter()
        .map(|c| text::list_category(&c.number, &c.name, c.tasks))
        .collect::<Vec<_>>()
        .join("；");
    let units = report
        .units
        .iter()
        .filter(|u| u.tasks > 0)
        .map(|u| text::list_unit(u.name, u.tasks))
        .collect::<Vec<_>>()
        .join("、");
    let mapped: Vec<(String, String)> = corrections
        .iter()
        .map(|(n, id)| (n.to_string(), id.to_string()))
        .collect();
    view! {
        <div class="lists-report" data-testid="list-report">
            <h4>{report.dataset.meta.title.clone()}</h4>
            <ul class="lists-report-facts">
                <li data-testid="list-report-tasks">
                    {text::list_report_tasks(ds.tasks.len(), ds.meta.year, &ds.meta.id)}
                </li>
                {report.title.note().map(|n| view! { <li>{n}</li> })}
                <li>{text::list_report_categories(report.categories.len())} {categories}</li>
                <li data-testid="list-report-units">{text::LIST_REPORT_UNITS} {units}</li>
                <li>{text::list_report_deadlines(understood, report.deadlines.len())}</li>
                <li data-testid="list-report-pinyin">{pinyin}</li>
            </ul>
            {(!report.unknown_units.is_empty() || !mapped.is_empty())
                .then(|| {
                    view! {
                        <UnknownUnits
                            unknown=report.unknown_units.iter().map(|u| (u.name.clone(), u.lines.clone())).collect()
                            mapped=mapped
                            correct=correct
                        />
                    }
                })}
            <Issues title=text::LIST_REPORT_DEADLINES_UNREAD items=not_understood testid="list-report-deadlines" />
            <Issues
                title=text::LIST_REPORT_ERRORS
                items=report.errors.iter().map(|e| e.to_string()).collect()
                testid="list-report-errors"
            />
            <Issues
                title=text::LIST_REPORT_WARNINGS
                items=report.warnings.iter().map(|e| e.to_string()).collect()
                testid="list-report-warnings"
            />
            {replaces.then(|| view! { <p class="banner banner-warn">{text::LIST_REPLACES}</p> })}
            {builtin.then(|| view! { <p class="banner banner-warn">{text::list_is_builtin(&ds.meta.title)}</p> })}
            <p class="lists-actions">
                <button
                    type="button"
                    class="button button-primary"
                    data-testid="list-save"
                    disabled=!can_save
                    on:click=move |_| save.run(())
                >
                    {text::LIST_SAVE}
                </button>
                <button type="button" class="button" on:click=move |_| cancel.run(())>
                    {text::CANCEL}
                </button>
            </p>
        </div>
    }
}

/// A titled list of problems (nothing when there are none).
#[component]
fn Issues(title: &'static str, items: Vec<String>, testid: &'static str) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <div class="lists-issues" data-testid=testid>
                <h5>{text::list_issue_title(title, items.len())}</h5>
                <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            </div>
        }
    })
}

/// Names that look like a unit's but are none of the 12: keep them out (not a unit of the list)
/// or read them as one of the 12.
#[component]
fn UnknownUnits(
    unknown: Vec<(String, Vec<usize>)>,
    mapped: Vec<(String, String)>,
    correct: Callback<(String, String)>,
) -> impl IntoView {
    let units = all_units();
    let rows = unknown
        .into_iter()
        .map(|(name, lines)| (name, Some(lines), String::new()))
        .chain(mapped.into_iter().map(|(name, id)| (name, None, id)));
    view! {
        <div class="lists-issues" data-testid="list-report-unknown">
            <h5>{text::LIST_REPORT_UNKNOWN}</h5>
            <p class="muted">{text::LIST_REPORT_UNKNOWN_HINT}</p>
            <ul>
                {rows
                    .map(|(name, lines, chosen)| {
                        let where_ = lines
                            .map(|l| text::list_lines(&l))
                            .unwrap_or_else(|| text::LIST_MAPPED.to_string());
                        let options = units
                            .iter()
                            .map(|u| {
                                let selected = u.id == chosen;
                                view! { <option value=u.id.clone() selected=selected>{u.name.clone()}</option> }
                            })
                            .collect_view();
                        let n = name.clone();
                        view! {
                            <li class="lists-unknown">
                                <label>
                                    <span class="lists-unknown-name">{format!("“{name}” {where_}")}</span>
                                    <select
                                        class="field-input"
                                        data-testid="list-unknown-select"
                                        on:change:target=move |ev| correct.run((n.clone(), ev.target().value()))
                                    >
                                        <option value="" selected=chosen.is_empty()>{text::LIST_UNKNOWN_KEEP_OUT}</option>
                                        {options}
                                    </select>
                                </label>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}
