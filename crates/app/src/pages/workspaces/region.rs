//! One region: its workspaces, creating one, the opened one's details, and its quota allocation.

use leptos::prelude::*;
use studio_access_core::{Command, NameRule, Region, WorkspaceId};
use studio_access_view::tables;
use studio_access_view::workspaces::{self as view, WorkspaceRow};

use super::detail::WorkspaceDetail;
use super::quota::QuotaView;
use crate::components::{
    ChangeDialog, Feedback, FeedbackLine, LiveEffect, NameField, NameForm, NameInput, Proposals,
    TableHead, one_step,
};
use crate::store::Store;
use crate::words;

/// The workspaces of `region` and the form that creates one.
#[component]
pub fn RegionPanel(
    /// The region shown.
    region: Region,
    /// The workspace opened for details.
    selected: RwSignal<Option<WorkspaceId>>,
    /// Whether the acting identity has management permission.
    manages: Memo<bool>,
    /// The model whose quota bar a link asked for.
    linked_model: Memo<Option<String>>,
) -> impl IntoView {
    let store = Store::get();
    let feedback = RwSignal::new(None::<Feedback>);
    let rows = Memo::new(move |_| store.state().with(|s| view::workspace_rows(s, region)));
    // Only a change of the opened workspace renders the details anew, so that their answers stay.
    let opened = Memo::new(move |_| {
        let id = selected.get()?;
        store
            .state()
            .with(|s| {
                s.is_live_workspace(id) && s.workspace(id).is_some_and(|ws| ws.region == region)
            })
            .then_some(id)
    });
    let detail = move || {
        opened.get().map(|id| {
            view! { <WorkspaceDetail id=id manages=manages selected=selected region_feedback=feedback /> }
        })
    };
    view! {
        <div class="card fw-section" data-testid=format!("region-panel-{region}")>
            <h2 class="fw-h2">"Workspaces in " {words::region(region)}</h2>
            <div class="fw-table-wrap">
                <table class="fw-table ws-table" data-testid="ws-table">
                    <TableHead head=tables::WORKSPACES />
                    <tbody>
                        <For each=move || rows.get() key=|row| row.clone() let(row)>
                            <WorkspaceRowView row=row selected=selected />
                        </For>
                    </tbody>
                </table>
            </div>
            <CreateWorkspace region=region selected=selected manages=manages feedback=feedback />
        </div>
        {detail}
        <QuotaView region=region manages=manages linked_model=linked_model />
    }
}

/// One workspace's row, with the button that opens its details.
#[component]
fn WorkspaceRowView(row: WorkspaceRow, selected: RwSignal<Option<WorkspaceId>>) -> impl IntoView {
    let id = row.id;
    let open = move || selected.get() == Some(id);
    let toggle = move |_| selected.update(|s| *s = if *s == Some(id) { None } else { Some(id) });
    let name = row.name;
    view! {
        <tr data-testid=format!("ws-row-{name}") class:fw-row--selected=open>
            <td>
                <span class="mono" data-testid="ws-name">
                    {name.clone()}
                </span>
                {row.default.then(|| view! { <span class="fw-tag">"default"</span> })}
                <div class="fw-muted fw-small mono fw-id" data-testid="ws-id">
                    {row.workspace_id}
                </div>
            </td>
            <td class="fw-num">{row.members}</td>
            <td>{row.models}</td>
            <td>
                <button
                    type="button"
                    class="fw-button fw-button--small"
                    aria-pressed=move || open().to_string()
                    aria-label=format!("Manage {name}")
                    data-testid=format!("ws-open-{name}")
                    on:click=toggle
                >
                    "Manage"
                </button>
            </td>
        </tr>
    }
}

/// The form that creates a sub-workspace in `region` and opens it.
#[component]
fn CreateWorkspace(
    region: Region,
    selected: RwSignal<Option<WorkspaceId>>,
    manages: Memo<bool>,
    feedback: RwSignal<Option<Feedback>>,
) -> impl IntoView {
    let store = Store::get();
    let new_name = NameInput::new(NameRule::Resource, String::new());
    new_name.answered_in(feedback);
    let proposals = Proposals::new();
    let create = move |ev: leptos::ev::SubmitEvent| {
        let Some(name) = new_name.submit(&ev) else {
            return;
        };
        let command = Command::CreateWorkspace {
            region,
            name: name.clone(),
        };
        let done = view::done(&command);
        proposals.propose_step(
            command,
            "create-workspace-submit",
            done,
            feedback,
            move || {
                new_name.clear();
                selected.set(store.state().with_untracked(|s| s.workspace_id(&name)));
            },
        );
    };
    let command = Signal::derive(move || {
        let name = new_name.text.get();
        (!name.is_empty()).then_some(Command::CreateWorkspace { region, name })
    });
    view! {
        <Show when=move || manages.get()>
            <NameForm
                button="Create workspace"
                button_id="create-workspace-submit"
                on_submit=Callback::new(create)
            >
                <NameField
                    label="New sub-workspace"
                    what="workspace name"
                    name=new_name
                    test_id="create-workspace-name"
                    placeholder="workspace name"
                />
            </NameForm>
        </Show>
        <LiveEffect steps=one_step(command) test_id="create-workspace-effect" proposals=proposals />
        <ChangeDialog proposals=proposals test_id="workspace-change" />
        <FeedbackLine feedback=feedback test_id="workspace-feedback" />
    }
}
