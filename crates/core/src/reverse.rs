//! Reverse queries: "who can do this?" and "what can this principal do?", answered by asking the
//! evaluator every candidate question, so the answers agree with it by construction and carry its
//! trace (the grant that gives the access).

use crate::check::{Caller, Check, Response};
use crate::principal::Who;
use crate::state::State;
use crate::vocab::{Access, BillingAction, Feature, Page};
use serde::{Deserialize, Serialize};

/// Who or what reaches an action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Candidate {
    /// A principal: `root`, a user, or a user through a role.
    Principal(Who),
    /// An API key.
    Key(String),
}

impl std::fmt::Display for Candidate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Candidate::Principal(who) => write!(f, "{who}"),
            Candidate::Key(key) => write!(f, "key {key}"),
        }
    }
}

/// One answer of a reverse query: a candidate, the question asked of it, and the evaluator's
/// response (allowed, except in [`State::who_is_asked`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reach {
    /// Who reaches it.
    pub candidate: Candidate,
    /// The question asked.
    pub check: Check,
    /// The evaluator's answer, with the trace of the grant.
    pub response: Response,
}

/// For a model call or fine-tune, the same question asked through a key.
fn with_key(check: &Check, key: &str) -> Option<Check> {
    let caller = Caller::Key {
        key: key.to_owned(),
        ip: None,
    };
    match check {
        Check::CallModel { model, .. } => Some(Check::CallModel {
            caller,
            model: model.clone(),
        }),
        Check::FineTune { model, .. } => Some(Check::FineTune {
            caller,
            model: model.clone(),
        }),
        _ => None,
    }
}

impl State {
    /// Every identity the console could act as: `root`, each live user, and each live user
    /// through each live role that trusts it.
    pub fn identities(&self) -> Vec<Who> {
        let mut all = vec![Who::root()];
        all.extend(self.live_users().map(|(_, user)| Who::user(&user.name)));
        for (_, role) in self.live_roles() {
            for user in &role.trusted {
                if let Some(u) = self.user(*user).filter(|u| !u.deleted) {
                    all.push(Who::via(&u.name, &role.name));
                }
            }
        }
        all
    }

    /// Who can do what `check` asks: the candidates of [`State::who_is_asked`] for whom it is
    /// allowed, in the same order.
    pub fn who_can(&self, check: &Check) -> Vec<Reach> {
        let mut reached = self.who_is_asked(check);
        reached.retain(|reach| reach.response.outcome == crate::outcome::Outcome::Allow);
        reached
    }

    /// Every candidate of "who can" `check`, with the evaluator's answer, allowed or denied: for
    /// a question through a key, that key; else every identity and, for a model call or
    /// fine-tune in a workspace, every key of that workspace (asked without a caller address, so
    /// a whitelisted key is allowed only when its whitelist is empty). The `who` or caller
    /// written in `check` is replaced by each candidate.
    pub fn who_is_asked(&self, check: &Check) -> Vec<Reach> {
        // A question through a key has one candidate: the key it names.
        if let Check::CallModel {
            caller: Caller::Key { key, .. },
            ..
        }
        | Check::FineTune {
            caller: Caller::Key { key, .. },
            ..
        } = check
        {
            return vec![Reach {
                candidate: Candidate::Key(key.clone()),
                check: check.clone(),
                response: self.check(check),
            }];
        }
        let mut asked = Vec::new();
        for who in self.identities() {
            let Some(question) = check.asked_as(who.clone()) else {
                continue;
            };
            asked.push(Reach {
                candidate: Candidate::Principal(who),
                response: self.check(&question),
                check: question,
            });
        }
        let workspace = match check {
            Check::CallModel {
                caller: Caller::Console { workspace, .. },
                ..
            }
            | Check::FineTune {
                caller: Caller::Console { workspace, .. },
                ..
            } => self.workspace_id(workspace),
            _ => None,
        };
        if let Some(ws) = workspace {
            for (_, key) in self.keys().filter(|(_, k)| k.workspace == ws) {
                let Some(question) = with_key(check, &key.label) else {
                    continue;
                };
                asked.push(Reach {
                    candidate: Candidate::Key(key.label.clone()),
                    response: self.check(&question),
                    check: question,
                });
            }
        }
        asked
    }

    /// Everything `who` can do: each workspace page it can open (operate, else view), each model
    /// it can call, run in batch, fine-tune or deploy from the console, each key it can see, the
    /// OpenAPI (a read and a write action), billing actions and features. Only allowed answers
    /// are listed, each with its trace.
    pub fn what_can(&self, who: &Who) -> Vec<Reach> {
        let mut questions = Vec::new();
        for (_, ws) in self.workspaces() {
            let workspace = ws.name.clone();
            for page in Page::ALL {
                questions.push(vec![
                    Check::OpenPage {
                        who: who.clone(),
                        workspace: workspace.clone(),
                        page: *page,
                        access: Access::Operate,
                    },
                    Check::OpenPage {
                        who: who.clone(),
                        workspace: workspace.clone(),
                        page: *page,
                        access: Access::View,
                    },
                ]);
            }
            for (_, model) in self.models() {
                let model = model.name.clone();
                let console = || Caller::Console {
                    who: who.clone(),
                    workspace: workspace.clone(),
                };
                questions.push(vec![Check::CallModel {
                    caller: console(),
                    model: model.clone(),
                }]);
                questions.push(vec![Check::BatchInference {
                    who: who.clone(),
                    workspace: workspace.clone(),
                    model: model.clone(),
                }]);
                questions.push(vec![Check::FineTune {
                    caller: console(),
                    model: model.clone(),
                }]);
                for fine_tuned in [false, true] {
                    questions.push(vec![Check::Deploy {
                        who: who.clone(),
                        workspace: workspace.clone(),
                        model: model.clone(),
                        fine_tuned,
                    }]);
                }
            }
        }
        for (_, key) in self.keys() {
            questions.push(vec![Check::ViewKey {
                who: who.clone(),
                key: key.label.clone(),
            }]);
        }
        questions.push(vec![Check::OpenSystemAdministration { who: who.clone() }]);
        let workspaces: Vec<Option<String>> = std::iter::once(None)
            .chain(self.workspaces().map(|(_, ws)| Some(ws.name.clone())))
            .collect();
        for workspace in workspaces {
            for action in ["CreateIndex", "ListIndices"] {
                questions.push(vec![Check::CallOpenapi {
                    who: who.clone(),
                    action: action.to_owned(),
                    workspace: workspace.clone(),
                }]);
            }
        }
        for action in BillingAction::ALL {
            questions.push(vec![Check::Billing {
                who: who.clone(),
                action: *action,
            }]);
        }
        for feature in Feature::ALL {
            questions.push(vec![Check::UseFeature {
                who: who.clone(),
                feature: *feature,
            }]);
        }
        let mut reached = Vec::new();
        for alternatives in questions {
            // The first allowed alternative (operate before view) is the one reported.
            for question in alternatives {
                let response = self.check(&question);
                if response.outcome == crate::outcome::Outcome::Allow {
                    reached.push(Reach {
                        candidate: Candidate::Principal(who.clone()),
                        check: question,
                        response,
                    });
                    break;
                }
            }
        }
        reached
    }
}
