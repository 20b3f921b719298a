//! The state of one account (SPEC section 1): identities, workspaces, memberships, the model
//! catalog and its authorizations, account quotas, API keys, features and today's date.
//!
//! Things are held by stable ids; names are looked up through an index of live things only, so a
//! re-created user or role is a new principal and a renamed workspace keeps everything it had.

use crate::command::MemberName;
use crate::date::Date;
use crate::event::Event;
use crate::names::NameRule;
use crate::vocab::{FeatureSet, ModelKind, PageSet, PolicySet, Region, no_bits, serialize_bits};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

// The stored form leaves out what is at its default (false, empty, none), stores sets as
// bitmasks and key hashes in base64: see ARCHITECTURE.md, "Persistence".
fn is_false(value: &bool) -> bool {
    !*value
}

/// The records of `table` that are not `deleted`, each with its id.
fn live<T, Id>(
    table: &[T],
    deleted: fn(&T) -> bool,
    id: fn(usize) -> Id,
) -> impl Iterator<Item = (Id, &T)> {
    table
        .iter()
        .enumerate()
        .filter(move |(_, record)| !deleted(record))
        .map(move |(at, record)| (id(at), record))
}

fn is_zero(value: &u64) -> bool {
    *value == 0
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub usize);

        impl $name {
            /// The id as an index into its table.
            pub const fn index(self) -> usize {
                self.0
            }

            const fn from_index(index: usize) -> $name {
                $name(index)
            }
        }
    };
}

id_type! {
    /// A RAM user, alive or deleted.
    UserId
}
id_type! {
    /// A RAM role, alive or deleted.
    RoleId
}
id_type! {
    /// A workspace.
    WorkspaceId
}
id_type! {
    /// A catalog model.
    ModelId
}
id_type! {
    /// An API key, live or deleted.
    KeyId
}

/// Who can be a member of a workspace and hold policies: a user or a role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Member {
    /// A RAM user.
    User(UserId),
    /// A RAM role.
    Role(RoleId),
}

/// The owner of an API key: the account, a RAM user or a RAM role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Owner {
    /// The Alibaba Cloud account.
    Root,
    /// A RAM user.
    User(UserId),
    /// A RAM role (`owner_role`).
    Role(RoleId),
}

impl Owner {
    /// The user or role that owns the key; `None` for the account.
    pub fn member(self) -> Option<Member> {
        match self {
            Owner::Root => None,
            Owner::User(id) => Some(Member::User(id)),
            Owner::Role(id) => Some(Member::Role(id)),
        }
    }
}

impl From<Member> for Owner {
    fn from(member: Member) -> Owner {
        match member {
            Member::User(id) => Owner::User(id),
            Member::Role(id) => Owner::Role(id),
        }
    }
}

/// A workspace membership: the Administrator flag and the page permissions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// The workspace's Administrator permission.
    #[serde(default, skip_serializing_if = "is_false")]
    pub admin: bool,
    /// Granted page permissions.
    #[serde(
        default,
        skip_serializing_if = "no_bits",
        serialize_with = "serialize_bits"
    )]
    pub pages: PageSet,
}

/// A RAM user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The name, unique among live users.
    pub name: String,
    /// Deleted users are kept for the keys that name them; they have nothing else.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deleted: bool,
    /// Attached system policies.
    #[serde(
        default,
        skip_serializing_if = "no_bits",
        serialize_with = "serialize_bits"
    )]
    pub policies: PolicySet,
    /// Direct memberships.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub memberships: BTreeMap<WorkspaceId, Membership>,
}

/// A RAM role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The name, unique among live roles.
    pub name: String,
    /// Deleted roles keep only their name.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deleted: bool,
    /// Attached system policies.
    #[serde(
        default,
        skip_serializing_if = "no_bits",
        serialize_with = "serialize_bits"
    )]
    pub policies: PolicySet,
    /// Memberships of the role.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub memberships: BTreeMap<WorkspaceId, Membership>,
    /// Users trusted to assume the role.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub trusted: BTreeSet<UserId>,
}

/// What a sub-workspace allows for one model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ModelAuth {
    /// The model may be called.
    #[serde(default, skip_serializing_if = "is_false")]
    pub call: bool,
    /// The model may be fine-tuned (and the result deployed).
    #[serde(default, skip_serializing_if = "is_false")]
    pub fine_tune: bool,
    /// The model may be deployed directly.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deploy: bool,
    /// Request Number Limit, requests per minute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpm: Option<u64>,
    /// Token Limit, tokens per minute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tpm: Option<u64>,
}

impl ModelAuth {
    /// What a default workspace allows for every model: everything, without limits.
    pub const UNRESTRICTED: ModelAuth = ModelAuth {
        call: true,
        fine_tune: true,
        deploy: true,
        rpm: None,
        tpm: None,
    };
}

/// A workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    /// `default@<region>` for a default workspace; otherwise unique among live workspaces,
    /// without `@`.
    pub name: String,
    /// Its ID, `llm-` and 16 lowercase letters or digits: never changes, never reused. Data
    /// stored before IDs existed reads without one and is given the ID it would have had.
    #[serde(default)]
    pub id: String,
    /// Its one region.
    pub region: Region,
    /// Whether this is its region's default workspace.
    #[serde(default, skip_serializing_if = "is_false")]
    pub default: bool,
    /// A deleted sub-workspace keeps its record for the keys that name it, and nothing else.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deleted: bool,
    /// Model authorizations of a sub-workspace (absent model: nothing authorized).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub models: BTreeMap<ModelId, ModelAuth>,
}

