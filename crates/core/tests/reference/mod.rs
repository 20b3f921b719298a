//! A reference model of SPEC.md revision 2, written from the SPEC alone over the plain stored
//! data ([`StateData`]), without the evaluator's or the planner's helpers: the answer of every
//! check of section 6 except `load` and `audit`, and the outcome of every step of section 4.
//!
//! It is a test oracle: plain, linear code, one helper per SPEC rule. Where the SPEC left a
//! choice open, the choice is marked `// SPEC reading: ...`.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // Test code: a panic is a failure.

use std::net::IpAddr;
use studio_access_core::{
    Access, ApiKey, BillingAction, Caller, Check, Command, Feature, KeyOwnerName, MemberName,
    Membership, ModelId, Owner, Page, Policy, Region, StateData, Who, WorkspaceId,
};

/// A gate or stage that fails gives the outcome text it fails with.
type Gate<T> = Result<T, &'static str>;

/// A gate that passes when `passes` holds, and otherwise fails with `outcome`.
fn gate(passes: bool, outcome: &'static str) -> Gate<()> {
    if passes { Ok(()) } else { Err(outcome) }
}

const NOT_FOUND: &str = "error:not-found";
const INVALID_VALUE: &str = "error:invalid-value";
const DUPLICATE: &str = "error:duplicate";

// ---------------------------------------------------------------------------------------------
// Section 1: names.

/// User and role names (section 1, "RAM user"; roles: "Names as for users"): 1 to 64 characters,
/// each `A`-`Z`, `a`-`z`, a digit, `.`, `_` or `-`, and not `root` (case-sensitive: `Root` is
/// fine).
fn is_valid_user_or_role_name(name: &str) -> bool {
    let count = name.chars().count();
    if !(1..=64).contains(&count) {
        return false;
    }
    if name == "root" {
        return false;
    }
    name.chars()
        .all(|c| c.is_ascii_alphabetic() || c.is_ascii_digit() || c == '.' || c == '_' || c == '-')
}

/// The name rule for workspaces and key labels (section 1): 1 to 64 Unicode scalar values, each
/// Alphabetic (any script), `0`-`9`, the space, `.`, `_` or `-`; no space first or last.
fn is_valid_workspace_name_or_label(name: &str) -> bool {
    let count = name.chars().count();
    if !(1..=64).contains(&count) {
        return false;
    }
    if name.starts_with(' ') || name.ends_with(' ') {
        return false;
    }
    // `char::is_alphabetic` is the Unicode Alphabetic property.
    name.chars().all(|c| {
        c.is_alphabetic() || c.is_ascii_digit() || c == ' ' || c == '.' || c == '_' || c == '-'
    })
}

/// `YYYY-MM-DD`, a real calendar day (section 1, "Today"; `set-date`).
fn is_valid_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = &text[range];
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    day >= 1 && day <= days_in_month
}

// ---------------------------------------------------------------------------------------------
// Looking things up by name. Users, roles and workspaces: live ones only (a deleted one's name
// may be reused). Keys: every key, deleted ones included (labels are taken for ever).

fn live_user(data: &StateData, name: &str) -> Option<usize> {
    data.users.iter().position(|u| !u.deleted && u.name == name)
}

fn live_role(data: &StateData, name: &str) -> Option<usize> {
    data.roles.iter().position(|r| !r.deleted && r.name == name)
}

fn live_workspace_named(data: &StateData, name: &str) -> Option<usize> {
    data.workspaces
        .iter()
        .position(|w| !w.deleted && w.name == name)
}

fn live_workspace_with_id(data: &StateData, id: &str) -> Option<usize> {
    data.workspaces
        .iter()
        .position(|w| !w.deleted && w.id == id)
}

fn model_named(data: &StateData, name: &str) -> Option<usize> {
    data.models.iter().position(|m| m.name == name)
}

fn key_labelled(data: &StateData, label: &str) -> Option<usize> {
    data.keys.iter().position(|k| k.label == label)
}

fn workspace_is_live(data: &StateData, ws: usize) -> bool {
    !data.workspaces[ws].deleted
}

// ---------------------------------------------------------------------------------------------
// Section 2: who is who.

/// The acting principal after resolution (indices into the tables).
#[derive(Clone, Copy)]
enum Acting {
    Root,
    User(usize),
    /// A user acting through a role: it acts with the role's policies and memberships only.
    Through {
        role: usize,
    },
}

