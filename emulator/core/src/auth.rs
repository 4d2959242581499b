//! Who is calling: an app backend (test key) or a UI extension of one user.
//! The key comes as `Authorization: Bearer KEY` or as HTTP Basic with the key
//! as user name and an empty password, the two forms Stripe takes.

use crate::errors::ApiError;
use crate::head::Head;
use crate::store::Scope;

/// The placeholder key that the UI extension SDK sends.
pub const EXTENSION_KEY: &str = "DO_NOT_PASS_A_REAL_API_KEY";
/// Names the Dashboard user a placeholder-key request acts for (an emulator invention).
pub const USER_HEADER: &str = "stripe-emulator-user";

/// The authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// `sk_test_…` or `rk_test_…`: may use any scope.
    Backend(String),
    /// The placeholder key plus `Stripe-Emulator-User`: account scope or this user only.
    Extension(String),
}

impl Identity {
    /// Idempotency keys are remembered per caller, like Stripe does per key.
    pub fn cache_key(&self) -> String {
        match self {
            Identity::Backend(key) => format!("key:{key}"),
            Identity::Extension(user) => format!("ext:{user}"),
        }
    }

    /// Enforces the UI-extension rule that Stripe enforces on its side.
    pub fn may_use(&self, scope: &Scope) -> Result<(), ApiError> {
        match (self, scope) {
            (Identity::Extension(me), Scope::User(other)) if me != other => Err(ApiError::invalid(format!(
                "A UI extension acting for {me} may only use account-scoped secrets or \
                     secrets scoped to user {me}, not secrets of user {other}."
            ))
            .with_status(403)
            .with_code("secret_scope_not_allowed")
            .with_param("scope[user]")),
            _ => Ok(()),
        }
    }
}

/// Reads `Authorization` (and `Stripe-Emulator-User` for the placeholder key).
pub fn identify(head: &Head) -> Result<Identity, ApiError> {
    if head.get("authorization").is_none() {
        return Err(ApiError::unauthorized(
            "You did not provide an API key. You need to provide your API key in the \
             Authorization header, using Bearer auth (e.g. 'Authorization: Bearer \
             YOUR_SECRET_KEY').",
        ));
    }
    let value = head.text("authorization").unwrap_or("");
    let key = credentials(value)?;
    let key = key.as_str();

    if key == EXTENSION_KEY {
        return extension_user(head).map(Identity::Extension);
    }
    for live in ["sk_live_", "rk_live_"] {
        if key.starts_with(live) {
            return Err(ApiError::unauthorized(
                "Live mode keys are refused by the emulator: use a test mode key (sk_test_… or \
                 rk_test_…).",
            ));
        }
    }
    let valid = ["sk_test_", "rk_test_"].iter().any(|prefix| {
        key.strip_prefix(prefix).is_some_and(|rest| {
            !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
    });
    if valid {
        Ok(Identity::Backend(key.to_owned()))
    } else {
        Err(ApiError::unauthorized(format!(
            "Invalid API Key provided: {}",
            redact(key)
        )))
    }
}

/// The key an `Authorization` value carries, as Stripe takes it: `Bearer KEY`,
/// or HTTP Basic with the key as user name and an empty password
/// (`Basic base64("KEY:")`, what `curl -u KEY:` sends). The key is then
/// checked the same way whichever form carried it.
fn credentials(value: &str) -> Result<String, ApiError> {
    let bearer = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "));
    if let Some(key) = bearer {
        return Ok(key.trim().to_owned());
    }
    let basic = value
        .strip_prefix("Basic ")
        .or_else(|| value.strip_prefix("basic "));
    if let Some(encoded) = basic {
        return basic_user(encoded.trim()).ok_or_else(|| {
            ApiError::unauthorized(
                "Invalid Authorization header: Basic credentials must be the base64 of \
                 'YOUR_SECRET_KEY:' (the key as user name and an empty password, as \
                 'curl -u YOUR_SECRET_KEY:' sends).",
            )
        });
    }
    Err(ApiError::unauthorized(
        "Invalid Authorization header: expected 'Authorization: Bearer YOUR_SECRET_KEY' or \
         HTTP Basic auth with the key as user name and an empty password.",
    ))
}

/// The user name of Basic credentials `base64(user ":")`; `None` unless they
/// decode to text with a colon and nothing after it.
fn basic_user(encoded: &str) -> Option<String> {
    let decoded = String::from_utf8(base64_decode(encoded)?).ok()?;
    let (user, password) = decoded.split_once(':')?;
    password.is_empty().then(|| user.to_owned())
}

/// Standard base64 (`+`, `/`), padded or not; `None` for anything else.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let digits = match bytes.iter().position(|&b| b == b'=') {
        // Padding: one or two `=`, only at the end, completing a group of four.
        Some(at) => {
            let padding = &bytes[at..];
            let completes = padding.len() <= 2 && at % 4 + padding.len() == 4;
            if !completes || padding.iter().any(|&b| b != b'=') {
                return None;
            }
            &bytes[..at]
        }
        None => bytes,
    };
    if digits.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(digits.len() / 4 * 3 + 2);
    let mut bits: u32 = 0;
    let mut held = 0;
    for &b in digits {
        let value = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(value);
        held += 6;
        if held >= 8 {
            held -= 8;
            // The low byte of what is held: the cast keeps exactly those 8 bits.
            out.push((bits >> held) as u8);
            bits &= (1 << held) - 1;
        }
    }
    Some(out)
}

