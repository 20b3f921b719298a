//! The errors of the seed's FAQ, recognised: a person pastes what a colleague saw, and the
//! console asks the check it comes from, as a chosen identity, with its trace and fix.

use studio_access_core::{
    Access, BillingAction, Check, Code, Outcome, Page, Policy, PolicyAuthority, Who,
};

/// An error message recognised as one of the seed's FAQ errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recognized {
    /// `bss:PayOrder`: paying for a Model Studio subscription order.
    PayOrder,
    /// `NoPermission, sfm:<Action>`: an application-data OpenAPI action.
    OpenapiAction(String),
    /// An `AliyunSFMFullAccess/AliyunBailianFullAccess` permission error: management
    /// permission, as the System Administration page needs.
    ManagementPermission,
    /// "You do not have access permissions to this workspace": not a member of it.
    WorkspaceAccess,
}

/// The errors recognised, each as a person would paste it, for the hint shown beside the field
/// and when a text is not recognised.
pub const KNOWN: &[&str] = &[
    "bss:PayOrder",
    "NoPermission, sfm:GetRetrievePromptPipelineMaxLimit",
    "AliyunSFMFullAccess/AliyunBailianFullAccess permission error",
    "You do not have access permissions to this workspace.",
];

/// Which FAQ error `text` is, if any. Matching ignores case and what surrounds the error (a
/// request ID, a whole JSON response).
pub fn recognize(text: &str) -> Option<Recognized> {
    let lower = text.to_lowercase();
    if lower.contains("bss:payorder") {
        return Some(Recognized::PayOrder);
    }
    if let Some(at) = lower.find("sfm:") {
        let action: String = text
            .get(at + "sfm:".len()..)
            .unwrap_or_default()
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if !action.is_empty() {
            return Some(Recognized::OpenapiAction(action));
        }
    }
    if lower.contains("aliyunsfmfullaccess") || lower.contains("aliyunbailianfullaccess") {
        return Some(Recognized::ManagementPermission);
    }
    let squeezed: String = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    if squeezed.contains("do not have access permissions to this workspace")
        || squeezed.contains("do not have access permission to this workspace")
    {
        return Some(Recognized::WorkspaceAccess);
    }
    None
}

impl Recognized {
    /// Whether the check needs a workspace: the one the person was in.
    pub fn needs_workspace(&self) -> bool {
        matches!(self, Recognized::WorkspaceAccess)
    }

    /// The check the error comes from, asked as `who`; `workspace` is the one the person was
    /// in (an OpenAPI action names the workspace that holds the application, when given).
    pub fn check(&self, who: Who, workspace: Option<String>) -> Check {
        match self {
            Recognized::PayOrder => Check::Billing {
                who,
                action: BillingAction::PayOrder,
            },
            Recognized::OpenapiAction(action) => Check::CallOpenapi {
                who,
                action: action.clone(),
                workspace,
            },
            Recognized::ManagementPermission => Check::OpenSystemAdministration { who },
            Recognized::WorkspaceAccess => Check::OpenPage {
                who,
                workspace: workspace.unwrap_or_default(),
                page: Page::ModelExperience,
                access: Access::View,
            },
        }
    }

    /// Whether `outcome`, the check's answer in the data shown, is the refusal this error
    /// reports. Its meaning is said only then: once the data change (a remedy applied, another
    /// state loaded), the answer may be another one, and the meaning would no longer be true.
    pub fn explains(&self, outcome: Outcome) -> bool {
        let Outcome::Deny(code) = outcome else {
            return false;
        };
        match self {
            Recognized::PayOrder => matches!(code, Code::NoBillingPermission | Code::NotSuperAdmin),
            Recognized::OpenapiAction(_) => {
                matches!(code, Code::NoOpenapiPermission | Code::OpenapiReadOnly)
            }
            Recognized::ManagementPermission => code == Code::NotSuperAdmin,
            Recognized::WorkspaceAccess => code == Code::NotMember,
        }
    }

    /// What is said instead of the meaning when the check's answer, `outcome`, is not the
    /// refusal this error reports.
    pub fn not_explained(&self, outcome: Outcome) -> String {
        match outcome {
            Outcome::Allow | Outcome::Ok => "In the data shown, this check is allowed: the error no longer comes from it. The answer is below.".to_owned(),
            Outcome::Deny(code) | Outcome::Error(code) => format!(
                "In the data shown, this check is refused for another reason than this error's (`{code}`): the answer below says which."
            ),
        }
    }