/// Principal resolution (section 2).
fn resolve(data: &StateData, who: &Who) -> Gate<Acting> {
    if who.name == "root" {
        // `root` with `via` is an error. (`root` is not a valid user name, so no user shadows it.)
        if who.via.is_some() {
            return Err(INVALID_VALUE);
        }
        return Ok(Acting::Root);
    }
    // An unknown or deleted user, or a name that is only a role.
    let Some(user) = live_user(data, &who.name) else {
        return Err("deny:unknown-principal");
    };
    let Some(role_name) = &who.via else {
        return Ok(Acting::User(user));
    };
    // `via` a role that does not exist.
    let Some(role) = live_role(data, role_name) else {
        return Err("deny:unknown-principal");
    };
    // A user not trusted by that role.
    let trusted = data.roles[role].trusted.iter().any(|id| id.index() == user);
    if !trusted {
        return Err("deny:cannot-assume-role");
    }
    Ok(Acting::Through { role })
}

/// Effective policies (section 2): the user's own, or the role's when acting through a role,
/// expanded by the inclusions of section 1. `root` has none (it needs none: it can do
/// everything).
fn effective_policies(data: &StateData, acting: Acting) -> Vec<Policy> {
    let attached: Vec<Policy> = match acting {
        Acting::Root => Vec::new(),
        Acting::User(user) => data.users[user].policies.iter().collect(),
        Acting::Through { role, .. } => data.roles[role].policies.iter().collect(),
    };
    // `AdministratorAccess` includes every other one.
    if attached.contains(&Policy::AdministratorAccess) {
        return Policy::ALL.to_vec();
    }
    let mut effective = attached.clone();
    // `AliyunBailianDataFullAccess` includes `AliyunBailianDataReadOnlyAccess`.
    if attached.contains(&Policy::AliyunBailianDataFullAccess) {
        effective.push(Policy::AliyunBailianDataReadOnlyAccess);
    }
    effective
}

fn holds(data: &StateData, acting: Acting, policy: Policy) -> bool {
    effective_policies(data, acting).contains(&policy)
}

fn is_root(acting: Acting) -> bool {
    matches!(acting, Acting::Root)
}

/// Super administrator: `root`, or `AliyunBailianFullAccess` in effect.
fn is_super_admin(data: &StateData, acting: Acting) -> bool {
    is_root(acting) || holds(data, acting, Policy::AliyunBailianFullAccess)
}

/// RAM administrator: `root`, or `AliyunRAMFullAccess` in effect.
fn is_ram_admin(data: &StateData, acting: Acting) -> bool {
    is_root(acting) || holds(data, acting, Policy::AliyunRamFullAccess)
}

/// The acting principal's membership of a workspace: the user's own, or the role's when acting
/// through it; `root` is a member of nothing (it needs no membership).
// SPEC reading: a deleted workspace has no members ("its memberships ... go with it"), whatever
// the stored record of the member may still hold.
fn membership(data: &StateData, acting: Acting, ws: usize) -> Option<Membership> {
    if !workspace_is_live(data, ws) {
        return None;
    }
    let id = WorkspaceId(ws);
    match acting {
        Acting::Root => None,
        Acting::User(user) => data.users[user].memberships.get(&id).copied(),
        Acting::Through { role, .. } => data.roles[role].memberships.get(&id).copied(),
    }
}

/// Workspace administrator of W: a member of W with `admin = true`.
fn is_workspace_admin(data: &StateData, acting: Acting, ws: usize) -> bool {
    membership(data, acting, ws).is_some_and(|m| m.admin)
}

/// A member (user or role, by name) is a direct member of W (live W only).
fn is_direct_member(data: &StateData, member: Member, ws: usize) -> bool {
    if !workspace_is_live(data, ws) {
        return false;
    }
    let id = WorkspaceId(ws);
    match member {
        Member::User(user) => data.users[user].memberships.contains_key(&id),
        Member::Role(role) => data.roles[role].memberships.contains_key(&id),
    }
}

#[derive(Clone, Copy)]
enum Member {
    User(usize),
    Role(usize),
}

// ---------------------------------------------------------------------------------------------
// Section 1: model authorizations.

/// What workspace `ws` authorizes for model `model`: a default workspace everything; a
/// sub-workspace its flags (nothing for a model it never named).
fn authorized(data: &StateData, ws: usize, model: usize) -> (bool, bool, bool) {
    let workspace = &data.workspaces[ws];
    if workspace.default {
        return (true, true, true);
    }
    let id = ModelId(model);
    match workspace.models.get(&id) {
        Some(auth) => (auth.call, auth.fine_tune, auth.deploy),
        None => (false, false, false),
    }
}

