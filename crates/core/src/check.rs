//! Checks (SPEC section 6): questions that change nothing, answered with a decision, the first
//! failing gate's code and the trace of every gate met.
//!
//! The evaluator is written once, generic over a [`Tracer`]: [`State::check`] records every gate
//! with the fact that decided it, [`State::decide`] records nothing and allocates nothing.

use crate::keys::KeyStatus;
use crate::outcome::Outcome;
use crate::principal::{Acting, ResolveFailure, Who};
use crate::state::{ApiKey, KeyId, Member, ModelAuth, ModelId, Owner, State, WorkspaceId};
use crate::vocab::{
    Access, BillingAction, Code, Feature, Page, PageSet, Policy, PolicySet, is_openapi_read_action,
};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use std::net::IpAddr;

/// One line of a `load`: `requests` calls with `key`, each of `tokens` tokens, from `ip`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Traffic {
    /// The key's label.
    pub key: String,
    /// How many requests in the minute.
    pub requests: u64,
    /// Tokens per request.
    pub tokens: u64,
    /// The caller's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<IpAddr>,
}

/// What a model call or fine-tune is asked through: the console or an API key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Caller {
    /// From the console, as a principal, in a workspace.
    Console {
        /// Who asks.
        who: Who,
        /// The workspace's name.
        workspace: String,
    },
    /// Through the API with a key, optionally from an address.
    Key {
        /// The key's label.
        key: String,
        /// The caller's address.
        ip: Option<IpAddr>,
    },
}

/// A check of SPEC section 6 (except `audit`, see [`crate::audit`]).
///
/// Read back by the compact decoder in `decode.rs` (the same JSON `Serialize` writes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Check {
    /// Call a model (Model experience, or a key).
    CallModel {
        /// Console or key.
        caller: Caller,
        /// The model id.
        model: String,
    },
    /// Run batch inference (console).
    BatchInference {
        /// Who asks.
        who: Who,
        /// The workspace.
        workspace: String,
        /// The model id.
        model: String,
    },
    /// Fine-tune a model (Model fine-tuning, or a key).
    FineTune {
        /// Console or key.
        caller: Caller,
        /// The model id.
        model: String,
    },
    /// Deploy a model, or a model fine-tuned from it (Model deployment).
    Deploy {
        /// Who asks.
        who: Who,
        /// The workspace.
        workspace: String,
        /// The model id.
        model: String,
        /// Deploying a fine-tuned version of the model.
        fine_tuned: bool,
    },
    /// Open a console page.
    OpenPage {
        /// Who asks.
        who: Who,
        /// The workspace.
        workspace: String,
        /// The page.
        page: Page,
        /// View or operate.
        access: Access,
    },
    /// See an API key.
    ViewKey {
        /// Who asks.
        who: Who,
        /// The key's label.
        key: String,
    },
    /// Call an application-data OpenAPI action.
    CallOpenapi {
        /// Who asks.
        who: Who,
        /// The action, e.g. `ListIndices`.
        action: String,
        /// The workspace that holds the application or knowledge base (its name or its ID):
        /// then membership of it is needed too.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        workspace: Option<String>,
    },
    /// A billing action.
    Billing {
        /// Who asks.
        who: Who,
        /// The action.
        action: BillingAction,
    },
    /// Open the System Administration page, where workspaces and accounts are managed.
    OpenSystemAdministration {
        /// Who asks.
        who: Who,
    },
    /// Use a feature.
    UseFeature {
        /// Who asks.
        who: Who,
        /// The feature.
        feature: Feature,
    },
    /// One minute of API calls.
    Load {
        /// The model called.
        model: String,
        /// The traffic, interleaved round-robin.
        traffic: Vec<Traffic>,
    },
}

impl Check {
    /// The workspace the check names, as written (a name, or for `call-openapi` a name or an
    /// ID), if it names one.
    pub fn workspace_named(&self) -> Option<&str> {
        match self {
            Check::CallModel {
                caller: Caller::Console { workspace, .. },
                ..
            }
            | Check::FineTune {
                caller: Caller::Console { workspace, .. },
                ..
            }
            | Check::BatchInference { workspace, .. }
            | Check::Deploy { workspace, .. }
            | Check::OpenPage { workspace, .. } => Some(workspace),
            Check::CallOpenapi { workspace, .. } => workspace.as_deref(),
            _ => None,
        }
    }

    /// The same question asked of `who`; `None` for a model call or fine-tune through a key and
    /// for a load, which name no one.
    pub fn asked_as(&self, who: Who) -> Option<Check> {
        let mut check = self.clone();
        match &mut check {
            Check::CallModel {
                caller: Caller::Console { who: slot, .. },
                ..
            }
            | Check::FineTune {
                caller: Caller::Console { who: slot, .. },
                ..
            }
            | Check::BatchInference { who: slot, .. }
            | Check::Deploy { who: slot, .. }
            | Check::OpenPage { who: slot, .. }
            | Check::ViewKey { who: slot, .. }
            | Check::CallOpenapi { who: slot, .. }
            | Check::Billing { who: slot, .. }
            | Check::OpenSystemAdministration { who: slot }
            | Check::UseFeature { who: slot, .. } => *slot = who,
            Check::CallModel { .. } | Check::FineTune { .. } | Check::Load { .. } => return None,
        }
        Some(check)
    }

