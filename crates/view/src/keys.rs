//! What the API keys screen shows and says: the owners a key may be created for and what the
//! Beijing rule will make of the choice, said before the key is made; the keys the acting
//! identity may see, as rows, and why the others are hidden; the status filter; where a deep
//! link leads; the whitelist draft, line by line; and the sentences of the screen. Every rule is
//! asked of core: who may see a key (`State::may_view_key`), its status (`State::key_status`),
//! who owns it (`State::key_owner`, `State::owner_name`), what a CIDR block is (`parse_cidr`),
//! where a whitelist may be set (`State::plan`).

use studio_access_core::ordered::sort_by_name;
use studio_access_core::{
    ApiKey, Code, Command, KeyId, KeyOwnerName, KeyStatus, Member, Owner, Region, State, Who,
    parse_cidr,
};

use crate::words;

/// One owner a key may be created for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerChoice {
    /// The picker's value: `root`, `user:<name>` or `role:<name>`.
    pub value: String,
    /// What the picker shows.
    pub label: String,
    /// The owner as `create-api-key` names it.
    pub owner: KeyOwnerName,
}

impl OwnerChoice {
    fn new(owner: KeyOwnerName) -> OwnerChoice {
        let (value, label) = match &owner {
            KeyOwnerName::Named(name) if name == "root" => (
                "root".to_owned(),
                "root (the Alibaba Cloud account)".to_owned(),
            ),
            KeyOwnerName::Named(name) => (format!("user:{name}"), format!("user {name}")),
            KeyOwnerName::Role(name) => (format!("role:{name}"), format!("role {name}")),
        };
        OwnerChoice {
            value,
            label,
            owner,
        }
    }
}

/// The owners a key of `workspace` may be created for by `who`: the workspace's direct member
/// users, then its member roles, by name; and `root` first, only when `who` is `root` (only the
/// account may name itself as a key's owner).
pub fn owner_choices(state: &State, workspace: &str, who: &Who) -> Vec<OwnerChoice> {
    let mut choices = Vec::new();
    if state.resolve(who).is_ok_and(|acting| acting.is_root()) {
        choices.push(OwnerChoice::new(KeyOwnerName::Named("root".to_owned())));
    }
    let Some(ws) = state.workspace_id(workspace) else {
        return choices;
    };
    let mut users: Vec<&str> = state
        .live_users()
        .filter(|(id, _)| state.membership(Member::User(*id), ws).is_some())
        .map(|(_, user)| user.name.as_str())
        .collect();
    sort_by_name(&mut users, |u| u);
    let mut roles: Vec<&str> = state
        .live_roles()
        .filter(|(id, _)| state.membership(Member::Role(*id), ws).is_some())
        .map(|(_, role)| role.name.as_str())
        .collect();
    sort_by_name(&mut roles, |r| r);
    choices.extend(
        users
            .into_iter()
            .map(|name| OwnerChoice::new(KeyOwnerName::Named(name.to_owned()))),
    );
    choices.extend(
        roles
            .into_iter()
            .map(|name| OwnerChoice::new(KeyOwnerName::Role(name.to_owned()))),
    );
    choices
}

/// What the Beijing rule will make of a key created today in `workspace` for `named`, said
/// before it is made: `None` when the key will belong to the owner named.
pub fn ownership_note(state: &State, workspace: &str, named: &KeyOwnerName) -> Option<String> {
    let ws = state.workspace_id(workspace)?;
    let named_owner = match named {
        KeyOwnerName::Named(name) if name == "root" => Owner::Root,
        KeyOwnerName::Named(name) => Owner::User(state.user_id(name)?),
        KeyOwnerName::Role(name) => Owner::Role(state.role_id(name)?),
    };
    if state.key_owner(ws, named_owner) == named_owner {
        return None;
    }
    Some(format!(
        "This key will belong to the Alibaba Cloud account (root), not to {}: keys created in China (Beijing) on or after 2026-03-25 belong to the account (today is {}). It is created for {}, who can still see it; removing or deleting {} will not suspend or kill it.",
        words::key_owner_name(named),
        state.today(),
        words::key_owner_name(named),
        words::key_owner_name(named),
    ))
}

/// The owner a form offers as chosen: the one whose picker value is `wanted`, or the first one
/// offered when that one is not (any more); `None` when none is offered.
pub fn chosen_owner<'a>(choices: &'a [OwnerChoice], wanted: &str) -> Option<&'a OwnerChoice> {
    choices
        .iter()
        .find(|choice| choice.value == wanted)
        .or_else(|| choices.first())
}

/// A workspace the pickers offer: to list its keys, or to create a key in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceChoice {
    /// The picker's value: the workspace's name.
    pub name: String,
    /// What the picker shows: the name and the region.
    pub label: String,
}

/// Every live workspace, as the pickers offer it.
pub fn workspace_choices(state: &State) -> Vec<WorkspaceChoice> {
    state
        .workspaces()
        .map(|(_, ws)| WorkspaceChoice {
            name: ws.name.clone(),
            label: format!("{} ({})", ws.name, words::region(ws.region)),
        })
        .collect()
}

/// What the form says when the workspace offers no owner.
pub const NO_OWNER: &str = "The workspace has no member to own the key: add a member first.";

