//! Opening a share link (`#/receive/<payload>`): preview, then merge or cancel.

use leptos::prelude::*;

use crate::text;

/// The page that opens the progress carried by `payload`.
#[component]
pub fn ReceivePage(
    /// The link's payload, as in the URL.
    payload: String,
) -> impl IntoView {
    let _ = payload;
    view! {
        <section class="receive" data-testid="receive-page">
            <h2>{text::RECEIVE_TITLE}</h2>
        </section>
    }
}
