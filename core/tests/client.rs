//! The client against a local stand-in server: tokens, retries, timeouts, errors, paging, wire shape.

mod common;

use common::{Reply, TestServer, SECRET};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use telegent::models::*;
use telegent::{ErrorKind, RetryPolicy, TokenScope};

const OUTBOUND: &str = "/v1.0/message/outbound";
const DETAILS: &str = "/v1.0/message/details";
const INVENTORY: &str = "/v1.0/numbers/inventory";

fn message_request() -> SendMessageRequest {
    SendMessageRequest::new(["+18015737111".into()], "+18018018011", "Hello there!!!")
}

fn details_params() -> GetMessageParams {
    GetMessageParams {
        message_id: Some("TMID-1".into()),
        ..Default::default()
    }
}

// ---- tokens ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_on_a_cold_cache_mint_one_token_per_scope() {
    let server = TestServer::start().await;
    *server.state.mint_delay.lock().unwrap() = Duration::from_millis(50);
    let client = server.client().build().unwrap();
    let mut calls = Vec::new();
    for i in 0..1000 {
        let client = client.clone();
        calls.push(tokio::spawn(async move {
            if i % 2 == 0 {
                client.messages().get(&details_params()).await.map(|_| ())
            } else {
                client
                    .numbers()
                    .list(&ListNumberParams::default())
                    .await
                    .map(|_| ())
            }
        }));
    }
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(server.mints(), 2, "one mint for each of the two endpoints");
    assert_eq!(client.tokens_minted(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn callers_waiting_on_a_failing_mint_share_its_error_instead_of_minting_again() {
    let server = TestServer::start().await;
    *server.state.mint_delay.lock().unwrap() = Duration::from_millis(300);
    let client = telegent::Client::builder()
        .credentials("DID-wrong", SECRET)
        .base_url(&server.base_url)
        .build()
        .unwrap();
    let calls: Vec<_> = (0..1000)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.messages().get(&details_params()).await })
        })
        .collect();
    for call in calls {
        let err = call.await.unwrap().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Authentication);
    }
    assert_eq!(
        server
            .state
            .mint_requests
            .load(std::sync::atomic::Ordering::SeqCst),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callers_short_timeout_does_not_fail_the_mint_other_callers_wait_for() {
    let server = TestServer::start().await;
    *server.state.mint_delay.lock().unwrap() = Duration::from_millis(600);
    let patient = server.client().build().unwrap();
    let hasty = patient.with_options(telegent::RequestOptions {
        timeout: Some(Duration::from_millis(200)),
        max_retries: Some(0),
        ..Default::default()
    });
    let first = tokio::spawn({
        let hasty = hasty.clone();
        async move { hasty.messages().get(&details_params()).await.map(|_| ()) }
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    let second =
        tokio::spawn(async move { patient.messages().get(&details_params()).await.map(|_| ()) });
    first.await.unwrap().unwrap();
    second.await.unwrap().unwrap();
    assert_eq!(server.mints(), 1);
}

#[tokio::test]
async fn each_endpoint_gets_a_token_scoped_to_its_url() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    client.messages().get(&details_params()).await.unwrap();
    client
        .numbers()
        .list(&ListNumberParams::default())
        .await
        .unwrap();
    let scopes = server.state.minted_scopes.lock().unwrap().clone();
    assert_eq!(
        scopes,
        vec![
            format!("{}{DETAILS}", server.base_url),
            format!("{}{INVENTORY}", server.base_url)
        ]
    );
}

#[tokio::test]
async fn shared_scope_mints_one_unscoped_token_for_every_endpoint() {
    let server = TestServer::start().await;
    let client = server
        .client()
        .token_scope(TokenScope::Shared)
        .build()
        .unwrap();
    client.messages().get(&details_params()).await.unwrap();
    client
        .numbers()
        .list(&ListNumberParams::default())
        .await
        .unwrap();
    assert_eq!(
        server.state.minted_scopes.lock().unwrap().clone(),
        vec![String::new()]
    );
}

#[tokio::test]
async fn a_token_is_replaced_before_it_expires() {
    let server = TestServer::start().await;
    *server.state.token_ttl.lock().unwrap() = Duration::from_secs(2);
    let client = server.client().build().unwrap();
    client.messages().get(&details_params()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1700)).await;
    client.messages().get(&details_params()).await.unwrap();
    assert_eq!(server.mints(), 2);
    assert_eq!(
        server.hits(DETAILS),
        2,
        "no request was sent with a stale token"
    );
}

#[tokio::test]
async fn a_401_mints_a_new_token_and_sends_once_more() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    client.messages().get(&details_params()).await.unwrap();
    server.revoke_all_tokens();
    client.messages().get(&details_params()).await.unwrap();
    assert_eq!(server.mints(), 2);
    assert_eq!(server.hits(DETAILS), 3);
}

