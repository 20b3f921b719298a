//! Access diffs: what changes between two states, in terms of access. Used to preview a command
//! before it is applied (what-if), and to compare two saved states or two points of the log.
//!
//! Two states are matched by name (users and roles by kind and name, workspaces by name, keys by
//! label), so a diff also works between a state and an imported file. A workspace whose name is
//! on one side only is matched to the live workspace with the same ID and region on the other
//! side whose name is also on that side only: it was renamed. A rename is listed in
//! [`AccessDiff::renamed`], and the access in it is compared under its new name, so a rename
//! alone is no change in access.

use crate::audit::Finding;
use crate::check::PageAccess;
use crate::command::{Command, MemberName, Refusal};
use crate::keys::KeyStatus;
use crate::ordered;
use crate::principal::Who;
use crate::state::{Member, ModelAuth, State, WorkspaceId};
use crate::vocab::{Feature, FindingCode, Page, PolicySet};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// A principal's access to one page of one workspace changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageChange {
    /// Whose access.
    pub principal: MemberName,
    /// In which workspace.
    pub workspace: String,
    /// Which page.
    pub page: Page,
    /// Access before.
    pub before: PageAccess,
    /// Access after.
    pub after: PageAccess,
}

/// A principal's effective policies changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyChange {
    /// Whose policies.
    pub principal: MemberName,
    /// Effective policies before (empty when it did not exist).
    pub before: PolicySet,
    /// Effective policies after (empty when it no longer exists).
    pub after: PolicySet,
}

/// A workspace's authorization of a model changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelChange {
    /// The workspace.
    pub workspace: String,
    /// The model.
    pub model: String,
    /// Before (nothing when the workspace or model did not exist).
    pub before: ModelAuth,
    /// After.
    pub after: ModelAuth,
}

/// A key's status changed (or it appeared).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyChange {
    /// The key's label.
    pub key: String,
    /// Status before; `None` when the key did not exist.
    pub before: Option<KeyStatus>,
    /// Status after; `None` when the key does not exist.
    pub after: Option<KeyStatus>,
}

/// A feature activated or deactivated: `use-feature` (SPEC section 6) is allowed to every
/// principal that resolves once its feature is activated, so this is access gained or lost by
/// everyone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureChange {
    /// The feature.
    pub feature: Feature,
    /// Whether it was activated before.
    pub before: bool,
    /// Whether it is activated after.
    pub after: bool,
}

/// A user trusted, or no longer trusted, to assume a role: it gains or loses acting with the
/// role's policies and memberships (SPEC section 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustChange {
    /// The role's name.
    pub role: String,
    /// The user's name.
    pub user: String,
    /// Whether the user was trusted before.
    pub before: bool,
    /// Whether the user is trusted after.
    pub after: bool,
}

/// A user or role that exists on one side only (created, deleted, or in another state
/// altogether). Not a change in access by itself: what it held or gains is listed as such.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberChange {
    /// The user or role.
    pub member: MemberName,
    /// Whether it existed before.
    pub before: bool,
    /// Whether it exists after.
    pub after: bool,
}

/// A key's IP whitelist changed: the caller addresses its calls are allowed from (an empty
/// whitelist allows any address).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhitelistChange {
    /// The key's label.
    pub key: String,
    /// The whitelist before.
    pub before: Vec<IpNet>,
    /// The whitelist after.
    pub after: Vec<IpNet>,
}

impl WhitelistChange {
    /// Whether a caller address allowed `forward` after the change (or, backward, before it)
    /// was not allowed on the other side.
    fn opens(&self, forward: bool) -> bool {
        let (from, to) = way(forward, &self.before, &self.after);
        !from.is_empty()
            && (to.is_empty() || to.iter().any(|net| !from.iter().any(|f| f.contains(net))))
    }
}

/// A workspace that was renamed: the same workspace (same ID and region) under a new name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceRename {
    /// Its name before.
    pub from: String,
    /// Its name after.
    pub to: String,
}

/// Everything that changes in access between two states.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessDiff {
    /// Page access gained or lost.
    pub pages: Vec<PageChange>,
    /// Effective policies changed.
    pub policies: Vec<PolicyChange>,
    /// Model authorizations changed.
    pub models: Vec<ModelChange>,
    /// Features activated or deactivated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<FeatureChange>,
    /// Users trusted, or no longer trusted, to assume a role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trusts: Vec<TrustChange>,
    /// Keys whose status changed.
    pub keys: Vec<KeyChange>,
    /// Keys, on both sides and deleted on neither, whose IP whitelist lets in or keeps out an
    /// address it did not before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub whitelists: Vec<WhitelistChange>,
    /// Audit findings that appear.
    pub findings_raised: Vec<Finding>,
    /// Audit findings that clear.
    pub findings_cleared: Vec<Finding>,
    /// Users and roles that exist on one side only (not a change in access by itself).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MemberChange>,
    /// Workspaces renamed (not a change in access: their access is compared under the new name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renamed: Vec<WorkspaceRename>,
}

