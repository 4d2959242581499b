//! A small JSON reader and string writer, just enough for Secret Store answers.
//!
//! Why not serde_json: it roughly doubles the `.wasm` (float parsing and
//! formatting, generic deserializers), and these answers need none of that.
//! Numbers are read as `i64` (timestamps); anything else numeric is kept as
//! [`Json::OtherNumber`] so an unknown field cannot fail a parse. Nesting is
//! bounded so hostile input cannot exhaust the stack.

use crate::encode::push_hex;

const MAX_DEPTH: usize = 32;

/// A parsed JSON value. Objects keep their key order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Int(i64),
    /// A number that is not an `i64` (fraction, exponent, out of range).
    OtherNumber,
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Why a text is not JSON. Carries no part of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError;

impl Json {
    /// Parses one JSON value that fills the whole text.
    pub fn parse(text: &str) -> Result<Json, SyntaxError> {
        let mut parser = Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        };
        let value = parser.value(0)?;
        parser.skip_whitespace();
        if parser.pos == parser.bytes.len() {
            Ok(value)
        } else {
            Err(SyntaxError)
        }
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Int(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Takes the string out, leaving `Null`, so a payload is moved, not copied.
    pub fn take_str(&mut self) -> Option<String> {
        match std::mem::replace(self, Json::Null) {
            Json::Str(s) => Some(s),
            other => {
                *self = other;
                None
            }
        }
    }

    /// The mutable member `key` of an object.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        match self {
            Json::Object(members) => members.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

impl zeroize::Zeroize for Json {
    fn zeroize(&mut self) {
        match self {
            Json::Str(s) => s.zeroize(),
            Json::Array(items) => items.iter_mut().for_each(zeroize::Zeroize::zeroize),
            Json::Object(members) => members.iter_mut().for_each(|(k, v)| {
                k.zeroize();
                v.zeroize();
            }),
            _ => {}
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect_literal(&mut self, literal: &[u8], value: Json) -> Result<Json, SyntaxError> {
        if self.bytes[self.pos..].starts_with(literal) {
            self.pos += literal.len();
            Ok(value)
        } else {
            Err(SyntaxError)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(SyntaxError);
        }
        self.skip_whitespace();
        match self.peek().ok_or(SyntaxError)? {
            b'n' => self.expect_literal(b"null", Json::Null),
            b't' => self.expect_literal(b"true", Json::Bool(true)),
            b'f' => self.expect_literal(b"false", Json::Bool(false)),
            b'"' => self.string().map(Json::Str),
            b'[' => self.array(depth),
            b'{' => self.object(depth),
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(SyntaxError),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, SyntaxError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(SyntaxError),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, SyntaxError> {
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(SyntaxError);
            }
            let key = self.string()?;
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(SyntaxError);
            }
            self.pos += 1;
            let value = self.value(depth + 1)?;
            members.push((key, value));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(SyntaxError),
            }
        }
    }

    fn number(&mut self) -> Result<Json, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let digits_start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        if self.pos == digits_start {
            return Err(SyntaxError);
        }
        let mut integral = true;
        if self.peek() == Some(b'.') {
            integral = false;
            self.pos += 1;
            self.digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            integral = false;
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.digits()?;
        }
        if !integral {
            return Ok(Json::OtherNumber);
        }
        // The slice is ASCII digits with an optional sign, so it is UTF-8.
        let text = std::str::from_utf8(&self.bytes[start..self.pos]).map_err(|_| SyntaxError)?;
        Ok(text.parse().map(Json::Int).unwrap_or(Json::OtherNumber))
    }

    fn digits(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        if self.pos == start {
            Err(SyntaxError)
        } else {
            Ok(())
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let hex = self.bytes.get(self.pos..self.pos + 4).ok_or(SyntaxError)?;
        let mut value = 0;
        for &b in hex {
            value = value * 16 + (b as char).to_digit(16).ok_or(SyntaxError)?;
        }
        self.pos += 4;
        Ok(value)
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Runs end only before ASCII bytes, so they are whole UTF-8 sequences
            // of the input, which is a &str.
            let run = self.text.get(run_start..self.pos).ok_or(SyntaxError)?;
            match self.peek().ok_or(SyntaxError)? {
                // Most strings have no escape: one allocation of the exact size.
                b'"' if out.is_empty() => {
                    self.pos += 1;
                    return Ok(run.to_owned());
                }
                b'"' => {
                    out.push_str(run);
                    self.pos += 1;
                    return Ok(out);
                }
                _ => out.push_str(run),
            }
            match self.peek().ok_or(SyntaxError)? {
                b'\\' => {
                    self.pos += 1;
                    let escape = self.peek().ok_or(SyntaxError)?;
                    self.pos += 1;
                    let c = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return Err(SyntaxError),
                    };
                    out.push(c);
                }
                _ => return Err(SyntaxError), // a raw control character
            }
        }
    }

