//! The parameters of each operation, their checks, and their form encoding.
//!
//! Checks run before anything is sent, so a mistake costs no request and
//! gets an error that names the parameter. Lengths count Unicode code
//! points, as Stripe does.

use std::fmt;

use zeroize::Zeroize;

use crate::encode::decimal;
use crate::error::Error;
use crate::form::Form;
use crate::scope::Scope;
use crate::transport::Method;

/// Longest `name` or `payload` Stripe accepts, in characters.
pub const MAX_TEXT_CHARS: usize = 5000;
/// How far ahead `expires_at` may be: 100 years of 365.25 days, in seconds.
pub const MAX_EXPIRY_SECONDS: i64 = 3_155_760_000;

/// `POST /v1/apps/secrets`: create a secret, or replace the one of that name.
#[derive(Clone)]
pub struct CreateParams {
    pub name: String,
    /// The secret itself. Never printed by `Debug`, wiped on drop.
    pub payload: String,
    pub scope: Scope,
    /// Unix seconds; after it the secret is deleted.
    pub expires_at: Option<i64>,
    /// `["payload"]` to get the payload back.
    pub expand: Vec<String>,
}

/// `GET /v1/apps/secrets/find`: one secret by name and scope.
#[derive(Clone, Debug)]
pub struct FindParams {
    pub name: String,
    pub scope: Scope,
    /// `["payload"]` to get the payload.
    pub expand: Vec<String>,
}

/// `POST /v1/apps/secrets/delete`: delete one secret by name and scope.
#[derive(Clone, Debug)]
pub struct DeleteParams {
    pub name: String,
    pub scope: Scope,
    pub expand: Vec<String>,
}

/// `GET /v1/apps/secrets`: one page of a scope, newest first.
#[derive(Clone, Debug)]
pub struct ListParams {
    pub scope: Scope,
    /// 1 to 100; Stripe's default is 10.
    pub limit: Option<u32>,
    /// A secret id: the page after it.
    pub starting_after: Option<String>,
    /// A secret id: the page before it.
    pub ending_before: Option<String>,
    /// `["data.payload"]` to get the payloads.
    pub expand: Vec<String>,
}

impl fmt::Debug for CreateParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateParams")
            .field("name", &self.name)
            .field("payload", &"[redacted]")
            .field("scope", &self.scope)
            .field("expires_at", &self.expires_at)
            .field("expand", &self.expand)
            .finish()
    }
}

impl Drop for CreateParams {
    fn drop(&mut self) {
        self.payload.zeroize();
    }
}

/// What the client needs of each operation's params: where they go, the
/// scope the rule checks, their checks and their encoding.
pub(crate) trait Operation {
    const METHOD: Method;
    const PATH: &'static str;

    fn scope(&self) -> &Scope;

    /// Checks the values before anything is sent; `now` is Unix seconds.
    fn validate(&self, now: i64) -> Result<(), Error>;

    fn encode(&self, form: &mut Form);

    /// A value a server might echo that must never reach an error message.
    fn secret(&self) -> Option<&str> {
        None
    }

    /// The most Secrets an honest answer holds: one, or a page's `limit`.
    fn answer_items(&self) -> usize {
        1
    }
}

impl Operation for CreateParams {
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/v1/apps/secrets";

    fn scope(&self) -> &Scope {
        &self.scope
    }

    fn validate(&self, now: i64) -> Result<(), Error> {
        check_text("name", &self.name)?;
        check_text("payload", &self.payload)?;
        if let Some(expires_at) = self.expires_at {
            check_expiry(expires_at, now)?;
        }
        check_expand(&self.expand)
    }

    fn encode(&self, form: &mut Form) {
        form.push("name", &self.name);
        form.push("payload", &self.payload);
        encode_scope(form, &self.scope);
        if let Some(expires_at) = self.expires_at {
            form.push("expires_at", &decimal(expires_at));
        }
        form.push_expand(&self.expand);
    }

