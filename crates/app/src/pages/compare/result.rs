//! The result of a comparison: a sentence, then the changes in access by group.

use leptos::prelude::*;
use studio_access_view::compare::Compared;

use crate::components::Prose;
use crate::words;

/// What changes in access from one side to the other, or why it cannot be said yet.
#[component]
pub fn CompareResult(compared: Memo<Compared>) -> impl IntoView {
    let result = move || {
        let Compared {
            before,
            after,
            diff,
            waiting,
        } = compared.get();
        match diff {
            Err(problem) => view! {
                <p class="compare__problem" class:compare__problem--waiting=waiting data-testid="compare-problem">
                    {problem}
                </p>
            }
            .into_any(),
            Ok(diff) => {
                let groups = words::diff_groups(&diff);
                let summary = words::compare_summary(&before, &after, &groups);
                let test_id = if diff.is_empty() { "compare-none" } else { "compare-summary" };
                view! {
                    <p class="compare__summary" data-testid=test_id><Prose sentence=summary /></p>
                    <Group title="Access gained" test_id="compare-gained" tone="gained" lines=groups.gained />
                    <Group title="Access lost" test_id="compare-lost" tone="lost" lines=groups.lost />
                    <Group title="Keys" test_id="compare-keys" tone="keys" lines=groups.keys />
                    <Group title="Audit findings" test_id="compare-findings" tone="findings" lines=groups.findings />
                    <Group title="Also changed, no access by itself" test_id="compare-noted" tone="renamed" lines=groups.noted />
                }
                .into_any()
            }
        }
    };
    view! {
        <section class="card compare__result" aria-labelledby="compare-result-title" aria-live="polite" data-testid="compare-result">
            <h2 class="compare__title" id="compare-result-title">"What changes in access"</h2>
            {result}
        </section>
    }
}

/// One group of changes, left out when it is empty.
#[component]
fn Group(
    title: &'static str,
    test_id: &'static str,
    tone: &'static str,
    lines: Vec<String>,
) -> impl IntoView {
    (!lines.is_empty()).then(|| {
        let count = lines.len();
        view! {
            <section class=format!("compare__group compare__group--{tone}")>
                <h3 class="compare__group-title">
                    {title} " " <span class="compare__count">{format!("({count})")}</span>
                </h3>
                <ul class="compare__list" data-testid=test_id>
                    {lines.into_iter().map(|line| view! { <li><Prose sentence=line /></li> }).collect_view()}
                </ul>
            </section>
        }
    })
}