    /// The check's `op` name.
    pub fn op(&self) -> &'static str {
        match self {
            Check::CallModel { .. } => "call-model",
            Check::BatchInference { .. } => "batch-inference",
            Check::FineTune { .. } => "fine-tune",
            Check::Deploy { .. } => "deploy",
            Check::OpenPage { .. } => "open-page",
            Check::ViewKey { .. } => "view-key",
            Check::CallOpenapi { .. } => "call-openapi",
            Check::Billing { .. } => "billing",
            Check::OpenSystemAdministration { .. } => "open-system-administration",
            Check::UseFeature { .. } => "use-feature",
            Check::Load { .. } => "load",
        }
    }
}

/// A gate of a check, in the words of SPEC section 6.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Gate {
    /// The workspace named exists (before any gate).
    WorkspaceExists,
    /// Principal resolution.
    PrincipalResolved,
    /// The Alibaba Cloud account passes everything.
    RootAccount,
    /// Member of the workspace.
    Member,
    /// A restricted page's requirement.
    PageRestriction,
    /// Viewing a page needs membership only.
    PageView,
    /// Operating a page.
    PageOperation,
    /// The key exists.
    KeyKnown,
    /// The key's status.
    KeyStatus,
    /// The key's IP whitelist.
    IpWhitelist,
    /// The model is in the catalog.
    ModelKnown,
    /// The workspace authorizes calling the model.
    CallAuthorized,
    /// The model can be fine-tuned.
    FineTunable,
    /// The workspace authorizes fine-tuning the model.
    FineTuneAuthorized,
    /// The model can be deployed.
    Deployable,
    /// The workspace authorizes deploying the model.
    DeployAuthorized,
    /// Who may see a key.
    KeyVisibility,
    /// An application-data OpenAPI policy is in effect.
    OpenapiPolicy,
    /// Write actions need the full data policy.
    OpenapiWrite,
    /// The billing policy the action needs.
    BillingPolicy,
    /// Super administrator.
    SuperAdmin,
    /// The feature is activated.
    FeatureActivated,
    /// Request and token limits during a load.
    RateLimit,
}

/// Which side of a key visibility decision a principal is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Visibility {
    /// A super administrator (or `root`) sees every key.
    SuperAdmin,
    /// An administrator of the key's workspace.
    WorkspaceAdmin,
    /// A member of the key's workspace with `APIKey-FullAccess`.
    KeyManager,
    /// The key's owner.
    Owner,
    /// The user the key was created for.
    CreatedFor,
    /// None of these.
    None,
}

/// The fact that decided a gate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "fact")]
pub enum Fact {
    /// No workspace has this name.
    NoSuchWorkspace {
        /// The name asked for.
        name: String,
    },
    /// The workspace exists.
    Workspace {
        /// Its name.
        name: String,
    },
    /// The principal resolved.
    Acting {
        /// The user, absent for `root`.
        user: Option<String>,
        /// The role acted through.
        role: Option<String>,
    },
    /// No live user has the name (it may be a role's, or deleted).
    NoSuchUser {
        /// The name.
        name: String,
    },
    /// No live role has the name.
    NoSuchRole {
        /// The name.
        name: String,
    },
    /// The role does not trust the user.
    NotTrusted {
        /// The user.
        user: String,
        /// The role.
        role: String,
    },
    /// `root` cannot act through a role.
    RootWithVia,
    /// The Alibaba Cloud account.
    IsRoot,
    /// The membership that counts.
    Membership {
        /// The workspace.
        workspace: String,
        /// The member (user or role).
        member: String,
        /// Whether the member is a role.
        role: bool,
        /// Administrator flag.
        admin: bool,
        /// Page permissions held.
        pages: PageSet,
    },
    /// No membership of the workspace.
    NoMembership {
        /// The workspace.
        workspace: String,
        /// The member asked for.
        member: String,
        /// Whether the member is a role.
        role: bool,
    },
    /// What a page needs and what is held.
    PagePermission {
        /// The page.
        page: Page,
        /// Administrator of the workspace.
        admin: bool,
        /// The page's permission is held.
        held: bool,
    },
    /// Viewing needs membership only.
    ViewOnly,
    /// No key has the label.
    NoSuchKey {
        /// The label.
        key: String,
    },
    /// A key's status.
    Key {
        /// The label.
        key: String,
        /// Its status.
        status: KeyStatus,
        /// The owner's name.
        owner: String,
        /// The key's workspace.
        workspace: String,
    },
    /// The whitelist and the caller's address.
    Whitelist {
        /// The whitelist (empty: none).
        cidrs: Vec<IpNet>,
        /// The caller's address.
        ip: Option<IpAddr>,
        /// The entry that matched.
        matched: Option<IpNet>,
    },
    /// No model has the id.
    NoSuchModel {
        /// The id.
        model: String,
    },
    /// The model's catalog entry.
    Model {
        /// The id.
        model: String,
        /// Fine-tunable.
        fine_tunable: bool,
        /// Deployable.
        deployable: bool,
    },
    /// The workspace's authorization of the model.
    Authorization {
        /// The workspace.
        workspace: String,
        /// The model.
        model: String,
        /// A default workspace authorizes everything.
        default: bool,
        /// The flags and limits.
        auth: ModelAuth,
    },
    /// Who may see a key, and why.
    KeyVisibility {
        /// The key.
        key: String,
        /// The relation that decided it.
        relation: Visibility,
    },
    /// The effective policies against the one needed.
    Policies {
        /// Effective policies.
        held: PolicySet,
        /// The policy needed.
        needed: Policy,
    },
    /// An OpenAPI action's kind.
    OpenapiAction {
        /// The action.
        action: String,
        /// Whether it only reads.
        read: bool,
        /// Effective policies.
        held: PolicySet,
    },
    /// A feature's activation.
    Feature {
        /// The feature.
        feature: Feature,
        /// Whether it is active.
        active: bool,
    },
    /// What limits did during a load.
    Limits {
        /// Requests throttled (the sum of every line's: more than a `u64` can hold).
        throttled: u128,
        /// Each limit the minute's demand went past, per workspace (none when nothing was
        /// throttled).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        over: Vec<Overrun>,
    },
}

