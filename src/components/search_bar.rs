//! Search box, sort order and as-of date: the controls above a task list.

use leptos::prelude::*;

use crate::domain::query::SortKey;
use crate::router::{push_url, replace_url};
use crate::state::use_app_state;
use crate::text;

/// The search box. Each keystroke filters at once and replaces the URL (no history entry per key).
#[component]
pub fn SearchBox() -> impl IntoView {
    let state = use_app_state();
    let value = move || state.query.with(|q| q.text.clone());
    view! {
        <div class="field field-search">
            <label class="field-label" for="search">{text::SEARCH_LABEL}</label>
            <input
                id="search"
                class="field-input"
                type="search"
                inputmode="search"
                autocomplete="off"
                placeholder=text::SEARCH_PLACEHOLDER
                data-testid="search"
                prop:value=value
                // The search index is built when the user is about to search, not on the first key.
                on:focus=move |_| {
                    state.search_index();
                }
                on:input:target=move |ev| {
                    let q = ev.target().value();
                    state.route.update(|r| r.query.text = q);
                    replace_url(&state.route.get_untracked());
                }
            />
        </div>
    }
}

/// The sort order select.
#[component]
pub fn SortSelect() -> impl IntoView {
    let state = use_app_state();
    let current = move || state.route.with(|r| r.query.sort);
    view! {
        <div class="field">
            <label class="field-label" for="sort">{text::SORT_LABEL}</label>
            <select
                id="sort"
                class="field-input"
                data-testid="sort"
                on:change:target=move |ev| {
                    if let Ok(sort) = ev.target().value().parse::<SortKey>() {
                        let next = state.route_with(|r| r.query.sort = sort);
                        push_url(&next);
                    }
                }
            >
                {SortKey::ALL
                    .iter()
                    .map(|k| {
                        let k = *k;
                        view! {
                            <option value=k.as_str() selected=move || current() == k>
                                {k.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The as-of date: deadlines are counted against it; it travels in the URL.
#[component]
pub fn AsOfInput() -> impl IntoView {
    let state = use_app_state();
    let value = move || state.as_of().to_iso();
    // Where the plan is over, "no date in the URL" means the plan's end, and today is a date.
    let finished = state.finished_as_of.is_some();
    let is_today = move || state.as_of() == state.today;
    let today_as_of = if finished { Some(state.today) } else { None };
    let at_default = move || state.route.with(|r| r.as_of.is_none());
    view! {
        <div class="field field-asof">
            <label class="field-label" for="asof">{text::AS_OF_LABEL}</label>
            <div class="field-row">
                <input
                    id="asof"
                    class="field-input"
                    type="date"
                    data-testid="asof"
                    prop:value=value
                    on:change:target=move |ev| {
                        let v = ev.target().value();
                        let date = crate::domain::date::Date::parse_iso(&v);
                        let next = state.route_with(|r| r.as_of = date);
                        push_url(&next);
                    }
                />
                <Show when=move || !is_today()>
                    <a
                        class="button button-quiet"
                        data-testid="asof-today"
                        href=move || state.route_with(|r| r.as_of = today_as_of).to_hash()
                    >
                        {text::AS_OF_TODAY}
                    </a>
                </Show>
                <Show when=move || finished && !at_default()>
                    <a
                        class="button button-quiet"
                        data-testid="asof-plan-end"
                        href=move || state.route_with(|r| r.as_of = None).to_hash()
                    >
                        {text::AS_OF_PLAN_END}
                    </a>
                </Show>
            </div>
        </div>
    }
}