    /// What the error means, in the seed's words; who may attach each policy named is core's
    /// rule (SPEC section 4: a RAM administrator may attach all but the data policies and
    /// `AdministratorAccess`; a new user's walk read "the Alibaba Cloud account must grant"
    /// AliyunBailianFullAccess).
    pub fn meaning(&self) -> String {
        match self {
            Recognized::PayOrder => format!(
                "Paying for a Model Studio subscription order needs the AliyunBSSOrderAccess system policy and management permission (AliyunBailianFullAccess), attached {}.",
                attached_by(Policy::AliyunBssOrderAccess)
            ),
            Recognized::OpenapiAction(action) => format!(
                "Calling the OpenAPI action `{action}` needs an OpenAPI policy: AliyunBailianDataFullAccess for a write action (AliyunBailianDataReadOnlyAccess is not sufficient), attached {}.",
                attached_by(Policy::AliyunBailianDataFullAccess)
            ),
            Recognized::ManagementPermission => format!(
                "This needs management permission: the AliyunBailianFullAccess system policy (formerly AliyunSFMFullAccess), attached to the RAM user or role {}. Workspaces and accounts are managed on the System Administration page, which needs it.",
                attached_by(Policy::AliyunBailianFullAccess)
            ),
            Recognized::WorkspaceAccess => "The identity has not joined the workspace: it must be added as a member before it can open the workspace's pages.".to_owned(),
        }
    }
}

/// Who may attach `policy`, as the end of a sentence: `by the Alibaba Cloud account only`.
fn attached_by(policy: Policy) -> &'static str {
    match policy.authority() {
        PolicyAuthority::Root => "by the Alibaba Cloud account only",
        PolicyAuthority::RamAdministrator => "by the Alibaba Cloud account or a RAM administrator",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_every_known_error() {
        let found: Vec<Option<Recognized>> = KNOWN.iter().map(|text| recognize(text)).collect();
        assert_eq!(
            found,
            vec![
                Some(Recognized::PayOrder),
                Some(Recognized::OpenapiAction(
                    "GetRetrievePromptPipelineMaxLimit".to_owned()
                )),
                Some(Recognized::ManagementPermission),
                Some(Recognized::WorkspaceAccess),
            ]
        );
    }

    #[test]
    fn finds_the_error_inside_what_surrounds_it() {
        let response = r#"{"Code":"NoPermission","Message":"You are not authorized to do action: sfm:ListIndices","RequestId":"3C8A…"}"#;
        assert_eq!(
            recognize(response),
            Some(Recognized::OpenapiAction("ListIndices".to_owned()))
        );
        assert_eq!(
            recognize("Error: BSS:PAYORDER not permitted"),
            Some(Recognized::PayOrder)
        );
        assert_eq!(
            recognize("You do not have\n access permissions   to this workspace"),
            Some(Recognized::WorkspaceAccess)
        );
        assert_eq!(recognize("something else went wrong"), None);
        assert_eq!(recognize("sfm:"), None);
    }

    #[test]
    fn an_error_explains_only_the_refusal_it_reports() {
        let workspace = Recognized::WorkspaceAccess;
        assert!(workspace.explains(Outcome::Deny(Code::NotMember)));
        assert!(!workspace.explains(Outcome::Allow));
        assert!(!workspace.explains(Outcome::Deny(Code::UnknownPrincipal)));
        let action = Recognized::OpenapiAction("CreateApplication".into());
        assert!(action.explains(Outcome::Deny(Code::OpenapiReadOnly)));
        assert!(action.explains(Outcome::Deny(Code::NoOpenapiPermission)));
        assert!(!action.explains(Outcome::Deny(Code::NotMember)));
        assert!(Recognized::PayOrder.explains(Outcome::Deny(Code::NotSuperAdmin)));
        assert!(!Recognized::ManagementPermission.explains(Outcome::Error(Code::NotFound)));

        assert!(workspace.not_explained(Outcome::Allow).contains("allowed"));
        let other = workspace.not_explained(Outcome::Deny(Code::UnknownPrincipal));
        assert!(other.contains("another reason"), "{other}");
        assert!(other.contains("`unknown-principal`"), "{other}");
    }

    #[test]
    fn each_error_asks_its_check_as_the_chosen_identity() {
        let who = Who::user("ann");
        assert_eq!(
            Recognized::PayOrder.check(who.clone(), None),
            Check::Billing {
                who: who.clone(),
                action: BillingAction::PayOrder
            }
        );
        assert_eq!(
            Recognized::ManagementPermission.check(who.clone(), None),
            Check::OpenSystemAdministration { who: who.clone() }
        );
        assert!(Recognized::WorkspaceAccess.needs_workspace());
        assert!(matches!(
            Recognized::WorkspaceAccess.check(who, Some("w".into())),
            Check::OpenPage { workspace, access: Access::View, .. } if workspace == "w"
        ));
    }
}
