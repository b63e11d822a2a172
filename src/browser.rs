//! Browser glue other than localStorage (which only `storage` touches): files, clipboard,
//! persistence permission, page lifecycle events. Nothing here unwraps a browser result.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Runs `f` with the answer of `navigator.storage.persist()` (false where unsupported).
pub fn request_persist(f: impl FnOnce(bool) + 'static) {
    let Some(manager) = web_sys::window().map(|w| w.navigator().storage()) else {
        f(false);
        return;
    };
    // Older browsers have no StorageManager.persist: the call throws or returns undefined.
    let has_persist = js_sys::Reflect::get(&manager, &JsValue::from_str("persist"))
        .map(|v| v.is_function())
        .unwrap_or(false);
    if !has_persist {
        f(false);
        return;
    }
    match manager.persist() {
        Ok(promise) => {
            let f = std::rc::Rc::new(std::cell::RefCell::new(Some(f)));
            let f2 = f.clone();
            let ok = Closure::once_into_js(move |v: JsValue| {
                if let Some(f) = f.borrow_mut().take() {
                    f(v.as_bool().unwrap_or(false));
                }
            });
            let err = Closure::once_into_js(move |_: JsValue| {
                if let Some(f) = f2.borrow_mut().take() {
                    f(false);
                }
            });
            promise_then(&promise, &ok, &err);
        }
        Err(_) => f(false),
    }
}

/// `promise.then(ok, err)` with one-shot JS functions (from `Closure::once_into_js`, which free
/// themselves when called).
fn promise_then(promise: &js_sys::Promise, ok: &JsValue, err: &JsValue) {
    if let Ok(then) = js_sys::Reflect::get(promise, &JsValue::from_str("then"))
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = then.call2(promise, ok, err);
    }
}

/// Offers `content` as a file download named `file_name`.
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| crate::text::download_failed("Blob"))?;
    download_blob(file_name, &blob)
}

/// Offers `bytes` as a file download named `file_name` (e.g. an .xlsx workbook).
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| crate::text::download_failed("Blob"))?;
    download_blob(file_name, &blob)
}

/// Clicks a temporary `<a download>` pointing at `blob`.
fn download_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let fail = crate::text::download_failed;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail(crate::text::DOWNLOAD_NO_PAGE))?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| fail("URL"))?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail(crate::text::DOWNLOAD_LINK))?
        .dyn_into()
        .map_err(|_| fail(crate::text::DOWNLOAD_LINK))?;
    a.set_href(&url);
    a.set_download(file_name);
    a.set_class_name("visually-hidden");
    if let Some(body) = document.body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    } else {
        a.click();
    }
    // Revoke later: some browsers start the download asynchronously.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// Copies `text` to the clipboard; `done(true)` on success. Falls back to a hidden textarea and
/// `execCommand("copy")` where the async Clipboard API is missing (old and in-app browsers).
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        done(false);
        return;
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null());
    if clipboard.is_some() {
        let promise = window.navigator().clipboard().write_text(text);
        let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
        let d2 = done.clone();
        let text2 = text.to_string();
        let ok = Closure::once_into_js(move |_: JsValue| {
            if let Some(f) = done.borrow_mut().take() {
                f(true);
            }
        });
        let err = Closure::once_into_js(move |_: JsValue| {
            if let Some(f) = d2.borrow_mut().take() {
                f(copy_with_textarea(&text2));
            }
        });
        promise_then(&promise, &ok, &err);
    } else {
        done(copy_with_textarea(text));
    }
}

fn copy_with_textarea(text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(body) = document.body() else {
        return false;
    };
    let Ok(el) = document.create_element("textarea") else {
        return false;
    };
    let Ok(area) = el.dyn_into::<web_sys::HtmlTextAreaElement>() else {
        return false;
    };
    area.set_value(text);
    area.set_class_name("visually-hidden");
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let ok = document
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    let _ = body.remove_child(&area);
    ok
}

/// Reads a picked file as text; `done(Err(message))` if it is too big or unreadable.
pub fn read_file(
    file: web_sys::File,
    max_bytes: f64,
    done: impl FnOnce(Result<String, String>) + 'static,
) {
    if file.size() > max_bytes {
        done(Err(crate::domain::messages::import_too_large(
            file.size() as usize,
            max_bytes as usize,
        )));
        return;
    }
    let Ok(reader) = web_sys::FileReader::new() else {
        done(Err(crate::text::FILE_READER_MISSING.to_string()));
        return;
    };
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let d2 = done.clone();
    let d3 = done.clone();
    let r2 = reader.clone();
    let onload = Closure::once_into_js(move |_: JsValue| {
        let text = r2.result().ok().and_then(|v| v.as_string());
        if let Some(f) = done.borrow_mut().take() {
            f(text.ok_or_else(|| crate::domain::messages::IMPORT_NOT_UTF8.to_string()));
        }
    });
    let onerror = Closure::once_into_js(move |_: JsValue| {
        if let Some(f) = d2.borrow_mut().take() {
            f(Err(crate::text::FILE_READ_FAILED.to_string()));
        }
    });
    reader.set_onload(Some(onload.unchecked_ref()));
    reader.set_onerror(Some(onerror.unchecked_ref()));
    // UTF-8 by default; a file in another encoding fails validation with a clear message.
    if reader.read_as_text(&file).is_err() {
        // A failed start fires no event: report here.
        if let Some(f) = d3.borrow_mut().take() {
            f(Err(crate::text::FILE_READ_FAILED.to_string()));
        }
    }
}