#[tokio::test]
async fn a_second_401_is_an_authentication_error() {
    let server = TestServer::start().await;
    server.script(
        OUTBOUND,
        vec![Reply::error(401, "nope"), Reply::error(401, "still no")],
    );
    let client = server.client().build().unwrap();
    let err = client
        .messages()
        .send(&message_request())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert_eq!(err.message(), "still no");
    assert_eq!(server.hits(OUTBOUND), 2);
    assert_eq!(server.mints(), 2);
}

#[tokio::test]
async fn rejected_credentials_are_an_authentication_error_without_the_secret() {
    let server = TestServer::start().await;
    let client = telegent::Client::builder()
        .credentials("DID-wrong", SECRET)
        .base_url(&server.base_url)
        .build()
        .unwrap();
    let err = client.messages().get(&details_params()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert_eq!(err.operation(), "messages.get");
    assert!(!format!("{err} {err:?}").contains(SECRET));
    assert_eq!(server.hits(DETAILS), 0, "nothing is sent without a token");
}

#[tokio::test]
async fn neither_secret_nor_token_appears_in_debug_output() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    client.messages().get(&details_params()).await.unwrap();
    let shown = format!("{client:?} {:?}", client.config());
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(!shown.contains("token-1"), "{shown}");
    let request = CreateTokenRequest::new("k", SECRET);
    assert!(!format!("{request:?}").contains(SECRET));
}

#[test]
fn a_proxy_password_does_not_appear_in_debug_output() {
    let client = telegent::Client::builder()
        .credentials("k", "s")
        .proxy("http://proxyuser:proxy-password@127.0.0.1:3128")
        .build()
        .unwrap();
    let shown = format!("{:?}", client.config());
    assert!(!shown.contains("proxy-password"), "{shown}");
    assert!(!shown.contains("proxyuser"), "{shown}");
    assert!(shown.contains("127.0.0.1:3128"), "{shown}");
}

#[test]
fn token_fields_of_models_and_unmodelled_secret_fields_are_redacted() {
    let webhook: Webhook = serde_json::from_value(json!({
        "AuthenticationToken": "bearer-value",
        "ApiSecret": "unmodelled-secret",
        "Name": "hook"
    }))
    .unwrap();
    let shown = format!("{webhook:?}");
    assert!(!shown.contains("bearer-value"), "{shown}");
    assert!(!shown.contains("unmodelled-secret"), "{shown}");
    assert!(shown.contains("hook"), "{shown}");
}

#[tokio::test]
async fn tokens_are_requested_at_the_path_the_spec_gives() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let token = client
        .tokens()
        .create(&CreateTokenRequest::new(common::KEY, SECRET))
        .await
        .unwrap();
    assert_eq!(token.successful, Some(true));
    assert_eq!(
        telegent::operations::TOKENS_CREATE.path,
        "/v1.0/OAuth2/tokens"
    );
}

// ---- retries ----

#[tokio::test]
async fn a_refused_connection_is_retried_even_for_a_non_idempotent_operation() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let client = telegent::Client::builder()
        .credentials("k", "s")
        .base_url(url)
        .retry_policy(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            ..Default::default()
        })
        .build()
        .unwrap();
    let err = client
        .messages()
        .send(&message_request())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network);
    assert_eq!(err.operation(), "messages.send");
    assert_eq!(err.retries(), 2);
}

