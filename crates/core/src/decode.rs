//! The decoder of [`Command`]: the recorded steps of every saved state, share link and export.
//!
//! serde's derive for an internally tagged enum of 26 variants generated the largest function of
//! the console's WebAssembly (60 KB before compression, for one type). This decoder reads the
//! JSON into a [`serde_json::Value`] (whose decoder the console needs anyway) and takes each
//! variant's fields from it by name: the same format, accepted and refused alike, in a fraction
//! of the code. Serialization stays derived.

use crate::command::{Command, KeyOwnerName, MemberName};
use crate::vocab::{Feature, ModelKind, Page, Policy, Region};
use serde_json::{Map, Value};

/// The fields of one step, with typed getters that name what is wrong.
struct Fields<'a> {
    op: &'a str,
    map: &'a Map<String, Value>,
}

impl<'a> Fields<'a> {
    fn missing(&self, name: &str) -> String {
        format!("`{}` needs the field `{name}`", self.op)
    }

    fn wrong(&self, name: &str, what: &str) -> String {
        format!("`{}`: the field `{name}` must be {what}", self.op)
    }

    /// A field that may be absent (or `null`).
    fn optional(&self, name: &str) -> Option<&'a Value> {
        self.map.get(name).filter(|value| !value.is_null())
    }

    fn string(&self, name: &str) -> Result<String, String> {
        match self.optional(name) {
            Some(Value::String(text)) => Ok(text.clone()),
            Some(_) => Err(self.wrong(name, "a string")),
            None => Err(self.missing(name)),
        }
    }

    fn boolean(&self, name: &str) -> Result<bool, String> {
        self.opt_boolean(name)?.ok_or_else(|| self.missing(name))
    }

    fn opt_boolean(&self, name: &str) -> Result<Option<bool>, String> {
        match self.optional(name) {
            Some(Value::Bool(flag)) => Ok(Some(*flag)),
            Some(_) => Err(self.wrong(name, "true or false")),
            None => Ok(None),
        }
    }

    fn integer(&self, name: &str) -> Result<i64, String> {
        self.opt_integer(name)?.ok_or_else(|| self.missing(name))
    }

    fn opt_integer(&self, name: &str) -> Result<Option<i64>, String> {
        match self.optional(name) {
            Some(value) => value
                .as_i64()
                .map(Some)
                .ok_or_else(|| self.wrong(name, "a whole number")),
            None => Ok(None),
        }
    }

    fn strings(&self, name: &str) -> Result<Vec<String>, String> {
        let Some(Value::Array(items)) = self.optional(name) else {
            return Err(self.wrong(name, "a list of strings"));
        };
        items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| self.wrong(name, "a list of strings"))
            })
            .collect()
    }

    /// A closed-set value by its SPEC spelling.
    fn closed<T>(&self, name: &str, parse: fn(&str) -> Option<T>) -> Result<T, String> {
        let text = self.string(name)?;
        parse(&text).ok_or_else(|| format!("`{}`: `{text}` is no {name}", self.op))
    }

    /// `"member": {"user": name}` or `{"role": name}`.
    fn member(&self) -> Result<MemberName, String> {
        let Some(Value::Object(member)) = self.optional("member") else {
            return Err(self.missing("member"));
        };
        match (member.get("user"), member.get("role")) {
            (Some(Value::String(name)), None) => Ok(MemberName::User(name.clone())),
            (None, Some(Value::String(name))) => Ok(MemberName::Role(name.clone())),
            _ => Err(self.wrong("member", "{\"user\": name} or {\"role\": name}")),
        }
    }

    /// `owner` or `owner_role`, exactly one.
    fn key_owner(&self) -> Result<KeyOwnerName, String> {
        match (self.optional("owner"), self.optional("owner_role")) {
            (Some(_), None) => self.string("owner").map(KeyOwnerName::Named),
            (None, Some(_)) => self.string("owner_role").map(KeyOwnerName::Role),
            _ => Err(format!(
                "`{}` needs exactly one of `owner` and `owner_role`",
                self.op
            )),
        }
    }
}

