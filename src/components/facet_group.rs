//! One facet: its values as links that toggle them, each with a live count.

use leptos::prelude::*;

/// A facet value ready to render: the link toggles it in the URL.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetLink {
    /// Chinese label.
    pub label: String,
    /// Tasks that would match with this value (the other facets applied).
    pub count: usize,
    /// Whether it is selected now.
    pub selected: bool,
    /// `#/…` with the value toggled.
    pub href: String,
}

/// A titled group of facet links.
#[component]
pub fn FacetGroup(
    /// Title, e.g. "类别".
    title: &'static str,
    /// The values.
    #[prop(into)]
    links: Signal<Vec<FacetLink>>,
    /// `data-testid` of the group.
    testid: &'static str,
) -> impl IntoView {
    view! {
        <fieldset class="facet" data-testid=testid>
            <legend class="facet-title">{title}</legend>
            <ul class="facet-list">
                {move || {
                    links
                        .get()
                        .into_iter()
                        .map(|l| {
                            let class = match (l.selected, l.count) {
                                (true, _) => "facet-link facet-link-on",
                                (false, 0) => "facet-link facet-link-zero",
                                _ => "facet-link",
                            };
                            view! {
                                <li>
                                    <a
                                        class=class
                                        href=l.href
                                        aria-pressed=if l.selected { "true" } else { "false" }
                                        role="button"
                                        data-count=l.count
                                    >
                                        <span class="facet-label">{l.label}</span>
                                        <span class="facet-count">{l.count}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </fieldset>
    }
}
