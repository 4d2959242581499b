//! Stripe's parameter rules for each endpoint: which params exist, which are
//! required, and what values they may hold. Each typed request is what an
//! operation of [`crate::api`] reads from the nested params.

use crate::auth::is_user_id;
use crate::errors::{ApiError, MAX_CHARS};
use crate::params::{Params, Value};
use crate::store::Scope;

/// `expires_at` may lie at most this far ahead: 100 years of 365.25 days.
const MAX_EXPIRY_SECS: i64 = 36_525 * 86_400;

/// `POST /v1/apps/secrets`.
#[derive(Debug)]
pub struct SetRequest {
    /// `name`.
    pub name: String,
    pub payload: String,
    pub scope: Scope,
    pub expires_at: Option<i64>,
    pub expand_payload: bool,
}

/// `GET /v1/apps/secrets/find` and `POST /v1/apps/secrets/delete`.
#[derive(Debug)]
pub struct NameRequest {
    pub name: String,
    pub scope: Scope,
    pub expand_payload: bool,
}

/// `GET /v1/apps/secrets`.
#[derive(Debug)]
pub struct ListRequest {
    pub scope: Scope,
    pub limit: usize,
    pub starting_after: Option<String>,
    pub ending_before: Option<String>,
    pub expand_payload: bool,
}

/// The `set` request, checked against the time `now` (Unix seconds) for `expires_at`.
pub fn set(params: &Params, now: i64) -> Result<SetRequest, ApiError> {
    only(params, &["name", "payload", "scope", "expires_at", "expand"])?;
    Ok(SetRequest {
        name: bounded_string(params, "name")?,
        payload: bounded_string(params, "payload")?,
        scope: scope(params)?,
        expires_at: expires_at(params, now)?,
        expand_payload: expand(params, "payload")?,
    })
}

/// The `find` or `delete` request.
pub fn by_name(params: &Params) -> Result<NameRequest, ApiError> {
    only(params, &["name", "scope", "expand"])?;
    Ok(NameRequest {
        name: bounded_string(params, "name")?,
        scope: scope(params)?,
        expand_payload: expand(params, "payload")?,
    })
}

/// The `list` request.
pub fn list(params: &Params) -> Result<ListRequest, ApiError> {
    only(
        params,
        &["scope", "limit", "starting_after", "ending_before", "expand"],
    )?;
    let request = ListRequest {
        scope: scope(params)?,
        limit: limit(params)?,
        starting_after: optional_string(params, "starting_after")?,
        ending_before: optional_string(params, "ending_before")?,
        expand_payload: expand(params, "data.payload")?,
    };
    if request.starting_after.is_some() && request.ending_before.is_some() {
        return Err(ApiError::invalid(
            "You may only specify one of these parameters: starting_after, ending_before.",
        )
        .with_param("ending_before"));
    }
    Ok(request)
}

/// Unknown top-level params are a 400, as on Stripe.
fn only(params: &Params, allowed: &[&str]) -> Result<(), ApiError> {
    match params.keys().find(|k| !allowed.contains(k)) {
        Some(unknown) => Err(ApiError::unknown(unknown)),
        None => Ok(()),
    }
}

fn string<'a>(params: &'a Params, key: &str) -> Result<Option<&'a str>, ApiError> {
    match params.get(key) {
        None => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s)),
        Some(_) => Err(
            ApiError::invalid(format!("Invalid {key}: expected a string, not a hash or array."))
                .with_param(key),
        ),
    }
}

/// A required string of 1 to 5000 characters (Unicode scalar values).
fn bounded_string(params: &Params, key: &str) -> Result<String, ApiError> {
    let value = string(params, key)?.ok_or_else(|| ApiError::missing(key))?;
    if value.is_empty() {
        return Err(ApiError::empty(key));
    }
    let chars = value.chars().count();
    if chars > MAX_CHARS {
        return Err(ApiError::invalid(format!(
            "Invalid {key}: must be at most {MAX_CHARS} characters (got {chars})."
        ))
        .with_param(key));
    }
    Ok(value.to_owned())
}