#[tokio::test]
async fn a_timeout_on_send_is_surfaced_and_never_resent() {
    let server = TestServer::start().await;
    server.script(
        OUTBOUND,
        vec![Reply::json(200, json!({})).after(Duration::from_secs(2))],
    );
    let client = server
        .client()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let err = client
        .messages()
        .send(&message_request())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.retries(), 0);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(server.hits(OUTBOUND), 1);
}

#[tokio::test]
async fn a_timeout_on_a_get_is_retried() {
    let server = TestServer::start().await;
    let slow = Reply::json(200, json!({})).after(Duration::from_secs(2));
    server.script(DETAILS, vec![slow.clone(), slow.clone(), slow]);
    let client = server
        .client()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let err = client.messages().get(&details_params()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.retries(), 2);
    assert_eq!(server.hits(DETAILS), 3);
}

async fn attempts_after(path: &str, status: u16, send: bool) -> (usize, telegent::Error) {
    let server = TestServer::start().await;
    server.script(
        path,
        vec![
            Reply::error(status, "x"),
            Reply::error(status, "x"),
            Reply::error(status, "x"),
        ],
    );
    let client = server.client().build().unwrap();
    let err = if send {
        client
            .messages()
            .send(&message_request())
            .await
            .unwrap_err()
    } else {
        client.messages().get(&details_params()).await.unwrap_err()
    };
    (server.hits(path), err)
}

#[tokio::test]
async fn a_500_on_send_is_not_resent() {
    let (hits, err) = attempts_after(OUTBOUND, 500, true).await;
    assert_eq!((hits, err.kind(), err.retries()), (1, ErrorKind::Server, 0));
}

#[tokio::test]
async fn a_500_on_a_get_is_retried() {
    let (hits, err) = attempts_after(DETAILS, 500, false).await;
    assert_eq!((hits, err.retries()), (3, 2));
}

#[tokio::test]
async fn gateway_errors_on_send_are_not_resent() {
    for status in [502, 504] {
        let (hits, _) = attempts_after(OUTBOUND, status, true).await;
        assert_eq!(hits, 1, "status {status}");
    }
}

#[tokio::test]
async fn statuses_that_prove_nothing_happened_are_retried_even_for_send() {
    for status in [408, 429, 503] {
        let (hits, err) = attempts_after(OUTBOUND, status, true).await;
        assert_eq!((hits, err.retries()), (3, 2), "status {status}");
    }
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    for status in [400, 403, 404, 405, 409] {
        let (hits, _) = attempts_after(DETAILS, status, false).await;
        assert_eq!(hits, 1, "status {status}");
    }
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = TestServer::start().await;
    server.script(
        OUTBOUND,
        vec![Reply::error(429, "slow down").header("retry-after", "1")],
    );
    let client = server.client().build().unwrap();
    let started = Instant::now();
    client.messages().send(&message_request()).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(server.hits(OUTBOUND), 2);
}

#[tokio::test]
async fn a_retry_after_too_large_to_represent_is_returned_not_waited_for() {
    let server = TestServer::start().await;
    server.script(
        DETAILS,
        vec![Reply::error(429, "slow down").header("retry-after", "99999999999999999999")],
    );
    let client = server.client().build().unwrap();
    let err = client.messages().get(&details_params()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.retries(), 0);
    assert_eq!(server.hits(DETAILS), 1);
}