/// Which limit of a workspace's model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LimitKind {
    /// Requests per minute.
    Rpm,
    /// Tokens per minute.
    Tpm,
}

/// A limit that a load's demand went past: the requests (or tokens) asked in the minute by the
/// traffic that passed the gates into a workspace, and the workspace's limit. A load is
/// throttled exactly when some limit is gone past.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overrun {
    /// The workspace, by name.
    pub workspace: String,
    /// Which limit.
    pub limit: LimitKind,
    /// Requests (RPM) or tokens (TPM) asked in the minute (requests times tokens: more than a
    /// `u64` can hold).
    pub asked: u128,
    /// The limit.
    pub allowed: u64,
}

/// A gate met, passed or failed, with the fact that decided it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceStep {
    /// The gate.
    pub gate: Gate,
    /// Whether it passed.
    pub passed: bool,
    /// The deciding fact.
    pub fact: Fact,
}

/// How one traffic line of a `load` fared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrafficReport {
    /// The key's label.
    pub key: String,
    /// The line's gate outcome (`allow` when every gate passes).
    pub gates: Outcome,
    /// The gates of the line.
    pub trace: Vec<TraceStep>,
    /// Requests accepted.
    pub allowed: u64,
    /// Requests throttled.
    pub throttled: u64,
    /// Requests denied by a gate.
    pub denied: u64,
}

/// The counts of a `load`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadReport {
    /// Requests accepted: the sum of every line's, which a `u64` cannot always hold.
    pub allowed: u128,
    /// Requests throttled, summed the same way.
    pub throttled: u128,
    /// Requests denied by a gate, summed the same way.
    pub denied: u128,
    /// Per traffic line.
    pub lines: Vec<TrafficReport>,
}

/// The answer to a check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// `allow`, `deny:<code>` or `error:<code>`.
    pub outcome: Outcome,
    /// Every gate met, in order.
    pub trace: Vec<TraceStep>,
    /// For a `load`, its counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load: Option<LoadReport>,
}

/// Receives the gates an evaluation meets.
pub trait Tracer {
    /// A gate met; `fact` is only called by tracers that keep facts.
    fn gate(&mut self, gate: Gate, passed: bool, fact: impl FnOnce() -> Fact);
}

/// Keeps nothing: the decision-only path.
#[derive(Clone, Copy, Debug, Default)]
pub struct Quiet;

impl Tracer for Quiet {
    #[inline]
    fn gate(&mut self, _: Gate, _: bool, _: impl FnOnce() -> Fact) {}
}

impl Tracer for Vec<TraceStep> {
    fn gate(&mut self, gate: Gate, passed: bool, fact: impl FnOnce() -> Fact) {
        self.push(TraceStep {
            gate,
            passed,
            fact: fact(),
        });
    }
}

/// A gate's verdict: passed, or the outcome it ends the check with.
type Verdict = Result<(), Outcome>;

fn gate<T: Tracer>(
    t: &mut T,
    gate: Gate,
    passed: bool,
    code: Code,
    fact: impl FnOnce() -> Fact,
) -> Verdict {
    t.gate(gate, passed, fact);
    if passed {
        Ok(())
    } else {
        Err(Outcome::Deny(code))
    }
}

/// The three levels of page access the permission matrix shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageAccess {
    /// Cannot open the page.
    None,
    /// Can view it.
    View,
    /// Can operate it.
    Operate,
}

impl State {
    /// Answers a check with its full trace.
    pub fn check(&self, check: &Check) -> Response {
        let mut trace = Vec::new();
        let (outcome, load) = self.evaluate(check, &mut trace);
        Response {
            outcome,
            trace,
            load,
        }
    }

    /// Answers a check with its decision only.
    pub fn decide(&self, check: &Check) -> Outcome {
        self.evaluate(check, &mut Quiet).0
    }

