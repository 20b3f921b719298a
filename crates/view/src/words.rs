//! Everything the core says as codes and enums, in words for people. The core has no UI text;
//! this is the one place that turns its answers into sentences.

use studio_access_core::{
    Access, Code, Command, Fact, FindingCode, FixKind, Gate, KeyOwnerName, KeyStatus, MemberName,
    ModelAuth, NAME_MAX_CHARS, NameProblem, NameRule, Outcome, PageAccess, Policy, Refusal, Region,
    Stage, TraceStep, Visibility,
};

/// The region's name as the console shows it.
pub fn region(region: Region) -> &'static str {
    match region {
        Region::CnBeijing => "China (Beijing)",
        Region::ApSoutheast1 => "Singapore",
        Region::UsEast1 => "US (Virginia)",
    }
}

/// The page's title in the console.
pub fn page(page: studio_access_core::Page) -> &'static str {
    use studio_access_core::Page as P;
    match page {
        P::ModelExperience => "Model experience",
        P::BatchInference => "Batch inference",
        P::ModelObservation => "Model observation",
        P::Playground => "Playground",
        P::ModelFineTuning => "Model fine-tuning",
        P::MyModels => "My models",
        P::ModelDeployment => "Model deployment",
        P::ModelEvaluation => "Model evaluation",
        P::DataManagement => "Data management",
        P::Application => "Applications",
        P::ApiKey => "Key management",
        P::Permissions => "Permission management",
    }
}

/// What a code means, as one sentence.
pub fn code(code: Code) -> &'static str {
    match code {
        Code::UnknownPrincipal => {
            "There is no such RAM user, or the role it acts through does not exist."
        }
        Code::CannotAssumeRole => "The user is not trusted to assume that role.",
        Code::NotMember => "Not a member of this workspace.",
        Code::PageRestricted => {
            "This page is restricted: it needs the workspace's Administrator permission (or, for key management, the key management permission)."
        }
        Code::NoOperationPermission => "Can view this page but has no permission to operate it.",
        Code::NotRamAdmin => "Only a RAM administrator (AliyunRAMFullAccess) can do this.",
        Code::RootOnly => {
            "Only the Alibaba Cloud account (root) can do this: it alone may attach the data and administrator policies, activate features other than model calling, and name itself as a key's owner."
        }
        Code::NotSuperAdmin => {
            "Needs management permission: only a super administrator (the Alibaba Cloud account, or a RAM identity with AliyunBailianFullAccess) can do this."
        }
        Code::NotWorkspaceAdmin => {
            "Only a super administrator or an administrator of this workspace can do this."
        }
        Code::NoKeyPermission => {
            "Needs the key management permission: super administrator, workspace administrator, or APIKey-FullAccess in the key's workspace."
        }
        Code::UnknownKey => "There is no API key with this label.",
        Code::KeyDeleted => "The API key was deleted, or its workspace was; that cannot be undone.",
        Code::KeyOwnerDeleted => {
            "The API key's owner (a RAM user or role) was deleted; the key cannot recover."
        }
        Code::KeySuspended => {
            "The API key is suspended: its owner (a RAM user or role) is no longer a member of the key's workspace. Re-adding the owner reactivates it."
        }
        Code::IpNotAllowed => "The caller's address is not in the key's IP whitelist.",
        Code::UnknownModel => "There is no such model in the catalog.",
        Code::ModelNotAuthorized => "The workspace is not authorized to call this model.",
        Code::NotFineTunable => "This model cannot be fine-tuned.",
        Code::FineTuneNotAuthorized => "The workspace is not authorized to fine-tune this model.",
        Code::NotDeployable => "This model cannot be deployed directly.",
        Code::DeployNotAuthorized => "The workspace is not authorized to deploy this model.",
        Code::NoOpenapiPermission => {
            "No OpenAPI permission: needs AliyunBailianDataFullAccess or AliyunBailianDataReadOnlyAccess."
        }
        Code::OpenapiReadOnly => {
            "Only read actions are allowed with AliyunBailianDataReadOnlyAccess."
        }
        Code::NoBillingPermission => {
            "Lacks the billing policy this action needs: AliyunBSSReadOnlyAccess to view bills, AliyunBSSOrderAccess to purchase or pay."
        }
        Code::NotActivated => "The feature is not activated for this account.",
        Code::RateLimited => "Throttled by the workspace's request or token limit.",
        Code::NotFound => "Something it refers to does not exist.",
        Code::InvalidValue => "A value is not valid here.",
        Code::Duplicate => "That name or label is already taken, or the member already exists.",
        Code::DefaultWorkspaceUnrestricted => {
            "A default workspace cannot be renamed, deleted or restricted: it allows every model without limits."
        }
        Code::OwnerNotMember => {
            "A RAM user or role who owns a key must be a direct member of its workspace."
        }
        Code::IpWhitelistBeijingOnly => "IP whitelists can only be set on keys in China (Beijing).",
        Code::InvalidCidr => {
            "Not an IP address or CIDR block (IPv4 prefix up to 32, IPv6 up to 128)."
        }
    }
}

/// What a `duplicate` refusal of `command` collides with, in `state` (the state it was asked
/// in): the kind of name, where the one holding it is, and the rule that makes it unique.
/// `None` for a command that is never refused as a duplicate.
pub fn duplicate(state: &studio_access_core::State, command: &Command) -> Option<String> {
    Some(match command {
        Command::CreateUser { name } => format!(
            "A RAM user named `{name}` exists already (a role may share the name: users and roles are named apart)."
        ),
        Command::CreateRole { name } => format!(
            "A RAM role named `{name}` exists already (a user may share the name: users and roles are named apart)."
        ),
        Command::CreateWorkspace { name, .. } | Command::RenameWorkspace { name, .. } => {
            let region = state
                .workspace_id(name)
                .and_then(|id| state.workspace(id))
                .map(|w| format!(" in {}", self::region(w.region)))
                .unwrap_or_default();
            format!(
                "The workspace name `{name}` is taken: a workspace{region} has it, and workspace names are unique in the account, across regions."
            )
        }
        Command::AddMember {
            workspace, member, ..
        } => format!("`{}` is a member of `{workspace}` already.", member.name()),
        Command::AddModel { model, .. } => {
            format!("A model named `{model}` is in the catalog already.")
        }
        Command::CreateApiKey { key, .. } => format!(
            "The key label `{key}` is taken: labels are unique in the account for ever, those of deleted keys included."
        ),
        _ => return None,
    })
}

/// A refused step in words, as [`refusal`] says it, but a `duplicate` says what the name
/// collides with ([`duplicate`]) rather than the code's general sentence and the name.
pub fn step_refusal(
    state: &studio_access_core::State,
    command: &Command,
    refused: &Refusal,
) -> String {
    let why = match refused.outcome {
        Outcome::Error(Code::Duplicate) => duplicate(state, command),
        Outcome::Error(Code::InvalidValue) => broken_name(command).or_else(|| no_value(command)),
        Outcome::Deny(Code::RootOnly) => root_only(command),
        _ => None,
    };
    match why {
        Some(why) => format!(
            "{} {why} Failed while {}.",
            refused_with(refused.outcome),
            stage(refused.stage)
        ),
        None => refusal(refused),
    }
}

/// What a step that sets values was given none of (a new user's walk read "a value is not
/// valid here" for limits left empty).
fn no_value(command: &Command) -> Option<String> {
    match command {
        Command::SetModelLimits {
            rpm: None,
            tpm: None,
            ..
        } => Some(
            "Give a request limit (RPM), a token limit (TPM) or both; Clear removes the limits."
                .to_owned(),
        ),
        Command::AuthorizeModel { flags, .. } if !flags.any() => {
            Some("Say which use to allow or forbid: calling, fine-tuning or deploying.".to_owned())
        }
        _ => None,
    }
}

/// Which of the things only `root` may do `command` is (SPEC section 4), rather than the list
/// of them all the code's sentence gives.
fn root_only(command: &Command) -> Option<String> {
    const ROOT: &str = "Only the Alibaba Cloud account (root)";
    Some(match command {
        Command::AttachPolicy { policy, .. } => format!("{ROOT} may attach `{policy}`."),
        Command::DetachPolicy { policy, .. } => format!("{ROOT} may detach `{policy}`."),
        Command::CreateApiKey { .. } => format!(
            "{ROOT} may name itself as a key's owner: name a RAM user or role of the workspace as the owner instead."
        ),
        Command::Activate { feature } => format!("{ROOT} may activate `{feature}`."),
        _ => return None,
    })
}

/// "Refused (duplicate):", the opening of [`outcome`]'s sentence for a refusal.
fn refused_with(outcome: Outcome) -> String {
    match outcome {
        Outcome::Deny(c) => format!("Denied ({c}):"),
        _ => format!("Refused ({}):", outcome.code().map_or("", |c| c.as_str())),
    }
}

/// What is wrong with the name a step gives, when it breaks its rule ([`name_problem`]).
fn broken_name(command: &Command) -> Option<String> {
    let (what, name, rule) = match command {
        Command::CreateUser { name } => ("user name", name, NameRule::Principal),
        Command::CreateRole { name } => ("role name", name, NameRule::Principal),
        Command::CreateWorkspace { name, .. } | Command::RenameWorkspace { name, .. } => {
            ("workspace name", name, NameRule::Resource)
        }
        Command::CreateApiKey { key, .. } => ("key label", key, NameRule::Resource),
        _ => return None,
    };
    rule.check(name)
        .err()
        .map(|problem| name_problem(what, problem))
}