#[tokio::test]
async fn the_total_timeout_bounds_a_call_with_all_its_retries() {
    let server = TestServer::start().await;
    let slow = Reply::json(200, json!({})).after(Duration::from_secs(2));
    server.script(DETAILS, vec![slow.clone(), slow.clone(), slow]);
    let client = server
        .client()
        .timeout(Duration::from_millis(400))
        .total_timeout(Duration::from_millis(600))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.messages().get(&details_params()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(err.message().contains("total timeout"), "{err}");
    assert!(
        started.elapsed() < Duration::from_millis(1100),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_request_that_cannot_be_built_is_invalid_input_and_not_retried() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let huge = GetMessageParams {
        message_id: Some("x".repeat(70_000)),
        ..Default::default()
    };
    let err = client.messages().get(&huge).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert_eq!(err.retries(), 0);
    assert_eq!(server.hits(DETAILS), 0);
}

#[tokio::test]
async fn a_retry_after_beyond_the_limit_is_returned_not_waited_for() {
    let server = TestServer::start().await;
    server.script(
        OUTBOUND,
        vec![Reply::error(429, "slow down").header("retry-after", "3600")],
    );
    let client = server.client().build().unwrap();
    let err = client
        .messages()
        .send(&message_request())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(err.retries(), 0);
}

#[tokio::test]
async fn an_empty_retry_budget_stops_retrying() {
    let server = TestServer::start().await;
    server.script(DETAILS, vec![Reply::error(503, "busy"); 5]);
    let client = server
        .client()
        .retry_policy(RetryPolicy {
            budget: telegent::test_util::RETRY_COST,
            initial_backoff: Duration::from_millis(1),
            ..Default::default()
        })
        .build()
        .unwrap();
    let err = client.messages().get(&details_params()).await.unwrap_err();
    assert_eq!(err.retries(), 1, "the budget paid for one retry only");
    assert_eq!(server.hits(DETAILS), 2);
}

#[tokio::test]
async fn per_request_options_override_the_client() {
    let server = TestServer::start().await;
    server.script(DETAILS, vec![Reply::error(503, "busy"); 3]);
    let client = server.client().build().unwrap();
    let err = client
        .with_max_retries(0)
        .messages()
        .get(&details_params())
        .await
        .unwrap_err();
    assert_eq!(err.retries(), 0);
    assert_eq!(server.hits(DETAILS), 1);
}

// ---- errors ----

#[tokio::test]
async fn every_error_status_maps_to_its_kind() {
    let expected = [
        (400, ErrorKind::InvalidRequest),
        (401, ErrorKind::Authentication),
        (403, ErrorKind::PermissionDenied),
        (404, ErrorKind::NotFound),
        (405, ErrorKind::InvalidRequest),
        (408, ErrorKind::Timeout),
        (409, ErrorKind::Conflict),
        (429, ErrorKind::RateLimited),
        (500, ErrorKind::Server),
        (502, ErrorKind::Server),
        (503, ErrorKind::Server),
        (504, ErrorKind::Timeout),
    ];
    let server = TestServer::start().await;
    let client = server.client().max_retries(0).build().unwrap();
    for (status, kind) in expected {
        // A 401 is answered with a fresh token and one more try, which must fail too.
        let replies = if status == 401 { 2 } else { 1 };
        server.script(DETAILS, vec![Reply::error(status, "the message"); replies]);
        let err = client.messages().get(&details_params()).await.unwrap_err();
        assert_eq!(
            (err.kind(), err.status(), err.message()),
            (kind, Some(status), "the message"),
            "status {status}"
        );
        assert_eq!(err.operation(), "messages.get");
    }
}

#[tokio::test]
async fn problem_details_errors_keep_field_errors_and_trace_id() {
    let server = TestServer::start().await;
    let body = json!({
        "Type": "https://tools.ietf.org/html/rfc7231#section-6.5.1",
        "Title": "One or more validation errors occurred.",
        "Status": 400,
        "Errors": {"$.AreaCode": ["The AreaCode field is required."]},
        "TraceId": "00-abc-01"
    });
    server.script(OUTBOUND, vec![Reply::json(400, body)]);
    let client = server.client().build().unwrap();
    let err = client
        .messages()
        .send(&message_request())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidRequest);
    assert_eq!(err.request_id(), Some("00-abc-01"));
    assert_eq!(
        err.details().field_errors["$.AreaCode"],
        vec!["The AreaCode field is required.".to_string()]
    );
    assert!(err
        .message()
        .starts_with("One or more validation errors occurred."));
}

#[tokio::test]
async fn the_request_id_header_is_kept_on_errors() {
    let server = TestServer::start().await;
    server.script(
        DETAILS,
        vec![Reply::error(404, "gone").header("x-request-id", "req-42")],
    );
    let client = server.client().build().unwrap();
    let err = client.messages().get(&details_params()).await.unwrap_err();
    assert_eq!(err.request_id(), Some("req-42"));
}

#[tokio::test]
async fn a_200_that_is_not_json_is_a_decode_error_with_an_excerpt() {
    let server = TestServer::start().await;
    server.script(DETAILS, vec![Reply::raw(200, "<html>maintenance</html>")]);
    let client = server.client().build().unwrap();
    let err = client.messages().get(&details_params()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(
        err.details().body_excerpt.as_deref(),
        Some("<html>maintenance</html>")
    );
}

#[tokio::test]
async fn an_empty_200_body_is_an_empty_result() {
    let server = TestServer::start().await;
    server.script("/v1.0/services/delete", vec![Reply::raw(200, "")]);
    let client = server.client().build().unwrap();
    let out = client
        .services()
        .delete(&DeleteServiceRequest::new("SID-1"))
        .await
        .unwrap();
    assert_eq!(out, Service::default());
}

#[tokio::test]
async fn a_bare_array_body_decodes_into_a_list() {
    let server = TestServer::start().await;
    server.script(
        "/v1.0/subscribers/message-filter/allowed-contacts",
        vec![Reply::json(200, json!(["+1111111111", "+2222222222"]))],
    );
    let client = server.client().build().unwrap();
    let contacts = client
        .guardian()
        .message_filters()
        .allowed_contacts()
        .list(&ListAllowedContactsParams::new("TSUID-1", "MFID-1"))
        .await
        .unwrap();
    assert_eq!(
        contacts,
        vec!["+1111111111".to_string(), "+2222222222".to_string()]
    );
}

// ---- the wire ----

#[tokio::test]
async fn bodies_carry_exactly_the_spec_names() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let route = CreateVoiceRouteRequest {
        trunk1_priority: Some(1),
        ..CreateVoiceRouteRequest::new("r", RouteType::Trunk)
    };
    client.voice_routes().create(&route).await.unwrap();
    let body = server.last("/v1.0/voice/routes").body;
    assert_eq!(body["Trunk1Priortiy"], json!(1));
    client.messages().send(&message_request()).await.unwrap();
    assert_eq!(
        server.last(OUTBOUND).body,
        json!({"To": [{"Number": "+18015737111"}], "From": "+18018018011", "Body": "Hello there!!!"})
    );
}

#[tokio::test]
async fn query_values_are_percent_encoded() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let params = GetNumberParams {
        phone_number: Some("+18015555555".into()),
        ..Default::default()
    };
    client.numbers().get(&params).await.unwrap();
    assert_eq!(
        server.last("/v1.0/numbers").query.as_deref(),
        Some("PhoneNumber=%2B18015555555")
    );
}