fn extension_user(head: &Head) -> Result<String, ApiError> {
    let user = head.text(USER_HEADER).map(str::trim).unwrap_or("");
    if is_user_id(user) {
        Ok(user.to_owned())
    } else {
        Err(ApiError::unauthorized(
            "The UI-extension placeholder key needs a 'Stripe-Emulator-User: usr_…' header \
             naming the Dashboard user the extension acts for.",
        ))
    }
}

/// `usr_` followed by letters and digits.
pub fn is_user_id(s: &str) -> bool {
    s.strip_prefix("usr_")
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Like Stripe, shows only the start and the last four characters of a bad key.
fn redact(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() <= 12 {
        return "*".repeat(chars.len().min(12));
    }
    let head: String = chars[..8].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_auth(value: &[u8]) -> Head {
        let mut head = Head::new("GET", "/v1/apps/secrets");
        head.push("Authorization", value);
        head
    }

    #[test]
    fn keys() {
        assert!(identify(&Head::new("GET", "/")).is_err());
        assert_eq!(
            identify(&with_auth(b"Bearer sk_test_abc")).unwrap(),
            Identity::Backend("sk_test_abc".into())
        );
        assert_eq!(
            identify(&with_auth(b"Bearer sk_live_abc")).unwrap_err().status,
            401
        );
        assert_eq!(
            identify(&with_auth(b"Bearer sk_test_\xff")).unwrap_err().status,
            401
        );
        let mut ext = with_auth(b"Bearer DO_NOT_PASS_A_REAL_API_KEY");
        assert!(identify(&ext).is_err());
        ext.push("Stripe-Emulator-User", "usr_1");
        assert_eq!(identify(&ext).unwrap(), Identity::Extension("usr_1".into()));
    }

    /// `Basic` and the base64 of `text`.
    fn basic(text: &str) -> Head {
        let mut encoded = String::new();
        const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for chunk in text.as_bytes().chunks(3) {
            let n = chunk.iter().fold(0u32, |n, &b| n << 8 | u32::from(b)) << (8 * (3 - chunk.len()));
            for i in 0..4 {
                if i <= chunk.len() {
                    encoded.push(char::from(DIGITS[(n >> (18 - 6 * i) & 63) as usize]));
                } else {
                    encoded.push('=');
                }
            }
        }
        with_auth(format!("Basic {encoded}").as_bytes())
    }

    #[test]
    fn basic_auth_takes_the_key_as_user_name() {
        assert_eq!(
            identify(&basic("sk_test_abc:")).unwrap(),
            Identity::Backend("sk_test_abc".into())
        );
        // What `curl -u sk_test_x:` sends, lowercase scheme and no padding too.
        assert_eq!(
            identify(&with_auth(b"Basic c2tfdGVzdF94Og==")).unwrap(),
            Identity::Backend("sk_test_x".into())
        );
        assert_eq!(
            identify(&with_auth(b"basic c2tfdGVzdF94Og")).unwrap(),
            Identity::Backend("sk_test_x".into())
        );
        assert_eq!(
            identify(&basic("rk_test_1:")).unwrap(),
            Identity::Backend("rk_test_1".into())
        );
        // The same key is the same caller, whichever form carries it.
        assert_eq!(
            identify(&basic("sk_test_abc:")).unwrap().cache_key(),
            identify(&with_auth(b"Bearer sk_test_abc")).unwrap().cache_key()
        );
        let mut ext = basic("DO_NOT_PASS_A_REAL_API_KEY:");
        assert!(identify(&ext).is_err());
        ext.push("Stripe-Emulator-User", "usr_1");
        assert_eq!(identify(&ext).unwrap(), Identity::Extension("usr_1".into()));
    }

    #[test]
    fn basic_auth_checks_the_key_as_bearer_does() {
        for (text, says) in [
            ("sk_live_abc:", "Live mode keys"),
            ("rk_live_abc:", "Live mode keys"),
            ("pk_test_abc:", "Invalid API Key"),
            ("sk_test_:", "Invalid API Key"),
            ("sk_test_a b:", "Invalid API Key"),
            (":", "Invalid API Key"),
        ] {
            let error = identify(&basic(text)).unwrap_err();
            assert_eq!((error.status, error.code), (401, None), "{text}");
            assert!(error.message.contains(says), "{text}: {}", error.message);
        }
    }

    #[test]
    fn malformed_basic_credentials_are_401() {
        let malformed = [
            basic("sk_test_abc"),
            basic("sk_test_abc:password"),
            basic(":sk_test_abc"),
            with_auth(b"Basic"),
            with_auth(b"Basic "),
            with_auth(b"Basic !!!!"),
            with_auth(b"Basic c2tfdGVzdF94Og="),
            with_auth(b"Basic c2tfdGVzdF94Og==="),
            with_auth(b"Basic c2tfdGVz=dF94Og=="),
            with_auth(b"Basic c2tfdGVzdF94O"),
            with_auth(b"Basic c2tf dGVzdF94Og=="),
            with_auth(b"Basic c2tfdGVzdF94Og-_"),
            with_auth(b"Basic /w=="),
            with_auth(b"BASIC c2tfdGVzdF94Og=="),
            with_auth(b"Digest c2tfdGVzdF94Og=="),
        ];
        for head in malformed {
            let error = identify(&head).unwrap_err();
            assert_eq!(
                (error.status, error.kind, error.code),
                (401, "invalid_request_error", None)
            );
            assert!(
                error.message.starts_with("Invalid Authorization header"),
                "{}",
                error.message
            );
        }
    }

    #[test]
    fn base64_decodes_padded_and_unpadded() {
        assert_eq!(base64_decode("").unwrap(), b"");
        assert_eq!(base64_decode("YQ==").unwrap(), b"a");
        assert_eq!(base64_decode("YQ").unwrap(), b"a");
        assert_eq!(base64_decode("YWI=").unwrap(), b"ab");
        assert_eq!(base64_decode("YWJj").unwrap(), b"abc");
        assert_eq!(base64_decode("+/+/").unwrap(), [0xfb, 0xff, 0xbf]);
        for bad in ["Y", "YQ=", "YQ===", "=", "====", "YQ=a", "Y-Q="] {
            assert!(base64_decode(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn extensions_reach_their_user_and_the_account() {
        let me = Identity::Extension("usr_1".into());
        assert!(me.may_use(&Scope::Account).is_ok());
        assert!(me.may_use(&Scope::User("usr_1".into())).is_ok());
        assert_eq!(me.may_use(&Scope::User("usr_2".into())).unwrap_err().status, 403);
    }
}
