//! 区级工具: the district's tools (a roll-up of every unit's progress, share by link or QR code),
//! mounted by the second binary (`src/bin/tools.rs`) on its own entry page, `tools.html`.
//!
//! Only what this module reaches ends up in the tools wasm: it must not use the field app's pages
//! (`crate::app`, `crate::pages`) nor its state, or the tools page pays for the whole app. For now
//! it is a placeholder: the top bar in the app's style, links back to the field app, a heading.

use leptos::prelude::*;

use crate::text;

/// Mounts the tools into `<body>`, replacing the loading placeholder of `tools.html`.
pub fn mount() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(Tools);
}

/// The tools page. The field app's pages live in `index.html`: its links go there (a plain
/// `#/…` link would stay on this page, whose hash routes are the tools' own).
#[component]
fn Tools() -> impl IntoView {
    view! {
        <div class="app" data-testid="tools">
            <header class="topbar">
                <div class="topbar-head">
                    <a class="topbar-brand" href="index.html">{text::APP_NAME}</a>
                    <h1 class="topbar-title">{text::TOOLS_TITLE}</h1>
                </div>
                <nav class="nav" aria-label=text::NAV_LABEL>
                    <a class="nav-link" href="index.html#/">{text::NAV_TASKS}</a>
                    <a class="nav-link" href="index.html#/towns">{text::NAV_TOWNS}</a>
                    <a class="nav-link" href="index.html#/depts">{text::NAV_DEPTS}</a>
                    <a class="nav-link" href="index.html#/data">{text::NAV_DATA}</a>
                </nav>
            </header>
            <main class="main" id="main" tabindex="-1">
                <h2>{text::TOOLS_HEADING}</h2>
            </main>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use crate::text;

    #[test]
    fn top_bar_title_is_the_lists_title() {
        // The tools page writes the title as text, without the embedded data: keep them equal.
        let ds = crate::data::embedded().expect("embedded dataset parses");
        assert_eq!(text::TOOLS_TITLE, ds.meta.title);
    }
}
