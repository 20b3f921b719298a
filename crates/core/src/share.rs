//! Share links: a whole state in a URL fragment, compressed, so that a colleague gets an exact
//! copy without any server. The fragment is `v1.` followed by the deflated persistence envelope
//! in unpadded base64url. The prefix is the link's own format; the envelope inside carries its
//! version, so links made before persistence version 2 still open.

use crate::persist::{self, LoadError};
use crate::state::State;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

const PREFIX: &str = "v1.";

/// Decompressed envelopes larger than this are refused (a guard against hostile links).
pub const MAX_SHARED_BYTES: usize = crate::persist::MAX_TEXT_BYTES;

/// The state as a URL-fragment-safe text.
pub fn encode(state: &State) -> String {
    let json = persist::to_json(state);
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Reads a shared text back into a state; anything that is not one is an error that says why.
pub fn decode(text: &str) -> Result<State, LoadError> {
    let body = text.trim().strip_prefix(PREFIX).ok_or_else(|| {
        LoadError::Damaged("it is not a share link (whose data starts with `v1.`)".to_owned())
    })?;
    // The decoder's own words ("Invalid last symbol 79, offset 2262.") tell a person nothing:
    // a link that does not decode was cut short or altered on its way.
    let packed = URL_SAFE_NO_PAD.decode(body).map_err(|_| {
        LoadError::Damaged(
            "the link was cut short or altered (its data does not decode)".to_owned(),
        )
    })?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_SHARED_BYTES)
        .map_err(|_| {
            LoadError::Damaged(
                "the link was cut short or altered (its data does not decompress)".to_owned(),
            )
        })?;
    let json = String::from_utf8(json)
        .map_err(|_| LoadError::Damaged("the link's data is not text".to_owned()))?;
    persist::from_json(&json)
}

/// A state from the console's export (JSON), or from a share link: the whole address with its
/// `#share=…` fragment, or the fragment's text alone. The one reader of a state a person hands
/// over, for the command line, the Data menu's import and Compare.
///
/// A byte order mark before the JSON (as some editors save it) is read past. A text that is
/// neither is refused as such, not as a share link gone wrong.
pub fn load_text(text: &str) -> Result<persist::Loaded, LoadError> {
    let trimmed = text.trim().trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        return persist::load(trimmed);
    }
    // Other JSON (an array, say) is no export either, and is said the same way.
    if trimmed.starts_with('[') {
        return Err(LoadError::Foreign);
    }
    let link = trimmed
        .rsplit_once("#share=")
        .map_or(trimmed, |(_, fragment)| fragment);
    if !link.starts_with(PREFIX) {
        return Err(LoadError::Damaged(
            "it is neither a state exported as JSON (which starts with `{`) nor a share link"
                .to_owned(),
        ));
    }
    decode(link).map(|state| persist::Loaded {
        state,
        migration: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_organisation;

    #[test]
    fn round_trips_and_is_compact() {
        let state = sample_organisation("2026-11-22".parse().unwrap());
        let text = encode(&state);
        assert!(text.starts_with("v1."));
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        );
        assert!(
            text.len() * 3 < persist::to_json(&state).len(),
            "{} bytes",
            text.len()
        );
        assert_eq!(decode(&text).unwrap(), state);
    }

    #[test]
    fn a_link_made_before_persistence_version_2_still_opens() {
        let v1 = include_str!("../tests/fixtures/sample-v1.json");
        let packed = miniz_oxide::deflate::compress_to_vec(v1.as_bytes(), 9);
        let link = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed));
        let state = decode(&link).unwrap();
        assert_eq!(state, persist::from_json(v1).unwrap());
        assert_eq!(decode(&encode(&state)).unwrap(), state);
    }

    /// A review pasted a share link where an exported state was asked for and read "the data is
    /// damaged": the export, the whole address and the fragment alone all read the same state.
    #[test]
    fn a_state_is_read_from_an_export_or_a_link() {
        let state = sample_organisation("2026-11-22".parse().unwrap());
        let link = encode(&state);
        for text in [
            persist::to_json(&state),
            format!("https://example.com/studio-access/checker#share={link}"),
            format!("  {link}\n"),
        ] {
            assert_eq!(load_text(&text).unwrap().state, state, "{text:.60}");
        }
        assert!(load_text("https://example.com/#share=v1.***").is_err());
        assert!(load_text("{not json").is_err());
        // An export saved with a byte order mark is still an export.
        let marked = format!("\u{feff}{}", persist::to_json(&state));
        assert_eq!(load_text(&marked).unwrap().state, state);
    }

    /// Issue 13: a text that is neither an export nor a link was refused as a share link ("a
    /// share link starts with `v1.`"), and a cut link with the decoder's own words ("Invalid
    /// last symbol 79, offset 2262."). Each says what the person handed over is.
    #[test]
    fn a_refusal_says_what_the_text_is_in_a_persons_words() {
        let refusal = |text: &str| load_text(text).unwrap_err().to_string();
        // JSON that is no export is said as `{"hello": 1}` is (a new user's walk saw two
        // messages for the same thing); other text is neither an export nor a link.
        assert_eq!(refusal("[1, 2, 3]"), LoadError::Foreign.to_string());
        assert_eq!(
            refusal("hello"),
            "the data is damaged: it is neither a state exported as JSON (which starts with `{`) nor a share link"
        );
        let link = encode(&sample_organisation("2026-11-22".parse().unwrap()));
        // Cut at whole groups of four characters: the rest still decodes, but not inflates.
        let cut = refusal(&link[..PREFIX.len() + (link.len() - PREFIX.len()) / 2 / 4 * 4]);
        assert_eq!(
            cut,
            "the data is damaged: the link was cut short or altered (its data does not decompress)"
        );
        let altered = refusal(&format!("{}*", &link[..link.len() - 1]));
        assert_eq!(
            altered,
            "the data is damaged: the link was cut short or altered (its data does not decode)"
        );
        assert_eq!(
            decode("garbage").unwrap_err().to_string(),
            "the data is damaged: it is not a share link (whose data starts with `v1.`)"
        );
    }

    #[test]
    fn refuses_what_is_not_a_share() {
        let text = encode(&sample_organisation("2026-11-22".parse().unwrap()));
        assert!(decode("").is_err());
        assert!(decode("v2.abc").is_err());
        assert!(decode("v1.***").is_err());
        assert!(decode(&text[..text.len() / 2]).is_err());
        let other = format!(
            "v1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"{\"version\":1}", 6))
        );
        assert!(decode(&other).is_err());
    }
}
