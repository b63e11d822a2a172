//! Opening a share link (`#/receive/<payload>`): preview, then merge or cancel.
//!
//! The payload is checked exactly as a file import is ([`crate::domain::share::decode`]), the
//! preview is the file import's ([`crate::domain::import::preview`]), and merging is
//! [`crate::state::progress::ProgressState::apply_import`] (a backup first, then newer wins,
//! nothing deleted; undone with one click). A refused link changes nothing and stays in the
//! address bar, so it can be copied or retried; after a merge or a cancel the payload is
//! removed from the address bar, so neither a reload nor a bookmark offers it again.

use leptos::prelude::*;

use crate::domain::export::format_stamp;
use crate::domain::import::{preview, ImportDoc};
use crate::domain::route::{Entry, Page, Route};
use crate::domain::share::{decode, payload_from_link};
use crate::domain::summary::unit_label;
use crate::domain::task::UnitKey;
use crate::router::{current_hash, push_url, replace_url};
use crate::state::use_app_state;
use crate::text;

/// What the user decided about the link on screen.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Merged: how many records were new and updated, and which unit (None: all units).
    Merged {
        new: usize,
        updated: usize,
        unit: Option<String>,
    },
    /// The merge was undone.
    Undone,
    /// Cancelled: nothing changed.
    Cancelled,
}

/// The page that opens the progress carried by `payload`.
#[component]
pub fn ReceivePage(
    /// The link's payload, as in the URL.
    payload: String,
) -> impl IntoView {
    let state = use_app_state();
    let ds = state.ds;
    let payload = RwSignal::new(payload);
    let outcome = RwSignal::new(None::<Outcome>);
    // A failed merge or undo (the storage refused), shown as an alert.
    let error = RwSignal::new(None::<String>);
    follow_url_payload(payload, outcome);

    let decoded = Memo::new(move |_| {
        payload.with(|p| (!p.trim().is_empty()).then(|| decode(p, ds).map_err(|e| e.message_zh())))
    });

    let merge = Callback::new(move |doc: ImportDoc| {
        let counts = state.progress.doc.with_untracked(|d| preview(d, &doc));
        match state.progress.apply_import(&doc.doc, false) {
            Ok(()) => {
                error.set(None);
                outcome.set(Some(Outcome::Merged {
                    new: counts.new,
                    updated: counts.updated,
                    unit: doc.doc.export.and_then(|e| e.unit),
                }));
                forget_payload(state.route);
            }
            Err(e) => error.set(Some(e)),
        }
    });
    let cancel = Callback::new(move |()| {
        error.set(None);
        outcome.set(Some(Outcome::Cancelled));
        forget_payload(state.route);
    });
    let undo = Callback::new(move |()| match state.progress.undo_import() {
        Ok(_) => {
            error.set(None);
            outcome.set(Some(Outcome::Undone));
        }
        Err(e) => error.set(Some(e)),
    });

    view! {
        <section class="receive" data-testid="receive-page">
            <h2>{text::RECEIVE_TITLE}</h2>
            {move || match (outcome.get(), decoded.get()) {
                (Some(o), _) => view! { <Done outcome=o undo=undo /> }.into_any(),
                (None, None) => view! { <PasteLink /> }.into_any(),
                (None, Some(Err(message))) => view! {
                    <div class="banner banner-error receive-error" role="alert" data-testid="receive-error">
                        <p>
                            <strong class="receive-error-title">{text::RECEIVE_ERROR}</strong>
                            {message}
                            {text::RECEIVE_UNCHANGED}
                        </p>
                    </div>
                    <p>
                        <a href=use_app_state().fresh_route(Page::Data).href_from(Entry::Tools) data-testid="receive-to-data">
                            {text::RECEIVE_TO_DATA}
                        </a>
                    </p>
                    <PasteLink />
                }
                .into_any(),
                (None, Some(Ok(doc))) => view! { <Preview doc=doc merge=merge cancel=cancel /> }.into_any(),
            }}
            // A live region that stays in the page, empty until used.
            <p
                class=move || if error.with(Option::is_some) { "banner banner-error" } else { "" }
                role="alert"
                data-testid="receive-failed"
            >
                {move || error.get()}
            </p>
        </section>
    }
}

/// Takes the payload out of the address bar (history entry replaced, no reload): the page
/// becomes the empty receive page, so a reload or a bookmark does not offer the link again.
fn forget_payload(route: RwSignal<Route>) {
    // Untracked: the page keeps showing what was done; `follow_url_payload` catches a link
    // opened again from the address bar.
    route.update_untracked(|r| r.page = Page::Receive(String::new()));
    route.with_untracked(replace_url);
}

/// Follows a link that arrives by a hash change while this page is shown (pasted into the
/// address bar, back): the route alone may not re-render the page when it names the payload
/// first shown.
fn follow_url_payload(payload: RwSignal<String>, outcome: RwSignal<Option<Outcome>>) {
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Page::Receive(p) = Route::from_hash(&current_hash()).page {
            if payload.with_untracked(|now| *now != p) || outcome.with_untracked(Option::is_some) {
                outcome.set(None);
                payload.set(p);
            }
        }
    });
    on_cleanup(move || handle.remove());
}