/// What creating the key `key` in `workspace` came to, said once it is made: who owns it.
pub fn created_note(state: &State, key: &str, workspace: &str) -> String {
    let owner = state
        .key_id(key)
        .and_then(|id| state.key(id))
        .and_then(|k| state.owner_name(k.owner))
        .unwrap_or("its owner");
    format!("Created key `{key}` in {workspace}; it belongs to {owner}.")
}

/// What a step that created a key came to, with the key's secret: steps applied together (a
/// fix, a remedy) have no panel of their own to show it in, and it cannot be shown again.
pub fn issued_note(secret: &str) -> String {
    format!("done; the new key's secret, shown only this once: `{secret}`")
}

/// What copying a new key's secret came to.
pub fn copy_note(copied: &Result<(), String>) -> String {
    match copied {
        Ok(()) => "Copied to the clipboard.".to_owned(),
        Err(why) => format!("Copying failed ({why}). Select the secret and copy it by hand."),
    }
}

/// One key as the table shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KeyRow {
    /// Its label, unique in the account for ever.
    pub label: String,
    /// Its workspace's name.
    pub workspace: String,
    /// Its workspace's ID (an API call names it).
    pub workspace_id: String,
    /// Its workspace's region.
    pub region: Region,
    /// Who owns it, marked ` (deleted)` once deleted.
    pub owner: String,
    /// Who it was created for, marked ` (deleted)` once deleted.
    pub created_for: String,
    /// The day it was created.
    pub created: String,
    /// Its status, as core derives it.
    pub status: KeyStatus,
    /// Its secret, masked.
    pub masked: String,
    /// Its IP whitelist, one address or CIDR block each.
    pub whitelist: Vec<String>,
}

impl KeyRow {
    /// The row of `key`; `None` when its workspace or an owner is unknown, which a state never
    /// holds (its integrity check refuses such a key).
    fn new(state: &State, key: &ApiKey) -> Option<KeyRow> {
        let ws = state.workspace(key.workspace)?;
        // A deleted owner is said so: a new user of the same name is another principal, and
        // its row read as the new one's (a new user's walk).
        let named = |owner: Owner| -> Option<String> {
            let name = state.owner_name(owner)?;
            Some(if state.is_live_owner(owner) {
                name.to_owned()
            } else {
                format!("{name} (deleted)")
            })
        };
        Some(KeyRow {
            label: key.label.clone(),
            workspace: ws.name.clone(),
            workspace_id: ws.id.clone(),
            region: ws.region,
            owner: named(key.owner)?,
            created_for: named(key.created_for)?,
            created: key.created.to_string(),
            status: state.key_status(key),
            masked: key.masked.clone(),
            whitelist: key.whitelist.iter().map(ToString::to_string).collect(),
        })
    }

    /// The status as the page marks it (a CSS modifier, `data-status`): `active`, or the code a
    /// call with the key is denied with.
    pub fn status_name(&self) -> &'static str {
        self.status.code().map_or("active", |code| code.as_str())
    }

    /// Whether the key is deleted: nothing can be done with it any more.
    pub fn is_dead(&self) -> bool {
        self.status == KeyStatus::Deleted
    }

    /// Where the key lives, on one line: its workspace, region and workspace ID (the whole of
    /// what its row's cut cell shows, on hover).
    pub fn place(&self) -> String {
        format!(
            "{}, {} ({})",
            self.workspace,
            words::region(self.region),
            self.workspace_id
        )
    }

    /// Who the key was created for, when that is not its owner (a Beijing key the account owns
    /// since 2026-03-25, created for a member).
    pub fn created_for_other(&self) -> Option<&str> {
        (self.created_for != self.owner).then_some(self.created_for.as_str())
    }

    /// Who owns the key, and who it was created for when that is someone else.
    pub fn ownership(&self) -> String {
        if self.owner == self.created_for {
            self.owner.clone()
        } else {
            format!("{}, created for {}", self.owner, self.created_for)
        }
    }

    /// The whitelist on one line: `none`, or its entries joined by commas.
    pub fn whitelist_text(&self) -> String {
        if self.whitelist.is_empty() {
            "none".to_owned()
        } else {
            self.whitelist.join(", ")
        }
    }
}

/// The row of the key labelled `label`, whoever may see it; `None` when there is no such key.
pub fn key_row(state: &State, label: &str) -> Option<KeyRow> {
    let key = state.key_id(label).and_then(|id| state.key(id))?;
    KeyRow::new(state, key)
}

/// Why the acting identity may not take each action on a live key, as core decides
/// (`State::plan`); `None` where it may.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActionsRefused {
    /// Why it may not delete the key.
    pub delete: Option<String>,
    /// Why it may not change the key's IP whitelist (its permission, or the key's region).
    pub whitelist: Option<String>,
}

impl ActionsRefused {
    /// Whether it may take no action at all on the key.
    pub fn all(&self) -> bool {
        self.delete.is_some() && self.whitelist.is_some()
    }
}

/// Why `who` may not delete the key labelled `label` or change its whitelist, asked of core
/// before a button offers it: a button that can only be refused is disabled and says why.
pub fn actions_refused(state: &State, who: &Who, label: &str) -> ActionsRefused {
    let cidrs = key_row(state, label)
        .map(|row| row.whitelist)
        .unwrap_or_default();
    ActionsRefused {
        delete: why_not(
            state,
            who,
            Command::DeleteApiKey {
                key: label.to_owned(),
            },
        ),
        whitelist: why_not(
            state,
            who,
            Command::SetIpWhitelist {
                key: label.to_owned(),
                cidrs,
            },
        ),
    }
}

