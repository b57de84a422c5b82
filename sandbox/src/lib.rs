//! # telegent-sandbox
//!
//! The whole Telegent API on your machine: all 149 operations at their real paths, with state
//! (create → get → update → delete), the rules the docs state, tokens that are scoped and expire
//! like the real ones, and faults you can inject. It is what the README's first command runs,
//! what every test talks to, and what you can develop against offline.
//!
//! ```no_run
//! let sandbox = telegent_sandbox::Sandbox::start().unwrap();
//! let client = sandbox.client().unwrap();
//! ```

pub mod auth;
pub mod faults;
pub mod fixtures;
pub mod index;
pub mod operations;
pub mod persist;
pub mod render;
pub mod script;
pub mod server;
pub mod spec;
pub mod state;

use server::{Shared, World};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

pub const DEFAULT_ACCOUNT_KEY: &str = "DID-sandbox-account-key";
pub const DEFAULT_ACCOUNT_SECRET: &str = "sandbox-secret";
pub const DEFAULT_TOKEN_TTL: Duration = Duration::from_secs(300);

/// How a sandbox starts.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// 0 picks a free port.
    pub port: u16,
    pub host: String,
    pub seed: u64,
    pub account_key: String,
    pub account_secret: String,
    pub token_ttl: Duration,
    /// Keep state in `<dir>/sandbox-state.json` across restarts: saved shortly after changes
    /// (batched, see [`persist`]) and whatever is left when the sandbox stops.
    pub data_dir: Option<PathBuf>,
    /// Start with the records the docs' examples refer to.
    pub fixtures: bool,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            port: 0,
            host: "127.0.0.1".into(),
            seed: 1,
            account_key: DEFAULT_ACCOUNT_KEY.into(),
            account_secret: DEFAULT_ACCOUNT_SECRET.into(),
            token_ttl: DEFAULT_TOKEN_TTL,
            data_dir: None,
            fixtures: true,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot listen on {0}: {1}")]
    Bind(String, std::io::Error),
    #[error("cannot use the data directory {0}: {1}")]
    DataDir(PathBuf, std::io::Error),
    #[error("the sandbox runtime could not start: {0}")]
    Runtime(std::io::Error),
}

fn shared_state(config: &SandboxConfig) -> Result<Arc<Shared>, SandboxError> {
    let account_id = fixtures::account_id(config.seed);
    let data_file = match &config.data_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| SandboxError::DataDir(dir.clone(), e))?;
            Some(dir.join("sandbox-state.json"))
        }
        None => None,
    };
    let saved = match &data_file {
        Some(file) => {
            state::Store::load(file).map_err(|e| SandboxError::DataDir(file.clone(), e))?
        }
        None => None,
    };
    let store =
        saved.unwrap_or_else(|| fixtures::initial_store(config.seed, config.fixtures, &account_id));
    Ok(Arc::new_cyclic(|me| Shared {
        world: Mutex::new(World {
            store,
            tokens: auth::Tokens::new(config.token_ttl),
            faults: faults::Faults::default(),
            script: script::Script::default(),
        }),
        account_key: config.account_key.clone(),
        account_secret: config.account_secret.clone(),
        account_id,
        seed: config.seed,
        fixtures: config.fixtures,
        saver: data_file.map(|file| saver(file, me.clone())),
        token_ttl: config.token_ttl,
        request_ids: server::RequestIds::default(),
    }))
}

/// Saves the world's store to `file` behind the changes; the saver holds the world weakly, so
/// it never keeps a stopped sandbox alive.
fn saver(file: PathBuf, shared: Weak<Shared>) -> persist::Saver {
    persist::Saver::start(file, move || {
        let shared = shared.upgrade()?;
        let world = shared.lock();
        Some(world.store.to_bytes())
    })
}

/// Serves the sandbox on `listener` until `shutdown` completes (for the CLI's foreground mode).
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: &SandboxConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), SandboxError> {
    let shared = shared_state(config)?;
    let addr = listener
        .local_addr()
        .map_err(|e| SandboxError::Bind(config.host.clone(), e))?;
    let served = axum::serve(listener, server::router(shared.clone()))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| SandboxError::Bind(addr.to_string(), e));
    shared.stop_saving();
    served
}

/// A sandbox running in this process on its own threads; stopped when dropped.
pub struct Sandbox {
    addr: SocketAddr,
    config: SandboxConfig,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("base_url", &self.base_url())
            .finish()
    }
}

impl Sandbox {
    /// Starts a sandbox with the defaults on a free loopback port.
    pub fn start() -> Result<Sandbox, SandboxError> {
        Sandbox::start_with(SandboxConfig::default())
    }

    pub fn start_with(config: SandboxConfig) -> Result<Sandbox, SandboxError> {
        let shared = shared_state(&config)?;
        let listener = std::net::TcpListener::bind((config.host.as_str(), config.port))
            .map_err(|e| SandboxError::Bind(format!("{}:{}", config.host, config.port), e))?;
        listener
            .set_nonblocking(true)
            .map_err(SandboxError::Runtime)?;
        let addr = listener.local_addr().map_err(SandboxError::Runtime)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("telegent-sandbox")
            .enable_all()
            .build()
            .map_err(SandboxError::Runtime)?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let app = server::router(shared.clone());
        let thread = std::thread::Builder::new()
            .name("telegent-sandbox".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let _ = axum::serve(listener, app)
                        .with_graceful_shutdown(async {
                            let _ = stopped.await;
                        })
                        .await;
                });
            })
            .map_err(SandboxError::Runtime)?;
        Ok(Sandbox {
            addr,
            config,
            shared,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn account_key(&self) -> &str {
        &self.config.account_key
    }

    pub fn account_secret(&self) -> &str {
        &self.config.account_secret
    }

    /// The id of the account the sandbox's credentials act as.
    pub fn account_id(&self) -> &str {
        &self.shared.account_id
    }

    /// A client builder already pointed at this sandbox with its credentials.
    pub fn client_builder(&self) -> telegent::ClientBuilder {
        telegent::Client::builder()
            .credentials(&self.config.account_key, &self.config.account_secret)
            .base_url(self.base_url())
    }

    pub fn client(&self) -> telegent::Result<telegent::Client> {
        self.client_builder().build()
    }

    pub fn blocking_client(&self) -> telegent::Result<telegent::blocking::Client> {
        self.client_builder().build_blocking()
    }

    /// How many times operation `id` actually executed.
    pub fn executions(&self, id: &str) -> u64 {
        self.shared
            .lock()
            .faults
            .executed
            .get(id)
            .copied()
            .unwrap_or(0)
    }

    pub fn tokens_minted(&self) -> u64 {
        self.shared.lock().tokens.minted
    }

    /// Queues a fault (see [`faults::Fault`]).
    pub fn inject(&self, fault: faults::Fault) {
        self.shared.lock().faults.push(fault);
    }

    /// Drops every queued fault, keeping records and counters.
    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }

    pub fn set_token_ttl(&self, ttl: Duration) {
        self.shared.lock().tokens.ttl = ttl;
    }

    /// Back to the starting state: data, faults, counters and tokens.
    pub fn reset(&self) {
        self.shared.reset();
    }

    /// Queues scripted exchanges (see [`script`]); the conformance runners use this over HTTP.
    pub fn script(&self, entries: Vec<script::Entry>) {
        self.shared.lock().script.push(entries);
    }

    /// What the script saw: served requests, entries left, mismatches.
    pub fn script_report(&self) -> serde_json::Value {
        self.shared.lock().script.report()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        // Whatever changed since the last save is written before the sandbox is gone.
        self.shared.stop_saving();
    }
}
