//! The decoder of [`Command`]: the recorded steps of every saved state, share link and export.
//!
//! serde's derive for an internally tagged enum of 26 variants generated the largest function of
//! the console's WebAssembly (60 KB before compression, for one type). This decoder reads the
//! JSON into a [`serde_json::Value`] (whose decoder the console needs anyway) and takes each
//! variant's fields from it by name: the same format, accepted and refused alike, in a fraction
//! of the code. Serialization stays derived.
//!
//! [`Check`] (the Access checker's question in its address, `?q=`) is read the same way: its
//! derived decoder, internally tagged over 11 variants, had become the largest function in turn
//! (35 KB before compression).

use crate::check::{Caller, Check, Traffic};
use crate::command::{Command, KeyOwnerName, MemberName, ModelFlags};
use crate::principal::Who;
use crate::vocab::{Access, BillingAction, Feature, ModelKind, Page, Policy, Region};
use serde_json::{Map, Value};
use std::net::IpAddr;

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

    fn opt_string(&self, name: &str) -> Result<Option<String>, String> {
        match self.optional(name) {
            Some(_) => self.string(name).map(Some),
            None => Ok(None),
        }
    }

    fn unsigned(&self, name: &str) -> Result<u64, String> {
        match self.optional(name) {
            Some(value) => value
                .as_u64()
                .ok_or_else(|| self.wrong(name, "a whole number, 0 or more")),
            None => Err(self.missing(name)),
        }
    }

    /// An address, absent or `null` for none.
    fn ip(&self, name: &str) -> Result<Option<IpAddr>, String> {
        match self.opt_string(name)? {
            Some(text) => text
                .parse()
                .map(Some)
                .map_err(|_| self.wrong(name, "an IP address")),
            None => Ok(None),
        }
    }

    /// The fields of an object held in the field `name`.
    fn object(&self, name: &str) -> Result<Fields<'a>, String> {
        match self.optional(name) {
            Some(Value::Object(map)) => Ok(Fields { op: self.op, map }),
            Some(_) => Err(self.wrong(name, "an object")),
            None => Err(self.missing(name)),
        }
    }

    /// `"who": {"as": name, "via": role}` (`via` may be left out).
    fn who(&self) -> Result<Who, String> {
        let who = self.object("who")?;
        Ok(Who {
            name: who.string("as")?,
            via: who.opt_string("via")?,
        })
    }

    /// `"caller": {"console": {"who": .., "workspace": ..}}` or `{"key": {"key": .., "ip": ..}}`.
    fn caller(&self) -> Result<Caller, String> {
        let caller = self.object("caller")?;
        let mut entries = caller.map.iter();
        match (entries.next(), entries.next()) {
            (Some((tag, Value::Object(map))), None) if tag == "console" => {
                let f = Fields { op: self.op, map };
                Ok(Caller::Console {
                    who: f.who()?,
                    workspace: f.string("workspace")?,
                })
            }
            (Some((tag, Value::Object(map))), None) if tag == "key" => {
                let f = Fields { op: self.op, map };
                Ok(Caller::Key {
                    key: f.string("key")?,
                    ip: f.ip("ip")?,
                })
            }
            _ => Err(self.wrong(
                "caller",
                "{\"console\": {\"who\", \"workspace\"}} or {\"key\": {\"key\", \"ip\"}}",
            )),
        }
    }

    /// `"traffic": [{"key", "requests", "tokens", "ip"}, ..]`.
    fn traffic(&self) -> Result<Vec<Traffic>, String> {
        let Some(Value::Array(items)) = self.optional("traffic") else {
            return Err(self.wrong("traffic", "a list of objects"));
        };
        items
            .iter()
            .map(|item| {
                let Value::Object(map) = item else {
                    return Err(self.wrong("traffic", "a list of objects"));
                };
                let f = Fields { op: self.op, map };
                Ok(Traffic {
                    key: f.string("key")?,
                    requests: f.unsigned("requests")?,
                    tokens: f.unsigned("tokens")?,
                    ip: f.ip("ip")?,
                })
            })
            .collect()
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
                flags: ModelFlags {
                    call: f.opt_boolean("call")?,
                    fine_tune: f.opt_boolean("fine_tune")?,
                    deploy: f.opt_boolean("deploy")?,
                },
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

/// Reads a check from its JSON form (the one `Check`'s `Serialize` writes).
pub(crate) fn check(value: &Value) -> Result<Check, String> {
    let Value::Object(map) = value else {
        return Err("a check is an object with an `op`".to_owned());
    };
    let Some(Value::String(op)) = map.get("op") else {
        return Err("a check needs a string `op`".to_owned());
    };
    let f = Fields { op, map };
    Ok(match op.as_str() {
        "call-model" => Check::CallModel {
            caller: f.caller()?,
            model: f.string("model")?,
        },
        "batch-inference" => Check::BatchInference {
            who: f.who()?,
            workspace: f.string("workspace")?,
            model: f.string("model")?,
        },
        "fine-tune" => Check::FineTune {
            caller: f.caller()?,
            model: f.string("model")?,
        },
        "deploy" => Check::Deploy {
            who: f.who()?,
            workspace: f.string("workspace")?,
            model: f.string("model")?,
            fine_tuned: f.boolean("fine_tuned")?,
        },
        "open-page" => Check::OpenPage {
            who: f.who()?,
            workspace: f.string("workspace")?,
            page: f.closed("page", Page::parse)?,
            access: f.closed("access", Access::parse)?,
        },
        "view-key" => Check::ViewKey {
            who: f.who()?,
            key: f.string("key")?,
        },
        "call-openapi" => Check::CallOpenapi {
            who: f.who()?,
            action: f.string("action")?,
            workspace: f.opt_string("workspace")?,
        },
        "billing" => Check::Billing {
            who: f.who()?,
            action: f.closed("action", BillingAction::parse)?,
        },
        "open-system-administration" => Check::OpenSystemAdministration { who: f.who()? },
        "use-feature" => Check::UseFeature {
            who: f.who()?,
            feature: f.closed("feature", Feature::parse)?,
        },
        "load" => Check::Load {
            model: f.string("model")?,
            traffic: f.traffic()?,
        },
        other => return Err(format!("unknown check `{other}`")),
    })
}

impl<'de> serde::Deserialize<'de> for Check {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Check, D::Error> {
        let value = Value::deserialize(deserializer)?;
        check(&value).map_err(serde::de::Error::custom)
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
                flags: ModelFlags {
                    call: Some(true),
                    fine_tune: None,
                    deploy: Some(false),
                },
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

    /// `authorize-model`'s flags are one value in the model (`ModelFlags`) but the step's own
    /// fields in its text, as SPEC section 4 writes them and saved logs hold them.
    #[test]
    fn model_flags_are_written_as_the_steps_own_fields() {
        let step = Command::AuthorizeModel {
            workspace: "w".into(),
            model: "m".into(),
            flags: ModelFlags {
                call: Some(true),
                fine_tune: None,
                deploy: Some(false),
            },
        };
        assert_eq!(
            serde_json::to_string(&step).unwrap(),
            r#"{"op":"authorize-model","workspace":"w","model":"m","call":true,"fine_tune":null,"deploy":false}"#
        );
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
                flags: ModelFlags {
                    call: None,
                    fine_tune: None,
                    deploy: None
                },
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

    /// One of every check, with every optional field both given and not.
    fn every_check() -> Vec<Check> {
        let s = |text: &str| text.to_owned();
        let via = Who {
            name: s("a"),
            via: Some(s("ops")),
        };
        vec![
            Check::CallModel {
                caller: Caller::Console {
                    who: Who::root(),
                    workspace: s("w"),
                },
                model: s("m"),
            },
            Check::CallModel {
                caller: Caller::Key {
                    key: s("k"),
                    ip: Some("10.0.0.1".parse().unwrap()),
                },
                model: s("m"),
            },
            Check::BatchInference {
                who: via.clone(),
                workspace: s("w"),
                model: s("m"),
            },
            Check::FineTune {
                caller: Caller::Key {
                    key: s("k"),
                    ip: None,
                },
                model: s("m"),
            },
            Check::FineTune {
                caller: Caller::Key {
                    key: s("k"),
                    ip: Some("::1".parse().unwrap()),
                },
                model: s("m"),
            },
            Check::Deploy {
                who: Who::user("a"),
                workspace: s("w"),
                model: s("m"),
                fine_tuned: true,
            },
            Check::OpenPage {
                who: via.clone(),
                workspace: s("w"),
                page: Page::ApiKey,
                access: Access::Operate,
            },
            Check::ViewKey {
                who: Who::root(),
                key: s("k"),
            },
            Check::CallOpenapi {
                who: via.clone(),
                action: s("ListIndices"),
                workspace: Some(s("w")),
            },
            Check::CallOpenapi {
                who: Who::root(),
                action: s("ListIndices"),
                workspace: None,
            },
            Check::Billing {
                who: Who::user("a"),
                action: BillingAction::ALL[0],
            },
            Check::OpenSystemAdministration { who: via },
            Check::UseFeature {
                who: Who::root(),
                feature: Feature::AppObservability,
            },
            Check::Load {
                model: s("m"),
                traffic: vec![
                    Traffic {
                        key: s("k"),
                        requests: u64::MAX,
                        tokens: 0,
                        ip: None,
                    },
                    Traffic {
                        key: s("k2"),
                        requests: 3,
                        tokens: 40,
                        ip: Some("192.168.1.9".parse().unwrap()),
                    },
                ],
            },
            Check::Load {
                model: s("m"),
                traffic: Vec::new(),
            },
        ]
    }

    #[test]
    fn every_check_reads_back_what_serialize_writes() {
        for check in every_check() {
            let json = serde_json::to_string(&check).unwrap();
            let back: Check = serde_json::from_str(&json).unwrap();
            assert_eq!(back, check, "{json}");
        }
    }

    /// The forms the derived decoder read, written by hand: `null` for an absent option, an
    /// option left out, a key caller without `ip`, extra fields ignored.
    #[test]
    fn a_check_reads_as_before() {
        let read = |json: &str| serde_json::from_str::<Check>(json).unwrap();
        assert_eq!(
            read(r#"{"op":"call-model","caller":{"key":{"key":"k"}},"model":"m","x":1}"#),
            Check::CallModel {
                caller: Caller::Key {
                    key: "k".into(),
                    ip: None
                },
                model: "m".into()
            }
        );
        assert_eq!(
            read(r#"{"op":"view-key","who":{"as":"a","via":null},"key":"k"}"#),
            Check::ViewKey {
                who: Who::user("a"),
                key: "k".into()
            }
        );
        assert_eq!(
            read(r#"{"op":"call-openapi","who":{"as":"root"},"action":"A","workspace":null}"#),
            Check::CallOpenapi {
                who: Who::root(),
                action: "A".into(),
                workspace: None
            }
        );
        assert_eq!(
            read(
                r#"{"op":"load","model":"m","traffic":[{"key":"k","requests":2,"tokens":5,"ip":null}]}"#
            ),
            Check::Load {
                model: "m".into(),
                traffic: vec![Traffic {
                    key: "k".into(),
                    requests: 2,
                    tokens: 5,
                    ip: None
                }]
            }
        );
    }

    #[test]
    fn what_is_wrong_in_a_check_is_named() {
        let error = |json: &str| serde_json::from_str::<Check>(json).unwrap_err().to_string();
        assert!(error(r#"{"op":"fly"}"#).contains("unknown check `fly`"));
        assert!(error(r#"{"who":{"as":"root"}}"#).contains("needs a string `op`"));
        assert!(error(r#""open-page""#).contains("an object with an `op`"));
        assert!(error(r#"{"op":"view-key","key":"k"}"#).contains("needs the field `who`"));
        assert!(error(r#"{"op":"view-key","who":{},"key":"k"}"#).contains("the field `as`"));
        assert!(
            error(r#"{"op":"open-page","who":{"as":"root"},"workspace":"w","page":"x","access":"view"}"#)
                .contains("`x` is no page")
        );
        assert!(
            error(r#"{"op":"call-model","caller":{"phone":{}},"model":"m"}"#)
                .contains("`caller` must be")
        );
        assert!(
            error(r#"{"op":"call-model","caller":{"key":{"key":"k","ip":"nowhere"}},"model":"m"}"#)
                .contains("`ip` must be an IP address")
        );
        assert!(
            error(r#"{"op":"load","model":"m","traffic":[{"key":"k","requests":-1,"tokens":1}]}"#)
                .contains("`requests` must be")
        );
        assert!(
            error(r#"{"op":"deploy","who":{"as":"a"},"workspace":"w","model":"m"}"#)
                .contains("needs the field `fine_tuned`")
        );
    }
}
