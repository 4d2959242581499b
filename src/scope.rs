//! The rule: a UI extension may reach the account scope and its own user's
//! scope, nothing else. Every operation passes through [`CallerIdentity::allow`]
//! before any I/O; every Secret in an answer through [`check_response_scope`].

use std::fmt;

use crate::error::{Error, ErrorKind};

/// Where a secret lives.
///
/// ```
/// use stripe_apps_secrets::Scope;
/// let shared = Scope::Account;
/// let mine = Scope::user("usr_1N2k");
/// assert_eq!(mine.user_id(), Some("usr_1N2k"));
/// assert_eq!(shared.type_name(), "account");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Shared by every user of the app on the account.
    Account,
    /// Private to one Dashboard user (`usr_...`).
    User(String),
}

impl Scope {
    /// The user scope of `user_id`.
    pub fn user(user_id: impl Into<String>) -> Self {
        Scope::User(user_id.into())
    }

    /// `"account"` or `"user"`, as Stripe spells `scope[type]`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Scope::Account => "account",
            Scope::User(_) => "user",
        }
    }

    /// The user of a user scope.
    pub fn user_id(&self) -> Option<&str> {
        match self {
            Scope::Account => None,
            Scope::User(id) => Some(id),
        }
    }
}

/// Who is calling: the Dashboard user the extension runs for, if any.
/// Fixed when the store is built.
#[derive(Clone, PartialEq, Eq)]
pub struct CallerIdentity {
    user_id: Option<String>,
}

impl fmt::Debug for CallerIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallerIdentity")
            .field("user_id", &self.user_id)
            .finish()
    }
}

impl CallerIdentity {
    /// A caller that may use the account scope and, given a user id, that
    /// user's scope. An empty user id is refused.
    pub fn new(user_id: Option<String>) -> Result<Self, Error> {
        if user_id.as_deref() == Some("") {
            return Err(Error::invalid_param(
                "userId",
                "userId must be a non-empty string (userContext.id).",
            ));
        }
        Ok(CallerIdentity { user_id })
    }

    pub fn user_id(&self) -> Option<&str> {
        self.user_id.as_deref()
    }

    /// The rule. Byte-for-byte comparison: no trimming, case folding or
    /// Unicode normalisation, so look-alike ids are other users.
    pub fn allow(&self, scope: &Scope) -> Result<(), Error> {
        match (scope, &self.user_id) {
            (Scope::Account, _) => Ok(()),
            (Scope::User(asked), Some(own)) if asked == own => Ok(()),
            (Scope::User(_), Some(_)) => Err(refusal(
                "scope[user]",
                "scope.user must be this store's own userId; another user's secrets are out of reach.",
            )),
            (Scope::User(_), None) => Err(refusal(
                "scope[user]",
                "This store has no userId (the userContext.id of the view's props), so only the account scope is allowed.",
            )),
        }
    }
}

/// Every Secret an answer holds must be of the scope the call asked for:
/// a server (or a stand-in for one) that answers with another scope's secret
/// is not believed, and that secret never reaches the caller.
pub fn check_response_scope(requested: &Scope, answered: Option<&Scope>) -> Result<(), Error> {
    if answered == Some(requested) {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::Scope,
            "The answer held a secret of another scope than the one asked for; it was withheld.",
        )
        .with_code("scope_mismatch_in_response"))
    }
}

/// A call the rule refuses: `StripeScopeError` coded `scope_not_allowed`.
pub(crate) fn refusal(param: &str, message: &str) -> Error {
    Error::new(ErrorKind::Scope, message)
        .with_code("scope_not_allowed")
        .with_param(param)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const OWN: &str = "usr_alice";

    fn alice() -> CallerIdentity {
        CallerIdentity::new(Some(OWN.into())).unwrap()
    }

    fn refused(caller: &CallerIdentity, scope: &Scope) -> Error {
        let error = caller.allow(scope).expect_err("should be refused");
        assert_eq!(error.type_name(), "StripeScopeError");
        assert_eq!(error.code(), Some("scope_not_allowed"));
        assert_eq!(error.param(), Some("scope[user]"));
        error
    }

    #[test]
    fn look_alike_users_are_other_users() {
        let caller = alice();
        for other in [
            "usr_bob",
            "usr_alice ",
            " usr_alice",
            "USR_ALICE",
            "usr_Alice",
            "usr_alice\u{200b}",
            "usr_alice\0",
            "ｕｓｒ＿ａｌｉｃｅ",
            "usr_alic",
            "usr_alice\n",
            "",
        ] {
            refused(&caller, &Scope::user(other));
        }
    }

    #[test]
    fn refusals_say_what_is_allowed() {
        assert_eq!(
            refused(&alice(), &Scope::user("usr_bob")).message(),
            "scope.user must be this store's own userId; another user's secrets are out of reach."
        );
        let anonymous = CallerIdentity::new(None).unwrap();
        assert_eq!(
            refused(&anonymous, &Scope::user(OWN)).message(),
            "This store has no userId (the userContext.id of the view's props), so only the account scope is allowed."
        );
    }

    #[test]
    fn without_user_id_only_the_account_scope() {
        let caller = CallerIdentity::new(None).unwrap();
        assert!(caller.allow(&Scope::Account).is_ok());
        refused(&caller, &Scope::user(OWN));
        refused(&caller, &Scope::user(""));
    }

    #[test]
    fn empty_user_id_is_refused() {
        let error = CallerIdentity::new(Some(String::new())).unwrap_err();
        assert_eq!(error.param(), Some("userId"));
    }

    #[test]
    fn the_caller_shows_its_user() {
        assert_eq!(alice().user_id(), Some(OWN));
        assert_eq!(CallerIdentity::new(None).unwrap().user_id(), None);
        assert_eq!(
            format!("{:?}", alice()),
            "CallerIdentity { user_id: Some(\"usr_alice\") }"
        );
        assert_eq!(Scope::user(OWN).user_id(), Some(OWN));
        assert_eq!(Scope::Account.user_id(), None);
        assert_eq!(
            (Scope::Account.type_name(), Scope::user(OWN).type_name()),
            ("account", "user")
        );
    }

    #[test]
    fn typed_scopes_pass_the_same_rule() {
        let caller = alice();
        assert!(caller.allow(&Scope::Account).is_ok());
        assert!(caller.allow(&Scope::user(OWN)).is_ok());
        assert!(caller.allow(&Scope::user("usr_bob")).is_err());
    }

    #[test]
    fn answers_must_match_the_asked_scope() {
        let own = Scope::user(OWN);
        assert!(check_response_scope(&own, Some(&own)).is_ok());
        for answered in [Some(Scope::Account), Some(Scope::user("usr_bob")), None] {
            let error = check_response_scope(&own, answered.as_ref()).unwrap_err();
            assert_eq!(error.code(), Some("scope_mismatch_in_response"));
        }
        assert!(check_response_scope(&Scope::Account, Some(&own)).is_err());
    }
}
