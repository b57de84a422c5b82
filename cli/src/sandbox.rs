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
                .value_name("PORT")
                .value_parser(value_parser!(u16))
                .default_value("8787")
                .help("Port to listen on (0 picks a free one)"),
        )
        .arg(
            Arg::new("host")
                .long("host")
                .value_name("HOST")
                .default_value("127.0.0.1")
                .help("Address to listen on"),
        )
        .arg(
            Arg::new("seed")
                .long("seed")
                .value_name("SEED")
                .value_parser(value_parser!(u64))
                .default_value("1")
                .help("Seed of the generated ids"),
        )
        .arg(
            Arg::new("data-dir")
                .long("data-dir")
                .value_name("DIR")
                .help("Keep state in this directory across restarts"),
        )
        .arg(
            Arg::new("account-key")
                .long("account-key")
                .alias("key")
                .value_name("KEY")
                .help("Account key the sandbox accepts [env: TELEGENT_ACCOUNT_KEY] [default: shown at start]"),
        )
        .arg(
            Arg::new("account-secret")
                .long("account-secret")
                .alias("secret")
                .value_name("SECRET")
                .help("Account secret the sandbox accepts [env: TELEGENT_ACCOUNT_SECRET] [default: shown at start]"),
        )
        .arg(
            Arg::new("token-ttl")
                .long("token-ttl")
                .value_name("SECONDS")
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
    // `--account-key`/`--account-secret` (also accepted before `sandbox`), else the
    // TELEGENT_* variables: the credentials the sandbox accepts are the ones clients will use.
    // Profiles are never read: they may hold a real account's secret, which the sandbox prints.
    let given = |id: &str| {
        matches
            .get_one::<String>(id)
            .or_else(|| global.get_one::<String>(id))
            .cloned()
    };
    if let Some(k) =
        given("account-key").or_else(|| crate::settings::env(crate::settings::ENV_ACCOUNT_KEY))
    {
        config.account_key = k;
    }
    // A secret from the environment is not printed: it may be a real account's.
    let mut secret_shown = true;
    if let Some(s) = given("account-secret") {
        config.account_secret = s;
    } else if let Some(s) = crate::settings::env(crate::settings::ENV_ACCOUNT_SECRET) {
        config.account_secret = s;
        secret_shown = false;
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
        if secret_shown {
            println!("  TELEGENT_ACCOUNT_SECRET={}", config.account_secret);
        } else {
            println!("  TELEGENT_ACCOUNT_SECRET: the one already in your environment");
        }
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
