//! A workspace opened for details: its ID, rename and delete, models, members.

use leptos::prelude::*;
use studio_access_core::{Command, NameRule, WorkspaceId};
use studio_access_view::workspaces as view;

use super::members::Members;
use super::models::ModelTable;
use crate::components::{
    ChangeDialog, CopyValue, Feedback, FeedbackLine, LiveEffect, NameField, NameForm, NameInput,
    Proposals, one_step,
};
use crate::store::Store;

/// The details of workspace `id`.
#[component]
pub fn WorkspaceDetail(
    /// The workspace.
    id: WorkspaceId,
    /// Whether the acting identity has management permission.
    manages: Memo<bool>,
    /// The workspace opened, cleared once this one is deleted.
    selected: RwSignal<Option<WorkspaceId>>,
    /// The region's feedback, which says a deletion was done (these details close with it).
    region_feedback: RwSignal<Option<Feedback>>,
) -> impl IntoView {
    let store = Store::get();
    let name = Memo::new(move |_| {
        store.state().with(|s| {
            s.workspace(id)
                .map(|ws| ws.name.clone())
                .unwrap_or_default()
        })
    });
    let (default, ws_id) = store.state().with_untracked(|s| {
        s.workspace(id)
            .map(|ws| (ws.default, ws.id.clone()))
            .unwrap_or_default()
    });
    let models = if default {
        view! {
            <p class="fw-readonly" data-testid="models-default-note">
                "Default workspace: all models, no limits. It may call, fine-tune and deploy every model in the catalog, and that cannot be restricted."
            </p>
        }
        .into_any()
    } else {
        view! { <ModelTable id=id manages=manages /> }.into_any()
    };
    view! {
        <section class="card fw-section fw-detail" aria-labelledby="ws-detail-title" data-testid="ws-detail">
            <h2 class="fw-h2" id="ws-detail-title">
                "Workspace "
                <span class="mono" data-testid="ws-detail-name">
                    {move || name.get()}
                </span>
            </h2>
            <p class="fw-small">
                "Workspace ID (API calls name it; it never changes) "
                <CopyValue value=ws_id what="workspace ID" test_id="ws-detail-id" />
            </p>
            <RenameForm name=name default=default manages=manages selected=selected region_feedback=region_feedback />
            <h3 class="fw-h3">"Model authorizations"</h3>
            {models}
            <h3 class="fw-h3">"Members"</h3>
            <Members id=id />
        </section>
    }
}

/// Renaming and deleting a sub-workspace; a note for a default workspace.
#[component]
fn RenameForm(
    name: Memo<String>,
    default: bool,
    manages: Memo<bool>,
    selected: RwSignal<Option<WorkspaceId>>,
    region_feedback: RwSignal<Option<Feedback>>,
) -> impl IntoView {
    let feedback = RwSignal::new(None::<Feedback>);
    let draft = NameInput::new(NameRule::Resource, name.get_untracked());
    // A rename elsewhere (undo, another tab) shows in the field.
    Effect::new(move |_| draft.text.set(name.get()));
    draft.answered_in(feedback);
    let proposals = Proposals::new();
    let rename = move |ev: leptos::ev::SubmitEvent| {
        let Some(wanted) = draft.submit(&ev) else {
            return;
        };
        let command = Command::RenameWorkspace {
            workspace: name.get_untracked(),
            name: wanted,
        };
        let done = view::done(&command);
        proposals.propose_step(command, "rename-workspace-submit", done, feedback, || ());
    };
    // The rename's effect, once something other than the current name is typed.
    let command = Signal::derive(move || {
        let current = name.get();
        let wanted = draft.text.get();
        (!wanted.is_empty() && wanted != current).then_some(Command::RenameWorkspace {
            workspace: current,
            name: wanted,
        })
    });
    let delete = move |_| {
        let command = Command::DeleteWorkspace {
            workspace: name.get_untracked(),
        };
        let done = view::done(&command);
        proposals.confirm(command, "delete-workspace", move |executed| {
            let said = Feedback::of(&executed, done.clone());
            if executed.outcome.is_success() {
                region_feedback.set(Some(said));
                selected.set(None);
            } else {
                feedback.set(Some(said));
            }
        });
        // Its keys die for good with it (SPEC section 1): the button says so, as deleting a
        // user's does (a new user's walk read a plain "Apply").
        proposals.dress(None, Some("Delete for good".to_owned()), true);
    };
    let form = move || {
        manages.get().then(|| {
            if default {
                return view! {
                    <p class="fw-muted">"A default workspace keeps its name for good and cannot be deleted."</p>
                }
                .into_any();
            }
            view! {
                <NameForm
                    button="Rename"
                    button_id="rename-workspace-submit"
                    on_submit=Callback::new(rename)
                    after=move || view! {
                        <button type="button" class="fw-button fw-button--danger" data-testid="delete-workspace" on:click=delete>
                            "Delete workspace…"
                        </button>
                    }
                >
                    <NameField label="Rename to" what="workspace name" name=draft test_id="rename-workspace-name" />
                </NameForm>
            }
            .into_any()
        })
    };
    view! {
        {form}
        <LiveEffect steps=one_step(command) test_id="rename-workspace-effect" proposals=proposals />
        <ChangeDialog proposals=proposals test_id="rename-change" />
        <FeedbackLine feedback=feedback test_id="rename-feedback" />
    }
}
