//! `cargo run --release -p telegent-bench -- sandbox-scale [--numbers N] [--data-dir DIR]`: the
//! sandbox at scale (issue 9). Provisions N numbers (100,000 by default) through the SDK at
//! concurrency 64, and measures the time of an inventory page at 1,000 records and at N, the
//! provision rate, a full `list_all` walk, and the sandbox's memory.
//!
//! The sandbox runs as a process of its own (this binary, `sandbox-serve`), so its resident
//! memory is read from `/proc/<pid>/status` and is the sandbox's alone. It stops when its stdin
//! closes, gracefully, so with `--data-dir` the final save is timed too.

use futures::{StreamExt, TryStreamExt};
use serde_json::json;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use telegent::models::{
    ListNumberParams, MessageType, NumberType, ProductType, ProvisionNumberRequest,
};
use telegent_sandbox::state::Store;
use telegent_sandbox::{SandboxConfig, DEFAULT_ACCOUNT_KEY, DEFAULT_ACCOUNT_SECRET};

const CONCURRENCY: usize = 64;
const SMALL: u64 = 1_000;
/// Pages fetched (one after another) for each page-time figure.
const PAGE_SAMPLES: u64 = 300;
const PAGE_SIZE: i64 = 10;

/// The value after `--flag` in `args`.
fn option(args: &[String], flag: &str) -> Option<String> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1).cloned())
}

/// The child: a sandbox on a free loopback port, until stdin closes.
pub fn serve(args: &[String]) {
    let config = SandboxConfig {
        data_dir: option(args, "--data-dir").map(Into::into),
        ..SandboxConfig::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        println!("http://{}", listener.local_addr().unwrap());
        let (closed, stdin_closed) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            let _ = std::io::stdin().read_to_end(&mut Vec::new());
            let _ = closed.send(());
        });
        telegent_sandbox::serve(listener, &config, async {
            let _ = stdin_closed.await;
        })
        .await
        .unwrap();
    });
}

/// Starts the child sandbox; returns it and its base URL.
fn start_sandbox(data_dir: Option<&str>) -> (Child, String) {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.arg("sandbox-serve");
    if let Some(dir) = data_dir {
        command.args(["--data-dir", dir]);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the sandbox process starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line.trim().to_string())
}

