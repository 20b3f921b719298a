//! The closed sets of SPEC.md: regions, policies, pages, model kinds, features, accesses, billing
//! actions, and the outcome codes. Each name's `as_str` is its SPEC spelling.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! closed_set {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text $(, alias = $alias)*)] $variant),+
        }

        impl $name {
            /// Every member of the set, in SPEC order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The SPEC spelling.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Reads the SPEC spelling (or a former name the SPEC accepts); anything else is
            /// `None`.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text $(| $alias)* => Some($name::$variant),)+ _ => None }
            }

            /// Position in [`Self::ALL`], for bitsets and tables.
            pub const fn index(self) -> usize {
                self as usize
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

closed_set! {
    /// A Model Studio region.
    Region {
        /// China (Beijing).
        CnBeijing = "cn-beijing",
        /// Singapore.
        ApSoutheast1 = "ap-southeast-1",
        /// US (Virginia).
        UsEast1 = "us-east-1",
    }
}

closed_set! {
    /// A RAM system policy.
    Policy {
        /// Everything; includes every other policy.
        AdministratorAccess = "AdministratorAccess",
        /// RAM administration.
        AliyunRamFullAccess = "AliyunRAMFullAccess",
        /// Model Studio super administration (management permission). `AliyunSFMFullAccess`,
        /// its former name, reads as the same policy.
        AliyunBailianFullAccess = "AliyunBailianFullAccess" | "AliyunSFMFullAccess",
        /// Every application-data OpenAPI; includes the read-only one.
        AliyunBailianDataFullAccess = "AliyunBailianDataFullAccess",
        /// The read actions of the application-data OpenAPI.
        AliyunBailianDataReadOnlyAccess = "AliyunBailianDataReadOnlyAccess",
        /// View bills.
        AliyunBssReadOnlyAccess = "AliyunBSSReadOnlyAccess",
        /// Purchase and pay orders.
        AliyunBssOrderAccess = "AliyunBSSOrderAccess",
    }
}

closed_set! {
    /// A console page of a workspace (SPEC section 3).
    Page {
        /// Model experience.
        ModelExperience = "ModelExperience-FullAccess",
        /// Batch inference.
        BatchInference = "BatchInference-FullAccess",
        /// Model observation.
        ModelObservation = "ModelObservation-FullAccess",
        /// Playground.
        Playground = "Playground-FullAccess",
        /// Model fine-tuning.
        ModelFineTuning = "ModelFine-tuning-FullAccess",
        /// My models.
        MyModels = "MyModels-FullAccess",
        /// Model deployment.
        ModelDeployment = "ModelDeployment-FullAccess",
        /// Model evaluation.
        ModelEvaluation = "ModelEvaluation-FullAccess",
        /// Data management.
        DataManagement = "DataManagement-FullAccess",
        /// Applications.
        Application = "Application-FullAccess",
        /// Key management (restricted).
        ApiKey = "APIKey-FullAccess",
        /// Permission management (restricted; not grantable).
        Permissions = "Permissions",
    }
}

closed_set! {
    /// The kind of a catalog model.
    ModelKind {
        /// Text generation.
        Text = "text",
        /// Image generation.
        Image = "image",
        /// Speech synthesis.
        Speech = "speech",
        /// Embeddings.
        Embedding = "embedding",
    }
}

closed_set! {
    /// A feature that is activated once for the account.
    Feature {
        /// Model calling; active in a new account.
        ModelStudio = "model-studio",
        /// AI Guardrails.
        AiGuardrails = "ai-guardrails",
        /// Model monitoring.
        ModelMonitoring = "model-monitoring",
        /// Application observability.
        AppObservability = "app-observability",
    }
}

closed_set! {
    /// How a page is opened.
    Access {
        /// Look only.
        View = "view",
        /// Use the page's functions.
        Operate = "operate",
    }
}

closed_set! {
    /// A billing action.
    BillingAction {
        /// View bills.
        ViewBills = "view-bills",
        /// Purchase.
        Purchase = "purchase",
        /// Pay an order.
        PayOrder = "pay-order",
    }
}

closed_set! {
    /// Every code an outcome can carry, denial and error alike (SPEC sections 2-7).
    Code {
        /// The acting user or role does not exist.
        UnknownPrincipal = "unknown-principal",
        /// The user is not trusted by the role it acts through.
        CannotAssumeRole = "cannot-assume-role",
        /// Not a member of the workspace.
        NotMember = "not-member",
        /// A restricted page without what it needs.
        PageRestricted = "page-restricted",
        /// The page is viewable but not operable.
        NoOperationPermission = "no-operation-permission",
        /// Needs a RAM administrator.
        NotRamAdmin = "not-ram-admin",
        /// Needs the Alibaba Cloud account.
        RootOnly = "root-only",
        /// Needs a super administrator.
        NotSuperAdmin = "not-super-admin",
        /// Needs a super administrator or an administrator of the workspace.
        NotWorkspaceAdmin = "not-workspace-admin",
        /// Needs the key management permission.
        NoKeyPermission = "no-key-permission",
        /// No such API key.
        UnknownKey = "unknown-key",
        /// The key was deleted.
        KeyDeleted = "key-deleted",
        /// The key's owner was deleted.
        KeyOwnerDeleted = "key-owner-deleted",
        /// The key's owner is no longer a member of its workspace.
        KeySuspended = "key-suspended",
        /// The caller's address is outside the key's whitelist.
        IpNotAllowed = "ip-not-allowed",
        /// No such model in the catalog.
        UnknownModel = "unknown-model",
        /// The workspace does not authorize calling the model.
        ModelNotAuthorized = "model-not-authorized",
        /// The model cannot be fine-tuned.
        NotFineTunable = "not-fine-tunable",
        /// The workspace does not authorize fine-tuning the model.
        FineTuneNotAuthorized = "fine-tune-not-authorized",
        /// The model cannot be deployed.
        NotDeployable = "not-deployable",
        /// The workspace does not authorize deploying the model.
        DeployNotAuthorized = "deploy-not-authorized",
        /// No application-data OpenAPI policy.
        NoOpenapiPermission = "no-openapi-permission",
        /// A write action with only the read-only policy.
        OpenapiReadOnly = "openapi-read-only",
        /// No billing policy for the action.
        NoBillingPermission = "no-billing-permission",
        /// The feature is not activated.
        NotActivated = "not-activated",
        /// Throttled by a request or token limit.
        RateLimited = "rate-limited",
        /// A referenced thing does not exist.
        NotFound = "not-found",
        /// A value outside its rules or closed set.
        InvalidValue = "invalid-value",
        /// The name or label is taken, or the member already exists.
        Duplicate = "duplicate",
        /// The default workspace cannot be changed that way.
        DefaultWorkspaceUnrestricted = "default-workspace-unrestricted",
        /// A key's user owner must be a direct member of the workspace.
        OwnerNotMember = "owner-not-member",
        /// IP whitelists exist only in China (Beijing).
        IpWhitelistBeijingOnly = "ip-whitelist-beijing-only",
        /// Not an address with an optional prefix.
        InvalidCidr = "invalid-cidr",
    }
}

closed_set! {
    /// The code of an audit finding (SPEC section 7).
    FindingCode {
        /// A key owned by the account outside China (Beijing).
        RootDailyUse = "root-daily-use",
        /// A user that reaches no workspace.
        UserWithoutWorkspace = "user-without-workspace",
        /// A suspended key.
        SuspendedKey = "suspended-key",
        /// A key whose owner was deleted.
        DeadKey = "dead-key",
        /// `AdministratorAccess` attached.
        ExcessAdmin = "excess-admin",
        /// `AliyunBSSOrderAccess` in effect.
        BillingPurchaseGrant = "billing-purchase-grant",
        /// Sub-workspace limits add up past the account quota.
        QuotaOverAllocated = "quota-over-allocated",
        /// Less than 10% of the quota left as a buffer.
        QuotaNoBuffer = "quota-no-buffer",
        /// A sub-workspace with members and no callable model.
        SubWorkspaceNoModels = "sub-workspace-no-models",
        /// An active Beijing key with no whitelist.
        NoIpWhitelist = "no-ip-whitelist",
        /// A role no user may assume.
        RoleWithoutTrust = "role-without-trust",
    }
}

/// A bitset's members as one number, bit `i` for `ALL[i]`: how the persistence format stores sets.
pub(crate) trait Bitmask: Copy {
    /// The bitmask.
    fn bits(self) -> u64;
}

/// Serializes a bitset as its bitmask (`#[serde(serialize_with)]` in the stored state).
pub(crate) fn serialize_bits<S: serde::Serializer, T: Bitmask>(
    set: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_u64(set.bits())
}

/// Whether a bitset is empty (`#[serde(skip_serializing_if)]` in the stored state).
pub(crate) fn no_bits<T: Bitmask>(set: &T) -> bool {
    set.bits() == 0
}

macro_rules! bitset {
    ($(#[$meta:meta])* $name:ident of $item:ident as $bits:ty) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name($bits);

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.iter())
            }
        }

        /// Reads either form: a list of names, or the bitmask the persistence format stores
        /// (bit `i` is `ALL[i]`); bits beyond the set are an error.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Either;

                impl<'de> serde::de::Visitor<'de> for Either {
                    type Value = $name;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("a list of names or the bitmask of a ", stringify!($name)))
                    }

                    fn visit_u64<E: serde::de::Error>(self, bits: u64) -> Result<$name, E> {
                        $name::from_bits(bits).ok_or_else(|| {
                            E::custom(format_args!("`{bits}` has bits beyond the {} known members", $item::ALL.len()))
                        })
                    }

                    fn visit_i64<E: serde::de::Error>(self, bits: i64) -> Result<$name, E> {
                        u64::try_from(bits)
                            .map_err(|_| E::custom(format_args!("`{bits}` is not a bitmask")))
                            .and_then(|bits| self.visit_u64(bits))
                    }

                    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<$name, A::Error> {
                        let mut set = $name::EMPTY;
                        while let Some(item) = seq.next_element::<$item>()? {
                            set = set.with(item);
                        }
                        Ok(set)
                    }
                }

                deserializer.deserialize_any(Either)
            }
        }

        impl Bitmask for $name {
            fn bits(self) -> u64 {
                u64::from(self.0)
            }
        }

        impl $name {
            /// The empty set.
            pub const EMPTY: $name = $name(0);

            /// Whether `item` is in the set.
            pub const fn contains(self, item: $item) -> bool {
                self.0 & (1 << item.index()) != 0
            }

            /// The set with `item` added.
            #[must_use]
            pub const fn with(self, item: $item) -> Self {
                $name(self.0 | (1 << item.index()))
            }

            /// The items of either set.
            #[must_use]
            pub const fn union(self, other: Self) -> Self {
                $name(self.0 | other.0)
            }

            /// The set with `item` removed.
            #[must_use]
            pub const fn without(self, item: $item) -> Self {
                $name(self.0 & !(1 << item.index()))
            }

            /// Whether the set is empty.
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }

            /// The set of the bitmask `bits` (bit `i` is `ALL[i]`), if it names only members.
            pub fn from_bits(bits: u64) -> Option<Self> {
                let known = (1u64 << $item::ALL.len()) - 1;
                if bits & !known != 0 {
                    return None;
                }
                <$bits>::try_from(bits).ok().map($name)
            }

            /// The members, in SPEC order.
            pub fn iter(self) -> impl Iterator<Item = $item> {
                $item::ALL.iter().copied().filter(move |item| self.contains(*item))
            }
        }

        impl From<Vec<$item>> for $name {
            fn from(items: Vec<$item>) -> Self {
                items.into_iter().fold($name::EMPTY, $name::with)
            }
        }

        impl From<$name> for Vec<$item> {
            fn from(set: $name) -> Self {
                set.iter().collect()
            }
        }

        impl FromIterator<$item> for $name {
            fn from_iter<I: IntoIterator<Item = $item>>(items: I) -> Self {
                items.into_iter().fold($name::EMPTY, $name::with)
            }
        }
    };
}

