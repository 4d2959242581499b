//! Bracket notation: turns decoded pairs into Stripe's nested params.
//!
//! Only one level is meaningful for this API (`scope[type]`, `expand[]`,
//! `expand[0]`); deeper keys are refused rather than silently flattened.

use crate::errors::ApiError;

/// One top-level param.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Str(String),
    /// `scope[type]=…`: sub-keys in the order first seen; a repeated sub-key keeps the last value.
    Hash(Vec<(String, String)>),
    /// `expand[]=…` or `expand[0]=…`, in the order received.
    Array(Vec<String>),
}

/// All params of a request, top-level keys in the order first seen.
#[derive(Debug, Clone, Default)]
pub struct Params {
    entries: Vec<(String, Value)>,
}

impl Params {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_str())
    }
}

/// How the key of one pair is shaped.
enum Key<'a> {
    Plain(&'a str),
    Sub(&'a str, &'a str),
    Push(&'a str),
}

/// Builds the nested params from decoded pairs.
pub fn build(pairs: &[(String, String)]) -> Result<Params, ApiError> {
    let mut params = Params::default();
    for (raw_key, value) in pairs {
        let key = parse_key(raw_key)?;
        let base = match key {
            Key::Plain(b) | Key::Sub(b, _) | Key::Push(b) => b,
        };
        let slot = match params.entries.iter().position(|(k, _)| k == base) {
            Some(i) => Some(&mut params.entries[i].1),
            None => None,
        };
        let conflict = || {
            ApiError::invalid(format!(
                "Invalid request: '{base}' was sent both as a single value and as a hash or array."
            ))
            .with_param(base)
        };
        match (key, slot) {
            // Like Rack (which Stripe uses), a repeated plain key keeps the last value.
            (Key::Plain(_), Some(Value::Str(s))) => *s = value.clone(),
            (Key::Sub(_, sub), Some(Value::Hash(h))) => match h.iter_mut().find(|(k, _)| k == sub) {
                Some((_, v)) => *v = value.clone(),
                None => h.push((sub.to_owned(), value.clone())),
            },
            (Key::Push(_), Some(Value::Array(a))) => a.push(value.clone()),
            (_, Some(_)) => return Err(conflict()),
            (key, None) => {
                let fresh = match key {
                    Key::Plain(_) => Value::Str(value.clone()),
                    Key::Sub(_, sub) => Value::Hash(vec![(sub.to_owned(), value.clone())]),
                    Key::Push(_) => Value::Array(vec![value.clone()]),
                };
                params.entries.push((base.to_owned(), fresh));
            }
        }
    }
    Ok(params)
}

fn parse_key(raw: &str) -> Result<Key<'_>, ApiError> {
    let invalid = || {
        ApiError::invalid(format!(
            "Invalid parameter name '{}': expected name, name[key], name[] or name[0].",
            truncate(raw)
        ))
    };
    let Some(open) = raw.find('[') else {
        if raw.contains(']') || raw.is_empty() {
            return Err(invalid());
        }
        return Ok(Key::Plain(raw));
    };
    let base = &raw[..open];
    let rest = &raw[open + 1..];
    let close = rest.find(']').ok_or_else(invalid)?;
    let inner = &rest[..close];
    let after = &rest[close + 1..];
    if base.is_empty() || base.contains(']') || inner.contains('[') {
        return Err(invalid());
    }
    if after.starts_with('[') {
        return Err(ApiError::invalid(format!(
            "Invalid parameter name '{}': params nested deeper than one level (name[key]) are \
             not accepted by this API.",
            truncate(raw)
        ))
        .with_param(base));
    }
    if !after.is_empty() {
        return Err(invalid());
    }
    if inner.is_empty() || inner.bytes().all(|b| b.is_ascii_digit()) {
        Ok(Key::Push(base))
    } else {
        Ok(Key::Sub(base, inner))
    }
}

/// Keeps error messages short when a key is huge.
fn truncate(s: &str) -> String {
    s.chars().take(100).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn nests_one_level() {
        let p = build(&pairs(&[
            ("name", "a"),
            ("scope[type]", "user"),
            ("scope[user]", "usr_1"),
            ("expand[]", "payload"),
            ("expand[1]", "x"),
        ]))
        .unwrap();
        assert_eq!(p.get("name"), Some(&Value::Str("a".into())));
        assert_eq!(
            p.get("scope"),
            Some(&Value::Hash(vec![
                ("type".into(), "user".into()),
                ("user".into(), "usr_1".into())
            ]))
        );
        assert_eq!(
            p.get("expand"),
            Some(&Value::Array(vec!["payload".into(), "x".into()]))
        );
    }

    #[test]
    fn refuses_deep_and_malformed_keys() {
        for key in ["scope[type][a]", "scope[type", "[x]", "a]", "scope[a]b", ""] {
            assert!(build(&pairs(&[(key, "v")])).is_err(), "{key}");
        }
        assert!(build(&pairs(&[("scope", "x"), ("scope[type]", "user")])).is_err());
    }
}
