//! Reverse queries agree with the evaluator: every principal or key `who-can` lists is allowed,
//! and every allowed one is listed; `what-can` lists exactly what the evaluator allows.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

use studio_access_core::sample::sample_organisation;
use studio_access_core::{
    Access, BillingAction, Caller, Candidate, Check, Outcome, Page, State, Who,
};

fn state() -> State {
    sample_organisation("2026-11-22".parse().unwrap())
}

/// Every way of writing `as` and `via` over the state's names, live or not, plus some unknowns.
fn every_who(state: &State) -> Vec<Who> {
    let mut users: Vec<String> = state.data().users.iter().map(|u| u.name.clone()).collect();
    users.extend([
        "root".to_owned(),
        "nobody".to_owned(),
        "ops-role".to_owned(),
    ]);
    let mut roles: Vec<Option<String>> = state
        .data()
        .roles
        .iter()
        .map(|r| Some(r.name.clone()))
        .collect();
    roles.extend([None, Some("no-role".to_owned())]);
    users
        .iter()
        .flat_map(|u| {
            roles.iter().map(move |r| Who {
                name: u.clone(),
                via: r.clone(),
            })
        })
        .collect()
}

fn templates() -> Vec<Check> {
    let root = Who::root;
    let mut all = Vec::new();
    for workspace in [
        "project-a",
        "project-prod",
        "research",
        "default@cn-beijing",
    ] {
        for page in [
            Page::ModelExperience,
            Page::ApiKey,
            Page::Permissions,
            Page::BatchInference,
        ] {
            for access in Access::ALL {
                all.push(Check::OpenPage {
                    who: root(),
                    workspace: workspace.into(),
                    page,
                    access: *access,
                });
            }
        }
        for model in ["qwen-plus", "qwen-max", "qwen-turbo"] {
            all.push(Check::CallModel {
                caller: Caller::Console {
                    who: root(),
                    workspace: workspace.into(),
                },
                model: model.into(),
            });
            all.push(Check::FineTune {
                caller: Caller::Console {
                    who: root(),
                    workspace: workspace.into(),
                },
                model: model.into(),
            });
            // A review found What can … do? silent on deploying fine-tuned models.
            for fine_tuned in [false, true] {
                all.push(Check::Deploy {
                    who: root(),
                    workspace: workspace.into(),
                    model: model.into(),
                    fine_tuned,
                });
            }
        }
    }
    for key in ["project-a-app", "prod-service", "research-contractor"] {
        all.push(Check::ViewKey {
            who: root(),
            key: key.into(),
        });
    }
    for action in BillingAction::ALL {
        all.push(Check::Billing {
            who: root(),
            action: *action,
        });
    }
    for workspace in [None, Some("project-a".to_owned())] {
        for action in ["ListIndices", "CreateIndex"] {
            all.push(Check::CallOpenapi {
                who: root(),
                action: action.into(),
                workspace: workspace.clone(),
            });
        }
    }
    all.push(Check::OpenSystemAdministration { who: root() });
    all
}

#[test]
fn who_can_lists_exactly_the_allowed_principals_and_keys() {
    let state = state();
    let everyone = every_who(&state);
    let mut listed_total = 0;
    for template in templates() {
        let reached = state.who_can(&template);
        listed_total += reached.len();
        for reach in &reached {
            assert_eq!(state.decide(&reach.check), Outcome::Allow, "{reach:?}");
            assert_eq!(reach.response.outcome, Outcome::Allow);
        }
        let listed: Vec<&Who> = reached
            .iter()
            .filter_map(|r| match &r.candidate {
                Candidate::Principal(who) => Some(who),
                Candidate::Key(_) => None,
            })
            .collect();
        for who in &everyone {
            let allowed = state.decide(&template.asked_as(who.clone()).unwrap()) == Outcome::Allow;
            assert_eq!(allowed, listed.contains(&who), "{who} for {template:?}");
        }
        if let Check::CallModel {
            caller: Caller::Console { workspace, .. },
            model,
        } = &template
        {
            let keys: Vec<&String> = reached
                .iter()
                .filter_map(|r| match &r.candidate {
                    Candidate::Key(k) => Some(k),
                    Candidate::Principal(_) => None,
                })
                .collect();
            for (_, key) in state.keys() {
                let question = Check::CallModel {
                    caller: Caller::Key {
                        key: key.label.clone(),
                        ip: None,
                    },
                    model: model.clone(),
                };
                let in_workspace = state.workspace_name(key.workspace) == Some(workspace);
                let allowed = in_workspace && state.decide(&question) == Outcome::Allow;
                assert_eq!(
                    allowed,
                    keys.contains(&&key.label),
                    "{} for {template:?}",
                    key.label
                );
            }
        }
    }
    assert!(listed_total > 20, "the templates reach someone");
}