bitset! {
    /// A set of system policies.
    PolicySet of Policy as u8
}

bitset! {
    /// A set of page permissions.
    PageSet of Page as u16
}

bitset! {
    /// A set of activated features.
    FeatureSet of Feature as u8
}

impl PolicySet {
    /// The set with the inclusions of SPEC section 1 applied: `AdministratorAccess` includes every
    /// policy, `AliyunBailianDataFullAccess` includes `AliyunBailianDataReadOnlyAccess`.
    #[must_use]
    pub fn expanded(self) -> Self {
        if self.contains(Policy::AdministratorAccess) {
            return Policy::ALL.iter().copied().collect();
        }
        if self.contains(Policy::AliyunBailianDataFullAccess) {
            return self.with(Policy::AliyunBailianDataReadOnlyAccess);
        }
        self
    }
}

/// Who may attach or detach a system policy (SPEC section 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PolicyAuthority {
    /// Only the Alibaba Cloud account (`root-only`).
    Root,
    /// A RAM administrator (`not-ram-admin`).
    RamAdministrator,
}

impl Policy {
    /// Who may attach or detach this policy: the data policies and `AdministratorAccess` only
    /// `root`, the others a RAM administrator.
    pub const fn authority(self) -> PolicyAuthority {
        match self {
            Policy::AliyunBailianDataFullAccess
            | Policy::AliyunBailianDataReadOnlyAccess
            | Policy::AdministratorAccess => PolicyAuthority::Root,
            _ => PolicyAuthority::RamAdministrator,
        }
    }
}