/// Why core would refuse `command` of `who`, in words; `None` when it would not.
fn why_not(state: &State, who: &Who, command: Command) -> Option<String> {
    let refused = state.plan(who, &command).err()?;
    Some(match refused.outcome.code() {
        Some(code) => words::code(code).to_owned(),
        None => words::refusal(&refused),
    })
}

/// What the list says when the acting identity sees live keys it may not delete (it owns them,
/// or was given them, without the key permission): why their buttons are disabled.
pub fn unmanaged_note(state: &State, who: &Who, visible: &Visible) -> Option<String> {
    let unmanaged = visible
        .rows
        .iter()
        .filter(|row| !row.is_dead())
        .filter(|row| {
            let delete = Command::DeleteApiKey {
                key: row.label.clone(),
            };
            state.plan(who, &delete).is_err()
        })
        .count();
    let (these, them) = match unmanaged {
        0 => return None,
        1 => ("1 of these keys".to_owned(), "it"),
        n => (format!("{n} of these keys"), "them"),
    };
    Some(format!(
        "The acting identity may see {these} but not delete {them} or change {whose} IP whitelist: that needs the key management permission (super administrator, workspace administrator, or APIKey-FullAccess in the key's workspace).",
        whose = if unmanaged == 1 { "its" } else { "their" },
    ))
}

/// What the acting identity may see of the keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Visible {
    /// The keys it may see, oldest first.
    pub rows: Vec<KeyRow>,
    /// How many keys it may not see.
    pub hidden: usize,
    /// Why the acting identity could not be resolved, when it could not.
    pub unresolved: Option<String>,
}

/// The keys `who` may see, as core decides (`State::may_view_key`), and how many are hidden.
pub fn visible_keys(state: &State, who: &Who) -> Visible {
    let acting = state.resolve(who);
    let mut visible = Visible {
        unresolved: acting
            .err()
            .map(|failure| words::outcome(failure.outcome())),
        ..Visible::default()
    };
    for (id, key) in state.keys() {
        let may_see = acting.is_ok_and(|acting| state.may_view_key(acting, id));
        match may_see.then(|| KeyRow::new(state, key)).flatten() {
            Some(row) => visible.rows.push(row),
            None => visible.hidden += 1,
        }
    }
    visible
}

impl Visible {
    /// Whether the key labelled `label` is among those it may see.
    pub fn shows(&self, label: &str) -> bool {
        self.rows.iter().any(|row| row.label == label)
    }

    /// The rows of the live workspace named `workspace` in `state` (of every workspace when it
    /// is empty) with the status `status` (with any status when `None`). A workspace is matched
    /// by its ID: the keys of a deleted workspace whose name a new one took are not the new
    /// one's (SPEC section 1; a new user's walk saw them listed under it).
    pub fn filtered(
        &self,
        state: &State,
        workspace: &str,
        status: Option<KeyStatus>,
    ) -> Vec<KeyRow> {
        let id = state
            .workspace_id(workspace)
            .and_then(|id| state.workspace(id))
            .map(|ws| ws.id.as_str());
        self.rows
            .iter()
            .filter(|row| workspace.is_empty() || Some(row.workspace_id.as_str()) == id)
            .filter(|row| status.is_none_or(|status| row.status == status))
            .cloned()
            .collect()
    }

    /// How many rows the filters let through, of those it may see: "2 visible", "1 of 2 visible".
    pub fn count(&self, shown: usize) -> String {
        let all = self.rows.len();
        if shown == all {
            format!("{all} visible")
        } else {
            format!("{shown} of {all} visible")
        }
    }

    /// What the list says when it shows no row.
    pub fn empty_note(&self) -> &'static str {
        if self.rows.is_empty() {
            "No keys to show."
        } else {
            "No key matches the filters."
        }
    }

    /// Why the IP whitelist buttons of live keys outside China (Beijing) are disabled, when
    /// some are listed: a disabled button's title is out of the keyboard's reach.
    pub fn abroad_note(&self) -> Option<String> {
        let abroad = self
            .rows
            .iter()
            .filter(|row| !row.is_dead() && !row.region.has_ip_whitelists())
            .count();
        let these = match abroad {
            0 => return None,
            1 => "1 of these keys is".to_owned(),
            n => format!("{n} of these keys are"),
        };
        Some(format!(
            "{these} outside China (Beijing): IP whitelists can be set only on keys in China (Beijing), so {} IP whitelist button is disabled.",
            if abroad == 1 { "its" } else { "their" }
        ))
    }

    /// Why some keys are not listed, when some are not.
    pub fn hidden_note(&self) -> Option<String> {
        match (&self.unresolved, self.hidden) {
            (Some(why), _) => Some(format!(
                "The acting identity cannot be resolved, so every key is hidden. {why}"
            )),
            (None, 0) => None,
            (None, 1) => Some(
                "1 key is hidden: the acting identity neither manages the keys of its workspace nor owns it."
                    .to_owned(),
            ),
            (None, n) => Some(format!(
                "{n} keys are hidden: the acting identity neither manages the keys of their workspaces nor owns them."
            )),
        }
    }
}