/// What a list of steps is called where it is applied in order: the matrix's staged changes,
/// or the steps of a remedy or a finding's fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepNoun {
    /// One, opening a sentence: "Change".
    pub one: &'static str,
    /// One, within a sentence: "change".
    pub within: &'static str,
    /// Several: "changes".
    pub many: &'static str,
}

impl StepNoun {
    /// The matrix's staged changes.
    pub const CHANGE: StepNoun = StepNoun {
        one: "Change",
        within: "change",
        many: "changes",
    };
    /// Proposed steps.
    pub const STEP: StepNoun = StepNoun {
        one: "Step",
        within: "step",
        many: "steps",
    };
}

/// Where applying `steps` in order as `who` would stop, from core's `State::preview_all` of
/// them: which one ("Change 2"), what it is, why it would be refused, and what applying would
/// have done by then. `None` when every step would apply. The one sentence for the matrix's
/// review and for proposed steps.
pub fn applying_stops(
    noun: StepNoun,
    steps: &[Command],
    preview: &studio_access_core::diff::PlanPreview,
    who: &studio_access_core::Who,
) -> Option<String> {
    preview.refused.as_ref().map(|(at, refused)| {
        let asked = steps.get(*at);
        let step = asked.map(command).unwrap_or_default();
        let why = match asked {
            Some(asked) => step_refusal(&preview.after, asked, refused),
            None => refusal(refused),
        };
        let stops = if *at == 0 {
            "Nothing would change.".to_owned()
        } else {
            format!(
                "Applying stops there, after {}.",
                counted(*at, noun.within, noun.many)
            )
        };
        format!(
            "{} {} would be refused as {who}: {step}. {why} {stops}",
            noun.one,
            at + 1,
        )
    })
}

/// An outcome in words: "Allowed", or "Denied: <why>", or "Error: <why>".
pub fn outcome(outcome: Outcome) -> String {
    match outcome {
        Outcome::Ok => "Done.".to_owned(),
        Outcome::Allow => "Allowed.".to_owned(),
        Outcome::Deny(c) => format!("Denied ({c}): {}", code(c)),
        Outcome::Error(c) => format!("Refused ({c}): {}", code(c)),
    }
}

/// The stage that refused a step.
pub fn stage(stage: Stage) -> &'static str {
    match stage {
        Stage::References => "checking what the step refers to",
        Stage::Resolution => "resolving who is acting",
        Stage::Authorization => "checking the acting identity's permission",
        Stage::Validation => "validating the values",
    }
}

/// A refused step in words, naming the stage and the value at fault.
pub fn refusal(refusal: &Refusal) -> String {
    if refusal.subject.as_deref() == Some(studio_access_core::NO_ENTROPY) {
        return "Not created: this browser offers no cryptographic random source (window.crypto), and a key's secret is never drawn from anything weaker. Nothing changed; use a current browser.".to_owned();
    }
    let mut text = format!(
        "{} Failed while {}",
        outcome(refusal.outcome),
        stage(refusal.stage)
    );
    if let Some(subject) = &refusal.subject {
        text.push_str(&format!(" (`{subject}`)"));
    }
    text.push('.');
    text
}

/// A gate's name.
pub fn gate(gate: Gate) -> &'static str {
    match gate {
        Gate::WorkspaceExists => "Workspace exists",
        Gate::PrincipalResolved => "Principal resolution",
        Gate::RootAccount => "Alibaba Cloud account",
        Gate::Member => "Workspace membership",
        Gate::PageRestriction => "Restricted page",
        Gate::PageView => "View page",
        Gate::PageOperation => "Operate page",
        Gate::KeyKnown => "API key exists",
        Gate::KeyStatus => "API key status",
        Gate::IpWhitelist => "IP whitelist",
        Gate::ModelKnown => "Model in catalog",
        Gate::CallAuthorized => "Model call authorized",
        Gate::FineTunable => "Model fine-tunable",
        Gate::FineTuneAuthorized => "Fine-tuning authorized",
        Gate::Deployable => "Model deployable",
        Gate::DeployAuthorized => "Deployment authorized",
        Gate::KeyVisibility => "Key visibility",
        Gate::OpenapiPolicy => "OpenAPI policy",
        Gate::OpenapiWrite => "OpenAPI write access",
        Gate::BillingPolicy => "Billing policy",
        Gate::SuperAdmin => "Super administrator",
        Gate::FeatureActivated => "Feature activated",
        Gate::RateLimit => "Rate limits",
    }
}

/// A key status in words.
pub fn key_status(status: KeyStatus) -> &'static str {
    match status {
        KeyStatus::Active => "active",
        KeyStatus::Deleted => "deleted",
        KeyStatus::OwnerDeleted => "owner deleted",
        KeyStatus::Suspended => "suspended",
    }
}

/// Page access as the matrix shows it.
pub fn page_access(access: PageAccess) -> &'static str {
    match access {
        PageAccess::None => "none",
        PageAccess::View => "view",
        PageAccess::Operate => "operate",
    }
}

/// The access a check asks for.
pub fn access(access: Access) -> &'static str {
    match access {
        Access::View => "view",
        Access::Operate => "operate",
    }
}

fn flags(auth: &ModelAuth) -> String {
    let mut parts = Vec::new();
    for (on, name) in [
        (auth.call, "call"),
        (auth.fine_tune, "fine-tune"),
        (auth.deploy, "deploy"),
    ] {
        if on {
            parts.push(name.to_owned());
        }
    }
    if parts.is_empty() {
        parts.push("nothing authorized".to_owned());
    }
    if let Some(rpm) = auth.rpm {
        parts.push(format!("{} RPM", thousands(rpm)));
    }
    if let Some(tpm) = auth.tpm {
        parts.push(format!("{} TPM", thousands(tpm)));
    }
    parts.join(", ")
}

/// A key's IP whitelist in a diff: its entries, or that it lets in any address.
fn whitelist<T: ToString>(nets: &[T]) -> String {
    if nets.is_empty() {
        "none (any address)".to_owned()
    } else {
        list(nets.iter().map(ToString::to_string))
    }
}