    /// Evaluates a check with any tracer.
    pub fn evaluate<T: Tracer>(&self, check: &Check, t: &mut T) -> (Outcome, Option<LoadReport>) {
        let outcome = match check {
            Check::CallModel { caller, model } => self.model_use(caller, model, Use::Call, t),
            Check::BatchInference {
                who,
                workspace,
                model,
            } => self.console_model_use(who, workspace, model, Use::Batch, t),
            Check::FineTune { caller, model } => self.model_use(caller, model, Use::FineTune, t),
            Check::Deploy {
                who,
                workspace,
                model,
                fine_tuned,
            } => {
                let mode = if *fine_tuned {
                    Use::DeployFineTuned
                } else {
                    Use::Deploy
                };
                self.console_model_use(who, workspace, model, mode, t)
            }
            Check::OpenPage {
                who,
                workspace,
                page,
                access,
            } => self.open_page(who, workspace, *page, *access, t),
            Check::ViewKey { who, key } => self.view_key(who, key, t),
            Check::CallOpenapi {
                who,
                action,
                workspace,
            } => self.call_openapi(who, action, workspace.as_deref(), t),
            Check::OpenSystemAdministration { who } => self.open_system_administration(who, t),
            Check::Billing { who, action } => self.billing(who, *action, t),
            Check::UseFeature { who, feature } => self.use_feature(who, *feature, t),
            Check::Load { model, traffic } => {
                let report = self.load(model, traffic, t);
                return (report.0, Some(report.1));
            }
        };
        (outcome.err().unwrap_or(Outcome::Allow), None)
    }

    fn find_workspace_gate<T: Tracer>(
        &self,
        name: &str,
        t: &mut T,
    ) -> Result<WorkspaceId, Outcome> {
        match self.workspace_id(name) {
            Some(ws) => Ok(ws),
            None => {
                t.gate(Gate::WorkspaceExists, false, || Fact::NoSuchWorkspace {
                    name: name.to_owned(),
                });
                Err(Outcome::Error(Code::NotFound))
            }
        }
    }

    /// Principal resolution as a gate.
    fn resolve_gate<T: Tracer>(&self, who: &Who, t: &mut T) -> Result<Acting, Outcome> {
        match self.resolve(who) {
            Ok(acting) => {
                t.gate(Gate::PrincipalResolved, true, || Fact::Acting {
                    user: (!acting.is_root()).then(|| who.name.clone()),
                    role: who.via.clone(),
                });
                Ok(acting)
            }
            Err(failure) => {
                t.gate(Gate::PrincipalResolved, false, || match failure {
                    ResolveFailure::UnknownUser => Fact::NoSuchUser {
                        name: who.name.clone(),
                    },
                    ResolveFailure::UnknownRole => Fact::NoSuchRole {
                        name: who.via.clone().unwrap_or_default(),
                    },
                    ResolveFailure::NotTrusted { .. } => Fact::NotTrusted {
                        user: who.name.clone(),
                        role: who.via.clone().unwrap_or_default(),
                    },
                    ResolveFailure::RootWithVia => Fact::RootWithVia,
                });
                Err(failure.outcome())
            }
        }
    }

    fn membership_fact(&self, member: Member, workspace: WorkspaceId) -> Fact {
        let name = self.held_member_name(member).to_owned();
        let role = matches!(member, Member::Role(_));
        let ws = self.held_workspace_name(workspace).to_owned();
        match self.membership(member, workspace) {
            Some(m) => Fact::Membership {
                workspace: ws,
                member: name,
                role,
                admin: m.admin,
                pages: m.pages,
            },
            None => Fact::NoMembership {
                workspace: ws,
                member: name,
                role,
            },
        }
    }

    /// The page gates of SPEC section 3 after principal resolution, for a resolved member
    /// (`None` is `root`). Shared by `open-page`, the console gates and the matrix.
    pub fn page_gates<T: Tracer>(
        &self,
        member: Option<Member>,
        workspace: WorkspaceId,
        page: Page,
        access: Access,
        t: &mut T,
    ) -> Verdict {
        let Some(member) = member else {
            t.gate(Gate::RootAccount, true, || Fact::IsRoot);
            return Ok(());
        };
        let membership = self.membership(member, workspace);
        gate(
            t,
            Gate::Member,
            membership.is_some(),
            Code::NotMember,
            || self.membership_fact(member, workspace),
        )?;
        let membership = membership.unwrap_or_default();
        let held = membership.pages.contains(page);
        let fact = || Fact::PagePermission {
            page,
            admin: membership.admin,
            held,
        };
        if page.is_restricted() {
            let meets = membership.admin || (page == Page::ApiKey && held);
            gate(t, Gate::PageRestriction, meets, Code::PageRestricted, fact)?;
        }
        if access == Access::View {
            t.gate(Gate::PageView, true, || Fact::ViewOnly);
            return Ok(());
        }
        gate(
            t,
            Gate::PageOperation,
            membership.admin || held,
            Code::NoOperationPermission,
            fact,
        )
    }

    /// The access a member (or `root`, as `None`) has to a page: what the matrix shows.
    pub fn page_access(
        &self,
        member: Option<Member>,
        workspace: WorkspaceId,
        page: Page,
    ) -> PageAccess {
        if self
            .page_gates(member, workspace, page, Access::Operate, &mut Quiet)
            .is_ok()
        {
            PageAccess::Operate
        } else if self
            .page_gates(member, workspace, page, Access::View, &mut Quiet)
            .is_ok()
        {
            PageAccess::View
        } else {
            PageAccess::None
        }
    }

    fn open_page<T: Tracer>(
        &self,
        who: &Who,
        workspace: &str,
        page: Page,
        access: Access,
        t: &mut T,
    ) -> Verdict {
        let ws = self.find_workspace_gate(workspace, t)?;
        let acting = self.resolve_gate(who, t)?;
        self.page_gates(acting.member(), ws, page, access, t)
    }

