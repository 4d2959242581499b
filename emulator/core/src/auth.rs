//! Who is calling: an app backend (test key) or a UI extension of one user.

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
    let key = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .ok_or_else(|| {
            ApiError::unauthorized(
                "Invalid Authorization header: expected 'Authorization: Bearer YOUR_SECRET_KEY'.",
            )
        })?;

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

    #[test]
    fn extensions_reach_their_user_and_the_account() {
        let me = Identity::Extension("usr_1".into());
        assert!(me.may_use(&Scope::Account).is_ok());
        assert!(me.may_use(&Scope::User("usr_1".into())).is_ok());
        assert_eq!(me.may_use(&Scope::User("usr_2".into())).unwrap_err().status, 403);
    }
}