/// A catalog model.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Model {
    /// The model id, e.g. `qwen-plus`.
    pub name: String,
    /// Its kind.
    pub kind: ModelKind,
    /// Whether it can be fine-tuned.
    #[serde(default, skip_serializing_if = "is_false")]
    pub fine_tunable: bool,
    /// Whether it can be deployed directly.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deployable: bool,
}

/// An account quota: the account's total RPM for a model in a region (advisory).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    /// The region.
    pub region: Region,
    /// The model.
    pub model: ModelId,
    /// Requests per minute for the whole account.
    pub rpm: u64,
}

/// An API key. The secret itself is never kept: only its SHA-256 and a masked form.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(from = "StoredKey")]
pub struct ApiKey {
    /// The label, unique in the account for ever.
    pub label: String,
    /// The workspace it belongs to.
    pub workspace: WorkspaceId,
    /// Who owns it (the account for China (Beijing) keys created on or after 2026-03-25).
    pub owner: Owner,
    /// The owner named when it was created.
    pub created_for: Owner,
    /// Its creation date.
    pub created: Date,
    /// The IP whitelist; empty means none.
    pub whitelist: Vec<IpNet>,
    /// Deleted keys are dead for good.
    pub deleted: bool,
    /// Hex SHA-256 of the secret.
    pub secret_sha256: String,
    /// The secret with all but its first two and last four hex digits hidden.
    pub masked: String,
}

/// A key as stored: `created_for` only where it is not the owner, the hash as `sha256` in
/// base64, the masked form as its visible digits, defaults left out. Version 1 wrote every field,
/// the hash as `secret_sha256` in hex; both read.
#[derive(Deserialize)]
struct StoredKey {
    label: String,
    workspace: WorkspaceId,
    owner: Owner,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    created_for: Option<Owner>,
    created: Date,
    #[serde(default)]
    whitelist: Vec<IpNet>,
    #[serde(default)]
    deleted: bool,
    #[serde(rename = "sha256", alias = "secret_sha256")]
    #[serde(deserialize_with = "crate::event::sha256_text::deserialize")]
    secret_sha256: String,
    #[serde(deserialize_with = "crate::event::masked_text::deserialize")]
    masked: String,
}

impl From<StoredKey> for ApiKey {
    fn from(key: StoredKey) -> ApiKey {
        ApiKey {
            label: key.label,
            workspace: key.workspace,
            owner: key.owner,
            created_for: key.created_for.unwrap_or(key.owner),
            created: key.created,
            whitelist: key.whitelist,
            deleted: key.deleted,
            secret_sha256: key.secret_sha256,
            masked: key.masked,
        }
    }
}

impl Serialize for ApiKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            label: &'a str,
            workspace: WorkspaceId,
            owner: Owner,
            #[serde(skip_serializing_if = "Option::is_none")]
            created_for: Option<Owner>,
            created: Date,
            #[serde(skip_serializing_if = "<[IpNet]>::is_empty")]
            whitelist: &'a [IpNet],
            #[serde(skip_serializing_if = "is_false")]
            deleted: bool,
            #[serde(
                rename = "sha256",
                serialize_with = "crate::event::sha256_text::serialize"
            )]
            secret_sha256: &'a str,
            #[serde(serialize_with = "crate::event::masked_text::serialize")]
            masked: &'a str,
        }
        Out {
            label: &self.label,
            workspace: self.workspace,
            owner: self.owner,
            created_for: (self.created_for != self.owner).then_some(self.created_for),
            created: self.created,
            whitelist: &self.whitelist,
            deleted: self.deleted,
            secret_sha256: &self.secret_sha256,
            masked: &self.masked,
        }
        .serialize(serializer)
    }
}

/// The sample catalog of a new account (SPEC section 1).
pub const SAMPLE_CATALOG: &[(&str, ModelKind, bool, bool)] = &[
    ("qwen-max", ModelKind::Text, false, false),
    ("qwen-plus", ModelKind::Text, true, false),
    ("qwen-turbo", ModelKind::Text, true, false),
    ("qwen2.5-7b-instruct", ModelKind::Text, true, true),
    ("wanx2.1-t2i-turbo", ModelKind::Image, false, false),
    ("cosyvoice-v2", ModelKind::Speech, false, false),
    ("text-embedding-v3", ModelKind::Embedding, false, false),
];

/// The plain data of a state, as it is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateData {
    /// The date the account was created, where a replay of its events starts.
    pub origin: Date,
    /// The simulation's date.
    pub today: Date,
    /// Users by id, deleted ones included.
    pub users: Vec<User>,
    /// Roles by id, deleted ones included.
    pub roles: Vec<Role>,
    /// Workspaces by id; the first three are the default workspaces in region order.
    pub workspaces: Vec<Workspace>,
    /// The catalog by id.
    pub models: Vec<Model>,
    /// Account quotas.
    pub quotas: Vec<Quota>,
    /// Keys by id, deleted ones included.
    pub keys: Vec<ApiKey>,
    /// Activated features.
    #[serde(serialize_with = "serialize_bits")]
    pub features: FeatureSet,
    /// How many changes were folded into the checkpoint: the sequence number of the last one.
    /// Their events are no longer kept and they cannot be undone.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub folded: u64,
    /// The applied commands kept since the checkpoint, oldest first (at most
    /// [`HISTORY_LIMIT`](crate::HISTORY_LIMIT)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct NameIndex {
    users: HashMap<String, UserId>,
    roles: HashMap<String, RoleId>,
    workspaces: HashMap<String, WorkspaceId>,
    /// Live workspaces by ID.
    workspace_ids: HashMap<String, WorkspaceId>,
    models: HashMap<String, ModelId>,
    keys: HashMap<String, KeyId>,
}