/// `VmRSS` and `VmHWM` (peak) of a process, in MB.
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (kb("VmRSS:") / 1024.0, kb("VmHWM:") / 1024.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn page_params(page: u64) -> ListNumberParams {
    ListNumberParams {
        page_number: Some(page as i64),
        total_numbers_requested: Some(PAGE_SIZE),
        ..Default::default()
    }
}

async fn inventory_total(client: &telegent::Client) -> u64 {
    let page = client.numbers().list(&page_params(1)).await.unwrap();
    page.total_results.map_or(0, |t| t.max(0) as u64)
}

/// Provisions numbers until the inventory holds `target`; returns how many and how long.
async fn provision_to(client: &telegent::Client, route: &str, target: u64) -> (u64, Duration) {
    let count = target.saturating_sub(inventory_total(client).await);
    let request = ProvisionNumberRequest {
        message_route_id: Some(route.to_string()),
        area_code: Some("801".into()),
        ..ProvisionNumberRequest::new(
            NumberType::Mvno,
            MessageType::P2p,
            true,
            false,
            ProductType::SmsPlusData,
        )
    };
    let started = Instant::now();
    futures::stream::iter(0..count)
        .map(|_| async { client.numbers().provision(&request).await })
        .buffer_unordered(CONCURRENCY)
        .try_for_each(|_| async { Ok(()) })
        .await
        .expect("every provision answers");
    (count, started.elapsed())
}

/// Median time of one inventory page (10 numbers), over pages spread across the inventory.
async fn page_ms(client: &telegent::Client, total: u64) -> f64 {
    let pages = total / PAGE_SIZE as u64;
    let mut times = Vec::new();
    for i in 0..PAGE_SAMPLES {
        let page = 1 + (i * 7_919) % pages;
        let started = Instant::now();
        let answer = client.numbers().list(&page_params(page)).await.unwrap();
        times.push(started.elapsed().as_secs_f64() * 1e3);
        assert_eq!(
            answer.phone_numbers.map(|p| p.len()),
            Some(PAGE_SIZE as usize)
        );
    }
    median(times)
}

pub fn run(args: &[String]) {
    let target: u64 = option(args, "--numbers")
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let data_dir = option(args, "--data-dir");
    let (mut child, base) = start_sandbox(data_dir.as_deref());
    let pid = child.id();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let figures = runtime.block_on(async {
        let client = telegent::Client::builder()
            .credentials(DEFAULT_ACCOUNT_KEY, DEFAULT_ACCOUNT_SECRET)
            .base_url(&base)
            .build()
            .unwrap();
        let route = client
            .call_json("message_routes.create", None, Some(json!({"RouteName": "bench", "MessageUrl": "https://example.com/in", "MessageUrlMethod": "POST"})))
            .await
            .unwrap()["MessageRouteId"]
            .as_str()
            .unwrap()
            .to_string();
        provision_to(&client, &route, SMALL).await;
        let small_page = page_ms(&client, SMALL).await;
        let (small_rss, _) = memory(pid);
        let (provisioned, took) = provision_to(&client, &route, target).await;
        let large_page = page_ms(&client, target).await;
        let started = Instant::now();
        let walked = client
            .numbers()
            .list_all(&ListNumberParams::default())
            .try_fold(0u64, |n, _| async move { Ok(n + 1) })
            .await
            .unwrap();
        let walk = started.elapsed();
        let (rss, peak) = memory(pid);
        (small_page, small_rss, provisioned, took, large_page, walked, walk, rss, peak)
    });
    let (small_page, small_rss, provisioned, took, large_page, walked, walk, rss, peak) = figures;
    drop(runtime); // closes the client's connections, so the sandbox's shutdown does not wait
    drop(child.stdin.take());
    let stopping = Instant::now();
    child.wait().unwrap();
    let stopped = stopping.elapsed();

    let persisted = match &data_dir {
        Some(dir) => format!("with `--data-dir {dir}`"),
        None => "without a data directory".to_string(),
    };
    println!("Sandbox at scale: {target} numbers, {persisted}, concurrency {CONCURRENCY}\n");
    println!("| measurement | result |");
    println!("|---|---|");
    println!("| inventory page (10 numbers) at {SMALL} records, through the SDK | {small_page:.3} ms (median of {PAGE_SAMPLES}) |");
    println!("| inventory page (10 numbers) at {target} records, through the SDK | {large_page:.3} ms (median of {PAGE_SAMPLES}) |");
    println!(
        "| provision rate ({provisioned} provisions, concurrency {CONCURRENCY}) | {:.0} /s ({:.1} s) |",
        provisioned as f64 / took.as_secs_f64(),
        took.as_secs_f64()
    );
    println!(
        "| `numbers().list_all` walk, default page size ({walked} numbers, {} pages) | {:.2} s |",
        walked.div_ceil(10),
        walk.as_secs_f64()
    );
    println!("| sandbox RSS at {SMALL} records | {small_rss:.0} MB |");
    println!("| sandbox RSS at {target} records (peak) | {rss:.0} MB ({peak:.0} MB) |");
    println!(
        "| sandbox stop (final save included) | {:.2} s |",
        stopped.as_secs_f64()
    );
    if let Some(dir) = &data_dir {
        saved_state(std::path::Path::new(dir), target);
    }
}

/// What the sandbox saved: it must hold every number; and what one whole save costs, the cost
/// every change paid when each change saved the whole store.
fn saved_state(dir: &std::path::Path, target: u64) {
    let file = dir.join("sandbox-state.json");
    let size = std::fs::metadata(&file).map_or(0, |m| m.len());
    let started = Instant::now();
    let store = Store::load(&file).unwrap().expect("a saved state");
    let load = started.elapsed();
    assert_eq!(
        store.len("numbers") as u64,
        target,
        "the final save holds every number"
    );
    let started = Instant::now();
    let bytes = store.to_bytes().unwrap();
    let snapshot = started.elapsed();
    let copy = dir.join("sandbox-state-copy.json");
    let started = Instant::now();
    store.save(&copy).unwrap();
    let save = started.elapsed();
    let _ = std::fs::remove_file(copy);
    println!(
        "| saved state: {} numbers, {:.0} MB; load {:.2} s; snapshot (serialise, under the lock) {:.0} ms; whole save {:.0} ms | |",
        store.len("numbers"),
        size as f64 / 1e6,
        load.as_secs_f64(),
        snapshot.as_secs_f64() * 1e3,
        save.as_secs_f64() * 1e3
    );
    std::hint::black_box(bytes);
}