fn list<T: ToString>(items: impl Iterator<Item = T>) -> String {
    let items: Vec<String> = items.map(|i| i.to_string()).collect();
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

/// The fact that decided a gate, as a sentence.
pub fn fact(fact: &Fact) -> String {
    match fact {
        Fact::NoSuchWorkspace { name } => format!("No workspace is named {}.", quoted(name)),
        Fact::Workspace { name } => format!("Workspace `{name}`."),
        Fact::Acting { user: None, .. } => "Acting as the Alibaba Cloud account (root).".to_owned(),
        Fact::Acting {
            user: Some(user),
            role: None,
        } => format!("Acting as RAM user `{user}` with its own policies and memberships."),
        Fact::Acting {
            user: Some(user),
            role: Some(role),
        } => format!(
            "RAM user `{user}` acting through role `{role}`: the role's policies and memberships count."
        ),
        Fact::NoSuchUser { name } => format!("No live RAM user is named {}.", quoted(name)),
        Fact::NoSuchRole { name } => format!("No live RAM role is named {}.", quoted(name)),
        Fact::NotTrusted { user, role } => format!("Role `{role}` does not trust user `{user}`."),
        Fact::RootWithVia => "The Alibaba Cloud account cannot act through a role.".to_owned(),
        Fact::IsRoot => "The Alibaba Cloud account has access to everything.".to_owned(),
        Fact::Membership {
            workspace,
            member,
            role,
            admin,
            pages,
        } => format!(
            "{} `{member}` is a member of `{workspace}`{}; page permissions: {}.",
            if *role { "Role" } else { "User" },
            if *admin {
                " with the Administrator permission"
            } else {
                ""
            },
            list(pages.iter().map(page))
        ),
        Fact::NoMembership {
            workspace,
            member,
            role,
        } => format!(
            "{} `{member}` is not a member of `{workspace}`.",
            if *role { "Role" } else { "User" }
        ),
        Fact::PagePermission {
            page: p,
            admin,
            held,
        } => {
            let name = page(*p);
            match (admin, held) {
                (true, _) => format!("Workspace administrator: every page, {name} included."),
                (false, true) => format!("Holds the {name} permission ({}).", p.as_str()),
                // SPEC section 3: Permission management needs the workspace's administrator.
                (false, false) if !p.is_grantable() => format!(
                    "Not an administrator of the workspace: {name} is for its administrators only (no page permission grants it)."
                ),
                (false, false) => format!(
                    "Does not hold the {name} permission ({}), and is not an administrator of the workspace.",
                    p.as_str()
                ),
            }
        }
        Fact::ViewOnly => "Members can view every unrestricted page.".to_owned(),
        Fact::NoSuchKey { key } => format!("No API key is labelled {}.", quoted(key)),
        Fact::Key {
            key,
            status,
            owner,
            workspace,
        } => {
            let standing = match status {
                KeyStatus::OwnerDeleted => "is dead: its owner was deleted",
                KeyStatus::Active => "is active",
                KeyStatus::Deleted => "was deleted",
                KeyStatus::Suspended => "is suspended",
            };
            format!("Key `{key}` in `{workspace}`, owned by `{owner}`, {standing}.")
        }
        Fact::Whitelist { cidrs, .. } if cidrs.is_empty() => {
            "The key has no IP whitelist: calls from any address pass.".to_owned()
        }
        Fact::Whitelist { cidrs, ip, matched } => match (ip, matched) {
            (None, _) => format!(
                "The key's whitelist ({}) needs a caller address; none was given.",
                list(cidrs.iter())
            ),
            (Some(ip), Some(net)) => format!("{ip} is inside {net}."),
            (Some(ip), None) => format!("{ip} is outside the whitelist ({}).", list(cidrs.iter())),
        },
        Fact::NoSuchModel { model } => format!("No model {} in the catalog.", quoted(model)),
        Fact::Model {
            model,
            fine_tunable,
            deployable,
        } => format!(
            "Model `{model}`: {}.",
            model_abilities(*fine_tunable, *deployable)
        ),
        Fact::Authorization {
            workspace,
            model,
            default,
            auth,
        } => {
            if *default {
                format!("`{workspace}` is a default workspace: every model, no limits.")
            } else {
                format!("`{workspace}` authorizes `{model}`: {}.", flags(auth))
            }
        }
        Fact::KeyVisibility { key, relation } => match relation {
            Visibility::SuperAdmin => {
                format!("A super administrator sees every key, `{key}` included.")
            }
            Visibility::WorkspaceAdmin => {
                format!("An administrator of `{key}`'s workspace sees its keys.")
            }
            Visibility::KeyManager => {
                format!("Holds APIKey-FullAccess in `{key}`'s workspace, so sees its keys.")
            }
            Visibility::Owner => format!("Owns `{key}`."),
            Visibility::CreatedFor => {
                format!("`{key}` was created for this user or role (it belongs to the account).")
            }
            Visibility::None => format!("Neither manages nor owns `{key}`."),
        },
        Fact::Policies { held, needed } => format!(
            "Needs {}; effective policies: {}.",
            needed.as_str(),
            list(held.iter().map(|p| p.as_str()))
        ),
        Fact::OpenapiAction { action, read, held } => format!(
            "`{action}` is a {} action; effective policies: {}.",
            if *read { "read" } else { "write" },
            list(held.iter().map(|p| p.as_str()))
        ),
        Fact::Feature { feature, active } => format!(
            "`{feature}` is {}.",
            if *active {
                "activated"
            } else {
                "not activated"
            }
        ),
        Fact::Limits { throttled, over } => {
            if *throttled == 0 {
                "No request was throttled.".to_owned()
            } else {
                let (requests, were) = if *throttled == 1 {
                    ("request", "was")
                } else {
                    ("requests", "were")
                };
                let mut says = format!(
                    "{} {requests} {were} throttled by the workspace's limits.",
                    thousands(*throttled)
                );
                for overrun in over {
                    says.push(' ');
                    says.push_str(&overrun_words(overrun));
                }
                says
            }
        }
    }
}

/// One trace line: the gate, whether it passed, and why.
pub fn trace_step(step: &TraceStep) -> String {
    format!(
        "{} {}: {}",
        if step.passed { "✓" } else { "✗" },
        gate(step.gate),
        fact(&step.fact)
    )
}

/// An audit finding's title.
pub fn finding(code: FindingCode) -> &'static str {
    match code {
        FindingCode::RootDailyUse => "Account key in daily use",
        FindingCode::UserWithoutWorkspace => "User without a workspace",
        FindingCode::SuspendedKey => "Suspended key",
        FindingCode::DeadKey => "Dead key",
        FindingCode::ExcessAdmin => "Excess administrator policy",
        FindingCode::BillingPurchaseGrant => "Can purchase and pay",
        FindingCode::QuotaOverAllocated => "Quota over-allocated",
        FindingCode::QuotaNoBuffer => "Quota without buffer",
        FindingCode::SubWorkspaceNoModels => "Workspace with members and no models",
        FindingCode::NoIpWhitelist => "Beijing key without IP whitelist",
        FindingCode::RoleWithoutTrust => "Role nobody can assume",
    }
}

/// What one alternative fix of an audit finding does, as the title of its steps.
pub fn finding_fix(kind: &FixKind) -> String {
    match kind {
        FixKind::RestoreOwner { owner, workspace } => {
            format!("Add {} back to `{workspace}`", member_name(owner))
        }
        FixKind::DeleteKey => "Delete the key".to_owned(),
        FixKind::NarrowAdministrator => {
            "Attach `AliyunBailianFullAccess` in place of `AdministratorAccess`".to_owned()
        }
        FixKind::DetachPurchase => "Detach `AliyunBSSOrderAccess`".to_owned(),
        FixKind::JoinWorkspace { workspace } => {
            format!("Add it to `{workspace}` as a plain member (no administrator, no page)")
        }
        FixKind::DeleteUser => "Delete the user".to_owned(),
        FixKind::TrustUser { user } => format!(
            "Trust user `{user}` to assume it (`{user}` may then act with all the role holds)"
        ),
        FixKind::DeleteRole => "Delete the role".to_owned(),
        FixKind::LowerLimits => {
            "Lower the request limits in proportion to leave 10% of the quota free".to_owned()
        }
        FixKind::AuthorizeModel { model } => format!("Authorize `{model}` for calling"),
        FixKind::RemoveMembers { count: 1 } => "Remove its only member".to_owned(),
        FixKind::RemoveMembers { count } => format!("Remove its {count} members"),
    }
}

/// A user or a role named in a step: "user `ann`", "role `ops`".
pub fn member_name(member: &MemberName) -> String {
    match member {
        MemberName::User(name) => format!("user `{name}`"),
        MemberName::Role(name) => format!("role `{name}`"),
    }
}

/// A key's named owner: "`root`", "user `ann`", "role `ops`" (`owner` names `root` or a user).
pub fn key_owner_name(owner: &KeyOwnerName) -> String {
    match owner {
        KeyOwnerName::Named(name) if name == "root" => {
            "the Alibaba Cloud account (`root`)".to_owned()
        }
        KeyOwnerName::Named(name) => format!("user `{name}`"),
        KeyOwnerName::Role(name) => format!("role `{name}`"),
    }
}

/// What is wrong with a name, as a person typing it needs to hear it; `what` names the field
/// ("user name", "workspace name", "key label").
pub fn name_problem(what: &str, problem: NameProblem) -> String {
    match problem {
        NameProblem::Empty => format!("The {what} is empty."),
        NameProblem::TooLong { chars } => {
            format!("The {what} is too long: {chars} characters, at most {NAME_MAX_CHARS}.")
        }
        NameProblem::Reserved => {
            format!("The {what} cannot be `root`: that is the Alibaba Cloud account.")
        }
        NameProblem::SpaceAtEnd { first: true } => {
            format!("The {what} starts with a space; nothing is trimmed, remove it.")
        }
        NameProblem::SpaceAtEnd { first: false } => {
            format!("The {what} ends with a space; nothing is trimmed, remove it.")
        }
        NameProblem::Character {
            ch,
            at,
            invisible: true,
        } => format!(
            "The {what} holds an invisible character (U+{:04X}), the {}; delete it.",
            u32::from(ch),
            ordinal_character(at)
        ),
        // A space drawn as a name would be invisible: it is said in words.
        NameProblem::Character { ch: ' ', at, .. } => {
            format!(
                "The {what} cannot contain a space (the {}).",
                ordinal_character(at)
            )
        }
        NameProblem::Character { ch, at, .. } => {
            format!(
                "The {what} cannot contain `{ch}` (the {}).",
                ordinal_character(at)
            )
        }
    }
}

/// The `at`-th character (from 1) in words: "1st character", "12th character", "23rd character".
fn ordinal_character(at: usize) -> String {
    let suffix = match (at % 10, at % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{at}{suffix} character")
}

/// What loading a state written by an older version did to its history: what was kept as
/// history and what was folded into the checkpoint, and why.
pub fn migration(migration: &studio_access_core::persist::Migration) -> String {
    let kept = counted(migration.kept, "change is", "changes are");
    let mut text = format!(
        "written by an earlier version (format {}); it was brought up to date and nothing in it was lost. {kept} kept as history (undo reaches them)",
        migration.from_version
    );
    if migration.superseded.is_empty() {
        text.push('.');
        return text;
    }
    let refused: Vec<String> = migration
        .superseded
        .iter()
        .map(|s| format!("#{} {} by {} ({})", s.seq, s.op, s.who, s.outcome))
        .collect();
    text.push_str(&format!(
        "; {} folded into the starting point as they stood, because revision 2 of the rules refuses {}: {}.",
        counted(migration.folded, "earlier change was", "earlier changes were"),
        if refused.len() == 1 { "this one" } else { "these" },
        refused.join(", ")
    ));
    text
}

/// A feature's name in the console.
pub fn feature(feature: studio_access_core::Feature) -> &'static str {
    use studio_access_core::Feature as F;
    match feature {
        F::ModelStudio => "Model calling",
        F::AiGuardrails => "AI Guardrails",
        F::ModelMonitoring => "Model monitoring",
        F::AppObservability => "Application observability",
    }
}

/// Who may activate a feature (the seed's rule).
pub fn feature_rule(feature: studio_access_core::Feature) -> &'static str {
    match feature {
        studio_access_core::Feature::ModelStudio => {
            "Management permission: the Alibaba Cloud account or a super administrator (AliyunBailianFullAccess)."
        }
        _ => "The Alibaba Cloud account only: it authorizes and activates it once in the console.",
    }
}

