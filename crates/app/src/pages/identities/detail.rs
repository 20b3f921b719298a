//! The open principal: its policies one by one, its trusts, and deleting it.

use leptos::prelude::*;
use studio_access_core::{Command, Executed, Member, Policy};
use studio_access_view::principals::{self, Principal};
use studio_access_view::tables;

use super::table::Standing;
use crate::components::{
    ActionButton, ChangeDialog, CloseButton, Feedback, FeedbackLine, Proposals, TableHead,
};
use crate::store::Store;
use crate::words;

/// What an action of `command` says once it ran: `done`, or why it was refused, in the words
/// of its step (a root-only refusal names the policy only root may attach, not every case).
fn report(
    feedback: RwSignal<Option<Feedback>>,
    command: Signal<Option<Command>>,
    done: String,
) -> Callback<Executed> {
    let store = Store::get();
    Callback::new(move |executed: Executed| {
        let said = match command.get_untracked() {
            Some(command) => Feedback::of_step(store, &command, &executed, done.clone()),
            None => Feedback::of(&executed, done.clone()),
        };
        feedback.set(Some(said));
    })
}

/// The detail panel of `member`, redrawn as it changes; a short note once it is gone.
#[component]
pub fn PrincipalDetail(
    /// The principal shown.
    member: Member,
    /// Closes the panel.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let store = Store::get();
    let current = Memo::new(move |_| {
        store
            .state()
            .with(|state| principals::principal(state, member))
    });
    let feedback = RwSignal::new(None::<Feedback>);
    move || {
        let Some(p) = current.get() else {
            return view! {
                <div class="card fw-section" data-testid="principal-detail">
                    <p class="fw-muted">"This principal no longer exists."</p>
                    <FeedbackLine feedback=feedback test_id="principal-feedback" />
                    <CloseButton label=words::CLOSE class="fw-button fw-button--quiet" on_close=on_close />
                </div>
            }
            .into_any();
        };
        let (delete, _, deleted) = store
            .state()
            .with_untracked(|state| principals::deletion(state, &p));
        // Asked when the button is pressed, of the state then: which keys die with it.
        let question = {
            let p = p.clone();
            Signal::derive(move || {
                store
                    .state()
                    .with(|state| principals::deletion(state, &p).1)
            })
        };
        let delete = Signal::derive(move || Some(delete.clone()));
        let kind = principals::kind_word(&p.name);
        let name = p.name.name().to_owned();
        view! {
            <section class="card fw-section fw-detail" aria-labelledby="principal-detail-title" data-testid="principal-detail">
                <header class="fw-detail__header">
                    <h2 class="fw-h2" id="principal-detail-title" tabindex="-1" data-testid="principal-detail-title">
                        {format!("RAM {kind} ")}
                        <span class="mono">{name.clone()}</span>
                    </h2>
                    <CloseButton
                        label=words::CLOSE
                        class="fw-button fw-button--quiet"
                        test_id="principal-close"
                        on_close=on_close
                    />
                </header>
                <Standing p=p.clone() />
                <FeedbackLine feedback=feedback test_id="principal-feedback" />
                <PolicyTable p=p.clone() feedback=feedback />
                <Trusts p=p feedback=feedback />
                <h3 class="fw-h3">"Delete"</h3>
                <ActionButton
                    label=format!("Delete {kind} {name}")
                    question=question
                    confirm_label="Delete for good"
                    command=delete
                    always=true
                    done=report(feedback, delete, deleted)
                    test_id="delete-principal"
                    danger=true
                />
            </section>
        }
        .into_any()
    }
}

