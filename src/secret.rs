//! The Secret and list objects, read from answers and checked against the
//! scope the call asked for.

use std::fmt;

use zeroize::Zeroize;

use crate::error::Error;
use crate::json::Json;
use crate::scope::{check_response_scope, Scope};

/// A secret as Stripe returns it. `payload` is there only when expanded.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret {
    pub id: String,
    pub created: Option<i64>,
    /// `true` on the object a delete returns.
    pub deleted: bool,
    pub expires_at: Option<i64>,
    pub livemode: bool,
    pub name: Option<String>,
    /// The secret value. Never printed by `Debug`, wiped on drop.
    pub payload: Option<String>,
    pub scope: Option<Scope>,
}

/// One page of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretList {
    pub data: Vec<Secret>,
    pub has_more: bool,
    pub url: String,
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Secret")
            .field("id", &self.id)
            .field("created", &self.created)
            .field("deleted", &self.deleted)
            .field("expires_at", &self.expires_at)
            .field("livemode", &self.livemode)
            .field("name", &self.name)
            .field("payload", &self.payload.as_ref().map(|_| "[redacted]"))
            .field("scope", &self.scope)
            .finish()
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.payload.zeroize();
    }
}

/// Which answers may leave out `scope`, `name` and `created`: Stripe
/// documents the delete answer as `{ id, object, deleted }`. Every other
/// answer carries them (stripe-node's `Stripe.Apps.Secret` has them
/// required), and one without them is refused.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScopeInAnswer {
    Required,
    OptionalWithoutPayload,
}

impl Secret {
    /// Reads a Secret and checks it belongs to `requested`. Takes the
    /// payload string out of `json` rather than copying it.
    pub(crate) fn from_json(
        json: &mut Json,
        requested: &Scope,
        scope_rule: ScopeInAnswer,
    ) -> Result<Secret, Error> {
        if json.get("object").and_then(Json::as_str) != Some("apps.secret") {
            return Err(Error::unexpected_response("not an apps.secret object"));
        }
        let id = json
            .get("id")
            .and_then(Json::as_str)
            .ok_or_else(|| Error::unexpected_response("a secret without an id"))?
            .to_owned();
        let scope = match json.get("scope") {
            None | Some(Json::Null) => None,
            Some(value) => Some(parse_scope(value)?),
        };
        let has_payload = matches!(json.get("payload"), Some(Json::Str(_)));
        let scope_may_be_absent = scope_rule == ScopeInAnswer::OptionalWithoutPayload && !has_payload;
        if !(scope.is_none() && scope_may_be_absent) {
            check_response_scope(requested, scope.as_ref())?;
        }
        let expires_at = match json.get("expires_at") {
            None | Some(Json::Null) => None,
            Some(value) => Some(
                value
                    .as_i64()
                    .ok_or_else(|| Error::unexpected_response("expires_at is not an integer"))?,
            ),
        };
        // A delete's answer may leave them out; no answer sends them in another type.
        let may_be_absent = scope_rule == ScopeInAnswer::OptionalWithoutPayload;
        let incomplete = || Error::unexpected_response("a secret without name or created");
        let created = match json.get("created") {
            None if may_be_absent => None,
            value => Some(value.and_then(Json::as_i64).ok_or_else(incomplete)?),
        };
        let name = match json.get("name") {
            None if may_be_absent => None,
            value => Some(value.and_then(Json::as_str).ok_or_else(incomplete)?.to_owned()),
        };
        Ok(Secret {
            id,
            created,
            deleted: json.get("deleted").and_then(Json::as_bool).unwrap_or(false),
            expires_at,
            livemode: json.get("livemode").and_then(Json::as_bool).unwrap_or(false),
            name,
            payload: json.get_mut("payload").and_then(Json::take_str),
            scope,
        })
    }
}

impl SecretList {
    /// Reads a list page; every Secret in it must belong to `requested`,
    /// or the whole page is refused. A page with more than `limit` items
    /// (Stripe never sends one) is refused before any item is read, so a
    /// hostile answer costs no more per-item work than an honest one.
    pub(crate) fn from_json(json: &mut Json, requested: &Scope, limit: usize) -> Result<SecretList, Error> {
        if json.get("object").and_then(Json::as_str) != Some("list") {
            return Err(Error::unexpected_response("not a list object"));
        }
        let has_more = json
            .get("has_more")
            .and_then(Json::as_bool)
            .ok_or_else(|| Error::unexpected_response("a list without has_more"))?;
        let url = json
            .get("url")
            .and_then(Json::as_str)
            .unwrap_or("/v1/apps/secrets")
            .to_owned();
        let Some(Json::Array(items)) = json.get_mut("data") else {
            return Err(Error::unexpected_response("a list without data"));
        };
        if items.len() > limit {
            return Err(Error::unexpected_response(
                "a list page with more items than the limit asked for",
            ));
        }
        let data = items
            .iter_mut()
            .map(|item| Secret::from_json(item, requested, ScopeInAnswer::Required))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SecretList { data, has_more, url })
    }
}