#[tokio::test]
async fn the_operation_decides_the_method_and_path() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    client
        .subscriptions()
        .create(
            &CreateSubscriptionParams {
                subscription_id: Some("S1".into()),
                ..Default::default()
            },
            &CreateSubscriptionRequest::new("TSUID-1", "PID-1", "Monthly"),
        )
        .await
        .unwrap();
    let recorded = server.last("/v1.0/subscriptions");
    assert_eq!(
        (recorded.method.as_str(), recorded.query.as_deref()),
        ("POST", Some("SubscriptionId=S1"))
    );
}

#[tokio::test]
async fn a_required_choice_left_unset_is_refused_before_sending() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let err = client
        .voice_routes()
        .create(&CreateVoiceRouteRequest {
            route_name: Some("r".into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(err.operation(), "voice_routes.create");
    assert!(
        err.message()
            .contains("body is missing required field(s): RouteType"),
        "{}",
        err.message()
    );
    assert_eq!(server.hits("/v1.0/voice/routes"), 0);
}

// ---- paging ----

fn inventory_page(numbers: &[&str], total: Option<u64>) -> Reply {
    let items: Vec<_> = numbers
        .iter()
        .map(|n| json!({"Number": n, "Status": "Active"}))
        .collect();
    let mut body = json!({"PageNumber": 1, "PhoneNumbers": items});
    if let Some(t) = total {
        body["TotalResults"] = json!(t);
    }
    Reply::json(200, body)
}

async fn walk_inventory(server: &TestServer) -> Vec<String> {
    use futures::TryStreamExt;
    let client = server.client().build().unwrap();
    let all: Vec<Number> = client
        .numbers()
        .list_all(&ListNumberParams::default())
        .try_collect()
        .await
        .unwrap();
    all.into_iter().map(|n| n.number.unwrap()).collect()
}

#[tokio::test]
async fn paging_walks_until_an_empty_page() {
    let server = TestServer::start().await;
    server.script(
        INVENTORY,
        vec![
            inventory_page(&["+1", "+2"], None),
            inventory_page(&["+3"], None),
            inventory_page(&[], None),
        ],
    );
    assert_eq!(walk_inventory(&server).await, ["+1", "+2", "+3"]);
    let queries: Vec<_> = server
        .state
        .requests
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.query.clone().unwrap())
        .collect();
    assert_eq!(queries, ["PageNumber=1", "PageNumber=2", "PageNumber=3"]);
}

#[tokio::test]
async fn paging_stops_when_the_reported_total_is_reached() {
    let server = TestServer::start().await;
    server.script(
        INVENTORY,
        vec![
            inventory_page(&["+1", "+2"], Some(3)),
            inventory_page(&["+3", "+4"], Some(3)),
            inventory_page(&["+5"], Some(3)),
        ],
    );
    assert_eq!(walk_inventory(&server).await.len(), 4);
    assert_eq!(server.hits(INVENTORY), 2);
}

#[tokio::test]
async fn paging_stops_when_the_server_repeats_a_page() {
    let server = TestServer::start().await;
    server.script(
        INVENTORY,
        vec![
            inventory_page(&["+1"], None),
            inventory_page(&["+1"], None),
            inventory_page(&["+9"], None),
        ],
    );
    assert_eq!(walk_inventory(&server).await, ["+1"]);
    assert_eq!(server.hits(INVENTORY), 2);
}

#[tokio::test]
async fn an_operation_paged_by_a_body_field_sends_each_page_number_in_the_body() {
    use futures::TryStreamExt;
    let server = TestServer::start().await;
    let area = |ngp: &str| json!({"NGP": ngp, "AreaCode": 801, "Zipcode": "84000"});
    server.script(
        "/v1.0/numbers/availability",
        vec![
            Reply::json(200, json!({"PageNumber": 1, "ResultsTotal": 3, "AvailableNumberAreas": [area("a"), area("b")]})),
            Reply::json(200, json!({"PageNumber": 2, "ResultsTotal": 3, "AvailableNumberAreas": [area("c")]})),
        ],
    );
    let client = server.client().build().unwrap();
    let search = SearchAvailableNumberRequest::new("mobile", true, false);
    let areas: Vec<AvailableNumberArea> = client
        .numbers()
        .search_available_all(&search)
        .try_collect()
        .await
        .unwrap();
    let ngps: Vec<_> = areas.iter().filter_map(|a| a.ngp.clone()).collect();
    assert_eq!(ngps, ["a", "b", "c"]);
    let pages: Vec<Value> = server
        .state
        .requests
        .lock()
        .unwrap()
        .iter()
        .filter(|r| r.path == "/v1.0/numbers/availability")
        .map(|r| r.body["PageNumber"].clone())
        .collect();
    assert_eq!(pages, [json!(1), json!(2)]);
    assert_eq!(server.last("/v1.0/numbers/availability").query, None);
}

#[tokio::test]
async fn paging_fetches_nothing_until_consumed() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let stream = client.numbers().list_all(&ListNumberParams::default());
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(server.hits(INVENTORY), 0);
    drop(stream);
}

