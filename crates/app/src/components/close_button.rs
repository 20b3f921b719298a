//! The button that puts away what it stands in: a notice ("Dismiss"), a form or a panel
//! ("Close").

use leptos::prelude::*;

/// A button that closes what it is in.
#[component]
pub fn CloseButton(
    /// Its text, such as [`words::CLOSE`](crate::words::CLOSE).
    label: &'static str,
    /// Its classes.
    class: &'static str,
    /// Its `data-testid`.
    #[prop(optional)]
    test_id: Option<&'static str>,
    /// Puts the thing away.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <button type="button" class=class data-testid=test_id on:click=move |_| on_close.run(())>
            {label}
        </button>
    }
}