impl PolicySet {
    /// The attached policy that brings `policy` into the effective set when it is not attached
    /// itself (the inclusions of SPEC section 1), if any.
    pub fn included_by(self, policy: Policy) -> Option<Policy> {
        if self.contains(policy) {
            return None;
        }
        [
            Policy::AdministratorAccess,
            Policy::AliyunBailianDataFullAccess,
        ]
        .into_iter()
        .find(|by| self.contains(*by) && PolicySet::EMPTY.with(*by).expanded().contains(policy))
    }
}

/// Page permissions the seeds grant together, offered as one choice where pages are granted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PagePreset {
    /// Its name, as the console offers it.
    pub name: &'static str,
    /// Its page permissions.
    pub pages: PageSet,
}

/// The seeds' sets of page permissions: calling models from the console ("Set model calling
/// permissions"), fine-tuning from the console ("Set console fine-tuning permissions": seven
/// pages), and the pages related to models and applications that the team-collaboration seed
/// grants a project member **(decided: every grantable page but Key management)**.
pub const PAGE_PRESETS: [PagePreset; 3] = [
    PagePreset {
        name: "Call models in the console",
        pages: CALLING_PAGES,
    },
    PagePreset {
        name: "Fine-tune in the console",
        pages: FINE_TUNING_PAGES,
    },
    PagePreset {
        name: "Models and applications",
        pages: CALLING_PAGES
            .union(FINE_TUNING_PAGES)
            .with(Page::Application),
    },
];

