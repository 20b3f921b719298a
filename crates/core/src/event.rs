//! The audit trail: every applied command, with who applied it and when.

use crate::command::Command;
use crate::date::Date;
use crate::principal::Who;
use serde::{Deserialize, Serialize};

/// The secret material a `create-api-key` produced, kept so that a replay gives the same key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedSecret {
    /// Hex SHA-256 of the secret (stored in base64, read in either form).
    #[serde(with = "sha256_text")]
    pub sha256: String,
    /// The masked form (stored as its six visible digits).
    #[serde(with = "masked_text")]
    pub masked: String,
}

/// One applied command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// 1 for the first event of the account, then one more each time.
    pub seq: u64,
    /// The simulation's date when it was applied.
    pub date: Date,
    /// Who applied it.
    pub who: Who,
    /// What was applied.
    pub command: Command,
    /// For a created key, its secret's hash and masked form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<IssuedSecret>,
    /// When it was applied by the clock of whoever applied it, in milliseconds since
    /// 1970-01-01 00:00 UTC: the console records its clock's time; scenario runs and the command
    /// line record none (their output does not depend on when they run), nor did older files.
    /// Redo and loading keep it as it was. The simulation's `date` is separate: it may be set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<u64>,
}

/// A SHA-256 as stored: the 32 bytes in unpadded base64url (43 characters) rather than the 64
/// hex digits held in memory. Reading accepts either form, so files that stored hex still load.
pub(crate) mod sha256_text {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use serde::{Deserialize, Deserializer, Serializer};

    const HEX: &[u8; 16] = b"0123456789abcdef";

    fn from_hex(hex: &str) -> Option<[u8; 32]> {
        let mut bytes = [0u8; 32];
        if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        for (byte, pair) in bytes.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
            let text = std::str::from_utf8(pair).ok()?;
            *byte = u8::from_str_radix(text, 16).ok()?;
        }
        Some(bytes)
    }

    fn to_hex(bytes: &[u8]) -> String {
        let mut hex = String::with_capacity(bytes.len() * 2);
        for byte in bytes {
            for nibble in [byte >> 4, byte & 0xf] {
                hex.push(char::from(
                    HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'),
                ));
            }
        }
        hex
    }

    /// Writes a 64-digit hex hash in base64; anything else (a key without a secret has an
    /// empty hash) as it is.
    pub(crate) fn serialize<S: Serializer, T: AsRef<str> + ?Sized>(
        hex: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let hex = hex.as_ref();
        match from_hex(hex) {
            Some(bytes) => serializer.serialize_str(&URL_SAFE_NO_PAD.encode(bytes)),
            None => serializer.serialize_str(hex),
        }
    }

    /// Reads 43 base64url characters, 64 hex digits, or nothing.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<String, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        if text.is_empty() {
            return Ok(String::new());
        }
        if let Some(bytes) = from_hex(&text) {
            return Ok(to_hex(&bytes));
        }
        match URL_SAFE_NO_PAD.decode(text.as_bytes()) {
            Ok(bytes) if bytes.len() == 32 => Ok(to_hex(&bytes)),
            _ => Err(serde::de::Error::custom(format_args!(
                "`{text}` is not a SHA-256 (64 hex digits or 43 base64url characters)"
            ))),
        }
    }
}

/// A masked secret as stored: `sk-ab…wxyz` is written as its six visible digits `abwxyz`, which
/// keeps the stored text ASCII and short. Reading accepts either form; anything that is not a
/// masked secret is written and read as it is.
pub(crate) mod masked_text {
    use serde::{Deserialize, Deserializer, Serializer};

    const ELLIPSIS: char = '…';

    fn visible_digits(masked: &str) -> Option<(&str, &str)> {
        let (head, tail) = masked.strip_prefix("sk-")?.split_once(ELLIPSIS)?;
        let hex = |part: &str, len: usize| {
            part.len() == len && part.bytes().all(|b| b.is_ascii_hexdigit())
        };
        (hex(head, 2) && hex(tail, 4)).then_some((head, tail))
    }

    /// Writes the visible digits of a masked secret.
    pub(crate) fn serialize<S: Serializer, T: AsRef<str> + ?Sized>(
        masked: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let masked = masked.as_ref();
        match visible_digits(masked) {
            Some((head, tail)) => serializer.serialize_str(&format!("{head}{tail}")),
            None => serializer.serialize_str(masked),
        }
    }

    /// Reads six visible digits back into `sk-ab…wxyz`, or a masked form as it is.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<String, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        match (text.get(..2), text.get(2..)) {
            (Some(head), Some(tail))
                if text.len() == 6 && text.bytes().all(|b| b.is_ascii_hexdigit()) =>
            {
                Ok(format!("sk-{head}{ELLIPSIS}{tail}"))
            }
            _ => Ok(text.into_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::secret_sha256;

    #[test]
    fn masked_secrets_are_stored_as_their_visible_digits() {
        let issued = IssuedSecret {
            sha256: String::new(),
            masked: crate::keys::mask("sk-0123456789abcdef0123456789abcdef"),
        };
        let json = serde_json::to_string(&issued).unwrap();
        assert_eq!(json, r#"{"sha256":"","masked":"01cdef"}"#);
        assert_eq!(serde_json::from_str::<IssuedSecret>(&json).unwrap(), issued);
        let long = json.replace("01cdef", "sk-01…cdef");
        assert_eq!(serde_json::from_str::<IssuedSecret>(&long).unwrap(), issued);
        let odd = IssuedSecret {
            sha256: String::new(),
            masked: "sk-…".to_owned(),
        };
        let json = serde_json::to_string(&odd).unwrap();
        assert_eq!(serde_json::from_str::<IssuedSecret>(&json).unwrap(), odd);
    }

    #[test]
    fn hashes_are_stored_in_base64_and_read_in_either_form() {
        let sha256 = secret_sha256("sk-0123456789abcdef0123456789abcdef");
        let issued = IssuedSecret {
            sha256: sha256.clone(),
            masked: "sk-01…cdef".to_owned(),
        };
        let json = serde_json::to_string(&issued).unwrap();
        let stored: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(stored["sha256"].as_str().map(str::len), Some(43));
        assert_eq!(serde_json::from_str::<IssuedSecret>(&json).unwrap(), issued);
        let hex = json.replace(stored["sha256"].as_str().unwrap(), &sha256);
        assert_eq!(serde_json::from_str::<IssuedSecret>(&hex).unwrap(), issued);
        let upper = json.replace(stored["sha256"].as_str().unwrap(), &sha256.to_uppercase());
        assert_eq!(
            serde_json::from_str::<IssuedSecret>(&upper).unwrap(),
            issued
        );
        for bad in ["abc", "zz", &sha256[..63]] {
            let text = json.replace(stored["sha256"].as_str().unwrap(), bad);
            assert!(
                serde_json::from_str::<IssuedSecret>(&text).is_err(),
                "{bad}"
            );
        }
    }
}