/// What the link holds and what merging it would do, with 合并 and 取消.
#[component]
fn Preview(doc: ImportDoc, merge: Callback<ImportDoc>, cancel: Callback<()>) -> impl IntoView {
    let state = use_app_state();
    let ds = state.ds;
    let progress = state.progress;
    // A link always carries its export info (`decode` makes it).
    let export = doc.doc.export.as_ref();
    let unit = export
        .and_then(|e| e.unit.as_deref())
        .map_or(text::ALL_UNITS_OPTION, |u| unit_label(ds, u))
        .to_string();
    let made = format_stamp(export.map_or(0, |e| e.exported_at));
    let records = doc.doc.records.len();
    let notes = doc
        .doc
        .records
        .iter()
        .map(|r| r.notes.iter().filter(|n| n.deleted_at.is_none()).count())
        .sum();
    let warnings: Vec<String> = doc.warnings.iter().map(|w| w.message_zh()).collect();
    // Follows the stored document (another tab may change it).
    let doc2 = doc.clone();
    let counts = Memo::new(move |_| progress.doc.with(|d| preview(d, &doc2)));
    let read_only = move || progress.read_only.get();
    view! {
        <div class="preview receive-preview" data-testid="receive-preview">
            <h3>{text::RECEIVE_PREVIEW}</h3>
            <dl class="receive-facts">
                <dt>{text::RECEIVE_UNIT}</dt>
                <dd data-testid="receive-unit">{unit}</dd>
                <dt>{text::RECEIVE_MADE}</dt>
                <dd data-testid="receive-made">{made}</dd>
                <dt>{text::RECEIVE_CONTENTS}</dt>
                <dd data-testid="receive-contents">{text::receive_contents(records, notes)}</dd>
                <dt>{text::RECEIVE_EFFECT}</dt>
                <dd data-testid="receive-counts">
                    {move || {
                        let c = counts.get();
                        text::import_preview_line(c.new, c.updated, c.older_skipped, c.unchanged, c.unknown)
                    }}
                </dd>
            </dl>
            {(!warnings.is_empty())
                .then(|| view! { <p class="banner banner-info" data-testid="receive-warning">{warnings.join(" ")}</p> })}
            <Show when=move || counts.with(|c| c.new == 0 && c.updated == 0)>
                <p class="muted" data-testid="receive-nothing-new">{text::RECEIVE_NOTHING_NEW}</p>
            </Show>
            <Show when=read_only>
                <p class="banner banner-warn" data-testid="receive-read-only">
                    {text::receive_read_only(crate::domain::messages::SAVE_READ_ONLY)}
                </p>
            </Show>
            <p class="muted">{text::RECEIVE_MERGE_HINT}</p>
            <div class="actions">
                <button
                    type="button"
                    class="button button-primary"
                    data-testid="receive-merge"
                    disabled=read_only
                    on:click=move |_| merge.run(doc.clone())
                >
                    {text::RECEIVE_MERGE}
                </button>
                <button type="button" class="button" data-testid="receive-cancel" on:click=move |_| cancel.run(())>
                    {text::CANCEL}
                </button>
            </div>
        </div>
    }
}

/// After the decision: what happened, where to look, and undo after a merge.
#[component]
fn Done(outcome: Outcome, undo: Callback<()>) -> impl IntoView {
    let ds = use_app_state().ds;
    match outcome {
        Outcome::Merged { new, updated, unit } => {
            // A unit's own page; the district's and every unit's progress show on the list.
            let page = unit
                .filter(|u| matches!(UnitKey::parse(u), UnitKey::Unit(id) if ds.unit(id).is_some()))
                .map(Page::Town);
            let label = if page.is_some() {
                text::RECEIVE_VIEW_UNIT
            } else {
                text::RECEIVE_VIEW_ALL
            };
            let href = use_app_state()
                .fresh_route(page.unwrap_or_default())
                .href_from(Entry::Tools);
            view! {
                <div class="receive-done" data-testid="receive-done">
                    <p class="banner banner-info" role="status" data-testid="receive-message">
                        {text::receive_merged(new, updated)}
                    </p>
                    <div class="actions">
                        <a class="button button-primary" href=href data-testid="receive-view">{label}</a>
                        <button type="button" class="button" data-testid="receive-undo" on:click=move |_| undo.run(())>
                            {text::RECEIVE_UNDO}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        }
        Outcome::Undone | Outcome::Cancelled => {
            let message = if outcome == Outcome::Undone {
                text::RECEIVE_UNDONE
            } else {
                text::RECEIVE_CANCELLED
            };
            view! {
                <div class="receive-done" data-testid="receive-done">
                    <p class="banner banner-info" role="status" data-testid="receive-message">{message}</p>
                    <PasteLink />
                </div>
            }
            .into_any()
        }
    }
}

/// A box to paste a link (or its payload) into, for a link that arrived as text.
#[component]
fn PasteLink() -> impl IntoView {
    let state = use_app_state();
    let text_in = RwSignal::new(String::new());
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pasted = text_in.get_untracked();
        let payload = payload_from_link(&pasted).to_string();
        if !payload.is_empty() {
            // A whole link names its list (`?l=`); a bare payload is for the list shown.
            let list = match pasted.split_once('#') {
                Some((_, hash)) => Route::from_hash(hash).list,
                None => state.route.with_untracked(|r| r.list.clone()),
            };
            push_url(&Route {
                page: Page::Receive(payload),
                list,
                ..Route::default()
            });
        }
    };
    view! {
        <form class="receive-paste" on:submit=open>
            <label class="field-label" for="receive-paste">{text::RECEIVE_PASTE}</label>
            <textarea
                id="receive-paste"
                class="field-input receive-paste-input"
                rows="3"
                spellcheck="false"
                data-testid="receive-paste"
                on:input:target=move |ev| text_in.set(ev.target().value())
            ></textarea>
            <p class="muted">{text::RECEIVE_PASTE_HINT}</p>
            <button type="submit" class="button" data-testid="receive-open">{text::RECEIVE_OPEN}</button>
        </form>
    }
}
