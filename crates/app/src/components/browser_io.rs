//! The two asynchronous browser services the key and scenario pages use: writing to the clipboard
//! and reading a picked file. Each reports once, success or failure, so a failure is shown rather
//! than lost.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;

/// What the browser said when a promise was rejected, as text for a person.
fn reason(error: &JsValue) -> String {
    error
        .as_string()
        .or_else(|| {
            js_sys::Reflect::get(error, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "the browser gave no reason".to_owned())
}

/// A callback that runs once, shared by a promise's two handlers.
type Once = Rc<RefCell<Option<Box<dyn FnOnce(Result<JsValue, String>)>>>>;

/// Calls `done` once with the promise's value or the reason it was rejected.
fn settle(promise: &js_sys::Promise, done: impl FnOnce(Result<JsValue, String>) + 'static) {
    let done: Once = Rc::new(RefCell::new(Some(Box::new(done))));
    let on_ok = {
        let done = Rc::clone(&done);
        Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
            if let Some(done) = done.borrow_mut().take() {
                done(Ok(value));
            }
        })
    };
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |error: JsValue| {
        if let Some(done) = done.borrow_mut().take() {
            done(Err(reason(&error)));
        }
    });
    let _ = promise.then2(&on_ok, &on_error);
    // The browser owns the two callbacks from here; each is small and runs at most once.
    on_ok.forget();
    on_error.forget();
}

/// Writes `text` to the clipboard; `done` hears whether the browser accepted it.
pub fn copy_text(text: &str, done: impl FnOnce(Result<(), String>) + 'static) {
    let Some(window) = web_sys::window() else {
        done(Err("there is no browser window".to_owned()));
        return;
    };
    let clipboard = window.navigator().clipboard();
    // Browsers without the asynchronous clipboard leave the property undefined.
    if JsValue::from(clipboard.clone()).is_undefined() {
        done(Err("this browser offers no clipboard access".to_owned()));
        return;
    }
    settle(&clipboard.write_text(text), move |result| {
        done(result.map(|_| ()));
    });
}

/// Reads a picked file as text; `done` hears the text or why it could not be read.
pub fn read_file_text(file: &web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) {
    settle(&file.text(), move |result| {
        done(result.and_then(|value| {
            value
                .as_string()
                .ok_or_else(|| "the file is not text".to_owned())
        }));
    });
}
