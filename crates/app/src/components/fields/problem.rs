//! What is wrong with a field, said the same way by every form of the console (issue 13).

use leptos::prelude::*;

use crate::components::Prose;

/// A field's problem as the field says it (issue 13: every form says it this way): its message
/// under the field, named by the input's `aria-describedby`, and the input `aria-invalid` while
/// there is one. The message is `None` while the field is fine, and before the person has typed
/// in it or submitted its form.
#[derive(Clone)]
pub struct FieldProblem {
    id: String,
    text: Signal<Option<String>>,
}

impl FieldProblem {
    /// The problem `text` of a field whose message is the element `id` (its `data-testid` too).
    pub fn new(id: impl Into<String>, text: impl Into<Signal<Option<String>>>) -> FieldProblem {
        FieldProblem {
            id: id.into(),
            text: text.into(),
        }
    }

    /// The input's `aria-invalid`.
    pub fn invalid(&self) -> impl Fn() -> &'static str + Send + Sync + use<> {
        let text = self.text;
        move || {
            if text.with(Option::is_some) {
                "true"
            } else {
                "false"
            }
        }
    }

    /// The input's `aria-describedby`: the message's `id`.
    pub fn id(&self) -> String {
        self.id.clone()
    }

    /// The message: hidden while there is none, its quoted names drawn as names.
    pub fn message(self) -> impl IntoView {
        let text = self.text;
        view! {
            <span
                id=self.id.clone()
                class="field-problem"
                role="status"
                data-testid=self.id
                hidden=move || text.with(Option::is_none)
            >
                {move || text.get().map(|said| view! { <Prose sentence=said /> })}
            </span>
        }
    }
}

/// The text of a field checked as it is typed once the person has typed in it, and when its
/// form is submitted: `parse` reads it, or says why not in words that name the field.
pub struct CheckedText<T: 'static> {
    /// The text typed.
    pub text: RwSignal<String>,
    shown: RwSignal<bool>,
    parse: fn(&str) -> Result<T, String>,
}

impl<T> Clone for CheckedText<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for CheckedText<T> {}

impl<T: 'static> CheckedText<T> {
    /// A field holding `initial`, read with `parse`; it says nothing until typed in or submitted.
    pub fn new(initial: String, parse: fn(&str) -> Result<T, String>) -> CheckedText<T> {
        CheckedText {
            text: RwSignal::new(initial),
            shown: RwSignal::new(false),
            parse,
        }
    }

    /// The person typed `text`.
    pub(super) fn typed(self, text: String) {
        self.text.set(text);
        self.shown.set(true);
    }

    /// What the field says is wrong, once it says anything.
    pub(super) fn problem(self) -> Signal<Option<String>> {
        let parse = self.parse;
        Signal::derive(move || {
            self.shown
                .get()
                .then(|| self.text.with(|text| parse(text).err()))
                .flatten()
        })
    }

    /// Its form was submitted: the field says its problem, if any; its value when it has none.
    pub fn submit(self) -> Option<T> {
        self.shown.set(true);
        self.text.with_untracked(|text| (self.parse)(text).ok())
    }
}
