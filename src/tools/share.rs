//! Making a share link and QR code of a unit's progress (`#/share/<unit>`).
//!
//! What is offered is [`crate::domain::share::offer`]'s: the link (made from this page's own
//! address, so it opens wherever the app is hosted), its length, its QR code, and when the
//! link is too long for a chat message or a phone's camera, the link without notes or the
//! file export instead.

use leptos::prelude::*;

use crate::domain::export::{export_file_name, export_json};
use crate::domain::qr::{QrSvg, MAX_PHONE_QR_VERSION};
use crate::domain::route::{Page, Route};
use crate::domain::share::{offer, ShareOffer, ShareScope, SharedLink, MAX_CHAT_LINK_CHARS};
use crate::domain::summary::unit_name;
use crate::domain::task::{Dataset, UnitKey};
use crate::router::{current_hash, replace_url};
use crate::state::progress::now_ms;
use crate::state::use_app_state;
use crate::text;

/// The share page for `unit` (a unit id, or `district`; empty: the user picks).
#[component]
pub fn SharePage(
    /// The unit whose progress is shared, as in the URL.
    unit: String,
) -> impl IntoView {
    let state = use_app_state();
    let ds = state.ds;
    let unknown = (!unit.is_empty() && !ds.is_known(UnitKey::parse(&unit))).then(|| unit.clone());
    let unit = RwSignal::new(if unknown.is_some() {
        String::new()
    } else {
        unit
    });
    let scope = RwSignal::new(ShareScope::Full);
    // The copy and export confirmations (a live region that stays in the page).
    let message = RwSignal::new(None::<String>);
    follow_url_unit(ds, unit);

    // When the link is made: at the page's opening, and again when the unit or the progress
    // changes, but not when only the scope does, so the length offered for the link without
    // notes is the length of the link the user then gets.
    let made_at = Memo::new(move |_| {
        unit.track();
        state.progress.doc.track();
        now_ms()
    });
    let made = Memo::new(move |_| {
        let u = unit.get();
        if u.is_empty() {
            return None;
        }
        let base = page_address();
        let scope = scope.get();
        let now = made_at.get();
        let list = state.route.with_untracked(|r| r.list.clone());
        Some(
            state
                .progress
                .doc
                .with(|d| offer(d, &u, scope, &base, list.as_deref(), now)),
        )
    });
    let pick = Callback::new(move |u: String| {
        message.set(None);
        unit.set(u.clone());
        // The URL names the unit (a reload or a bookmark keeps it), without a history entry per
        // choice. The route is changed untracked: re-rendering the page would move the focus
        // away from the selector; `follow_url_unit` keeps the page in step with the URL.
        state.route.update_untracked(|r| r.page = Page::Share(u));
        state.route.with_untracked(replace_url);
    });
    let copy = Callback::new(move |url: String| {
        crate::browser::copy_text(&url, move |ok| {
            message.set(Some(
                if ok {
                    text::SHARE_COPIED
                } else {
                    text::SHARE_COPY_FAILED
                }
                .to_string(),
            ))
        })
    });
    // The same JSON file as the data page's export of the unit.
    let export = Callback::new(move |()| {
        let u = unit.get_untracked();
        let name = export_file_name(unit_name(ds, UnitKey::parse(&u)), state.today, "json");
        let body = state
            .progress
            .doc
            .with_untracked(|d| export_json(d, Some(&u), now_ms()).map_err(|e| e.message_zh()));
        match body
            .and_then(|b| crate::browser::download(&name, "application/json;charset=utf-8", &b))
        {
            Ok(()) => {
                state.progress.mark_exported();
                message.set(Some(text::exported(&name)));
            }
            Err(e) => message.set(Some(e)),
        }
    });
    let set_scope = Callback::new(move |s: ShareScope| {
        message.set(None);
        scope.set(s);
    });
    let shorten = Callback::new(move |()| set_scope.run(ShareScope::StatusAndAmounts));

    view! {
        <section class="share" data-testid="share-page" data-unit=move || unit.get()>
            <h2>{text::SHARE_TITLE}</h2>
            <p class="muted share-intro">{text::SHARE_INTRO}</p>
            {unknown
                .map(|u| {
                    let said = text::share_unknown_unit(&u);
                    // Until a unit is picked.
                    view! {
                        <Show when=move || unit.with(String::is_empty)>
                            <p class="banner banner-warn" data-testid="share-unknown-unit">
                                {said.clone()}
                            </p>
                        </Show>
                    }
                })}
            <div class="share-controls">
                <UnitPicker unit=unit on_pick=pick />
                <ScopePicker scope=scope on_pick=set_scope />
            </div>
            {move || match made.get() {
                None => view! { <p class="share-empty">{text::SHARE_NEEDS_UNIT}</p> }.into_any(),
                Some(ShareOffer::NoProgress) => view! {
                    <p class="share-empty" data-testid="share-nothing">{text::SHARE_NO_PROGRESS}</p>
                }
                .into_any(),
                Some(ShareOffer::OnlyNotes) => view! {
                    <p class="share-empty" data-testid="share-nothing">{text::SHARE_ONLY_NOTES}</p>
                }
                .into_any(),
                Some(ShareOffer::TooLarge) => view! {
                    <div class="banner banner-error share-warn" data-testid="share-too-large">
                        <p>{crate::domain::share::ShareError::TooLarge.message_zh()}</p>
                        <Alternatives shorter=None export=export shorten=shorten />
                    </div>
                    <Message message=message />
                }
                .into_any(),
                Some(ShareOffer::Link(link)) => view! {
                    <ShareLink link=link message=message copy=copy export=export shorten=shorten />
                }
                .into_any(),
            }}
        </section>
    }
}

