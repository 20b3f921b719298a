//! Share links: the whole state in the address's fragment (`#share=…`, never sent to a server).
//! The Data menu makes one; opening one shows a read-only preview of what it holds, and only an
//! explicit, confirmed import replaces the person's own data.

use leptos::prelude::*;
use studio_access_core::persist::LoadError;
use studio_access_core::{State, diff, share};

use crate::components::{ActionButton, CloseButton, Prose, StatesEffect, copy_text};
use crate::store::Store;
use crate::words;

/// What starts a share fragment.
const FRAGMENT: &str = "#share=";

/// The address of the page without its fragment, with `#share=` and `encoded`.
fn share_link(encoded: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    let origin = location.origin().ok()?;
    let path = location.pathname().ok()?;
    let search = location.search().ok().unwrap_or_default();
    Some(format!("{origin}{path}{search}{FRAGMENT}{encoded}"))
}

// Compressing and decompressing a state (and the audit a preview counts) are no part of a first
// visit: with the `split` feature they are a piece of the wasm of their own, loaded the first
// time a link is made or opened (issue 12's download budget). Without it they run at once.

lazy_in_split! {
    /// `state` as a share link's text ([`share::encode`]).
    fn encoded(state: State) -> String {
        share::encode(&state)
    }
}

lazy_in_split! {
    /// What a link's text holds: its state and that state's [`summary`], or why it holds none.
    fn decoded(text: String) -> Result<Shared, LoadError> {
        Shared::read(&text)
    }
}

/// A shared state and its summary.
#[derive(Clone, Debug)]
struct Shared {
    state: State,
    summary: String,
}

impl Shared {
    fn read(text: &str) -> Result<Shared, LoadError> {
        let state = share::decode(text)?;
        let summary = summary(&state);
        Ok(Shared { state, summary })
    }
}

/// The shared text in the current address, if it holds one.
fn shared_text() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix(FRAGMENT).map(str::to_owned)
}

/// Removes the fragment from the address without reloading or adding a history entry.
fn drop_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}")),
        );
    }
}

/// A state's size in words: users, roles, workspaces, keys and audit findings.
fn summary(state: &State) -> String {
    let count = crate::words::counted;
    format!(
        "{}, {}, {}, {} and {}.",
        count(state.live_users().count(), "user", "users"),
        count(state.live_roles().count(), "role", "roles"),
        count(state.workspaces().count(), "workspace", "workspaces"),
        count(state.keys().count(), "API key", "API keys"),
        count(state.audit().len(), "audit finding", "audit findings"),
    )
}

/// The Data menu's "Copy share link": makes the link, tries the clipboard, and always shows the
/// link in a read-only field.
#[component]
pub fn ShareLinkButton() -> impl IntoView {
    let store = Store::get();
    let link = RwSignal::new(None::<String>);
    let copied = RwSignal::new(None::<Result<(), String>>);
    let make = move |_| {
        let state = store.state().get_untracked();
        leptos::task::spawn_local(async move {
            let Some(text) = share_link(&encoded(state).await) else {
                copied.try_set(Some(Err(
                    "there is no browser address to link to".to_owned()
                )));
                return;
            };
            link.try_set(Some(text.clone()));
            copied.try_set(None);
            copy_text(&text, move |result| {
                copied.try_set(Some(result));
            });
        });
    };
    view! {
        <button type="button" class="fw-button" data-testid="data-share" on:click=make>
            "Copy share link"
        </button>
        {move || {
            link.get()
                .map(|text| {
                    view! {
                        <label class="fw-share__field">
                            <span class="fw-share__label">"Share link (the data is in the part after #, never sent to a server)"</span>
                            <input
                                type="text"
                                readonly=true
                                class="fw-share__input"
                                data-testid="data-share-link"
                                prop:value=text
                                on:focus=move |ev| {
                                    let input: web_sys::HtmlInputElement = event_target(&ev);
                                    input.select();
                                }
                            />
                        </label>
                    }
                })
        }}
        {move || {
            copied.get()
                .map(|result| {
                    let text = match result {
                        Ok(()) => "Copied to the clipboard.".to_owned(),
                        Err(why) => format!("Could not copy ({why}): copy the link from the field."),
                    };
                    view! { <p class="fw-share__status" role="status" data-testid="data-share-status">{text}</p> }
                })
        }}
    }
}

/// A `#share=…` address, at start or pasted later into the open tab, shows what it holds,
/// read-only; the person's own data stays untouched unless they confirm the import.
#[component]
pub fn SharePreview() -> impl IntoView {
    let store = Store::get();
    let shared = RwSignal::new(None::<Result<Shared, LoadError>>);
    let read = move || {
        if let Some(text) = shared_text() {
            leptos::task::spawn_local(async move {
                let read = decoded(text).await;
                shared.try_set(Some(read));
            });
        }
    };
    read();
    // A link pasted into a tab that already shows the console changes only the fragment: the
    // page does not reload, so the preview follows the fragment.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| read());
    on_cleanup(move || listener.remove());
    let dismiss = move |()| {
        drop_fragment();
        shared.set(None);
    };
    let import = move |()| {
        let Some(Ok(Shared { state, .. })) = shared.get_untracked() else {
            return;
        };
        store.replace(state);
        drop_fragment();
        shared.set(None);
    };
    move || {
        shared.with(|decoded| {
            decoded.as_ref().map(|decoded| {
                let (class, title, body, import) = match decoded {
                    Ok(Shared { summary, .. }) => (
                        "fw-share-preview",
                        "This link holds a shared state",
                        view! {
                            <p data-testid="share-summary">{summary.clone()}</p>
                            <p class="fw-share-preview__hint">
                                "Nothing has changed: your own data is kept until you import this one."
                            </p>
                        }
                        .into_any(),
                        Some(view! { <ImportButton shared=shared import=import /> }),
                    ),
                    Err(why) => (
                        "fw-share-preview fw-share-preview--error",
                        "This share link cannot be read",
                        view! {
                            <p role="alert" data-testid="share-error">
                                <Prose sentence=words::link_unreadable(why) />
                            </p>
                        }
                        .into_any(),
                        None,
                    ),
                };
                view! {
                    <section class=class role="region" aria-label="Shared state" data-testid="share-preview">
                        <h2 class="fw-share-preview__title">{title}</h2>
                        {body}
                        <div class="fw-share-preview__actions">
                            {import}
                            <CloseButton label=words::DISMISS class="fw-button" test_id="share-dismiss" on_close=dismiss />
                        </div>
                    </section>
                }
            })
        })
    }
}

/// The button that imports a shared state, asking first with what the import would change.
#[component]
fn ImportButton(
    /// The shared state, as read from the link.
    shared: RwSignal<Option<Result<Shared, LoadError>>>,
    /// Replaces the person's data with it.
    #[prop(into)]
    import: Callback<()>,
) -> impl IntoView {
    let store = Store::get();
    view! {
        <ActionButton
            label="Import this shared state"
            question=Signal::derive(|| {
                "Replace your current data with the shared state? Export yours first to keep it.".to_owned()
            })
            confirm_label="Import"
            on_confirm=import
            test_id="share-import"
            danger=true
            details=move || {
                let diff = shared.with_untracked(|held| match held {
                    Some(Ok(next)) => Some(store.state().with_untracked(|now| diff::diff(now, &next.state))),
                    _ => None,
                });
                diff.map(|diff| view! {
                    <StatesEffect
                        diff=diff
                        before="your current data"
                        after="the shared state"
                        test_id="share-import-effect"
                    />
                })
            }
        />
    }
}