    fn secret(&self) -> Option<&str> {
        Some(&self.payload)
    }
}

impl Operation for FindParams {
    const METHOD: Method = Method::Get;
    const PATH: &'static str = "/v1/apps/secrets/find";

    fn scope(&self) -> &Scope {
        &self.scope
    }

    fn validate(&self, _now: i64) -> Result<(), Error> {
        validate_by_name(&self.name, &self.expand)
    }

    fn encode(&self, form: &mut Form) {
        encode_by_name(form, &self.name, &self.scope, &self.expand);
    }
}

impl Operation for DeleteParams {
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/v1/apps/secrets/delete";

    fn scope(&self) -> &Scope {
        &self.scope
    }

    fn validate(&self, _now: i64) -> Result<(), Error> {
        validate_by_name(&self.name, &self.expand)
    }

    fn encode(&self, form: &mut Form) {
        encode_by_name(form, &self.name, &self.scope, &self.expand);
    }
}

impl ListParams {
    /// The first page of `scope`, with the server's default size.
    pub fn new(scope: Scope) -> Self {
        ListParams {
            scope,
            limit: None,
            starting_after: None,
            ending_before: None,
            expand: Vec::new(),
        }
    }

    /// The most items an honest answer to these params holds: `limit`,
    /// or Stripe's default page size.
    pub fn page_size(&self) -> usize {
        self.limit.map_or(DEFAULT_PAGE_SIZE, |limit| limit as usize)
    }
}

/// Stripe's page size when `limit` is left out.
pub const DEFAULT_PAGE_SIZE: usize = 10;

impl Operation for ListParams {
    const METHOD: Method = Method::Get;
    const PATH: &'static str = "/v1/apps/secrets";

    fn answer_items(&self) -> usize {
        self.page_size()
    }

    fn scope(&self) -> &Scope {
        &self.scope
    }

    fn validate(&self, _now: i64) -> Result<(), Error> {
        if let Some(limit) = self.limit {
            if !(1..=100).contains(&limit) {
                return Err(Error::invalid_param(
                    "limit",
                    "limit must be an integer from 1 to 100.",
                ));
            }
        }
        for (param, cursor) in [
            ("starting_after", &self.starting_after),
            ("ending_before", &self.ending_before),
        ] {
            if cursor.as_deref() == Some("") {
                return Err(Error::invalid_param(
                    param,
                    [param, " must be a secret id."].concat(),
                ));
            }
        }
        if self.starting_after.is_some() && self.ending_before.is_some() {
            return Err(Error::invalid_param(
                "ending_before",
                "Pass starting_after or ending_before, not both.",
            ));
        }
        check_expand(&self.expand)
    }

    fn encode(&self, form: &mut Form) {
        encode_scope(form, &self.scope);
        if let Some(limit) = self.limit {
            form.push("limit", &decimal(limit.into()));
        }
        if let Some(id) = &self.starting_after {
            form.push("starting_after", id);
        }
        if let Some(id) = &self.ending_before {
            form.push("ending_before", id);
        }
        form.push_expand(&self.expand);
    }
}

/// Find and delete take the same three params.
fn validate_by_name(name: &str, expand: &[String]) -> Result<(), Error> {
    check_text("name", name)?;
    check_expand(expand)
}

fn encode_by_name(form: &mut Form, name: &str, scope: &Scope, expand: &[String]) {
    form.push("name", name);
    encode_scope(form, scope);
    form.push_expand(expand);
}

fn encode_scope(form: &mut Form, scope: &Scope) {
    form.push("scope[type]", scope.type_name());
    if let Some(user) = scope.user_id() {
        form.push("scope[user]", user);
    }
}

fn check_text(param: &str, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::invalid_param(
            param,
            [param, " must be a non-empty string."].concat(),
        ));
    }
    if crate::encode::char_count(value) > MAX_TEXT_CHARS {
        return Err(Error::invalid_param(
            param,
            [
                param,
                " must be at most ",
                &decimal(MAX_TEXT_CHARS as i64),
                " characters.",
            ]
            .concat(),
        ));
    }
    Ok(())
}

