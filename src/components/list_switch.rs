//! Switching the task list from the top bar: shown once this browser has more than one list.

use leptos::prelude::*;

use crate::data::added_lists;
use crate::domain::route::{Page, Route};
use crate::state::progress::open_backend;
use crate::state::use_app_state;
use crate::text;

/// (id, title) of every list that opens: the built-in one (id `None`), then those added.
fn choices() -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    if let Ok(ds) = crate::data::builtin() {
        out.push((None, ds.meta.title.clone()));
    }
    let added = open_backend()
        .ok()
        .and_then(|s| added_lists(&s).ok())
        .unwrap_or_default();
    for (id, list) in added {
        if let Ok(list) = list {
            out.push((Some(id), list.dataset.meta.title));
        }
    }
    out
}

/// A select of the lists; choosing one opens its task list (the page reloads with it).
#[component]
pub fn ListSwitch() -> impl IntoView {
    let state = use_app_state();
    let choices = choices();
    if choices.len() < 2 {
        return None;
    }
    let current = state.route.with_untracked(|r| r.list.clone());
    let ids: Vec<Option<String>> = choices.iter().map(|c| c.0.clone()).collect();
    let open = move |index: i32| {
        let picked = usize::try_from(index).ok();
        let Some(list) = picked.and_then(|i| ids.get(i)).cloned() else {
            return;
        };
        let href = Route {
            page: Page::Tasks,
            list,
            ..Route::default()
        }
        .href_from(state.entry);
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href(&href);
        }
    };
    Some(view! {
        <label class="list-switch">
            <span class="visually-hidden">{text::LIST_SWITCH_LABEL}</span>
            <select
                class="list-switch-select"
                data-testid="list-switch"
                on:change:target=move |ev| open(ev.target().selected_index())
            >
                {choices
                    .into_iter()
                    .map(|(id, title)| {
                        let selected = id == current;
                        view! { <option selected=selected>{title}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    })
}
