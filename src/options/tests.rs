use super::*;
use crate::SecretStore;
use wasm_bindgen::{JsCast, JsValue};

#[test]
fn base_urls() {
    for (url, expected) in [
        ("https://api.stripe.com", "https://api.stripe.com"),
        ("https://api.stripe.com/", "https://api.stripe.com"),
        ("http://127.0.0.1:12111", "http://127.0.0.1:12111"),
        ("http://127.1.2.3:8", "http://127.1.2.3:8"),
        ("http://localhost:3000/", "http://localhost:3000"),
        ("http://[::1]:9", "http://[::1]:9"),
    ] {
        assert_eq!(check_base_url(url).unwrap(), expected);
    }
    for url in [
        "http://api.stripe.com",
        "http://127.0.0.1.evil.com",
        "http://localhost.evil.com",
        "http://user@127.0.0.1",
        "https://api.stripe.com/v1",
        "https://api.stripe.com?x",
        "ftp://127.0.0.1",
        "https://",
        "api.stripe.com",
        "http://10.0.0.1",
        "https://api .stripe.com",
    ] {
        assert_eq!(check_base_url(url).unwrap_err().param(), Some("baseUrl"), "{url}");
    }
}

fn with_key(key: &str) -> Options {
    Options {
        api_key: Some(key.into()),
        ..Options::default()
    }
}

#[test]
fn transports_are_chosen_and_conflicts_refused() {
    assert!(SecretStore::new(with_key("sk_test_1")).is_ok());
    assert_eq!(
        SecretStore::new(Options::default()).unwrap_err().param(),
        Some("apiKey")
    );
    assert_eq!(
        SecretStore::new(with_key("sk_test_1\r\nX: y"))
            .unwrap_err()
            .param(),
        Some("apiKey")
    );
    let insecure = Options {
        base_url: Some("http://example.com".into()),
        ..with_key("sk_test_1")
    };
    assert_eq!(SecretStore::new(insecure).unwrap_err().param(), Some("baseUrl"));
    let empty_user = Options {
        user_id: Some(String::new()),
        ..with_key("sk_test_1")
    };
    assert_eq!(SecretStore::new(empty_user).unwrap_err().param(), Some("userId"));
}

#[test]
fn numeric_options_are_bounded() {
    let retries = Options {
        max_network_retries: Some(11),
        ..with_key("sk_test_1")
    };
    assert_eq!(
        SecretStore::new(retries).unwrap_err().param(),
        Some("maxNetworkRetries")
    );
    let timeout = Options {
        timeout_ms: Some(0),
        ..with_key("sk_test_1")
    };
    assert_eq!(SecretStore::new(timeout).unwrap_err().param(), Some("timeout"));
}

#[test]
fn configure_reads_every_option() {
    let (_, settings, transport) = configure(with_key("sk_test_1")).unwrap();
    assert_eq!(settings.authorization.as_str(), "Bearer sk_test_1");
    assert!(matches!(transport, FetchTransport::Global { ref base_url } if base_url == DEFAULT_BASE_URL));
    assert_eq!(settings.max_network_retries, crate::DEFAULT_MAX_NETWORK_RETRIES);
    assert_eq!(settings.timeout_ms, crate::DEFAULT_TIMEOUT_MS);
    let full = Options {
        user_id: Some("usr_1".into()),
        base_url: Some("http://localhost:9/".into()),
        api_version: Some("2025-01-01".into()),
        stripe_account: Some("acct_1".into()),
        max_network_retries: Some(MAX_NETWORK_RETRIES_LIMIT),
        timeout_ms: Some(i32::MAX as u32 - 1),
        ..with_key("sk_test_1")
    };
    let (caller, settings, transport) = configure(full).unwrap();
    assert_eq!(caller.user_id(), Some("usr_1"));
    assert!(matches!(transport, FetchTransport::Global { ref base_url } if base_url == "http://localhost:9"));
    assert_eq!(settings.api_version, "2025-01-01");
    assert_eq!(settings.stripe_account.as_deref(), Some("acct_1"));
    assert_eq!(settings.max_network_retries, MAX_NETWORK_RETRIES_LIMIT);
    assert_eq!(settings.timeout_ms, i32::MAX as u32 - 1);
    let low = Options {
        max_network_retries: Some(0),
        timeout_ms: Some(1),
        ..with_key("sk_test_1")
    };
    let (_, settings, _) = configure(low).unwrap();
    assert_eq!((settings.max_network_retries, settings.timeout_ms), (0, 1));
}

