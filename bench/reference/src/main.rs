//! The reference page: parse the embedded dataset into a minimal struct and list every task's
//! number and name. No routing, search, facets, styles or storage.

use leptos::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Dataset {
    tasks: Vec<Task>,
}

#[derive(Deserialize)]
struct Task {
    id: u16,
    name: String,
}

const JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/dataset.json"));

fn main() {
    let ds: Dataset = match serde_json::from_str(JSON) {
        Ok(ds) => ds,
        Err(_) => Dataset { tasks: Vec::new() },
    };
    leptos::mount::mount_to_body(move || {
        view! {
            <ol data-testid="task-list">
                {ds
                    .tasks
                    .into_iter()
                    .map(|t| view! { <li data-testid="task-row">{t.id}" "{t.name}</li> })
                    .collect_view()}
            </ol>
        }
    });
}
