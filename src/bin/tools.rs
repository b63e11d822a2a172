//! Browser entry point of the district tools (`tools.html`): set the panic hook and mount.

fn main() {
    console_error_panic_hook::set_once();
    qingdan::tools::mount();
}
