//! A scope as a JS caller writes it (`'account'`, `'user'`, or a plain
//! `{ type, user }` object), resolved into a [`Scope`] and then put through
//! the rule ([`CallerIdentity::allow`]). `read.rs` snapshots the JS value
//! into a [`ScopeInput`] without running any of its code.

use crate::error::Error;
use crate::scope::{refusal, CallerIdentity, Scope};

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

/// Resolves a scope as a JS caller wrote it, then applies the rule.
pub(crate) fn resolve(caller: &CallerIdentity, input: ScopeInput) -> Result<Scope, Error> {
    let scope = match input {
        ScopeInput::Missing => return Err(Error::missing_param("scope")),
        ScopeInput::Shorthand(text) => match text.as_str() {
            "account" => Scope::Account,
            "user" => match caller.user_id() {
                Some(own) => Scope::User(own.to_owned()),
                None => {
                    return Err(refusal(
                        "scope",
                        "scope 'user' needs a store built with a userId (the userContext.id of the view's props).",
                    ))
                }
            },
            _ => return Err(not_a_scope()),
        },
        ScopeInput::NotAnObject => return Err(not_a_scope()),
        ScopeInput::Fields(fields) => scope_from_fields(fields)?,
    };
    caller.allow(&scope)?;
    Ok(scope)
}

/// A scope that is neither a shorthand nor a plain object.
fn not_a_scope() -> Error {
    refusal(
        "scope",
        "scope must be 'account', 'user', or a plain { type, user } object.",
    )
}

fn scope_from_fields(fields: Vec<(String, FieldValue)>) -> Result<Scope, Error> {
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
        (Some("account"), Some(_)) => Err(refusal("scope[user]", "An account scope must not name a user.")),
        (Some("user"), Some(user)) if !user.is_empty() => Ok(Scope::User(user)),
        (Some("user"), _) => Err(refusal(
            "scope[user]",
            "A user scope needs scope.user, this store's userId: the userContext.id of the view's props.",
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
