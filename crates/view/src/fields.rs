//! What a form field that holds a whole number says when it does not: the one place the
//! console's number fields (the Access checker's traffic counts, a model's request and token
//! limits, an account quota) take their messages from. Each message names the field and says
//! why: empty, not a whole number, too small, or too large, with the bound it broke.
//!
//! ```
//! use studio_access_view::fields::parse_whole;
//!
//! let error = parse_whole("0", "The request limit (RPM)", 1..=100).unwrap_err();
//! assert_eq!(error.to_string(), "The request limit (RPM) must be at least 1 (not `0`).");
//! assert_eq!(parse_whole(" 12 ", "The request limit (RPM)", 1..=100), Ok(12));
//! ```

use std::fmt;
use std::num::IntErrorKind;
use std::ops::RangeInclusive;

use crate::words;

/// Why a number typed into a field is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberProblem {
    /// Nothing is typed.
    Empty,
    /// The text is not a whole number.
    NotWhole,
    /// The number is below the field's least value.
    TooSmall,
    /// The number is past the field's greatest value.
    TooLarge,
}

/// A number field's text refused, with what the message needs to say why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberError {
    /// The field as the message names it, first letter capital ("The request limit (RPM)").
    pub field: &'static str,
    /// The text, trimmed.
    pub text: String,
    /// What is wrong with it.
    pub problem: NumberProblem,
    /// The values the field takes.
    pub range: RangeInclusive<u64>,
}

impl NumberError {
    /// "0 or more", "at least 1".
    fn at_least(&self) -> String {
        match *self.range.start() {
            0 => "0 or more".to_owned(),
            least => format!("at least {}", words::thousands(least)),
        }
    }
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (field, text) = (self.field, &self.text);
        match self.problem {
            NumberProblem::Empty => write!(
                f,
                "{field} is empty: enter a whole number, {}.",
                self.at_least()
            ),
            NumberProblem::NotWhole => write!(
                f,
                "{field} must be a whole number, {} (not `{text}`).",
                self.at_least()
            ),
            NumberProblem::TooSmall => {
                write!(f, "{field} must be {} (not `{text}`).", self.at_least())
            }
            NumberProblem::TooLarge => write!(
                f,
                "{field} is too large: at most {} (not `{text}`).",
                words::thousands(*self.range.end())
            ),
        }
    }
}

impl std::error::Error for NumberError {}

/// Reads a whole number in `range` from `text` (trimmed); `field` names the field in the error.
pub fn parse_whole(
    text: &str,
    field: &'static str,
    range: RangeInclusive<u64>,
) -> Result<u64, NumberError> {
    let text = text.trim();
    let refuse = |problem| NumberError {
        field,
        text: text.to_owned(),
        problem,
        range: range.clone(),
    };
    let value = text.parse::<i128>().map_err(|error| {
        refuse(match error.kind() {
            IntErrorKind::Empty => NumberProblem::Empty,
            IntErrorKind::PosOverflow => NumberProblem::TooLarge,
            IntErrorKind::NegOverflow => NumberProblem::TooSmall,
            _ => NumberProblem::NotWhole,
        })
    })?;
    if value < i128::from(*range.start()) {
        return Err(refuse(NumberProblem::TooSmall));
    }
    match u64::try_from(value) {
        Ok(value) if range.contains(&value) => Ok(value),
        _ => Err(refuse(NumberProblem::TooLarge)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One `check(text, expected)` per case: the message, or the value read.
    #[test]
    fn every_refusal_names_the_field_and_why() {
        let check = |text: &str, expected: Result<u64, &str>| {
            let got = parse_whole(text, "Requests", 0..=u64::MAX).map_err(|e| e.to_string());
            assert_eq!(got, expected.map_err(str::to_owned), "{text:?}");
        };
        check("0", Ok(0));
        check(" 25 ", Ok(25));
        check("+7", Ok(7));
        check("18446744073709551615", Ok(u64::MAX));
        check(
            "  ",
            Err("Requests is empty: enter a whole number, 0 or more."),
        );
        check(
            "1.5",
            Err("Requests must be a whole number, 0 or more (not `1.5`)."),
        );
        check(
            "lots",
            Err("Requests must be a whole number, 0 or more (not `lots`)."),
        );
        check("-1", Err("Requests must be 0 or more (not `-1`)."));
        check(
            "-99999999999999999999999999999999999999999",
            Err("Requests must be 0 or more (not `-99999999999999999999999999999999999999999`)."),
        );
        check(
            "18446744073709551616",
            Err(
                "Requests is too large: at most 18,446,744,073,709,551,615 (not `18446744073709551616`).",
            ),
        );
        check(
            "999999999999999999999999999999999999999999",
            Err(
                "Requests is too large: at most 18,446,744,073,709,551,615 (not `999999999999999999999999999999999999999999`).",
            ),
        );
    }

    #[test]
    fn the_range_bounds_the_messages() {
        let said = |text| {
            parse_whole(text, "The quota", 1..=1000)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(said("0"), "The quota must be at least 1 (not `0`).");
        assert_eq!(
            said("1001"),
            "The quota is too large: at most 1,000 (not `1001`)."
        );
        assert_eq!(
            said(""),
            "The quota is empty: enter a whole number, at least 1."
        );
        assert_eq!(parse_whole("1000", "The quota", 1..=1000), Ok(1000));
    }
}
