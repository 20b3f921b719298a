//! What the Workspaces screen shows: each region's workspaces, a workspace's members, the model
//! catalog's capabilities, and how each model's account quota is shared out among the region's
//! sub-workspaces; and the sentences said once a step is done. The quota rule is core's
//! (`quota_finding`, the audit's own).

use std::ops::RangeInclusive;

use studio_access_core::{
    Acting, Command, FindingCode, MemberName, Model, PagePreset, Region, State, WorkspaceId,
    limit_value, quota_finding,
};

use crate::fields::{NumberError, NumberProblem, parse_whole};
use crate::words;

/// One workspace of a region, as its table row shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WorkspaceRow {
    /// Its id in the state.
    pub id: WorkspaceId,
    /// Its name.
    pub name: String,
    /// Its Workspace ID, as API calls name it.
    pub workspace_id: String,
    /// Whether it is the region's default workspace.
    pub default: bool,
    /// How many live principals are its members.
    pub members: usize,
    /// What it may call: "all models, no limits" or "3 callable".
    pub models: String,
}

/// Where `acting` works: the first workspace it is a member of (a user directly, an assumed role
/// as the role), else the account's first workspace; `None` in an account without workspaces.
/// The matrix opens there when the identity administers none, and the checker asks an error
/// there when the person chose no workspace.
pub fn home_workspace(state: &State, acting: Option<Acting>) -> Option<WorkspaceId> {
    let mut ids = state.workspaces().map(|(id, _)| id);
    let first = ids.next();
    acting
        .and_then(Acting::member)
        .and_then(|m| {
            first
                .into_iter()
                .chain(ids)
                .find(|id| state.membership(m, *id).is_some())
        })
        .or(first)
}

/// The workspaces of `region`, in creation order.
pub fn workspace_rows(state: &State, region: Region) -> Vec<WorkspaceRow> {
    state
        .workspaces()
        .filter(|(_, ws)| ws.region == region)
        .map(|(id, ws)| WorkspaceRow {
            id,
            name: ws.name.clone(),
            workspace_id: ws.id.clone(),
            default: ws.default,
            members: member_count(state, id),
            models: if ws.default {
                "all models, no limits".to_owned()
            } else {
                let callable = ws.models.values().filter(|auth| auth.call).count();
                format!("{callable} callable")
            },
        })
        .collect()
}

/// How many live principals are members of workspace `id`.
pub fn member_count(state: &State, id: WorkspaceId) -> usize {
    state
        .live_members()
        .filter(|m| state.membership(*m, id).is_some())
        .count()
}

/// One member of a workspace.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MemberRow {
    /// The user or role.
    pub name: MemberName,
    /// Whether it administers the workspace.
    pub admin: bool,
    /// How many page permissions it holds there.
    pub pages: usize,
}

impl MemberRow {
    /// What its pages column says.
    pub fn pages_label(&self) -> String {
        if self.admin {
            "every page (administrator)".to_owned()
        } else {
            words::counted(self.pages, "page permission", "page permissions")
        }
    }
}

/// "user ann", "role ops".
pub fn member_label(member: &MemberName) -> String {
    member.to_string()
}

/// The stable key of a member in test ids and form values: "user:ann", "role:ops".
pub fn member_key(member: &MemberName) -> String {
    match member {
        MemberName::User(name) => format!("user:{name}"),
        MemberName::Role(name) => format!("role:{name}"),
    }
}

/// The members of workspace `id`, and the live principals that could be added.
pub fn members(state: &State, id: WorkspaceId) -> (Vec<MemberRow>, Vec<MemberName>) {
    let mut members = Vec::new();
    let mut others = Vec::new();
    for member in state.live_members() {
        let Some(name) = state.named(member) else {
            continue;
        };
        match state.membership(member, id) {
            Some(m) => members.push(MemberRow {
                name,
                admin: m.admin,
                pages: m.pages.iter().count(),
            }),
            None => others.push(name),
        }
    }
    (members, others)
}

