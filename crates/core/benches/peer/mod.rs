//! The benchmark peer: the same organisation and the same questions encoded in Cedar, so both
//! engines answer one set of questions. Shared by the benchmark and by the test that checks both
//! engines agree on every benchmarked question.
//!
//! Encoding. Each workspace `w` has groups `w/member`, `w/admin` and `w/page/<permission>`; a
//! user or role is a child of the groups its membership puts it in. Each (workspace, page) is a
//! `Page` resource whose attributes point at those groups and say how it is restricted. Each key
//! is a `Key` principal whose status (derived by us when encoding: Cedar has no notion of it) and
//! workspace are attributes; each (workspace, model) is a `Grant` resource with its `call` flag.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)] // Benchmark set-up: a failure is a bug.

use cedar_policy::{
    Authorizer, Context, Decision, Entities, EntityId, EntityTypeName, EntityUid, PolicySet,
    Request,
};
use serde_json::{Value, json};
use std::str::FromStr;
use studio_access_core::{
    Access, Caller, Check, KeyStatus, Member, Outcome, Page, State, Who, WorkspaceId,
};

/// Whether a member may open a page, in ids: what the matrix asks.
#[derive(Clone, Copy, Debug)]
pub struct PageQuestion {
    /// `None` is `root`.
    pub member: Option<Member>,
    /// The workspace.
    pub workspace: WorkspaceId,
    /// The page.
    pub page: Page,
    /// View or operate.
    pub access: Access,
}

/// A benchmarked question, in terms both engines understand.
#[derive(Clone, Debug)]
pub enum Question {
    /// May this member (or `root`) open this page of this workspace this way?
    OpenPage(PageQuestion),
    /// May a call with this key reach this model?
    KeyCall {
        /// The key's label.
        key: String,
        /// The model.
        model: String,
    },
}

const POLICIES: &str = r#"
permit(principal == User::"root", action, resource);

permit(principal, action == Action::"view", resource is Page)
when { resource.restriction == "none" && principal in resource.members };

permit(principal, action == Action::"operate", resource is Page)
when { resource.restriction == "none" && (principal in resource.admins || principal in resource.holders) };

permit(principal, action in [Action::"view", Action::"operate"], resource is Page)
when { resource.restriction == "keys" && (principal in resource.admins || principal in resource.holders) };

permit(principal, action in [Action::"view", Action::"operate"], resource is Page)
when { resource.restriction == "permissions" && principal in resource.admins };

permit(principal is Key, action == Action::"call", resource is Grant)
when { principal.active && resource.call && principal.workspace == resource.workspace };
"#;

fn uid(kind: &str, id: &str) -> EntityUid {
    EntityUid::from_type_name_and_id(EntityTypeName::from_str(kind).unwrap(), EntityId::new(id))
}

fn reference(kind: &str, id: &str) -> Value {
    json!({ "__entity": { "type": kind, "id": id } })
}

fn principal_uid(member: Option<Member>) -> EntityUid {
    match member {
        None => uid("User", "root"),
        Some(Member::User(id)) => uid("User", &format!("u{}", id.0)),
        Some(Member::Role(id)) => uid("Role", &format!("r{}", id.0)),
    }
}

fn page_id(workspace: WorkspaceId, page: Page) -> String {
    format!("{}/{}", workspace.0, page.as_str())
}

/// The organisation in Cedar, with an authorizer.
pub struct CedarPeer {
    policies: PolicySet,
    entities: Entities,
    authorizer: Authorizer,
    view: EntityUid,
    operate: EntityUid,
    call: EntityUid,
}

impl CedarPeer {
    /// Encodes a state.
    pub fn encode(state: &State) -> CedarPeer {
        let mut entities: Vec<Value> = Vec::new();
        let group = |name: String| json!({ "uid": { "type": "Group", "id": name }, "attrs": {}, "parents": [] });
        for (ws, _) in state.workspaces() {
            entities.push(group(format!("{}/member", ws.0)));
            entities.push(group(format!("{}/admin", ws.0)));
            for page in Page::ALL {
                entities.push(group(format!("{}/page/{}", ws.0, page.as_str())));
                let restriction = match page {
                    Page::ApiKey => "keys",
                    Page::Permissions => "permissions",
                    _ => "none",
                };
                entities.push(json!({
                    "uid": { "type": "Page", "id": page_id(ws, *page) },
                    "attrs": {
                        "restriction": restriction,
                        "members": reference("Group", &format!("{}/member", ws.0)),
                        "admins": reference("Group", &format!("{}/admin", ws.0)),
                        "holders": reference("Group", &format!("{}/page/{}", ws.0, page.as_str())),
                    },
                    "parents": []
                }));
            }
            for (model, _) in state.models() {
                entities.push(json!({
                    "uid": { "type": "Grant", "id": format!("{}/{}", ws.0, state.model_name(model).unwrap_or_default()) },
                    "attrs": {
                        "call": state.model_auth(ws, model).call,
                        "workspace": reference("Workspace", &ws.0.to_string()),
                    },
                    "parents": []
                }));
            }
            entities.push(json!({ "uid": { "type": "Workspace", "id": ws.0.to_string() }, "attrs": {}, "parents": [] }));
        }
        for member in state.live_members() {
            let mut parents = Vec::new();
            for (ws, membership) in state.memberships(member).into_iter().flatten() {
                parents.push(json!({ "type": "Group", "id": format!("{}/member", ws.0) }));
                if membership.admin {
                    parents.push(json!({ "type": "Group", "id": format!("{}/admin", ws.0) }));
                }
                for page in membership.pages.iter() {
                    parents.push(json!({ "type": "Group", "id": format!("{}/page/{}", ws.0, page.as_str()) }));
                }
            }
            let (kind, id) = match member {
                Member::User(id) => ("User", format!("u{}", id.0)),
                Member::Role(id) => ("Role", format!("r{}", id.0)),
            };
            entities.push(
                json!({ "uid": { "type": kind, "id": id }, "attrs": {}, "parents": parents }),
            );
        }
        for (_, key) in state.keys() {
            entities.push(json!({
                "uid": { "type": "Key", "id": key.label },
                "attrs": {
                    "active": state.key_status(key) == KeyStatus::Active,
                    "workspace": reference("Workspace", &key.workspace.0.to_string()),
                },
                "parents": []
            }));
        }
        CedarPeer {
            policies: PolicySet::from_str(POLICIES).expect("the peer's policies parse"),
            entities: Entities::from_json_value(Value::Array(entities), None)
                .expect("the peer's entities parse"),
            authorizer: Authorizer::new(),
            view: uid("Action", "view"),
            operate: uid("Action", "operate"),
            call: uid("Action", "call"),
        }
    }