/// One account's state, with its name index and its history: the checkpoint its kept events
/// start from. Cloning is cheap in history: the checkpoint is shared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    data: StateData,
    index: NameIndex,
    /// The state as of the last folded change, without events; `None` while nothing has been
    /// folded, when it is the new account dated `origin`. A checkpoint has no checkpoint itself.
    checkpoint: Option<Arc<State>>,
}

/// Why stored data is not a consistent state: the record at fault and what it breaks.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct IntegrityError(pub String);

/// Whether `name` is a valid user or role name (the name rule of SPEC section 1).
pub fn is_valid_principal_name(name: &str) -> bool {
    NameRule::Principal.is_valid(name)
}

/// Whether `name` is a valid sub-workspace name or key label (the name rule of SPEC section 1).
pub fn is_valid_workspace_name(name: &str) -> bool {
    NameRule::Resource.is_valid(name)
}

/// What stored data may hold as a user, role or sub-workspace name: anything a command could
/// ever create, under the name rules of today or the looser ones before revision 2 (non-empty,
/// without `@`, not `root` for principals), so that older saves keep their names.
pub(crate) fn is_storable_name(name: &str, principal: bool) -> bool {
    let reserved = principal && name == "root";
    !(name.is_empty() || name.contains('@') || reserved)
}

/// The length of a workspace ID's random part.
const WORKSPACE_ID_DIGITS: usize = 16;