/// Why the member form of a workspace has nobody to offer: `others` (from [`members`]) is
/// empty because no user or role exists yet, or because every one is a member already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NobodyToAdd {
    /// No live user or role exists: they are made on the Identities screen.
    NoIdentity,
    /// Every live user and role is a member.
    AllMembers,
}

impl NobodyToAdd {
    /// Why nobody can be added, when nobody can.
    pub fn of(state: &State, others: &[MemberName]) -> Option<NobodyToAdd> {
        if !others.is_empty() {
            None
        } else if state.live_users().next().is_none() && state.live_roles().next().is_none() {
            Some(NobodyToAdd::NoIdentity)
        } else {
            Some(NobodyToAdd::AllMembers)
        }
    }

    /// What the form says instead, as the text before a link to the Identities screen, the
    /// link's text and the text after it (the link and the text after are empty when none is
    /// drawn).
    pub fn said(self) -> [&'static str; 3] {
        match self {
            NobodyToAdd::NoIdentity => [
                "No user or role exists yet. ",
                "Create them on the Identities screen",
                ", then add them here.",
            ],
            NobodyToAdd::AllMembers => ["Every user and role is already a member.", "", ""],
        }
    }
}

/// What a model of the catalog may be used for besides calls.
pub fn capabilities(model: &Model) -> &'static str {
    match (model.fine_tunable, model.deployable) {
        (true, true) => "fine-tunable, deployable",
        (true, false) => "fine-tunable",
        (false, true) => "deployable",
        (false, false) => "call only",
    }
}

/// Why authorizing `flag` ("Fine-tune" or "Deploy") for `model` would have no effect (SPEC
/// section 6: fine-tuning asks that the model be fine-tunable, deploying that it be deployable,
/// or fine-tunable for a fine-tuned model, which the fine-tune flag authorizes); `None` when it
/// would, and for `call`.
pub fn flag_without_effect(model: &Model, flag: &str) -> Option<String> {
    let name = &model.name;
    match flag {
        "Fine-tune" if !model.fine_tunable => Some(format!(
            "{name} cannot be fine-tuned: authorizing its fine-tuning would have no effect."
        )),
        "Deploy" if !model.deployable => Some(format!(
            "{name} cannot be deployed{}: authorizing its deployment would have no effect.",
            if model.fine_tunable {
                " (its fine-tuned models are deployed under Fine-tune)"
            } else {
                ""
            }
        )),
        _ => None,
    }
}

/// A number field of the Workspaces screen: a model's limits in a sub-workspace, or a model's
/// account quota in a region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitField {
    /// The Request Number Limit.
    Rpm,
    /// The Token Limit.
    Tpm,
    /// The account quota.
    Quota,
}

impl LimitField {
    /// The field as its messages name it.
    pub fn name(self) -> &'static str {
        match self {
            LimitField::Rpm => "The request limit (RPM)",
            LimitField::Tpm => "The token limit (TPM)",
            LimitField::Quota => "The account quota (RPM)",
        }
    }

    /// The values the field takes: 1 or more (core's [`limit_value`] rule), up to what a step
    /// holds (`i64`).
    fn range() -> RangeInclusive<u64> {
        1..=i64::MAX.unsigned_abs()
    }

    /// Reads the field's text: a whole number in its range; the message names the field and
    /// says why not.
    pub fn parse(self, text: &str) -> Result<i64, NumberError> {
        let value = parse_whole(text, self.name(), LimitField::range())?;
        i64::try_from(value)
            .ok()
            .filter(|value| limit_value(*value).is_some())
            .ok_or_else(|| NumberError {
                field: self.name(),
                text: text.trim().to_owned(),
                problem: NumberProblem::TooLarge,
                range: LimitField::range(),
            })
    }

    /// Reads a limit that may be left empty (no limit), as [`LimitField::parse`] otherwise.
    pub fn parse_optional(self, text: &str) -> Result<Option<i64>, NumberError> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            self.parse(text).map(Some)
        }
    }
}

/// A sub-workspace's share of a model's account quota.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotaLine {
    /// The model's id.
    pub model: String,
    /// The account quota, requests per minute, if one is set.
    pub quota: Option<u64>,
    /// Each sub-workspace of the region with a request limit for the model, and that limit.
    pub shares: Vec<(String, u64)>,
    /// The limits added up.
    pub allocated: u128,
}

