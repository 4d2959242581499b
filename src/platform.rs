//! The clock and the random source: the browser's on wasm, the OS's on the
//! host (where they serve the tests).

/// Seconds since the Unix epoch.
pub fn now_unix_seconds() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
}

/// Fills `buf` from a cryptographic source: `crypto.getRandomValues` on wasm
/// (Window, Worker and Node 20 all have it). Returns false if none answered.
pub fn fill_random(buf: &mut [u8]) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        js::get_random_values(buf).is_ok()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::hash::{BuildHasher, Hasher};
        // RandomState is seeded from the OS once per process and varies per
        // instance: enough for test keys on the host.
        for chunk in buf.chunks_mut(8) {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u64(0);
            let bytes = hasher.finish().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        true
    }
}

/// A uniform number in [0, 1), for retry jitter.
pub fn jitter() -> f64 {
    let mut bytes = [0u8; 4];
    fill_random(&mut bytes);
    f64::from(u32::from_le_bytes(bytes)) / 4_294_967_296.0
}

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(catch, js_namespace = crypto, js_name = getRandomValues)]
        pub fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;
    }
}
