//! Shared fixtures for the sandbox tests: a fresh sandbox, its client, and the records most
//! stories start from (routes, a provisioned number, a subscriber); operations run straight on a
//! store, for tests about the store itself; and the walk through every operation.
#![allow(dead_code)]

pub mod walk;

use serde_json::{json, Value};
use telegent::blocking::Client;
use telegent_sandbox::operations::{execute, ApiError, Ctx};
use telegent_sandbox::spec::api;
use telegent_sandbox::state::{Record, Store};
use telegent_sandbox::{Sandbox, SandboxConfig};

/// The account id the store-level tests act as.
pub const ACCOUNT: &str = "AID-store-test";

pub struct World {
    pub sandbox: Sandbox,
    pub client: Client,
}

pub fn world() -> World {
    world_with(SandboxConfig::default())
}

pub fn world_with(config: SandboxConfig) -> World {
    let sandbox = Sandbox::start_with(config).expect("sandbox starts");
    let client = sandbox
        .client_builder()
        .max_retries(0)
        .build_blocking()
        .expect("client builds");
    World { sandbox, client }
}

impl World {
    /// A token minted over plain HTTP (the lower-case path, as the docs also write it), scoped
    /// to `endpoint` when given: its text and its `tokenExpiry`.
    pub fn raw_token(&self, endpoint: Option<&str>) -> (String, String) {
        let base = self.sandbox.base_url();
        let mut body = json!({"AccountKey": self.sandbox.account_key(), "AccountSecret": self.sandbox.account_secret()});
        if let Some(e) = endpoint {
            body["ApiEndpoint"] = json!(e);
        }
        let answer: Value = reqwest::blocking::Client::new()
            .post(format!("{base}/v1.0/oauth2/tokens"))
            .json(&body)
            .send()
            .and_then(|r| r.json())
            .expect("a token");
        (
            answer["token"].as_str().expect("a token").to_string(),
            answer["tokenExpiry"]
                .as_str()
                .expect("an expiry")
                .to_string(),
        )
    }

    /// POSTs `body` to `path` with an unscoped token, past the SDK's own input checks: for rules
    /// the client already refuses (a missing required field), to prove the sandbox enforces them.
    pub fn raw_post(&self, path: &str, body: Value) -> (u16, Value) {
        let (token, _) = self.raw_token(None);
        let answer = reqwest::blocking::Client::new()
            .post(format!("{}{path}", self.sandbox.base_url()))
            .bearer_auth(token)
            .json(&body)
            .send()
            .expect("an answer");
        let status = answer.status().as_u16();
        (status, answer.json().unwrap_or(Value::Null))
    }

    pub fn call(&self, id: &str, body: Value) -> Value {
        self.client
            .call_json(id, None, Some(body))
            .unwrap_or_else(|e| panic!("{id} failed: {e}"))
    }

    pub fn query(&self, id: &str, params: Value) -> Value {
        self.client
            .call_json(id, Some(params), None)
            .unwrap_or_else(|e| panic!("{id} failed: {e}"))
    }

    pub fn fails(&self, id: &str, params: Option<Value>, body: Option<Value>) -> telegent::Error {
        self.client
            .call_json(id, params, body)
            .expect_err("the call must fail")
    }

    pub fn message_route(&self) -> String {
        let r = self.call("message_routes.create", json!({"RouteName": "r", "MessageUrl": "https://example.com/in", "MessageUrlMethod": "POST"}));
        r["MessageRouteId"].as_str().unwrap().to_string()
    }

    pub fn voice_route(&self) -> String {
        let r = self.call(
            "voice_routes.create",
            json!({"RouteName": "v", "RouteType": "Trunk"}),
        );
        r["CallRouteId"].as_str().unwrap().to_string()
    }

    /// Provisions a messaging-enabled number on a new message route; returns (number, route).
    pub fn number(&self) -> (String, String) {
        let route = self.message_route();
        let order = self.call("numbers.provision", provision_body(&route, None));
        (
            order["PhoneNumberAssigned"].as_str().unwrap().to_string(),
            route,
        )
    }

    pub fn subscriber(&self, email: &str) -> String {
        let s = self.call(
            "subscribers.create",
            json!({"Name": "Pat", "Email": email, "PhoneNumbers": [], "Role": "Subscriber", "Password": "pw", "AccountId": self.sandbox.account_id()}),
        );
        s["SubscriberId"].as_str().unwrap().to_string()
    }
}

pub fn provision_body(route: &str, voice_route: Option<&str>) -> Value {
    let mut body = json!({"NumberType": "mvno", "MessageType": "p2p", "MessageEnabled": true, "VoiceEnabled": voice_route.is_some(), "ProductType": "Sms+Data", "MessageRouteId": route, "AreaCode": "801"});
    if let Some(v) = voice_route {
        body["VoiceRouteId"] = json!(v);
    }
    body
}

fn object(value: Value) -> Record {
    match value {
        Value::Object(m) => m,
        _ => Record::new(),
    }
}

/// Runs operation `id` straight on `store`, as the server would after validation: for tests of
/// what an operation does to the store (no HTTP, no token).
pub fn run_on(store: &mut Store, id: &str, query: Value, body: Value) -> Result<Value, ApiError> {
    let op = api()
        .by_id(id)
        .unwrap_or_else(|| panic!("no operation {id}"));
    let mut ctx = Ctx {
        store,
        op,
        query: object(query),
        body: object(body),
        account_id: ACCOUNT.into(),
        now: chrono::Utc::now(),
    };
    execute(&mut ctx)
}
