//! Making a share link and QR code of a unit's progress (`#/share/<unit>`).

use leptos::prelude::*;

use crate::text;

/// The share page for `unit` (a unit id, or `district`).
#[component]
pub fn SharePage(
    /// The unit whose progress is shared.
    unit: String,
) -> impl IntoView {
    view! {
        <section class="share" data-testid="share-page" data-unit=unit>
            <h2>{text::SHARE_TITLE}</h2>
        </section>
    }
}