    /// Console gates: resolution, then (unless `root`) membership and the page operated. The
    /// pages they name are unrestricted, so these are the page gates of operating it.
    fn console_gates<T: Tracer>(
        &self,
        who: &Who,
        workspace: WorkspaceId,
        page: Page,
        t: &mut T,
    ) -> Verdict {
        let acting = self.resolve_gate(who, t)?;
        self.page_gates(acting.member(), workspace, page, Access::Operate, t)
    }

    /// The gate "key known" (`unknown-key`), traced with the key's fact when it passes.
    fn key_known_gate<T: Tracer>(&self, label: &str, t: &mut T) -> Result<&ApiKey, Outcome> {
        let Some(key) = self.key_id(label).and_then(|id| self.key(id)) else {
            t.gate(Gate::KeyKnown, false, || Fact::NoSuchKey {
                key: label.to_owned(),
            });
            return Err(Outcome::Deny(Code::UnknownKey));
        };
        t.gate(Gate::KeyKnown, true, || self.key_fact(label, key));
        Ok(key)
    }

    /// What a trace says of the key `label`: its status, owner and workspace.
    fn key_fact(&self, label: &str, key: &ApiKey) -> Fact {
        Fact::Key {
            key: label.to_owned(),
            status: self.key_status(key),
            owner: self.held_owner_name(key.owner).to_owned(),
            workspace: self.held_workspace_name(key.workspace).to_owned(),
        }
    }

    /// Key gates: known, status, whitelist. Returns the key's workspace.
    fn key_gates<T: Tracer>(
        &self,
        label: &str,
        ip: Option<IpAddr>,
        t: &mut T,
    ) -> Result<WorkspaceId, Outcome> {
        // Every gate is traced, passed or failed (SPEC section 6): the key known, its status,
        // and its whitelist (an empty one lets any caller through).
        let key = self.key_known_gate(label, t)?;
        let status_fact = || self.key_fact(label, key);
        match self.key_status(key).code() {
            Some(code) => {
                t.gate(Gate::KeyStatus, false, status_fact);
                return Err(Outcome::Deny(code));
            }
            None => t.gate(Gate::KeyStatus, true, status_fact),
        }
        let matched = ip.and_then(|ip| key.whitelist.iter().find(|net| net.contains(&ip)).copied());
        gate(
            t,
            Gate::IpWhitelist,
            key.whitelist.is_empty() || matched.is_some(),
            Code::IpNotAllowed,
            || Fact::Whitelist {
                cidrs: key.whitelist.clone(),
                ip,
                matched,
            },
        )?;
        Ok(key.workspace)
    }

    fn model_gate<T: Tracer>(&self, name: &str, t: &mut T) -> Result<ModelId, Outcome> {
        match self.model_id(name) {
            Some(id) => {
                t.gate(Gate::ModelKnown, true, || self.model_fact(id));
                Ok(id)
            }
            None => {
                t.gate(Gate::ModelKnown, false, || Fact::NoSuchModel {
                    model: name.to_owned(),
                });
                Err(Outcome::Deny(Code::UnknownModel))
            }
        }
    }

    fn model_fact(&self, id: ModelId) -> Fact {
        let model = self.model(id);
        Fact::Model {
            model: self.held_model_name(id).to_owned(),
            fine_tunable: model.is_some_and(|m| m.fine_tunable),
            deployable: model.is_some_and(|m| m.deployable),
        }
    }

    fn authorization_fact(&self, workspace: WorkspaceId, model: ModelId) -> Fact {
        Fact::Authorization {
            workspace: self.held_workspace_name(workspace).to_owned(),
            model: self.held_model_name(model).to_owned(),
            default: self.workspace(workspace).is_some_and(|w| w.default),
            auth: self.model_auth(workspace, model),
        }
    }

    /// The model gates of a use, after the console or key gates.
    fn model_gates<T: Tracer>(
        &self,
        workspace: WorkspaceId,
        model: &str,
        mode: Use,
        t: &mut T,
    ) -> Verdict {
        let id = self.model_gate(model, t)?;
        let entry = self.model(id);
        let fine_tunable = entry.is_some_and(|m| m.fine_tunable);
        let deployable = entry.is_some_and(|m| m.deployable);
        let auth = self.model_auth(workspace, id);
        let model_fact = || self.model_fact(id);
        let auth_fact = || self.authorization_fact(workspace, id);
        match mode {
            Use::Call | Use::Batch => gate(
                t,
                Gate::CallAuthorized,
                auth.call,
                Code::ModelNotAuthorized,
                auth_fact,
            ),
            Use::FineTune | Use::DeployFineTuned => {
                gate(
                    t,
                    Gate::FineTunable,
                    fine_tunable,
                    Code::NotFineTunable,
                    model_fact,
                )?;
                gate(
                    t,
                    Gate::FineTuneAuthorized,
                    auth.fine_tune,
                    Code::FineTuneNotAuthorized,
                    auth_fact,
                )
            }
            Use::Deploy => {
                gate(
                    t,
                    Gate::Deployable,
                    deployable,
                    Code::NotDeployable,
                    model_fact,
                )?;
                gate(
                    t,
                    Gate::DeployAuthorized,
                    auth.deploy,
                    Code::DeployNotAuthorized,
                    auth_fact,
                )
            }
        }
    }

    fn model_use<T: Tracer>(&self, caller: &Caller, model: &str, mode: Use, t: &mut T) -> Verdict {
        match caller {
            Caller::Console { who, workspace } => {
                self.console_model_use(who, workspace, model, mode, t)
            }
            Caller::Key { key, ip } => {
                let ws = self.key_gates(key, *ip, t)?;
                self.model_gates(ws, model, mode, t)
            }
        }
    }

