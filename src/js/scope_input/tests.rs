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
    let error = resolve(caller, input).expect_err("should be refused");
    assert_eq!(error.type_name(), "StripeScopeError");
    assert_eq!(error.code(), Some("scope_not_allowed"));
    error
}

#[test]
fn allowed_scopes() {
    let caller = alice();
    assert_eq!(
        resolve(&caller, fields(&[("type", "account")])).unwrap(),
        Scope::Account
    );
    assert_eq!(
        resolve(&caller, fields(&[("type", "user"), ("user", OWN)])).unwrap(),
        Scope::user(OWN)
    );
    assert_eq!(
        resolve(&caller, fields(&[("user", OWN), ("type", "user")])).unwrap(),
        Scope::user(OWN)
    );
    assert_eq!(
        resolve(&caller, ScopeInput::Shorthand("account".into())).unwrap(),
        Scope::Account
    );
    assert_eq!(
        resolve(&caller, ScopeInput::Shorthand("user".into())).unwrap(),
        Scope::user(OWN)
    );
    let undefined_user = ScopeInput::Fields(vec![
        ("type".into(), FieldValue::Text("account".into())),
        ("user".into(), FieldValue::Undefined),
    ]);
    assert_eq!(resolve(&caller, undefined_user).unwrap(), Scope::Account);
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
            "A user scope needs scope.user, this store's userId: the userContext.id of the view's props.",
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
}

#[test]
fn missing_scope_is_an_invalid_request() {
    let error = resolve(&alice(), ScopeInput::Missing).unwrap_err();
    assert_eq!(error.type_name(), "StripeInvalidRequestError");
    assert_eq!(error.param(), Some("scope"));
}

#[test]
fn without_user_id_the_user_shorthand_is_refused() {
    let caller = CallerIdentity::new(None).unwrap();
    assert_eq!(
        resolve(&caller, fields(&[("type", "account")])).unwrap(),
        Scope::Account
    );
    refused(&caller, fields(&[("type", "user"), ("user", OWN)]));
    refused(&caller, ScopeInput::Shorthand("user".into()));
}
