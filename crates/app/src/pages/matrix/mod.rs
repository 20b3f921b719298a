//! The permissions matrix: who may view or operate which console page, workspace by workspace,
//! evaluated live by the core. Grants, revocations and membership changes are staged from the
//! cells, reviewed together as one access diff, and applied as the acting identity, one event
//! per change (plan, then apply). What is shown, planned and said is
//! `studio_access_view::matrix`; this module draws it.

mod export;
mod filters;
mod presets;
mod review;
mod staging;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use studio_access_view::matrix::{self, CellAction, Scope};

use crate::Screen;
use crate::components::{AccessGrid, Feedback, FeedbackLine, PageHeader};
use crate::remembered::Remembered;
use crate::store::Store;

use export::MatrixExport;
use filters::MatrixFilters;
use presets::RowPreset;
use review::StagedChanges;
pub use staging::Staging;

/// The Permissions screen: the matrix, its filters, and the answer to the latest change.
#[component]
pub fn MatrixPage() -> impl IntoView {
    let store = Store::get();
    // The workspace shown is in the address (`?workspace=<name>`, or `@all`), so a view of the
    // matrix can be linked; without one, the one shown last while the console is open to the
    // same acting identity (see `Remembered`), else the first workspace it may act in.
    let remembered = Remembered::get();
    let who = store.who().get_untracked();
    let linked = use_query_map()
        .with_untracked(|q| q.get(matrix::WORKSPACE_PARAM))
        .or_else(|| {
            remembered
                .matrix_scope
                .get_value()
                .and_then(|(shown_to, link)| (shown_to == who).then_some(link))
        });
    let scope = RwSignal::new(
        store
            .state()
            .with_untracked(|s| Scope::linked(s, &who, linked.as_deref())),
    );
    let search = RwSignal::new(String::new());
    let filters = RwSignal::new(remembered.matrix_filters.get_value());
    Effect::new(move |_| {
        remembered.matrix_filters.set_value(filters.get());
        let link = store.state().with_untracked(|s| scope.get().link(s));
        remembered
            .matrix_scope
            .set_value(Some((store.who().get_untracked(), link)));
    });
    let feedback = RwSignal::new(None::<Feedback>);

    // Which principals are alive, and their names, change only when one is created or deleted
    // (or the whole state is replaced): their fingerprint spares a grant or a toggle from
    // sorting every name again.
    let census = Memo::new(move |_| store.state().with(matrix::census));
    let principals = Memo::new(move |_| {
        census.track();
        store.state().with_untracked(matrix::principals)
    });
    let rows = Memo::new(move |_| {
        let scope = scope.get();
        let filters = filters.get();
        // Names never change, so only memberships make the rows depend on the state: when no
        // filter looks at them, a grant does not filter 2,000 principals again.
        if matrix::rows_follow_memberships(scope, &filters) {
            store.state().track();
        }
        search.with(|search| {
            principals.with(|members| {
                store
                    .state()
                    .with_untracked(|s| matrix::rows(s, members, scope, search, &filters))
            })
        })
    });
    let show_workspace = Signal::derive(move || scope.get().spans_workspaces());

    let staging = Staging::get(store);
    let on_activate = Callback::new(move |action: CellAction| {
        feedback.set(Some(staging.toggle(action)));
    });
    let describe = Callback::new(move |action: CellAction| staging.describe(action));
    let staged_cells = Memo::new(move |_| staging.cells());
    let inspected = RwSignal::new(None::<CellAction>);

    view! {
        <section class="page matrix" data-testid=format!("page-{}", Screen::Permissions.slug())>
            <PageHeader screen=Screen::Permissions />
            <MatrixFilters scope=scope search=search filters=filters />
            <MatrixStatus
                scope=scope
                shown=Signal::derive(move || rows.with(Vec::len))
                principals=Signal::derive(move || principals.with(Vec::len))
            />
            <MatrixExport rows=rows feedback=feedback />
            <StagedChanges staging=staging feedback=feedback />
            <RowPreset inspected=inspected staging=staging feedback=feedback />
            <Show when=move || show_workspace.get()>
                <p class="matrix__note">
                    "Each row is a principal in a workspace it belongs to. Choose one workspace to see non-members and add them."
                </p>
            </Show>
            <AccessGrid
                rows=rows
                generation=census
                show_workspace=show_workspace
                on_activate=on_activate
                staged=staged_cells
                describe=describe
                inspected=inspected
            />
            <Answer feedback=feedback />
        </section>
    }
}

/// The answer to the latest click or action, over the foot of the screen until dismissed (its
/// button, or Escape) or replaced; dismissed, the keyboard goes on at the grid's cell. Drawn
/// above the grid, it pushed the grid down by its height (42 to 63 px) under the pointer, so the
/// next click landed on another row (a new user's walk).
///
/// Test ids: `matrix-feedback`, `matrix-feedback-dismiss`.
#[component]
fn Answer(
    /// The answer.
    feedback: RwSignal<Option<Feedback>>,
) -> impl IntoView {
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && feedback.with_untracked(Option::is_some) {
            feedback.set(None);
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <Show when=move || feedback.with(Option::is_some)>
            <div class="matrix__answer">
                <FeedbackLine feedback=feedback test_id="matrix-feedback" />
                <button
                    type="button"
                    class="fw-button fw-button--quiet"
                    aria-label="Dismiss this message"
                    title="Dismiss this message"
                    data-testid="matrix-feedback-dismiss"
                    on:click=move |_| {
                        feedback.set(None);
                        review::focus_the_grid();
                    }
                >
                    "×"
                </button>
            </div>
        </Show>
    }
}

/// How many rows are shown, the legend, and who is acting.
#[component]
fn MatrixStatus(
    /// The workspaces shown.
    scope: RwSignal<Scope>,
    /// How many rows are shown.
    shown: Signal<usize>,
    /// How many principals there are.
    principals: Signal<usize>,
) -> impl IntoView {
    let store = Store::get();
    let summary = move || {
        let (shown, principals) = (shown.get(), principals.get());
        let scope = scope.get();
        store
            .state()
            .with(|s| matrix::summary(s, scope, shown, principals))
    };
    view! {
        <div class="matrix__status">
            <p class="matrix__summary" data-testid="matrix-summary" aria-live="polite">
                {summary}
            </p>
            <p class="matrix__legend">
                <span class="matrix__swatch access-grid__cell--operate">"operate"</span>
                <span class="matrix__swatch access-grid__cell--view">"view"</span>
                <span class="matrix__swatch access-grid__cell--none">"none"</span>
                <span class="matrix__swatch access-grid__cell--view is-granted">"granted"</span>
                <span class="matrix__swatch matrix__swatch--staged">"⊕ ⊖ staged"</span>
                " Click a cell (or press Enter) to stage a grant, a revocation or a membership change, then review and apply; arrow keys move. Acting as "
                <strong data-testid="matrix-acting">{move || store.who().with(|w| w.to_string())}</strong>
                "."
            </p>
        </div>
    }
}