/// What the date field says of `text` when it is not a date: the field, and what it wants.
pub fn not_a_date(text: &str) -> String {
    if text.trim().is_empty() {
        "The new date is empty: enter it as YYYY-MM-DD.".to_owned()
    } else {
        format!("The new date `{text}` is not a date: enter it as YYYY-MM-DD.")
    }
}

/// What moving the simulation's date from `from` to `to` changes, said before it is applied.
pub fn date_effect(from: studio_access_core::Date, to: studio_access_core::Date) -> String {
    let cutover = studio_access_core::Date::BEIJING_ROOT_OWNERSHIP;
    if from == to {
        return format!("{to} is already the simulation's date.");
    }
    let rule = if to >= cutover {
        "new China (Beijing) keys will belong to the Alibaba Cloud account, whoever they are created for"
    } else {
        "new China (Beijing) keys will belong to the user or role they are created for"
    };
    let crossing = (from < cutover) != (to < cutover);
    format!(
        "From {to}, {rule}{}. Existing keys and access do not change. The change is recorded and can be undone.",
        if crossing {
            " (the rule changed on 2026-03-25)"
        } else {
            ""
        }
    )
}

/// What a system policy is for, in one line (from the seeds).
pub fn policy_purpose(policy: Policy) -> &'static str {
    match policy {
        Policy::AdministratorAccess => {
            "Everything in every Alibaba Cloud product: includes every policy below. Prefer AliyunBailianFullAccess."
        }
        Policy::AliyunRamFullAccess => {
            "RAM administration: create and delete users and roles, attach policies, set up super administrators."
        }
        Policy::AliyunBailianFullAccess => {
            "Management permission (super administrator; formerly AliyunSFMFullAccess): every workspace, model, limit, member and API key; activate model calling. No workspace access by itself."
        }
        Policy::AliyunBailianDataFullAccess => {
            "OpenAPI data access, full: call every application-data API (data, knowledge bases, prompts, memory)."
        }
        Policy::AliyunBailianDataReadOnlyAccess => {
            "OpenAPI data access, read-only: only the read APIs, such as DescribeFile and GetIndexJobStatus."
        }
        Policy::AliyunBssReadOnlyAccess => "Bills: view the bills of every Alibaba Cloud product.",
        Policy::AliyunBssOrderAccess => {
            "Purchases: buy Alibaba Cloud subscription products; with management permission, pay Model Studio orders."
        }
    }
}

/// What an identity without management permission is told where workspaces and accounts are
/// managed: the seed's FAQ answer.
pub fn management_needed() -> &'static str {
    "Creating, renaming and deleting workspaces, authorizing models and setting their limits are on the System Administration page. To access it, you must first get management permission: the Alibaba Cloud account must grant the AliyunBailianFullAccess system policy (formerly AliyunSFMFullAccess) to the RAM user or role. Workspace administrators can still manage the members of their workspaces below."
}

/// What a name rule allows, in one line.
pub fn name_rule(rule: NameRule) -> &'static str {
    match rule {
        NameRule::Principal => {
            "1 to 64 characters: letters A–Z and a–z, digits, `.`, `_` and `-`; not `root`."
        }
        NameRule::Resource => {
            "1 to 64 characters: letters of any script, digits, spaces, `.`, `_` and `-`; no space first or last."
        }
    }
}

/// A step in words, as an imperative sentence without a final period.
pub fn command(command: &Command) -> String {
    match command {
        Command::CreateUser { name } => format!("Create RAM user `{name}`"),
        Command::CreateRole { name } => format!("Create RAM role `{name}`"),
        Command::DeleteUser { name } => format!("Delete RAM user `{name}`"),
        Command::DeleteRole { name } => format!("Delete RAM role `{name}`"),
        Command::TrustRole { role, user } => {
            format!("Trust user `{user}` to assume role `{role}`")
        }
        Command::UntrustRole { role, user } => {
            format!("Stop trusting user `{user}` to assume role `{role}`")
        }
        Command::AttachPolicy { member, policy } => {
            format!("Attach {policy} to {}", member_name(member))
        }
        Command::DetachPolicy { member, policy } => {
            format!("Detach {policy} from {}", member_name(member))
        }
        Command::CreateWorkspace { region: r, name } => {
            format!("Create workspace `{name}` in {}", region(*r))
        }
        Command::RenameWorkspace { workspace, name } => {
            format!("Rename workspace `{workspace}` to `{name}`")
        }
        Command::DeleteWorkspace { workspace } => {
            format!("Delete workspace `{workspace}` with its memberships, authorizations and keys")
        }
        Command::AddMember {
            workspace,
            member,
            admin,
        } => format!(
            "Add {} to `{workspace}`{}",
            member_name(member),
            if *admin { " as an administrator" } else { "" }
        ),
        Command::RemoveMember { workspace, member } => {
            format!("Remove {} from `{workspace}`", member_name(member))
        }
        Command::SetAdmin {
            workspace,
            member,
            admin: true,
        } => format!(
            "Make {} an administrator of `{workspace}`",
            member_name(member)
        ),
        Command::SetAdmin {
            workspace,
            member,
            admin: false,
        } => format!(
            "Withdraw the Administrator permission of {} in `{workspace}`",
            member_name(member)
        ),
        Command::GrantPage {
            workspace,
            member,
            permission,
        } => format!(
            "Grant {} ({permission}) to {} in `{workspace}`",
            page(*permission),
            member_name(member)
        ),
        Command::RevokePage {
            workspace,
            member,
            permission,
        } => format!(
            "Revoke {} ({permission}) from {} in `{workspace}`",
            page(*permission),
            member_name(member)
        ),
        Command::AuthorizeModel {
            workspace,
            model,
            flags,
        } => {
            let flags: Vec<String> = [
                (flags.call, "calling"),
                (flags.fine_tune, "fine-tuning"),
                (flags.deploy, "deploying"),
            ]
            .into_iter()
            .filter_map(|(flag, name)| {
                flag.map(|on| format!("{} {name}", if on { "allow" } else { "forbid" }))
            })
            .collect();
            format!("In `{workspace}`, {} `{model}`", list(flags.iter()))
        }
        Command::SetModelLimits {
            workspace,
            model,
            rpm,
            tpm,
        } => {
            let limits: Vec<String> = rpm
                .map(|rpm| per_minute(rpm, "request", "requests"))
                .into_iter()
                .chain(tpm.map(|tpm| per_minute(tpm, "token", "tokens")))
                .collect();
            format!(
                "Limit `{model}` in `{workspace}` to {}",
                list(limits.iter())
            )
        }
        Command::ClearModelLimits { workspace, model } => {
            format!("Remove the limits of `{model}` in `{workspace}`")
        }
        Command::SetAccountQuota {
            region: r,
            model,
            rpm,
        } => format!(
            "Set the account quota of `{model}` in {} to {}",
            region(*r),
            per_minute(*rpm, "request", "requests")
        ),
        Command::AddModel {
            model,
            kind,
            fine_tunable,
            deployable,
        } => format!(
            "Add {kind} model `{model}` to the catalog ({})",
            model_abilities(*fine_tunable, *deployable)
        ),
        Command::CreateApiKey {
            workspace,
            owner,
            key,
        } => format!(
            "Create API key `{key}` in `{workspace}` for {}",
            key_owner_name(owner)
        ),
        Command::DeleteApiKey { key } => format!("Delete API key `{key}`"),
        Command::SetIpWhitelist { key, cidrs } if cidrs.is_empty() => {
            format!("Clear the IP whitelist of key `{key}`")
        }
        Command::SetIpWhitelist { key, cidrs } => format!(
            "Set the IP whitelist of key `{key}` to {}",
            cidrs.join(", ")
        ),
        Command::Activate { feature } => format!("Activate `{feature}`"),
        Command::SetDate { date } => format!("Set today's date to {date}"),
    }
}

/// What a catalog model may be used for: `fine-tunable, not deployable` and the like.
fn model_abilities(fine_tunable: bool, deployable: bool) -> String {
    format!(
        "{}, {}",
        if fine_tunable {
            "fine-tunable"
        } else {
            "not fine-tunable"
        },
        if deployable {
            "deployable"
        } else {
            "not deployable"
        }
    )
}

