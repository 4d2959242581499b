//! Headers as they cross to JS: one string and a count.

use zeroize::Zeroizing;

/// `headers` as one string, `name\nvalue\nname\nvalue`, and how many
/// there are: what `withResponse` (src/js/values.js), `makeInit` and
/// `makeFetchInit` (src/transport/http.js) take. One
/// string crosses once, where an array crossed twice per header. A line
/// feed cannot be in an HTTP header (the request's are checked visible
/// ASCII by options.rs); should a transport hand an answer one, the lines
/// do not split into `count` pairs and `headersOf` keeps none of them.
///
/// A request's lines hold its API key, as its headers do: they are wiped
/// when dropped, as the request is.
pub(crate) fn header_lines<N: AsRef<str>, V: AsRef<str>>(headers: &[(N, V)]) -> (Zeroizing<String>, u32) {
    let mut lines = Zeroizing::new(String::new());
    for (name, value) in headers {
        push_header_line(&mut lines, name.as_ref(), value.as_ref());
    }
    (lines, headers.len() as u32)
}

/// One header of `header_lines`; not inlined into each of its callers (the
/// request's and the answer's headers are of two types).
#[inline(never)]
fn push_header_line(lines: &mut String, name: &str, value: &str) {
    if !lines.is_empty() {
        lines.push('\n');
    }
    lines.push_str(name);
    lines.push('\n');
    lines.push_str(value);
}

#[cfg(test)]
mod tests {
    use super::header_lines;
    use zeroize::Zeroizing;

    #[test]
    fn header_lines_join_names_and_values_and_count_them() {
        let plain = |(lines, count): (Zeroizing<String>, u32)| (lines.to_string(), count);
        assert_eq!(plain(header_lines::<&str, &str>(&[])), (String::new(), 0));
        assert_eq!(
            plain(header_lines(&[("Request-Id", "req_1")])),
            ("Request-Id\nreq_1".to_owned(), 1)
        );
        assert_eq!(
            plain(header_lines(&[("a", "1"), ("e", ""), ("f", "6\n7")])),
            ("a\n1\ne\n\nf\n6\n7".to_owned(), 3)
        );
    }
}
