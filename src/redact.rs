//! Keeping secrets out of errors: what a server wrote is scrubbed of the
//! values a call sent (a payload, the key) in every shape it could echo
//! them in, and cut to a bounded length.

use zeroize::Zeroizing;

use crate::encode::{push_hex, push_percent};
use crate::form;
use crate::json;

/// Longest server message kept, in bytes. Stripe's messages are a sentence
/// or two; a longer one is cut at the last character boundary at or before
/// this many bytes, and ends with [`TRUNCATED`].
pub(crate) const MAX_SERVER_MESSAGE_BYTES: usize = 4096;
/// What replaces each run of secret text.
pub(crate) const REDACTED: &str = "[redacted]";
/// What ends a message that was cut.
pub(crate) const TRUNCATED: &str = " [truncated]";
/// A value a call sent that is shorter than this many bytes (a payload `x`)
/// occurs inside ordinary words ("maximum"): a server's text that holds
/// one is not shown at all, rather than shredded around every match.
pub(crate) const SHORT_SECRET_BYTES: usize = 4;

/// The values of one call that must never reach an error, in every shape a
/// server could echo them in: as given; form-encoded exactly as
/// [`crate::form`] sent them; and escaped as [`json::write_str`] writes a
/// JSON string (a server that put our JSON text into its message).
///
/// Every byte covered by any occurrence of any of these texts is removed,
/// overlapping or adjacent occurrences included, so the order of the
/// needles does not matter: a payload that is a prefix of the key cannot
/// leave the rest of the key behind. An empty value matches everywhere and
/// covers nothing, so it changes nothing (and the scan is bounded: no loop
/// waits on a match to move forward).
pub(crate) struct Redactor {
    needles: Vec<Zeroizing<String>>,
}

impl Redactor {
    /// A redactor of `secrets` (a payload, the `Authorization` value, the
    /// key without `Bearer `).
    pub(crate) fn new(secrets: &[&str]) -> Self {
        let mut needles = Vec::with_capacity(secrets.len() * 7);
        for secret in secrets {
            push_needles(&mut needles, secret);
        }
        Self::from_needles(needles)
    }

    /// This redactor and `secret` (a payload): the needles made so far are
    /// kept, only the new secret's are made.
    pub(crate) fn with(&self, secret: &str) -> Self {
        let mut needles = self.needles.clone();
        push_needles(&mut needles, secret);
        Self::from_needles(needles)
    }

    fn from_needles(mut needles: Vec<Zeroizing<String>>) -> Self {
        needles.retain(|needle| !needle.is_empty());
        needles.dedup_by(|a, b| a.as_str() == b.as_str());
        Redactor { needles }
    }

    /// Marks every byte of `text` that belongs to an occurrence of a needle
    /// starting before `starts_below`. The mask ends where the last such
    /// occurrence could end, so a long text costs no more than a short one.
    fn mask(&self, text: &str, starts_below: usize) -> Vec<bool> {
        let bytes = text.as_bytes();
        let longest = self.needles.iter().map(|n| n.len()).max().unwrap_or(0);
        let mut mask = vec![false; bytes.len().min(starts_below.saturating_add(longest))];
        for needle in &self.needles {
            let needle = needle.as_bytes();
            for start in 0..starts_below.min(bytes.len()) {
                if bytes[start..].starts_with(needle) {
                    mask[start..start + needle.len()].fill(true);
                }
            }
        }
        mask
    }

    /// Whether any needle occurs in `text`.
    pub(crate) fn touches(&self, text: &str) -> bool {
        self.mask(text, text.len()).contains(&true)
    }

    /// Whether a needle shorter than [`SHORT_SECRET_BYTES`] occurs in `text`.
    pub(crate) fn holds_short_secret(&self, text: &str) -> bool {
        self.needles
            .iter()
            .any(|needle| needle.len() < SHORT_SECRET_BYTES && occurs(text.as_bytes(), needle.as_bytes()))
    }

    /// Whether any needle occurs in `name`, ASCII case aside: header names
    /// reach the engine lower-cased (by `Headers`, and by the SDK's answer
    /// reader), a secret in one need not be.
    pub(crate) fn touches_name(&self, name: &str) -> bool {
        let name = Zeroizing::new(name.to_ascii_lowercase());
        self.needles.iter().any(|needle| {
            let needle = Zeroizing::new(needle.to_ascii_lowercase());
            occurs(name.as_bytes(), needle.as_bytes())
        })
    }

    /// `text` with each run of secret bytes replaced by [`REDACTED`], cut
    /// to at most `keep` bytes of its own text (a run that starts before
    /// the cut is shown as [`REDACTED`] whole, never in part).
    ///
    /// Needles match whole UTF-8 sequences, so every run starts and ends
    /// on a character boundary, and so do the slices below.
    pub(crate) fn redact(&self, text: &str, keep: usize) -> String {
        let cut = (0..=keep.min(text.len()))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let mask = self.mask(text, cut);
        let mut out = String::with_capacity(cut);
        // A `for` over the mask, not index arithmetic: the scan ends by
        // construction, and so does the text it writes.
        let mut plain_from = 0;
        let mut stop = mask.len();
        for (i, &masked) in mask.iter().enumerate() {
            if masked && (i == 0 || !mask[i - 1]) {
                out.push_str(text.get(plain_from..i).unwrap_or_default());
                out.push_str(REDACTED);
            }
            if masked {
                plain_from = i + 1;
            } else if i >= cut {
                stop = i;
                break;
            }
        }
        // The plain text up to the cut (none if a run went past it).
        out.push_str(text.get(plain_from..cut).unwrap_or_default());
        if stop < text.len() {
            out.push_str(TRUNCATED);
        }
        out
    }
}