/// Every system policy: whether and why the principal holds it, who may change it, and the
/// button that attaches or detaches it.
#[component]
fn PolicyTable(p: Principal, feedback: RwSignal<Option<Feedback>>) -> impl IntoView {
    let rows = Policy::ALL
        .iter()
        .map(|&policy| {
            let toggle = principals::policy_toggle(&p, policy);
            let command = toggle.command;
            let command = Signal::derive(move || Some(command.clone()));
            view! {
                <tr data-testid=format!("policy-{policy}")>
                    <td>
                        <span class="mono">{policy.as_str()}</span>
                        <div class="fw-small" data-testid=format!("policy-purpose-{policy}")>
                            {words::policy_purpose(policy)}
                        </div>
                    </td>
                    <td data-testid=format!("policy-status-{policy}")>
                        {principals::policy_status(&p, policy)}
                    </td>
                    <td class="fw-muted">{principals::policy_authority(policy)}</td>
                    <td>
                        <ActionButton
                            label=toggle.label
                            question=toggle.question
                            confirm_label=toggle.label
                            command=command
                            done=report(feedback, command, toggle.done)
                            test_id=format!("policy-toggle-{policy}")
                            danger=toggle.detaches
                        />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3 class="fw-h3">"System policies"</h3>
        <table class="fw-table">
            <TableHead head=tables::POLICIES />
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The principal's trusts: those that hold, each with a button that removes it, and a form that
/// adds one.
#[component]
fn Trusts(p: Principal, feedback: RwSignal<Option<Feedback>>) -> impl IntoView {
    let store = Store::get();
    let counterparts = store
        .state()
        .with_untracked(|state| principals::counterparts(state, p.member));
    let (trusted, untrusted): (Vec<_>, Vec<_>) =
        counterparts.into_iter().partition(|(_, holds)| *holds);
    let (heading, empty) = if p.is_user() {
        ("Roles this user may assume", "No role trusts this user.")
    } else {
        (
            "Users trusted to assume this role",
            "No user may assume this role.",
        )
    };
    let chips = trusted
        .into_iter()
        .map(|(other, _)| {
            let (command, done) = principals::trust_step(&p, &other, false);
            let question = match &command {
                Command::UntrustRole { role, user } => {
                    format!("Stop `{user}` assuming role `{role}`?")
                }
                _ => String::new(),
            };
            let command = Signal::derive(move || Some(command.clone()));
            view! {
                <li class="fw-chip">
                    <span class="mono">{other.clone()}</span>
                    <ActionButton
                        label="×"
                        aria_label=format!("Remove the trust of {other}")
                        question=question
                        confirm_label="Remove trust"
                        command=command
                        done=report(feedback, command, done)
                        test_id=format!("untrust-{other}")
                    />
                </li>
            }
        })
        .collect::<Vec<_>>();
    let untrusted: Vec<String> = untrusted.into_iter().map(|(other, _)| other).collect();
    view! {
        <h3 class="fw-h3">{heading}</h3>
        {if chips.is_empty() {
            view! { <p class="fw-muted">{empty}</p> }.into_any()
        } else {
            view! { <ul class="fw-chips">{chips}</ul> }.into_any()
        }}
        {(!untrusted.is_empty()).then(|| view! { <TrustForm p=p.clone() choices=untrusted feedback=feedback /> })}
    }
}

/// The form that adds a trust: a role for a user, a user for a role.
#[component]
fn TrustForm(
    p: Principal,
    choices: Vec<String>,
    feedback: RwSignal<Option<Feedback>>,
) -> impl IntoView {
    let choice = RwSignal::new(choices.first().cloned().unwrap_or_default());
    let label = if p.is_user() {
        "Let this user assume role"
    } else {
        "Trust user"
    };
    let proposals = Proposals::new();
    let trust = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (command, done) = principals::trust_step(&p, &choice.get_untracked(), true);
        proposals.propose(command, "trust-submit", move |executed| {
            feedback.set(Some(Feedback::of(&executed, done.clone())));
        });
    };
    view! {
        <form class="fw-form" on:submit=trust>
            <label for="trust-select">{label}</label>
            <select id="trust-select" data-testid="trust-select" on:change=move |ev| choice.set(event_target_value(&ev))>
                {choices
                    .into_iter()
                    .map(|other| view! { <option value=other.clone()>{other.clone()}</option> })
                    .collect_view()}
            </select>
            <button type="submit" class="fw-button" data-testid="trust-submit">
                "Trust"
            </button>
        </form>
        <ChangeDialog proposals=proposals test_id="trust-change" />
    }
}