    fn console_model_use<T: Tracer>(
        &self,
        who: &Who,
        workspace: &str,
        model: &str,
        mode: Use,
        t: &mut T,
    ) -> Verdict {
        let ws = self.find_workspace_gate(workspace, t)?;
        self.console_gates(who, ws, mode.page(), t)?;
        self.model_gates(ws, model, mode, t)
    }

    fn view_key<T: Tracer>(&self, who: &Who, label: &str, t: &mut T) -> Verdict {
        let key = self.key_known_gate(label, t)?;
        let acting = self.resolve_gate(who, t)?;
        let relation = self.key_relation(acting, key.workspace, key.owner, key.created_for);
        gate(
            t,
            Gate::KeyVisibility,
            relation != Visibility::None,
            Code::NoKeyPermission,
            || Fact::KeyVisibility {
                key: label.to_owned(),
                relation,
            },
        )
    }

    /// Why (or whether) a principal sees a key (SPEC section 5).
    pub fn key_relation(
        &self,
        acting: Acting,
        workspace: WorkspaceId,
        owner: Owner,
        created_for: Owner,
    ) -> Visibility {
        if self.is_super_admin(acting) {
            return Visibility::SuperAdmin;
        }
        let membership = acting.member().and_then(|m| self.membership(m, workspace));
        if membership.is_some_and(|m| m.admin) {
            return Visibility::WorkspaceAdmin;
        }
        if membership.is_some_and(|m| m.pages.contains(Page::ApiKey)) {
            return Visibility::KeyManager;
        }
        // Its own: a user's as itself; a role's to anyone acting through the role.
        let own = match acting {
            Acting::Root => None,
            Acting::User(user) => Some(Owner::User(user)),
            Acting::Assumed { role, .. } => Some(Owner::Role(role)),
        };
        if own.is_some_and(|own| own == owner) {
            return Visibility::Owner;
        }
        if own.is_some_and(|own| own == created_for) {
            return Visibility::CreatedFor;
        }
        Visibility::None
    }

    /// Whether a principal may see a key.
    pub fn may_view_key(&self, acting: Acting, key: KeyId) -> bool {
        self.key(key).is_some_and(|k| {
            self.key_relation(acting, k.workspace, k.owner, k.created_for) != Visibility::None
        })
    }

    fn call_openapi<T: Tracer>(
        &self,
        who: &Who,
        action: &str,
        workspace: Option<&str>,
        t: &mut T,
    ) -> Verdict {
        let ws = match workspace {
            None => None,
            Some(name) => match self.workspace_by_name_or_id(name) {
                Some(ws) => Some(ws),
                None => {
                    t.gate(Gate::WorkspaceExists, false, || Fact::NoSuchWorkspace {
                        name: name.to_owned(),
                    });
                    return Err(Outcome::Error(Code::NotFound));
                }
            },
        };
        let acting = self.resolve_gate(who, t)?;
        if acting.is_root() {
            t.gate(Gate::RootAccount, true, || Fact::IsRoot);
            return Ok(());
        }
        let held = self.effective_policies(acting);
        let any = held.contains(Policy::AliyunBailianDataReadOnlyAccess);
        gate(
            t,
            Gate::OpenapiPolicy,
            any,
            Code::NoOpenapiPermission,
            || Fact::Policies {
                held,
                needed: Policy::AliyunBailianDataReadOnlyAccess,
            },
        )?;
        let read = is_openapi_read_action(action);
        gate(
            t,
            Gate::OpenapiWrite,
            read || held.contains(Policy::AliyunBailianDataFullAccess),
            Code::OpenapiReadOnly,
            || Fact::OpenapiAction {
                action: action.to_owned(),
                read,
                held,
            },
        )?;
        match (ws, acting.member()) {
            (Some(ws), Some(member)) => gate(
                t,
                Gate::Member,
                self.membership(member, ws).is_some(),
                Code::NotMember,
                || self.membership_fact(member, ws),
            ),
            _ => Ok(()),
        }
    }

    fn open_system_administration<T: Tracer>(&self, who: &Who, t: &mut T) -> Verdict {
        let acting = self.resolve_gate(who, t)?;
        let held = self.effective_policies(acting);
        gate(
            t,
            Gate::SuperAdmin,
            self.is_super_admin(acting),
            Code::NotSuperAdmin,
            || Fact::Policies {
                held,
                needed: Policy::AliyunBailianFullAccess,
            },
        )
    }

    fn billing<T: Tracer>(&self, who: &Who, action: BillingAction, t: &mut T) -> Verdict {
        let acting = self.resolve_gate(who, t)?;
        if acting.is_root() {
            t.gate(Gate::RootAccount, true, || Fact::IsRoot);
            return Ok(());
        }
        let held = self.effective_policies(acting);
        let needed = match action {
            BillingAction::ViewBills => Policy::AliyunBssReadOnlyAccess,
            BillingAction::Purchase | BillingAction::PayOrder => Policy::AliyunBssOrderAccess,
        };
        gate(
            t,
            Gate::BillingPolicy,
            held.contains(needed),
            Code::NoBillingPermission,
            || Fact::Policies { held, needed },
        )?;
        // A Model Studio order also needs management permission; other products do not.
        if action != BillingAction::PayOrder {
            return Ok(());
        }
        gate(
            t,
            Gate::SuperAdmin,
            held.contains(Policy::AliyunBailianFullAccess),
            Code::NotSuperAdmin,
            || Fact::Policies {
                held,
                needed: Policy::AliyunBailianFullAccess,
            },
        )
    }