/// How a quota line stands, as SPEC section 7 judges it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuotaStanding {
    /// No account quota is set for the model.
    NoQuota,
    /// The limits add up past the quota (`quota-over-allocated`).
    OverAllocated,
    /// Less than 10% of the quota is left unallocated (`quota-no-buffer`).
    ThinBuffer,
    /// At least 10% is left.
    Healthy,
}

impl QuotaStanding {
    /// Its tag.
    pub fn word(self) -> &'static str {
        match self {
            QuotaStanding::NoQuota => "no account quota",
            QuotaStanding::OverAllocated => "over-allocated",
            QuotaStanding::ThinBuffer => "buffer under 10%",
            QuotaStanding::Healthy => "buffer kept",
        }
    }
}

impl QuotaLine {
    /// The standing of the line, by the audit's rule.
    pub fn standing(&self) -> QuotaStanding {
        let Some(quota) = self.quota else {
            return QuotaStanding::NoQuota;
        };
        match quota_finding(quota, self.allocated) {
            Some(FindingCode::QuotaOverAllocated) => QuotaStanding::OverAllocated,
            Some(_) => QuotaStanding::ThinBuffer,
            None => QuotaStanding::Healthy,
        }
    }

    /// The quota (0 when none is set).
    pub fn quota_or_zero(&self) -> u128 {
        self.quota.map(u128::from).unwrap_or(0)
    }

    /// What is left unallocated.
    pub fn buffer(&self) -> u128 {
        self.quota_or_zero().saturating_sub(self.allocated)
    }

    /// The line in one sentence: "Quota 100 RPM; allocated 60 RPM (60%); buffer 40 RPM (40%)".
    pub fn summary(&self) -> String {
        let quota = self.quota_or_zero();
        match self.quota {
            Some(q) if self.allocated > quota => format!(
                "Quota {q} RPM; allocated {} RPM ({}); over by {} RPM",
                self.allocated,
                percent(self.allocated, quota),
                self.allocated - quota
            ),
            Some(q) => format!(
                "Quota {q} RPM; allocated {} RPM ({}); buffer {} RPM ({})",
                self.allocated,
                percent(self.allocated, quota),
                self.buffer(),
                percent(self.buffer(), quota)
            ),
            None => format!(
                "No account quota; the request limits add up to {} RPM",
                self.allocated
            ),
        }
    }

    /// The legend entry of one share: ": 60 RPM (60%)", the share left out without a quota.
    pub fn share_label(&self, rpm: u64) -> String {
        let quota = self.quota_or_zero();
        if quota > 0 {
            format!(": {rpm} RPM ({})", percent(u128::from(rpm), quota))
        } else {
            format!(": {rpm} RPM")
        }
    }
}

/// The quota lines of a region: every model with an account quota or a request limit there.
pub fn quota_lines(state: &State, region: Region) -> Vec<QuotaLine> {
    state
        .models()
        .filter_map(|(model, entry)| {
            let shares: Vec<(String, u64)> = state
                .workspaces()
                .filter(|(_, ws)| !ws.default && ws.region == region)
                .filter_map(|(_, ws)| {
                    ws.models
                        .get(&model)
                        .and_then(|auth| auth.rpm)
                        .map(|rpm| (ws.name.clone(), rpm))
                })
                .collect();
            let quota = state.quota(region, model);
            (quota.is_some() || !shares.is_empty()).then(|| QuotaLine {
                model: entry.name.clone(),
                quota,
                allocated: state.allocated_rpm(region, model),
                shares,
            })
        })
        .collect()
}

