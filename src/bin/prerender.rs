//! Prints the pre-rendered fragments of the entry pages for the embedded list (which
//! `QINGDAN_DATASET` chooses at build time, see `build.rs`) as one JSON object; see
//! `qingdan::prerender`. Run natively by `scripts/postbuild.mjs`:
//!
//! ```text
//! cargo run --bin prerender
//! ```

fn main() -> std::process::ExitCode {
    prerender::run()
}

#[cfg(not(target_arch = "wasm32"))]
mod prerender {
    use std::process::ExitCode;

    pub fn run() -> ExitCode {
        let ds = match qingdan::data::embedded() {
            Ok(ds) => Box::leak(Box::new(ds)),
            Err(e) => {
                eprintln!("prerender: the embedded list: {}", e.message_zh());
                return ExitCode::FAILURE;
            }
        };
        let out = qingdan::prerender::render(ds, qingdan::state::china_today());
        match serde_json::to_string(&out) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("prerender: {e}");
                ExitCode::FAILURE
            }
        }
    }
}

/// The pre-render runs at build time, natively; a wasm build of it has nothing to do.
#[cfg(target_arch = "wasm32")]
mod prerender {
    pub fn run() -> std::process::ExitCode {
        std::process::ExitCode::FAILURE
    }
}