/// The status filter's choices, by the picker's value: `None` for every status.
pub const STATUS_CHOICES: [(&str, Option<KeyStatus>); 5] = [
    ("all", None),
    ("active", Some(KeyStatus::Active)),
    ("suspended", Some(KeyStatus::Suspended)),
    ("deleted", Some(KeyStatus::Deleted)),
    ("owner-deleted", Some(KeyStatus::OwnerDeleted)),
];

/// The status a filter value keeps; `None`, every status, for `all` or a value it does not know.
pub fn status_choice(value: &str) -> Option<KeyStatus> {
    STATUS_CHOICES
        .iter()
        .find(|(name, _)| *name == value)
        .and_then(|(_, status)| *status)
}

/// What the status picker shows for a choice.
pub fn status_choice_label(status: Option<KeyStatus>) -> &'static str {
    status.map_or("All statuses", words::key_status)
}

/// The label of the key a deep link names, by label or else by id (its number).
pub fn linked_key(state: &State, wanted: &str) -> Option<String> {
    let id = state.key_id(wanted).or_else(|| {
        wanted
            .parse::<usize>()
            .ok()
            .map(KeyId)
            .filter(|id| state.key(*id).is_some())
    })?;
    state.key(id).map(|key| key.label.clone())
}

/// Where a deep link to a key (`?key=<label or id>`) leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// To the key with this label.
    Key(String),
    /// Nowhere: no key has the label or id the link names.
    Nowhere(String),
}

impl Link {
    /// Where a link naming `wanted` leads.
    pub fn new(state: &State, wanted: &str) -> Link {
        linked_key(state, wanted).map_or_else(|| Link::Nowhere(wanted.to_owned()), Link::Key)
    }

    /// The label of the key it leads to.
    pub fn label(&self) -> Option<&str> {
        match self {
            Link::Key(label) => Some(label),
            Link::Nowhere(_) => None,
        }
    }

    /// What the list says of it, given what the acting identity may see.
    pub fn note(&self, visible: &Visible) -> String {
        match self {
            Link::Nowhere(wanted) => format!("There is no key `{wanted}`."),
            Link::Key(label) if !visible.shows(label) => {
                format!("Key `{label}` is hidden: the acting identity may not see it.")
            }
            Link::Key(label) => format!("Showing key `{label}`."),
        }
    }
}

/// The question asked before deleting a key.
pub fn delete_question(label: &str) -> String {
    format!("Delete key `{label}` for good?")
}

/// What deleting a key came to, once done.
pub fn deleted_note(label: &str) -> String {
    format!("Deleted key `{label}`. It can never be used again.")
}

/// A whitelist line that is no address or CIDR block: its line number (from 1) and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadLine {
    /// Its line number, from 1.
    pub line: usize,
    /// Its text, trimmed.
    pub text: String,
}

impl BadLine {
    /// What the editor says of it.
    pub fn message(&self) -> String {
        format!(
            "Line {}: `{}` is not an IP address or CIDR block (IPv4 prefix up to 32, IPv6 up to 128).",
            self.line, self.text
        )
    }
}

/// The entries of a whitelist draft, one per non-empty line, or the lines that are not valid.
pub fn parse_whitelist(draft: &str) -> Result<Vec<String>, Vec<BadLine>> {
    let mut cidrs = Vec::new();
    let mut bad = Vec::new();
    for (at, line) in draft.lines().enumerate() {
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        if parse_cidr(text).is_some() {
            cidrs.push(text.to_owned());
        } else {
            bad.push(BadLine {
                line: at + 1,
                text: text.to_owned(),
            });
        }
    }
    if bad.is_empty() { Ok(cidrs) } else { Err(bad) }
}

/// What the whitelist editor says of `bad`, the bad lines of `draft` (from [`parse_whitelist`]):
/// those already finished as the person types (every line but the last one, while it has no
/// line break after it), all of them once the person has left the field or tried to save
/// (`settled`). `None` when there is nothing to say.
pub fn line_errors(draft: &str, bad: &[BadLine], settled: bool) -> Option<Vec<String>> {
    let typing = (!settled && !draft.ends_with('\n')).then(|| draft.lines().count());
    let said: Vec<String> = bad
        .iter()
        .filter(|line| Some(line.line) != typing)
        .map(BadLine::message)
        .collect();
    (!said.is_empty()).then_some(said)
}

/// The draft an editor of the key labelled `label` starts from: its whitelist, one entry a line.
pub fn whitelist_draft(state: &State, label: &str) -> String {
    key_row(state, label)
        .map(|row| row.whitelist.join("\n"))
        .unwrap_or_default()
}

/// What the editor says of a key whose region core refuses a whitelist for (SPEC section 5: only
/// keys in China (Beijing) have one), before saving is tried. Core is asked as `root`, so that
/// the acting identity's own permission does not hide the answer: the region rule holds for all.
pub fn whitelist_region_note(state: &State, label: &str) -> Option<String> {
    let region = key_row(state, label)?.region;
    let clear = Command::SetIpWhitelist {
        key: label.to_owned(),
        cidrs: Vec::new(),
    };
    let refusal = state.plan(&Who::root(), &clear).err()?;
    (refusal.outcome.code() == Some(Code::IpWhitelistBeijingOnly)).then(|| {
        format!(
            "This key is in {}. IP whitelists can only be set on keys in China (Beijing); saving will be refused.",
            words::region(region),
        )
    })
}

/// What the editor says when the draft has lines that are not valid.
pub const NOT_SAVED: &str = "Not saved: correct the lines marked above first.";

