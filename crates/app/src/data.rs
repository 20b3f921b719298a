//! The whole state in and out of the console: export to a JSON file, import from one, start a new
//! account or the sample organisation. Every replacement goes through [`Store::replace`]; a file
//! that cannot be read replaces nothing. (The Data menu asks first, with the access diff, before
//! a file replaces recorded work.)

use leptos::prelude::WithUntracked;
use studio_access_core::persist::Loaded;
use studio_access_core::{State, persist, sample, share};
use wasm_bindgen::{JsCast, JsValue};

use crate::components::Feedback;
use crate::store::{self, Store};

/// Why an imported text is not a state.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Nothing in the file.
    #[error("the file is empty")]
    Empty,
    /// The text is not a state core can load (it says why).
    #[error(transparent)]
    Load(#[from] persist::LoadError),
}

/// Reads an exported file's text (the versioned envelope of core's [`persist`] format, and what
/// migrating it did when an older version wrote it) or a share link (core's [`share`]).
///
/// A damaged, foreign or newer-version text is an error naming the problem.
pub fn read_import(text: &str) -> Result<Loaded, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(share::load_text(text)?)
}

lazy_in_split! {
    /// [`read_import`] for the Data menu, whose import is no part of a first visit: with the
    /// `split` feature the reading of a share link (decompressing it) is a piece of the wasm of
    /// its own, loaded the first time a file is imported.
    pub fn read_imported(text: String) -> Result<Loaded, ImportError> {
        read_import(&text)
    }
}

/// Imports a file's text: the state it holds replaces the current one, or, when it cannot be
/// read, nothing changes and the feedback says why.
pub fn import_into(store: Store, file_name: &str, text: &str) -> Feedback {
    match read_import(text) {
        Ok(loaded) => import_state(store, file_name, loaded),
        Err(error) => not_imported(file_name, &error),
    }
}

/// Replaces the current state with the one read from the file `file_name`; a file written by
/// an older version says what its migration kept and folded.
pub fn import_state(store: Store, file_name: &str, loaded: Loaded) -> Feedback {
    // The whole history: the changes folded into the checkpoint count too.
    let changes = crate::words::recorded_changes(&loaded.state);
    store.replace(loaded.state);
    let mut text = format!("Imported `{file_name}` ({changes}).");
    if let Some(migration) = &loaded.migration {
        text.push_str(&format!(" It was {}", crate::words::migration(migration)));
    }
    Feedback::Done(text)
}

/// The answer to a file that is not a state: what was wrong, and that nothing changed.
pub fn not_imported(file_name: &str, error: &ImportError) -> Feedback {
    Feedback::Refused(format!(
        "`{file_name}` was not imported: {error}. The current data is unchanged."
    ))
}

/// The name an export is saved under: `studio-access-<today>.json`.
pub fn export_file_name(state: &State) -> String {
    format!("studio-access-{}.json", state.today())
}

/// Saves the current state to a file in core's versioned format.
pub fn export(store: Store) -> Feedback {
    let (name, text) = store
        .state()
        .with_untracked(|state| (export_file_name(state), persist::to_json(state)));
    match download(&name, &text) {
        Ok(()) => Feedback::Done(format!("Exported to `{name}`.")),
        Err(why) => Feedback::Refused(format!("The export failed: {why}.")),
    }
}

/// Replaces the state with a new account: `root`, the default workspaces and the sample catalog.
pub fn reset(store: Store) -> Feedback {
    store.replace(State::new_account(store::browser_today()));
    Feedback::Done("Started a new account.".to_owned())
}

/// Replaces the state with the sample organisation, which exercises every feature.
pub fn load_sample(store: Store) -> Feedback {
    store.replace(sample::sample_organisation(store::browser_today()));
    Feedback::Done("Loaded the sample organisation.".to_owned())
}

/// Offers `text` to the person as a file download named `file_name`.
pub fn download(file_name: &str, text: &str) -> Result<(), String> {
    download_as(file_name, "application/json", text)
}

/// Offers `text` as a download named `file_name` of media type `mime` (`text/csv`).
pub fn download_as(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let describe = |error: JsValue| {
        error
            .as_string()
            .or_else(|| {
                js_sys::Reflect::get(&error, &"message".into())
                    .ok()
                    .and_then(|m| m.as_string())
            })
            .unwrap_or_else(|| "the browser refused".to_owned())
    };
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "there is no document".to_owned())?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let link: web_sys::HtmlElement = document
        .create_element("a")
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "the browser made no link".to_owned())?;
    link.set_attribute("href", &url).map_err(describe)?;
    link.set_attribute("download", file_name)
        .map_err(describe)?;
    link.click();
    // The download has started from the click; the object URL can go once it has been read.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
