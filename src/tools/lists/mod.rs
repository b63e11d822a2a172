//! The task lists of this browser (`#/lists`, on the tools' page): the list built into the app and
//! those added from a pasted or opened table, each opened with one tap, added ones removable after
//! a confirmation that offers their progress as a file first; and adding a list
//! ([`add::AddList`]).

mod add;

use leptos::prelude::*;

use crate::data::{known_lists, KnownList};
use crate::domain::export::{export_file_name, export_json, format_stamp};
use crate::domain::lists::name_from_id;
use crate::domain::route::{Page, Route};
use crate::state::progress::{now_ms, open_backend};
use crate::state::use_app_state;
use crate::storage::{remove_list, ListScoped, LoadOutcome, ProgressStore};
use crate::text;

/// How many progress records this browser holds for the list `id`, and its export text.
fn progress_of(id: &str) -> Result<(usize, String), String> {
    let store = open_backend().map_err(|e| e.message_zh())?;
    let mut progress = ProgressStore::new(ListScoped::new(store, id));
    let doc = match progress.load(now_ms()) {
        LoadOutcome::Fresh => return Ok((0, String::new())),
        LoadOutcome::Loaded(doc) => doc,
        other => return Err(other.message_zh().unwrap_or_default()),
    };
    let json = export_json(&doc, None, now_ms()).map_err(|e| e.message_zh())?;
    Ok((doc.records.len(), json))
}

/// The lists page.
#[component]
pub fn ListsPage() -> impl IntoView {
    // Re-read after an add or a removal.
    let version = RwSignal::new(0u32);
    // Outlives a re-read of the lists (it says what happened to one).
    let message = RwSignal::new(None::<String>);
    view! {
        <section class="lists" data-testid="lists-page">
            <h2>{text::LISTS_TITLE}</h2>
            <p class="lists-intro">{text::LISTS_INTRO}</p>
            {move || {
                version.track();
                match known_lists(open_backend()) {
                    Ok(rows) => view! { <ListRows rows=rows version=version message=message /> }.into_any(),
                    Err(e) => view! { <p class="banner banner-error" role="alert">{e}</p> }.into_any(),
                }
            }}
            <add::AddList on_added=move || version.update(|v| *v += 1) />
        </section>
    }
}

/// The lists, each with its actions.
#[component]
fn ListRows(
    rows: Vec<KnownList>,
    version: RwSignal<u32>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    // The list whose removal is being confirmed.
    let confirming = RwSignal::new(None::<String>);
    view! {
        <ul class="lists-list">
            {rows
                .into_iter()
                .map(|row| {
                    let id = row.id().to_string();
                    let attr = id.clone();
                    view! {
                        <li class="lists-item" data-testid="list-item" data-list-id=attr>
                            <ListRow row=row confirming=confirming />
                            {move || {
                                (confirming.get().as_deref() == Some(id.as_str()))
                                    .then(|| {
                                        view! {
                                            <ConfirmRemove
                                                id=id.clone()
                                                confirming=confirming
                                                message=message
                                                version=version
                                            />
                                        }
                                    })
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <p class="lists-message" role="status" data-testid="lists-message">
            {move || message.get()}
        </p>
    }
}

/// A list's title, facts and actions.
#[component]
fn ListRow(row: KnownList, confirming: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app_state();
    let current = state.ds.meta.id == row.id();
    let remove = {
        let id = row.id().to_string();
        move |_| confirming.set(Some(id.clone()))
    };
    match row {
        KnownList::Readable { summary, added } => {
            let open = Route {
                page: Page::Tasks,
                list: added.then(|| summary.id.clone()),
                ..Route::default()
            }
            .href_from(state.entry);
            let facts = text::list_facts(summary.year, summary.tasks, &summary.id);
            let mut facts = facts;
            if summary.added_at > 0 {
                facts.push_str(&text::list_added_at(&format_stamp(summary.added_at)));
            }
            view! {
                <div class="lists-head">
                    <span class="lists-title">{summary.title}</span>
                    {(!added).then(|| view! { <span class="lists-badge">{text::LIST_BUILTIN}</span> })}
                    {current.then(|| view! { <span class="lists-badge lists-badge-current">{text::LIST_CURRENT}</span> })}
                </div>
                <p class="lists-facts">{facts}</p>
                <p class="lists-actions">
                    <a class="button button-primary" href=open data-testid="list-open">
                        {text::LIST_OPEN}
                    </a>
                    {added
                        .then(|| {
                            view! {
                                <button type="button" class="button" data-testid="list-remove" on:click=remove>
                                    {text::LIST_REMOVE}
                                </button>
                            }
                        })}
                </p>
            }
            .into_any()
        }
        KnownList::Unreadable { id, problem } => view! {
            <div class="lists-head">
                <span class="lists-title">{name_from_id(&id)}</span>
            </div>
            <p class="lists-facts banner banner-error">{problem}</p>
            <p class="lists-actions">
                <button type="button" class="button" data-testid="list-remove" on:click=remove>
                    {text::LIST_REMOVE}
                </button>
            </p>
        }
        .into_any(),
    }
}

/// Confirming the removal of a list: says what goes with it, offers its progress as a file first.
#[component]
fn ConfirmRemove(
    id: String,
    confirming: RwSignal<Option<String>>,
    message: RwSignal<Option<String>>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let state = use_app_state();
    let progress = progress_of(&id);
    let records = progress.as_ref().map(|p| p.0).unwrap_or(0);
    let warning = match &progress {
        Ok(_) => text::list_remove_warning(&name_from_id(&id), records),
        Err(e) => text::list_remove_warning_unread(&name_from_id(&id), e),
    };
    let json = progress.map(|p| p.1).unwrap_or_default();
    let export_name = export_file_name(Some(&id), state.today, "json");
    let export = move |_| match crate::browser::download(
        &export_name,
        "application/json;charset=utf-8",
        &json,
    ) {
        Ok(()) => message.set(Some(text::exported(&export_name))),
        Err(e) => message.set(Some(e)),
    };
    let current = state.ds.meta.id == id;
    let remove = {
        let id = id.clone();
        move |_| {
            let result = open_backend()
                .map_err(|e| e.message_zh())
                .and_then(|s| remove_list(&s, &id).map_err(|e| e.message_zh()));
            match result {
                Ok(()) => {
                    confirming.set(None);
                    message.set(Some(text::list_removed(&name_from_id(&id))));
                    if current {
                        // The open list is gone: back to the built-in one.
                        crate::router::push_url(&Route::default().with_page(Page::Lists));
                    }
                    version.update(|v| *v += 1);
                }
                Err(e) => message.set(Some(e)),
            }
        }
    };
    view! {
        <div class="lists-confirm" role="alert" data-testid="list-confirm">
            <p>{warning}</p>
            <p class="lists-actions">
                {(records > 0)
                    .then(|| {
                        view! {
                            <button type="button" class="button button-primary" data-testid="list-export" on:click=export>
                                {text::LIST_EXPORT_FIRST}
                            </button>
                        }
                    })}
                <button type="button" class="button button-danger" data-testid="list-remove-confirm" on:click=remove>
                    {text::LIST_REMOVE_CONFIRM}
                </button>
                <button type="button" class="button" on:click=move |_| confirming.set(None)>
                    {text::CANCEL}
                </button>
            </p>
        </div>
    }
}