/// What saving `entries` entries as the whitelist of the key labelled `label` came to.
pub fn whitelist_saved(label: &str, entries: usize) -> String {
    match entries {
        0 => format!("Cleared the IP whitelist of `{label}`: any address may call with it."),
        1 => format!("Saved the IP whitelist of `{label}`: 1 entry."),
        n => format!("Saved the IP whitelist of `{label}`: {n} entries."),
    }
}

/// The button that hides a new key's secret once the person has copied it.
pub const HIDE_SECRET: &str = "I have copied it, hide it";

#[cfg(test)]
mod tests {
    use super::*;

    /// A review typed `300.1.1.1` and saw nothing until Save: a finished bad line is said as
    /// the person types, the line being typed only once the field is left or saved.
    #[test]
    fn bad_lines_are_said_once_finished() {
        let line_errors = |draft: &str, settled| {
            let bad = parse_whitelist(draft).err().unwrap_or_default();
            line_errors(draft, &bad, settled)
        };
        assert_eq!(line_errors("10.0.0.0/8\n10.0.", false), None);
        let said = line_errors("300.1.1.1\n10.0.", false).unwrap();
        assert_eq!(said.len(), 1);
        assert!(said[0].starts_with("Line 1: `300.1.1.1`"), "{said:?}");
        assert_eq!(line_errors("300.1.1.1\n10.0.", true).unwrap().len(), 2);
        assert_eq!(line_errors("10.0.0.1/33\n", false).unwrap().len(), 1);
        assert_eq!(line_errors("10.0.0.0/8\n", false), None);
    }
    use studio_access_core::sample;
    use studio_access_core::{MemberName, Outcome, SeededEntropy};

    /// A button that can only be refused says why before it is pressed: the whitelist of a key
    /// outside China (Beijing), and every action of an identity without the key permission.
    #[test]
    fn actions_refused_say_why_before_the_button_is_pressed() {
        let state = sample::sample_organisation("2026-06-01".parse().unwrap());
        let root = Who::root();
        assert_eq!(
            actions_refused(&state, &root, "project-a-app"),
            ActionsRefused::default()
        );
        let abroad = actions_refused(&state, &root, "prod-service");
        assert_eq!(abroad.delete, None);
        let why = abroad.whitelist.unwrap();
        assert!(why.contains("China (Beijing)"), "{why}");

        // `user-01` sees the key created for it, but may not manage keys.
        let member = Who::user("user-01");
        assert!(visible_keys(&state, &member).shows("project-a-app"));
        let refused = actions_refused(&state, &member, "project-a-app");
        assert!(refused.all(), "{refused:?}");
        let why = refused.delete.unwrap();
        assert!(why.contains("key management permission"), "{why}");
        let visible = visible_keys(&state, &member);
        let note = unmanaged_note(&state, &member, &visible).unwrap();
        assert!(
            note.starts_with("The acting identity may see 2 of these keys but not delete them"),
            "{note}"
        );
        assert_eq!(
            unmanaged_note(&state, &root, &visible_keys(&state, &root)),
            None
        );
    }

    #[test]
    fn keys_outside_beijing_say_why_their_whitelist_is_disabled() {
        let state = sample::sample_organisation("2026-06-01".parse().unwrap());
        let visible = visible_keys(&state, &Who::root());
        let abroad = visible
            .rows
            .iter()
            .filter(|row| !row.is_dead() && row.region != Region::CnBeijing)
            .count();
        assert!(abroad > 1, "the sample has keys abroad");
        let note = visible.abroad_note().unwrap();
        assert!(
            note.starts_with(&format!(
                "{abroad} of these keys are outside China (Beijing)"
            )),
            "{note}"
        );
        assert!(
            note.ends_with("their IP whitelist button is disabled."),
            "{note}"
        );
        let beijing_only = Visible {
            rows: visible
                .rows
                .into_iter()
                .filter(|row| row.region == Region::CnBeijing)
                .collect(),
            ..Visible::default()
        };
        assert_eq!(beijing_only.abroad_note(), None);
    }

    fn state(today: &str) -> State {
        let mut state = State::new_account(today.parse().unwrap());
        let mut entropy = SeededEntropy::new(1);
        let steps = [
            Command::CreateUser { name: "bob".into() },
            Command::CreateUser { name: "ann".into() },
            Command::CreateUser { name: "cid".into() },
            Command::CreateRole { name: "ops".into() },
            Command::AttachPolicy {
                member: MemberName::User("ann".into()),
                policy: studio_access_core::Policy::AliyunBailianFullAccess,
            },
            Command::CreateWorkspace {
                region: Region::CnBeijing,
                name: "bj".into(),
            },
            sample::add_member("bj", MemberName::User("bob".into()), true),
            sample::add_member("bj", MemberName::User("ann".into()), false),
            sample::add_member("bj", MemberName::Role("ops".into()), false),
        ];
        run(&mut state, &mut entropy, &steps);
        state
    }

    #[test]
    fn owners_are_the_members_and_root_only_for_root() {
        let state = state("2026-01-10");
        let values = |who: &Who| -> Vec<String> {
            owner_choices(&state, "bj", who)
                .into_iter()
                .map(|c| c.value)
                .collect()
        };
        assert_eq!(
            values(&Who::root()),
            vec!["root", "user:ann", "user:bob", "role:ops"]
        );
        assert_eq!(
            values(&Who::user("bob")),
            vec!["user:ann", "user:bob", "role:ops"]
        );
        assert_eq!(
            values(&Who::user("cid")),
            vec!["user:ann", "user:bob", "role:ops"]
        );
        assert_eq!(owner_choices(&state, "nope", &Who::root()).len(), 1);
    }

