//! The fields of the question form: the kind of check and how it is asked, who asks it where
//! (or through which key), and what it asks about.

use leptos::prelude::*;
use studio_access_core::{Access, BillingAction, Feature, Page};
use studio_access_view::checker::{Field, Op};

use super::draft::{Form, text_field};
use crate::components::select_field;
use crate::store::Store;
use crate::words;

/// The options of a select of a closed set: each member's value and what it shows.
fn closed<T: Copy + 'static>(
    all: &[T],
    name: impl Fn(T) -> (String, String),
) -> Vec<(String, String)> {
    all.iter().copied().map(name).collect()
}

/// The options of a select of names: each shows its name.
fn named(names: &[String]) -> Vec<(String, String)> {
    names
        .iter()
        .map(|name| (name.clone(), name.clone()))
        .collect()
}

/// The kind of check, and, for a model call or a fine-tune, whether it goes through the console
/// or an API key.
#[component]
pub fn QuestionPicker(
    /// The form's fields.
    form: Form,
) -> impl IntoView {
    let op = form.op;
    let through_key = form.through_key;
    view! {
        {select_field(
            "checker",
            "Question",
            "check-op".to_owned(),
            closed(&Op::ALL, |op| (op.as_str().to_owned(), op.option_label())),
            move || op.get().as_str().to_owned(),
            move |value| {
                if let Some(chosen) = Op::parse(&value) {
                    op.set(chosen);
                }
            },
            None,
        )}
        <Show when=move || op.get().keyed()>
            <fieldset class="checker__through">
                <legend class="checker__label">"Asked through"</legend>
                <label>
                    <input
                        type="radio"
                        name="through"
                        data-testid="check-through-console"
                        prop:checked=move || !through_key.get()
                        on:change=move |_| through_key.set(false)
                    />
                    " the console"
                </label>
                <label>
                    <input
                        type="radio"
                        name="through"
                        data-testid="check-through-key"
                        prop:checked=move || through_key.get()
                        on:change=move |_| through_key.set(true)
                    />
                    " an API key"
                </label>
            </fieldset>
        </Show>
    }
}

/// Who asks, in which workspace, or through which key and from where; and the model.
#[component]
pub fn SubjectFields(
    /// The form's fields.
    form: Form,
) -> impl IntoView {
    let store = Store::get();
    let workspaces = Memo::new(move |_| {
        store.state().with(|s| {
            s.workspaces()
                .map(|(_, ws)| ws.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let models = Memo::new(move |_| {
        store
            .state()
            .with(|s| s.models().map(|(_, m)| m.name.clone()).collect::<Vec<_>>())
    });
    let fields = form.fields;
    view! {
        <Show when=move || fields.get().who>
            {text_field(form, "Principal (root, a user, or “user via role”)", Field::Who, form.who, Some("checker-identities"), "root")}
        </Show>
        <Show when=move || fields.get().workspace>
            {move || select_field(
                "checker",
                "Workspace",
                "check-workspace".to_owned(),
                workspaces.with(|all| named(all)),
                move || form.workspace.get(),
                move |value| form.workspace.set(value),
                Some(form.problem(Field::Workspace)),
            )}
            {form.problem(Field::Workspace).message()}
        </Show>
        <Show when=move || fields.get().key>
            {text_field(form, "API key", Field::Key, form.key, Some("checker-keys"), "key label")}
        </Show>
        <Show when=move || fields.get().ip>
            {text_field(form, "Caller address (optional)", Field::Ip, form.ip, None, "e.g. 203.0.113.7")}
        </Show>
        <Show when=move || fields.get().model>
            {move || select_field(
                "checker",
                "Model",
                "check-model".to_owned(),
                models.with(|all| named(all)),
                move || form.model.get(),
                move |value| form.model.set(value),
                None,
            )}
        </Show>
    }
}

/// What the check asks about: a fine-tuned deployment, a page and its access, an OpenAPI
/// action, a billing action, a feature.
#[component]
pub fn DetailFields(
    /// The form's fields.
    form: Form,
) -> impl IntoView {
    let fields = form.fields;
    view! {
        <Show when=move || fields.get().fine_tuned>
            <label class="checker__field checker__field--check">
                <input
                    type="checkbox"
                    data-testid="check-fine-tuned"
                    prop:checked=move || form.fine_tuned.get()
                    on:change=move |ev| form.fine_tuned.set(event_target_checked(&ev))
                />
                " a model fine-tuned from it"
            </label>
        </Show>
        <Show when=move || fields.get().page>
            {select_field(
                "checker",
                "Page",
                "check-page".to_owned(),
                closed(Page::ALL, |p| (p.as_str().to_owned(), format!("{} ({})", words::page(p), p.as_str()))),
                move || form.page.get().as_str().to_owned(),
                move |value| {
                    if let Some(page) = Page::parse(&value) {
                        form.page.set(page);
                    }
                },
                None,
            )}
            {select_field(
                "checker",
                "Access",
                "check-access".to_owned(),
                closed(Access::ALL, |a| (a.as_str().to_owned(), words::access(a).to_owned())),
                move || form.access.get().as_str().to_owned(),
                move |value| {
                    if let Some(access) = Access::parse(&value) {
                        form.access.set(access);
                    }
                },
                None,
            )}
        </Show>
        <Show when=move || fields.get().openapi>
            {text_field(form, "Action", Field::Action, form.action, Some("checker-actions"), "e.g. ListIndices")}
            {text_field(form, "Workspace of the application (optional: name or ID)", Field::OpenapiWorkspace, form.openapi_workspace, Some("checker-workspace-refs"), "none")}
        </Show>
        <Show when=move || fields.get().billing>
            {select_field(
                "checker",
                "Action",
                "check-billing".to_owned(),
                closed(BillingAction::ALL, |b| (b.as_str().to_owned(), b.as_str().to_owned())),
                move || form.billing.get().as_str().to_owned(),
                move |value| {
                    if let Some(action) = BillingAction::parse(&value) {
                        form.billing.set(action);
                    }
                },
                None,
            )}
        </Show>
        <Show when=move || fields.get().feature>
            {select_field(
                "checker",
                "Feature",
                "check-feature".to_owned(),
                closed(Feature::ALL, |f| (f.as_str().to_owned(), f.as_str().to_owned())),
                move || form.feature.get().as_str().to_owned(),
                move |value| {
                    if let Some(feature) = Feature::parse(&value) {
                        form.feature.set(feature);
                    }
                },
                None,
            )}
        </Show>
    }
}