/// An access diff as lines of text, one change each.
pub fn diff_lines(diff: &studio_access_core::diff::AccessDiff) -> Vec<String> {
    let mut lines = noted_lines(diff);
    for c in &diff.pages {
        lines.push(format!(
            "{} {} {} in {}: {} → {}",
            c.principal,
            if c.after > c.before { "gains" } else { "loses" },
            page(c.page),
            c.workspace,
            page_access(c.before),
            page_access(c.after)
        ));
    }
    for c in &diff.policies {
        let added: Vec<&str> = c
            .after
            .iter()
            .filter(|p| !c.before.contains(*p))
            .map(|p| p.as_str())
            .collect();
        let removed: Vec<&str> = c
            .before
            .iter()
            .filter(|p| !c.after.contains(*p))
            .map(|p| p.as_str())
            .collect();
        if !added.is_empty() {
            lines.push(format!("{} gains {}", c.principal, added.join(", ")));
        }
        if !removed.is_empty() {
            lines.push(format!("{} loses {}", c.principal, removed.join(", ")));
        }
    }
    for c in &diff.models {
        lines.push(format!(
            "{} in {}: {} → {}",
            c.model,
            c.workspace,
            flags(&c.before),
            flags(&c.after)
        ));
    }
    for c in &diff.features {
        let state = |on: bool| if on { "activated" } else { "not activated" };
        lines.push(format!(
            "{} may use {}: {} → {}",
            if c.after { "everyone" } else { "no one" },
            c.feature,
            state(c.before),
            state(c.after)
        ));
    }
    for c in &diff.trusts {
        let state = |on: bool| if on { "trusted" } else { "not trusted" };
        lines.push(format!(
            "user {} {} role {}: {} → {}",
            c.user,
            if c.after {
                "may act as"
            } else {
                "may no longer act as"
            },
            c.role,
            state(c.before),
            state(c.after)
        ));
    }
    for c in &diff.keys {
        let status = |s: Option<KeyStatus>| s.map_or("absent", key_status);
        lines.push(format!(
            "key {}: {} → {}",
            c.key,
            status(c.before),
            status(c.after)
        ));
    }
    for c in &diff.whitelists {
        lines.push(format!(
            "key {}: IP whitelist {} → {}",
            c.key,
            whitelist(&c.before),
            whitelist(&c.after)
        ));
    }
    for f in &diff.findings_raised {
        lines.push(format!(
            "audit: {} appears ({})",
            finding(f.code),
            f.subject
        ));
    }
    for f in &diff.findings_cleared {
        lines.push(format!("audit: {} clears ({})", finding(f.code), f.subject));
    }
    lines
}

/// What a diff notes that is no change in access by itself, one line each: workspaces renamed,
/// and users and roles that exist on one side only (a new user's walk imported a file without
/// a user the console held, and nothing said the user would go).
pub fn noted_lines(diff: &studio_access_core::diff::AccessDiff) -> Vec<String> {
    let renamed = diff.renamed.iter().map(|r| {
        format!(
            "workspace `{}` is renamed `{}` (no change in access)",
            r.from, r.to
        )
    });
    let members = diff.members.iter().map(|c| {
        let what = if c.after { "appears" } else { "is gone" };
        format!("{} {what}", member_name(&c.member))
    });
    renamed.chain(members).collect()
}

// == Compare ==================================================================================

/// An access diff in the Compare screen's four groups, each a list of lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiffGroups {
    /// Pages, policies, model authorizations, features and role trusts gained.
    pub gained: Vec<String>,
    /// Pages, policies, model authorizations, features and role trusts lost.
    pub lost: Vec<String>,
    /// Keys that appear, go or change status or whitelist.
    pub keys: Vec<String>,
    /// Audit findings that appear or clear.
    pub findings: Vec<String>,
    /// What changes no access by itself: workspaces renamed, users and roles that come or go.
    pub noted: Vec<String>,
}

/// An access diff grouped into access gained, access lost, keys and audit findings; the pages a
/// principal gains or loses alike in a workspace are one line (see [`diff_lines_grouped`]).
pub fn diff_groups(diff: &studio_access_core::diff::AccessDiff) -> DiffGroups {
    use studio_access_core::diff::AccessDiff;
    DiffGroups {
        gained: diff_lines_grouped(&diff.gains()),
        lost: diff_lines_grouped(&diff.losses()),
        keys: diff_lines(&AccessDiff {
            keys: diff.keys.clone(),
            whitelists: diff.whitelists.clone(),
            ..AccessDiff::default()
        }),
        findings: diff_lines(&AccessDiff {
            findings_raised: diff.findings_raised.clone(),
            findings_cleared: diff.findings_cleared.clone(),
            ..AccessDiff::default()
        }),
        noted: noted_lines(diff),
    }
}

/// `1 request per minute`, `600 requests per minute`.
fn per_minute(n: i64, one: &str, many: &str) -> String {
    let noun = if n == 1 { one } else { many };
    // Limits are 1 or more; a negative one (refused anyway) is said as typed.
    let count = u64::try_from(n).map_or_else(|_| n.to_string(), thousands);
    format!("{count} {noun} per minute")
}