    #[test]
    fn the_beijing_rule_is_said_before_the_key_is_made() {
        let before = state("2026-03-24");
        assert_eq!(
            ownership_note(&before, "bj", &KeyOwnerName::Role("ops".into())),
            None
        );
        let after = state("2026-03-25");
        let note = ownership_note(&after, "bj", &KeyOwnerName::Role("ops".into())).unwrap();
        assert!(
            note.contains("belong to the Alibaba Cloud account"),
            "{note}"
        );
        assert!(note.contains("role `ops`"), "{note}");
        assert_eq!(
            ownership_note(&after, "bj", &KeyOwnerName::Named("root".into())),
            None
        );
        assert_eq!(
            ownership_note(
                &after,
                "default@us-east-1",
                &KeyOwnerName::Named("bob".into())
            ),
            None
        );
    }

    /// `state(today)` with a plain member `dan` of `bj` and four keys: `dan-key` (dan's),
    /// `root-key` and `ops-key` in `bj`, `sg-key` in Singapore.
    fn with_keys(today: &str) -> State {
        let mut state = state(today);
        let mut entropy = SeededEntropy::new(2);
        let key = |workspace: &str, owner: KeyOwnerName, key: &str| Command::CreateApiKey {
            workspace: workspace.into(),
            owner,
            key: key.into(),
        };
        let steps = [
            Command::CreateUser { name: "dan".into() },
            sample::add_member("bj", MemberName::User("dan".into()), false),
            key("bj", KeyOwnerName::Named("dan".into()), "dan-key"),
            key("bj", KeyOwnerName::Named("root".into()), "root-key"),
            key("bj", KeyOwnerName::Role("ops".into()), "ops-key"),
            key(
                "default@ap-southeast-1",
                KeyOwnerName::Named("root".into()),
                "sg-key",
            ),
        ];
        run(&mut state, &mut entropy, &steps);
        state
    }

    fn run(state: &mut State, entropy: &mut SeededEntropy, steps: &[Command]) {
        for step in steps {
            assert_eq!(
                state.execute(&Who::root(), step, entropy).outcome,
                Outcome::Ok,
                "{step:?}"
            );
        }
    }

    fn labels(rows: &[KeyRow]) -> Vec<&str> {
        rows.iter().map(|row| row.label.as_str()).collect()
    }

    #[test]
    fn each_identity_sees_the_keys_core_lets_it_see() {
        let state = with_keys("2026-01-10");
        // (who, the keys it sees, what the hidden note says)
        let check = |who: Who, seen: &[&str], note: Option<&str>| {
            let visible = visible_keys(&state, &who);
            assert_eq!(labels(&visible.rows), seen, "{who:?}");
            assert_eq!(visible.rows.len() + visible.hidden, 4, "{who:?}");
            let said = visible.hidden_note();
            match note {
                None => assert_eq!(said, None, "{who:?}"),
                Some(start) => {
                    let said = said.unwrap();
                    assert!(said.starts_with(start), "{who:?}: {said}");
                }
            }
            for key in ["dan-key", "root-key", "ops-key", "sg-key"] {
                assert_eq!(visible.shows(key), seen.contains(&key), "{who:?} {key}");
            }
        };
        let all = ["dan-key", "root-key", "ops-key", "sg-key"];
        check(Who::root(), &all, None);
        check(
            Who::user("bob"),
            &["dan-key", "root-key", "ops-key"],
            Some(
                "1 key is hidden: the acting identity neither manages the keys of its workspace nor owns it.",
            ),
        );
        check(
            Who::user("dan"),
            &["dan-key"],
            Some(
                "3 keys are hidden: the acting identity neither manages the keys of their workspaces nor owns them.",
            ),
        );
        check(Who::user("cid"), &[], Some("4 keys are hidden"));
        check(
            Who::user("ghost"),
            &[],
            Some("The acting identity cannot be resolved, so every key is hidden. "),
        );
        assert!(
            visible_keys(&state, &Who::user("ghost"))
                .unresolved
                .is_some()
        );
    }