/// `part` in `whole` as a percentage to a tenth, the tenth left out when it is 0 (`60%`, `9.9%`);
/// `0%` when `whole` is 0. Rounded towards the whole's edge: down up to the whole, so that a
/// buffer of 9.9% never reads as the 10% the audit asks for (a new user's walk read "buffer
/// under 10%" beside "(10%)"), and up past it, so that an allocation over the quota never reads
/// as 100%. Integer arithmetic: formatting floats would add their formatter to the download.
pub fn percent(part: u128, whole: u128) -> String {
    let scaled = part.saturating_mul(1000);
    let round_up = if part > whole {
        whole.saturating_sub(1)
    } else {
        0
    };
    let tenths = scaled
        .saturating_add(round_up)
        .checked_div(whole)
        .unwrap_or(0);
    match tenths % 10 {
        0 => format!("{}%", tenths / 10),
        tenth => format!("{}.{tenth}%", tenths / 10),
    }
}

/// A refusal said under the model table, which all its rows share: the row's model first (a
/// new user's walk could not tell which row a refusal was of).
pub fn refused_in_table(command: &Command, said: String) -> String {
    match command {
        Command::AuthorizeModel { model, .. }
        | Command::SetModelLimits { model, .. }
        | Command::ClearModelLimits { model, .. } => format!("`{model}`: {said}"),
        _ => said,
    }
}

/// What is said once `command`, a step of this screen, is done.
pub fn done(command: &Command) -> String {
    match command {
        Command::CreateWorkspace { region, name } => {
            format!("Created workspace `{name}` in {}.", words::region(*region))
        }
        Command::RenameWorkspace { workspace, name } if workspace == name => {
            format!("`{name}` is its name already: nothing changed.")
        }
        Command::RenameWorkspace { workspace, name } => {
            format!("Renamed `{workspace}` to `{name}`.")
        }
        Command::DeleteWorkspace { workspace } => format!(
            "Deleted workspace `{workspace}`: its memberships, authorizations and keys are gone for good."
        ),
        Command::AuthorizeModel {
            workspace,
            model,
            flags,
        } => {
            let (what, wanted) = match (flags.call, flags.fine_tune, flags.deploy) {
                (Some(on), _, _) => ("Call", on),
                (None, Some(on), _) => ("Fine-tune", on),
                (None, None, on) => ("Deploy", on.unwrap_or(false)),
            };
            let verb = if wanted { "authorized" } else { "withdrawn" };
            format!("{what} {verb} for `{model}` in `{workspace}`.")
        }
        Command::SetModelLimits {
            workspace, model, ..
        } => format!("Set the limits of `{model}` in `{workspace}`."),
        Command::ClearModelLimits { workspace, model } => {
            format!("Cleared the limits of `{model}` in `{workspace}`.")
        }
        Command::AddMember {
            workspace,
            member,
            admin,
        } => format!(
            "Added {member} to `{workspace}`{}.",
            if *admin { " as an administrator" } else { "" }
        ),
        Command::SetAdmin {
            workspace,
            member,
            admin,
        } => format!(
            "{member} {} an administrator of `{workspace}`.",
            if *admin { "is now" } else { "is no longer" }
        ),
        Command::RemoveMember { workspace, member } => {
            format!("Removed {member} from `{workspace}`.")
        }
        Command::SetAccountQuota { region, model, rpm } => format!(
            "Set the account quota of `{model}` in {} to {rpm} RPM.",
            words::region(*region)
        ),
        Command::AddModel { model, .. } => format!("Added `{model}` to the catalog."),
        other => format!("Done: {}.", other.op()),
    }
}

/// What adding a member takes: the steps, the question before them, and what is said once done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addition {
    /// The membership, then each page permission.
    pub steps: Vec<Command>,
    /// "Add user `ann` to `w` with the pages of “Call models in the console” (3 pages)?"
    pub question: String,
    /// "Added user ann to `w` with the pages of …"
    pub done: String,
}