fn parse_scope(value: &Json) -> Result<Scope, Error> {
    let user = value.get("user").and_then(Json::as_str);
    match (value.get("type").and_then(Json::as_str), user) {
        (Some("account"), None) => Ok(Scope::Account),
        (Some("user"), Some(user)) => Ok(Scope::user(user)),
        _ => Err(Error::unexpected_response("a secret with an unknown scope")),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const OWN: &str = "usr_alice";

    fn secret_json(scope: &str, payload: Option<&str>) -> Json {
        let payload = payload
            .map(|p| format!(",\"payload\":\"{p}\""))
            .unwrap_or_default();
        Json::parse(&format!(
            r#"{{"id":"appsecret_1","object":"apps.secret","created":1680209063,"expires_at":null,
                "livemode":false,"name":"n","scope":{scope}{payload}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn reads_every_field() {
        let mut json = secret_json(r#"{"type":"user","user":"usr_alice"}"#, Some("p\u{e9}"));
        let secret = Secret::from_json(&mut json, &Scope::user(OWN), ScopeInAnswer::Required).unwrap();
        assert_eq!(secret.payload.as_deref(), Some("pé"));
        assert_eq!(secret.scope, Some(Scope::user(OWN)));
        assert_eq!(secret.id, "appsecret_1");
        assert_eq!(secret.created, Some(1680209063));
        assert_eq!(
            (secret.expires_at, secret.livemode, secret.deleted),
            (None, false, false)
        );
        assert_eq!(secret.name.as_deref(), Some("n"));
        assert_eq!(
            format!("{secret:?}"),
            "Secret { id: \"appsecret_1\", created: Some(1680209063), deleted: false, expires_at: None, \
             livemode: false, name: Some(\"n\"), payload: Some(\"[redacted]\"), \
             scope: Some(User(\"usr_alice\")) }"
        );
        assert!(!format!("{secret:?} {secret:#?}").contains("pé"));
    }

    #[test]
    fn another_scope_is_withheld() {
        for (asked, answered) in [
            (Scope::user(OWN), r#"{"type":"user","user":"usr_bob"}"#),
            (Scope::user(OWN), r#"{"type":"account"}"#),
            (Scope::Account, r#"{"type":"user","user":"usr_alice"}"#),
        ] {
            let mut json = secret_json(answered, Some("p"));
            let error = Secret::from_json(&mut json, &asked, ScopeInAnswer::Required).unwrap_err();
            assert_eq!(error.code(), Some("scope_mismatch_in_response"));
            assert_eq!(error.type_name(), "StripeScopeError");
        }
    }

    #[test]
    fn delete_answers_may_leave_out_the_scope_unless_they_carry_a_payload() {
        let mut minimal =
            Json::parse(r#"{"id":"appsecret_1","object":"apps.secret","deleted":true}"#).unwrap();
        let secret = Secret::from_json(
            &mut minimal,
            &Scope::Account,
            ScopeInAnswer::OptionalWithoutPayload,
        )
        .unwrap();
        assert!(secret.deleted);
        let mut with_payload =
            Json::parse(r#"{"id":"appsecret_1","object":"apps.secret","deleted":true,"payload":"p"}"#)
                .unwrap();
        assert!(Secret::from_json(
            &mut with_payload,
            &Scope::Account,
            ScopeInAnswer::OptionalWithoutPayload
        )
        .is_err());
        let mut minimal = Json::parse(r#"{"id":"appsecret_1","object":"apps.secret"}"#).unwrap();
        assert!(Secret::from_json(&mut minimal, &Scope::Account, ScopeInAnswer::Required).is_err());
    }

    #[test]
    fn a_secret_without_name_or_created_is_refused_unless_it_answers_a_delete() {
        let full = r#"{"id":"appsecret_1","object":"apps.secret","created":1680209063,"expires_at":null,
            "livemode":false,"name":"n","scope":{"type":"account"},"payload":"the payload"}"#;
        let without = |field: &str, replacement: &str| {
            let text = match field {
                "name" => full.replace(r#""name":"n","#, replacement),
                _ => full.replace(r#""created":1680209063,"#, replacement),
            };
            assert_ne!(text, full);
            text
        };
        for text in [
            without("name", ""),
            without("name", r#""name":null,"#),
            without("name", r#""name":7,"#),
            without("created", ""),
            without("created", r#""created":null,"#),
            without("created", r#""created":"1680209063","#),
            without("created", r#""created":1.5,"#),
        ] {
            // A create's or find's answer, and the same as a list's item.
            let mut json = Json::parse(&text).unwrap();
            let error = Secret::from_json(&mut json, &Scope::Account, ScopeInAnswer::Required).unwrap_err();
            let list =
                format!(r#"{{"object":"list","url":"/v1/apps/secrets","has_more":false,"data":[{text}]}}"#);
            let mut json = Json::parse(&list).unwrap();
            let list_error = SecretList::from_json(&mut json, &Scope::Account, 10).unwrap_err();
            for error in [error, list_error] {
                assert_eq!(
                    (error.type_name(), error.code()),
                    ("StripeAPIError", Some("unexpected_response")),
                    "{text}"
                );
                assert!(
                    error.message().contains("without name or created"),
                    "{text}: {}",
                    error.message()
                );
                assert!(!format!("{error:?} {error}").contains("the payload"));
            }
            // A delete's answer may leave them out, as Stripe's minimal
            // deleted object does, but not send them malformed.
            let mut json = Json::parse(&text).unwrap();
            let deleted =
                Secret::from_json(&mut json, &Scope::Account, ScopeInAnswer::OptionalWithoutPayload);
            let left_out = !text.contains(r#""name""#) || !text.contains(r#""created""#);
            assert_eq!(deleted.is_ok(), left_out, "{text}");
        }
        let mut json = Json::parse(full).unwrap();
        let secret = Secret::from_json(&mut json, &Scope::Account, ScopeInAnswer::Required).unwrap();
        assert_eq!(
            (secret.name.as_deref(), secret.created),
            (Some("n"), Some(1680209063))
        );
    }

    #[test]
    fn a_list_with_one_foreign_secret_is_refused_whole() {
        let text = r#"{"object":"list","url":"/v1/apps/secrets","has_more":false,"data":[
            {"id":"appsecret_1","object":"apps.secret","created":1,"name":"a","scope":{"type":"account"}},
            {"id":"appsecret_2","object":"apps.secret","created":1,"name":"b","scope":{"type":"user","user":"usr_bob"},"payload":"theirs"}]}"#;
        let mut json = Json::parse(text).unwrap();
        let error = SecretList::from_json(&mut json, &Scope::Account, 10).unwrap_err();
        assert_eq!(error.code(), Some("scope_mismatch_in_response"));
        assert!(!error.message().contains("theirs"));
    }

    #[test]
    fn reads_a_list() {
        let text = r#"{"object":"list","url":"/v1/apps/secrets","has_more":true,"data":[
            {"id":"appsecret_1","object":"apps.secret","created":5,"expires_at":99,"livemode":false,"name":"a","scope":{"type":"account"}}]}"#;
        let mut json = Json::parse(text).unwrap();
        let list = SecretList::from_json(&mut json, &Scope::Account, 10).unwrap();
        assert!(list.has_more);
        assert_eq!(list.data[0].expires_at, Some(99));
        assert_eq!(list.url, "/v1/apps/secrets");
        assert_eq!(list.data.len(), 1);
        assert_eq!(list.data[0].name.as_deref(), Some("a"));
    }

    #[test]
    fn a_page_longer_than_the_limit_is_refused_before_its_items_are_read() {
        let item = r#"{"id":"appsecret_1","object":"apps.secret","created":1,"name":"a","scope":{"type":"account"}}"#;
        // The items past the first are not secrets at all: had they been
        // read, the error would say so instead.
        let text = |n: usize| {
            let mut items = vec![item.to_owned()];
            items.extend((1..n).map(|_| r#"{"object":"junk"}"#.to_owned()));
            format!(
                r#"{{"object":"list","url":"/v1/apps/secrets","has_more":false,"data":[{}]}}"#,
                items.join(",")
            )
        };
        for (limit, n) in [(1, 2), (10, 11), (3, 50_000)] {
            let mut json = Json::parse(&text(n)).unwrap();
            let error = SecretList::from_json(&mut json, &Scope::Account, limit).unwrap_err();
            assert_eq!(error.type_name(), "StripeAPIError", "{limit} {n}");
            assert_eq!(error.code(), Some("unexpected_response"));
            assert!(
                error.message().contains("more items than the limit"),
                "{}",
                error.message()
            );
        }
        // Exactly `limit` items is an honest page.
        let mut json = Json::parse(&text(1)).unwrap();
        assert_eq!(
            SecretList::from_json(&mut json, &Scope::Account, 1)
                .unwrap()
                .data
                .len(),
            1
        );
    }

    #[test]
    fn shapes_that_are_not_secrets_are_api_errors() {
        for text in [
            r#"{"object":"list"}"#,
            r#"{"object":"apps.secret"}"#,
            "[]",
            r#""x""#,
        ] {
            let mut json = Json::parse(text).unwrap();
            let error = Secret::from_json(&mut json, &Scope::Account, ScopeInAnswer::Required).unwrap_err();
            assert_eq!(error.type_name(), "StripeAPIError", "{text}");
        }
    }
}