/// The page's own address, which the link's folder is taken from.
fn page_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Keeps `unit` in step with a share URL that arrives by a hash change (back, an edited URL):
/// the route alone may not re-render the page when it names the unit first shown.
fn follow_url_unit(ds: &'static Dataset, unit: RwSignal<String>) {
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Page::Share(mut u) = Route::from_hash(&current_hash()).page {
            if !ds.is_known(UnitKey::parse(&u)) {
                u.clear();
            }
            if unit.with_untracked(|now| *now != u) {
                unit.set(u);
            }
        }
    });
    on_cleanup(move || handle.remove());
}

/// The unit selector: the 12 units and the district level.
#[component]
fn UnitPicker(unit: RwSignal<String>, on_pick: Callback<String>) -> impl IntoView {
    let ds = use_app_state().ds;
    view! {
        <div class="field share-unit">
            <label class="field-label" for="share-unit">{text::SHARE_UNIT}</label>
            <select
                id="share-unit"
                class="field-input"
                data-testid="share-unit"
                // The options' `selected` picks the first choice; this follows later ones (an
                // option the user once picked ignores its `selected` attribute).
                prop:value=move || unit.get()
                on:change:target=move |ev| on_pick.run(ev.target().value())
            >
                <Show when=move || unit.with(String::is_empty)>
                    <option value="" selected>{text::SHARE_PICK_UNIT}</option>
                </Show>
                {ds
                    .unit_keys()
                    .map(|k| {
                        let key = k.as_str().to_string();
                        let k2 = key.clone();
                        view! {
                            <option value=key selected=move || unit.with(|u| *u == k2)>
                                {unit_name(ds, k).unwrap_or(k.as_str()).to_string()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Everything, or status and amounts only (a shorter link).
#[component]
fn ScopePicker(scope: RwSignal<ShareScope>, on_pick: Callback<ShareScope>) -> impl IntoView {
    let choice = move |value: ShareScope, label: &'static str, testid: &'static str| {
        view! {
            <label class="share-choice">
                <input
                    type="radio"
                    name="share-scope"
                    data-testid=testid
                    prop:checked=move || scope.get() == value
                    on:change=move |_| on_pick.run(value)
                />
                <span>{label}</span>
            </label>
        }
    };
    view! {
        <fieldset class="share-scope">
            <legend class="field-label">{text::SHARE_SCOPE}</legend>
            {choice(ShareScope::Full, text::SHARE_SCOPE_FULL, "scope-full")}
            {choice(ShareScope::StatusAndAmounts, text::SHARE_SCOPE_SHORT, "scope-short")}
        </fieldset>
    }
}

/// The link, its length, copying it, and what to do when it is too long; then its QR code.
#[component]
fn ShareLink(
    link: SharedLink,
    message: RwSignal<Option<String>>,
    copy: Callback<String>,
    export: Callback<()>,
    shorten: Callback<()>,
) -> impl IntoView {
    let chars = link.chars();
    let fits_chat = link.fits_chat();
    let url = link.url.clone();
    let chat_shorter = link.shorter.filter(|s| s.fits_chat).map(|s| s.chars);
    let qr_shorter = link.shorter.filter(|s| s.fits_phone_qr).map(|s| s.chars);
    view! {
        <div class="share-body">
            <div class="share-link">
                <label class="field-label" for="share-url">{text::SHARE_URL_LABEL}</label>
                <textarea
                    id="share-url"
                    class="share-url"
                    readonly
                    rows="5"
                    spellcheck="false"
                    data-testid="share-url"
                    prop:value=link.url.clone()
                    // One tap selects all of it, for a manual copy.
                    on:focus:target=move |ev| ev.target().select()
                ></textarea>
                <div class="share-link-bar">
                    <p class="share-length" data-testid="share-length">{text::share_length(chars)}</p>
                    <button
                        type="button"
                        class="button button-primary"
                        data-testid="share-copy"
                        on:click=move |_| copy.run(url.clone())
                    >
                        {text::SHARE_COPY}
                    </button>
                </div>
                <Message message=message />
                {(!fits_chat)
                    .then(|| {
                        view! {
                            <div class="banner banner-warn share-warn" data-testid="share-too-long">
                                <p>{text::share_too_long(chars, MAX_CHAT_LINK_CHARS)}</p>
                                <Alternatives shorter=chat_shorter export=export shorten=shorten />
                            </div>
                        }
                    })}
                <p class="muted share-hint">{text::SHARE_SMS_HINT}</p>
            </div>
            <section class="share-qr" aria-labelledby="share-qr-title" data-testid="share-qr-section">
                <h3 id="share-qr-title">{text::QR_TITLE}</h3>
                {match link.qr {
                    Ok(q) => {
                        let caption = text::qr_caption(q.version, q.modules);
                        let dense = (!q.fits_phone())
                            .then(|| {
                                view! {
                                    <div class="banner banner-warn share-warn" data-testid="qr-too-dense">
                                        <p>{text::qr_too_dense(q.version, MAX_PHONE_QR_VERSION)}</p>
                                        <Alternatives shorter=qr_shorter export=export shorten=shorten />
                                    </div>
                                }
                            });
                        view! {
                            {dense}
                            <div class="share-qr-frame">
                                <QrCode qr=q />
                            </div>
                            <p class="share-qr-caption" data-testid="qr-caption">{caption}</p>
                            <p class="muted share-hint">{text::QR_HINT}</p>
                        }
                            .into_any()
                    }
                    Err(e) => view! {
                        <div class="banner banner-warn share-warn" data-testid="qr-too-long">
                            <p>{e.message_zh()}</p>
                            <Alternatives shorter=qr_shorter export=export shorten=shorten />
                        </div>
                    }
                    .into_any(),
                }}
            </section>
        </div>
    }
}

/// The copy and export confirmations, next to their buttons. A live region: it is in the page
/// (empty) before its text arrives, so screen readers announce the text.
#[component]
fn Message(message: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <p class="share-message" role="status" data-testid="share-message">
            {move || message.get()}
        </p>
    }
}

/// The ways out of a link that is too long: the shorter link (when it fits), or the file.
#[component]
fn Alternatives(
    /// The length of the link without notes, when it fits where this one does not.
    shorter: Option<usize>,
    export: Callback<()>,
    shorten: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="actions">
            {shorter
                .map(|n| {
                    view! {
                        <button
                            type="button"
                            class="button"
                            data-testid="share-use-shorter"
                            on:click=move |_| shorten.run(())
                        >
                            {text::share_use_shorter(n)}
                        </button>
                    }
                })}
            <button type="button" class="button" data-testid="share-export" on:click=move |_| export.run(())>
                {text::SHARE_EXPORT}
            </button>
        </div>
    }
}

/// The QR code drawn with SVG elements: a white square (the quiet zone included) and one path
/// of the dark modules, scaled by CSS; no markup is parsed from a string.
#[component]
fn QrCode(qr: QrSvg) -> impl IntoView {
    let side = qr.side().to_string();
    let view_box = format!("0 0 {side} {side}");
    view! {
        <svg
            class="share-qr-code"
            xmlns="http://www.w3.org/2000/svg"
            viewBox=view_box
            shape-rendering="crispEdges"
            role="img"
            aria-label=text::QR_LABEL
            data-testid="share-qr"
            data-version=qr.version
        >
            <rect width=side.clone() height=side fill="#fff" />
            <path fill="#000" d=qr.path_data().to_string() />
        </svg>
    }
}
