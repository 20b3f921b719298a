//! What the Overview screen shows: what the account holds, each region's workspaces, and the
//! audit's findings counted by code.

use crate::screen::Screen;
use studio_access_core::{FindingCode, KeyStatus, Region, State};

use crate::workspaces::member_count;

/// One workspace as the overview lists it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WorkspaceLine {
    /// Its name.
    pub name: String,
    /// Whether it is the region's default workspace.
    pub default: bool,
    /// How many live principals are its members.
    pub members: usize,
    /// How many models it may call: "all" for a default workspace, else the count.
    pub callable: String,
    /// How many keys (not deleted) it holds.
    pub keys: usize,
}

/// What the overview shows, derived from the state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Live RAM users.
    pub users: usize,
    /// Live RAM roles.
    pub roles: usize,
    /// Models in the catalog.
    pub models: usize,
    /// Keys by status, every status listed.
    pub keys: Vec<(KeyStatus, usize)>,
    /// Each region with its workspaces.
    pub regions: Vec<(Region, Vec<WorkspaceLine>)>,
    /// The codes the audit finds, with how often; codes not found are left out.
    pub findings: Vec<(FindingCode, usize)>,
}

impl Summary {
    /// "1 finding", "3 findings".
    pub fn findings_total(&self) -> String {
        match self.findings.iter().map(|(_, count)| count).sum::<usize>() {
            1 => "1 finding".to_owned(),
            total => format!("{total} findings"),
        }
    }
}

/// The statuses a key can have, in the order the overview counts them.
pub const KEY_STATUSES: [KeyStatus; 4] = [
    KeyStatus::Active,
    KeyStatus::Suspended,
    KeyStatus::OwnerDeleted,
    KeyStatus::Deleted,
];

/// The order in which a team is set up from scratch, each step with the screen it is done on:
/// shown on a new account beside the sample (a new user's walk found no from-scratch path).
pub const SETUP_STEPS: [(Screen, &str); 5] = [
    (Screen::Identities, "Create the RAM users and roles"),
    (Screen::Workspaces, "Create a workspace"),
    (
        Screen::Workspaces,
        "Add the users and roles as members, with a preset of pages",
    ),
    (Screen::Workspaces, "Authorize models and set their limits"),
    (
        Screen::ApiKeys,
        "Create API keys for the members who call models",
    ),
];

/// The overview of `state`.
pub fn summarise(state: &State) -> Summary {
    let statuses: Vec<KeyStatus> = state.keys().map(|(_, key)| state.key_status(key)).collect();
    let keys = KEY_STATUSES
        .iter()
        .map(|status| (*status, statuses.iter().filter(|s| *s == status).count()))
        .collect();
    let regions = Region::ALL
        .iter()
        .map(|region| {
            let lines = state
                .workspaces()
                .filter(|(_, ws)| ws.region == *region)
                .map(|(id, ws)| WorkspaceLine {
                    name: ws.name.clone(),
                    default: ws.default,
                    members: member_count(state, id),
                    callable: if ws.default {
                        "all".to_owned()
                    } else {
                        ws.models
                            .values()
                            .filter(|auth| auth.call)
                            .count()
                            .to_string()
                    },
                    keys: state
                        .keys()
                        .filter(|(_, key)| key.workspace == id && !key.deleted)
                        .count(),
                })
                .collect();
            (*region, lines)
        })
        .collect();
    let audit = state.audit();
    let findings = FindingCode::ALL
        .iter()
        .map(|code| (*code, audit.iter().filter(|f| f.code == *code).count()))
        .filter(|(_, count)| *count > 0)
        .collect();
    Summary {
        users: state.live_users().count(),
        roles: state.live_roles().count(),
        models: state.models().count(),
        keys,
        regions,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_account_holds_three_default_workspaces_and_no_keys() {
        let state = State::new_account("2026-11-22".parse().unwrap());
        let summary = summarise(&state);
        assert_eq!((summary.users, summary.roles), (0, 0));
        assert_eq!(summary.regions.len(), Region::ALL.len());
        for (_, lines) in &summary.regions {
            assert!(
                lines
                    .iter()
                    .all(|line| line.default && line.callable == "all")
            );
        }
        assert!(summary.keys.iter().all(|(_, count)| *count == 0));
        let mut findings = summary.clone();
        findings.findings = vec![(FindingCode::ALL[0], 1)];
        assert_eq!(findings.findings_total(), "1 finding");
        findings.findings.push((FindingCode::ALL[1], 2));
        assert_eq!(findings.findings_total(), "3 findings");
    }
}
