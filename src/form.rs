//! Stripe's form encoding: `key=value` pairs joined by `&`, nested keys in
//! brackets (`scope[type]`), arrays indexed (`expand[0]`).
//!
//! Keys are written by this crate and keep their brackets raw, as
//! stripe-node sends them. Values are the caller's: every byte outside
//! `A-Z a-z 0-9 - _ . ~` is percent-encoded (space as `%20`), so no value can
//! end its pair or start another.

use zeroize::Zeroize;

use crate::encode::{push_decimal, push_percent};

/// A form being built. Wiped when dropped: it may hold a payload.
#[derive(Default)]
pub struct Form {
    encoded: String,
}

impl Form {
    pub fn new() -> Self {
        Form::default()
    }

    /// Appends one pair. `key` must be one of this crate's literal keys.
    pub fn push(&mut self, key: &str, value: &str) {
        if !self.encoded.is_empty() {
            self.encoded.push('&');
        }
        self.encoded.push_str(key);
        self.encoded.push('=');
        encode_value(&mut self.encoded, value);
    }

    /// Appends `expand[0]=...`, `expand[1]=...`.
    pub fn push_expand(&mut self, expand: &[String]) {
        let mut key = String::new();
        for (i, field) in expand.iter().enumerate() {
            key.clear();
            key.push_str("expand[");
            push_decimal(&mut key, i as i64);
            key.push(']');
            self.push(&key, field);
        }
    }

    pub fn as_str(&self) -> &str {
        &self.encoded
    }

    pub fn is_empty(&self) -> bool {
        self.encoded.is_empty()
    }
}

impl Drop for Form {
    fn drop(&mut self) {
        self.encoded.zeroize();
    }
}

/// Appends `value` percent-encoded, exactly as it goes on the wire.
pub(crate) fn encode_value(out: &mut String, value: &str) {
    push_percent(
        out,
        value,
        |byte| matches!(byte, b'-' | b'_' | b'.' | b'~'),
        false,
    );
}

/// Decodes a form back into pairs, as a server would. Used by the tests.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub fn decode(text: &str) -> Vec<(String, String)> {
    fn unescape(part: &str) -> String {
        let bytes = part.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'%' => {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                    out.push(u8::from_str_radix(hex, 16).unwrap());
                    i += 3;
                }
                b'+' => {
                    out.push(b' ');
                    i += 1;
                }
                b => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        String::from_utf8(out).unwrap()
    }
    if text.is_empty() {
        return Vec::new();
    }
    text.split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            (unescape(k), unescape(v))
        })
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn encodes_like_stripe_node() {
        let mut form = Form::new();
        form.push("name", "my key");
        form.push("payload", "a&b=c+d%e 🔐");
        form.push("scope[type]", "user");
        form.push("scope[user]", "usr_1");
        form.push_expand(&["payload".to_string()]);
        assert_eq!(
            form.as_str(),
            "name=my%20key&payload=a%26b%3Dc%2Bd%25e%20%F0%9F%94%90&scope[type]=user&scope[user]=usr_1&expand[0]=payload"
        );
    }

    #[test]
    fn brackets_in_values_are_escaped() {
        let mut form = Form::new();
        form.push("name", "scope[type]=account");
        assert_eq!(form.as_str(), "name=scope%5Btype%5D%3Daccount");
    }

    proptest! {
        #[test]
        fn any_value_round_trips(a in any::<String>(), b in any::<String>()) {
            let mut form = Form::new();
            form.push("name", &a);
            form.push("payload", &b);
            prop_assert_eq!(
                decode(form.as_str()),
                vec![("name".to_string(), a), ("payload".to_string(), b)]
            );
        }

        #[test]
        fn no_value_adds_a_parameter(value in ".*") {
            let mut form = Form::new();
            form.push("payload", &value);
            let encoded = form.as_str();
            prop_assert_eq!(encoded.matches('&').count(), 0);
            prop_assert_eq!(encoded.matches('=').count(), 1);
            prop_assert!(encoded.bytes().all(|b| b.is_ascii_graphic()));
        }
    }
}
