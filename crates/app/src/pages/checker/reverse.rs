//! The reverse questions: who may do what a check asks, and what one identity may do, each
//! reach with the grant it passed by. The answer follows the state like the check's.

use leptos::prelude::*;
use studio_access_core::{Check, Who};
use studio_access_view::checker::{self, ReachGroup, WhoCanLine};

use crate::store::Store;

/// A reverse question: who may do what a check asks, or what one identity may do.
#[derive(Clone, Debug, PartialEq)]
pub enum Reverse {
    /// Every principal and key for whom the check (its `who` or caller set aside) is allowed.
    WhoCan(Check),
    /// Everything this identity reaches.
    WhatCan(Who),
}

/// A reverse question's answer, worded.
#[derive(Clone, Debug, PartialEq)]
enum Reached {
    WhoCan {
        question: String,
        lines: Vec<WhoCanLine>,
    },
    WhatCan {
        title: String,
        groups: Vec<ReachGroup>,
    },
}

/// The answer of the reverse question asked, if any.
#[component]
pub fn ReverseAnswer(
    /// The reverse question asked, if any.
    reverse: ReadSignal<Option<Reverse>>,
) -> impl IntoView {
    let store = Store::get();
    let reached = Memo::new(move |_| {
        reverse.with(|r| {
            r.as_ref().map(|r| {
                store.state().with(|s| match r {
                    Reverse::WhoCan(check) => Reached::WhoCan {
                        question: checker::who_can_question(check),
                        lines: checker::who_can_lines(&s.who_can(check)),
                    },
                    Reverse::WhatCan(who) => Reached::WhatCan {
                        title: checker::what_can_title(who),
                        groups: checker::what_can_groups(&s.what_can(who)),
                    },
                })
            })
        })
    });
    move || {
        // A question asked again is drawn anew (and said again), even when its answer is the same.
        reverse.track();
        reached.get().map(|reached| match reached {
            Reached::WhoCan { question, lines } => {
                view! { <WhoCanList question=question lines=lines /> }.into_any()
            }
            Reached::WhatCan { title, groups } => {
                view! { <WhatCanList title=title groups=groups /> }.into_any()
            }
        })
    }
}

/// Who can: one line per principal or key allowed, with its grant.
#[component]
fn WhoCanList(
    /// The question, in one line.
    question: String,
    /// Each principal or key allowed.
    lines: Vec<WhoCanLine>,
) -> impl IntoView {
    let nobody = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|line| {
            view! {
                <li class="checker__reach" data-testid="reverse-item" data-kind=line.kind data-name=line.name>
                    <span class="checker__reach-what" data-testid="reverse-who">{line.text}</span>
                    " — "
                    <span class="checker__reach-grant" data-testid="reverse-grant">{line.grant}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card checker__reverse" data-testid="reverse-answer" data-kind="who-can">
            <h2 class="checker__subtitle">"Who can"</h2>
            <p class="checker__question">{question}</p>
            {nobody.then(|| view! { <p data-testid="reverse-none">"Nobody: no principal or key is allowed this."</p> })}
            <ul class="checker__reach-list" data-testid="reverse-list">{items}</ul>
        </section>
    }
}

/// What one identity can do: each check allowed, with its grant, under its heading.
#[component]
fn WhatCanList(
    /// The answer's title.
    title: String,
    /// The checks allowed, grouped.
    groups: Vec<ReachGroup>,
) -> impl IntoView {
    let nothing = groups.is_empty();
    let sections = groups
        .into_iter()
        .map(|group| {
            let items = group
                .lines
                .into_iter()
                .map(|line| {
                    view! {
                        <li class="checker__reach" data-testid="reverse-item">
                            <span class="checker__reach-what">{line.text}</span>
                            " — "
                            <span class="checker__reach-grant" data-testid="reverse-grant">{line.grant}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h3 class="checker__reach-group">{group.heading}</h3>
                <ul class="checker__reach-list">{items}</ul>
            }
        })
        .collect_view();
    view! {
        <section class="card checker__reverse" data-testid="reverse-answer" data-kind="what-can">
            <h2 class="checker__subtitle">{title}</h2>
            {nothing.then(|| view! { <p data-testid="reverse-none">"Nothing: no page, model, key or API is allowed."</p> })}
            {sections}
        </section>
    }
}
