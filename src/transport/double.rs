//! A scripted transport for host tests: answers from a queue, records what
//! was sent and how long it was asked to sleep. Its futures are always
//! ready, so [`block_on`] needs no runtime.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use super::{AbortSignal, HttpRequest, HttpResponse, Method, Transport, TransportError};

/// One scripted outcome.
pub enum Scripted {
    Answer {
        status: u16,
        should_retry: Option<bool>,
        body: String,
    },
    /// A 200 with these headers (names in lower case); its `request_id`
    /// is the `request-id` header's value, as the transports read it.
    WithHeaders {
        headers: Vec<(String, String)>,
        body: String,
    },
    Fail(TransportError),
}

/// What the double saw of one attempt.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    pub method: Method,
    pub path: String,
    pub body: Option<String>,
    pub headers: Vec<(String, String)>,
}

impl Sent {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
pub struct Double {
    pub script: RefCell<VecDeque<Scripted>>,
    pub sent: RefCell<Vec<Sent>>,
    pub sleeps: RefCell<Vec<u32>>,
}

impl Double {
    pub fn answering(script: Vec<Scripted>) -> Self {
        Double {
            script: RefCell::new(script.into()),
            ..Double::default()
        }
    }
}

pub fn answer(status: u16, body: &str) -> Scripted {
    Scripted::Answer {
        status,
        should_retry: None,
        body: body.to_owned(),
    }
}

impl Transport for Double {
    async fn send(
        &self,
        request: &HttpRequest,
        _timeout_ms: u32,
        _signal: Option<&AbortSignal>,
    ) -> Result<HttpResponse, TransportError> {
        self.sent.borrow_mut().push(Sent {
            method: request.method,
            path: request.path.clone(),
            body: request.body.clone(),
            headers: request
                .headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.clone()))
                .collect(),
        });
        match self.script.borrow_mut().pop_front() {
            Some(Scripted::Answer {
                status,
                should_retry,
                body,
            }) => Ok(HttpResponse {
                status,
                headers: vec![("request-id".into(), format!("req_{}", self.sent.borrow().len()))],
                request_id: Some(format!("req_{}", self.sent.borrow().len())),
                should_retry,
                body,
            }),
            Some(Scripted::WithHeaders { headers, body }) => Ok(HttpResponse {
                status: 200,
                request_id: headers
                    .iter()
                    .find(|(name, _)| name == "request-id")
                    .map(|(_, value)| value.clone()),
                headers,
                should_retry: None,
                body,
            }),
            Some(Scripted::Fail(error)) => Err(error),
            None => Err(TransportError::Connection),
        }
    }

    async fn sleep(&self, ms: u32, _signal: Option<&AbortSignal>) -> Result<(), TransportError> {
        self.sleeps.borrow_mut().push(ms);
        Ok(())
    }
}

/// Runs a future whose every await is already ready.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut context) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the transport double never waits"),
    }
}
