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
                "This store has no userId, so only the account scope is allowed.",
            )),
        }
    }

    /// Resolves a scope as a JS caller wrote it, then applies the rule.
    pub fn resolve(&self, input: ScopeInput) -> Result<Scope, Error> {
        let scope = match input {
            ScopeInput::Missing => return Err(Error::missing_param("scope")),
            ScopeInput::Shorthand(text) => match text.as_str() {
                "account" => Scope::Account,
                "user" => match &self.user_id {
                    Some(own) => Scope::User(own.clone()),
                    None => {
                        return Err(refusal(
                            "scope",
                            "scope 'user' needs a store built with a userId.",
                        ))
                    }
                },
                _ => {
                    return Err(refusal(
                        "scope",
                        "scope must be 'account', 'user', or { type, user }.",
                    ))
                }
            },
            ScopeInput::NotAnObject => {
                return Err(refusal(
                    "scope",
                    "scope must be 'account', 'user', or a plain { type, user } object.",
                ))
            }
            ScopeInput::Fields(fields) => self.scope_from_fields(fields)?,
        };
        self.allow(&scope)?;
        Ok(scope)
    }

    fn scope_from_fields(&self, fields: Vec<(String, FieldValue)>) -> Result<Scope, Error> {
        let mut scope_type = None;
        let mut user = None;
        for (key, value) in fields {
            let slot = match key.as_str() {
                "type" => &mut scope_type,
                "user" => &mut user,
                _ => {
                    return Err(refusal(
                        "scope",
                        "scope may hold only the keys 'type' and 'user'.",
                    ))
                }
            };
            match value {
                FieldValue::Text(text) => *slot = Some(text),
                // An explicit `user: undefined` is the same as leaving it out.
                FieldValue::Undefined => {}
                FieldValue::Other => {
                    let param = if key == "type" {
                        "scope[type]"
                    } else {
                        "scope[user]"
                    };
                    return Err(refusal(param, "scope values must be plain strings (no getters)."));
                }
            }
        }
        match (scope_type.as_deref(), user) {
            (Some("account"), None) => Ok(Scope::Account),
            (Some("account"), Some(_)) => {
                Err(refusal("scope[user]", "An account scope must not name a user."))
            }
            (Some("user"), Some(user)) if !user.is_empty() => Ok(Scope::User(user)),
            (Some("user"), _) => Err(refusal(
                "scope[user]",
                "A user scope needs scope.user, equal to this store's userId.",
            )),
            (None, _) => Err(refusal(
                "scope[type]",
                "scope.type is required: 'account' or 'user'.",
            )),
            (Some(_), _) => Err(refusal(
                "scope[type]",
                "scope.type must be exactly 'account' or 'user'.",
            )),
        }
    }
}

/// A scope as a JS caller wrote it, read from the JS value without running
/// any of its code twice: the binding snapshots it into this shape.
#[derive(Debug)]
pub enum ScopeInput {
    Missing,
    /// `'account'` or `'user'` (or any other string, which is refused).
    Shorthand(String),
    /// The own data properties of a plain object, in order.
    Fields(Vec<(String, FieldValue)>),
    /// Anything else: numbers, arrays, class instances, functions, null.
    NotAnObject,
}