fn may_call(data: &StateData, ws: usize, model: usize) -> bool {
    authorized(data, ws, model).0
}

fn may_fine_tune(data: &StateData, ws: usize, model: usize) -> bool {
    authorized(data, ws, model).1
}

fn may_deploy(data: &StateData, ws: usize, model: usize) -> bool {
    authorized(data, ws, model).2
}

// ---------------------------------------------------------------------------------------------
// Section 5: API keys.

/// Key status (section 5), in its order; `Ok` is active.
fn key_status(data: &StateData, key: &ApiKey) -> Gate<()> {
    let ws = key.workspace.index();
    if key.deleted || data.workspaces[ws].deleted {
        return Err("deny:key-deleted");
    }
    let owner = match key.owner {
        Owner::Root => return Ok(()),
        Owner::User(user) => {
            if data.users[user.index()].deleted {
                return Err("deny:key-owner-deleted");
            }
            Member::User(user.index())
        }
        Owner::Role(role) => {
            if data.roles[role.index()].deleted {
                return Err("deny:key-owner-deleted");
            }
            Member::Role(role.index())
        }
    };
    if !is_direct_member(data, owner, ws) {
        return Err("deny:key-suspended");
    }
    Ok(())
}

/// Whether `ip` falls in the CIDR `net` (section 4: host bits may be set; IPv4 and IPv6 never
/// match each other).
fn in_network(net: &ipnet::IpNet, ip: IpAddr) -> bool {
    let prefix = u32::from(net.prefix_len());
    match (net.addr(), ip) {
        (IpAddr::V4(net_addr), IpAddr::V4(ip)) => {
            let a = u32::from(net_addr);
            let b = u32::from(ip);
            prefix == 0 || (a ^ b) >> (32 - prefix) == 0
        }
        (IpAddr::V6(net_addr), IpAddr::V6(ip)) => {
            let a = u128::from(net_addr);
            let b = u128::from(ip);
            prefix == 0 || (a ^ b) >> (128 - prefix) == 0
        }
        _ => false,
    }
}

/// The key gates of section 6: key known, key status, whitelist. Gives the key.
fn key_gates<'a>(data: &'a StateData, label: &str, ip: Option<IpAddr>) -> Gate<&'a ApiKey> {
    let Some(index) = key_labelled(data, label) else {
        return Err("deny:unknown-key");
    };
    let key = &data.keys[index];
    key_status(data, key)?;
    if !key.whitelist.is_empty() {
        let inside = match ip {
            None => false,
            Some(ip) => key.whitelist.iter().any(|net| in_network(net, ip)),
        };
        if !inside {
            return Err("deny:ip-not-allowed");
        }
    }
    Ok(key)
}

/// Whether `owner` (a key's owner or `created_for`) is the acting principal: a user owner is that
/// user acting as itself; a role owner is anyone acting through that role (section 5).
// SPEC reading: a user acting through a role is the role for this purpose, not itself (it "has
// the role's policies and memberships only"), so it does not see its own user's keys that way.
fn is_acting_owner(acting: Acting, owner: Owner) -> bool {
    match (acting, owner) {
        (Acting::User(user), Owner::User(id)) => id.index() == user,
        (Acting::Through { role, .. }, Owner::Role(id)) => id.index() == role,
        _ => false,
    }
}

/// The owner a key must have (section 5): the named owner (`created_for`), except that a key
/// created in `cn-beijing` on or after 2026-03-25 belongs to `root`.
pub fn expected_key_owner(data: &StateData, key: &ApiKey) -> Owner {
    let region = data.workspaces[key.workspace.index()].region;
    let rule_starts: studio_access_core::Date = "2026-03-25".parse().unwrap();
    if region == Region::CnBeijing && key.created >= rule_starts {
        Owner::Root
    } else {
        key.created_for
    }
}

/// Key visibility (section 5, `view-key`).
fn view_key(data: &StateData, who: &Who, label: &str) -> Gate<()> {
    let Some(index) = key_labelled(data, label) else {
        return Err("deny:unknown-key");
    };
    let key = &data.keys[index];
    let acting = resolve(data, who)?;
    // `root` and super administrators see every key.
    if is_super_admin(data, acting) {
        return Ok(());
    }
    // Admins of the key's workspace and its members with `APIKey-FullAccess` see its keys.
    if let Some(m) = membership(data, acting, key.workspace.index())
        && (m.admin || m.pages.contains(Page::ApiKey))
    {
        return Ok(());
    }
    // The owner or `created_for` sees its own.
    if is_acting_owner(acting, key.owner) || is_acting_owner(acting, key.created_for) {
        return Ok(());
    }
    Err("deny:no-key-permission")
}