impl AccessDiff {
    /// Whether nothing changes in access (a rename alone is no change in access; see
    /// [`AccessDiff::renamed`]).
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
            && self.policies.is_empty()
            && self.models.is_empty()
            && self.features.is_empty()
            && self.trusts.is_empty()
            && self.keys.is_empty()
            && self.whitelists.is_empty()
            && self.findings_raised.is_empty()
            && self.findings_cleared.is_empty()
    }

    /// Whether the change widens access: a page gained, a policy added, a model flag turned on or
    /// a limit lifted, a feature activated, a user trusted to assume a role, a key becoming
    /// active, or a key's whitelist letting in an address it kept out.
    pub fn widens(&self) -> bool {
        self.opens(true)
    }

    /// Whether the change narrows access: the mirror of [`AccessDiff::widens`].
    pub fn narrows(&self) -> bool {
        self.opens(false)
    }

    /// Whether anything opens going `forward` from before to after, or, backward, from after to
    /// before (what the change closes).
    fn opens(&self, forward: bool) -> bool {
        self.pages.iter().any(|c| {
            let (from, to) = way(forward, c.before, c.after);
            to > from
        }) || self.policies.iter().any(|c| {
            let (from, to) = way(forward, c.before, c.after);
            to.iter().any(|p| !from.contains(p))
        }) || self.models.iter().any(|c| {
            let (from, to) = way(forward, c.before, c.after);
            model_opens(from, to)
        }) || self.features.iter().any(|c| {
            let (from, to) = way(forward, c.before, c.after);
            to && !from
        }) || self.trusts.iter().any(|c| {
            let (from, to) = way(forward, c.before, c.after);
            to && !from
        }) || self.keys.iter().any(|c| {
            let (from, to) = way(forward, c.before, c.after);
            to == Some(KeyStatus::Active) && from != Some(KeyStatus::Active)
        }) || self.whitelists.iter().any(|c| c.opens(forward))
    }
}

impl AccessDiff {
    /// Only the access gained: pages gained, policies added, features activated, users trusted
    /// to assume a role, and the model changes that turn a flag on or lift a limit on calls (listed whole, as the two states
    /// hold them; one that also narrows is listed in [`AccessDiff::losses`] too). Keys and
    /// audit findings are left out; they are listed on their own.
    pub fn gains(&self) -> AccessDiff {
        self.one_way(true)
    }

    /// Only the access lost: the mirror of [`AccessDiff::gains`].
    pub fn losses(&self) -> AccessDiff {
        self.one_way(false)
    }

    fn one_way(&self, widening: bool) -> AccessDiff {
        let pages = self
            .pages
            .iter()
            .filter(|c| (c.after > c.before) == widening && c.after != c.before)
            .cloned()
            .collect();
        let policies = self
            .policies
            .iter()
            .filter_map(|c| {
                // Widening keeps the policies added on top of those before; narrowing keeps
                // those before that remain.
                let after = if widening {
                    c.after.iter().fold(c.before, PolicySet::with)
                } else {
                    c.before
                        .iter()
                        .filter(|p| c.after.contains(*p))
                        .fold(PolicySet::EMPTY, PolicySet::with)
                };
                (after != c.before).then(|| PolicyChange {
                    principal: c.principal.clone(),
                    before: c.before,
                    after,
                })
            })
            .collect();
        // A model change is listed whole, its before and after as the two states hold them,
        // under each way it moves access.
        let models = self
            .models
            .iter()
            .filter(|c| {
                let (from, to) = way(widening, c.before, c.after);
                model_opens(from, to)
            })
            .cloned()
            .collect();
        let features = self
            .features
            .iter()
            .filter(|c| c.after == widening)
            .cloned()
            .collect();
        let trusts = self
            .trusts
            .iter()
            .filter(|c| c.after == widening)
            .cloned()
            .collect();
        AccessDiff {
            pages,
            policies,
            models,
            features,
            trusts,
            ..AccessDiff::default()
        }
    }
}

/// The trusts of live roles in `state`, as (role, user) names.
fn trusts(state: &State) -> BTreeSet<(&str, &str)> {
    ordered::set(state.live_roles().flat_map(|(_, role)| {
        role.trusted
            .iter()
            .filter_map(|id| state.user(*id).filter(|user| !user.deleted))
            .map(|user| (role.name.as_str(), user.name.as_str()))
    }))
}