/// Adding `member` to `workspace`: the membership, then, for a member that is not an
/// administrator (who operates every page anyway), each page of `preset`.
pub fn add_member_steps(
    workspace: &str,
    member: &MemberName,
    admin: bool,
    preset: Option<&PagePreset>,
) -> Addition {
    let add = Command::AddMember {
        workspace: workspace.to_owned(),
        member: member.clone(),
        admin,
    };
    let mut addition = Addition {
        question: format!("{}?", words::command(&add)),
        done: done(&add),
        steps: vec![add],
    };
    if let Some(preset) = preset.filter(|_| !admin) {
        addition
            .steps
            .extend(preset.pages.iter().map(|page| Command::GrantPage {
                workspace: workspace.to_owned(),
                member: member.clone(),
                permission: page,
            }));
        let with = format!(
            " with the pages of \u{201c}{}\u{201d} ({})",
            preset.name,
            words::counted(preset.pages.iter().count(), "page", "pages")
        );
        for said in [&mut addition.question, &mut addition.done] {
            let end = said.pop().unwrap_or('.');
            said.push_str(&with);
            said.push(end);
        }
    }
    addition
}

/// The question before removing `member` from `workspace`.
pub fn removal_question(workspace: &str, member: &MemberName) -> String {
    format!(
        "Remove {member} from `{workspace}`? Its administrator flag and page permissions go with it."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use studio_access_core::{ModelFlags, Outcome, SeededEntropy, Who};

    #[test]
    fn the_member_form_says_why_nobody_can_be_added() {
        let mut state = State::new_account("2026-06-01".parse().unwrap());
        let mut entropy = SeededEntropy::new(1);
        let ws = |s: &State| s.workspaces().next().map(|(id, _)| id).unwrap();
        let others = |s: &State| members(s, ws(s)).1;
        assert_eq!(
            NobodyToAdd::of(&state, &others(&state)),
            Some(NobodyToAdd::NoIdentity)
        );
        let create = Command::CreateUser { name: "kim".into() };
        state.execute(&Who::root(), &create, &mut entropy);
        assert_eq!(NobodyToAdd::of(&state, &others(&state)), None);
        let workspace = state.workspace(ws(&state)).unwrap().name.clone();
        let add = Command::AddMember {
            workspace,
            member: studio_access_core::MemberName::User("kim".into()),
            admin: false,
        };
        assert_eq!(
            state.execute(&Who::root(), &add, &mut entropy).outcome,
            Outcome::Ok
        );
        assert_eq!(
            NobodyToAdd::of(&state, &others(&state)),
            Some(NobodyToAdd::AllMembers)
        );
        assert_eq!(
            NobodyToAdd::NoIdentity.said()[1],
            "Create them on the Identities screen"
        );
    }

    /// A flag said to have no effect changes no decision when granted, and every other flag
    /// does (asked of core's evaluator): the console's word matches the evaluator.
    #[test]
    fn a_flag_said_to_have_no_effect_changes_no_access() {
        let mut state = State::new_account("2026-06-01".parse().unwrap());
        let mut entropy = SeededEntropy::new(1);
        let steps = [
            Command::CreateWorkspace {
                region: studio_access_core::Region::ApSoutheast1,
                name: "lab".into(),
            },
            Command::CreateUser { name: "kim".into() },
            Command::AddMember {
                workspace: "lab".into(),
                member: studio_access_core::MemberName::User("kim".into()),
                admin: true,
            },
        ];
        for step in &steps {
            let done = state.execute(&Who::root(), step, &mut entropy);
            assert_eq!(done.outcome, Outcome::Ok, "{step:?}");
        }
        let models: Vec<Model> = state.models().map(|(_, m)| m.clone()).collect();
        let mut without = 0;
        for model in &models {
            for (flag, flags) in [
                ("Fine-tune", ModelFlags::fine_tune(true)),
                ("Deploy", ModelFlags::deploy(true)),
            ] {
                let grant = Command::AuthorizeModel {
                    workspace: "lab".into(),
                    model: model.name.clone(),
                    flags,
                };
                let decisions = |state: &State| {
                    let who = Who::user("kim");
                    let console = studio_access_core::Caller::Console {
                        who: who.clone(),
                        workspace: "lab".into(),
                    };
                    let model = model.name.clone();
                    let deploy = |fine_tuned| studio_access_core::Check::Deploy {
                        who: who.clone(),
                        workspace: "lab".into(),
                        model: model.clone(),
                        fine_tuned,
                    };
                    [
                        studio_access_core::Check::FineTune {
                            caller: console,
                            model: model.clone(),
                        },
                        deploy(false),
                        deploy(true),
                    ]
                    .map(|check| state.decide(&check))
                };
                let mut granted = state.clone();
                let done = granted.execute(&Who::root(), &grant, &mut entropy);
                assert_eq!(done.outcome, Outcome::Ok);
                let said = flag_without_effect(model, flag);
                let unchanged = decisions(&state) == decisions(&granted);
                assert_eq!(said.is_some(), unchanged, "{flag} {}: {said:?}", model.name);
                without += usize::from(said.is_some());
            }
            assert_eq!(flag_without_effect(model, "Call"), None);
        }
        assert!(
            without > 0,
            "the sample catalog has models that cannot be fine-tuned"
        );
    }

    fn line(quota: Option<u64>, shares: &[u64]) -> QuotaLine {
        QuotaLine {
            model: "qwen-max".into(),
            quota,
            shares: shares
                .iter()
                .enumerate()
                .map(|(i, rpm)| (format!("w{i}"), *rpm))
                .collect(),
            allocated: shares.iter().map(|rpm| u128::from(*rpm)).sum(),
        }
    }

    #[test]
    fn quota_lines_stand_as_the_audit_judges() {
        assert_eq!(line(None, &[5]).standing(), QuotaStanding::NoQuota);
        assert_eq!(
            line(Some(100), &[60, 30]).standing(),
            QuotaStanding::Healthy
        );
        assert_eq!(
            line(Some(100), &[60, 31]).standing(),
            QuotaStanding::ThinBuffer
        );
        assert_eq!(
            line(Some(100), &[60, 41]).standing(),
            QuotaStanding::OverAllocated
        );
        assert_eq!(
            line(Some(100), &[60]).summary(),
            "Quota 100 RPM; allocated 60 RPM (60%); buffer 40 RPM (40%)"
        );
        assert_eq!(
            line(Some(100), &[60, 41]).summary(),
            "Quota 100 RPM; allocated 101 RPM (101%); over by 1 RPM"
        );
        assert_eq!(
            line(None, &[7]).summary(),
            "No account quota; the request limits add up to 7 RPM"
        );
        assert_eq!(line(Some(3), &[1]).share_label(1), ": 1 RPM (33.3%)");
        assert_eq!(line(None, &[1]).share_label(1), ": 1 RPM");
        assert_eq!(percent(1, 0), "0%");
        assert_eq!(percent(2, 3), "66.6%");
        // Past the quota, never 100% (a review: 10,001 of 10,000 read "(100%); over by 1").
        assert_eq!(percent(10_001, 10_000), "100.1%");
        assert_eq!(percent(10_000, 10_000), "100%");
        // A new user's walk: a buffer of 66 RPM in 666 read "(10%)" under "buffer under 10%".
        let thin = line(Some(666), &[600]);
        assert_eq!(thin.standing(), QuotaStanding::ThinBuffer);
        assert_eq!(
            thin.summary(),
            "Quota 666 RPM; allocated 600 RPM (90%); buffer 66 RPM (9.9%)"
        );
    }

    #[test]
    fn limits_are_whole_numbers_or_nothing() {
        let said =
            |field: LimitField, text: &str| field.parse_optional(text).map_err(|e| e.to_string());
        assert_eq!(said(LimitField::Rpm, "  "), Ok(None));
        assert_eq!(said(LimitField::Tpm, ""), Ok(None));
        assert_eq!(said(LimitField::Rpm, " 12 "), Ok(Some(12)));
        assert_eq!(LimitField::Quota.parse("2000"), Ok(2000));
        assert_eq!(
            said(LimitField::Tpm, "1.5"),
            Err("The token limit (TPM) must be a whole number, at least 1 (not `1.5`).".to_owned())
        );
        assert_eq!(
            LimitField::Quota.parse(" ").unwrap_err().to_string(),
            "The account quota (RPM) is empty: enter a whole number, at least 1."
        );
        assert_eq!(
            said(LimitField::Rpm, &i64::MAX.to_string()),
            Ok(Some(i64::MAX))
        );
    }

    /// Issue 13: an RPM of 0 was refused naming the workspace. It names the RPM, as the
    /// account quota names itself.
    #[test]
    fn a_limit_of_0_names_its_field() {
        for (field, expected) in [
            (
                LimitField::Rpm,
                "The request limit (RPM) must be at least 1 (not `0`).",
            ),
            (
                LimitField::Tpm,
                "The token limit (TPM) must be at least 1 (not `0`).",
            ),
            (
                LimitField::Quota,
                "The account quota (RPM) must be at least 1 (not `0`).",
            ),
        ] {
            assert_eq!(field.parse("0").unwrap_err().to_string(), expected);
        }
        assert!(
            limit_value(0).is_none() && limit_value(1).is_some(),
            "core's rule"
        );
    }

    /// Issue 13: a limit too large printed the raw maximum, `9223372036854775807`.
    #[test]
    fn a_limit_too_large_says_so_with_a_readable_maximum() {
        for text in ["99999999999999999999", "9223372036854775808"] {
            assert_eq!(
                LimitField::Tpm.parse(text).unwrap_err().to_string(),
                format!(
                    "The token limit (TPM) is too large: at most 9,223,372,036,854,775,807 (not `{text}`)."
                )
            );
        }
    }

    #[test]
    fn a_region_its_workspaces_and_members() {
        let mut state = State::new_account("2026-11-22".parse().unwrap());
        let mut entropy = SeededEntropy::new(1);
        let ann = MemberName::User("ann".into());
        let steps = [
            Command::CreateUser { name: "ann".into() },
            Command::CreateRole { name: "ops".into() },
            Command::CreateWorkspace {
                region: Region::UsEast1,
                name: "w".into(),
            },
            Command::AddMember {
                workspace: "w".into(),
                member: ann.clone(),
                admin: true,
            },
        ];
        for step in &steps {
            let executed = state.execute(&Who::root(), step, &mut entropy);
            assert_eq!(executed.outcome, Outcome::Ok);
        }
        let rows = workspace_rows(&state, Region::UsEast1);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names.last(), Some(&"w"));
        let w = rows.last().unwrap();
        assert_eq!(
            (w.members, w.models.as_str(), w.default),
            (1, "0 callable", false)
        );
        let (members, others) = members(&state, w.id);
        assert_eq!(members[0].name, ann);
        assert_eq!(members[0].pages_label(), "every page (administrator)");
        assert_eq!(others, [MemberName::Role("ops".into())]);
        assert_eq!(member_key(&others[0]), "role:ops");
        assert_eq!(
            done(&steps[3]),
            "Added user ann to `w` as an administrator."
        );
        assert_eq!(
            done(&Command::SetAdmin {
                workspace: "w".into(),
                member: ann.clone(),
                admin: false
            }),
            "user ann is no longer an administrator of `w`."
        );
        assert_eq!(
            done(&Command::AuthorizeModel {
                workspace: "w".into(),
                model: "qwen-max".into(),
                flags: ModelFlags::fine_tune(true),
            }),
            "Fine-tune authorized for `qwen-max` in `w`."
        );
        let rename = |to: &str| Command::RenameWorkspace {
            workspace: "w".into(),
            name: to.into(),
        };
        assert_eq!(done(&rename("v")), "Renamed `w` to `v`.");
        assert_eq!(
            done(&rename("w")),
            "`w` is its name already: nothing changed."
        );
    }

    #[test]
    fn a_member_is_added_with_a_preset_of_pages() {
        let [calling, ..] = studio_access_core::PAGE_PRESETS;
        let ann = MemberName::User("ann".into());
        let addition = add_member_steps("w", &ann, false, Some(&calling));
        assert_eq!(addition.steps.len(), 4);
        assert_eq!(
            addition.done,
            "Added user ann to `w` with the pages of \u{201c}Call models in the console\u{201d} (3 pages)."
        );
        assert!(
            addition.question.ends_with("(3 pages)?"),
            "{}",
            addition.question
        );
        let steps = add_member_steps("w", &ann, true, Some(&calling)).steps;
        assert_eq!(steps.len(), 1, "an administrator needs no page permission");
    }
}