// ---------------------------------------------------------------------------------------------
// Sections 3 and 6: checks.

/// The console gates of section 6: principal resolution; unless `root`, member of W and the
/// named page operated (admins of W pass).
fn console_gates(data: &StateData, who: &Who, ws: usize, page: Page) -> Gate<()> {
    let acting = resolve(data, who)?;
    if is_root(acting) {
        return Ok(());
    }
    let Some(m) = membership(data, acting, ws) else {
        return Err("deny:not-member");
    };
    if m.admin || m.pages.contains(page) {
        Ok(())
    } else {
        Err("deny:no-operation-permission")
    }
}

/// `open-page` (section 3).
fn open_page(data: &StateData, who: &Who, ws: usize, page: Page, access: Access) -> Gate<()> {
    // 1. principal resolution; `root` → allow.
    let acting = resolve(data, who)?;
    if is_root(acting) {
        return Ok(());
    }
    // 2. not a member of W.
    let Some(m) = membership(data, acting, ws) else {
        return Err("deny:not-member");
    };
    // 3. a restricted page without what it needs, for view and operate alike.
    let restricted_ok = match page {
        Page::ApiKey => m.admin || m.pages.contains(Page::ApiKey),
        Page::Permissions => m.admin,
        _ => true,
    };
    if !restricted_ok {
        return Err("deny:page-restricted");
    }
    // 4. view → allow.
    if access == Access::View {
        return Ok(());
    }
    // 5. operate: admin of W, or the page's permission.
    if m.admin || m.pages.contains(page) {
        return Ok(());
    }
    Err("deny:no-operation-permission")
}

fn known_model(data: &StateData, name: &str) -> Gate<usize> {
    model_named(data, name).ok_or("deny:unknown-model")
}

/// The model gates of `call-model` and `batch-inference`: model known, `call` authorized.
fn call_gates(data: &StateData, ws: usize, model: &str) -> Gate<()> {
    let model = known_model(data, model)?;
    gate(may_call(data, ws, model), "deny:model-not-authorized")
}

/// The model gates of `fine-tune`: model known, `fine_tunable`, `fine_tune` authorized (the
/// `call` flag plays no part).
fn fine_tune_gates(data: &StateData, ws: usize, model: &str) -> Gate<()> {
    let model = known_model(data, model)?;
    gate(data.models[model].fine_tunable, "deny:not-fine-tunable")?;
    gate(
        may_fine_tune(data, ws, model),
        "deny:fine-tune-not-authorized",
    )
}

/// A workspace named in a check must exist before any gate: a live workspace by name.
fn check_workspace(data: &StateData, name: &str) -> Gate<usize> {
    live_workspace_named(data, name).ok_or(NOT_FOUND)
}

/// `call-openapi` (section 6).
fn call_openapi(data: &StateData, who: &Who, action: &str, workspace: Option<&str>) -> Gate<()> {
    // Before any gate: a workspace that does not exist. The console takes a name or an ID.
    // SPEC reading: the name is looked up first, then the ID, both among live workspaces (a
    // deleted workspace's ID names nothing).
    let ws = match workspace {
        None => None,
        Some(text) => {
            let found =
                live_workspace_named(data, text).or_else(|| live_workspace_with_id(data, text));
            Some(found.ok_or(NOT_FOUND)?)
        }
    };
    let acting = resolve(data, who)?;
    if is_root(acting) {
        return Ok(());
    }
    let full = holds(data, acting, Policy::AliyunBailianDataFullAccess);
    let read_only = holds(data, acting, Policy::AliyunBailianDataReadOnlyAccess);
    if !full && !read_only {
        return Err("deny:no-openapi-permission");
    }
    // SPEC section 6's read actions, as its table lists them. Every other action is a write
    // action (fail closed); names are matched exactly.
    let read_actions = "DescribeFile GetIndexJobStatus ListIndices ListFile ListChunks \
                        GetPromptTemplate ListPromptTemplates GetMemory ListMemories";
    let is_write = !read_actions.split_whitespace().any(|read| read == action);
    if is_write && !full {
        return Err("deny:openapi-read-only");
    }
    if let Some(ws) = ws
        && membership(data, acting, ws).is_none()
    {
        return Err("deny:not-member");
    }
    Ok(())
}