fn check_expiry(expires_at: i64, now: i64) -> Result<(), Error> {
    if expires_at <= now {
        return Err(Error::invalid_param(
            "expires_at",
            "expires_at must be in the future (Unix seconds).",
        ));
    }
    if expires_at - now > MAX_EXPIRY_SECONDS {
        return Err(Error::invalid_param(
            "expires_at",
            "expires_at must be at most 100 years in the future.",
        ));
    }
    Ok(())
}

fn check_expand(expand: &[String]) -> Result<(), Error> {
    if expand.iter().any(String::is_empty) {
        return Err(Error::invalid_param(
            "expand",
            "expand entries must be non-empty strings.",
        ));
    }
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::form::decode;

    const NOW: i64 = 1_800_000_000;

    fn create(name: &str, payload: &str, expires_at: Option<i64>) -> CreateParams {
        CreateParams {
            name: name.into(),
            payload: payload.into(),
            scope: Scope::Account,
            expires_at,
            expand: vec![],
        }
    }

    fn param_of(result: Result<(), Error>) -> Option<String> {
        let error = result.expect_err("should be refused");
        assert_eq!(error.type_name(), "StripeInvalidRequestError");
        error.param().map(str::to_owned)
    }

    #[test]
    fn text_limits_count_characters() {
        let emoji_5000 = "🔐".repeat(5000);
        assert!(create("n", &emoji_5000, None).validate(NOW).is_ok());
        assert!(create(&"n".repeat(5000), "p", None).validate(NOW).is_ok());
        assert_eq!(
            param_of(create("n", &"🔐".repeat(5001), None).validate(NOW)).as_deref(),
            Some("payload")
        );
        assert_eq!(
            param_of(create(&"x".repeat(5001), "p", None).validate(NOW)).as_deref(),
            Some("name")
        );
        assert_eq!(
            param_of(create("", "p", None).validate(NOW)).as_deref(),
            Some("name")
        );
        assert_eq!(
            param_of(create("n", "", None).validate(NOW)).as_deref(),
            Some("payload")
        );
    }

    #[test]
    fn expiry_bounds() {
        assert!(create("n", "p", Some(NOW + 1)).validate(NOW).is_ok());
        assert!(create("n", "p", Some(NOW + MAX_EXPIRY_SECONDS))
            .validate(NOW)
            .is_ok());
        for bad in [NOW, NOW - 1, 0, i64::MIN, NOW + MAX_EXPIRY_SECONDS + 1, i64::MAX] {
            assert_eq!(
                param_of(create("n", "p", Some(bad)).validate(NOW)).as_deref(),
                Some("expires_at"),
                "{bad}"
            );
        }
    }

    #[test]
    fn list_checks() {
        let mut list = ListParams::new(Scope::Account);
        assert!(list.validate(NOW).is_ok());
        for limit in [1, 100] {
            list.limit = Some(limit);
            assert!(list.validate(NOW).is_ok());
        }
        for limit in [0, 101] {
            list.limit = Some(limit);
            assert_eq!(param_of(list.validate(NOW)).as_deref(), Some("limit"));
        }
        list.limit = None;
        list.starting_after = Some("appsecret_1".into());
        list.ending_before = Some("appsecret_2".into());
        assert_eq!(param_of(list.validate(NOW)).as_deref(), Some("ending_before"));
        list.ending_before = None;
        list.expand = vec![String::new()];
        assert_eq!(param_of(list.validate(NOW)).as_deref(), Some("expand"));
        list.expand = vec![];
        for (param, after, before) in [
            ("starting_after", Some(""), None),
            ("ending_before", None, Some("")),
        ] {
            list.starting_after = after.map(str::to_owned);
            list.ending_before = before.map(str::to_owned);
            assert_eq!(param_of(list.validate(NOW)).as_deref(), Some(param));
        }
        list.starting_after = None;
        list.ending_before = Some("appsecret_1".into());
        assert!(list.validate(NOW).is_ok());
    }

    #[test]
    fn find_and_delete_checks() {
        let find = |name: &str, expand: &[&str]| FindParams {
            name: name.into(),
            scope: Scope::Account,
            expand: expand.iter().map(|e| e.to_string()).collect(),
        };
        let delete = |name: &str, expand: &[&str]| DeleteParams {
            name: name.into(),
            scope: Scope::Account,
            expand: expand.iter().map(|e| e.to_string()).collect(),
        };
        let long = "n".repeat(MAX_TEXT_CHARS + 1);
        for (name, expand, refused) in [
            ("n", &["payload"][..], None),
            (&*"🔐".repeat(MAX_TEXT_CHARS), &[], None),
            ("", &[], Some("name")),
            (&long, &[], Some("name")),
            ("n", &["payload", ""], Some("expand")),
        ] {
            for result in [
                find(name, expand).validate(NOW),
                delete(name, expand).validate(NOW),
            ] {
                match refused {
                    None => assert!(result.is_ok()),
                    Some(param) => assert_eq!(param_of(result).as_deref(), Some(param)),
                }
            }
        }
        let mut create = create("n", "p", None);
        create.expand = vec![String::new()];
        assert_eq!(param_of(create.validate(NOW)).as_deref(), Some("expand"));
    }

    #[test]
    fn only_a_create_has_a_secret_to_redact() {
        assert_eq!(create("n", "hunter2", None).secret(), Some("hunter2"));
        let find = FindParams {
            name: "n".into(),
            scope: Scope::Account,
            expand: vec![],
        };
        assert_eq!(find.secret(), None);
        let delete = DeleteParams {
            name: "n".into(),
            scope: Scope::Account,
            expand: vec![],
        };
        assert_eq!(delete.secret(), None);
        assert_eq!(ListParams::new(Scope::Account).secret(), None);
    }

    #[test]
    fn encodings() {
        let mut params = create("n", "a&b=c", Some(NOW + 60));
        params.scope = Scope::user("usr_1");
        params.expand = vec!["payload".into()];
        let mut form = Form::new();
        params.encode(&mut form);
        let pairs = decode(form.as_str());
        let expected = [
            ("name", "n"),
            ("payload", "a&b=c"),
            ("scope[type]", "user"),
            ("scope[user]", "usr_1"),
            ("expires_at", "1800000060"),
            ("expand[0]", "payload"),
        ];
        assert_eq!(pairs, expected.map(|(k, v)| (k.to_string(), v.to_string())));

        let mut list = ListParams::new(Scope::Account);
        list.limit = Some(3);
        list.starting_after = Some("appsecret_9".into());
        let mut form = Form::new();
        list.encode(&mut form);
        assert_eq!(
            form.as_str(),
            "scope[type]=account&limit=3&starting_after=appsecret_9"
        );

        let by_name = [
            (
                FindParams {
                    name: "a b".into(),
                    scope: Scope::user("usr_1"),
                    expand: vec!["payload".into()],
                }
                .encoded(),
                "name=a%20b&scope[type]=user&scope[user]=usr_1&expand[0]=payload",
            ),
            (
                DeleteParams {
                    name: "n".into(),
                    scope: Scope::Account,
                    expand: vec![],
                }
                .encoded(),
                "name=n&scope[type]=account",
            ),
        ];
        for (encoded, expected) in by_name {
            assert_eq!(encoded, expected);
        }
    }

    trait Encoded {
        fn encoded(&self) -> String;
    }

    impl<P: Operation> Encoded for P {
        fn encoded(&self) -> String {
            let mut form = Form::new();
            self.encode(&mut form);
            form.as_str().to_owned()
        }
    }

    #[test]
    fn debug_hides_the_payload() {
        let params = create("visible-name", "hunter2-secret", None);
        let shown = format!("{params:?}");
        assert!(shown.contains("visible-name"));
        assert!(!shown.contains("hunter2"));
    }
}