// ---- configuration ----

#[test]
fn plain_http_is_refused_off_loopback() {
    let err = telegent::Client::builder()
        .credentials("k", "s")
        .base_url("http://api.example.com")
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.message().contains("http://"));
}

#[test]
fn plain_http_is_allowed_when_asked_for() {
    let client = telegent::Client::builder()
        .credentials("k", "s")
        .base_url("http://api.example.com")
        .allow_insecure_http(true)
        .build();
    assert!(client.is_ok());
}

#[test]
fn loopback_and_https_need_no_permission() {
    for url in [
        "http://127.0.0.1:8080",
        "http://localhost:1",
        "http://[::1]:9",
        "https://api.telegent.com/v1.0/",
    ] {
        let client = telegent::Client::builder()
            .credentials("k", "s")
            .base_url(url)
            .build()
            .unwrap();
        assert!(!client.config().base_url.ends_with('/'), "{url}");
        assert!(!client.config().base_url.ends_with("/v1.0"), "{url}");
    }
}

#[test]
fn missing_credentials_are_an_invalid_input_error() {
    let err = telegent::Client::builder().build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.message().contains("TELEGENT_ACCOUNT_KEY"));
}

#[test]
fn defaults_are_finite() {
    let client = telegent::Client::builder()
        .credentials("k", "s")
        .build()
        .unwrap();
    let config = client.config();
    assert_eq!(config.base_url, "https://api.telegent.com");
    assert_eq!(config.timeout, Duration::from_secs(30));
    assert_eq!(config.connect_timeout, Duration::from_secs(10));
    assert_eq!(config.retry.max_retries, 2);
    // (10 s connect + 30 s) × 3 attempts + 60 s × 2 waits, for the token, the call and a re-try
    // after a 401.
    assert_eq!(
        config.total_timeout_for(&telegent::RequestOptions::default()),
        Duration::from_secs(720)
    );
}