/// The users trusted to assume a role on one side only, by role then user.
fn trust_changes(before: &State, after: &State) -> Vec<TrustChange> {
    let (had, has) = (trusts(before), trusts(after));
    let change = |&(role, user): &(&str, &str), was: bool| TrustChange {
        role: role.to_owned(),
        user: user.to_owned(),
        before: was,
        after: !was,
    };
    let mut changes: Vec<TrustChange> = had
        .difference(&has)
        .map(|pair| change(pair, true))
        .chain(has.difference(&had).map(|pair| change(pair, false)))
        .collect();
    ordered::sort_by_name(&mut changes, |c| &c.role);
    changes
}

/// `(before, after)` going forward, `(after, before)` going backward.
fn way<T>(forward: bool, before: T, after: T) -> (T, T) {
    if forward {
        (before, after)
    } else {
        (after, before)
    }
}

/// Whether going from `from` to `to` opens anything of a model: a flag turned on, or a limit
/// lifted while calls are authorized on both sides (limits throttle calls only, SPEC section 5:
/// a limit that comes with the call it throttles, or sits on a model nobody may call, takes
/// nothing away).
fn model_opens(from: ModelAuth, to: ModelAuth) -> bool {
    (to.call && !from.call)
        || (to.fine_tune && !from.fine_tune)
        || (to.deploy && !from.deploy)
        || (from.call && to.call && (lifted(from.rpm, to.rpm) || lifted(from.tpm, to.tpm)))
}

/// Whether a limit went up or away.
fn lifted(before: Option<u64>, after: Option<u64>) -> bool {
    match (before, after) {
        (Some(_), None) => true,
        (Some(b), Some(a)) => a > b,
        _ => false,
    }
}

fn principals(state: &State) -> BTreeMap<MemberName, Member> {
    let users = state
        .live_users()
        .map(|(id, u)| (MemberName::User(u.name.clone()), Member::User(id)));
    let roles = state
        .live_roles()
        .map(|(id, r)| (MemberName::Role(r.name.clone()), Member::Role(id)));
    ordered::map(users.chain(roles))
}

fn access(
    state: &State,
    member: Option<Member>,
    workspace: Option<WorkspaceId>,
    page: Page,
) -> PageAccess {
    match (member, workspace) {
        (Some(member), Some(ws)) => state.page_access(Some(member), ws, page),
        _ => PageAccess::None,
    }
}

/// One workspace as it is on each side: its id before, its id after, and the name it is listed
/// under (the newer one).
struct WorkspacePair {
    before: Option<WorkspaceId>,
    after: Option<WorkspaceId>,
    name: String,
}

/// The workspaces of both sides, matched by name, then renames matched by id and region.
fn workspace_pairs(before: &State, after: &State) -> Vec<WorkspacePair> {
    let mut pairs = Vec::new();
    let mut taken = BTreeSet::new();
    for (id, ws) in before.workspaces() {
        let same_name = after.workspace_id(&ws.name);
        let renamed = || {
            after.workspace_by_id(&ws.id).filter(|now| {
                after.workspace(*now).is_some_and(|now| {
                    now.region == ws.region && before.workspace_id(&now.name).is_none()
                })
            })
        };
        let matched = same_name.or_else(renamed);
        let name = matched
            .and_then(|a| after.workspace(a))
            .map_or_else(|| ws.name.clone(), |now| now.name.clone());
        if let Some(a) = matched {
            taken.insert(a);
        }
        pairs.push(WorkspacePair {
            before: Some(id),
            after: matched,
            name,
        });
    }
    for (id, ws) in after.workspaces() {
        if !taken.contains(&id) {
            pairs.push(WorkspacePair {
                before: None,
                after: Some(id),
                name: ws.name.clone(),
            });
        }
    }
    ordered::sort_by_name(&mut pairs, |pair| &pair.name);
    pairs
}

fn finding_key(finding: &Finding) -> (FindingCode, String) {
    (finding.code, finding.subject.to_string())
}

/// A finding of the older side, keyed as it would read under the workspaces' new names.
fn renamed_finding_key(
    finding: &Finding,
    renames: &BTreeMap<String, String>,
) -> (FindingCode, String) {
    match &finding.subject {
        crate::audit::Subject::Workspace { name, .. } => match renames.get(name) {
            Some(new) => (finding.code, format!("workspace {new}")),
            None => finding_key(finding),
        },
        _ => finding_key(finding),
    }
}