/// Whether `needle` occurs in `haystack`: the plain scan [`Redactor::mask`]
/// makes too (`str::contains` would bring a second searcher into the
/// `.wasm`, several kilobytes, for texts of a few kilobytes at most).
fn occurs(haystack: &[u8], needle: &[u8]) -> bool {
    (0..haystack.len()).any(|start| haystack[start..].starts_with(needle))
}

/// The forms of `secret` a server or proxy may echo: as is, and encoded.
fn push_needles(needles: &mut Vec<Zeroizing<String>>, secret: &str) {
    needles.push(Zeroizing::new(secret.to_owned()));
    // As this crate sends it in a form, and as the two encoders a
    // server or proxy most likely re-encodes it with:
    // `encodeURIComponent` and `URLSearchParams` (space as `+`).
    let mut encoded = Zeroizing::new(String::new());
    form::encode_value(&mut encoded, secret);
    needles.push(encoded);
    needles.push(percent_encoded(secret, |b| b"-_.!~*'()".contains(&b), false));
    needles.push(percent_encoded(secret, |b| b"*-._".contains(&b), true));
    let mut quoted = Zeroizing::new(String::new());
    json::write_str(&mut quoted, secret);
    // Without its quotes: the escaped text as it sits inside a string.
    let escaped = quoted.get(1..quoted.len() - 1).unwrap_or_default();
    needles.push(Zeroizing::new(escaped.to_owned()));
    // JSON with every non-ASCII character as `\uXXXX`, as ASCII-only
    // JSON writers (Python's default, for one) send it.
    for upper in [false, true] {
        needles.push(Zeroizing::new(ascii_json(escaped, upper)));
    }
}

/// `text` percent-encoded (see [`push_percent`]), wiped when dropped.
fn percent_encoded(text: &str, keep: fn(u8) -> bool, space_plus: bool) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(text.len() * 3));
    push_percent(&mut out, text, keep, space_plus);
    out
}

/// JSON-escaped `escaped` (ASCII escapes already in place) with every
/// non-ASCII character written as `\uXXXX` (astral ones as a surrogate pair).
fn ascii_json(escaped: &str, upper: bool) -> String {
    let mut out = String::with_capacity(escaped.len() * 2);
    for c in escaped.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            out.push_str("\\u");
            for byte in unit.to_be_bytes() {
                push_hex(&mut out, byte, upper);
            }
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const KEY: &str = "Bearer sk_test_51Key";

    /// The redactor a create with `payload` gets.
    fn call(payload: &str) -> Redactor {
        Redactor::new(&[payload, KEY, "sk_test_51Key"])
    }

    #[test]
    fn re_encoded_echoes_are_redacted() {
        let payload = "a b!~'()*\u{e9}\u{1F510}";
        let redactor = call(payload);
        for echo in [
            // encodeURIComponent
            "a%20b!~'()*%C3%A9%F0%9F%94%90",
            // URLSearchParams
            "a+b%21%7E%27%28%29*%C3%A9%F0%9F%94%90",
            // ASCII-only JSON, lower and upper case hex, a surrogate pair
            "a b!~'()*\\u00e9\\ud83d\\udd10",
            "a b!~'()*\\u00E9\\uD83D\\uDD10",
        ] {
            assert_eq!(
                redactor.redact(&format!("<{echo}>"), 4096),
                "<[redacted]>",
                "{echo}"
            );
        }
        assert_eq!(ascii_json("\u{e9}x\u{1F510}", false), "\\u00e9x\\ud83d\\udd10");
        assert_eq!(ascii_json("\u{e9}", true), "\\u00E9");
        assert_eq!(ascii_json("plain", true), "plain");
    }

    #[test]
    fn a_redactor_with_a_payload_is_the_one_made_with_both() {
        // The store makes its key's needles once and adds each call's payload.
        let key = Redactor::new(&[KEY, "sk_test_51Key"]);
        let payload = "p&q=r s+ü";
        let both = Redactor::new(&[payload, KEY, "sk_test_51Key"]);
        let with = key.with(payload);
        for text in [
            format!("a {payload} b"),
            "a p%26q%3Dr%20s%2B%C3%BC b".to_owned(),
            "a p%26q%3Dr+s%2B%C3%BC b".to_owned(),
            "a p&q=r s+\\u00fc b".to_owned(),
            format!("a {KEY} b"),
        ] {
            assert_eq!(with.redact(&text, 100), both.redact(&text, 100), "{text}");
            assert_eq!(with.redact(&text, 100), "a [redacted] b", "{text}");
        }
        // The key's own redactor is left as it was.
        assert_eq!(
            key.redact(&format!("a {payload} b"), 100),
            format!("a {payload} b")
        );
    }
}