    /// `\uXXXX`, joining surrogate pairs. A lone surrogate is an error: it has
    /// no UTF-8 form, and replacing it would alter a secret.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err(SyntaxError);
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(SyntaxError);
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(SyntaxError),
            _ => first,
        };
        char::from_u32(code).ok_or(SyntaxError)
    }
}

// Kept for the JSON-escaped shape of redaction and the tests.
#[allow(dead_code)]
/// Appends `value` to `out` as a JSON string literal. Runs of bytes that
/// need no escape are copied whole: most strings are one run.
pub fn write_str(out: &mut String, value: &str) {
    out.reserve(value.len() + 2);
    out.push('"');
    let bytes = value.as_bytes();
    let mut run_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1F => "",
            _ => continue,
        };
        // Escaped bytes are ASCII, so runs end on character boundaries.
        out.push_str(value.get(run_start..i).unwrap_or_default());
        run_start = i + 1;
        if escape.is_empty() {
            out.push_str("\\u00");
            push_hex(out, b, false);
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(value.get(run_start..).unwrap_or_default());
    out.push('"');
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_a_secret() {
        let json = Json::parse(
            r#" {"id":"appsecret_1","created":1680209063,"expires_at":null,"livemode":false,
                "scope":{"type":"user","user":"usr_1"},"payload":"a\"b\\c\u00e9\ud83d\udd10\n","x":[1.5,-2e3,{}]} "#,
        )
        .unwrap();
        assert_eq!(json.get("id").and_then(Json::as_str), Some("appsecret_1"));
        assert_eq!(json.get("created").and_then(Json::as_i64), Some(1680209063));
        assert_eq!(json.get("expires_at"), Some(&Json::Null));
        assert_eq!(json.get("livemode").and_then(Json::as_bool), Some(false));
        assert_eq!(
            json.get("scope")
                .and_then(|s| s.get("user"))
                .and_then(Json::as_str),
            Some("usr_1")
        );
        assert_eq!(json.get("payload").and_then(Json::as_str), Some("a\"b\\cé🔐\n"));
        assert_eq!(
            json.get("x"),
            Some(&Json::Array(vec![
                Json::OtherNumber,
                Json::OtherNumber,
                Json::Object(vec![])
            ]))
        );
    }

    #[test]
    fn refuses_malformed_text() {
        for text in [
            "",
            "{",
            "[1,]",
            "{\"a\"}",
            "{\"a\":1,}",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"a\nb\"",
            "01x",
            "-",
            "1.",
            "1e",
            "nul",
            "\"\\x\"",
            "{} {}",
            "\"\\u12\"",
        ] {
            assert_eq!(Json::parse(text), Err(SyntaxError), "{text:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "[".repeat(100_000);
        assert_eq!(Json::parse(&deep), Err(SyntaxError));
    }

    #[test]
    fn huge_integers_are_other_numbers() {
        assert_eq!(Json::parse("99999999999999999999"), Ok(Json::OtherNumber));
        assert_eq!(Json::parse("-9223372036854775808"), Ok(Json::Int(i64::MIN)));
    }

    #[test]
    fn every_escape_reads_as_its_character() {
        let text = r#""\/\b\f\r\t\n\"\\\u00E9\u00e9x""#;
        assert_eq!(
            Json::parse(text),
            Ok(Json::Str("/\u{8}\u{c}\r\t\n\"\\ééx".into()))
        );
        // An escape after a run, and a run after an escape.
        assert_eq!(Json::parse(r#""ab\tcd""#), Ok(Json::Str("ab\tcd".into())));
        assert_eq!(Json::parse(r#""\tcd""#), Ok(Json::Str("\tcd".into())));
    }

    #[test]
    fn surrogate_pairs_join_and_their_bounds_hold() {
        for (text, expected) in [
            (r#""\ud800\udc00""#, '\u{10000}'),
            (r#""\udbff\udfff""#, '\u{10FFFF}'),
            (r#""\ud83d\udd10""#, '🔐'),
            (r#""\ud7ff""#, '\u{D7FF}'),
            (r#""\ue000""#, '\u{E000}'),
        ] {
            assert_eq!(Json::parse(text), Ok(Json::Str(expected.to_string())), "{text}");
        }
        for text in [
            r#""\ud800\udbff""#,
            r#""\ud800\ue000""#,
            r#""\udbff\u0041""#,
            r#""\ud800x""#,
            r#""\udfff""#,
            r#""\udc00\udc00""#,
        ] {
            assert_eq!(Json::parse(text), Err(SyntaxError), "{text}");
        }
    }

    #[test]
    fn control_characters_must_be_escaped() {
        assert_eq!(Json::parse("\"a\u{1f}b\""), Err(SyntaxError));
        assert_eq!(Json::parse("\"a\u{20}b\""), Ok(Json::Str("a b".into())));
    }

    #[test]
    fn whitespace_literals_and_numbers() {
        assert_eq!(Json::parse(" \t\n\r-12 \t\n\r"), Ok(Json::Int(-12)));
        assert_eq!(
            Json::parse("[ 1 , 2 ]"),
            Ok(Json::Array(vec![Json::Int(1), Json::Int(2)]))
        );
        assert_eq!(
            Json::parse("{ \"a\" : 1 , \"b\" : true }"),
            Ok(Json::Object(vec![
                ("a".into(), Json::Int(1)),
                ("b".into(), Json::Bool(true))
            ]))
        );
        assert_eq!(
            Json::parse("[true,false,null]"),
            Ok(Json::Array(vec![Json::Bool(true), Json::Bool(false), Json::Null]))
        );
        for text in ["1.5", "1e5", "1E5", "1e+5", "1e-5", "-0.5"] {
            assert_eq!(Json::parse(text), Ok(Json::OtherNumber), "{text}");
        }
        assert_eq!(Json::parse("0"), Ok(Json::Int(0)));
        for text in [
            "tru",
            "fals",
            "nulll",
            "-x",
            "1e+",
            "[1 2]",
            "{\"a\":1 \"b\":2}",
            "{\"a\" 1}",
            "{1:2}",
            "+1",
        ] {
            assert_eq!(Json::parse(text), Err(SyntaxError), "{text}");
        }
    }

    #[test]
    fn the_nesting_bound_is_exact() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        // The outermost value is at depth 0: 33 levels reach MAX_DEPTH.
        assert!(Json::parse(&nested(MAX_DEPTH + 1)).is_ok());
        assert_eq!(Json::parse(&nested(MAX_DEPTH + 2)), Err(SyntaxError));
        let objects = |n: usize| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
        assert!(Json::parse(&objects(MAX_DEPTH)).is_ok());
        assert_eq!(Json::parse(&objects(MAX_DEPTH + 1)), Err(SyntaxError));
    }

    #[test]
    fn accessors_and_take() {
        let mut json = Json::parse(r#"{"s":"v","n":5,"b":true}"#).unwrap();
        assert_eq!(json.get("n").and_then(Json::as_str), None);
        assert_eq!(json.get("s").and_then(Json::as_i64), None);
        assert_eq!(json.get("s").and_then(Json::as_bool), None);
        assert_eq!(json.get_mut("n").and_then(Json::take_str), None);
        assert_eq!(
            json.get("n"),
            Some(&Json::Int(5)),
            "a failed take leaves the value"
        );
        assert_eq!(json.get_mut("s").and_then(Json::take_str).as_deref(), Some("v"));
        assert_eq!(json.get("s"), Some(&Json::Null));
        assert_eq!(Json::Int(1).get("s"), None);
        assert_eq!(Json::Int(1).get_mut("s"), None);
    }

    #[test]
    fn zeroize_wipes_every_string_key_and_value() {
        use zeroize::Zeroize;
        let mut json = Json::parse(r#"{"k":["v",{"k2":"v2"}],"n":1}"#).unwrap();
        json.zeroize();
        let empty = || String::new();
        assert_eq!(
            json,
            Json::Object(vec![
                (
                    empty(),
                    Json::Array(vec![
                        Json::Str(empty()),
                        Json::Object(vec![(empty(), Json::Str(empty()))])
                    ])
                ),
                (empty(), Json::Int(1)),
            ])
        );
    }

    #[test]
    fn write_str_escapes_exactly() {
        let mut out = String::from("x");
        write_str(&mut out, "\"\\\n\r\t\u{1}\u{1f}\u{8}/é\u{7f}");
        assert_eq!(out, r#"x"\"\\\n\r\t\u0001\u001f\u0008/é"#.to_owned() + "\u{7f}\"");
        let mut plain = String::new();
        write_str(&mut plain, "plain");
        assert_eq!(plain, "\"plain\"");
    }

    proptest! {
        #[test]
        fn any_string_round_trips(s in any::<String>()) {
            let mut text = String::new();
            write_str(&mut text, &s);
            prop_assert_eq!(Json::parse(&text), Ok(Json::Str(s)));
        }

        #[test]
        fn arbitrary_text_never_panics(s in any::<String>()) {
            let _ = Json::parse(&s);
        }

        #[test]
        fn arbitrary_json_like_text_never_panics(s in "[\\[\\]{}\",:0-9eE.+\\-\\\\u a-f]{0,64}") {
            let _ = Json::parse(&s);
        }
    }
}