    fn use_feature<T: Tracer>(&self, who: &Who, feature: Feature, t: &mut T) -> Verdict {
        self.resolve_gate(who, t)?;
        let active = self.data().features.contains(feature);
        gate(
            t,
            Gate::FeatureActivated,
            active,
            Code::NotActivated,
            || Fact::Feature { feature, active },
        )
    }

    /// One minute of API calls (SPEC section 6, Load).
    fn load<T: Tracer>(
        &self,
        model: &str,
        traffic: &[Traffic],
        t: &mut T,
    ) -> (Outcome, LoadReport) {
        struct Line {
            remaining: u64,
            tokens: u64,
            gates: Outcome,
            bucket: Option<usize>,
        }
        // Limits are counted per workspace; one model is called, so one bucket per workspace.
        struct Bucket {
            rpm: Option<u64>,
            tpm: Option<u64>,
            requests: u128,
            tokens: u128,
        }
        let mut buckets: Vec<(WorkspaceId, Bucket)> = Vec::new();
        let mut report = LoadReport::default();
        let mut lines = Vec::with_capacity(traffic.len());
        for entry in traffic {
            let mut trace = Vec::new();
            let verdict = self
                .key_gates(&entry.key, entry.ip, &mut trace)
                .and_then(|ws| {
                    self.model_gates(ws, model, Use::Call, &mut trace)
                        .map(|()| ws)
                });
            let (gates, bucket) = match verdict {
                Ok(ws) => {
                    let auth = self
                        .model_id(model)
                        .map(|m| self.model_auth(ws, m))
                        .unwrap_or_default();
                    let at = match buckets.iter().position(|(w, _)| *w == ws) {
                        Some(at) => at,
                        None => {
                            buckets.push((
                                ws,
                                Bucket {
                                    rpm: auth.rpm,
                                    tpm: auth.tpm,
                                    requests: 0,
                                    tokens: 0,
                                },
                            ));
                            buckets.len() - 1
                        }
                    };
                    (Outcome::Allow, Some(at))
                }
                Err(outcome) => (outcome, None),
            };
            lines.push(Line {
                remaining: entry.requests,
                tokens: entry.tokens,
                gates,
                bucket,
            });
            report.lines.push(TrafficReport {
                key: entry.key.clone(),
                gates,
                trace,
                allowed: 0,
                throttled: 0,
                denied: 0,
            });
        }
        // One round sends one request of every line that has any left, in traffic order. Bucket
        // counters only grow, so a request throttled once is throttled in every later round: a
        // line is either accepting or throttled for good. As long as every accepting line of a
        // bucket fits, rounds repeat exactly; how many fit is closed-form (`repeatable_rounds`),
        // and they are counted in one step. The round after them is sent request by request and
        // turns at least one line from accepting to throttled (or a line runs out), so a load
        // takes at most a few rounds per traffic line, whatever its request counts and limits.
        let first_denied = lines
            .iter()
            .position(|line| line.remaining > 0 && line.bucket.is_none());
        let first_denial = first_denied
            .and_then(|at| lines.get(at))
            .map(|line| line.gates);
        let accepts = |bucket: &Bucket, tokens: u64| {
            let over_rpm = bucket
                .rpm
                .is_some_and(|rpm| bucket.requests >= u128::from(rpm));
            let over_tpm = bucket.tpm.is_some_and(|tpm| {
                bucket.tokens.saturating_add(u128::from(tokens)) > u128::from(tpm)
            });
            !(over_rpm || over_tpm)
        };
        loop {
            let pending: Vec<usize> = (0..lines.len())
                .filter(|&at| lines.get(at).is_some_and(|line| line.remaining > 0))
                .collect();
            if pending.is_empty() {
                break;
            }
            // Per bucket: how many of its pending lines accept, and their tokens per round.
            let mut per_round: Vec<(u128, u128)> = vec![(0, 0); buckets.len()];
            let mut accepting = vec![false; lines.len()];
            for &at in &pending {
                let Some(line) = lines.get(at) else { continue };
                let Some(b) = line.bucket else { continue };
                let (Some((_, bucket)), Some(sum)) = (buckets.get(b), per_round.get_mut(b)) else {
                    continue;
                };
                if accepts(bucket, line.tokens) {
                    sum.0 += 1;
                    sum.1 = sum.1.saturating_add(u128::from(line.tokens));
                    if let Some(flag) = accepting.get_mut(at) {
                        *flag = true;
                    }
                }
            }
            let rounds = repeatable_rounds(
                pending
                    .iter()
                    .filter_map(|&at| lines.get(at))
                    .map(|line| line.remaining),
                buckets
                    .iter()
                    .zip(&per_round)
                    .map(|((_, bucket), &(n, tokens))| {
                        (
                            bucket.rpm,
                            bucket.tpm,
                            bucket.requests,
                            bucket.tokens,
                            n,
                            tokens,
                        )
                    }),
            );
            if rounds > 0 {
                for &at in &pending {
                    let (Some(line), Some(out)) = (lines.get_mut(at), report.lines.get_mut(at))
                    else {
                        continue;
                    };
                    line.remaining -= rounds;
                    let count = match (line.bucket, accepting.get(at).copied()) {
                        (None, _) => &mut out.denied,
                        (Some(_), Some(true)) => &mut out.allowed,
                        (Some(_), _) => &mut out.throttled,
                    };
                    *count = count.saturating_add(rounds);
                }
                for ((_, bucket), &(n, tokens)) in buckets.iter_mut().zip(&per_round) {
                    let rounds = u128::from(rounds);
                    bucket.requests = bucket.requests.saturating_add(rounds.saturating_mul(n));
                    bucket.tokens = bucket.tokens.saturating_add(rounds.saturating_mul(tokens));
                }
                continue;
            }
            // The round where a limit is reached, request by request.
            for &at in &pending {
                let (Some(line), Some(out)) = (lines.get_mut(at), report.lines.get_mut(at)) else {
                    continue;
                };
                line.remaining -= 1;
                match line.bucket.and_then(|b| buckets.get_mut(b)) {
                    None => out.denied = out.denied.saturating_add(1),
                    Some((_, bucket)) if accepts(bucket, line.tokens) => {
                        bucket.requests = bucket.requests.saturating_add(1);
                        bucket.tokens = bucket.tokens.saturating_add(u128::from(line.tokens));
                        out.allowed = out.allowed.saturating_add(1);
                    }
                    Some(_) => out.throttled = out.throttled.saturating_add(1),
                }
            }
        }
        for line in &report.lines {
            // Fewer than 2^64 lines of at most u64::MAX each: a u128 holds the sum exactly, and
            // never saturates.
            report.allowed = report.allowed.saturating_add(u128::from(line.allowed));
            report.throttled = report.throttled.saturating_add(u128::from(line.throttled));
            report.denied = report.denied.saturating_add(u128::from(line.denied));
        }
        // The gates of the line whose denial decides the load, so that the trace shows the gate
        // its decision comes from.
        if let Some(line) = first_denied.and_then(|at| report.lines.get(at)) {
            for step in &line.trace {
                t.gate(step.gate, step.passed, || step.fact.clone());
            }
        }
        let throttled = report.throttled;
        t.gate(Gate::RateLimit, throttled == 0, || Fact::Limits {
            throttled,
            over: buckets
                .iter()
                .enumerate()
                .flat_map(|(at, (ws, bucket))| {
                    // What the lines that reached this workspace asked in the minute.
                    let (requests, tokens) = lines
                        .iter()
                        .zip(traffic)
                        .filter(|(line, _)| line.bucket == Some(at))
                        .fold((0u128, 0u128), |(r, k), (_, entry)| {
                            let asked = u128::from(entry.requests);
                            (
                                r.saturating_add(asked),
                                k.saturating_add(asked.saturating_mul(u128::from(entry.tokens))),
                            )
                        });
                    let workspace = self.held_workspace_name(*ws);
                    [
                        (LimitKind::Rpm, bucket.rpm, requests),
                        (LimitKind::Tpm, bucket.tpm, tokens),
                    ]
                    .into_iter()
                    .filter_map(move |(limit, allowed, asked)| {
                        let allowed = allowed?;
                        (asked > u128::from(allowed)).then(|| Overrun {
                            workspace: workspace.to_owned(),
                            limit,
                            asked,
                            allowed,
                        })
                    })
                })
                .collect(),
        });
        let outcome = match first_denial {
            Some(outcome) => outcome,
            None if throttled > 0 => Outcome::Deny(Code::RateLimited),
            None => Outcome::Allow,
        };
        (outcome, report)
    }
}