#[test]
fn who_is_asked_answers_every_candidate_as_the_evaluator_does() {
    let state = state();
    let mut denied_total = 0;
    for template in templates() {
        let asked = state.who_is_asked(&template);
        for reach in &asked {
            assert_eq!(state.check(&reach.check), reach.response, "{reach:?}");
            if reach.response.outcome != Outcome::Allow {
                denied_total += 1;
            }
        }
        // Every identity is asked once (a question through a key asks only that key)…
        let principals: Vec<&Who> = asked
            .iter()
            .filter_map(|r| match &r.candidate {
                Candidate::Principal(who) => Some(who),
                Candidate::Key(_) => None,
            })
            .collect();
        let through_key = matches!(
            template,
            Check::CallModel {
                caller: Caller::Key { .. },
                ..
            }
        );
        let identities = state.identities();
        if through_key {
            assert!(principals.is_empty() && asked.len() == 1);
        } else {
            assert_eq!(principals, identities.iter().collect::<Vec<_>>());
        }
        // …and "who can" is exactly its allowed part, in the same order.
        let allowed: Vec<_> = asked
            .into_iter()
            .filter(|r| r.response.outcome == Outcome::Allow)
            .collect();
        assert_eq!(allowed, state.who_can(&template));
    }
    assert!(denied_total > 20, "the templates deny someone");
}

#[test]
fn what_can_lists_exactly_what_the_evaluator_allows() {
    let state = state();
    for who in state.identities() {
        let reached = state.what_can(&who);
        for reach in &reached {
            assert_eq!(state.decide(&reach.check), Outcome::Allow, "{reach:?}");
        }
        for template in templates() {
            let question = template.asked_as(who.clone()).unwrap();
            if state.decide(&question) != Outcome::Allow {
                continue;
            }
            let listed = reached.iter().any(|r| match (&r.check, &question) {
                // A page is listed once, at the highest access allowed.
                (
                    Check::OpenPage {
                        workspace: a,
                        page: p,
                        ..
                    },
                    Check::OpenPage {
                        workspace: b,
                        page: q,
                        ..
                    },
                ) => a == b && p == q,
                (listed, asked) => listed == asked,
            });
            assert!(
                listed,
                "{who} may {question:?} but what-can does not say so"
            );
        }
    }
    let root = state.what_can(&Who::root());
    assert!(root.len() > state.what_can(&Who::user("intern")).len());
}

#[test]
fn a_question_is_asked_again_of_another_identity_but_never_of_a_key() {
    let page = |who: Who| Check::OpenPage {
        who,
        workspace: "project-a".into(),
        page: Page::Playground,
        access: Access::View,
    };
    assert_eq!(
        page(Who::root()).asked_as(Who::user("user-01")),
        Some(page(Who::user("user-01")))
    );
    let through_key = Check::CallModel {
        caller: Caller::Key {
            key: "k".into(),
            ip: None,
        },
        model: "qwen-plus".into(),
    };
    assert_eq!(through_key.asked_as(Who::user("user-01")), None);
}
