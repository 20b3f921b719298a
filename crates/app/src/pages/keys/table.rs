//! The list of keys: filters by workspace and status, where a deep link leads, what is hidden
//! and why, and one row per key, each its own component keyed by label. Only the rows in view
//! are drawn ([`RowWindow`]), so thousands of keys open as fast as a few.

use leptos::prelude::*;
use studio_access_core::Executed;
use studio_access_view::keys::{self, Link, STATUS_CHOICES, Visible};
use studio_access_view::tables;

use crate::components::{Feedback, FeedbackLine, Prose, RowWindow, WindowedTable};

use super::WorkspaceOptions;
use super::row::{KeyRow, ROW_HEIGHT};
use crate::store::Store;

/// The keys the acting identity may see, through the filters. A linked key is shown whatever
/// the filters were (the table brings it into view).
#[component]
pub fn KeyList(
    /// What the acting identity may see of the keys.
    visible: Memo<Visible>,
    /// Where the page's deep link leads, when it has one.
    linked: Memo<Option<Link>>,
    /// The label of the key whose whitelist editor is open.
    editing: RwSignal<Option<String>>,
    /// What the last deletion came to.
    feedback: RwSignal<Option<Feedback>>,
    /// Says what deleting a key came to.
    on_deleted: Callback<(String, Executed)>,
) -> impl IntoView {
    let store = Store::get();
    let workspace = RwSignal::new(String::new());
    let status = RwSignal::new("all".to_owned());
    let shown = Memo::new(move |_| {
        let status = keys::status_choice(&status.get());
        workspace.with(|w| visible.with(|v| store.state().with(|s| v.filtered(s, w, status))))
    });
    let linked_label = move || linked.with(|l| l.as_ref().and_then(Link::label).map(str::to_owned));

    Effect::new(move |_| {
        if linked_label().is_some() {
            workspace.set(String::new());
            status.set("all".to_owned());
        }
    });
    view! {
        <div class="card keys__list">
            <KeyFilters visible=visible shown=shown workspace=workspace status=status />
            {move || {
                linked
                    .get()
                    .map(|link| {
                        view! {
                            <p class="keys__link-note" role="status" data-testid="keys-link-note">
                                <Prose sentence=visible.with(|v| link.note(v)) />
                            </p>
                        }
                    })
            }}
            {move || {
                visible
                    .with(Visible::hidden_note)
                    .map(|note| view! { <p class="keys__hidden" data-testid="keys-hidden"><Prose sentence=note /></p> })
            }}
            {move || {
                visible
                    .with(Visible::abroad_note)
                    .map(|note| view! { <p class="keys__hidden" data-testid="keys-abroad">{note}</p> })
            }}
            {move || {
                store
                    .state()
                    .with(|s| store.who().with(|who| visible.with(|v| keys::unmanaged_note(s, who, v))))
                    .map(|note| view! { <p class="keys__hidden" data-testid="keys-unmanaged">{note}</p> })
            }}
            <FeedbackLine feedback=feedback test_id="keys-feedback" />
            <Show
                when=move || !shown.with(Vec::is_empty)
                fallback=move || {
                    view! {
                        <p class="keys__empty" data-testid="keys-empty">
                            {visible.with(Visible::empty_note)}
                        </p>
                    }
                }
            >
                <KeyTable shown=shown linked=linked editing=editing on_deleted=on_deleted />
            </Show>
        </div>
    }
}

/// The workspace and status pickers, and how many of the visible keys they let through.
#[component]
fn KeyFilters(
    /// What the acting identity may see of the keys.
    visible: Memo<Visible>,
    /// The rows the filters let through.
    shown: Memo<Vec<keys::KeyRow>>,
    /// The workspace picked: its name, or empty for every workspace.
    workspace: RwSignal<String>,
    /// The status picked: a value of [`STATUS_CHOICES`].
    status: RwSignal<String>,
) -> impl IntoView {
    let status_options = STATUS_CHOICES
        .iter()
        .map(|(value, choice)| {
            view! {
                <option value=*value prop:selected=move || status.with(|s| s == value)>
                    {keys::status_choice_label(*choice)}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="keys__filters" role="group" aria-label="Filter keys">
            <label>
                "Show workspace "
                <select
                    data-testid="keys-filter-workspace"
                    on:change=move |ev| workspace.set(event_target_value(&ev))
                >
                    <option value="" prop:selected=move || workspace.with(String::is_empty)>
                        "All workspaces"
                    </option>
                    <WorkspaceOptions selected=workspace />
                </select>
            </label>
            <label>
                "Show status "
                <select
                    data-testid="keys-filter-status"
                    on:change=move |ev| status.set(event_target_value(&ev))
                >
                    {status_options}
                </select>
            </label>
            <span class="keys__count" data-testid="keys-count">
                {move || visible.with(|v| v.count(shown.with(Vec::len)))}
            </span>
        </div>
    }
}

/// The table of the keys the filters let through, drawing only the rows in view. A linked key
/// is brought into view wherever it is: the window scrolls to its place, then the page to its
/// row, once drawn.
#[component]
fn KeyTable(
    /// The rows the filters let through.
    shown: Memo<Vec<keys::KeyRow>>,
    /// Where the page's deep link leads, when it has one.
    linked: Memo<Option<Link>>,
    /// The label of the key whose whitelist editor is open.
    editing: RwSignal<Option<String>>,
    /// Says what deleting a key came to.
    on_deleted: Callback<(String, Executed)>,
) -> impl IntoView {
    let window = RowWindow::new(ROW_HEIGHT, 10);
    let (range, drawn) = window.drawn(shown);
    // The linked key and its place among the rows; a change elsewhere leaves the scroll alone.
    let linked_row = Memo::new(move |_| {
        let label = linked.with(|l| l.as_ref().and_then(Link::label).map(str::to_owned))?;
        let index = shown.with(|rows| rows.iter().position(|row| row.label == label))?;
        Some((label, index))
    });
    Effect::new(move |_| {
        let Some((label, index)) = linked_row.get() else {
            return;
        };
        request_animation_frame(move || {
            window.centre(index);
            request_animation_frame(move || reveal_row(&label));
        });
    });
    view! {
        <WindowedTable
            window=window
            head=tables::KEYS
            all=shown
            range=range
            frame_class="keys__scroll"
            class="keys__table"
            test_id="keys"
        >
            <For each=move || drawn.get() key=|row| row.label.clone() let(row)>
                <KeyRow row=row linked=linked editing=editing on_deleted=on_deleted />
            </For>
        </WindowedTable>
    }
}

/// Scrolls the page (and the table, if need be) so that the drawn row of the key `label` is in
/// the middle of the view.
fn reveal_row(label: &str) {
    let row = document()
        .query_selector(&format!("[data-testid=\"key-row-{label}\"]"))
        .ok()
        .flatten();
    if let Some(row) = row {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        row.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
