//! The name rules of SPEC section 1: what a user, role, workspace or key label may be called.
//!
//! Core decides whether a name is valid and, when it is not, which part is wrong
//! ([`NameProblem`]); the console words the problem as a person types. Nothing is trimmed.

use serde::{Deserialize, Serialize};

/// The longest name, in characters (Unicode scalar values), of either rule.
pub const NAME_MAX_CHARS: usize = 64;

/// Which of the two name rules applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NameRule {
    /// RAM users and roles: `A`–`Z`, `a`–`z`, digits, `.`, `_`, `-`; not `root`.
    Principal,
    /// Workspaces and key labels: letters of any script, digits `0`–`9`, the space, `.`, `_`,
    /// `-`; no space first or last.
    Resource,
}

/// Why a name breaks its rule: the first problem, reading from the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "problem")]
pub enum NameProblem {
    /// No characters at all.
    Empty,
    /// More than [`NAME_MAX_CHARS`] characters.
    TooLong {
        /// How many it has.
        chars: usize,
    },
    /// `root` is the Alibaba Cloud account's name.
    Reserved,
    /// A space at the start or the end (nothing is trimmed).
    SpaceAtEnd {
        /// Whether it is the first character (else the last).
        first: bool,
    },
    /// A character the rule does not allow.
    Character {
        /// The character.
        ch: char,
        /// Its position, from 1, in characters.
        at: usize,
        /// Whether it shows nothing on screen (a control, format or spacing character other
        /// than the plain space): a person cannot see what to delete.
        invisible: bool,
    },
}

impl NameRule {
    /// Whether `ch` may stand in a name of this rule (anywhere; the space not at an end).
    pub fn allows(self, ch: char) -> bool {
        match self {
            NameRule::Principal => ch.is_ascii_alphanumeric() || matches!(ch, '.' | '_' | '-'),
            NameRule::Resource => {
                ch.is_alphabetic() || ch.is_ascii_digit() || matches!(ch, ' ' | '.' | '_' | '-')
            }
        }
    }

    /// The first problem of `name` under this rule, or `Ok` when it is valid.
    pub fn check(self, name: &str) -> Result<(), NameProblem> {
        if name.is_empty() {
            return Err(NameProblem::Empty);
        }
        if self == NameRule::Principal && name == "root" {
            return Err(NameProblem::Reserved);
        }
        if let Some((at, ch)) = name.chars().enumerate().find(|(_, ch)| !self.allows(*ch)) {
            return Err(NameProblem::Character {
                ch,
                at: at + 1,
                invisible: is_invisible(ch),
            });
        }
        if name.starts_with(' ') || name.ends_with(' ') {
            return Err(NameProblem::SpaceAtEnd {
                first: name.starts_with(' '),
            });
        }
        let chars = name.chars().count();
        if chars > NAME_MAX_CHARS {
            return Err(NameProblem::TooLong { chars });
        }
        Ok(())
    }

    /// Whether `name` is valid under this rule.
    pub fn is_valid(self, name: &str) -> bool {
        self.check(name).is_ok()
    }
}

/// Characters that show nothing where they stand: controls, format characters (zero-width
/// space and joiners, direction marks and overrides, the byte order mark, the soft hyphen) and
/// whitespace other than the plain space.
pub fn is_invisible(ch: char) -> bool {
    ch.is_control()
        || (ch.is_whitespace() && ch != ' ')
        || matches!(
            ch,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principal_names() {
        let rule = NameRule::Principal;
        for ok in ["user-01", "Root", "a.b_c-D9", &"x".repeat(64)] {
            assert_eq!(rule.check(ok), Ok(()), "{ok}");
        }
        assert_eq!(rule.check(""), Err(NameProblem::Empty));
        assert_eq!(rule.check("root"), Err(NameProblem::Reserved));
        assert_eq!(
            rule.check(&"x".repeat(65)),
            Err(NameProblem::TooLong { chars: 65 })
        );
        assert_eq!(
            rule.check("ann smith"),
            Err(NameProblem::Character {
                ch: ' ',
                at: 4,
                invisible: false
            })
        );
        for bad in ["a@b", "équipe", "项目", "a/b", "a\u{200B}"] {
            assert!(rule.check(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn resource_names() {
        let rule = NameRule::Resource;
        for ok in [
            "项目A",
            "project prod",
            "équipe_1.b-2",
            "Ünïcödé",
            &"项".repeat(64),
        ] {
            assert_eq!(rule.check(ok), Ok(()), "{ok}");
        }
        assert_eq!(
            rule.check(" project"),
            Err(NameProblem::SpaceAtEnd { first: true })
        );
        assert_eq!(
            rule.check("project "),
            Err(NameProblem::SpaceAtEnd { first: false })
        );
        assert_eq!(
            rule.check(&"项".repeat(65)),
            Err(NameProblem::TooLong { chars: 65 })
        );
        assert_eq!(
            rule.check("pro\u{200B}ject"),
            Err(NameProblem::Character {
                ch: '\u{200B}',
                at: 4,
                invisible: true
            })
        );
        for bad in [
            "a@b",
            "default@cn-beijing",
            "a\u{202E}b",
            "rocket🚀",
            "a/b",
            "tab\there",
            "a\u{3000}b",
            "a!",
        ] {
            assert!(rule.check(bad).is_err(), "{bad:?}");
        }
        assert!(NameRule::Resource.is_valid("root"));
    }
}
