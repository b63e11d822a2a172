//! Text with the search terms marked.

use leptos::prelude::*;

use crate::domain::search::highlight;

/// `text` with every occurrence of a term in `<mark>`. User text is only ever rendered as text
/// nodes, never as HTML.
#[component]
pub fn Highlight(
    /// The text to show.
    #[prop(into)]
    text: String,
    /// The search terms (lower-cased, as from `search::terms`).
    #[prop(into)]
    terms: Signal<Vec<String>>,
) -> impl IntoView {
    move || {
        terms.with(|terms| {
            highlight(&text, terms)
                .into_iter()
                .map(|seg| {
                    let s = seg.text.to_string();
                    if seg.hit {
                        view! { <mark class="hl">{s}</mark> }.into_any()
                    } else {
                        s.into_any()
                    }
                })
                .collect_view()
        })
    }
}
