//! One facet: its values as links that toggle them in the URL, each with a live count.
//!
//! The values of a facet hardly change between keystrokes; their counts do. The list is keyed by
//! value, so a keystroke only updates the counts (and classes) that changed, and nothing is built
//! for a facet until its group is shown.

use leptos::prelude::*;

use crate::domain::facet::{FacetEntry, FacetKey};
use crate::domain::route::Route;
use crate::state::use_app_state;

/// The hash of `route` with `key` toggled in its query.
pub fn toggled_href(route: &Route, key: &FacetKey) -> String {
    let mut next = route.clone();
    key.toggle(&mut next.query);
    next.to_hash()
}

/// A titled group of facet values.
#[component]
pub fn FacetGroup(
    /// Title, e.g. "类别".
    title: &'static str,
    /// The values with their counts.
    entries: Memo<Vec<FacetEntry>>,
    /// `data-testid` of the group.
    testid: &'static str,
) -> impl IntoView {
    let keys = move || entries.with(|e| e.iter().map(|e| e.key.clone()).collect::<Vec<_>>());
    view! {
        <fieldset class="facet" data-testid=testid>
            <legend class="facet-title">{title}</legend>
            <ul class="facet-list">
                <For each=keys key=|k| k.clone() let:key>
                    <FacetButton key=key entries=entries />
                </For>
            </ul>
        </fieldset>
    }
    .into_any()
}

/// One value: a link to the current view with the value toggled. Only the count, the class and
/// the href change on a keystroke; the element stays.
#[component]
fn FacetButton(key: FacetKey, entries: Memo<Vec<FacetEntry>>) -> impl IntoView {
    let state = use_app_state();
    let k = key.clone();
    let entry = Memo::new(move |_| {
        entries.with(|e| {
            e.iter()
                .find(|e| e.key == k)
                .map(|e| (e.label.clone(), e.count, e.selected))
                .unwrap_or_default()
        })
    });
    let count = move || entry.with(|e| e.1);
    let selected = move || entry.with(|e| e.2);
    let class = move || match (selected(), count()) {
        (true, _) => "facet-link facet-link-on",
        (false, 0) => "facet-link facet-link-zero",
        _ => "facet-link",
    };
    let key = StoredValue::new(key);
    let href = move || state.route.with(|r| key.with_value(|k| toggled_href(r, k)));
    // `role="button"`: Space presses it too, as with a real button (a link only answers Enter).
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == " " {
            ev.prevent_default();
            let next = state.route.with_untracked(|r| {
                let mut next = r.clone();
                key.with_value(|k| k.toggle(&mut next.query));
                next
            });
            crate::router::push_url(&next);
        }
    };
    view! {
        <li>
            <a
                class=class
                href=href
                aria-pressed=move || if selected() { "true" } else { "false" }
                role="button"
                data-count=count
                on:keydown=on_key
            >
                <span class="facet-label">{move || entry.with(|e| e.0.clone())}</span>
                <span class="facet-count">{count}</span>
            </a>
        </li>
    }
    .into_any()
}