/// "Set model calling permissions".
const CALLING_PAGES: PageSet = PageSet::EMPTY
    .with(Page::ModelExperience)
    .with(Page::BatchInference)
    .with(Page::ModelObservation);

/// "Set console fine-tuning permissions".
const FINE_TUNING_PAGES: PageSet = PageSet::EMPTY
    .with(Page::Playground)
    .with(Page::ModelFineTuning)
    .with(Page::MyModels)
    .with(Page::ModelDeployment)
    .with(Page::ModelEvaluation)
    .with(Page::DataManagement)
    .with(Page::ModelObservation);

impl Page {
    /// Whether the page can be granted as a page permission (all but `Permissions`).
    pub const fn is_grantable(self) -> bool {
        !matches!(self, Page::Permissions)
    }

    /// Whether the page is restricted (SPEC section 3, step 3).
    pub const fn is_restricted(self) -> bool {
        matches!(self, Page::ApiKey | Page::Permissions)
    }
}

impl Region {
    /// Whether its keys may have IP whitelists: only China (Beijing)'s (SPEC section 5).
    pub fn has_ip_whitelists(self) -> bool {
        self == Region::CnBeijing
    }

    /// The region's default workspace reference, `default@<region>`.
    pub fn default_workspace_name(self) -> String {
        format!("default@{}", self.as_str())
    }
}

/// The OpenAPI read actions of SPEC section 6; every other action is a write action.
pub const OPENAPI_READ_ACTIONS: &[&str] = &[
    "DescribeFile",
    "GetIndexJobStatus",
    "ListIndices",
    "ListFile",
    "ListChunks",
    "GetPromptTemplate",
    "ListPromptTemplates",
    "GetMemory",
    "ListMemories",
];

