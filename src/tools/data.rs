//! Export, import and the state of this browser's data (`#/data`, on the tools' page).

use leptos::prelude::*;

use crate::components::message::{Message, MessageBanner};
use crate::domain::export::{export_csv, export_file_name, export_json, format_stamp, unit_brief};
use crate::domain::import::{preview, validate_import, ImportDoc, ImportPreview, MAX_IMPORT_BYTES};
use crate::domain::route::{Page, Route};
use crate::domain::summary::unit_name;
use crate::domain::task::{Dataset, UnitKey};
use crate::state::progress::now_ms;
use crate::state::use_app_state;
use crate::storage::{corrupt_backups, load_last_export, KeyValueStore};
use crate::text;

/// The data page.
#[component]
pub fn DataPage() -> impl IntoView {
    view! {
        <section class="data" data-testid="data-page">
            <h2>{text::DATA_TITLE}</h2>
            <ExportSection />
            <ImportSection />
            <StorageSection />
        </section>
    }
}

/// What the data page exports: every unit's progress, or one unit key's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ExportScope {
    /// All units and the district level (the picker's empty value).
    All,
    /// One unit, or the district level.
    Unit(UnitKey<'static>),
}

impl ExportScope {
    /// The scope a value of the unit picker names: a unit key of the dataset, else (the empty
    /// "all units" value) all units.
    fn from_value(ds: &'static Dataset, value: &str) -> ExportScope {
        ds.unit_keys()
            .find(|k| k.as_str() == value)
            .map_or(ExportScope::All, ExportScope::Unit)
    }

    /// The one unit key exported, if not all.
    fn unit(self) -> Option<UnitKey<'static>> {
        match self {
            ExportScope::All => None,
            ExportScope::Unit(k) => Some(k),
        }
    }
}