/// What reading one picked file gave: its name and its bytes, or why it could not be read.
pub type ReadFile = (String, Result<Vec<u8>, String>);

/// Reads many picked files as bytes, each at most `max_bytes` (a larger one is not read and gets
/// the "too large" message); `done` gets one entry per file, in the order given, once all are read.
pub fn read_files(
    files: Vec<web_sys::File>,
    max_bytes: f64,
    done: impl FnOnce(Vec<ReadFile>) + 'static,
) {
    use std::cell::RefCell;
    use std::rc::Rc;

    struct Pending<F> {
        results: Vec<Option<ReadFile>>,
        left: usize,
        done: Option<F>,
    }
    let pending = Rc::new(RefCell::new(Pending {
        results: vec![None; files.len()],
        left: files.len(),
        done: Some(done),
    }));
    // Stores one result; the last one hands them all over.
    let finish = {
        let pending = pending.clone();
        move |i: usize, result: ReadFile| {
            let mut p = pending.borrow_mut();
            if let Some(slot) = p.results.get_mut(i) {
                if slot.is_none() {
                    *slot = Some(result);
                    p.left -= 1;
                }
            }
            if p.left == 0 {
                if let Some(f) = p.done.take() {
                    let results = std::mem::take(&mut p.results)
                        .into_iter()
                        .flatten()
                        .collect();
                    drop(p);
                    f(results);
                }
            }
        }
    };
    let finish = Rc::new(finish);
    if files.is_empty() {
        let f = pending.borrow_mut().done.take();
        if let Some(f) = f {
            f(Vec::new());
        }
        return;
    }
    let failed = || crate::text::FILE_READ_FAILED.to_string();
    for (i, file) in files.into_iter().enumerate() {
        let name = file.name();
        if file.size() > max_bytes {
            let msg =
                crate::domain::messages::import_too_large(file.size() as usize, max_bytes as usize);
            finish(i, (name, Err(msg)));
            continue;
        }
        let Ok(reader) = web_sys::FileReader::new() else {
            finish(i, (name, Err(crate::text::FILE_READER_MISSING.to_string())));
            continue;
        };
        let (f1, f2, n1, n2, r2) = (
            finish.clone(),
            finish.clone(),
            name.clone(),
            name.clone(),
            reader.clone(),
        );
        let onload = Closure::once_into_js(move |_: JsValue| {
            let bytes = r2
                .result()
                .ok()
                .filter(|v| v.is_instance_of::<js_sys::ArrayBuffer>())
                .map(|buf| js_sys::Uint8Array::new(&buf).to_vec());
            f1(i, (n1, bytes.ok_or_else(failed)));
        });
        let onerror = Closure::once_into_js(move |_: JsValue| f2(i, (n2, Err(failed()))));
        reader.set_onload(Some(onload.unchecked_ref()));
        reader.set_onerror(Some(onerror.unchecked_ref()));
        if reader.read_as_array_buffer(&file).is_err() {
            // A failed start fires no event: report here.
            finish(i, (name, Err(failed())));
        }
    }
}

/// Calls `f` when the page is being hidden or left (`pagehide`, `visibilitychange` to hidden)
/// and when an update is about to reload it (`qingdan:flush`, dispatched by the update prompt).
pub fn on_page_leave(f: impl Fn() + Clone + 'static) {
    let f1 = f.clone();
    std::mem::forget(window_event_listener(leptos::ev::pagehide, move |_| f1()));
    let f2 = f.clone();
    std::mem::forget(window_event_listener_untyped("qingdan:flush", move |_| {
        f2()
    }));
    // `visibilitychange` is fired at the document and bubbles to the window.
    std::mem::forget(window_event_listener_untyped(
        "visibilitychange",
        move |_| {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.hidden());
            if hidden {
                f();
            }
        },
    ));
}

/// Calls `f` when another tab changed `key` in localStorage.
pub fn on_storage_change(key: String, f: impl Fn() + 'static) {
    std::mem::forget(window_event_listener(leptos::ev::storage, move |ev| {
        // `key` is null when another tab cleared all storage: reload then too.
        if ev.key().is_none_or(|k| k == key) {
            f();
        }
    }));
}

/// The text of a picked table file: UTF-8 or BOM-marked UTF-16 read here
/// ([`crate::source::encoding::decode_unicode`]), anything else decoded by the browser as GB 18030
/// (what Excel and WPS save on Chinese Windows); a file that is neither gets a message.
pub fn decode_text(bytes: &[u8]) -> Result<String, String> {
    if let Some(text) = crate::source::encoding::decode_unicode(bytes) {
        return Ok(text);
    }
    let unreadable = || crate::text::FILE_ENCODING_UNKNOWN.to_string();
    let decoder = web_sys::TextDecoder::new_with_label("gb18030").map_err(|_| unreadable())?;
    let text = decoder
        .decode_with_u8_array(bytes)
        .map_err(|_| unreadable())?;
    // The decoder puts U+FFFD where bytes are not GB 18030 either: a binary file or another code.
    if text.contains('\u{fffd}') {
        return Err(unreadable());
    }
    Ok(text)
}