/// `options` with a `fetch`: a stand-in that is never called (a host
/// test cannot make a JS function).
fn with_fetch(options: Options) -> Options {
    Options {
        fetch: Some(JsValue::UNDEFINED.unchecked_into()),
        ..options
    }
}

#[test]
fn the_extension_transport_takes_no_key_and_no_base_url() {
    let (_, settings, transport) = configure(with_fetch(Options::default())).unwrap();
    assert_eq!(settings.authorization.as_str(), EXTENSION_AUTHORIZATION);
    assert!(matches!(transport, FetchTransport::Extension { .. }));
    let param = |options: Options| {
        configure(with_fetch(options))
            .unwrap_err()
            .param()
            .map(str::to_owned)
    };
    assert_eq!(param(with_key("sk_test_1")).as_deref(), Some("apiKey"));
    let based = Options {
        base_url: Some(DEFAULT_BASE_URL.into()),
        ..Options::default()
    };
    assert_eq!(param(based).as_deref(), Some("baseUrl"));
}

#[test]
fn header_values_and_bounds_are_checked() {
    let param = |options: Options| configure(options).unwrap_err().param().map(str::to_owned);
    for bad in ["", "a b", "a\u{7f}", "é"] {
        let version = Options {
            api_version: Some(bad.into()),
            ..with_key("sk_test_1")
        };
        assert_eq!(param(version).as_deref(), Some("apiVersion"), "{bad:?}");
        let account = Options {
            stripe_account: Some(bad.into()),
            ..with_key("sk_test_1")
        };
        assert_eq!(param(account).as_deref(), Some("stripeAccount"), "{bad:?}");
        assert_eq!(param(with_key(bad)).as_deref(), Some("apiKey"), "{bad:?}");
    }
    assert!(check_header_value("x", "~!").is_ok());
    let timeout = Options {
        timeout_ms: Some(i32::MAX as u32),
        ..with_key("sk_test_1")
    };
    assert_eq!(param(timeout).as_deref(), Some("timeout"));
    let retries = Options {
        max_network_retries: Some(MAX_NETWORK_RETRIES_LIMIT + 1),
        ..with_key("sk_test_1")
    };
    assert_eq!(param(retries).as_deref(), Some("maxNetworkRetries"));
}

#[test]
fn loopback_hosts_exactly() {
    for url in [
        "http://127.0.0.1",
        "http://127.255.255.255/",
        "http://[::1]",
        "http://localhost",
    ] {
        assert!(check_base_url(url).is_ok(), "{url}");
    }
    for url in [
        "http://127.0.0",
        "http://127.0.0.1.5",
        "http://127.0.0.256",
        "http://128.0.0.1",
        "http://[::2]:9",
        "https://a\\b",
        "https://a#b",
        "https://a/",
        "https://a\u{7f}",
    ] {
        if url == "https://a/" {
            assert_eq!(check_base_url(url).unwrap(), "https://a");
            continue;
        }
        assert!(check_base_url(url).is_err(), "{url}");
    }
}

#[test]
fn debug_shows_the_options_but_the_key() {
    let options = Options {
        user_id: Some("usr_1".into()),
        ..with_key("sk_test_supersecret")
    };
    let shown = format!("{options:?}");
    assert!(
        shown.starts_with("Options { user_id: Some(\"usr_1\"), api_key: Some(\"[redacted]\"), fetch: false"),
        "{shown}"
    );
}

#[test]
fn debug_hides_the_key() {
    let options = with_key("sk_test_supersecret");
    assert!(!format!("{options:?}").contains("supersecret"));
    let store = SecretStore::new(options).unwrap();
    assert!(!format!("{store:?}").contains("supersecret"));
}