/// Whether `id` has the form of a workspace ID: `llm-` and 16 lowercase letters or digits.
pub fn is_workspace_id(id: &str) -> bool {
    id.strip_prefix("llm-").is_some_and(|rest| {
        rest.len() == WORKSPACE_ID_DIGITS
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// The ID of the workspace at `index` of an account created on `origin`; `salt` is raised
/// only in the (astronomically unlikely) case of a clash with an ID already held. Deriving it
/// rather than drawing it makes a replay of the history give the same IDs.
fn derive_workspace_id(origin: Date, index: usize, salt: u32) -> String {
    use sha2::{Digest, Sha256};
    const DIGITS: &[u8; 36] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut hasher = Sha256::new();
    hasher.update(b"studio-access workspace id\0");
    hasher.update(origin.to_string().as_bytes());
    hasher.update((index as u64).to_le_bytes());
    hasher.update(salt.to_le_bytes());
    let digest = hasher.finalize();
    let mut id = String::with_capacity(4 + WORKSPACE_ID_DIGITS);
    id.push_str("llm-");
    for byte in digest.iter().take(WORKSPACE_ID_DIGITS) {
        let digit = DIGITS.get(usize::from(*byte) % DIGITS.len()).copied();
        id.push(char::from(digit.unwrap_or(b'0')));
    }
    id
}

impl State {
    /// A new account: `root`, the three default workspaces, the sample catalog, `model-studio`
    /// activated, nothing else.
    pub fn new_account(today: Date) -> State {
        let data = StateData {
            origin: today,
            today,
            users: Vec::new(),
            roles: Vec::new(),
            workspaces: Region::ALL
                .iter()
                .enumerate()
                .map(|(at, region)| Workspace {
                    name: region.default_workspace_name(),
                    id: derive_workspace_id(today, at, 0),
                    region: *region,
                    default: true,
                    deleted: false,
                    models: BTreeMap::new(),
                })
                .collect(),
            models: SAMPLE_CATALOG
                .iter()
                .map(|(name, kind, fine_tunable, deployable)| Model {
                    name: (*name).to_owned(),
                    kind: *kind,
                    fine_tunable: *fine_tunable,
                    deployable: *deployable,
                })
                .collect(),
            quotas: Vec::new(),
            keys: Vec::new(),
            features: FeatureSet::EMPTY.with(crate::vocab::Feature::ModelStudio),
            folded: 0,
            events: Vec::new(),
        };
        let index = NameIndex::build(&data);
        State {
            data,
            index,
            checkpoint: None,
        }
    }

    /// Builds a checkpoint from stored data, checking that every id it holds is in range and
    /// that live names are unique. Its events are dropped: a checkpoint has none, and the events
    /// after it are replayed onto it ([`State::reapply`]).
    pub fn from_data(mut data: StateData) -> Result<State, IntegrityError> {
        assign_workspace_ids(&mut data);
        check_integrity(&data)?;
        data.events = Vec::new();
        let index = NameIndex::build(&data);
        let mut state = State {
            data,
            index,
            checkpoint: None,
        };
        let fresh = State::new_account(state.data.origin);
        if state.data.folded > 0 || state.data != fresh.data {
            state.checkpoint = Some(Arc::new(state.clone()));
        }
        Ok(state)
    }

    /// The checkpoint the kept events start from (see [`State::replay_kept`]).
    pub fn checkpoint(&self) -> State {
        let mut base = match &self.checkpoint {
            Some(base) => State::clone(base),
            None => State::new_account(self.data.origin),
        };
        base.checkpoint.clone_from(&self.checkpoint);
        base
    }

    /// The checkpoint's plain data, borrowed when something has been folded.
    pub(crate) fn checkpoint_data(&self) -> std::borrow::Cow<'_, StateData> {
        match &self.checkpoint {
            Some(base) => std::borrow::Cow::Borrowed(&base.data),
            None => std::borrow::Cow::Owned(State::new_account(self.data.origin).data),
        }
    }

    pub(crate) fn checkpoint_mut(&mut self) -> &mut State {
        let origin = self.data.origin;
        Arc::make_mut(
            self.checkpoint
                .get_or_insert_with(|| Arc::new(State::new_account(origin))),
        )
    }

    /// The plain data.
    pub fn data(&self) -> &StateData {
        &self.data
    }

    pub(crate) fn data_mut(&mut self) -> &mut StateData {
        &mut self.data
    }

    /// Today's date in the simulation.
    pub fn today(&self) -> Date {
        self.data.today
    }

    /// A live user by name.
    pub fn user_id(&self, name: &str) -> Option<UserId> {
        self.index.users.get(name).copied()
    }

    /// A live role by name.
    pub fn role_id(&self, name: &str) -> Option<RoleId> {
        self.index.roles.get(name).copied()
    }

    /// A live workspace by name (`default@<region>` for default workspaces).
    pub fn workspace_id(&self, name: &str) -> Option<WorkspaceId> {
        self.index.workspaces.get(name).copied()
    }

    /// A live workspace by its ID (`llm-…`).
    pub fn workspace_by_id(&self, id: &str) -> Option<WorkspaceId> {
        self.index.workspace_ids.get(id).copied()
    }

    /// A live workspace by name, else by ID: what a person may type where a workspace is asked
    /// for (a name wins, should a workspace be named like another's ID).
    pub fn workspace_by_name_or_id(&self, text: &str) -> Option<WorkspaceId> {
        self.workspace_id(text)
            .or_else(|| self.workspace_by_id(text))
    }

    /// A model by id.
    pub fn model_id(&self, name: &str) -> Option<ModelId> {
        self.index.models.get(name).copied()
    }

    /// A key by label, deleted keys included.
    pub fn key_id(&self, label: &str) -> Option<KeyId> {
        self.index.keys.get(label).copied()
    }

    /// The default workspace of a region.
    pub fn default_workspace(&self, region: Region) -> WorkspaceId {
        WorkspaceId::from_index(region.index())
    }

    /// A user record (alive or deleted).
    pub fn user(&self, id: UserId) -> Option<&User> {
        self.data.users.get(id.index())
    }

    /// A role record (alive or deleted).
    pub fn role(&self, id: RoleId) -> Option<&Role> {
        self.data.roles.get(id.index())
    }

    /// A workspace.
    pub fn workspace(&self, id: WorkspaceId) -> Option<&Workspace> {
        self.data.workspaces.get(id.index())
    }

    /// A model.
    pub fn model(&self, id: ModelId) -> Option<&Model> {
        self.data.models.get(id.index())
    }

    /// A key.
    pub fn key(&self, id: KeyId) -> Option<&ApiKey> {
        self.data.keys.get(id.index())
    }

    /// Live users with their ids.
    pub fn live_users(&self) -> impl Iterator<Item = (UserId, &User)> {
        live(&self.data.users, |user| user.deleted, UserId::from_index)
    }

    /// Live roles with their ids.
    pub fn live_roles(&self) -> impl Iterator<Item = (RoleId, &Role)> {
        live(&self.data.roles, |role| role.deleted, RoleId::from_index)
    }

    /// Live workspaces with their ids (deleted ones are left out: they hold nothing).
    pub fn workspaces(&self) -> impl Iterator<Item = (WorkspaceId, &Workspace)> {
        live(
            &self.data.workspaces,
            |ws| ws.deleted,
            WorkspaceId::from_index,
        )
    }

    /// Whether a workspace record is live (exists and was not deleted).
    pub fn is_live_workspace(&self, id: WorkspaceId) -> bool {
        self.workspace(id).is_some_and(|ws| !ws.deleted)
    }

    /// Models with their ids.
    pub fn models(&self) -> impl Iterator<Item = (ModelId, &Model)> {
        self.data
            .models
            .iter()
            .enumerate()
            .map(|(at, model)| (ModelId::from_index(at), model))
    }

    /// Keys with their ids, deleted ones included.
    pub fn keys(&self) -> impl Iterator<Item = (KeyId, &ApiKey)> {
        self.data
            .keys
            .iter()
            .enumerate()
            .map(|(at, key)| (KeyId::from_index(at), key))
    }

    /// The live members: every live user and role.
    pub fn live_members(&self) -> impl Iterator<Item = Member> + '_ {
        self.live_users()
            .map(|(id, _)| Member::User(id))
            .chain(self.live_roles().map(|(id, _)| Member::Role(id)))
    }

    /// A live member's attached policies.
    pub fn policies(&self, member: Member) -> PolicySet {
        match member {
            Member::User(id) => self.user(id).map(|u| u.policies),
            Member::Role(id) => self.role(id).map(|r| r.policies),
        }
        .unwrap_or_default()
    }

    /// A member's memberships.
    pub fn memberships(&self, member: Member) -> Option<&BTreeMap<WorkspaceId, Membership>> {
        match member {
            Member::User(id) => self.user(id).map(|u| &u.memberships),
            Member::Role(id) => self.role(id).map(|r| &r.memberships),
        }
    }

    /// A member's membership of a workspace.
    pub fn membership(&self, member: Member, workspace: WorkspaceId) -> Option<Membership> {
        self.memberships(member)
            .and_then(|all| all.get(&workspace))
            .copied()
    }

    /// A member by kind and name (deleted ones keep theirs); `None` for an id this state never
    /// gave out.
    pub fn named(&self, member: Member) -> Option<MemberName> {
        match member {
            Member::User(id) => self.user(id).map(|u| MemberName::User(u.name.clone())),
            Member::Role(id) => self.role(id).map(|r| MemberName::Role(r.name.clone())),
        }
    }

    /// The name of a member (deleted ones keep theirs); `None` for an id this state never gave
    /// out.
    pub fn member_name(&self, member: Member) -> Option<&str> {
        match member {
            Member::User(id) => self.user(id).map(|u| u.name.as_str()),
            Member::Role(id) => self.role(id).map(|r| r.name.as_str()),
        }
    }

    /// The name of a key owner: `root`, the user's or the role's name; `None` for an id this
    /// state never gave out.
    pub fn owner_name(&self, owner: Owner) -> Option<&str> {
        match owner.member() {
            None => Some("root"),
            Some(member) => self.member_name(member),
        }
    }

    /// The name of a workspace; `None` for an id this state never gave out.
    pub fn workspace_name(&self, id: WorkspaceId) -> Option<&str> {
        self.workspace(id).map(|ws| ws.name.as_str())
    }

    /// The name of a model; `None` for an id this state never gave out.
    pub fn model_name(&self, id: ModelId) -> Option<&str> {
        self.model(id).map(|m| m.name.as_str())
    }

    /// The name of a member that this state's own records hold (a membership, a key's owner, a
    /// trust), or that it just resolved.
    #[allow(clippy::indexing_slicing)]
    pub(crate) fn held_member_name(&self, member: Member) -> &str {
        // PANIC SAFETY: every id a state holds indexes its tables: ids are issued by pushing onto
        // tables that never shrink, and a loaded state is refused unless every id in it is in
        // range (`check_integrity`).
        match member {
            Member::User(id) => &self.data.users[id.index()].name,
            Member::Role(id) => &self.data.roles[id.index()].name,
        }
    }

    /// [`State::held_member_name`] for a key's owner.
    pub(crate) fn held_owner_name(&self, owner: Owner) -> &str {
        owner.member().map_or("root", |m| self.held_member_name(m))
    }

    /// The name of a workspace this state holds or just resolved.
    #[allow(clippy::indexing_slicing)]
    pub(crate) fn held_workspace_name(&self, id: WorkspaceId) -> &str {
        // PANIC SAFETY: as in `held_member_name`, held ids are in range.
        &self.data.workspaces[id.index()].name
    }

    /// The name of a model this state holds or just resolved.
    #[allow(clippy::indexing_slicing)]
    pub(crate) fn held_model_name(&self, id: ModelId) -> &str {
        // PANIC SAFETY: as in `held_member_name`, held ids are in range.
        &self.data.models[id.index()].name
    }

    /// What a workspace allows for a model: everything in a default workspace, the stored
    /// authorization (or nothing) in a sub-workspace.
    pub fn model_auth(&self, workspace: WorkspaceId, model: ModelId) -> ModelAuth {
        match self.workspace(workspace) {
            Some(ws) if ws.deleted => ModelAuth::default(),
            Some(ws) if ws.default => ModelAuth::UNRESTRICTED,
            Some(ws) => ws.models.get(&model).copied().unwrap_or_default(),
            None => ModelAuth::default(),
        }
    }

    /// The account quota for a model in a region.
    pub fn quota(&self, region: Region, model: ModelId) -> Option<u64> {
        self.data
            .quotas
            .iter()
            .find(|q| q.region == region && q.model == model)
            .map(|q| q.rpm)
    }

    // Mutations used by commands. They keep the index in step with the data.

    pub(crate) fn add_user(&mut self, name: &str) -> UserId {
        let id = UserId::from_index(self.data.users.len());
        self.data.users.push(User {
            name: name.to_owned(),
            deleted: false,
            policies: PolicySet::EMPTY,
            memberships: BTreeMap::new(),
        });
        self.index.users.insert(name.to_owned(), id);
        id
    }

    pub(crate) fn add_role(&mut self, name: &str) -> RoleId {
        let id = RoleId::from_index(self.data.roles.len());
        self.data.roles.push(Role {
            name: name.to_owned(),
            deleted: false,
            policies: PolicySet::EMPTY,
            memberships: BTreeMap::new(),
            trusted: BTreeSet::new(),
        });
        self.index.roles.insert(name.to_owned(), id);
        id
    }

    pub(crate) fn delete_user(&mut self, id: UserId) {
        if let Some(user) = self.data.users.get_mut(id.index()) {
            user.deleted = true;
            user.policies = PolicySet::EMPTY;
            user.memberships.clear();
            self.index.users.remove(&user.name);
        }
        for role in &mut self.data.roles {
            role.trusted.remove(&id);
        }
    }

    pub(crate) fn delete_role(&mut self, id: RoleId) {
        if let Some(role) = self.data.roles.get_mut(id.index()) {
            role.deleted = true;
            role.policies = PolicySet::EMPTY;
            role.memberships.clear();
            role.trusted.clear();
            self.index.roles.remove(&role.name);
        }
    }

    pub(crate) fn role_mut(&mut self, id: RoleId) -> Option<&mut Role> {
        self.data.roles.get_mut(id.index())
    }

    pub(crate) fn policies_mut(&mut self, member: Member) -> Option<&mut PolicySet> {
        match member {
            Member::User(id) => self.data.users.get_mut(id.index()).map(|u| &mut u.policies),
            Member::Role(id) => self.data.roles.get_mut(id.index()).map(|r| &mut r.policies),
        }
    }

    pub(crate) fn memberships_mut(
        &mut self,
        member: Member,
    ) -> Option<&mut BTreeMap<WorkspaceId, Membership>> {
        match member {
            Member::User(id) => self
                .data
                .users
                .get_mut(id.index())
                .map(|u| &mut u.memberships),
            Member::Role(id) => self
                .data
                .roles
                .get_mut(id.index())
                .map(|r| &mut r.memberships),
        }
    }

    pub(crate) fn add_workspace(&mut self, region: Region, name: &str) -> WorkspaceId {
        let at = self.data.workspaces.len();
        let id = WorkspaceId::from_index(at);
        let held = crate::ordered::set(self.data.workspaces.iter().map(|w| w.id.as_str()));
        let origin = self.data.origin;
        let ws_id = (0..)
            .map(|salt| derive_workspace_id(origin, at, salt))
            .find(|candidate| !held.contains(candidate.as_str()))
            .unwrap_or_default();
        self.index.workspace_ids.insert(ws_id.clone(), id);
        self.data.workspaces.push(Workspace {
            name: name.to_owned(),
            id: ws_id,
            region,
            default: false,
            deleted: false,
            models: BTreeMap::new(),
        });
        self.index.workspaces.insert(name.to_owned(), id);
        id
    }

    /// Deletes a sub-workspace: its memberships and model authorizations go, its keys are
    /// deleted, its name and ID leave the index (the name may be taken again, by a different
    /// workspace; the ID never).
    pub(crate) fn delete_workspace(&mut self, id: WorkspaceId) {
        let Some(ws) = self.data.workspaces.get_mut(id.index()) else {
            return;
        };
        ws.deleted = true;
        ws.models.clear();
        self.index.workspaces.remove(&ws.name);
        self.index.workspace_ids.remove(&ws.id);
        for user in &mut self.data.users {
            user.memberships.remove(&id);
        }
        for role in &mut self.data.roles {
            role.memberships.remove(&id);
        }
        for key in &mut self.data.keys {
            if key.workspace == id {
                key.deleted = true;
            }
        }
    }

    pub(crate) fn rename_workspace(&mut self, id: WorkspaceId, name: &str) {
        if let Some(ws) = self.data.workspaces.get_mut(id.index()) {
            self.index.workspaces.remove(&ws.name);
            ws.name = name.to_owned();
            self.index.workspaces.insert(name.to_owned(), id);
        }
    }

    pub(crate) fn workspace_mut(&mut self, id: WorkspaceId) -> Option<&mut Workspace> {
        self.data.workspaces.get_mut(id.index())
    }

    pub(crate) fn add_model(&mut self, model: Model) -> ModelId {
        let id = ModelId::from_index(self.data.models.len());
        self.index.models.insert(model.name.clone(), id);
        self.data.models.push(model);
        id
    }

    pub(crate) fn set_quota(&mut self, region: Region, model: ModelId, rpm: u64) {
        match self
            .data
            .quotas
            .iter_mut()
            .find(|q| q.region == region && q.model == model)
        {
            Some(quota) => quota.rpm = rpm,
            None => self.data.quotas.push(Quota { region, model, rpm }),
        }
    }

    pub(crate) fn add_key(&mut self, key: ApiKey) -> KeyId {
        let id = KeyId::from_index(self.data.keys.len());
        self.index.keys.insert(key.label.clone(), id);
        self.data.keys.push(key);
        id
    }

    pub(crate) fn key_mut(&mut self, id: KeyId) -> Option<&mut ApiKey> {
        self.data.keys.get_mut(id.index())
    }
}

impl NameIndex {
    fn build(data: &StateData) -> NameIndex {
        fn live<'a, I: 'a>(
            items: impl Iterator<Item = (usize, &'a String, bool)>,
            make: fn(usize) -> I,
        ) -> HashMap<String, I> {
            items
                .filter(|(_, _, deleted)| !deleted)
                .map(|(at, name, _)| (name.clone(), make(at)))
                .collect()
        }
        NameIndex {
            users: live(
                data.users
                    .iter()
                    .enumerate()
                    .map(|(at, u)| (at, &u.name, u.deleted)),
                UserId::from_index,
            ),
            roles: live(
                data.roles
                    .iter()
                    .enumerate()
                    .map(|(at, r)| (at, &r.name, r.deleted)),
                RoleId::from_index,
            ),
            workspaces: live(
                data.workspaces
                    .iter()
                    .enumerate()
                    .map(|(at, w)| (at, &w.name, w.deleted)),
                WorkspaceId::from_index,
            ),
            workspace_ids: live(
                data.workspaces
                    .iter()
                    .enumerate()
                    .map(|(at, w)| (at, &w.id, w.deleted)),
                WorkspaceId::from_index,
            ),
            models: live(
                data.models
                    .iter()
                    .enumerate()
                    .map(|(at, m)| (at, &m.name, false)),
                ModelId::from_index,
            ),
            keys: live(
                data.keys
                    .iter()
                    .enumerate()
                    .map(|(at, k)| (at, &k.label, false)),
                KeyId::from_index,
            ),
        }
    }
}

/// Gives every workspace stored without an ID (data from before IDs) the one it would have had.
fn assign_workspace_ids(data: &mut StateData) {
    let origin = data.origin;
    let mut held: BTreeSet<String> = crate::ordered::set(
        data.workspaces
            .iter()
            .filter(|w| !w.id.is_empty())
            .map(|w| w.id.clone()),
    );
    for (at, ws) in data.workspaces.iter_mut().enumerate() {
        if ws.id.is_empty() {
            let id = (0..)
                .map(|salt| derive_workspace_id(origin, at, salt))
                .find(|candidate| !held.contains(candidate))
                .unwrap_or_default();
            held.insert(id.clone());
            ws.id = id;
        }
    }
}

/// How much a stored state may hold: more is refused on load, with the limit it passed, so that
/// opening a shared link or a file stays quick (the audit and the access diff grow with these).
/// A generated organisation of 100,000 principals, 300 workspaces and 100,000 keys fits.
pub const LIMITS: Limits = Limits {
    principals: 200_000,
    workspaces: 10_000,
    models: 10_000,
    keys: 200_000,
    memberships: 1_000_000,
    trusts: 1_000_000,
    whitelist_entries: 1_000_000,
};

/// The most a stored state may hold of each kind of record (see [`LIMITS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Users and roles, deleted ones included.
    pub principals: usize,
    /// Workspaces, deleted ones included.
    pub workspaces: usize,
    /// Catalog models.
    pub models: usize,
    /// API keys, deleted ones included.
    pub keys: usize,
    /// Memberships of users and roles, all together.
    pub memberships: usize,
    /// Users trusted by roles, all together.
    pub trusts: usize,
    /// IP whitelist entries of every key, all together.
    pub whitelist_entries: usize,
}

fn at_most(count: usize, most: usize, what: &str) -> Result<(), IntegrityError> {
    if count > most {
        return Err(IntegrityError(format!(
            "it holds {count} {what}, more than the {most} a state may hold"
        )));
    }
    Ok(())
}

/// Checks that stored data is a state that commands could have produced: every id in range,
/// live names unique, and every invariant of the rules kept; the first record that breaks one
/// is named.
fn check_integrity(data: &StateData) -> Result<(), IntegrityError> {
    let fail = |what: String| Err(IntegrityError(what));
    if data.folded > crate::command::MAX_SEQ {
        return fail(format!(
            "the history counts {} changes, past the largest sequence number kept ({})",
            data.folded,
            crate::command::MAX_SEQ
        ));
    }
    check_sizes(data)?;
    check_workspaces(data)?;
    check_principals(data)?;
    check_keys(data)?;
    let mut quotas = BTreeSet::new();
    for quota in &data.quotas {
        let model = data.models.get(quota.model.index());
        let Some(model) = model else {
            return fail("a quota refers to an unknown model".to_owned());
        };
        if quota.rpm == 0 {
            return fail(format!(
                "the quota of `{}` in {} is 0 (a quota is at least 1)",
                model.name, quota.region
            ));
        }
        if !quotas.insert((quota.region, quota.model)) {
            return fail(format!(
                "the quota of `{}` in {} appears twice",
                model.name, quota.region
            ));
        }
    }
    if !data.features.contains(crate::vocab::Feature::ModelStudio) {
        return fail(
            "`model-studio` is not activated (it is active in every account and cannot be turned off)"
                .to_owned(),
        );
    }
    Ok(())
}

fn check_sizes(data: &StateData) -> Result<(), IntegrityError> {
    let memberships = |all: &BTreeMap<WorkspaceId, Membership>| all.len();
    at_most(
        data.users.len().saturating_add(data.roles.len()),
        LIMITS.principals,
        "users and roles",
    )?;
    at_most(data.workspaces.len(), LIMITS.workspaces, "workspaces")?;
    at_most(data.models.len(), LIMITS.models, "models")?;
    at_most(data.keys.len(), LIMITS.keys, "keys")?;
    at_most(
        data.users
            .iter()
            .map(|u| memberships(&u.memberships))
            .chain(data.roles.iter().map(|r| memberships(&r.memberships)))
            .fold(0, usize::saturating_add),
        LIMITS.memberships,
        "memberships",
    )?;
    at_most(
        data.roles
            .iter()
            .map(|r| r.trusted.len())
            .fold(0, usize::saturating_add),
        LIMITS.trusts,
        "role trusts",
    )?;
    at_most(
        data.keys
            .iter()
            .map(|k| k.whitelist.len())
            .fold(0, usize::saturating_add),
        LIMITS.whitelist_entries,
        "IP whitelist entries",
    )
}

fn check_workspaces(data: &StateData) -> Result<(), IntegrityError> {
    let fail = |what: String| Err(IntegrityError(what));
    for (at, region) in Region::ALL.iter().enumerate() {
        match data.workspaces.get(at) {
            Some(ws)
                if ws.default
                    && !ws.deleted
                    && ws.region == *region
                    && ws.name == region.default_workspace_name() => {}
            _ => {
                return fail(format!(
                    "workspace {at} must be the default workspace of `{region}`"
                ));
            }
        }
    }
    for ws in data.workspaces.iter().skip(Region::ALL.len()) {
        if ws.default || !is_storable_name(&ws.name, false) {
            return fail(format!("`{}` is not a valid sub-workspace", ws.name));
        }
        if ws.deleted && !ws.models.is_empty() {
            return fail(format!(
                "deleted workspace `{}` holds model authorizations",
                ws.name
            ));
        }
        for (model, auth) in &ws.models {
            let Some(model) = data.models.get(model.index()).map(|m| m.name.as_str()) else {
                return fail(format!(
                    "workspace `{}` authorizes an unknown model",
                    ws.name
                ));
            };
            if *auth == ModelAuth::default() {
                return fail(format!(
                    "workspace `{}` holds an authorization of `{model}` that authorizes and limits nothing",
                    ws.name
                ));
            }
            if auth.rpm == Some(0) || auth.tpm == Some(0) {
                return fail(format!(
                    "workspace `{}` limits `{model}` to 0 (a limit is at least 1)",
                    ws.name
                ));
            }
        }
    }
    if data
        .workspaces
        .iter()
        .take(Region::ALL.len())
        .any(|ws| !ws.models.is_empty())
    {
        return fail("a default workspace cannot hold model authorizations".to_owned());
    }
    for ws in &data.workspaces {
        if !is_workspace_id(&ws.id) {
            return fail(format!("workspace `{}` has no valid ID", ws.name));
        }
    }
    unique(
        data.workspaces.iter().map(|w| w.id.as_str()),
        "workspace ID",
    )?;
    unique(
        data.workspaces
            .iter()
            .filter(|w| !w.deleted)
            .map(|w| w.name.as_str()),
        "workspace",
    )?;
    unique(data.models.iter().map(|m| m.name.as_str()), "model")
}

fn check_principals(data: &StateData) -> Result<(), IntegrityError> {
    let fail = |what: String| Err(IntegrityError(what));
    let memberships_ok = |all: &BTreeMap<WorkspaceId, Membership>| {
        all.keys()
            .all(|w| data.workspaces.get(w.index()).is_some_and(|ws| !ws.deleted))
            && all
                .values()
                .all(|m| !m.pages.contains(crate::vocab::Page::Permissions))
    };
    for user in &data.users {
        if !is_storable_name(&user.name, true) || !memberships_ok(&user.memberships) {
            return fail(format!("user `{}` is not valid", user.name));
        }
        if user.deleted && (!user.memberships.is_empty() || !user.policies.is_empty()) {
            return fail(format!(
                "user `{}` is deleted but keeps memberships or policies (deleting a user drops them)",
                user.name
            ));
        }
    }
    let live_user = |id: &UserId| data.users.get(id.index()).is_some_and(|u| !u.deleted);
    for role in &data.roles {
        if !is_storable_name(&role.name, true) || !memberships_ok(&role.memberships) {
            return fail(format!("role `{}` is not valid", role.name));
        }
        if role.deleted
            && (!role.memberships.is_empty()
                || !role.policies.is_empty()
                || !role.trusted.is_empty())
        {
            return fail(format!(
                "role `{}` is deleted but keeps memberships, policies or trusts (deleting a role drops them)",
                role.name
            ));
        }
        if let Some(user) = role.trusted.iter().find(|u| !live_user(u)) {
            return fail(match data.users.get(user.index()) {
                Some(user) => format!(
                    "role `{}` trusts `{}`, which is not a live user (deleting a user withdraws its trusts)",
                    role.name, user.name
                ),
                None => format!("role `{}` trusts an unknown user", role.name),
            });
        }
    }
    unique(
        data.users
            .iter()
            .filter(|u| !u.deleted)
            .map(|u| u.name.as_str()),
        "user",
    )?;
    unique(
        data.roles
            .iter()
            .filter(|r| !r.deleted)
            .map(|r| r.name.as_str()),
        "role",
    )
}

fn check_keys(data: &StateData) -> Result<(), IntegrityError> {
    let fail = |what: String| Err(IntegrityError(what));
    let owner_ok = |owner: Owner| match owner {
        Owner::Root => true,
        Owner::User(id) => id.index() < data.users.len(),
        Owner::Role(id) => id.index() < data.roles.len(),
    };
    let hex =
        |text: &str, len: usize| text.len() == len && text.bytes().all(|b| b.is_ascii_hexdigit());
    for key in &data.keys {
        let label = &key.label;
        if label.is_empty() {
            return fail("a key has an empty label".to_owned());
        }
        let Some(ws) = data.workspaces.get(key.workspace.index()) else {
            return fail(format!("key `{label}` refers to unknown records"));
        };
        if !owner_ok(key.owner) || !owner_ok(key.created_for) {
            return fail(format!("key `{label}` refers to unknown records"));
        }
        if ws.deleted && !key.deleted {
            return fail(format!(
                "key `{label}` of a deleted workspace is not deleted"
            ));
        }
        if !hex(&key.secret_sha256, 64) {
            return fail(format!("key `{label}` has no SHA-256 of its secret"));
        }
        let masked = key
            .masked
            .strip_prefix("sk-")
            .and_then(|rest| rest.split_once('…'))
            .is_some_and(|(head, tail)| hex(head, 2) && hex(tail, 4));
        if !masked {
            return fail(format!("key `{label}` has no masked secret"));
        }
        // The account owns a key for someone else only by the Beijing rule.
        let beijing = ws.region == Region::CnBeijing && key.created >= Date::BEIJING_ROOT_OWNERSHIP;
        if key.owner != key.created_for && !(key.owner == Owner::Root && beijing) {
            return fail(format!(
                "key `{label}` belongs to another than it was created for, which only China (Beijing) keys created on or after 2026-03-25 do"
            ));
        }
        if !key.whitelist.is_empty() && !ws.region.has_ip_whitelists() {
            return fail(format!(
                "key `{label}` has an IP whitelist outside China (Beijing)"
            ));
        }
    }
    unique(data.keys.iter().map(|k| k.label.as_str()), "key")
}

fn unique<'a>(names: impl Iterator<Item = &'a str>, what: &str) -> Result<(), IntegrityError> {
    let mut seen = BTreeSet::new();
    for name in names {
        if !seen.insert(name) {
            return Err(IntegrityError(format!("{what} `{name}` appears twice")));
        }
    }
    Ok(())
}
