//! The district roll-up page (`#/rollup`).

use leptos::prelude::*;

use crate::text;

/// The roll-up of every unit's progress.
#[component]
pub fn RollupPage() -> impl IntoView {
    view! {
        <section class="rollup" data-testid="rollup-page">
            <h2>{text::NAV_ROLLUP}</h2>
        </section>
    }
}
