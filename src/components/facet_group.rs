//! One facet: its values as links that toggle them in the URL, each with a live count.
//!
//! The values of a facet hardly change between keystrokes; their counts do. The list is keyed by
//! value, so a keystroke only updates the counts (and classes) that changed, and nothing is built
//! for a facet until its group is shown.

use leptos::prelude::*;

use crate::domain::facet::{FacetEntry, FacetKey, FacetKind};
use crate::domain::route::Route;
use crate::state::{use_app_state, AppState};
use crate::text;

/// `route` with `key` toggled in its query.
fn toggled(route: &Route, key: &FacetKey) -> Route {
    let mut next = route.clone();
    key.toggle(&mut next.query);
    next
}

/// The hash of `route` with `key` toggled in its query.
pub fn toggled_href(route: &Route, key: &FacetKey) -> String {
    toggled(route, key).to_hash()
}

/// A chip for a selected facet value: a link that removes it (the task list's and the roll-up's
/// "active filters" rows).
pub fn active_chip(state: AppState, key: FacetKey, label: String) -> impl IntoView {
    view! {
        <li>
            <a class="chip" href=move || state.route.with(|r| toggled_href(r, &key))>
                {label}
                <span aria-hidden="true">" ×"</span>
            </a>
        </li>
    }
}

/// A facet group's title and `data-testid`.
fn heading(kind: FacetKind) -> (&'static str, &'static str) {
    match kind {
        FacetKind::Unit => (text::FACET_UNIT, "facet-unit"),
        FacetKind::Category => (text::FACET_CATEGORY, "facet-category"),
        FacetKind::Lead => (text::FACET_LEAD, "facet-lead"),
        FacetKind::Month => (text::FACET_MONTH, "facet-month"),
        FacetKind::Scope => (text::FACET_SCOPE, "facet-scope"),
        FacetKind::Status => (text::FACET_STATUS, "facet-status"),
    }
}

/// A titled group of the values of one facet.
#[component]
pub fn FacetGroup(
    /// The facet; it gives the title (e.g. "类别") and the group's `data-testid`.
    kind: FacetKind,
    /// The values with their counts.
    entries: Memo<Vec<FacetEntry>>,
) -> impl IntoView {
    let (title, testid) = heading(kind);
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
            let next = state
                .route
                .with_untracked(|r| key.with_value(|k| toggled(r, k)));
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
