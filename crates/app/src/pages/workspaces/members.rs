//! The members of a workspace: administrator flags, removal, and adding a user or role.

use leptos::prelude::*;
use studio_access_core::{Command, MemberName, PAGE_PRESETS, PagePreset, WorkspaceId};
use studio_access_view::matrix;
use studio_access_view::principals::kind_word;
use studio_access_view::tables;
use studio_access_view::workspaces::{self as view, MemberRow};
use web_sys::HtmlInputElement;

use crate::components::{
    ActionButton, ChangeDialog, CheckField, Feedback, FeedbackLine, LiveEffect, Proposals,
    TableHead, focus_test_id,
};
use crate::store::Store;
use crate::{AppBase, Screen};

/// The members table of workspace `id` and the form that adds one.
#[component]
pub fn Members(
    /// The workspace.
    id: WorkspaceId,
) -> impl IntoView {
    let store = Store::get();
    let feedback = RwSignal::new(None::<Feedback>);
    let proposals = Proposals::new();
    let matrix_base = AppBase::from_document().href(Screen::Permissions);
    let workspace = Memo::new(move |_| {
        store.state().with(|s| {
            s.workspace(id)
                .map(|ws| ws.name.clone())
                .unwrap_or_default()
        })
    });
    // The matrix opens on this workspace.
    let matrix_href = move || format!("{matrix_base}{}", matrix::link_to(&workspace.get()));
    let data = Memo::new(move |_| store.state().with(|s| view::members(s, id)));
    let empty = move || {
        data.with(|(members, _)| members.is_empty()).then(|| {
            view! {
                <tr>
                    <td colspan="4" class="fw-muted" data-testid="members-empty">"No members yet."</td>
                </tr>
            }
        })
    };
    let rows = move || {
        let workspace = workspace.get();
        data.get()
            .0
            .into_iter()
            .map(move |row| (workspace.clone(), row))
            .collect::<Vec<_>>()
    };
    let others = Memo::new(move |_| data.with(|(_, others)| others.clone()));
    view! {
        <FeedbackLine feedback=feedback test_id="members-feedback" />
        <ChangeDialog proposals=proposals test_id="members-change" />
        <div class="fw-table-wrap">
            <table class="fw-table" data-testid="members-table">
                <TableHead head=tables::MEMBERS />
                <tbody>
                    {empty}
                    <For each=rows key=|row| row.clone() let((workspace, row))>
                        <MemberRowView workspace=workspace row=row proposals=proposals feedback=feedback />
                    </For>
                </tbody>
            </table>
        </div>
        <AddMember workspace=workspace others=others proposals=proposals feedback=feedback />
        <p class="fw-muted fw-small">
            "Page permissions are granted in the " <a href=matrix_href data-testid="members-matrix-link">
                "permissions matrix"
            </a> "."
        </p>
    }
}

/// One member: its administrator flag and the button that removes it.
#[component]
fn MemberRowView(
    workspace: String,
    row: MemberRow,
    proposals: Proposals,
    feedback: RwSignal<Option<Feedback>>,
) -> impl IntoView {
    let member = row.name.clone();
    let key = view::member_key(&member);
    let label = view::member_label(&member);
    let origin = format!("member-admin-{key}");
    let toggle = {
        let (workspace, member) = (workspace.clone(), member.clone());
        move |ev: leptos::ev::Event| {
            let input: HtmlInputElement = event_target(&ev);
            let wanted = input.checked();
            // The box shows the state, not the wish: it changes once applied.
            input.set_checked(!wanted);
            let command = Command::SetAdmin {
                workspace: workspace.clone(),
                member: member.clone(),
                admin: wanted,
            };
            let done = view::done(&command);
            proposals.propose(command, origin.clone(), move |executed| {
                feedback.set(Some(Feedback::of(&executed, done.clone())));
            });
        }
    };
    let remove = Command::RemoveMember {
        workspace: workspace.clone(),
        member: member.clone(),
    };
    let done = view::done(&remove);
    let removed = Callback::new(move |executed: studio_access_core::Executed| {
        feedback.set(Some(Feedback::of(&executed, done.clone())));
        // The row goes, and its Remove button with it: the form below the table takes the focus.
        request_animation_frame(|| {
            focus_test_id("add-member-select");
        });
    });
    let remove = Signal::derive(move || Some(remove.clone()));
    view! {
        <tr data-testid=format!("member-row-{key}")>
            <td>
                <span class="fw-tag">{kind_word(&member)}</span>
                " "
                <span class="mono fw-name" title=member.name().to_owned()>{member.name().to_owned()}</span>
            </td>
            <td class="fw-center">
                <input
                    type="checkbox"
                    aria-label=format!("Administrator: {label}")
                    data-testid=format!("member-admin-{key}")
                    prop:checked=row.admin
                    on:change=toggle
                />
            </td>
            <td>{row.pages_label()}</td>
            <td>
                <ActionButton
                    label="Remove"
                    question=view::removal_question(&workspace, &member)
                    confirm_label="Remove"
                    command=remove
                    always=true
                    done=removed
                    test_id=format!("member-remove-{key}")
                    danger=true
                />
            </td>
        </tr>
    }
}

