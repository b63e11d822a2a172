//! Text with the search terms marked.

use leptos::prelude::*;

use crate::domain::search::highlight_with;

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
    /// Also mark the characters a pinyin term spells (`zjj` → 朱家角): only for the texts pinyin
    /// search covers (a task's name and lead departments), so a mark always explains a hit.
    #[prop(optional)]
    pinyin: bool,
) -> impl IntoView {
    move || {
        terms.with(|terms| {
            highlight_with(&text, terms, pinyin.then(crate::data::readings))
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
