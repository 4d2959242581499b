//! The crate's text encoders, one of each: hex digits, percent-encoding and
//! decimal numbers. Written by hand, not with `format!`: `core::fmt` would
//! otherwise be linked into the `.wasm` for them.

/// How many characters (Unicode scalar values) `text` holds: its bytes
/// that do not continue a UTF-8 sequence. core's `chars().count()` is an
/// unrolled count of about 1 KB of `.wasm`, for strings of at most a few
/// thousand characters here.
pub(crate) fn char_count(text: &str) -> usize {
    text.bytes().filter(|&byte| (byte as i8) >= -0x40).count()
}

/// Appends `byte` as two hex digits.
pub(crate) fn push_hex(out: &mut String, byte: u8, upper: bool) {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    out.push(char::from(digits[usize::from(byte >> 4)]));
    out.push(char::from(digits[usize::from(byte & 0xF)]));
}

/// Appends `text` percent-encoded as UTF-8 (upper-case hex), keeping ASCII
/// letters, digits and the bytes `keep` allows; a space as `+` when
/// `space_plus` (as `URLSearchParams` writes it).
pub(crate) fn push_percent(out: &mut String, text: &str, keep: fn(u8) -> bool, space_plus: bool) {
    out.reserve(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || keep(byte) {
            out.push(char::from(byte));
        } else if byte == b' ' && space_plus {
            out.push('+');
        } else {
            out.push('%');
            push_hex(out, byte, true);
        }
    }
}

/// Appends `n` in decimal.
pub(crate) fn push_decimal(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    // u64::MAX has 20 digits.
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &digit in &digits[at..] {
        out.push(char::from(digit));
    }
}

/// `n` in decimal.
pub(crate) fn decimal(n: i64) -> String {
    let mut out = String::with_capacity(20);
    push_decimal(&mut out, n);
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn char_count_counts_what_chars_counts() {
        for text in [
            "",
            "a",
            "é",
            "€",
            "𝄞",
            "a\u{0}é€𝄞z",
            &"€".repeat(5001),
            "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
        ] {
            assert_eq!(char_count(text), text.chars().count(), "{text:?}");
        }
    }

    #[test]
    fn decimals_as_rust_writes_them() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            255,
            65_535,
            4_294_967_295,
            -1,
            -10,
            i64::MAX,
            i64::MIN,
        ] {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn hex_in_either_case() {
        let mut out = String::new();
        for byte in [0x00, 0x0F, 0xA5, 0xFF] {
            push_hex(&mut out, byte, false);
            push_hex(&mut out, byte, true);
        }
        assert_eq!(out, "00000f0Fa5A5ffFF");
    }

    #[test]
    fn percent_keeps_what_it_is_told_to() {
        let mut out = String::new();
        push_percent(&mut out, "a é+", |_| false, true);
        assert_eq!(out, "a+%C3%A9%2B");
        out.clear();
        push_percent(&mut out, "a é+", |b| b == b'+', false);
        assert_eq!(out, "a%20%C3%A9+");
    }
}