/// An optional string; empty counts as absent, as Stripe treats `key=` as unset.
fn optional_string(params: &Params, key: &str) -> Result<Option<String>, ApiError> {
    Ok(string(params, key)?.filter(|s| !s.is_empty()).map(str::to_owned))
}

fn integer(params: &Params, key: &str) -> Result<Option<i64>, ApiError> {
    let Some(raw) = optional_string(params, key)? else {
        return Ok(None);
    };
    raw.parse::<i64>().map(Some).map_err(|_| {
        let shown: String = raw.chars().take(100).collect();
        ApiError::invalid(format!("Invalid integer: {shown}")).with_param(key)
    })
}

fn scope(params: &Params) -> Result<Scope, ApiError> {
    let fields = match params.get("scope") {
        None => return Err(ApiError::missing("scope")),
        Some(Value::Hash(fields)) => fields,
        Some(_) => {
            return Err(
                ApiError::invalid("Invalid scope: expected a hash such as scope[type]=account.")
                    .with_param("scope"),
            )
        }
    };
    if let Some((unknown, _)) = fields.iter().find(|(k, _)| k != "type" && k != "user") {
        return Err(ApiError::unknown(&format!("scope[{unknown}]")));
    }
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let user = field("user");
    match field("type") {
        None => Err(ApiError::missing("scope[type]")),
        Some("") => Err(ApiError::empty("scope[type]")),
        Some("account") => match user {
            None => Ok(Scope::Account),
            Some(_) => Err(
                ApiError::invalid("scope[user] can only be sent when scope[type] is user.")
                    .with_code("parameter_unknown")
                    .with_param("scope[user]"),
            ),
        },
        Some("user") => match user {
            None => Err(ApiError::missing("scope[user]")),
            Some("") => Err(ApiError::empty("scope[user]")),
            Some(u) if is_user_id(u) => Ok(Scope::User(u.to_owned())),
            Some(_) => Err(ApiError::invalid(
                "Invalid scope[user]: expected a Dashboard user id such as usr_123.",
            )
            .with_param("scope[user]")),
        },
        Some(_) => Err(
            ApiError::invalid("Invalid scope[type]: must be one of account or user")
                .with_param("scope[type]"),
        ),
    }
}

fn expires_at(params: &Params, now: i64) -> Result<Option<i64>, ApiError> {
    let Some(at) = integer(params, "expires_at")? else {
        return Ok(None);
    };
    if at < now {
        return Err(
            ApiError::invalid(format!("Invalid expires_at: {at} is in the past (now is {now})."))
                .with_param("expires_at"),
        );
    }
    if at > now.saturating_add(MAX_EXPIRY_SECS) {
        return Err(ApiError::invalid(format!(
            "Invalid expires_at: {at} is more than 100 years in the future."
        ))
        .with_param("expires_at"));
    }
    Ok(Some(at))
}

fn limit(params: &Params) -> Result<usize, ApiError> {
    match integer(params, "limit")? {
        None => Ok(10),
        Some(n) if n < 1 => {
            Err(ApiError::invalid("This value must be greater than or equal to 1.").with_param("limit"))
        }
        Some(n) if n > 100 => {
            Err(ApiError::invalid("This value must be less than or equal to 100.").with_param("limit"))
        }
        // 1..=100 always fits.
        Some(n) => Ok(usize::try_from(n).unwrap_or(10)),
    }
}

/// `expand` must be an array whose only allowed entry is `allowed`.
fn expand(params: &Params, allowed: &str) -> Result<bool, ApiError> {
    let items = match params.get("expand") {
        None => return Ok(false),
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(
                ApiError::invalid("Invalid array: expand must be sent as expand[]=… or expand[0]=….")
                    .with_param("expand"),
            )
        }
    };
    for item in items {
        if item != allowed {
            let shown: String = item.chars().take(100).collect();
            return Err(ApiError::invalid(format!(
                "This property cannot be expanded ({shown}). The only expandable property \
                 here is {allowed}."
            ))
            .with_param("expand"));
        }
    }
    Ok(!items.is_empty())
}