#[test]
fn the_default_total_timeout_never_cuts_short_a_longer_attempt_timeout() {
    let client = telegent::Client::builder()
        .credentials("k", "s")
        .timeout(Duration::from_secs(200))
        .max_retries(0)
        .build()
        .unwrap();
    let total = client
        .config()
        .total_timeout_for(&telegent::RequestOptions::default());
    assert!(total > Duration::from_secs(200), "{total:?}");
}

#[test]
fn from_env_reads_the_three_variables() {
    std::env::set_var("TELEGENT_ACCOUNT_KEY", "DID-env");
    std::env::set_var("TELEGENT_ACCOUNT_SECRET", "env-secret");
    std::env::set_var("TELEGENT_BASE_URL", "http://127.0.0.1:9");
    let client = telegent::Client::from_env().unwrap();
    assert_eq!(client.config().account_key, "DID-env");
    assert_eq!(client.config().base_url, "http://127.0.0.1:9");
    assert_eq!(client.config().account_secret.expose(), "env-secret");
}

#[test]
fn clients_are_send_sync_and_clone() {
    fn assert_traits<T: Send + Sync + Clone + 'static>() {}
    assert_traits::<telegent::Client>();
    assert_traits::<telegent::blocking::Client>();
}

// ---- runtimes ----

#[test]
fn a_caller_mode_client_keeps_working_after_the_runtime_it_first_ran_on_is_dropped() {
    let server = TestServer::start_in_background();
    let client = server.client().build().unwrap();
    assert_eq!(client.runtime_mode(), telegent::RuntimeMode::Caller);
    let first = tokio::runtime::Runtime::new().unwrap();
    first
        .block_on(client.messages().get(&details_params()))
        .unwrap();
    drop(first);
    let second = tokio::runtime::Runtime::new().unwrap();
    second
        .block_on(client.messages().get(&details_params()))
        .unwrap();
    assert_eq!(server.hits(DETAILS), 2);
}

#[test]
fn an_sdk_mode_client_survives_every_runtime_its_callers_had() {
    let server = TestServer::start_in_background();
    let client = server
        .client()
        .runtime(telegent::RuntimeMode::Sdk)
        .build()
        .unwrap();
    for _ in 0..3 {
        let callers = tokio::runtime::Runtime::new().unwrap();
        callers
            .block_on(client.messages().get(&details_params()))
            .unwrap();
    }
    assert_eq!(server.hits(DETAILS), 3);
}

#[test]
fn a_blocking_client_runs_its_calls_on_the_sdk_runtime() {
    let client = telegent::Client::builder()
        .credentials("k", "s")
        .build_blocking()
        .unwrap();
    assert_eq!(client.inner().runtime_mode(), telegent::RuntimeMode::Sdk);
}