    #[test]
    fn a_row_says_what_core_knows_of_its_key() {
        let state = with_keys("2026-01-10");
        let bj = state.workspace(state.workspace_id("bj").unwrap()).unwrap();
        let row = key_row(&state, "dan-key").unwrap();
        assert_eq!(
            row,
            KeyRow {
                label: "dan-key".into(),
                workspace: "bj".into(),
                workspace_id: bj.id.clone(),
                region: Region::CnBeijing,
                owner: "dan".into(),
                created_for: "dan".into(),
                created: "2026-01-10".into(),
                status: KeyStatus::Active,
                masked: row.masked.clone(),
                whitelist: Vec::new(),
            }
        );
        assert!(row.masked.starts_with("sk-") && row.masked.contains('…'));
        assert_eq!(row.status_name(), "active");
        assert_eq!(row.whitelist_text(), "none");
        assert_eq!(row.place(), format!("bj, China (Beijing) ({})", bj.id));
        assert_eq!(row.ownership(), "dan");
        assert!(!row.is_dead());
        assert_eq!(key_row(&state, "nope"), None);

        // From 2026-03-25 the account owns a new Beijing key; it stays created for the member.
        let after = with_keys("2026-03-25");
        let row = key_row(&after, "ops-key").unwrap();
        assert_eq!(
            (row.owner.as_str(), row.created_for.as_str()),
            ("root", "ops")
        );
        assert_eq!(row.ownership(), "root, created for ops");
        assert_eq!(row.created_for_other(), Some("ops"));
        // Its role deleted and another of that name made, the row says the first one went (a
        // new user's walk read the keys of a deleted user-01 as the new user-01's).
        let mut again = after.clone();
        let mut entropy = SeededEntropy::new(9);
        for step in [
            Command::DeleteRole { name: "ops".into() },
            Command::CreateRole { name: "ops".into() },
        ] {
            assert!(
                again
                    .execute(&Who::root(), &step, &mut entropy)
                    .outcome
                    .is_success()
            );
        }
        let row = key_row(&again, "ops-key").unwrap();
        assert_eq!(row.ownership(), "root, created for ops (deleted)");
        assert_eq!(
            created_note(&after, "ops-key", "bj"),
            "Created key `ops-key` in bj; it belongs to root."
        );
        assert_eq!(
            created_note(&state, "sg-key", "default@ap-southeast-1"),
            "Created key `sg-key` in default@ap-southeast-1; it belongs to root."
        );
    }

    #[test]
    fn statuses_are_core_s_and_the_filters_keep_them_apart() {
        let mut state = with_keys("2026-01-10");
        let mut entropy = SeededEntropy::new(3);
        run(
            &mut state,
            &mut entropy,
            &[
                Command::DeleteApiKey {
                    key: "root-key".into(),
                },
                Command::RemoveMember {
                    workspace: "bj".into(),
                    member: MemberName::User("dan".into()),
                },
                Command::DeleteRole { name: "ops".into() },
            ],
        );
        let visible = visible_keys(&state, &Who::root());
        let status = |label: &str| {
            let row = visible.rows.iter().find(|r| r.label == label).unwrap();
            (row.status, row.status_name(), row.is_dead())
        };
        assert_eq!(
            status("root-key"),
            (KeyStatus::Deleted, "key-deleted", true)
        );
        assert_eq!(
            status("dan-key"),
            (KeyStatus::Suspended, "key-suspended", false)
        );
        assert_eq!(
            status("ops-key"),
            (KeyStatus::OwnerDeleted, "key-owner-deleted", false)
        );
        assert_eq!(status("sg-key"), (KeyStatus::Active, "active", false));

        // (workspace, status value, the rows kept, the count)
        let check = |workspace: &str, value: &str, kept: &[&str], count: &str| {
            let rows = visible.filtered(&state, workspace, status_choice(value));
            assert_eq!(labels(&rows), kept, "{workspace:?} {value}");
            assert_eq!(visible.count(rows.len()), count, "{workspace:?} {value}");
        };
        check(
            "",
            "all",
            &["dan-key", "root-key", "ops-key", "sg-key"],
            "4 visible",
        );
        check("", "active", &["sg-key"], "1 of 4 visible");
        check("", "suspended", &["dan-key"], "1 of 4 visible");
        check("", "deleted", &["root-key"], "1 of 4 visible");
        check("", "owner-deleted", &["ops-key"], "1 of 4 visible");
        check(
            "bj",
            "all",
            &["dan-key", "root-key", "ops-key"],
            "3 of 4 visible",
        );
        check("bj", "active", &[], "0 of 4 visible");
        check("default@us-east-1", "all", &[], "0 of 4 visible");
        check(
            "",
            "no-such-status",
            &["dan-key", "root-key", "ops-key", "sg-key"],
            "4 visible",
        );

        // `bj` deleted and a new `bj` made: the old one's keys are not the new one's (a new
        // user's walk saw them listed under it).
        run(
            &mut state,
            &mut entropy,
            &[
                Command::DeleteWorkspace {
                    workspace: "bj".into(),
                },
                Command::CreateWorkspace {
                    region: Region::CnBeijing,
                    name: "bj".into(),
                },
            ],
        );
        let visible = visible_keys(&state, &Who::root());
        assert_eq!(
            labels(&visible.filtered(&state, "bj", None)),
            Vec::<&str>::new()
        );
        assert_eq!(visible.filtered(&state, "", None).len(), 4);

        assert_eq!(visible.empty_note(), "No key matches the filters.");
        assert_eq!(Visible::default().empty_note(), "No keys to show.");
        assert_eq!(Visible::default().count(0), "0 visible");
    }

    #[test]
    fn every_status_has_one_choice_and_its_words() {
        let choices: Vec<(&str, &str)> = STATUS_CHOICES
            .iter()
            .map(|(value, status)| (*value, status_choice_label(*status)))
            .collect();
        assert_eq!(
            choices,
            [
                ("all", "All statuses"),
                ("active", "active"),
                ("suspended", "suspended"),
                ("deleted", "deleted"),
                ("owner-deleted", "owner deleted"),
            ]
        );
        for (value, status) in STATUS_CHOICES {
            assert_eq!(status_choice(value), status, "{value}");
        }
        assert_eq!(status_choice(""), None);
    }

