//! What a link to something that does not exist shows.

use leptos::prelude::*;

use crate::text;

/// A message with a way back to the task list.
#[component]
pub fn NotFound(
    /// What was not found, e.g. "找不到这项任务".
    message: &'static str,
) -> impl IntoView {
    view! {
        <section class="notice" role="alert" data-testid="not-found">
            <h2>{message}</h2>
            <p>
                <a href="#/">{text::BACK_TO_LIST}</a>
            </p>
        </section>
    }
}
