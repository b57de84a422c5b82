//! `telegent sandbox`: runs the local Telegent API in the foreground until Ctrl-C.

use clap::{value_parser, Arg, ArgMatches, Command};
use std::process::ExitCode;
use telegent_sandbox::SandboxConfig;

pub fn command() -> Command {
    Command::new("sandbox")
        .about("Run the stateful local Telegent API in the foreground (Ctrl-C stops it)")
        .arg(
            Arg::new("port")
                .long("port")
                .value_parser(value_parser!(u16))
                .default_value("8787")
                .help("Port to listen on (0 picks a free one)"),
        )
        .arg(
            Arg::new("host")
                .long("host")
                .default_value("127.0.0.1")
                .help("Address to listen on"),
        )
        .arg(
            Arg::new("seed")
                .long("seed")
                .value_parser(value_parser!(u64))
                .default_value("1")
                .help("Seed of the generated ids"),
        )
        .arg(
            Arg::new("data-dir")
                .long("data-dir")
                .help("Keep state in this directory across restarts"),
        )
        .arg(
            Arg::new("sandbox-key")
                .long("key")
                .help("Account key the sandbox accepts (default shown at start)"),
        )
        .arg(
            Arg::new("sandbox-secret")
                .long("secret")
                .help("Account secret the sandbox accepts (default shown at start)"),
        )
        .arg(
            Arg::new("token-ttl")
                .long("token-ttl")
                .value_parser(value_parser!(u64))
                .default_value("300")
                .help("Token lifetime in seconds"),
        )
        .arg(crate::flag(
            "no-fixtures",
            "Start empty, without the records the docs' examples refer to",
        ))
}

pub fn run(global: &ArgMatches, matches: &ArgMatches) -> ExitCode {
    let mut config = SandboxConfig {
        port: *matches.get_one::<u16>("port").unwrap_or(&8787),
        host: matches
            .get_one::<String>("host")
            .cloned()
            .unwrap_or_else(|| "127.0.0.1".into()),
        seed: *matches.get_one::<u64>("seed").unwrap_or(&1),
        token_ttl: std::time::Duration::from_secs(
            *matches.get_one::<u64>("token-ttl").unwrap_or(&300),
        ),
        data_dir: matches.get_one::<String>("data-dir").map(Into::into),
        fixtures: !matches.get_flag("no-fixtures"),
        ..SandboxConfig::default()
    };
    // `--key`/`--secret`, or else the global `--account-key`/`--account-secret` (and their
    // TELEGENT_* variables): the credentials the sandbox accepts are the ones clients will use.
    let chosen = |own: &str, global_name: &str| {
        matches
            .get_one::<String>(own)
            .or_else(|| global.get_one::<String>(global_name))
            .cloned()
    };
    if let Some(k) = chosen("sandbox-key", "account-key") {
        config.account_key = k;
    }
    if let Some(s) = chosen("sandbox-secret", "account-secret") {
        config.account_secret = s;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let listener =
            match tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await {
                Ok(l) => l,
                Err(e) => {
                    eprintln!(
                        "error: cannot listen on {}:{}: {e}",
                        config.host, config.port
                    );
                    return ExitCode::FAILURE;
                }
            };
        let addr = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default();
        println!("Telegent sandbox listening on http://{addr}");
        println!("  TELEGENT_BASE_URL=http://{addr}");
        println!("  TELEGENT_ACCOUNT_KEY={}", config.account_key);
        println!("  TELEGENT_ACCOUNT_SECRET={}", config.account_secret);
        println!(
            "  tokens live {}s; admin API under /__sandbox/ (faults, counters, reset, token-ttl)",
            config.token_ttl.as_secs()
        );
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        match telegent_sandbox::serve(listener, &config, shutdown).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        }
    })
}
