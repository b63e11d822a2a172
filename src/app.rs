//! The root component: loads the embedded dataset and shows the page the URL names.

use leptos::prelude::*;

use crate::data;
use crate::domain::task::Dataset;
use crate::pages::tasks::TasksPage;
use crate::text;

/// The whole app. A dataset that fails to load is reported, never a blank page.
#[component]
pub fn App() -> impl IntoView {
    match data::embedded() {
        Ok(ds) => {
            // Parsed once for the whole session; every component borrows it.
            let ds: &'static Dataset = Box::leak(Box::new(ds));
            view! { <Shell ds=ds /> }.into_any()
        }
        Err(e) => view! {
            <div class="app" data-testid="app">
                <div class="fatal" role="alert">
                    <h1>{text::DATA_ERROR_TITLE}</h1>
                    <p>{e.message_zh()}</p>
                </div>
            </div>
        }
        .into_any(),
    }
}

/// Header, main content and footer around the current page.
#[component]
fn Shell(ds: &'static Dataset) -> impl IntoView {
    view! {
        <div class="app" data-testid="app">
            <header class="topbar">
                <a class="topbar-brand" href="#/">{text::APP_NAME}</a>
                <h1 class="topbar-title">{ds.meta.title.clone()}</h1>
            </header>
            <main class="main">
                <TasksPage ds=ds />
            </main>
        </div>
    }
}