/// `billing` (section 6, revision 2).
fn billing(data: &StateData, who: &Who, action: BillingAction) -> Gate<()> {
    let acting = resolve(data, who)?;
    if is_root(acting) {
        return Ok(());
    }
    let policy = match action {
        BillingAction::ViewBills => Policy::AliyunBssReadOnlyAccess,
        BillingAction::Purchase | BillingAction::PayOrder => Policy::AliyunBssOrderAccess,
    };
    gate(holds(data, acting, policy), "deny:no-billing-permission")?;
    if action == BillingAction::PayOrder {
        super_admin(data, acting)?;
    }
    Ok(())
}

/// The gates of a console caller: the workspace named, then the console gates for `page`. Gives
/// the workspace.
fn console_caller_gates(data: &StateData, who: &Who, workspace: &str, page: Page) -> Gate<usize> {
    let ws = check_workspace(data, workspace)?;
    console_gates(data, who, ws, page)?;
    Ok(ws)
}

/// The gates of whoever calls a model: through the console, the workspace named and the console
/// gates for `page`; with a key, the key gates. Gives the workspace the call is made in.
fn caller_gates(data: &StateData, caller: &Caller, page: Page) -> Gate<usize> {
    match caller {
        Caller::Console { who, workspace } => console_caller_gates(data, who, workspace, page),
        Caller::Key { key, ip } => Ok(key_gates(data, key, *ip)?.workspace.index()),
    }
}

fn check_gates(data: &StateData, check: &Check) -> Gate<()> {
    match check {
        Check::CallModel { caller, model } => call_gates(
            data,
            caller_gates(data, caller, Page::ModelExperience)?,
            model,
        ),
        Check::BatchInference {
            who,
            workspace: ws,
            model: m,
        } => call_gates(
            data,
            console_caller_gates(data, who, ws, Page::BatchInference)?,
            m,
        ),
        Check::FineTune { caller, model } => {
            let ws = caller_gates(data, caller, Page::ModelFineTuning)?;
            fine_tune_gates(data, ws, model)
        }
        // A fine-tuned model is deployed where it may be fine-tuned: the fine-tune gates.
        Check::Deploy {
            who,
            workspace: ws,
            model: m,
            fine_tuned: true,
        } => {
            let ws = console_caller_gates(data, who, ws, Page::ModelDeployment)?;
            fine_tune_gates(data, ws, m)
        }
        Check::Deploy {
            who,
            workspace: ws,
            model: m,
            fine_tuned: false,
        } => {
            let ws = console_caller_gates(data, who, ws, Page::ModelDeployment)?;
            let model = known_model(data, m)?;
            gate(data.models[model].deployable, "deny:not-deployable")?;
            gate(may_deploy(data, ws, model), "deny:deploy-not-authorized")
        }
        Check::OpenPage {
            who,
            workspace: ws,
            page,
            access,
        } => {
            let ws = check_workspace(data, ws)?;
            open_page(data, who, ws, *page, *access)
        }
        Check::ViewKey { who, key } => view_key(data, who, key),
        Check::CallOpenapi {
            who,
            action,
            workspace,
        } => call_openapi(data, who, action, workspace.as_deref()),
        Check::Billing { who, action } => billing(data, who, *action),
        Check::OpenSystemAdministration { who } => {
            let acting = resolve(data, who)?;
            super_admin(data, acting)
        }
        Check::UseFeature { who, feature } => {
            resolve(data, who)?;
            gate(data.features.contains(*feature), "deny:not-activated")
        }
        Check::Load { .. } => Err("unsupported: the reference does not answer `load`"),
    }
}