/// Export as JSON, CSV, a text brief, or a printable checklist.
#[component]
fn ExportSection() -> impl IntoView {
    let state = use_app_state();
    let ds = state.ds;
    let progress = state.progress;
    let scope = RwSignal::new(
        state
            .my_unit
            .with_untracked(|u| ExportScope::from_value(ds, u.as_deref().unwrap_or_default())),
    );
    let message = RwSignal::new(None::<String>);
    let brief = Memo::new(move |_| {
        let u = scope.get().unit()?;
        Some(
            progress
                .doc
                .with(|d| unit_brief(d, ds, u.as_str(), state.as_of())),
        )
    });
    let file_name = move |ext: &str| {
        let name = scope.get().unit().and_then(|u| unit_name(ds, u));
        export_file_name(name, state.today, ext)
    };
    let export = move |json: bool| {
        let u = scope.get().unit().map(UnitKey::as_str);
        let result = progress.doc.with_untracked(|d| {
            if json {
                export_json(d, u, now_ms()).map_err(|e| e.message_zh())
            } else {
                Ok(export_csv(d, ds, u))
            }
        });
        let name = file_name(if json { "json" } else { "csv" });
        let mime = if json {
            "application/json;charset=utf-8"
        } else {
            "text/csv;charset=utf-8"
        };
        match result.and_then(|body| crate::browser::download(&name, mime, &body)) {
            Ok(()) => {
                progress.mark_exported();
                message.set(Some(text::exported(&name)));
            }
            Err(e) => message.set(Some(e)),
        }
    };
    let copy = move |_| match brief.get_untracked() {
        Some(b) => crate::browser::copy_text(&b, move |ok| {
            message.set(Some(
                if ok { text::COPIED } else { text::COPY_FAILED }.to_string(),
            ))
        }),
        None => message.set(Some(text::BRIEF_NEEDS_UNIT.to_string())),
    };
    // The print and share pages of "all units" show the district level.
    let page_unit = move || {
        scope
            .get()
            .unit()
            .unwrap_or(UnitKey::District)
            .as_str()
            .to_string()
    };
    // The unit's print view and share page, keeping the as-of date.
    let unit_href = move |page: fn(String) -> Page| {
        Route {
            as_of: state.route.with_untracked(|r| r.as_of),
            ..state.fresh_route(page(page_unit()))
        }
        .href_from(state.entry)
    };
    let print_href = move || unit_href(Page::Print);
    let share_href = move || unit_href(Page::Share);
    view! {
        <section class="data-section" data-testid="export">
            <h3>{text::EXPORT_TITLE}</h3>
            <div class="field">
                <label class="field-label" for="export-unit">{text::EXPORT_UNIT}</label>
                <select
                    id="export-unit"
                    class="field-input"
                    data-testid="export-unit"
                    on:change:target=move |ev| scope.set(ExportScope::from_value(ds, &ev.target().value()))
                >
                    <option value="" selected=move || scope.get() == ExportScope::All>{text::ALL_UNITS_OPTION}</option>
                    {ds
                        .unit_keys()
                        .map(|k| {
                            view! {
                                <option value=k.as_str() selected=move || scope.get() == ExportScope::Unit(k)>
                                    {unit_name(ds, k).unwrap_or(k.as_str())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="actions">
                <button type="button" class="button button-primary" data-testid="export-json" on:click=move |_| export(true)>
                    {text::EXPORT_JSON}
                </button>
                <button type="button" class="button" data-testid="export-csv" on:click=move |_| export(false)>
                    {text::EXPORT_CSV}
                </button>
                <button
                    type="button"
                    class="button"
                    data-testid="copy-brief"
                    disabled=move || brief.with(Option::is_none)
                    on:click=copy
                >
                    {text::COPY_BRIEF}
                </button>
                <a class="button" href=print_href data-testid="print-link">{text::PRINT_LINK}</a>
                <a class="button" href=share_href data-testid="share-link">{text::SHARE_LINK}</a>
            </div>
            // Live regions stay in the page (empty until used): screen readers announce a change
            // of their text, not reliably a region that arrives with its text.
            <p role="status" data-testid="export-message">{move || message.get()}</p>
            // It scrolls when long, so it takes focus (keyboard scrolling).
            {move || brief.get().map(|b| view! { <pre class="brief" tabindex="0" data-testid="brief">{b}</pre> })}
        </section>
    }
}

/// What a validated file would do, waiting for the user's choice.
#[derive(Clone, PartialEq)]
struct Pending {
    doc: ImportDoc,
    preview: ImportPreview,
}

/// Import a JSON export: validate, preview, merge (or replace after confirmation), undo.
#[component]
fn ImportSection() -> impl IntoView {
    let state = use_app_state();
    let ds = state.ds;
    let progress = state.progress;
    let pending = RwSignal::new(None::<Pending>);
    let message = RwSignal::new(None::<Message>);
    let confirm_replace = RwSignal::new(false);
    let can_undo = RwSignal::new(progress.before_import().is_some());

    let on_file = move |ev: leptos::ev::Targeted<leptos::ev::Event, web_sys::HtmlInputElement>| {
        pending.set(None);
        confirm_replace.set(false);
        let input = ev.target();
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        crate::browser::read_file(file, MAX_IMPORT_BYTES as f64, move |read| {
            let checked = read
                .and_then(|body| validate_import(body.as_bytes(), ds).map_err(|e| e.message_zh()));
            match checked {
                Ok(doc) => {
                    let p = progress.doc.with_untracked(|d| preview(d, &doc));
                    let warnings: Vec<String> =
                        doc.warnings.iter().map(|w| w.message_zh()).collect();
                    message.set((!warnings.is_empty()).then(|| Message::info(warnings.join(" "))));
                    pending.set(Some(Pending { doc, preview: p }));
                }
                Err(e) => message.set(Some(Message::error(e))),
            }
        });
        // Choosing the same file again must fire `change` again.
        input.set_value("");
    };
    let apply = move |replace: bool| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        match progress.apply_import(&p.doc.doc, replace) {
            Ok(()) => {
                pending.set(None);
                confirm_replace.set(false);
                can_undo.set(true);
                message.set(Some(Message::info(text::IMPORT_DONE.to_string())));
            }
            Err(e) => message.set(Some(Message::error(e))),
        }
    };
    let undo = move |_| match progress.undo_import() {
        Ok(true) => message.set(Some(Message::info(text::IMPORT_UNDONE.to_string()))),
        Ok(false) => {}
        Err(e) => message.set(Some(Message::error(e))),
    };
    view! {
        <section class="data-section" data-testid="import">
            <h3>{text::IMPORT_TITLE}</h3>
            <p class="muted">{text::IMPORT_HINT}</p>
            <div class="field">
                <label class="field-label" for="import-file">{text::IMPORT_FILE}</label>
                <input
                    id="import-file"
                    class="field-input"
                    type="file"
                    accept=".json,application/json"
                    data-testid="import-file"
                    disabled=move || progress.read_only.get()
                    on:change:target=on_file
                />
            </div>
            <MessageBanner message=message testid="import-message" />
            {move || {
                pending
                    .get()
                    .map(|p| {
                        let pr = p.preview;
                        view! {
                            <div class="preview" data-testid="import-preview">
                                <h4>{text::IMPORT_PREVIEW}</h4>
                                <p>{text::import_preview_line(pr.new, pr.updated, pr.older_skipped, pr.unchanged, pr.unknown)}</p>
                                <div class="actions">
                                    <button type="button" class="button button-primary" data-testid="import-merge" on:click=move |_| apply(false)>
                                        {text::IMPORT_MERGE}
                                    </button>
                                    <Show
                                        when=move || confirm_replace.get()
                                        fallback=move || view! {
                                            <button type="button" class="button button-danger" data-testid="import-replace" on:click=move |_| confirm_replace.set(true)>
                                                {text::IMPORT_REPLACE}
                                            </button>
                                        }
                                    >
                                        <p class="banner banner-warn">{text::IMPORT_REPLACE_WARN}</p>
                                        <button type="button" class="button button-danger" data-testid="import-replace-confirm" on:click=move |_| apply(true)>
                                            {text::IMPORT_REPLACE_CONFIRM}
                                        </button>
                                        <button type="button" class="button button-quiet" on:click=move |_| confirm_replace.set(false)>
                                            {text::CANCEL}
                                        </button>
                                    </Show>
                                </div>
                            </div>
                        }
                    })
            }}
            <Show when=move || can_undo.get()>
                <button type="button" class="button" data-testid="import-undo" on:click=undo>
                    {text::IMPORT_UNDO}
                </button>
            </Show>
        </section>
    }
}

/// Persistence, record count, last export and corrupt-data backups.
#[component]
fn StorageSection() -> impl IntoView {
    let state = use_app_state();
    let progress = state.progress;
    let count = move || progress.doc.with(|d| d.records.len());
    let last = progress
        .with_store(|s| load_last_export(s).ok().flatten())
        .flatten()
        .map(format_stamp)
        .unwrap_or_default();
    let backups = progress
        .with_store(|s| corrupt_backups(s).unwrap_or_default())
        .unwrap_or_default();
    let backup_items = backups
        .into_iter()
        .map(|key| {
            let k = key.to_string();
            let name = format!("{k}.txt");
            let download = move |_| {
                let raw = progress.with_store(|s| s.get(&k).ok().flatten()).flatten();
                if let Some(raw) = raw {
                    let _ = crate::browser::download(&name, "text/plain;charset=utf-8", &raw);
                }
            };
            view! {
                <li>
                    <code>{key.to_string()}</code>
                    " "
                    <button type="button" class="button" on:click=download>{text::BACKUP_DOWNLOAD}</button>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let has_backups = !backup_items.is_empty();
    view! {
        <section class="data-section" data-testid="storage">
            <h3>{text::STORAGE_TITLE}</h3>
            <p data-testid="record-count">{move || text::records_line(count())}</p>
            <p>{move || text::persisted_line(progress.persisted.get())}</p>
            <p>{text::last_export_line(&last)}</p>
            {has_backups.then(|| view! {
                <h4>{text::BACKUPS_TITLE}</h4>
                <ul>{backup_items}</ul>
            })}
        </section>
    }
}