    #[test]
    fn a_link_leads_to_a_key_by_label_or_by_id() {
        let mut state = with_keys("2026-01-10");
        run(
            &mut state,
            &mut SeededEntropy::new(4),
            &[Command::DeleteApiKey {
                key: "root-key".into(),
            }],
        );
        // (what the link names, the key it leads to)
        let check = |wanted: &str, label: Option<&str>| {
            assert_eq!(linked_key(&state, wanted).as_deref(), label, "{wanted}");
            let link = Link::new(&state, wanted);
            assert_eq!(link.label(), label, "{wanted}");
        };
        check("dan-key", Some("dan-key"));
        check("0", Some("dan-key"));
        check("3", Some("sg-key"));
        check("root-key", Some("root-key"));
        check("1", Some("root-key"));
        check("4", None);
        check("nope", None);
        check("-1", None);
        check("", None);
        check("99999999999999999999999", None);

        let root = visible_keys(&state, &Who::root());
        let dan = visible_keys(&state, &Who::user("dan"));
        assert_eq!(Link::new(&state, "0").note(&root), "Showing key `dan-key`.");
        assert_eq!(
            Link::new(&state, "sg-key").note(&dan),
            "Key `sg-key` is hidden: the acting identity may not see it."
        );
        assert_eq!(
            Link::new(&state, "nope").note(&root),
            "There is no key `nope`."
        );
    }

    #[test]
    fn whitelist_lines_are_checked_one_by_one() {
        assert_eq!(
            parse_whitelist("10.0.0.0/8\n\n  192.168.1.7 \n2001:db8::/32\n"),
            Ok(vec![
                "10.0.0.0/8".to_owned(),
                "192.168.1.7".to_owned(),
                "2001:db8::/32".to_owned()
            ])
        );
        assert_eq!(parse_whitelist(""), Ok(Vec::new()));
        assert_eq!(parse_whitelist(" \n\t\n"), Ok(Vec::new()));
        let bad = parse_whitelist("10.0.0.0/8\n10.0.0.0/33\nhello").unwrap_err();
        assert_eq!(
            bad,
            vec![
                BadLine {
                    line: 2,
                    text: "10.0.0.0/33".to_owned()
                },
                BadLine {
                    line: 3,
                    text: "hello".to_owned()
                },
            ]
        );
        assert_eq!(
            bad[1].message(),
            "Line 3: `hello` is not an IP address or CIDR block (IPv4 prefix up to 32, IPv6 up to 128)."
        );
    }

    #[test]
    fn the_whitelist_editor_starts_from_the_key_and_says_where_it_cannot_save() {
        let mut state = with_keys("2026-01-10");
        run(
            &mut state,
            &mut SeededEntropy::new(5),
            &[Command::SetIpWhitelist {
                key: "dan-key".into(),
                cidrs: vec!["10.0.0.0/8".into(), "192.168.1.7".into()],
            }],
        );
        assert_eq!(
            whitelist_draft(&state, "dan-key"),
            "10.0.0.0/8\n192.168.1.7/32"
        );
        assert_eq!(
            key_row(&state, "dan-key").unwrap().whitelist_text(),
            "10.0.0.0/8, 192.168.1.7/32"
        );
        assert_eq!(whitelist_draft(&state, "sg-key"), "");
        assert_eq!(whitelist_draft(&state, "nope"), "");

        assert_eq!(whitelist_region_note(&state, "dan-key"), None);
        assert_eq!(whitelist_region_note(&state, "nope"), None);
        let note = whitelist_region_note(&state, "sg-key").unwrap();
        assert!(note.starts_with("This key is in Singapore."), "{note}");
        assert!(note.ends_with("saving will be refused."), "{note}");

        assert_eq!(
            whitelist_saved("k", 0),
            "Cleared the IP whitelist of `k`: any address may call with it."
        );
        assert_eq!(
            whitelist_saved("k", 1),
            "Saved the IP whitelist of `k`: 1 entry."
        );
        assert_eq!(
            whitelist_saved("k", 2),
            "Saved the IP whitelist of `k`: 2 entries."
        );
    }

    #[test]
    fn the_form_keeps_an_offered_owner_and_otherwise_takes_the_first() {
        let state = state("2026-01-10");
        let choices = owner_choices(&state, "bj", &Who::root());
        let chosen = |wanted: &str| chosen_owner(&choices, wanted).map(|c| c.value.as_str());
        assert_eq!(chosen("role:ops"), Some("role:ops"));
        assert_eq!(chosen("user:cid"), Some("root"));
        assert_eq!(chosen(""), Some("root"));
        assert_eq!(chosen_owner(&[], "root"), None);

        let names: Vec<(String, String)> = workspace_choices(&state)
            .into_iter()
            .map(|c| (c.name, c.label))
            .collect();
        assert!(
            names.contains(&("bj".to_owned(), "bj (China (Beijing))".to_owned())),
            "{names:?}"
        );
        assert!(
            names.contains(&(
                "default@ap-southeast-1".to_owned(),
                "default@ap-southeast-1 (Singapore)".to_owned()
            )),
            "{names:?}"
        );
    }

    #[test]
    fn the_sentences_of_the_screen() {
        assert_eq!(delete_question("k"), "Delete key `k` for good?");
        assert_eq!(
            deleted_note("k"),
            "Deleted key `k`. It can never be used again."
        );
        assert_eq!(copy_note(&Ok(())), "Copied to the clipboard.");
        assert_eq!(
            copy_note(&Err("denied".into())),
            "Copying failed (denied). Select the secret and copy it by hand."
        );
    }
}
