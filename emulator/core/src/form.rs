//! `application/x-www-form-urlencoded` decoding (query strings and POST bodies).
//!
//! Strict where browsers are lenient: a stray `%` or bytes that are not UTF-8
//! are errors, because Stripe answers them with a 400 rather than guessing.

use crate::errors::ApiError;
use crate::limits::MAX_PARAMS;

/// Decodes `a=1&b[c]=2` into ordered `(key, value)` pairs.
///
/// `+` is a space, `%2B` a plus; empty segments (`a=1&&b=2`) are skipped and a
/// segment without `=` is a key with an empty value.
pub fn decode(input: &[u8]) -> Result<Vec<(String, String)>, ApiError> {
    let segments: Vec<&[u8]> = input.split(|&b| b == b'&').filter(|s| !s.is_empty()).collect();
    if segments.len() > MAX_PARAMS {
        return Err(too_many(segments.len()));
    }
    segments
        .into_iter()
        .map(|segment| {
            let (key, value) = match segment.iter().position(|&b| b == b'=') {
                Some(i) => (&segment[..i], &segment[i + 1..]),
                None => (segment, &segment[segment.len()..]),
            };
            Ok((component(key)?, component(value)?))
        })
        .collect()
}

/// The 400 for more than [`MAX_PARAMS`] pairs.
pub fn too_many(count: usize) -> ApiError {
    ApiError::invalid(format!(
        "Too many parameters: this request has {count}, at most {MAX_PARAMS} are accepted."
    ))
}

/// Decodes one key or value.
fn component(raw: &[u8]) -> Result<String, ApiError> {
    let mut bytes = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => bytes.push(b' '),
            b'%' => {
                let hi = raw.get(i + 1).and_then(|&b| hex(b));
                let lo = raw.get(i + 2).and_then(|&b| hex(b));
                match (hi, lo) {
                    (Some(hi), Some(lo)) => bytes.push(hi << 4 | lo),
                    _ => {
                        return Err(ApiError::invalid(
                            "Invalid request: the parameters contain malformed percent-encoding \
                             (every % must be followed by two hex digits).",
                        ))
                    }
                }
                i += 2;
            }
            b => bytes.push(b),
        }
        i += 1;
    }
    String::from_utf8(bytes)
        .map_err(|_| ApiError::invalid("Invalid request: the parameters are not valid UTF-8 once decoded."))
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_plus_and_percent() {
        let pairs = decode(b"a=x+y%20z%2B&scope%5Btype%5D=user&&flag").unwrap();
        assert_eq!(
            pairs,
            vec![
                ("a".into(), "x y z+".into()),
                ("scope[type]".into(), "user".into()),
                ("flag".into(), String::new()),
            ]
        );
    }

    #[test]
    fn rejects_bad_input() {
        assert!(decode(b"a=%zz").is_err());
        assert!(decode(b"a=%4").is_err());
        assert!(decode(b"a=%ff").is_err());
        assert!(decode("a=1&".repeat(1001).as_bytes()).is_err());
    }
}
