//! The one action control built on [`Proposals`].

use leptos::prelude::*;
use studio_access_core::{Command, Executed};

use super::Proposals;
use super::dialog::{ChangeDialog, DialogIds};

/// The one action control: a button that proposes its command (asking with the access diff
/// when the command has an effect, or always with `always`), or asks `question` before another
/// action (`on_confirm`), with the question beside it.
///
/// Test ids: `{test_id}` for the button, `{test_id}-diff`, `{test_id}-confirm` and
/// `{test_id}-cancel` for the question (see [`DialogIds::button`]).
#[component]
pub fn ActionButton(
    /// The button's text.
    #[prop(into)]
    label: String,
    /// The `data-testid` of the button.
    #[prop(into)]
    test_id: String,
    /// The command it runs, as the acting identity.
    #[prop(optional, into)]
    command: Option<Signal<Option<Command>>>,
    /// For a command: ask even when it changes no access.
    #[prop(optional)]
    always: bool,
    /// For a command: what to do with its result.
    #[prop(optional, into)]
    done: Option<Callback<Executed>>,
    /// The question; for a command, instead of the command in words.
    #[prop(optional, into)]
    question: Option<Signal<String>>,
    /// For another action: what it would change, shown below the question.
    #[prop(optional, into)]
    details: Option<ViewFn>,
    /// For another action: whether to ask at all (it runs at once when this is false).
    #[prop(optional, into)]
    ask: Option<Signal<bool>>,
    /// For another action: what to do once confirmed.
    #[prop(optional, into)]
    on_confirm: Option<Callback<()>>,
    /// The text of the button that confirms.
    #[prop(optional, into)]
    confirm_label: Option<String>,
    /// Whether the action destroys something (drawn in the danger colour).
    #[prop(optional)]
    danger: bool,
    /// The button's accessible name, when its text alone (such as "×") does not say enough.
    #[prop(optional, into)]
    aria_label: Option<String>,
    /// Whether the button is disabled.
    #[prop(optional, into)]
    disabled: Option<Signal<bool>>,
    /// Why it is disabled (its title), when it is.
    #[prop(optional, into)]
    why_disabled: Option<Signal<Option<String>>>,
    /// The `data-testid` of the button that confirms, when not `{test_id}-confirm`.
    #[prop(optional, into)]
    confirm_test_id: Option<String>,
) -> impl IntoView {
    let proposals = Proposals::new();
    let origin = test_id.clone();
    let click = move |_| {
        let asked = question.map(|q| q.get_untracked());
        if let Some(command) = command {
            let Some(command) = command.get_untracked() else {
                return;
            };
            let done = move |executed| {
                if let Some(done) = done {
                    done.run(executed);
                }
            };
            if always {
                proposals.confirm(command, origin.clone(), done);
            } else {
                proposals.propose(command, origin.clone(), done);
            }
            proposals.dress(asked, confirm_label.clone(), danger);
        } else if let Some(run) = on_confirm {
            if ask.is_some_and(|ask| !ask.get_untracked()) {
                run.run(());
                return;
            }
            let effect = details
                .clone()
                .unwrap_or_else(|| ViewFn::from(|| ().into_any()));
            proposals.ask(
                asked.unwrap_or_default(),
                effect,
                confirm_label
                    .clone()
                    .unwrap_or_else(|| "Confirm".to_owned()),
                danger,
                origin.clone(),
                move || run.run(()),
                None,
            );
        }
    };
    let class = if danger {
        "fw-button fw-button--danger"
    } else {
        "fw-button"
    };
    let mut ids = DialogIds::button(&test_id);
    if let Some(apply) = confirm_test_id {
        ids.apply = apply;
    }
    view! {
        <span class="fw-confirm">
            <button
                type="button"
                class=class
                data-testid=test_id
                aria-label=aria_label
                aria-expanded=move || proposals.asking().to_string()
                disabled=move || {
                    disabled.is_some_and(|d| d.get())
                        || why_disabled.is_some_and(|why| why.with(Option::is_some))
                }
                title=move || why_disabled.and_then(|why| why.get())
                on:click=click
            >
                {label}
            </button>
            <span class="fw-confirm__question">
                <ChangeDialog proposals=proposals ids=ids />
            </span>
        </span>
    }
}
