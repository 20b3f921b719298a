//! The table of every RAM user and role: effective policies, standing, trusts, and the button
//! that opens a principal's detail. Only the rows in view are drawn ([`RowWindow`]), so
//! thousands of principals open as fast as a few.

use leptos::prelude::*;
use studio_access_core::Member;
use studio_access_view::principals::{self, Principal};
use studio_access_view::tables;

use crate::components::{RowWindow, WindowedTable, focus_test_id};

/// The height of a row, in pixels: one line, whatever it holds (long cells are cut, with the
/// whole text on hover).
pub const ROW_HEIGHT: i32 = 48;

/// The principals a search shows, one row each, keyed by what they show so that a row is
/// redrawn only when its principal changes.
#[component]
pub fn PrincipalTable(
    /// Every live principal.
    all: Memo<Vec<Principal>>,
    /// Those whose name matches the search.
    shown: Memo<Vec<Principal>>,
    /// The principal whose detail is open.
    selected: RwSignal<Option<Member>>,
) -> impl IntoView {
    let window = RowWindow::new(ROW_HEIGHT, 10);
    let (range, visible) = window.drawn(shown);
    let empty = move || {
        shown.with(Vec::is_empty).then(|| {
            view! {
                <tr>
                    <td colspan=tables::PRINCIPALS.columns.len() class="fw-muted" data-testid="identities-empty">
                        {principals::empty_table(all.with(Vec::is_empty))}
                    </td>
                </tr>
            }
        })
    };
    view! {
        <WindowedTable
            window=window
            head=tables::PRINCIPALS
            all=shown
            range=range
            frame_class="fw-table-wrap"
            class="fw-table identities__table"
            test_id="identities"
        >
            {empty}
            <For each=move || visible.get() key=|p| p.clone() let(p)>
                <PrincipalRow p=p selected=selected />
            </For>
        </WindowedTable>
    }
}

/// One principal's row.
#[component]
fn PrincipalRow(p: Principal, selected: RwSignal<Option<Member>>) -> impl IntoView {
    let member = p.member;
    let test_id = p.test_id();
    let is_selected = move || selected.get() == Some(member);
    // Opened, the panel (above the table) takes the focus on its title.
    let toggle = move |_| {
        let opening = selected.get_untracked() != Some(member);
        selected.set(opening.then_some(member));
        if opening {
            request_animation_frame(|| {
                focus_test_id("principal-detail-title");
            });
        }
    };
    let trust = principals::trust_label(&p);
    // Cells hold one line; what does not fit is cut, and the whole of it is the cell's title.
    let policies: Vec<&str> = p.effective.iter().map(|policy| policy.as_str()).collect();
    let standing: Vec<String> = principals::standing(&p)
        .into_iter()
        .map(|(_, text)| text)
        .chain([format!("Member of {}", principals::member_of(&p))])
        .collect();
    view! {
        <tr
            data-testid=format!("principal-row-{test_id}")
            class:fw-row--selected=is_selected
            style=format!("height: {ROW_HEIGHT}px")
        >
            <td title=p.name.to_string()>
                <span class="fw-tag">{principals::kind_word(&p.name)}</span>
                " "
                <span class="mono">{p.name.name().to_owned()}</span>
            </td>
            <td title=policies.join(", ")>{effective_policies(&p)}</td>
            <td title=standing.join("; ")>
                <Standing p=p.clone() />
            </td>
            <td title=trust.clone()>{trust.clone()}</td>
            <td>
                <button
                    type="button"
                    class="fw-button fw-button--small"
                    data-testid=format!("principal-manage-{test_id}")
                    aria-label=format!("Manage {}", p.name)
                    aria-expanded=move || is_selected().to_string()
                    on:click=toggle
                >
                    "Manage"
                </button>
            </td>
        </tr>
    }
}

/// The policies in effect, those held by inclusion drawn apart and titled with why.
fn effective_policies(p: &Principal) -> AnyView {
    if p.effective.is_empty() {
        return view! { <span class="fw-muted">"none"</span> }.into_any();
    }
    let chips = p
        .effective
        .iter()
        .map(|policy| {
            let class = if p.attached.contains(policy) {
                "fw-policy"
            } else {
                "fw-policy fw-policy--included"
            };
            view! {
                <span class=class title=principals::policy_status(p, policy)>
                    {policy.as_str()}
                </span>
            }
        })
        .collect_view();
    view! { <div class="fw-policies">{chips}</div> }.into_any()
}

/// The badges of what a principal's policies and memberships make it, and where it is a member.
#[component]
pub fn Standing(p: Principal) -> impl IntoView {
    let badges = principals::standing(&p)
        .into_iter()
        .map(|(accented, text)| {
            let class = if accented {
                "fw-tag fw-tag--accent"
            } else {
                "fw-tag"
            };
            view! { <span class=class>{text}</span> }
        })
        .collect_view();
    view! {
        <div class="fw-standing">
            {badges}
            <span class="fw-muted">"Member of " {principals::member_of(&p)}</span>
        </div>
    }
}