/// How many rounds of a load repeat the next one exactly: every pending line sends one request
/// in each (so none may run out before the last: at most the smallest `remaining`), and every
/// accepting line of a bucket is accepted in each. For a bucket whose `n` accepting lines send
/// `tokens` tokens a round, after `k` such rounds its counters have grown by `k·n` requests and
/// `k·tokens` tokens, and the last of its requests in round `k` is accepted exactly when
/// `requests + k·n ≤ rpm` and `used tokens + k·tokens ≤ tpm`.
fn repeatable_rounds(
    remaining: impl Iterator<Item = u64>,
    buckets: impl Iterator<Item = (Option<u64>, Option<u64>, u128, u128, u128, u128)>,
) -> u64 {
    let mut rounds = u128::from(remaining.min().unwrap_or(0));
    for (rpm, tpm, requests, tokens, n, per_round) in buckets {
        if n == 0 {
            continue;
        }
        if let Some(rpm) = rpm {
            rounds = rounds.min(u128::from(rpm).saturating_sub(requests) / n);
        }
        if let (Some(tpm), true) = (tpm, per_round > 0) {
            rounds = rounds.min(u128::from(tpm).saturating_sub(tokens) / per_round);
        }
    }
    u64::try_from(rounds).unwrap_or(u64::MAX)
}

/// What a model is used for, which decides the page and the model gates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    Call,
    Batch,
    FineTune,
    Deploy,
    DeployFineTuned,
}

impl Use {
    fn page(self) -> Page {
        match self {
            Use::Call => Page::ModelExperience,
            Use::Batch => Page::BatchInference,
            Use::FineTune => Page::ModelFineTuning,
            Use::Deploy | Use::DeployFineTuned => Page::ModelDeployment,
        }
    }
}
