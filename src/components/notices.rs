//! The banner area: storage problems, read-only mode, export reminders. Each says what happened
//! in Chinese and offers a way out (retry, export).

use leptos::prelude::*;

use crate::domain::route::Page;
use crate::state::progress::NoticeKind;
use crate::state::use_app_state;
use crate::text;

/// All current notices, newest last.
#[component]
pub fn Notices() -> impl IntoView {
    let state = use_app_state();
    let progress = state.progress;
    let data_href = state.fresh_route(Page::Data).href_from(state.entry);
    move || {
        progress
            .notices
            .get()
            .into_iter()
            .map(|n| {
                let class = match n.kind {
                    NoticeKind::Error => "banner banner-error",
                    NoticeKind::Warn => "banner banner-warn",
                    NoticeKind::Info => "banner banner-info",
                };
                let role = if n.kind == NoticeKind::Error {
                    "alert"
                } else {
                    "status"
                };
                let retry = n.retry().then(|| {
                    view! {
                        <button
                            type="button"
                            class="button"
                            data-testid="retry-save"
                            on:click=move |_| progress.flush()
                        >
                            {text::RETRY_SAVE}
                        </button>
                    }
                });
                let id = n.id;
                view! {
                    <div class=class role=role data-testid="notice">
                        <p>{n.text}</p>
                        {retry}
                        <a class="button" href=data_href.clone()>{text::GO_EXPORT}</a>
                        <button
                            type="button"
                            class="button button-quiet"
                            on:click=move |_| progress.dismiss(id)
                        >
                            {text::DISMISS}
                        </button>
                    </div>
                }
            })
            .collect_view()
    }
}
