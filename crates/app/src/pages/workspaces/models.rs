//! The model authorization table of a sub-workspace: call, fine-tune and deploy flags and the
//! request and token limits of each catalog model; read-only without management permission.

use leptos::prelude::*;
use studio_access_core::{Command, Model, ModelAuth, ModelFlags, WorkspaceId};
use studio_access_view::tables;
use studio_access_view::workspaces as view;
use web_sys::HtmlInputElement;

use crate::components::{
    ChangeDialog, CheckedText, Feedback, FeedbackLine, NumberField, Proposals, TableHead,
};
use crate::store::Store;

/// What one row needs besides its model: where to ask and where to say.
#[derive(Clone, Copy)]
struct Section {
    store: Store,
    proposals: Proposals,
    feedback: RwSignal<Option<Feedback>>,
    read_only: Signal<bool>,
}

impl Section {
    /// Asks before `command`, then says what came of it.
    fn propose(self, command: Command, origin: String) {
        let done = view::done(&command);
        let (store, feedback, asked) = (self.store, self.feedback, command.clone());
        // What the last attempt came to is not the answer to this one (a new user's walk saw a
        // refusal stay beside the next question, and after it).
        feedback.set(None);
        self.proposals.propose(command, origin, move |executed| {
            let said = match Feedback::of_step(store, &asked, &executed, done.clone()) {
                Feedback::Refused(why) => Feedback::Refused(view::refused_in_table(&asked, why)),
                done => done,
            };
            feedback.set(Some(said));
        });
    }
}

