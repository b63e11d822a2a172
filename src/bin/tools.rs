//! Browser entry point of the district's tools page (`tools.html`): its own wasm, so the tools cost
//! the field app's first load nothing. Sets the panic hook and mounts the tools; everything else
//! lives in the library (`qingdan::tools`).

fn main() {
    console_error_panic_hook::set_once();
    qingdan::tools::mount();
}