/// One property of a scope object.
#[derive(Debug)]
pub enum FieldValue {
    Text(String),
    Undefined,
    /// Not a well-formed string, or an accessor property.
    Other,
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

fn refusal(param: &str, message: &str) -> Error {
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

    fn fields(pairs: &[(&str, &str)]) -> ScopeInput {
        ScopeInput::Fields(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), FieldValue::Text(v.to_string())))
                .collect(),
        )
    }

    fn refused(caller: &CallerIdentity, input: ScopeInput) -> Error {
        let error = caller.resolve(input).expect_err("should be refused");
        assert_eq!(error.type_name(), "StripeScopeError");
        assert_eq!(error.code(), Some("scope_not_allowed"));
        error
    }

    #[test]
    fn allowed_scopes() {
        let caller = alice();
        assert_eq!(
            caller.resolve(fields(&[("type", "account")])).unwrap(),
            Scope::Account
        );
        assert_eq!(
            caller
                .resolve(fields(&[("type", "user"), ("user", OWN)]))
                .unwrap(),
            Scope::user(OWN)
        );
        assert_eq!(
            caller
                .resolve(fields(&[("user", OWN), ("type", "user")]))
                .unwrap(),
            Scope::user(OWN)
        );
        assert_eq!(
            caller.resolve(ScopeInput::Shorthand("account".into())).unwrap(),
            Scope::Account
        );
        assert_eq!(
            caller.resolve(ScopeInput::Shorthand("user".into())).unwrap(),
            Scope::user(OWN)
        );
        let undefined_user = ScopeInput::Fields(vec![
            ("type".into(), FieldValue::Text("account".into())),
            ("user".into(), FieldValue::Undefined),
        ]);
        assert_eq!(caller.resolve(undefined_user).unwrap(), Scope::Account);
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
        ] {
            let error = refused(&caller, fields(&[("type", "user"), ("user", other)]));
            assert_eq!(error.param(), Some("scope[user]"), "{other:?}");
        }
    }

    #[test]
    fn malformed_scopes_are_refused() {
        let caller = alice();
        let cases: Vec<(ScopeInput, &str)> = vec![
            (fields(&[("type", "User"), ("user", OWN)]), "scope[type]"),
            (fields(&[("type", "account ")]), "scope[type]"),
            (fields(&[("type", "organization")]), "scope[type]"),
            (fields(&[("type", "account"), ("user", OWN)]), "scope[user]"),
            (fields(&[("type", "user")]), "scope[user]"),
            (fields(&[("type", "user"), ("user", "")]), "scope[user]"),
            (fields(&[("user", OWN)]), "scope[type]"),
            (fields(&[]), "scope[type]"),
            (fields(&[("type", "account"), ("extra", "x")]), "scope"),
            (
                fields(&[("type", "user"), ("user", OWN), ("users", OWN)]),
                "scope",
            ),
            (ScopeInput::Shorthand("Account".into()), "scope"),
            (ScopeInput::Shorthand("".into()), "scope"),
            (ScopeInput::NotAnObject, "scope"),
            (
                ScopeInput::Fields(vec![("type".into(), FieldValue::Other)]),
                "scope[type]",
            ),
            (
                ScopeInput::Fields(vec![
                    ("type".into(), FieldValue::Text("user".into())),
                    ("user".into(), FieldValue::Other),
                ]),
                "scope[user]",
            ),
        ];
        for (input, param) in cases {
            let shown = format!("{input:?}");
            assert_eq!(refused(&caller, input).param(), Some(param), "{shown}");
        }
    }

    #[test]
    fn refusals_say_what_is_allowed() {
        let caller = alice();
        for (input, message) in [
            (
                fields(&[("type", "user"), ("user", "")]),
                "A user scope needs scope.user, equal to this store's userId.",
            ),
            (
                fields(&[("type", "user"), ("user", "usr_bob")]),
                "scope.user must be this store's own userId; another user's secrets are out of reach.",
            ),
            (
                fields(&[("type", "account"), ("user", OWN)]),
                "An account scope must not name a user.",
            ),
        ] {
            assert_eq!(refused(&caller, input).message(), message);
        }
        let anonymous = CallerIdentity::new(None).unwrap();
        assert_eq!(
            refused(&anonymous, fields(&[("type", "user"), ("user", OWN)])).message(),
            "This store has no userId, so only the account scope is allowed."
        );
    }

    #[test]
    fn missing_scope_is_an_invalid_request() {
        let error = alice().resolve(ScopeInput::Missing).unwrap_err();
        assert_eq!(error.type_name(), "StripeInvalidRequestError");
        assert_eq!(error.param(), Some("scope"));
    }

    #[test]
    fn without_user_id_only_the_account_scope() {
        let caller = CallerIdentity::new(None).unwrap();
        assert_eq!(
            caller.resolve(fields(&[("type", "account")])).unwrap(),
            Scope::Account
        );
        refused(&caller, fields(&[("type", "user"), ("user", OWN)]));
        refused(&caller, ScopeInput::Shorthand("user".into()));
        assert!(caller.allow(&Scope::user("")).is_err());
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