/// Reads a step from its JSON form (the one `Command`'s `Serialize` writes).
pub(crate) fn command(value: &Value) -> Result<Command, String> {
    use Command as C;
    let Value::Object(map) = value else {
        return Err("a step is an object with an `op`".to_owned());
    };
    let Some(Value::String(op)) = map.get("op") else {
        return Err("a step needs a string `op`".to_owned());
    };
    let f = Fields { op, map };
    let workspace_model =
        || -> Result<(String, String), String> { Ok((f.string("workspace")?, f.string("model")?)) };
    Ok(match op.as_str() {
        "create-user" => C::CreateUser {
            name: f.string("name")?,
        },
        "create-role" => C::CreateRole {
            name: f.string("name")?,
        },
        "delete-user" => C::DeleteUser {
            name: f.string("name")?,
        },
        "delete-role" => C::DeleteRole {
            name: f.string("name")?,
        },
        "trust-role" => C::TrustRole {
            role: f.string("role")?,
            user: f.string("user")?,
        },
        "untrust-role" => C::UntrustRole {
            role: f.string("role")?,
            user: f.string("user")?,
        },
        "attach-policy" => C::AttachPolicy {
            member: f.member()?,
            policy: f.closed("policy", Policy::parse)?,
        },
        "detach-policy" => C::DetachPolicy {
            member: f.member()?,
            policy: f.closed("policy", Policy::parse)?,
        },
        "create-workspace" => C::CreateWorkspace {
            region: f.closed("region", Region::parse)?,
            name: f.string("name")?,
        },
        "rename-workspace" => C::RenameWorkspace {
            workspace: f.string("workspace")?,
            name: f.string("name")?,
        },
        "delete-workspace" => C::DeleteWorkspace {
            workspace: f.string("workspace")?,
        },
        "add-member" => C::AddMember {
            workspace: f.string("workspace")?,
            member: f.member()?,
            admin: f.boolean("admin")?,
        },
        "remove-member" => C::RemoveMember {
            workspace: f.string("workspace")?,
            member: f.member()?,
        },
        "set-admin" => C::SetAdmin {
            workspace: f.string("workspace")?,
            member: f.member()?,
            admin: f.boolean("admin")?,
        },
        "grant-page" => C::GrantPage {
            workspace: f.string("workspace")?,
            member: f.member()?,
            permission: f.closed("permission", Page::parse)?,
        },
        "revoke-page" => C::RevokePage {
            workspace: f.string("workspace")?,
            member: f.member()?,
            permission: f.closed("permission", Page::parse)?,
        },
        "authorize-model" => {
            let (workspace, model) = workspace_model()?;
            C::AuthorizeModel {
                workspace,
                model,
                call: f.opt_boolean("call")?,
                fine_tune: f.opt_boolean("fine_tune")?,
                deploy: f.opt_boolean("deploy")?,
            }
        }
        "set-model-limits" => {
            let (workspace, model) = workspace_model()?;
            C::SetModelLimits {
                workspace,
                model,
                rpm: f.opt_integer("rpm")?,
                tpm: f.opt_integer("tpm")?,
            }
        }
        "clear-model-limits" => {
            let (workspace, model) = workspace_model()?;
            C::ClearModelLimits { workspace, model }
        }
        "set-account-quota" => C::SetAccountQuota {
            region: f.closed("region", Region::parse)?,
            model: f.string("model")?,
            rpm: f.integer("rpm")?,
        },
        "add-model" => C::AddModel {
            model: f.string("model")?,
            kind: f.closed("kind", ModelKind::parse)?,
            fine_tunable: f.boolean("fine_tunable")?,
            deployable: f.boolean("deployable")?,
        },
        "create-api-key" => C::CreateApiKey {
            workspace: f.string("workspace")?,
            owner: f.key_owner()?,
            key: f.string("key")?,
        },
        "delete-api-key" => C::DeleteApiKey {
            key: f.string("key")?,
        },
        "set-ip-whitelist" => C::SetIpWhitelist {
            key: f.string("key")?,
            cidrs: f.strings("cidrs")?,
        },
        "activate" => C::Activate {
            feature: f.closed("feature", Feature::parse)?,
        },
        "set-date" => C::SetDate {
            date: f.string("date")?,
        },
        other => return Err(format!("unknown step `{other}`")),
    })
}

