//! Stripe Apps Secret Store client for UI extensions.
