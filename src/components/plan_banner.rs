//! The banner of a finished plan: after the plan's year the app opens as of the plan's last
//! deadline and says so, with a link to today's view. Gone as soon as the URL names a date.

use leptos::prelude::*;

use crate::state::use_app_state;
use crate::text;

/// "本清单为2022年度任务，按2022年12月31日显示完成情况；切换到今天", while it applies.
#[component]
pub fn PlanBanner() -> impl IntoView {
    let state = use_app_state();
    let end = state.finished_as_of?;
    let shown = move || state.route.with(|r| r.as_of.is_none());
    let today = move || state.route_with(|r| r.as_of = Some(state.today));
    let href = move || today().href_from(state.entry);
    Some(view! {
        <Show when=shown>
            <p class="banner banner-info" role="status" data-testid="plan-banner">
                {text::plan_finished(state.ds.meta.year, end)}
                <a href=href data-testid="plan-today">{text::PLAN_SWITCH_TODAY}</a>
            </p>
        </Show>
    })
}
