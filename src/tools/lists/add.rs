//! Adding a list: paste or open its table, read the report, save.

use leptos::prelude::*;

/// Adding a list (filled in below).
#[component]
pub fn AddList(on_added: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let _ = on_added;
    view! { <section class="lists-add"></section> }
}