/// Whether an OpenAPI action only reads (fail closed: unknown actions write).
pub fn is_openapi_read_action(action: &str) -> bool {
    OPENAPI_READ_ACTIONS.contains(&action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for page in Page::ALL {
            assert_eq!(Page::parse(page.as_str()), Some(*page));
        }
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(*code));
        }
        assert_eq!(Region::parse("eu-central-1"), None);
    }

    #[test]
    fn administrator_access_includes_everything() {
        let set = PolicySet::EMPTY
            .with(Policy::AdministratorAccess)
            .expanded();
        for policy in Policy::ALL {
            assert!(set.contains(*policy));
        }
        let data = PolicySet::EMPTY
            .with(Policy::AliyunBailianDataFullAccess)
            .expanded();
        assert!(data.contains(Policy::AliyunBailianDataReadOnlyAccess));
        assert!(!data.contains(Policy::AliyunBailianFullAccess));
    }

    #[test]
    fn inclusion_and_authority() {
        let admin = PolicySet::EMPTY.with(Policy::AdministratorAccess);
        assert_eq!(
            admin.included_by(Policy::AliyunBssOrderAccess),
            Some(Policy::AdministratorAccess)
        );
        assert_eq!(admin.included_by(Policy::AdministratorAccess), None);
        let data = PolicySet::EMPTY.with(Policy::AliyunBailianDataFullAccess);
        assert_eq!(
            data.included_by(Policy::AliyunBailianDataReadOnlyAccess),
            Some(Policy::AliyunBailianDataFullAccess)
        );
        assert_eq!(data.included_by(Policy::AliyunRamFullAccess), None);
        assert_eq!(
            Policy::AdministratorAccess.authority(),
            PolicyAuthority::Root
        );
        assert_eq!(
            Policy::AliyunBssOrderAccess.authority(),
            PolicyAuthority::RamAdministrator
        );
    }

    #[test]
    fn bitsets_serialize_as_name_lists() {
        let set = PageSet::EMPTY.with(Page::Playground).with(Page::ApiKey);
        let json = serde_json::to_string(&set).unwrap();
        assert_eq!(json, r#"["Playground-FullAccess","APIKey-FullAccess"]"#);
        let back: PageSet = serde_json::from_str(&json).unwrap();
        assert_eq!(back, set);
    }

    #[test]
    fn bitsets_read_their_bitmask_and_refuse_unknown_bits() {
        let set = PolicySet::EMPTY
            .with(Policy::AdministratorAccess)
            .with(Policy::AliyunBssOrderAccess);
        assert_eq!(set.bits(), 0b100_0001);
        let back: PolicySet = serde_json::from_str(&set.bits().to_string()).unwrap();
        assert_eq!(back, set);
        let all = (1u64 << Page::ALL.len()) - 1;
        assert_eq!(
            PageSet::from_bits(all).map(|s| s.iter().count()),
            Some(Page::ALL.len())
        );
        assert!(serde_json::from_str::<PageSet>(&(all + 1).to_string()).is_err());
        assert!(serde_json::from_str::<FeatureSet>("-1").is_err());
        assert!(serde_json::from_str::<FeatureSet>("\"x\"").is_err());
    }

    #[test]
    fn the_seeds_presets_hold_their_pages() {
        let [calling, fine_tuning, models_and_apps] = PAGE_PRESETS;
        assert_eq!(calling.pages.iter().count(), 3);
        assert_eq!(
            fine_tuning.pages.iter().count(),
            7,
            "the seed lists seven pages"
        );
        assert!(!models_and_apps.pages.contains(Page::ApiKey));
        // Every grantable page but Key management.
        assert_eq!(
            models_and_apps.pages.iter().collect::<Vec<_>>(),
            Page::ALL
                .iter()
                .copied()
                .filter(|p| p.is_grantable() && *p != Page::ApiKey)
                .collect::<Vec<Page>>()
        );
        assert!(
            PAGE_PRESETS
                .iter()
                .all(|p| p.pages.iter().all(Page::is_grantable))
        );
    }
}
