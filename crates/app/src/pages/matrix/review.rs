//! The staged changes' card: their count, Review… (the question, each change in words and their
//! combined effect) with Apply, and Discard; and the notice when they were dropped.

use leptos::prelude::*;
use studio_access_core::Command;
use studio_access_core::diff::PlanPreview;
use studio_access_view::activity::Tone;
use studio_access_view::matrix::{self, ReviewEffect, StepMark};

use super::staging::Staging;
use crate::components::{ActionButton, Feedback, Prose};
use crate::store::Store;
use crate::words;

/// The staged changes, reviewed and applied together, or discarded.
#[component]
pub fn StagedChanges(
    /// The app's staged changes.
    staging: Staging,
    /// Where applying and discarding say what they did.
    feedback: RwSignal<Option<Feedback>>,
) -> impl IntoView {
    let store = Store::get();
    let count = Memo::new(move |_| staging.count());
    view! {
        <div
            class="matrix__review card"
            role="region"
            aria-label="Staged changes"
            data-testid="matrix-staged"
        >
            <p class="matrix__review-count" data-testid="matrix-staged-count" aria-live="polite">
                {move || matrix::staged_count(count.get())}
            </p>
            <ActionButton
                label="Review…"
                question=Signal::derive(move || {
                    store.who().with(|who| matrix::review_question(count.get(), who))
                })
                confirm_label="Apply"
                on_confirm=Callback::new(move |()| {
                    feedback.set(Some(staging.apply()));
                    focus_the_grid();
                })
                test_id="matrix-review"
                confirm_test_id="matrix-apply"
                details=move || review(store, staging)
                disabled=Signal::derive(move || count.get() == 0)
            />
            <button
                type="button"
                class="fw-button fw-button--quiet"
                data-testid="matrix-discard"
                disabled=move || count.get() == 0
                on:click=move |_| {
                    feedback.set(Some(staging.discard()));
                    // Discard is now disabled, and a disabled button cannot hold the focus.
                    focus_the_grid();
                }
            >
                "Discard"
            </button>
            {move || {
                staging
                    .dropped()
                    .map(|notice| {
                        view! {
                            <p class="feedback feedback--refused" role="alert" data-testid="matrix-staged-dropped">
                                {notice}
                            </p>
                        }
                    })
            }}
        </div>
        <p class="matrix__review-help">
            "Staged changes are kept in this tab's memory only: a reload drops them, and so does any change to the state made elsewhere. Applying runs them in order as the identity acting then, one event each (each can be undone on its own)."
        </p>
    }
}

/// Gives the focus back to the grid's cell in focus (its tab stop) once the frame that closes the
/// review is drawn, so that the keyboard goes on where it left off.
pub(super) fn focus_the_grid() {
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        let cell = document()
            .query_selector("[data-testid=\"matrix-grid\"] [role=\"gridcell\"][tabindex=\"0\"]")
            .ok()
            .flatten()
            .and_then(|cell| cell.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(cell) = cell {
            let _ = cell.focus();
        }
    });
}

/// The review of the staged changes: each in words, and their combined access diff as the acting
/// identity would apply them now (computed only while the review is open). The question is drawn
/// first and the effect is worked out after that frame: on a large account the whole-state diff
/// takes several milliseconds, which would otherwise delay the question itself.
///
/// A function, not a component: the question that calls it draws it again when the staged
/// changes or the acting identity change while it is open.
fn review(store: Store, staging: Staging) -> impl IntoView {
    let commands = staging.commands();
    let count = commands.len();
    let who = store.who().get();
    let computed = RwSignal::new(None::<ReviewEffect>);
    {
        let commands = commands.clone();
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let preview: Option<PlanPreview> = store
                        .state()
                        .try_with_untracked(|s| s.preview_all(&who, &commands));
                    if let Some(preview) = preview {
                        // The review may have closed meanwhile: then nothing is left to fill.
                        computed.try_set(Some(ReviewEffect::of(&preview, &commands, &who)));
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    }
    view! {
        <div class="matrix__review-body">
            <ReviewSteps commands=commands computed=computed />
            <CombinedEffect computed=computed count=count />
        </div>
    }
}

/// The staged changes in order, each marked once their effect is known: the one that would be
/// refused, and those it would keep from being reached.
#[component]
fn ReviewSteps(commands: Vec<Command>, computed: RwSignal<Option<ReviewEffect>>) -> impl IntoView {
    let steps = move || {
        let stop = computed.with(|effect| effect.as_ref().and_then(|e| e.refused_at));
        commands
            .iter()
            .enumerate()
            .map(|(at, command)| {
                let mark = StepMark::of(at, stop);
                let class = match mark {
                    StepMark::Applies => "matrix__step",
                    StepMark::Refused => "matrix__step matrix__step--refused",
                    StepMark::NotReached => "matrix__step matrix__step--after",
                };
                view! { <li class=class><Prose sentence=words::command(command) />{mark.note()}</li> }
            })
            .collect_view()
    };
    view! { <ol class="matrix__steps" data-testid="matrix-review-steps">{steps}</ol> }
}

/// The staged changes' effect together, once worked out, and where applying them would stop.
#[component]
fn CombinedEffect(computed: RwSignal<Option<ReviewEffect>>, count: usize) -> impl IntoView {
    move || {
        let Some(effect) = computed.get() else {
            return view! {
                <div class="preview matrix__effect" role="group" aria-label="Effect of the staged changes">
                    <p class="preview__title" data-testid="matrix-review-pending">
                        "Working out their effect…"
                    </p>
                </div>
            }
            .into_any();
        };
        let tone = match effect.tone {
            Tone::Widens => "preview preview--widens matrix__effect",
            Tone::Narrows => "preview preview--narrows matrix__effect",
            Tone::Mixed => "preview matrix__effect",
        };
        let title = matrix::review_effect_title(count, !effect.lines.is_empty());
        let lines = if effect.lines.is_empty() {
            view! { <p class="preview__title" data-testid="matrix-review-title">{title}</p> }
                .into_any()
        } else {
            view! {
                <p class="preview__title" data-testid="matrix-review-title">{title}</p>
                <ul class="preview__list" data-testid="matrix-review-diff">
                    {effect.lines.into_iter().map(|line| view! { <li><Prose sentence=line /></li> }).collect_view()}
                </ul>
            }
            .into_any()
        };
        let refusal = effect.refused.map(|refused| {
            view! {
                <p class="feedback feedback--refused" role="alert" data-testid="matrix-review-refused">
                    <Prose sentence=refused />
                </p>
            }
        });
        view! {
            <div class=tone role="group" aria-label="Effect of the staged changes" data-testid="matrix-review-effect">
                {lines}
            </div>
            {refusal}
        }
        .into_any()
    }
}
