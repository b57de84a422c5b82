//! Shared fixtures: a sandbox with the binding layer's client pointed at it, and a one-shot
//! HTTP server that records the request it gets.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::mpsc::{channel, Receiver};
use telegent_ffi::sandbox::{FfiSandbox, SandboxOptions};
use telegent_ffi::{CallRequest, ClientOptions, FfiClient};

pub struct World {
    pub sandbox: FfiSandbox,
    pub client: FfiClient,
}

pub fn world() -> World {
    let sandbox = FfiSandbox::start(SandboxOptions::default()).unwrap();
    let client = FfiClient::new(&sandbox.client_options(), "test").unwrap();
    World { sandbox, client }
}

/// A message route's body, as the docs' example gives it.
pub fn route_body() -> Value {
    json!({"RouteName": "Main", "MessageUrl": "https://example.com/in", "MessageUrlMethod": "POST"})
}

pub fn body_call(operation: &str, body: Value) -> CallRequest {
    CallRequest {
        body: Some(body),
        ..CallRequest::new(operation)
    }
}

pub fn query_call(operation: &str, query: Value) -> CallRequest {
    CallRequest {
        query: Some(query),
        ..CallRequest::new(operation)
    }
}

/// Provisions `n` numbers on the world's sandbox.
pub fn provision(w: &World, n: usize) {
    let route = w
        .client
        .call_blocking(body_call("message_routes.create", route_body()))
        .unwrap();
    let route_id = route["MessageRouteId"].clone();
    for _ in 0..n {
        let body = json!({"NumberType": "mvno", "MessageType": "p2p", "MessageEnabled": true,
            "VoiceEnabled": false, "ProductType": "Sms+Data", "MessageRouteId": route_id});
        w.client
            .call_blocking(body_call("numbers.provision", body))
            .unwrap();
    }
}

/// A server on loopback that answers one request with `200 {}` and hands over the request's
/// head and body as text. Token requests are answered with a token first.
pub fn recording_server() -> (String, Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (sender, requests) = channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let request = read_request(&mut stream);
            let answer = if request.contains("/OAuth2/tokens") {
                r#"{"token":"t","successful":true,"tokenExpiry":"12/31/2099 11:59:59 PM"}"#
            } else {
                "{}"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
                answer.len()
            );
            if !request.contains("/OAuth2/tokens") && sender.send(request).is_err() {
                return;
            }
        }
    });
    (base, requests)
}

fn read_request(stream: &mut std::net::TcpStream) -> String {
    let mut data = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).unwrap_or(0);
        if n == 0 {
            break;
        }
        data.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&data);
        if let Some(head_end) = text.find("\r\n\r\n") {
            let length = text[..head_end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            if data.len() >= head_end + 4 + length {
                break;
            }
        }
    }
    String::from_utf8_lossy(&data).into_owned()
}

pub fn client_for(base: &str) -> FfiClient {
    let options = ClientOptions {
        account_key: Some("key".into()),
        account_secret: Some("secret".into()),
        base_url: Some(base.into()),
        ..Default::default()
    };
    FfiClient::new(&options, "test").unwrap()
}