/// `1 key`, `2 keys`: a count and its noun, singular for one.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A piece of a sentence: plain words, or a name the sentence quotes between backticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Words as they are.
    Plain(&'a str),
    /// A quoted name (a user, a workspace, a key, a policy…), without its backticks.
    Name(&'a str),
}

/// The console's sentences quote names between backticks (`` Created key `k` ``), which a
/// terminal prints as they are and a screen draws as names: this splits a sentence into its
/// pieces. A name that holds backticks itself (one typed into a question: no stored name may)
/// is fenced by a longer run of them, padded with a space, as Markdown does (see [`quoted`]).
/// A backtick without its pair stays plain text.
pub fn pieces(sentence: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    // Where the plain text not yet pushed starts, and where to look for the next backtick.
    let (mut plain_from, mut at) = (0, 0);
    while let Some(found) = sentence.get(at..).and_then(|rest| rest.find('`')) {
        let open = at + found;
        let run = run_at(sentence, open);
        let inner = open + run;
        // A fence closes at the next run of the same length; a single backtick (and the pair a
        // `format!` of an empty name leaves) at the next backtick.
        let close = closing_run(sentence, inner, run)
            .map(|close| (close, run))
            .or_else(|| {
                let next = sentence.get(open + 1..)?.find('`')? + open + 1;
                Some((next, 1))
            });
        let Some((close, fence)) = close else {
            break;
        };
        let name_from = open + fence;
        let mut name = sentence.get(name_from..close).unwrap_or_default();
        if fence > 1 && name.len() >= 2 && name.starts_with(' ') && name.ends_with(' ') {
            name = name.get(1..name.len() - 1).unwrap_or_default();
        }
        if let Some(before) = sentence.get(plain_from..open).filter(|b| !b.is_empty()) {
            out.push(Piece::Plain(before));
        }
        out.push(Piece::Name(name));
        at = close + fence;
        plain_from = at;
    }
    if let Some(rest) = sentence.get(plain_from..).filter(|r| !r.is_empty()) {
        out.push(Piece::Plain(rest));
    }
    out
}

/// How many backticks run from byte `at` of `text`.
fn run_at(text: &str, at: usize) -> usize {
    text.get(at..)
        .map_or(0, |rest| rest.bytes().take_while(|&b| b == b'`').count())
}

/// Where the next run of exactly `run` backticks starts, from byte `from` of `text`.
fn closing_run(text: &str, from: usize, run: usize) -> Option<usize> {
    let mut at = from;
    while let Some(found) = text.get(at..)?.find('`') {
        let start = at + found;
        let len = run_at(text, start);
        if len == run {
            return Some(start);
        }
        at = start + len;
    }
    None
}

/// `name` quoted for a sentence: between backticks, or, when it holds backticks itself (a name
/// typed into a question), between runs of one more than its longest run, padded with a space
/// (Markdown's code span), so that [`pieces`] gives it back whole.
pub fn quoted(name: &str) -> String {
    let longest = name.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    if longest == 0 {
        return format!("`{name}`");
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {name} {fence}")
}

/// Who asks, for a sentence: as it reads (`ann via ops`), quoted only when it holds a backtick
/// (a name typed into a question), which would otherwise be read as the start of a name.
pub fn asker(who: &studio_access_core::Who) -> String {
    let said = who.to_string();
    // Spaces at its ends too: unquoted, they would not show (` user-01 ` read as user-01).
    if said.contains('`') || said.trim() != said {
        quoted(&said)
    } else {
        said
    }
}

/// `sentence` as plain text, for where a name cannot be drawn as one (a `<select>`'s option, an
/// accessible label): its quoted names without their backticks.
pub fn plain(sentence: &str) -> String {
    pieces(sentence)
        .into_iter()
        .map(|piece| match piece {
            Piece::Plain(text) | Piece::Name(text) => text,
        })
        .collect()
}

/// The Compare screen's one-line answer: the two sides and how many changes of each kind.
pub fn compare_summary(before: &str, after: &str, groups: &DiffGroups) -> String {
    let DiffGroups {
        gained,
        lost,
        keys,
        findings,
        ..
    } = groups;
    if gained.is_empty() && lost.is_empty() && keys.is_empty() && findings.is_empty() {
        return format!("No change in access from {before} to {after}.");
    }
    format!(
        "From {before} to {after}: {}, {}, {}, {}.",
        counted(gained.len(), "gain", "gains"),
        counted(lost.len(), "loss", "losses"),
        counted(keys.len(), "key change", "key changes"),
        counted(findings.len(), "audit finding", "audit findings"),
    )
}

/// A state file read for comparison; `label` names it (`` `name.json` ``, "the pasted text").
pub fn compare_loaded(label: &str, state: &studio_access_core::State) -> String {
    format!("Read {label} ({}).", recorded_changes(state))
}

/// `text` with its first letter in capitals: a clause (such as an error's) opening a sentence.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A text that is not a state, for comparison: what was wrong, and that nothing changed.
pub fn compare_unreadable(label: &str, why: &str) -> String {
    let label = capitalized(label);
    format!("{label} cannot be compared: {why}. Nothing changed.")
}

/// A share link that does not hold a state: why, as a sentence, and that nothing changed.
pub fn link_unreadable(why: &studio_access_core::persist::LoadError) -> String {
    format!(
        "{}. Your own data is unchanged.",
        capitalized(&why.to_string())
    )
}

/// A side set to a file before one was read.
pub fn compare_no_file(side: &str) -> String {
    format!("Choose or paste a state file for the {side} side.")
}

/// A side naming a change the log does not keep; changes up to `folded` were folded into the
/// log's checkpoint.
pub fn compare_no_change(seq: u64, folded: u64) -> String {
    if seq != 0 && seq <= folded {
        format!(
            "The activity log keeps no change #{seq}: changes up to #{folded} were folded into its checkpoint."
        )
    } else {
        format!("The activity log keeps no change #{seq}.")
    }
}

/// The activity log's line about the changes folded into its checkpoint, which undo cannot reach.
pub fn folded_changes(folded: u64) -> String {
    match folded {
        1 => "1 earlier change was folded into the checkpoint and cannot be undone.".to_owned(),
        n => format!("{n} earlier changes were folded into the checkpoint and cannot be undone."),
    }
}

/// What Undo and Redo are: controls of this simulator, which Model Studio's own console does not
/// have; they rewind the simulated account and grant nothing.
pub const SIMULATOR_CONTROLS: &str = "Undo and Redo are simulator controls, not Model Studio console actions: they rewind this simulated account as a whole (as root or anyone), and nothing in a real account can be undone this way or lets a principal step around its permissions.";

/// How the activity log keeps its history, for its hint line.
pub fn history_kept(kept: usize, limit: usize) -> String {
    format!(
        "Undo replays the earlier changes from the checkpoint; the log keeps the latest {kept} to {limit} changes and folds older ones into the checkpoint. A change made after an undo clears what could be redone. Keyboard: "
    )
}

/// An access diff in words with the page changes grouped: one line per principal, workspace and
/// change of level, naming every page that changes alike ("user `ann` gains Playground, Workflow
/// in `w`: view → operate"), then the rest as [`diff_lines`] says it. For diffs of several
/// changes at once, where a new member alone changes a dozen pages.
pub fn diff_lines_grouped(diff: &studio_access_core::diff::AccessDiff) -> Vec<String> {
    type Group<'a> = (
        &'a MemberName,
        &'a str,
        PageAccess,
        PageAccess,
        Vec<&'static str>,
    );
    let mut groups: Vec<Group> = Vec::new();
    for c in &diff.pages {
        let same = |g: &&mut Group| {
            *g.0 == c.principal && g.1 == c.workspace && g.2 == c.before && g.3 == c.after
        };
        match groups.iter_mut().find(same) {
            Some(group) => group.4.push(page(c.page)),
            None => groups.push((
                &c.principal,
                &c.workspace,
                c.before,
                c.after,
                vec![page(c.page)],
            )),
        }
    }
    let mut lines: Vec<String> = groups
        .into_iter()
        .map(|(principal, workspace, before, after, pages)| {
            format!(
                "{principal} {} {} in {workspace}: {} → {}",
                if after > before { "gains" } else { "loses" },
                pages.join(", "),
                page_access(before),
                page_access(after)
            )
        })
        .collect();
    lines.extend(diff_lines(&studio_access_core::diff::AccessDiff {
        pages: Vec::new(),
        ..diff.clone()
    }));
    lines
}

// == Whole history; undo, redo and replacing previews ========================================

/// How many changes a state's history records in all: those folded into its checkpoint and the
/// kept ones (which undo can reach).
pub fn history_len(state: &studio_access_core::State) -> u64 {
    let data = state.data();
    data.folded
        .saturating_add(u64::try_from(data.events.len()).unwrap_or(u64::MAX))
}

/// "1 recorded change", "12 recorded changes": a state's whole history, folded changes included.
pub fn recorded_changes(state: &studio_access_core::State) -> String {
    match history_len(state) {
        1 => "1 recorded change".to_owned(),
        n => format!("{n} recorded changes"),
    }
}

/// What undo or redo would do with `event`, before the lines of its access diff (`changes` is
/// false when it changes no access).
pub fn history_step_would(undo: bool, event: &studio_access_core::Event, changes: bool) -> String {
    let what = format!("#{} {}", event.seq, command(&event.command));
    let step = if undo {
        format!("Undo would take back {what}")
    } else {
        format!("Redo would apply {what} again")
    };
    if changes {
        format!("{step}. It would:")
    } else {
        format!("{step}; that changes no access.")
    }
}

/// Undo or redo that could not be previewed: the replay failed.
pub fn history_step_fails(undo: bool, why: &str) -> String {
    let step = if undo { "Undo" } else { "Redo" };
    format!("{step} would fail: {why}.")
}

/// What replacing the data loses: nothing to say without recorded changes, else " The 3
/// recorded changes will be lost unless exported." (with its leading space).
pub fn lost_unless_exported(changes: u64) -> String {
    match changes {
        0 => String::new(),
        1 => " The 1 recorded change will be lost unless exported.".to_owned(),
        n => format!(" The {n} recorded changes will be lost unless exported."),
    }
}

/// The question before a file replaces the data.
pub fn import_question(name: &str, file: &studio_access_core::State, changes: u64) -> String {
    format!(
        "Replace the current data with `{name}` ({})?{}",
        recorded_changes(file),
        lost_unless_exported(changes)
    )
}

/// What is said when an import is called off.
pub fn import_cancelled(name: &str) -> String {
    format!("`{name}` was not imported. The current data is unchanged.")
}

/// What is said when the browser cannot read a picked file; `after` says what that left as it
/// was ("The current data is unchanged.", "Nothing changed.").
pub fn file_unreadable(name: &str, why: &str, after: &str) -> String {
    format!("`{name}` could not be read: {why}. {after}")
}

/// A limit a load went past: which, what was asked in the minute, and the limit ("TPM in `w`:
/// 12,000 tokens asked in the minute, limit 10,000.").
pub fn overrun_words(overrun: &studio_access_core::Overrun) -> String {
    use studio_access_core::LimitKind;
    let (limit, unit) = match overrun.limit {
        LimitKind::Rpm => ("RPM", "requests"),
        LimitKind::Tpm => ("TPM", "tokens"),
    };
    format!(
        "{limit} in `{}`: {} {unit} asked in the minute, limit {}.",
        overrun.workspace,
        thousands(overrun.asked),
        thousands(overrun.allowed)
    )
}

/// The decimal digits of `n`, written 19 at a time as `u64`s: `u128`'s own formatting is a
/// large piece of the download, for the few counts (a load's totals) that need it.
fn wide_digits(n: u128) -> String {
    const CHUNK: u128 = 10_000_000_000_000_000_000;
    let (mut chunks, mut rest) = (Vec::new(), n);
    loop {
        chunks.push(u64::try_from(rest % CHUNK).unwrap_or_default());
        rest /= CHUNK;
        if rest == 0 {
            break;
        }
    }
    let mut digits = String::new();
    for (at, chunk) in chunks.iter().rev().enumerate() {
        if at == 0 {
            digits.push_str(&chunk.to_string());
        } else {
            digits.push_str(&format!("{chunk:019}"));
        }
    }
    digits
}

/// A whole number with its thousands grouped by commas ("12,000").
pub fn thousands(n: impl Into<u128>) -> String {
    let digits = wide_digits(n.into());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// What a remedy's steps need said beside them: a key's whitelist cleared because the question
/// names no caller address (a call without one passes only a key without a whitelist), with
/// how to get the step that adds the address instead. `None` when nothing needs saying.
pub fn remedy_note(check: &studio_access_core::Check, steps: &[Command]) -> Option<String> {
    use studio_access_core::{Caller, Check};
    let no_address = match check {
        Check::CallModel {
            caller: Caller::Key { ip, .. },
            ..
        }
        | Check::FineTune {
            caller: Caller::Key { ip, .. },
            ..
        } => ip.is_none(),
        _ => false,
    };
    let clears = steps.iter().find_map(|step| match step {
        Command::SetIpWhitelist { key, cidrs } if cidrs.is_empty() => Some(key),
        _ => None,
    })?;
    no_address.then(|| {
        format!(
            "The question gives no caller address, and a call without one passes only a key without a whitelist: so these steps clear the whitelist of `{clears}`. To keep it, give the address the calls come from: the steps then add that address to it."
        )
    })
}

/// Why a check's remedy holds no steps, in words: a name that names nothing (with the nearest
/// existing names), a gate no permission opens, or no short list found. `None` for steps or an
/// allowed check, which are shown as such.
pub fn advice(advice: &studio_access_core::Advice) -> Option<String> {
    use studio_access_core::{Advice, Named};
    let nearest = |names: &[String]| match names {
        [] => String::new(),
        [one] => format!(" Did you mean `{one}`?"),
        many => format!(
            " Did you mean {}?",
            many.iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    };
    Some(match advice {
        Advice::Allowed | Advice::Steps(_) => return None,
        Advice::Unknown {
            what,
            name,
            nearest: near,
        } => {
            let (opening, fix) = match what {
                Named::User => (
                    format!(
                        "No such user or role: no RAM user is named {}.",
                        quoted(name)
                    ),
                    "Correct the name in the question.",
                ),
                Named::Role => (
                    format!(
                        "No such user or role: no RAM role is named {}.",
                        quoted(name)
                    ),
                    "Correct the role in the question.",
                ),
                Named::Workspace => (
                    format!("No workspace is named {}.", quoted(name)),
                    "Correct the workspace in the question.",
                ),
                Named::Model => (
                    format!("No model in the catalog is named {}.", quoted(name)),
                    "Correct the model in the question.",
                ),
                // A label no key may take cannot be created either (a new user's walk).
                Named::Key if NameRule::Resource.check(name).is_err() => (
                    format!("No API key is labelled {}, nor can one be.", quoted(name)),
                    "Correct the label in the question.",
                ),
                Named::Key => (
                    format!("No API key is labelled {}.", quoted(name)),
                    "Correct the label, or create the key on the API keys screen.",
                ),
            };
            format!("{opening}{} {fix}", nearest(near))
        }
        Advice::Never {
            code,
            fine_tunable,
            behind,
        } => {
            let why = match code {
                Code::NotDeployable if *fine_tunable => "This model cannot be deployed: the catalog marks it so, and no permission changes that. A model fine-tuned from it deploys under its Fine-tune authorization instead: ask about a fine-tuned model.".to_owned(),
                Code::NotDeployable => "This model cannot be deployed, nor fine-tuned into a model that could be: the catalog marks it so, and no permission changes that.".to_owned(),
                Code::NotFineTunable => "This model cannot be fine-tuned: the catalog marks it so, and no permission changes that.".to_owned(),
                Code::KeyDeleted => "This key was deleted, and a deleted key is gone for good: create a new key (a deleted key's label is never reused).".to_owned(),
                Code::KeyOwnerDeleted => "This key's owner was deleted, so the key is dead for good: create a new key for an existing owner.".to_owned(),
                other => format!("No permission lifts `{}`.", other.as_str()),
            };
            if *behind {
                format!("Opening the gate that stops it now would not help. {why}")
            } else {
                why
            }
        }
        Advice::Nothing => "No change of up to four steps lifts this denial.".to_owned(),
    })
}

/// What is said of a file too large for the browser's storage, refused before it is read:
/// its size and the limit, in megabytes with one decimal.
pub fn too_large_to_keep(name: &str, bytes: u64, limit: u64) -> String {
    let megabytes = |n: u64| {
        let tenths = n.saturating_mul(10) / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    };
    format!(
        "`{name}` was not imported: it is {}, more than the {} this browser keeps for a site, so it could not be saved. Nothing was read; the current data is unchanged.",
        megabytes(bytes),
        megabytes(limit)
    )
}

/// The button that closes a form or a panel.
pub const CLOSE: &str = "Close";

/// The button that puts a notice away.
pub const DISMISS: &str = "Dismiss";

#[cfg(test)]
mod tests {

    /// An invalid name is refused with what is wrong with it, not the code's general sentence
    /// ("A value is not valid here").
    #[test]
    fn a_refused_name_says_what_is_wrong_with_it() {
        let state = studio_access_core::State::new_account("2026-06-01".parse().unwrap());
        let create = super::Command::CreateUser {
            name: "bad name".into(),
        };
        let refused = state
            .plan(&studio_access_core::Who::root(), &create)
            .unwrap_err();
        let said = super::step_refusal(&state, &create, &refused);
        assert_eq!(
            said,
            "Refused (invalid-value): The user name cannot contain a space (the 4th character). Failed while validating the values."
        );
    }

    /// A remedy that clears a whitelist because no address was given says so, and how to keep
    /// the whitelist; one that adds the address says nothing more.
    #[test]
    fn a_cleared_whitelist_is_explained_beside_the_steps() {
        use studio_access_core::{Caller, Check};
        let call = |ip: Option<&str>| Check::CallModel {
            caller: Caller::Key {
                key: "k".into(),
                ip: ip.map(|ip| ip.parse().unwrap()),
            },
            model: "qwen-plus".into(),
        };
        let clear = [Command::SetIpWhitelist {
            key: "k".into(),
            cidrs: Vec::new(),
        }];
        let said = super::remedy_note(&call(None), &clear).unwrap();
        assert!(said.contains("clear the whitelist of `k`"), "{said}");
        assert!(
            said.contains("give the address the calls come from"),
            "{said}"
        );
        let add = [Command::SetIpWhitelist {
            key: "k".into(),
            cidrs: vec!["10.0.0.1".into()],
        }];
        assert_eq!(super::remedy_note(&call(Some("10.0.0.1")), &add), None);
    }

    #[test]
    fn a_sentence_splits_into_words_and_quoted_names() {
        use super::Piece::{Name, Plain};
        assert_eq!(
            pieces("Created key `k-1` in `project-a`."),
            [
                Plain("Created key "),
                Name("k-1"),
                Plain(" in "),
                Name("project-a"),
                Plain(".")
            ]
        );
        assert_eq!(pieces("`root`"), [Name("root")]);
        assert_eq!(pieces("no names"), [Plain("no names")]);
        assert_eq!(pieces("one ` alone"), [Plain("one ` alone")]);
        assert_eq!(pieces("`a` and ` b"), [Name("a"), Plain(" and ` b")]);
        assert_eq!(pieces("``"), [Name("")]);
        // A name typed with backticks comes back whole (a new user's walk: the checker dropped
        // them from a key label, in its heading, its gate and its remedy).
        for typed in ["my`key", "`edge", "two``ticks`", "`"] {
            let sentence = format!("Call with API key {} now", quoted(typed));
            assert_eq!(
                pieces(&sentence),
                [Plain("Call with API key "), Name(typed), Plain(" now")],
                "{sentence}"
            );
        }
        assert_eq!(quoted("plain"), "`plain`");
        assert_eq!(pieces(""), []);
    }
    use super::*;

    /// Issue 13: a taken workspace name was refused with the code's general sentence ("That
    /// name or label is already taken, or the member already exists."); it says which name,
    /// where the workspace holding it is, and the rule.
    #[test]
    fn a_duplicate_says_what_the_name_collides_with() {
        let state = studio_access_core::sample::sample_organisation("2026-11-22".parse().unwrap());
        let create = Command::CreateWorkspace {
            region: Region::UsEast1,
            name: "project-a".into(),
        };
        let refused = state
            .plan(&studio_access_core::Who::root(), &create)
            .unwrap_err();
        assert_eq!(
            step_refusal(&state, &create, &refused),
            "Refused (duplicate): The workspace name `project-a` is taken: a workspace in China (Beijing) has it, and workspace names are unique in the account, across regions. Failed while validating the values."
        );
        let user = Command::CreateUser {
            name: "user-01".into(),
        };
        let refused = state
            .plan(&studio_access_core::Who::root(), &user)
            .unwrap_err();
        assert!(
            step_refusal(&state, &user, &refused)
                .starts_with("Refused (duplicate): A RAM user named `user-01` exists already")
        );
        // Another refusal is said as before.
        let delete = Command::DeleteUser {
            name: "nobody".into(),
        };
        let refused = state
            .plan(&studio_access_core::Who::root(), &delete)
            .unwrap_err();
        assert_eq!(step_refusal(&state, &delete, &refused), refusal(&refused));
    }

    /// A new user's walk: a refused key owned by `root` was told every case `root-only` covers
    /// (the data policies, the features); the refusal names the one that applies.
    #[test]
    fn a_root_only_refusal_names_its_case() {
        use studio_access_core::{Feature, KeyOwnerName, Policy, Who};
        let state = studio_access_core::sample::sample_organisation("2026-11-22".parse().unwrap());
        let admin = Who::user("admin-01");
        let said = |command: Command| {
            let refused = state.plan(&admin, &command).unwrap_err();
            assert_eq!(
                refused.outcome,
                Outcome::Deny(Code::RootOnly),
                "{command:?}"
            );
            step_refusal(&state, &command, &refused)
        };
        let key = said(Command::CreateApiKey {
            workspace: "project-a".into(),
            owner: KeyOwnerName::Named("root".into()),
            key: "mine".into(),
        });
        assert!(
            key.starts_with(
                "Denied (root-only): Only the Alibaba Cloud account (root) may name itself as a key's owner:"
            ),
            "{key}"
        );
        assert!(
            !key.contains("activate") && !key.contains("policies"),
            "{key}"
        );
        let policy = said(Command::AttachPolicy {
            member: MemberName::User("user-01".into()),
            policy: Policy::AdministratorAccess,
        });
        assert!(policy.contains("`AdministratorAccess`"), "{policy}");
        assert!(!policy.contains("key"), "{policy}");
        let feature = said(Command::Activate {
            feature: Feature::AiGuardrails,
        });
        assert!(feature.contains("`ai-guardrails`"), "{feature}");
    }

    /// Issue 13: `#share=garbage` showed "the data is damaged: a share link starts with `v1.`.
    /// Your own data is unchanged.", in lower case and with a period after the closing quote.
    #[test]
    fn an_unreadable_link_is_said_as_a_sentence() {
        let why = studio_access_core::share::decode("garbage").unwrap_err();
        assert_eq!(
            link_unreadable(&why),
            "The data is damaged: it is not a share link (whose data starts with `v1.`). Your own data is unchanged."
        );
    }
    use studio_access_core::persist::{Migration, Superseded};
    use studio_access_core::{Date, Who};

    #[test]
    fn characters_are_counted_in_words() {
        let said: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 64, 111]
            .into_iter()
            .map(ordinal_character)
            .collect();
        assert_eq!(
            said,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "64th",
                "111th"
            ]
            .map(|n| format!("{n} character"))
        );
    }

    #[test]
    fn name_problems_say_which_part_is_wrong() {
        let said = |rule: NameRule, name: &str| {
            rule.check(name)
                .err()
                .map(|problem| name_problem("workspace name", problem))
                .unwrap_or_default()
        };
        assert_eq!(
            said(NameRule::Resource, "team "),
            "The workspace name ends with a space; nothing is trimmed, remove it."
        );
        assert!(
            said(NameRule::Resource, "a\u{202E}b")
                .contains("invisible character (U+202E), the 2nd character;"),
            "{}",
            said(NameRule::Resource, "a\u{202E}b")
        );
        assert!(
            said(NameRule::Resource, "a🚀").contains("cannot contain `🚀` (the 2nd character)")
        );
        // A review read "cannot hold ` ` (position 2)": a space is said in words.
        assert_eq!(
            said(NameRule::Principal, "a b"),
            "The workspace name cannot contain a space (the 2nd character)."
        );
        assert!(said(NameRule::Principal, &"u".repeat(65)).contains("65 characters, at most 64"));
        assert!(said(NameRule::Principal, "root").contains("cannot be `root`"));
        assert_eq!(said(NameRule::Resource, "项目 A"), "");
    }

    #[test]
    fn a_date_change_says_what_it_changes_for_new_beijing_keys() {
        let date = |text: &str| text.parse::<Date>().unwrap();
        let later = date_effect(date("2026-03-01"), date("2026-04-01"));
        assert!(
            later.contains("belong to the Alibaba Cloud account"),
            "{later}"
        );
        assert!(later.contains("the rule changed on 2026-03-25"), "{later}");
        let earlier = date_effect(date("2026-11-22"), date("2026-01-01"));
        assert!(earlier.contains("belong to the user or role"), "{earlier}");
        assert!(date_effect(date("2026-01-01"), date("2026-01-01")).contains("already"));
        assert_eq!(
            not_a_date(""),
            "The new date is empty: enter it as YYYY-MM-DD."
        );
        assert_eq!(
            not_a_date("2026-13-01"),
            "The new date `2026-13-01` is not a date: enter it as YYYY-MM-DD."
        );
    }

    #[test]
    fn a_migration_says_what_was_kept_and_what_was_folded() {
        let clean = Migration {
            from_version: 1,
            kept: 57,
            folded: 0,
            superseded: Vec::new(),
        };
        assert!(migration(&clean).contains("57 changes are kept as history (undo reaches them)."));
        let folded = Migration {
            from_version: 2,
            kept: 1,
            folded: 9,
            superseded: vec![Superseded {
                seq: 9,
                op: "create-api-key",
                who: Who::user("admin-01"),
                outcome: Outcome::Deny(Code::RootOnly),
            }],
        };
        let text = migration(&folded);
        assert!(text.contains("1 change is kept as history"), "{text}");
        assert!(text.contains("9 earlier changes were folded"), "{text}");
        assert!(
            text.contains("#9 create-api-key by admin-01 (deny:root-only)"),
            "{text}"
        );
    }

    #[test]
    fn every_policy_has_a_purpose() {
        for policy in Policy::ALL {
            assert!(!policy_purpose(*policy).is_empty());
        }
        assert!(policy_purpose(Policy::AliyunBailianFullAccess).contains("AliyunSFMFullAccess"));
    }

    #[test]
    fn replacing_the_data_says_what_is_lost() {
        assert_eq!(lost_unless_exported(0), "");
        assert_eq!(
            lost_unless_exported(1),
            " The 1 recorded change will be lost unless exported."
        );
        assert_eq!(
            file_unreadable("a.json", "too big", "Nothing changed."),
            "`a.json` could not be read: too big. Nothing changed."
        );
    }

    #[test]
    fn advice_without_steps_says_why() {
        use studio_access_core::{Advice, Named};
        let typo = Advice::Unknown {
            what: Named::User,
            name: "user02".into(),
            nearest: vec!["user-02".into()],
        };
        assert_eq!(
            advice(&typo).unwrap(),
            "No such user or role: no RAM user is named `user02`. Did you mean `user-02`? Correct the name in the question."
        );
        let never = |behind, fine_tunable| {
            advice(&Advice::Never {
                code: Code::NotDeployable,
                fine_tunable,
                behind,
            })
            .unwrap()
        };
        assert!(never(false, true).starts_with("This model cannot be deployed"));
        // Not a dead end: a fine-tuned model deploys under other gates (SPEC section 6).
        assert!(
            never(false, true).ends_with("ask about a fine-tuned model."),
            "{}",
            never(false, true)
        );
        // Unless the model cannot be fine-tuned either (a new user's walk: `qwen-max`).
        assert!(!never(false, false).contains("fine-tuned model"));
        assert!(never(false, false).contains("nor fine-tuned"));
        assert!(never(true, true).starts_with(
            "Opening the gate that stops it now would not help. This model cannot be deployed"
        ));
        assert_eq!(advice(&Advice::Steps(Vec::new())), None);
    }

    /// A review read "… owned by `bob`, is owner deleted." in a trace.
    #[test]
    fn a_keys_fact_says_its_standing_as_a_sentence() {
        let said = |status| {
            fact(&Fact::Key {
                key: "k".into(),
                status,
                owner: "bob".into(),
                workspace: "w".into(),
            })
        };
        assert_eq!(
            said(KeyStatus::OwnerDeleted),
            "Key `k` in `w`, owned by `bob`, is dead: its owner was deleted."
        );
        assert_eq!(
            said(KeyStatus::Deleted),
            "Key `k` in `w`, owned by `bob`, was deleted."
        );
        assert!(said(KeyStatus::Active).ends_with(", is active."));
        assert!(said(KeyStatus::Suspended).ends_with(", is suspended."));
    }

    #[test]
    fn a_plain_sentence_keeps_its_names_without_their_backticks() {
        assert_eq!(plain("Add user `bob` to `w`"), "Add user bob to w");
        assert_eq!(plain("a lone ` stays"), "a lone ` stays");
    }

    /// A new user's walk: Permission management was said to need "the Permission management
    /// permission", which does not exist; SPEC section 3: it needs the workspace's administrator.
    #[test]
    fn a_page_permissions_fact_names_what_the_page_needs() {
        use studio_access_core::Page;
        let not = |page| {
            fact(&Fact::PagePermission {
                page,
                admin: false,
                held: false,
            })
        };
        assert_eq!(
            not(Page::Permissions),
            "Not an administrator of the workspace: Permission management is for its administrators only (no page permission grants it)."
        );
        assert_eq!(
            not(Page::ApiKey),
            "Does not hold the Key management permission (APIKey-FullAccess), and is not an administrator of the workspace."
        );
    }

    /// A new user's walk: limits read without thousands separators in steps and diffs; a label
    /// no key may take was offered to be created; ` user-01 ` read as user-01.
    #[test]
    fn limits_group_thousands_and_typed_names_show_whole() {
        use studio_access_core::{Advice, Named, Who};
        let limits = Command::SetModelLimits {
            workspace: "w".into(),
            model: "m".into(),
            rpm: Some(5_000_000_000),
            tpm: None,
        };
        assert_eq!(
            command(&limits),
            "Limit `m` in `w` to 5,000,000,000 requests per minute"
        );
        let said = advice(&Advice::Unknown {
            what: Named::Key,
            name: "my`key".into(),
            nearest: Vec::new(),
        })
        .unwrap_or_default();
        assert!(!said.contains("create the key"), "{said}");
        assert_eq!(asker(&Who::user(" user-01 ")), "` user-01 `");
    }

    #[test]
    fn one_is_singular() {
        assert_eq!(counted(1, "user", "users"), "1 user");
        assert_eq!(counted(0, "user", "users"), "0 users");
        assert_eq!(per_minute(1, "request", "requests"), "1 request per minute");
        assert_eq!(
            fact(&Fact::Limits {
                throttled: 1,
                over: Vec::new()
            }),
            "1 request was throttled by the workspace's limits."
        );
        // Issue 13: which limit throttled, and by how much.
        assert_eq!(
            fact(&Fact::Limits {
                throttled: 20,
                over: vec![studio_access_core::Overrun {
                    workspace: "w".into(),
                    limit: studio_access_core::LimitKind::Tpm,
                    asked: 12_000,
                    allowed: 10_000,
                }]
            }),
            "20 requests were throttled by the workspace's limits. TPM in `w`: 12,000 tokens asked in the minute, limit 10,000."
        );
        assert_eq!(thousands(0_u64), "0");
        assert_eq!(thousands(999_u64), "999");
        assert_eq!(thousands(1_000_u64), "1,000");
        assert_eq!(thousands(1_234_567_u64), "1,234,567");
        for wide in [
            0,
            9,
            u128::from(u64::MAX),
            u128::from(u64::MAX) * 2,
            10_u128.pow(19),
            u128::MAX,
        ] {
            assert_eq!(thousands(wide).replace(',', ""), wide.to_string());
        }
    }

    #[test]
    fn a_file_too_large_says_its_size_and_the_limit() {
        assert_eq!(
            too_large_to_keep("big.json", 7 * 1024 * 1024 + 400_000, 5 * 1024 * 1024),
            "`big.json` was not imported: it is 7.3 MB, more than the 5.0 MB this browser keeps for a site, so it could not be saved. Nothing was read; the current data is unchanged."
        );
    }
}