    /// The Cedar request for a question.
    pub fn request(&self, state: &State, question: &Question) -> Request {
        let (principal, action, resource) = match question {
            Question::OpenPage(q) => (
                principal_uid(q.member),
                match q.access {
                    Access::View => self.view.clone(),
                    Access::Operate => self.operate.clone(),
                },
                uid("Page", &page_id(q.workspace, q.page)),
            ),
            Question::KeyCall { key, model } => {
                let workspace = state
                    .key_id(key)
                    .and_then(|id| state.key(id))
                    .map_or(usize::MAX, |k| k.workspace.0);
                (
                    uid("Key", key),
                    self.call.clone(),
                    uid("Grant", &format!("{workspace}/{model}")),
                )
            }
        };
        Request::new(principal, action, resource, Context::empty(), None).expect("a valid request")
    }

    /// Cedar's decision on a prepared request.
    pub fn is_allowed(&self, request: &Request) -> bool {
        self.authorizer
            .is_authorized(request, &self.policies, &self.entities)
            .decision()
            == Decision::Allow
    }
}

/// The same question as our check.
pub fn check(state: &State, question: &Question) -> Check {
    match question {
        Question::OpenPage(q) => {
            let who = match q.member {
                None => Who::root(),
                Some(member @ Member::User(_)) => {
                    Who::user(state.member_name(member).unwrap_or_default())
                }
                Some(Member::Role(role)) => {
                    let trusted = state
                        .role(role)
                        .and_then(|r| r.trusted.iter().next().copied())
                        .expect("a trusted user");
                    Who::via(
                        state.member_name(Member::User(trusted)).unwrap_or_default(),
                        state.member_name(Member::Role(role)).unwrap_or_default(),
                    )
                }
            };
            Check::OpenPage {
                who,
                workspace: state
                    .workspace_name(q.workspace)
                    .unwrap_or_default()
                    .to_owned(),
                page: q.page,
                access: q.access,
            }
        }
        Question::KeyCall { key, model } => Check::CallModel {
            caller: Caller::Key {
                key: key.clone(),
                ip: None,
            },
            model: model.clone(),
        },
    }
}

/// Our decision through the id-level page rules (what the matrix uses) or the key call check.
pub fn ours_allowed(state: &State, question: &Question) -> bool {
    match question {
        Question::OpenPage(q) => state
            .page_gates(
                q.member,
                q.workspace,
                q.page,
                q.access,
                &mut studio_access_core::Quiet,
            )
            .is_ok(),
        Question::KeyCall { .. } => state.decide(&check(state, question)) == Outcome::Allow,
    }
}

/// A spread of questions over an organisation: members and non-members, every page, both
/// accesses, roles, root, and keys to authorized and unauthorized models.
pub fn questions(state: &State, count: usize) -> Vec<Question> {
    let members: Vec<Member> = state.live_members().collect();
    let workspaces: Vec<WorkspaceId> = state.workspaces().map(|(id, _)| id).collect();
    let keys: Vec<String> = state.keys().map(|(_, k)| k.label.clone()).collect();
    let models = ["qwen-plus", "qwen-max", "qwen-turbo"];
    let mut questions = Vec::with_capacity(count);
    let mut at = 0usize;
    while questions.len() < count {
        at += 1;
        if at.is_multiple_of(4) && !keys.is_empty() {
            questions.push(Question::KeyCall {
                key: keys[(at * 7) % keys.len()].clone(),
                model: models[at % models.len()].to_owned(),
            });
            continue;
        }
        let member = if at.is_multiple_of(97) {
            None
        } else {
            Some(members[(at * 13) % members.len()])
        };
        // Half the questions ask about a workspace the member belongs to.
        let workspace = match member
            .and_then(|m| state.memberships(m))
            .and_then(|all| all.keys().next().copied())
        {
            Some(ws) if at.is_multiple_of(2) => ws,
            _ => workspaces[(at * 5) % workspaces.len()],
        };
        questions.push(Question::OpenPage(PageQuestion {
            member,
            workspace,
            page: Page::ALL[at % Page::ALL.len()],
            access: if at.is_multiple_of(3) {
                Access::View
            } else {
                Access::Operate
            },
        }));
    }
    questions
}
