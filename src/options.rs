//! [`Options`]: what `new SecretStore(options)` accepts, checked once, turned
//! into the store's identity, settings and transport.

use std::fmt;

use js_sys::Function;

use crate::client::{Settings, EXTENSION_AUTHORIZATION};
use crate::encode::decimal;
use crate::error::Error;
use crate::scope::CallerIdentity;
use crate::transport::FetchTransport;

/// The Stripe API's origin, as a literal for `concat!`.
macro_rules! stripe_api_origin {
    () => {
        "https://api.stripe.com"
    };
}

/// Where requests go unless `base_url` says otherwise; `stripeApiFetch`
/// is always given URLs under it.
pub const DEFAULT_BASE_URL: &str = stripe_api_origin!();
/// The most retries a store may be configured for.
pub const MAX_NETWORK_RETRIES_LIMIT: u32 = 10;

/// The options of `new SecretStore(options)`, as documented in docs/api.md.
#[derive(Clone, Default)]
pub struct Options {
    /// The caller's own Dashboard user (`userContext.id`). Without it only
    /// the account scope is allowed.
    pub user_id: Option<String>,
    /// A key for the global-fetch transport (backends, tests, the demo).
    pub api_key: Option<String>,
    /// A `stripeApiFetch`-shaped function: the UI-extension transport.
    pub fetch: Option<Function>,
    /// Default `https://api.stripe.com`; `http://` only for loopback hosts.
    pub base_url: Option<String>,
    pub api_version: Option<String>,
    pub stripe_account: Option<String>,
    pub max_network_retries: Option<u32>,
    /// Milliseconds per attempt.
    pub timeout_ms: Option<u32>,
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("user_id", &self.user_id)
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("fetch", &self.fetch.is_some())
            .field("base_url", &self.base_url)
            .field("api_version", &self.api_version)
            .field("stripe_account", &self.stripe_account)
            .field("max_network_retries", &self.max_network_retries)
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

/// Checks `options` and turns them into the store's identity, settings
/// and transport. The one reading of the options, for both the Rust
/// [`crate::SecretStore::new`] and the JS `SecretStore`.
pub(crate) fn configure(options: Options) -> Result<(CallerIdentity, Settings, FetchTransport), Error> {
    let caller = CallerIdentity::new(options.user_id.clone())?;
    let (authorization, transport) = match (options.fetch, &options.api_key) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid_param(
                "apiKey",
                "apiKey is refused together with fetch: the Dashboard authenticates stripeApiFetch, and a real key must never sit in a UI extension.",
            ))
        }
        (Some(fetch), None) => {
            if options.base_url.is_some() {
                return Err(Error::invalid_param(
                    "baseUrl",
                    concat!(
                        "baseUrl has no effect with fetch: stripeApiFetch is always given ",
                        stripe_api_origin!(),
                        " URLs."
                    ),
                ));
            }
            (EXTENSION_AUTHORIZATION.to_owned(), FetchTransport::Extension { fetch })
        }
        (None, Some(key)) => {
            check_header_value("apiKey", key)?;
            let base_url = check_base_url(options.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
            (["Bearer ", key].concat(), FetchTransport::Global { base_url })
        }
        (None, None) => {
            return Err(Error::missing_param("apiKey").with_message(
                "Pass fetch (stripeApiFetch, in a UI extension) or apiKey (global fetch).",
            ))
        }
    };
    let mut settings = Settings::new(authorization);
    if let Some(version) = options.api_version {
        check_header_value("apiVersion", &version)?;
        settings.api_version = version;
    }
    if let Some(account) = options.stripe_account {
        check_header_value("stripeAccount", &account)?;
        settings.stripe_account = Some(account);
    }
    if let Some(retries) = options.max_network_retries {
        if retries > MAX_NETWORK_RETRIES_LIMIT {
            return Err(Error::invalid_param(
                "maxNetworkRetries",
                [
                    "maxNetworkRetries must be an integer from 0 to ",
                    &decimal(MAX_NETWORK_RETRIES_LIMIT.into()),
                    ".",
                ]
                .concat(),
            ));
        }
        settings.max_network_retries = retries;
    }
    if let Some(timeout) = options.timeout_ms {
        if timeout == 0 || timeout >= i32::MAX as u32 {
            return Err(Error::invalid_param(
                "timeout",
                "timeout must be a positive number of milliseconds.",
            ));
        }
        settings.timeout_ms = timeout;
    }
    Ok((caller, settings, transport))
}

/// A value that goes into a header must be visible ASCII: anything else
/// would be refused by fetch or could split the header.
fn check_header_value(param: &str, value: &str) -> Result<(), Error> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::invalid_param(
            param,
            [param, " must be a non-empty string of visible ASCII characters."].concat(),
        ));
    }
    Ok(())
}

/// `https://host[:port]`, or `http://` for a loopback host; no path, query,
/// fragment or credentials. Returns it without a trailing slash.
fn check_base_url(url: &str) -> Result<String, Error> {
    let refuse = || {
        Error::invalid_param(
            "baseUrl",
            "baseUrl must be https://host[:port], or http:// for 127.0.0.1, localhost or [::1].",
        )
    };
    let (secure, rest) = if let Some(rest) = url.strip_prefix("https://") {
        (true, rest)
    } else if let Some(rest) = url.strip_prefix("http://") {
        (false, rest)
    } else {
        return Err(refuse());
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty()
        || authority.contains(['/', '?', '#', '@', '\\'])
        || !authority.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(refuse());
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6
            .split(']')
            .next()
            .map(|h| ["[", h, "]"].concat())
            .unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default().to_owned(),
    };
    let loopback = host == "localhost" || host == "[::1]" || is_ipv4_loopback(&host);
    if !secure && !loopback {
        return Err(refuse());
    }
    Ok([if secure { "https://" } else { "http://" }, authority].concat())
}

fn is_ipv4_loopback(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4 && parts[0] == "127" && parts.iter().all(|p| p.parse::<u8>().is_ok())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
