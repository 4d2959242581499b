//! What the engine reads of a request besides its params: the method, the
//! path and the headers, with names lowercased and values kept as bytes.

/// A request's method, path and headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    /// `GET`, `POST`… as sent.
    pub method: String,
    /// The path without the query string, e.g. `/v1/apps/secrets`.
    pub path: String,
    headers: Vec<(String, Vec<u8>)>,
}

impl Head {
    /// A head with no headers yet.
    pub fn new(method: impl Into<String>, path: impl Into<String>) -> Self {
        Self {
            method: method.into(),
            path: path.into(),
            headers: Vec::new(),
        }
    }

    /// Adds one header, in the order received; the name is lowercased.
    pub fn push(&mut self, name: &str, value: impl Into<Vec<u8>>) {
        self.headers.push((name.to_ascii_lowercase(), value.into()));
    }

    /// The first value of header `name` (lowercase), as bytes.
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }

    /// The first value of header `name` as text, if it holds only visible
    /// ASCII, spaces and tabs (what an HTTP header value may hold as text).
    pub fn text(&self, name: &str) -> Option<&str> {
        let bytes = self.get(name)?;
        let visible = bytes.iter().all(|&b| b == b'\t' || (b' '..=b'~').contains(&b));
        if visible {
            std::str::from_utf8(bytes).ok()
        } else {
            None
        }
    }

    /// The distinct header names, in the order first received.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for (name, _) in &self.headers {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        names
    }
}