/// The answer of a check (section 6): `allow`, `deny:<code>` or `error:<code>`.
pub fn answer(data: &StateData, check: &Check) -> String {
    match check_gates(data, check) {
        Ok(()) => "allow".to_owned(),
        Err(outcome) => outcome.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Section 4: steps.

/// Stage 1 for a `user = ...` or `role = ...` field: a live user or role.
fn member_reference(data: &StateData, member: &MemberName) -> Gate<Member> {
    match member {
        MemberName::User(name) => live_user(data, name).map(Member::User).ok_or(NOT_FOUND),
        MemberName::Role(name) => live_role(data, name).map(Member::Role).ok_or(NOT_FOUND),
    }
}

/// Stage 1 for a `workspace = ...` field of a step: a live workspace by name.
fn workspace_reference(data: &StateData, name: &str) -> Gate<usize> {
    live_workspace_named(data, name).ok_or(NOT_FOUND)
}

fn model_reference(data: &StateData, name: &str) -> Gate<usize> {
    model_named(data, name).ok_or(NOT_FOUND)
}

/// Stage 1 for `remove-member`, `set-admin`, `grant-page`, `revoke-page`: the membership.
fn membership_reference(data: &StateData, member: Member, ws: usize) -> Gate<()> {
    gate(is_direct_member(data, member, ws), NOT_FOUND)
}

fn ram_admin(data: &StateData, acting: Acting) -> Gate<()> {
    gate(is_ram_admin(data, acting), "deny:not-ram-admin")
}

fn super_admin(data: &StateData, acting: Acting) -> Gate<()> {
    gate(is_super_admin(data, acting), "deny:not-super-admin")
}

fn root_only(acting: Acting) -> Gate<()> {
    gate(is_root(acting), "deny:root-only")
}

/// `add-member` and friends: super administrator or admin of W.
fn super_or_workspace_admin(data: &StateData, acting: Acting, ws: usize) -> Gate<()> {
    gate(
        is_super_admin(data, acting) || is_workspace_admin(data, acting, ws),
        "deny:not-workspace-admin",
    )
}

/// The key permission of section 4: super administrator, admin of W, or member of W with
/// `APIKey-FullAccess`.
fn key_permission(data: &StateData, acting: Acting, ws: usize) -> Gate<()> {
    if is_super_admin(data, acting) {
        return Ok(());
    }
    if let Some(m) = membership(data, acting, ws)
        && (m.admin || m.pages.contains(Page::ApiKey))
    {
        return Ok(());
    }
    Err("deny:no-key-permission")
}

/// Validation of a new name: the name rule (`invalid-value`), then no live one of that name
/// (`duplicate`).
fn new_name(valid: bool, existing: Option<usize>) -> Gate<()> {
    gate(valid, INVALID_VALUE)?;
    gate(existing.is_none(), DUPLICATE)
}

/// Validation of a default workspace for steps that change a sub-workspace only.
fn not_default(data: &StateData, ws: usize) -> Gate<()> {
    gate(
        !data.workspaces[ws].default,
        "error:default-workspace-unrestricted",
    )
}

/// A CIDR (section 4): an IPv4 or IPv6 address with an optional `/prefix`, at most 32 or 128.
fn is_valid_cidr(text: &str) -> bool {
    let (address, prefix) = match text.split_once('/') {
        Some((address, prefix)) => (address, Some(prefix)),
        None => (text, None),
    };
    let Ok(address) = address.parse::<IpAddr>() else {
        return false;
    };
    let Some(prefix) = prefix else {
        return true;
    };
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let Ok(prefix) = prefix.parse::<u32>() else {
        return false;
    };
    match address {
        IpAddr::V4(_) => prefix <= 32,
        IpAddr::V6(_) => prefix <= 128,
    }
}

/// What a `create-api-key`'s owner field refers to after stage 1.
enum NamedOwner {
    Root,
    User(usize),
    /// `owner` names a role and no user: left to validation.
    OnlyARole,
    /// `owner_role`.
    Role(usize),
}

fn key_owner_reference(data: &StateData, owner: &KeyOwnerName) -> Gate<NamedOwner> {
    match owner {
        KeyOwnerName::Named(name) => {
            if name == "root" {
                return Ok(NamedOwner::Root);
            }
            if let Some(user) = live_user(data, name) {
                return Ok(NamedOwner::User(user));
            }
            if live_role(data, name).is_some() {
                return Ok(NamedOwner::OnlyARole);
            }
            Err(NOT_FOUND)
        }
        KeyOwnerName::Role(name) => live_role(data, name).map(NamedOwner::Role).ok_or(NOT_FOUND),
    }
}

fn create_api_key(
    data: &StateData,
    who: &Who,
    workspace: &str,
    owner: &KeyOwnerName,
    label: &str,
) -> Gate<()> {
    // (1) references: the workspace, then the owner (a user, or the `owner_role` role).
    let ws = workspace_reference(data, workspace)?;
    let owner = key_owner_reference(data, owner)?;
    // (2)
    let acting = resolve(data, who)?;
    // (3) the key permission; then, when the named owner is `root`, `root` only.
    key_permission(data, acting, ws)?;
    if matches!(owner, NamedOwner::Root) {
        root_only(acting)?;
    }
    // (4) label rule, label taken (deleted keys included), `owner` naming only a role, owner
    // membership (of the named owner, before the Beijing rule).
    if !is_valid_workspace_name_or_label(label) {
        return Err(INVALID_VALUE);
    }
    if key_labelled(data, label).is_some() {
        return Err(DUPLICATE);
    }
    match owner {
        NamedOwner::Root => Ok(()),
        NamedOwner::OnlyARole => Err(INVALID_VALUE),
        NamedOwner::User(user) => gate(
            is_direct_member(data, Member::User(user), ws),
            "error:owner-not-member",
        ),
        NamedOwner::Role(role) => gate(
            is_direct_member(data, Member::Role(role), ws),
            "error:owner-not-member",
        ),
    }
}

/// `authorize-model`, `set-model-limits`, `clear-model-limits` up to their own validation: the
/// workspace and the model, the super administrator, not a default workspace.
fn model_step(data: &StateData, who: &Who, workspace: &str, model: &str) -> Gate<()> {
    let ws = workspace_reference(data, workspace)?;
    model_reference(data, model)?;
    let acting = resolve(data, who)?;
    super_admin(data, acting)?;
    not_default(data, ws)
}

fn step_stages(data: &StateData, who: &Who, command: &Command) -> Gate<()> {
    match command {
        Command::CreateUser { name } => {
            let acting = resolve(data, who)?;
            ram_admin(data, acting)?;
            new_name(is_valid_user_or_role_name(name), live_user(data, name))
        }
        Command::CreateRole { name } => {
            let acting = resolve(data, who)?;
            ram_admin(data, acting)?;
            new_name(is_valid_user_or_role_name(name), live_role(data, name))
        }
        Command::DeleteUser { name } => {
            live_user(data, name).ok_or(NOT_FOUND)?;
            let acting = resolve(data, who)?;
            ram_admin(data, acting)
        }
        Command::DeleteRole { name } => {
            live_role(data, name).ok_or(NOT_FOUND)?;
            let acting = resolve(data, who)?;
            ram_admin(data, acting)
        }
        Command::TrustRole { role, user } | Command::UntrustRole { role, user } => {
            // Repeating is a no-op: `ok`.
            live_role(data, role).ok_or(NOT_FOUND)?;
            live_user(data, user).ok_or(NOT_FOUND)?;
            let acting = resolve(data, who)?;
            ram_admin(data, acting)
        }
        Command::AttachPolicy { member, policy } | Command::DetachPolicy { member, policy } => {
            member_reference(data, member)?;
            let acting = resolve(data, who)?;
            match policy {
                Policy::AliyunBailianDataFullAccess
                | Policy::AliyunBailianDataReadOnlyAccess
                | Policy::AdministratorAccess => root_only(acting),
                _ => ram_admin(data, acting),
            }
        }
        Command::CreateWorkspace { region: _, name } => {
            let acting = resolve(data, who)?;
            super_admin(data, acting)?;
            new_name(
                is_valid_workspace_name_or_label(name),
                live_workspace_named(data, name),
            )
        }
        Command::RenameWorkspace { workspace, name } => {
            let ws = workspace_reference(data, workspace)?;
            let acting = resolve(data, who)?;
            super_admin(data, acting)?;
            // SPEC reading: a default workspace cannot be renamed at all, not even to its own
            // name: `default-workspace-unrestricted` is the first validation and comes before the
            // no-op rule.
            not_default(data, ws)?;
            // Renaming a workspace to its own name is `ok` and changes nothing.
            if data.workspaces[ws].name == *name {
                return Ok(());
            }
            new_name(
                is_valid_workspace_name_or_label(name),
                live_workspace_named(data, name),
            )
        }
        Command::DeleteWorkspace { workspace } => {
            let ws = workspace_reference(data, workspace)?;
            let acting = resolve(data, who)?;
            super_admin(data, acting)?;
            not_default(data, ws)
        }
        Command::AddMember {
            workspace,
            member,
            admin: _,
        } => {
            let ws = workspace_reference(data, workspace)?;
            let member = member_reference(data, member)?;
            let acting = resolve(data, who)?;
            super_or_workspace_admin(data, acting, ws)?;
            if is_direct_member(data, member, ws) {
                return Err(DUPLICATE);
            }
            Ok(())
        }
        // SPEC reading: section 4 does not order the two halves of stage 1; a value outside its
        // closed set (`Permissions` is not one of the eleven grantable pages) is refused before
        // the references are looked up, as a value that cannot even be read would be (the same
        // order as section 6: values of a check's closed sets come first too).
        Command::GrantPage {
            permission: Page::Permissions,
            ..
        }
        | Command::RevokePage {
            permission: Page::Permissions,
            ..
        } => Err(INVALID_VALUE),
        Command::RemoveMember { workspace, member }
        | Command::SetAdmin {
            workspace, member, ..
        }
        | Command::GrantPage {
            workspace, member, ..
        }
        | Command::RevokePage {
            workspace, member, ..
        } => {
            let ws = workspace_reference(data, workspace)?;
            let member = member_reference(data, member)?;
            membership_reference(data, member, ws)?;
            let acting = resolve(data, who)?;
            super_or_workspace_admin(data, acting, ws)
        }
        Command::AuthorizeModel {
            workspace,
            model,
            flags,
        } => {
            model_step(data, who, workspace, model)?;
            let given = [flags.call, flags.fine_tune, flags.deploy];
            gate(given.iter().any(Option::is_some), INVALID_VALUE)
        }
        Command::SetModelLimits {
            workspace: ws,
            model: m,
            rpm: requests,
            tpm: tokens,
        } => {
            model_step(data, who, ws, m)?;
            if requests.is_none() && tokens.is_none() {
                return Err(INVALID_VALUE);
            }
            if requests.is_some_and(|v| v < 1) || tokens.is_some_and(|v| v < 1) {
                return Err(INVALID_VALUE);
            }
            Ok(())
        }
        Command::ClearModelLimits { workspace, model } => model_step(data, who, workspace, model),
        Command::SetAccountQuota {
            region: _,
            model,
            rpm,
        } => {
            model_reference(data, model)?;
            let acting = resolve(data, who)?;
            super_admin(data, acting)?;
            if *rpm < 1 {
                return Err(INVALID_VALUE);
            }
            Ok(())
        }
        Command::AddModel { model, .. } => {
            // The model being created is not a reference.
            let acting = resolve(data, who)?;
            super_admin(data, acting)?;
            if model_named(data, model).is_some() {
                return Err(DUPLICATE);
            }
            Ok(())
        }
        Command::CreateApiKey {
            workspace,
            owner,
            key,
        } => create_api_key(data, who, workspace, owner, key),
        Command::DeleteApiKey { key } => {
            let index = key_labelled(data, key).ok_or(NOT_FOUND)?;
            let key = &data.keys[index];
            let acting = resolve(data, who)?;
            // The key permission only, for the key's workspace (no `root-only` rule).
            key_permission(data, acting, key.workspace.index())?;
            key_is_not_deleted(data, key)
        }
        Command::SetIpWhitelist { key, cidrs } => {
            let index = key_labelled(data, key).ok_or(NOT_FOUND)?;
            let key = &data.keys[index];
            let acting = resolve(data, who)?;
            key_permission(data, acting, key.workspace.index())?;
            key_is_not_deleted(data, key)?;
            // Outside `cn-beijing` every whitelist change, an empty list included.
            if data.workspaces[key.workspace.index()].region != Region::CnBeijing {
                return Err("error:ip-whitelist-beijing-only");
            }
            if !cidrs.iter().all(|cidr| is_valid_cidr(cidr)) {
                return Err("error:invalid-cidr");
            }
            Ok(())
        }
        Command::Activate { feature } => {
            let acting = resolve(data, who)?;
            if *feature == Feature::ModelStudio {
                super_admin(data, acting)
            } else {
                root_only(acting)
            }
        }
        Command::SetDate { date } => {
            // Anyone (who resolves).
            resolve(data, who)?;
            if !is_valid_date(date) {
                return Err(INVALID_VALUE);
            }
            Ok(())
        }
    }
}

/// Validation `key-deleted` of `delete-api-key` and `set-ip-whitelist`.
// SPEC reading: a key of a deleted workspace is deleted ("its keys are deleted (`key-deleted`,
// unrecoverable)"), whatever its own flag says.
fn key_is_not_deleted(data: &StateData, key: &ApiKey) -> Gate<()> {
    gate(
        !key.deleted && !data.workspaces[key.workspace.index()].deleted,
        "error:key-deleted",
    )
}

/// The outcome of a step (section 4): `ok`, `deny:<code>` or `error:<code>`.
pub fn step_outcome(data: &StateData, who: &Who, command: &Command) -> String {
    match step_stages(data, who, command) {
        Ok(()) => "ok".to_owned(),
        Err(outcome) => outcome.to_owned(),
    }
}