/// The access diff from `before` to `after`.
pub fn diff(before: &State, after: &State) -> AccessDiff {
    let mut out = AccessDiff::default();
    let old = principals(before);
    let new = principals(after);
    let everyone = ordered::set(old.keys().chain(new.keys()));
    out.members = everyone
        .iter()
        .filter(|name| old.contains_key(**name) != new.contains_key(**name))
        .map(|name| MemberChange {
            member: (*name).clone(),
            before: old.contains_key(*name),
            after: new.contains_key(*name),
        })
        .collect();
    let pairs = workspace_pairs(before, after);
    let mut renames = BTreeMap::new();
    for pair in &pairs {
        if let (Some(b), Some(_)) = (pair.before, pair.after) {
            let was = before.held_workspace_name(b);
            if was != pair.name {
                renames.insert(was.to_owned(), pair.name.clone());
                out.renamed.push(WorkspaceRename {
                    from: was.to_owned(),
                    to: pair.name.clone(),
                });
            }
        }
    }
    let pair_of_before: BTreeMap<WorkspaceId, usize> = ordered::map(
        pairs
            .iter()
            .enumerate()
            .filter_map(|(at, p)| p.before.map(|id| (id, at))),
    );
    let pair_of_after: BTreeMap<WorkspaceId, usize> = ordered::map(
        pairs
            .iter()
            .enumerate()
            .filter_map(|(at, p)| p.after.map(|id| (id, at))),
    );
    for principal in &everyone {
        let was = old.get(*principal).copied();
        let is = new.get(*principal).copied();
        let policies_before = was
            .map(|m| before.policies(m).expanded())
            .unwrap_or_default();
        let policies_after = is.map(|m| after.policies(m).expanded()).unwrap_or_default();
        if policies_before != policies_after {
            out.policies.push(PolicyChange {
                principal: (*principal).clone(),
                before: policies_before,
                after: policies_after,
            });
        }
        // Only workspaces where it is a member on either side can differ.
        let member_of =
            |state: &State, member: Option<Member>, index: &BTreeMap<WorkspaceId, usize>| {
                member
                    .and_then(|m| state.memberships(m))
                    .into_iter()
                    .flat_map(|all| all.keys())
                    .filter_map(|ws| index.get(ws).copied())
                    .collect::<Vec<usize>>()
            };
        let mut relevant: BTreeSet<usize> = ordered::set(member_of(before, was, &pair_of_before));
        relevant.extend(member_of(after, is, &pair_of_after));
        for pair in relevant.into_iter().filter_map(|at| pairs.get(at)) {
            for page in Page::ALL {
                let a = access(before, was, pair.before, *page);
                let b = access(after, is, pair.after, *page);
                if a != b {
                    out.pages.push(PageChange {
                        principal: (*principal).clone(),
                        workspace: pair.name.clone(),
                        page: *page,
                        before: a,
                        after: b,
                    });
                }
            }
        }
    }
    let models: BTreeSet<String> = ordered::set(
        before
            .models()
            .chain(after.models())
            .map(|(_, m)| m.name.clone()),
    );
    let auth = |state: &State, workspace: Option<WorkspaceId>, model: &str| -> ModelAuth {
        match (workspace, state.model_id(model)) {
            (Some(ws), Some(m)) => state.model_auth(ws, m),
            _ => ModelAuth::default(),
        }
    };
    for pair in &pairs {
        for model in &models {
            let a = auth(before, pair.before, model);
            let b = auth(after, pair.after, model);
            if a != b {
                out.models.push(ModelChange {
                    workspace: pair.name.clone(),
                    model: model.clone(),
                    before: a,
                    after: b,
                });
            }
        }
    }
    // Keys: matched by label; the same id usually holds the same label, which spares a lookup.
    for (id, key) in before.keys() {
        let was = Some(before.key_status(key));
        let same_key = match after.key(id) {
            Some(same) if same.label == key.label => Some(same),
            _ => after.key_id(&key.label).and_then(|other| after.key(other)),
        };
        let now = same_key.map(|k| after.key_status(k));
        if was != now {
            out.keys.push(KeyChange {
                key: key.label.clone(),
                before: was,
                after: now,
            });
        }
        if let Some(same) = same_key
            && ![was, now].contains(&Some(KeyStatus::Deleted))
        {
            let change = WhitelistChange {
                key: key.label.clone(),
                before: key.whitelist.clone(),
                after: same.whitelist.clone(),
            };
            // Only a change that lets in or keeps out some address: a reorder, or a block
            // added inside another, changes no one's access.
            if change.opens(true) || change.opens(false) {
                out.whitelists.push(change);
            }
        }
    }
    for (id, key) in after.keys() {
        let known = matches!(before.key(id), Some(same) if same.label == key.label)
            || before.key_id(&key.label).is_some();
        if !known {
            out.keys.push(KeyChange {
                key: key.label.clone(),
                before: None,
                after: Some(after.key_status(key)),
            });
        }
    }
    let (had, has) = (before.data().features, after.data().features);
    out.features = Feature::ALL
        .iter()
        .filter(|f| had.contains(**f) != has.contains(**f))
        .map(|&feature| FeatureChange {
            feature,
            before: had.contains(feature),
            after: has.contains(feature),
        })
        .collect();
    out.trusts = trust_changes(before, after);
    ordered::sort_by_name(&mut out.keys, |change| &change.key);
    ordered::sort_by_name(&mut out.whitelists, |change| &change.key);
    let old_findings: Vec<_> = before
        .audit()
        .into_iter()
        .map(|f| (renamed_finding_key(&f, &renames), f))
        .collect();
    let new_findings: Vec<_> = after
        .audit()
        .into_iter()
        .map(|f| (finding_key(&f), f))
        .collect();
    let old_keys: HashSet<&(FindingCode, String)> = old_findings.iter().map(|(k, _)| k).collect();
    let new_keys: HashSet<&(FindingCode, String)> = new_findings.iter().map(|(k, _)| k).collect();
    out.findings_raised = new_findings
        .iter()
        .filter(|(k, _)| !old_keys.contains(k))
        .map(|(_, f)| f.clone())
        .collect();
    out.findings_cleared = old_findings
        .iter()
        .filter(|(k, _)| !new_keys.contains(k))
        .map(|(_, f)| f.clone())
        .collect();
    out
}

