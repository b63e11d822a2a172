//! The top bar: title and the main navigation, with "我的街镇" one tap away.

use leptos::prelude::*;

use crate::components::list_switch::ListSwitch;
use crate::domain::route::{Page, RollupView, Route};
use crate::state::use_app_state;
use crate::text;

/// Which navigation entry a page belongs to.
fn section(page: &Page) -> u8 {
    match page {
        Page::Tasks | Page::Task(_) => 0,
        Page::Towns | Page::Town(_) => 1,
        Page::Depts | Page::Dept(_) => 2,
        Page::Data | Page::Print(_) | Page::Share(_) | Page::Receive(_) => 3,
        Page::Rollup(_) => 4,
        Page::Lists => 5,
    }
}

/// Title bar and navigation links; the current section is marked with `aria-current`.
#[component]
pub fn TopNav() -> impl IntoView {
    let state = use_app_state();
    let current = move || state.route.with(|r| section(&r.page));
    // Links keep the as-of date: it is part of what the user is reviewing.
    let link = move |page: Page| Route {
        as_of: state.route.with(|r| r.as_of),
        ..state.fresh_route(page)
    };
    let item = move |page: Page, label: &'static str| {
        let sec = section(&page);
        let page2 = page.clone();
        view! {
            <a
                class="nav-link"
                href=move || link(page2.clone()).href_from(state.entry)
                aria-current=move || (current() == sec).then_some("page")
            >
                {label}
            </a>
        }
    };
    let my_unit = move || state.my_unit.get().and_then(|id| state.unit(&id));
    view! {
        <header class="topbar">
            <div class="topbar-head">
                <a class="topbar-brand" href=move || link(Page::Tasks).href_from(state.entry)>
                    {text::APP_NAME}
                </a>
                <h1 class="topbar-title">{state.ds.meta.title.as_str()}</h1>
                <ListSwitch />
                // The lists page: add next year's list, switch, remove. In the head row, not the
                // navigation, which fits a phone's width with the five sections.
                <a
                    class="topbar-lists"
                    href=move || link(Page::Lists).href_from(state.entry)
                    aria-current=move || (current() == 5).then_some("page")
                >
                    {text::NAV_LISTS}
                </a>
            </div>
            <nav class="nav" aria-label=text::NAV_LABEL>
                {item(Page::Tasks, text::NAV_TASKS)}
                {item(Page::Towns, text::NAV_TOWNS)}
                {item(Page::Depts, text::NAV_DEPTS)}
                {item(Page::Data, text::NAV_DATA)}
                {item(Page::Rollup(RollupView::default()), text::NAV_ROLLUP)}
                {move || {
                    my_unit()
                        .map(|u| {
                            let href = link(Page::Town(u.id.clone())).href_from(state.entry);
                            view! {
                                <a class="nav-link nav-my-unit" href=href data-testid="nav-my-unit">
                                    {format!("{}：{}", text::NAV_MY_UNIT, u.name)}
                                </a>
                            }
                        })
                }}
            </nav>
        </header>
    }
}