/// The table of workspace `id`, one keyed row per catalog model.
#[component]
pub fn ModelTable(
    /// The sub-workspace.
    id: WorkspaceId,
    /// Whether the acting identity has management permission.
    manages: Memo<bool>,
) -> impl IntoView {
    let store = Store::get();
    let section = Section {
        store,
        proposals: Proposals::new(),
        feedback: RwSignal::new(None),
        read_only: Signal::derive(move || !manages.get()),
    };
    let rows = Memo::new(move |_| {
        store.state().with(|s| {
            let workspace = s
                .workspace(id)
                .map(|ws| ws.name.clone())
                .unwrap_or_default();
            s.models()
                .map(|(model, entry)| (workspace.clone(), entry.clone(), s.model_auth(id, model)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <FeedbackLine feedback=section.feedback test_id="models-feedback" />
        <ChangeDialog proposals=section.proposals test_id="models-change" />
        <div class="fw-table-wrap">
            <table class="fw-table models-table" data-testid="models-table">
                <TableHead head=tables::MODELS />
                <tbody>
                    <For each=move || rows.get() key=|row| row.clone() let((workspace, model, auth))>
                        <ModelRow workspace=workspace model=model auth=auth section=section />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// One model's flags and limits in the workspace.
#[component]
fn ModelRow(workspace: String, model: Model, auth: ModelAuth, section: Section) -> impl IntoView {
    let name = model.name.clone();
    let rpm = CheckedText::new(shown(auth.rpm), |text| {
        view::LimitField::Rpm
            .parse_optional(text)
            .map_err(|e| e.to_string())
    });
    let tpm = CheckedText::new(shown(auth.tpm), |text| {
        view::LimitField::Tpm
            .parse_optional(text)
            .map_err(|e| e.to_string())
    });
    // Set, or Enter in either field.
    let set_limits = {
        let (workspace, name) = (workspace.clone(), name.clone());
        Callback::new(move |()| {
            // Both are checked, so that each says its problem.
            if let (Some(rpm), Some(tpm)) = (rpm.submit(), tpm.submit()) {
                let command = Command::SetModelLimits {
                    workspace: workspace.clone(),
                    model: name.clone(),
                    rpm,
                    tpm,
                };
                section.propose(command, format!("limit-set-{name}"));
            }
        })
    };
    let clear_limits = {
        let (workspace, name) = (workspace.clone(), name.clone());
        move |_| {
            let command = Command::ClearModelLimits {
                workspace: workspace.clone(),
                model: name.clone(),
            };
            section.propose(command, format!("limit-clear-{name}"));
        }
    };
    let flag = |label: &'static str, on: bool| {
        let without_effect = view::flag_without_effect(&model, label);
        view! { <FlagCell label=label on=on without_effect=without_effect workspace=workspace.clone() model=name.clone() section=section /> }
    };
    let limit = |label: &'static str, which: &'static str, field: CheckedText<Option<i64>>| {
        view! {
            <td>
                <NumberField
                    label=format!("{label} of {name}")
                    test_id=format!("limit-{which}-{name}")
                    field=field
                    placeholder="no limit"
                    disabled=section.read_only
                    on_enter=set_limits
                />
            </td>
        }
    };
    view! {
        <tr data-testid=format!("model-row-{name}")>
            <td data-testid=format!("model-name-{name}")>
                <span class="mono">{name.clone()}</span>
                " "
                <span class="fw-tag">{model.kind.as_str()}</span>
                <div class="fw-muted fw-small">{view::capabilities(&model)}</div>
            </td>
            {flag("Call", auth.call)}
            {flag("Fine-tune", auth.fine_tune)}
            {flag("Deploy", auth.deploy)}
            {limit("Request limit (RPM)", "rpm", rpm)}
            {limit("Token limit (TPM)", "tpm", tpm)}
            <td class="fw-nowrap">
                {limit_button(format!("limit-set-{name}"), "Set", name.clone(), "fw-button fw-button--small", section, move |_| set_limits.run(()))}
                {limit_button(format!("limit-clear-{name}"), "Clear", name.clone(), "fw-button fw-button--small fw-button--quiet", section, clear_limits)}
            </td>
        </tr>
    }
}

/// A limit as its field first shows it: the number, or empty for none.
fn shown(limit: Option<u64>) -> String {
    limit.map(|v| v.to_string()).unwrap_or_default()
}

/// A button of a model's limits (`test_id`: `limit-set-<model>` or `limit-clear-<model>`),
/// disabled when the section is read-only.
fn limit_button(
    test_id: String,
    text: &'static str,
    model: String,
    class: &'static str,
    section: Section,
    on_click: impl FnMut(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class=class
            aria-label=format!("{text} the limits of {model}")
            data-testid=test_id
            disabled=section.read_only
            on:click=on_click
        >
            {text}
        </button>
    }
}

/// One authorization flag (`Call`, `Fine-tune` or `Deploy`) as a checkbox that asks before
/// changing it. A flag that would have no effect on the model is not offered (it can still be
/// cleared), and says why.
#[component]
fn FlagCell(
    label: &'static str,
    on: bool,
    without_effect: Option<String>,
    workspace: String,
    model: String,
    section: Section,
) -> impl IntoView {
    let test_id = format!("auth-{}-{model}", label.to_lowercase());
    let origin = test_id.clone();
    let aria = format!("{label} {model}");
    let offered_in_vain = without_effect.is_some();
    let change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let wanted = input.checked();
        // The box shows the state, not the wish: it changes once applied.
        input.set_checked(!wanted);
        let flags = match label {
            "Call" => ModelFlags::call(wanted),
            "Fine-tune" => ModelFlags::fine_tune(wanted),
            _ => ModelFlags::deploy(wanted),
        };
        let command = Command::AuthorizeModel {
            workspace: workspace.clone(),
            model: model.clone(),
            flags,
        };
        section.propose(command, origin.clone());
    };
    view! {
        <td class="fw-center">
            <input
                type="checkbox"
                aria-label=aria
                data-testid=test_id
                disabled=move || section.read_only.get() || (!on && offered_in_vain)
                title=without_effect
                prop:checked=on
                on:change=change
            />
        </td>
    }
}
