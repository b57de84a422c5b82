//! `cargo run --release -p telegent-bench`: the core's per-call overhead against a raw reqwest
//! call to the same local server, and decode throughput of a 10,000-item inventory page.
//!
//! Both sides run in one process, interleaved round by round, and the medians are compared, so
//! a noisy shared machine moves both sides alike. Results go to stdout as a Markdown table.
//!
//! `cargo run --release -p telegent-bench -- sandbox-scale`: the sandbox at scale (see
//! `sandbox_scale.rs`).

mod sandbox_scale;

use axum::routing::{get, post};
use axum::Json;
use serde_json::{json, Value};
use std::time::Instant;
use telegent::models::{GetMessageParams, NumberInventory};

const ROUNDS: usize = 15;
const CALLS_PER_ROUND: usize = 400;

fn message() -> Value {
    json!({"MessageId": "TMID-00348008102307aK01", "Direction": "Outbound", "Type": "p2p", "Cost": 0.0045, "Status": "Queued",
           "To": [{"Number": "+12016093801"}], "From": "+18018018011", "Owner": "+18018018011", "Body": "Hello there!!!",
           "CreatedOn": "16:45:59 MST 2025-01-23", "MessageType": "sms"})
}

fn inventory(n: usize) -> Vec<u8> {
    let numbers: Vec<Value> = (0..n)
        .map(|i| json!({"Number": format!("+1801{:07}", i), "Tnid": format!("TNID-{i}"), "OrderId": "TNOID-ddbaad7c", "NumberType": "mobile",
                        "MessageEnabled": if i % 2 == 0 { json!(true) } else { json!("true") }, "MessageType": "p2p", "Classification": "MVNO",
                        "VoiceEnabled": true, "MessageRouteId": "MRID-73af1e73", "VoiceRouteId": "CRID-4dec6beb", "Status": "Active",
                        "OriginalDatePurchased": "02/05/2023", "AssignedSubscriberId": "TSUID-d7b3", "Iccid": "8901240397190556232",
                        "Cnam": "ABC Corp", "QrActivationLink": "https://api.telegent.com/qr", "SwapsRemaining": 1,
                        "NextSwapResetDate": "2025-12-04T22:09:41.56", "ProductType": "Sms+Data+Voice", "PortOutPin": "1234"}))
        .collect();
    serde_json::to_vec(&json!({"AccountId": "AID-1", "TotalResults": n, "PageNumber": 1, "Filter": "Active", "PhoneNumbers": numbers})).unwrap()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// Warms both sides up, then runs them in alternating rounds; medians of µs per call.
fn compare(mut sdk: impl FnMut(), mut peer: impl FnMut()) -> (f64, f64) {
    sdk();
    peer();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let start = Instant::now();
        sdk();
        a.push(start.elapsed().as_secs_f64() * 1e6 / CALLS_PER_ROUND as f64);
        let start = Instant::now();
        peer();
        b.push(start.elapsed().as_secs_f64() * 1e6 / CALLS_PER_ROUND as f64);
    }
    (median(a), median(b))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("sandbox-scale") => return sandbox_scale::run(&args[1..]),
        Some("sandbox-serve") => return sandbox_scale::serve(&args[1..]),
        _ => {}
    }
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let base = server_rt.block_on(async {
        let app = axum::Router::new()
            .route("/v1.0/OAuth2/tokens", post(|| async { Json(json!({"token": "bench-token", "successful": true, "tokenExpiry": "12/31/2099 11:59:59 PM"})) }))
            .route("/v1.0/message/details", get(|| async { Json(message()) }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        format!("http://{addr}")
    });

    let url = format!("{base}/v1.0/message/details?MessageId=TMID-00348008102307aK01");
    let params = GetMessageParams {
        message_id: Some("TMID-00348008102307aK01".into()),
        ..Default::default()
    };
    let builder = telegent::Client::builder()
        .credentials("DID-bench", "secret")
        .base_url(&base);

    // Async: the SDK and raw reqwest on the same caller runtime.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = rt.block_on(async { builder.clone().build().unwrap() });
    let raw = reqwest::Client::new();
    let sdk_round = || {
        rt.block_on(async {
            for _ in 0..CALLS_PER_ROUND {
                std::hint::black_box(client.messages().get(&params).await.unwrap());
            }
        })
    };
    let raw_round = || {
        rt.block_on(async {
            for _ in 0..CALLS_PER_ROUND {
                let body = raw
                    .get(&url)
                    .bearer_auth("bench-token")
                    .send()
                    .await
                    .unwrap()
                    .bytes()
                    .await
                    .unwrap();
                std::hint::black_box(serde_json::from_slice::<Value>(&body).unwrap());
            }
        })
    };
    let (async_sdk, async_raw) = compare(sdk_round, raw_round);

    // Blocking: the SDK's blocking client and reqwest::blocking.
    let blocking = builder.build_blocking().unwrap();
    let raw_blocking = reqwest::blocking::Client::new();
    let sdk_round = || {
        for _ in 0..CALLS_PER_ROUND {
            std::hint::black_box(blocking.messages().get(&params).unwrap());
        }
    };
    let raw_round = || {
        for _ in 0..CALLS_PER_ROUND {
            let body = raw_blocking
                .get(&url)
                .bearer_auth("bench-token")
                .send()
                .unwrap()
                .bytes()
                .unwrap();
            std::hint::black_box(serde_json::from_slice::<Value>(&body).unwrap());
        }
    };
    let (blocking_sdk, blocking_raw) = compare(sdk_round, raw_round);

    let page = inventory(10_000);
    let (mut typed, mut untyped) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let inv: NumberInventory = telegent::lenient::decode_body(&page).unwrap();
        assert_eq!(inv.phone_numbers.as_ref().map(Vec::len), Some(10_000));
        typed.push(start.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(inv);
        let start = Instant::now();
        let v: Value = serde_json::from_slice(&page).unwrap();
        untyped.push(start.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(v);
    }
    let (typed_ms, untyped_ms) = (median(typed), median(untyped));
    let mb = page.len() as f64 / 1e6;

    println!("| measurement | telegent | peer | ratio |");
    println!("|---|---|---|---|");
    println!("| per-call latency, async `messages().get` vs raw async reqwest GET + `serde_json::Value` (same runtime) | {async_sdk:.1} µs | {async_raw:.1} µs | {:.2}× |", async_sdk / async_raw);
    println!("| per-call latency, blocking `messages().get` vs `reqwest::blocking` GET + `serde_json::Value` | {blocking_sdk:.1} µs | {blocking_raw:.1} µs | {:.2}× |", blocking_sdk / blocking_raw);
    println!("| decode a 10,000-item inventory page ({mb:.1} MB): typed lenient vs `serde_json::Value` | {typed_ms:.1} ms ({:.0} MB/s) | {untyped_ms:.1} ms | {:.2}× |", mb / (typed_ms / 1e3), typed_ms / untyped_ms);
    println!("\n{ROUNDS} interleaved rounds of {CALLS_PER_ROUND} calls; medians. Overhead target: ≤ 1.10×.");
}