impl State {
    /// What a command would change, without changing anything: its refusal, or the access diff
    /// it would cause.
    pub fn preview(&self, who: &Who, command: &Command) -> Result<AccessDiff, Refusal> {
        let change = self.plan(who, command)?;
        let mut after = self.clone();
        after.apply(change, None);
        Ok(diff(self, &after))
    }

    /// What several commands would change together, without changing anything: each is planned
    /// and applied in order on a copy, so a later one sees the effect of the earlier ones, and
    /// the copy is compared with this state. Planning stops at the first refusal.
    pub fn preview_all(&self, who: &Who, commands: &[Command]) -> PlanPreview {
        let mut after = self.clone();
        let mut refused = None;
        for (at, command) in commands.iter().enumerate() {
            match after.plan(who, command) {
                Ok(change) => after.apply(change, None),
                Err(refusal) => {
                    refused = Some((at, refusal));
                    break;
                }
            }
        }
        PlanPreview {
            diff: diff(self, &after),
            refused,
            after,
        }
    }
}

/// The effect of a sequence of commands, from [`State::preview_all`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanPreview {
    /// The combined access diff of the commands before the first refused one (of all of them
    /// when none is refused).
    pub diff: AccessDiff,
    /// The first refused command, by its index in the sequence, and why; the commands after it
    /// were not planned.
    pub refused: Option<(usize, Refusal)>,
    /// The state the commands before the first refused one lead to (all of them when none is
    /// refused): where the refused command was planned.
    pub after: State,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::MemberName;
    use crate::keys::SeededEntropy;
    use crate::sample;
    use crate::vocab::Region;

    /// The access diff of `command`, taken by `root` on `state`.
    fn preview(state: &State, command: &Command) -> AccessDiff {
        state.preview(&Who::root(), command).unwrap()
    }

    fn setup() -> State {
        let mut state = State::new_account("2026-11-22".parse().unwrap());
        let mut entropy = SeededEntropy::new(1);
        for command in [
            Command::CreateUser { name: "ann".into() },
            Command::CreateWorkspace {
                region: Region::UsEast1,
                name: "w".into(),
            },
            sample::add_member("w", MemberName::User("ann".into()), false),
            sample::create_key("w", "ann", "k"),
        ] {
            assert_eq!(
                state.execute(&Who::root(), &command, &mut entropy).outcome,
                crate::outcome::Outcome::Ok
            );
        }
        state
    }

    #[test]
    fn a_rename_is_no_change_in_access_and_later_changes_read_under_the_new_name() {
        let state = setup();
        let rename = Command::RenameWorkspace {
            workspace: "w".into(),
            name: "w2".into(),
        };
        let diff = preview(&state, &rename);
        assert!(diff.is_empty(), "{diff:?}");
        assert_eq!(
            diff.renamed,
            vec![WorkspaceRename {
                from: "w".into(),
                to: "w2".into(),
            }]
        );
        // The finding about `w` (a member and no model) is neither raised nor cleared.
        assert!(diff.findings_raised.is_empty() && diff.findings_cleared.is_empty());

        let both = state.preview_all(
            &Who::root(),
            &[
                rename,
                sample::grant_page("w2", MemberName::User("ann".into()), Page::Playground),
            ],
        );
        assert_eq!(both.refused, None);
        assert_eq!(both.diff.pages.len(), 1, "{:?}", both.diff.pages);
        assert!(both.diff.pages.iter().all(|c| c.workspace == "w2"));
    }

    #[test]
    fn a_grant_widens() {
        let state = setup();
        let diff = preview(
            &state,
            &sample::grant_page("w", MemberName::User("ann".into()), Page::Playground),
        );
        assert_eq!(
            diff.pages,
            vec![PageChange {
                principal: MemberName::User("ann".into()),
                workspace: "w".into(),
                page: Page::Playground,
                before: PageAccess::View,
                after: PageAccess::Operate,
            }]
        );
        assert!(diff.widens() && !diff.narrows());
    }

    #[test]
    fn removing_a_member_narrows_and_suspends_its_key() {
        let state = setup();
        let diff = preview(
            &state,
            &Command::RemoveMember {
                workspace: "w".into(),
                member: MemberName::User("ann".into()),
            },
        );
        assert!(diff.narrows() && !diff.widens());
        assert!(diff.pages.iter().all(|c| c.after == PageAccess::None));
        assert_eq!(
            diff.keys,
            vec![KeyChange {
                key: "k".into(),
                before: Some(KeyStatus::Active),
                after: Some(KeyStatus::Suspended),
            }]
        );
        assert!(
            diff.findings_raised
                .iter()
                .any(|f| f.code == FindingCode::SuspendedKey)
        );
    }

    /// A review saw "Effect: no change in access" for a whitelist change, which decides whether
    /// the key's calls from an address are allowed or `ip-not-allowed`.
    #[test]
    fn a_whitelist_change_is_a_change_in_access() {
        let mut state = State::new_account("2026-11-22".parse().unwrap());
        let mut entropy = SeededEntropy::new(1);
        let bj = state
            .held_workspace_name(state.default_workspace(Region::CnBeijing))
            .to_owned();
        let key = Command::CreateApiKey {
            workspace: bj,
            owner: crate::command::KeyOwnerName::Named("root".into()),
            key: "bk".into(),
        };
        assert!(
            state
                .execute(&Who::root(), &key, &mut entropy)
                .outcome
                .is_success()
        );
        let set = |cidrs: &[&str]| Command::SetIpWhitelist {
            key: "bk".into(),
            cidrs: cidrs.iter().map(|c| (*c).to_owned()).collect(),
        };
        let net = |text: &str| text.parse::<IpNet>().unwrap();
        // From none (any address) to one block: narrows.
        let narrowed = preview(&state, &set(&["10.0.0.0/8"]));
        assert_eq!(
            narrowed.whitelists,
            vec![WhitelistChange {
                key: "bk".into(),
                before: vec![],
                after: vec![net("10.0.0.0/8")],
            }]
        );
        assert!(narrowed.narrows() && !narrowed.widens());
        state.execute(&Who::root(), &set(&["10.0.0.0/8"]), &mut entropy);
        // A block added outside the list widens; one inside it and a reorder change nothing.
        let widened = preview(&state, &set(&["10.0.0.0/8", "203.0.113.0/24"]));
        assert!(widened.widens() && !widened.narrows());
        assert!(preview(&state, &set(&["10.0.0.0/8", "10.1.0.0/16"])).is_empty());
        state.execute(
            &Who::root(),
            &set(&["10.0.0.0/8", "10.1.0.0/16"]),
            &mut entropy,
        );
        assert!(preview(&state, &set(&["10.1.0.0/16", "10.0.0.0/8"])).is_empty());
        // Cleared: any address again.
        assert!(preview(&state, &set(&[])).widens());
    }

    #[test]
    fn an_idle_step_changes_nothing_and_a_refused_one_is_refused() {
        let state = setup();
        let idle = sample::add_member("w", MemberName::User("ann".into()), false);
        assert!(state.preview(&Who::root(), &idle).is_err());
        let repeat = Command::SetAdmin {
            workspace: "w".into(),
            member: MemberName::User("ann".into()),
            admin: false,
        };
        assert!(preview(&state, &repeat).is_empty());
        assert!(diff(&state, &state).is_empty());
    }

    /// A new user's walk: Compare said "No change in access" across the activation of a
    /// feature, though `use-feature` goes from `deny:not-activated` to `allow` for everyone.
    #[test]
    fn a_feature_activated_is_access_gained_by_everyone() {
        let state = setup();
        let activate = Command::Activate {
            feature: Feature::AiGuardrails,
        };
        let diff = preview(&state, &activate);
        let change = FeatureChange {
            feature: Feature::AiGuardrails,
            before: false,
            after: true,
        };
        assert_eq!(diff.features, vec![change.clone()]);
        assert!(diff.widens() && !diff.narrows() && !diff.is_empty());
        assert_eq!(diff.gains().features, vec![change]);
        assert!(diff.losses().features.is_empty());
    }

    /// A new user's walk: Compare listed what a role gained but not that a user came to be
    /// trusted to assume it, though the user may then act with all the role holds.
    #[test]
    fn a_user_trusted_to_assume_a_role_is_access_gained() {
        let mut state = setup();
        let mut entropy = SeededEntropy::new(4);
        let role = Command::CreateRole { name: "r".into() };
        state.execute(&Who::root(), &role, &mut entropy);
        let trust = Command::TrustRole {
            role: "r".into(),
            user: "ann".into(),
        };
        let diff = preview(&state, &trust);
        let change = TrustChange {
            role: "r".into(),
            user: "ann".into(),
            before: false,
            after: true,
        };
        assert_eq!(diff.trusts, vec![change.clone()]);
        assert!(diff.widens() && !diff.narrows());
        assert_eq!(diff.gains().trusts, vec![change]);
        state.execute(&Who::root(), &trust, &mut entropy);
        let untrust = Command::UntrustRole {
            role: "r".into(),
            user: "ann".into(),
        };
        let back = preview(&state, &untrust);
        assert!(back.narrows() && !back.widens());
        assert_eq!(back.losses().trusts.len(), 1);
    }

    /// A new user's walk: importing a file without a user the console held never said the user
    /// would go. A user or role on one side only is listed, as no change in access by itself.
    #[test]
    fn a_user_that_comes_or_goes_is_listed_but_changes_no_access() {
        let state = setup();
        let create = Command::CreateUser { name: "dan".into() };
        let diff = preview(&state, &create);
        assert_eq!(
            diff.members,
            vec![MemberChange {
                member: MemberName::User("dan".into()),
                before: false,
                after: true,
            }]
        );
        assert!(diff.gains().members.is_empty() && !diff.widens());
    }

    #[test]
    fn gains_and_losses_split_a_mixed_diff() {
        use crate::vocab::Policy;
        let set = |items: &[Policy]| {
            items
                .iter()
                .copied()
                .fold(PolicySet::EMPTY, PolicySet::with)
        };
        let page = |principal: &str, before, after| PageChange {
            principal: MemberName::User(principal.into()),
            workspace: "w".into(),
            page: Page::Playground,
            before,
            after,
        };
        let diff = AccessDiff {
            pages: vec![
                page("ann", PageAccess::View, PageAccess::Operate),
                page("bob", PageAccess::Operate, PageAccess::None),
            ],
            policies: vec![PolicyChange {
                principal: MemberName::User("ann".into()),
                before: set(&[Policy::AliyunRamFullAccess, Policy::AliyunBssReadOnlyAccess]),
                after: set(&[
                    Policy::AliyunBssReadOnlyAccess,
                    Policy::AliyunBailianDataReadOnlyAccess,
                ]),
            }],
            models: vec![ModelChange {
                workspace: "w".into(),
                model: "qwen-plus".into(),
                before: ModelAuth {
                    call: true,
                    rpm: Some(100),
                    ..ModelAuth::default()
                },
                after: ModelAuth {
                    fine_tune: true,
                    tpm: Some(5),
                    ..ModelAuth::default()
                },
            }],
            features: Vec::new(),
            trusts: Vec::new(),
            members: Vec::new(),
            keys: vec![KeyChange {
                key: "k".into(),
                before: None,
                after: Some(KeyStatus::Active),
            }],
            whitelists: Vec::new(),
            findings_raised: Vec::new(),
            findings_cleared: Vec::new(),
            renamed: Vec::new(),
        };
        let gains = diff.gains();
        assert_eq!(gains.pages, diff.pages[..1].to_vec());
        assert_eq!(
            gains.policies[0].after,
            set(&[
                Policy::AliyunRamFullAccess,
                Policy::AliyunBssReadOnlyAccess,
                Policy::AliyunBailianDataReadOnlyAccess
            ])
        );
        assert_eq!(
            gains.models, diff.models,
            "listed whole: it gains fine-tune"
        );
        assert!(gains.keys.is_empty());
        assert!(gains.widens());

        let losses = diff.losses();
        assert_eq!(losses.pages, diff.pages[1..].to_vec());
        assert_eq!(
            losses.policies[0].after,
            set(&[Policy::AliyunBssReadOnlyAccess])
        );
        assert_eq!(losses.models, diff.models, "and it loses call");
        assert!(losses.keys.is_empty());
        assert!(losses.narrows());
    }

    /// Issue 13: between two points of the log, `call` granted with a 600 RPM limit was listed
    /// as access lost, "nothing authorized → nothing authorized, 600 RPM". A limit throttles
    /// calls only: it is a loss where calls were already allowed, nothing where none are.
    #[test]
    fn a_limit_that_comes_with_the_call_is_no_loss() {
        let mut state = setup();
        let mut entropy = crate::keys::SeededEntropy::new(9);
        let steps = [
            sample::authorize_call("w", "qwen-plus"),
            sample::model_limits("w", "qwen-plus", Some(600), None),
            sample::model_limits("w", "qwen-max", Some(5), None),
        ];
        let start = state.data().events.len();
        for step in &steps {
            let outcome = state.execute(&Who::root(), step, &mut entropy).outcome;
            assert!(outcome.is_success(), "{step:?}: {outcome:?}");
        }
        let before = state.replay_kept(start).unwrap();
        let granted = diff(&before, &state);
        let plus = granted
            .models
            .iter()
            .find(|c| c.model == "qwen-plus")
            .unwrap();
        assert_eq!(
            (plus.before.call, plus.after.call, plus.after.rpm),
            (false, true, Some(600))
        );
        assert_eq!(
            granted.gains().models,
            vec![plus.clone()],
            "the states' own values"
        );
        assert!(granted.losses().models.is_empty(), "{:?}", granted.losses());
        assert!(granted.widens() && !granted.narrows());

        // The limit alone, where calls were allowed: a loss.
        let limited = diff(&state.replay_kept(start + 1).unwrap(), &state);
        let plus = limited.losses().models;
        assert_eq!(plus.len(), 1);
        assert_eq!((plus[0].before.rpm, plus[0].after.rpm), (None, Some(600)));
        assert!(limited.gains().models.is_empty());
    }

    #[test]
    fn a_one_way_diff_has_no_other_side() {
        let state = setup();
        let narrowing = preview(
            &state,
            &Command::RemoveMember {
                workspace: "w".into(),
                member: MemberName::User("ann".into()),
            },
        );
        assert!(narrowing.gains().is_empty());
        assert_eq!(narrowing.losses().pages, narrowing.pages);
    }

    fn page(permission: Page, grant: bool) -> Command {
        let (workspace, member) = ("w".to_owned(), MemberName::User("ann".into()));
        if grant {
            Command::GrantPage {
                workspace,
                member,
                permission,
            }
        } else {
            Command::RevokePage {
                workspace,
                member,
                permission,
            }
        }
    }

    #[test]
    fn several_commands_are_previewed_in_order_as_one_diff() {
        let mut state = setup();
        let mut entropy = SeededEntropy::new(2);
        let granted = state.execute(&Who::root(), &page(Page::Playground, true), &mut entropy);
        assert_eq!(granted.outcome, crate::outcome::Outcome::Ok);
        let events = state.data().events.len();

        // A widening and a narrowing, reported together.
        let both = state.preview_all(
            &Who::root(),
            &[
                page(Page::ModelExperience, true),
                page(Page::Playground, false),
            ],
        );
        assert_eq!(both.refused, None);
        let changed: Vec<(Page, PageAccess, PageAccess)> = both
            .diff
            .pages
            .iter()
            .map(|c| (c.page, c.before, c.after))
            .collect();
        assert_eq!(
            changed,
            vec![
                (Page::ModelExperience, PageAccess::View, PageAccess::Operate),
                (Page::Playground, PageAccess::Operate, PageAccess::View),
            ]
        );
        assert!(both.diff.widens() && both.diff.narrows());

        // A later command sees the earlier ones: a new member can then be granted a page, and a
        // grant undone by a revocation leaves no difference.
        let bob = MemberName::User("bob".into());
        let created = state.execute(
            &Who::root(),
            &Command::CreateUser { name: "bob".into() },
            &mut entropy,
        );
        assert_eq!(created.outcome, crate::outcome::Outcome::Ok);
        let joined = state.preview_all(
            &Who::root(),
            &[
                Command::AddMember {
                    workspace: "w".into(),
                    member: bob.clone(),
                    admin: false,
                },
                Command::GrantPage {
                    workspace: "w".into(),
                    member: bob,
                    permission: Page::Playground,
                },
            ],
        );
        assert_eq!(joined.refused, None);
        assert!(
            joined
                .diff
                .pages
                .iter()
                .any(|c| c.principal == MemberName::User("bob".into())
                    && c.page == Page::Playground
                    && c.after == PageAccess::Operate)
        );
        let undone = state.preview_all(
            &Who::root(),
            &[
                page(Page::Application, true),
                page(Page::Application, false),
            ],
        );
        assert!(undone.diff.is_empty() && undone.refused.is_none());

        // Nothing was applied to the state itself.
        assert_eq!(state.data().events.len(), events + 1);
    }

    #[test]
    fn a_sequence_stops_at_its_first_refusal_with_the_diff_so_far() {
        let state = setup();
        // ann is no administrator of `w`: her step is refused, and nothing changes.
        let refused = state.preview_all(&Who::user("ann"), &[page(Page::Playground, true)]);
        assert!(refused.diff.is_empty());
        let (at, why) = refused.refused.unwrap();
        assert_eq!(at, 0);
        assert_eq!(why.stage, crate::command::Stage::Authorization);

        let partial = state.preview_all(
            &Who::root(),
            &[
                page(Page::Playground, true),
                sample::grant_page("nowhere", MemberName::User("ann".into()), Page::Application),
                page(Page::Application, true),
            ],
        );
        assert_eq!(partial.refused.as_ref().map(|(at, _)| *at), Some(1));
        assert_eq!(
            partial
                .diff
                .pages
                .iter()
                .map(|c| c.page)
                .collect::<Vec<_>>(),
            vec![Page::Playground]
        );
    }
}