/// The form that adds a user or role, optionally as an administrator or with one of the seeds'
/// sets of pages.
#[component]
fn AddMember(
    workspace: Memo<String>,
    others: Memo<Vec<MemberName>>,
    proposals: Proposals,
    feedback: RwSignal<Option<Feedback>>,
) -> impl IntoView {
    let choice = RwSignal::new(String::new());
    let admin = RwSignal::new(false);
    let preset = RwSignal::new(None::<PagePreset>);
    // The chosen principal, the first one while the choice names nobody (any more).
    let chosen = move || {
        others.with(|others| {
            choice.with(|key| {
                others
                    .iter()
                    .find(|m| view::member_key(m) == *key)
                    .or(others.first())
                    .cloned()
            })
        })
    };
    let steps = Signal::derive(move || {
        chosen().map(|member| {
            view::add_member_steps(
                &workspace.get(),
                &member,
                admin.get(),
                preset.get().as_ref(),
            )
        })
    });
    // The effect of every step together: the membership and the chosen set of pages.
    let all_steps = Signal::derive(move || {
        steps.with(|a| a.as_ref().map(|a| a.steps.clone()).unwrap_or_default())
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(view::Addition {
            steps,
            question,
            done,
        }) = steps.get_untracked()
        else {
            feedback.set(Some(Feedback::Refused(
                "Choose a user or role to add.".to_owned(),
            )));
            return;
        };
        proposals.propose_all(steps, question, "add-member-submit", move |results| {
            let Some(last) = results.last() else {
                return;
            };
            if last.outcome.is_success() {
                admin.set(false);
                preset.set(None);
            }
            feedback.set(Some(Feedback::of(last, done.clone())));
        });
    };
    let options = move || {
        let current = chosen();
        others
            .get()
            .into_iter()
            .map(|m| {
                let selected = Some(&m) == current.as_ref();
                view! { <option value=view::member_key(&m) selected=selected>{view::member_label(&m)}</option> }
            })
            .collect_view()
    };
    // Nobody to add: say why, and where users and roles are made.
    let store = Store::get();
    let nobody = Memo::new(move |_| {
        store
            .state()
            .with(|s| others.with(|others| view::NobodyToAdd::of(s, others)))
    });
    let identities = AppBase::from_document().href(Screen::Identities);
    move || {
        if let Some(nobody) = nobody.get() {
            let [before, link, after] = nobody.said();
            let link = (!link.is_empty()).then(|| view! { <a href=identities.clone()>{link}</a> });
            return view! { <p class="fw-muted" data-testid="add-member-nobody">{before} {link} {after}</p> }
                .into_any();
        }
        view! {
            <form class="fw-form" on:submit=add>
                <label for="add-member-select">"Add member"</label>
                <select id="add-member-select" data-testid="add-member-select" on:change=move |ev| choice.set(event_target_value(&ev))>
                    {options}
                </select>
                <CheckField label="as administrator" test_id="add-member-admin" checked=admin />
                <PresetSelect preset=preset admin=admin />
                <button type="submit" class="fw-button" data-testid="add-member-submit">"Add"</button>
            </form>
            <LiveEffect steps=all_steps test_id="add-member-effect" proposals=proposals />
        }
        .into_any()
    }
}

/// The page permissions a new member gets: none, or one of the seeds' sets (an administrator
/// operates every page, so it gets none).
#[component]
fn PresetSelect(preset: RwSignal<Option<PagePreset>>, admin: RwSignal<bool>) -> impl IntoView {
    let choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        preset.set(PAGE_PRESETS.iter().find(|p| p.name == value).copied());
    };
    let options = PAGE_PRESETS
        .iter()
        .map(|p| {
            let name = p.name;
            view! { <option value=name prop:selected=move || preset.get().is_some_and(|p| p.name == name)>{name}</option> }
        })
        .collect_view();
    view! {
        <label class="fw-check">
            "with pages"
            <select data-testid="add-member-pages" disabled=move || admin.get() on:change=choose>
                <option value="" prop:selected=move || preset.get().is_none()>"none"</option>
                {options}
            </select>
        </label>
    }
}