impl<'de> serde::Deserialize<'de> for Command {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Command, D::Error> {
        let value = Value::deserialize(deserializer)?;
        command(&value).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every step, with every optional field both given and not.
    fn every_step() -> Vec<Command> {
        use Command as C;
        let s = |text: &str| text.to_owned();
        let member = MemberName::Role(s("ops"));
        vec![
            C::CreateUser { name: s("a") },
            C::CreateRole { name: s("r") },
            C::DeleteUser { name: s("a") },
            C::DeleteRole { name: s("r") },
            C::TrustRole {
                role: s("r"),
                user: s("a"),
            },
            C::UntrustRole {
                role: s("r"),
                user: s("a"),
            },
            C::AttachPolicy {
                member: MemberName::User(s("a")),
                policy: Policy::AliyunBssOrderAccess,
            },
            C::DetachPolicy {
                member: member.clone(),
                policy: Policy::AdministratorAccess,
            },
            C::CreateWorkspace {
                region: Region::UsEast1,
                name: s("w"),
            },
            C::RenameWorkspace {
                workspace: s("w"),
                name: s("v"),
            },
            C::DeleteWorkspace { workspace: s("v") },
            C::AddMember {
                workspace: s("w"),
                member: member.clone(),
                admin: true,
            },
            C::RemoveMember {
                workspace: s("w"),
                member: member.clone(),
            },
            C::SetAdmin {
                workspace: s("w"),
                member: member.clone(),
                admin: false,
            },
            C::GrantPage {
                workspace: s("w"),
                member: member.clone(),
                permission: Page::ApiKey,
            },
            C::RevokePage {
                workspace: s("w"),
                member,
                permission: Page::Playground,
            },
            C::AuthorizeModel {
                workspace: s("w"),
                model: s("m"),
                call: Some(true),
                fine_tune: None,
                deploy: Some(false),
            },
            C::SetModelLimits {
                workspace: s("w"),
                model: s("m"),
                rpm: Some(-3),
                tpm: None,
            },
            C::ClearModelLimits {
                workspace: s("w"),
                model: s("m"),
            },
            C::SetAccountQuota {
                region: Region::CnBeijing,
                model: s("m"),
                rpm: i64::MAX,
            },
            C::AddModel {
                model: s("m"),
                kind: ModelKind::Speech,
                fine_tunable: true,
                deployable: false,
            },
            C::CreateApiKey {
                workspace: s("w"),
                owner: KeyOwnerName::Named(s("root")),
                key: s("k"),
            },
            C::CreateApiKey {
                workspace: s("w"),
                owner: KeyOwnerName::Role(s("ops")),
                key: s("k2"),
            },
            C::DeleteApiKey { key: s("k") },
            C::SetIpWhitelist {
                key: s("k"),
                cidrs: vec![s("10.0.0.0/8"), s("::1")],
            },
            C::SetIpWhitelist {
                key: s("k"),
                cidrs: Vec::new(),
            },
            C::Activate {
                feature: Feature::AppObservability,
            },
            C::SetDate {
                date: s("2026-03-25"),
            },
        ]
    }

    #[test]
    fn every_step_reads_back_what_serialize_writes() {
        for step in every_step() {
            let json = serde_json::to_string(&step).unwrap();
            let back: Command = serde_json::from_str(&json).unwrap();
            assert_eq!(back, step, "{json}");
        }
    }

    #[test]
    fn a_former_policy_name_and_absent_options_read() {
        let step: Command = serde_json::from_str(
            r#"{"op":"attach-policy","member":{"user":"a"},"policy":"AliyunSFMFullAccess"}"#,
        )
        .unwrap();
        assert_eq!(
            step,
            Command::AttachPolicy {
                member: MemberName::User("a".into()),
                policy: Policy::AliyunBailianFullAccess
            }
        );
        let step: Command = serde_json::from_str(
            r#"{"op":"authorize-model","workspace":"w","model":"m","call":null}"#,
        )
        .unwrap();
        assert!(matches!(
            step,
            Command::AuthorizeModel {
                call: None,
                fine_tune: None,
                deploy: None,
                ..
            }
        ));
    }

    #[test]
    fn what_is_wrong_is_named() {
        let error = |json: &str| {
            serde_json::from_str::<Command>(json)
                .unwrap_err()
                .to_string()
        };
        assert!(error(r#"{"op":"fly"}"#).contains("unknown step `fly`"));
        assert!(error(r#"{"name":"a"}"#).contains("needs a string `op`"));
        assert!(error(r#"{"op":"create-user"}"#).contains("needs the field `name`"));
        assert!(error(r#"{"op":"create-user","name":3}"#).contains("`name` must be a string"));
        assert!(
            error(r#"{"op":"create-workspace","region":"mars","name":"w"}"#)
                .contains("`mars` is no region")
        );
        assert!(
            error(
                r#"{"op":"create-api-key","workspace":"w","owner":"a","owner_role":"r","key":"k"}"#
            )
            .contains("exactly one of `owner` and `owner_role`")
        );
        assert!(error(r#"[1]"#).contains("an object with an `op`"));
    }
}
