//! `telegent`: the sandbox, the quick-start journey, and every Telegent operation from the shell.
//!
//! Operation subcommands are built from the manifest (`spec/operations.json`), so the CLI always
//! has exactly the SDK's operations under the SDK's names: `telegent numbers provision --json
//! '{...}'` or `--number-type mobile ...`. Output is JSON on stdout; progress and errors go to
//! stderr; a failed call exits non-zero with the API's message. Secrets are never printed except
//! the sandbox's own development credentials, which are printed so you can use them.

mod operations;
mod quickstart;
mod sandbox;

use clap::{Arg, ArgAction, ArgMatches, Command};
use std::process::ExitCode;

fn cli() -> Command {
    Command::new("telegent")
        .about("The Telegent SDK's command line: a local sandbox of the whole API, the quick-start journey, and every operation")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .arg(Arg::new("base-url").long("base-url").global(true).env("TELEGENT_BASE_URL").help("API base URL (default https://api.telegent.com)"))
        .arg(Arg::new("account-key").long("account-key").global(true).env("TELEGENT_ACCOUNT_KEY").help("Account key tokens are minted from"))
        .arg(Arg::new("account-secret").long("account-secret").global(true).env("TELEGENT_ACCOUNT_SECRET").hide_env_values(true).help("Account secret tokens are minted from"))
        .arg(Arg::new("timeout").long("timeout").global(true).value_parser(clap::value_parser!(u64)).help("Per-attempt timeout in seconds"))
        .subcommand(sandbox::command())
        .subcommand(quickstart::command())
        .subcommands(operations::commands())
}

/// A client from the global flags or `TELEGENT_*`; `None` when no credentials were given.
pub fn client_from(
    matches: &ArgMatches,
) -> Result<Option<telegent::blocking::Client>, telegent::Error> {
    let key = matches.get_one::<String>("account-key");
    let secret = matches.get_one::<String>("account-secret");
    let (Some(key), Some(secret)) = (key, secret) else {
        return Ok(None);
    };
    let mut builder = telegent::Client::builder().credentials(key, secret);
    if let Some(url) = matches.get_one::<String>("base-url") {
        builder = builder.base_url(url);
    }
    if let Some(secs) = matches.get_one::<u64>("timeout") {
        builder = builder.timeout(std::time::Duration::from_secs(*secs));
    }
    builder.build_blocking().map(Some)
}

/// Prints an SDK error the way every command does and gives the exit code.
pub fn report(error: &telegent::Error) -> ExitCode {
    let d = error.details();
    eprintln!("error: {error}");
    for (field, messages) in &d.field_errors {
        eprintln!("  {field}: {}", messages.join("; "));
    }
    ExitCode::from(match error.kind() {
        telegent::ErrorKind::InvalidInput => 2,
        _ => 1,
    })
}

/// Output piped into `head` and closed early ends the program quietly, as Unix tools do, instead
/// of a panic from `println!`.
fn exit_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE at start-up, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    exit_quietly_on_closed_pipe();
    let matches = match cli().try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match matches.subcommand() {
        Some(("sandbox", sub)) => sandbox::run(&matches, sub),
        Some(("quickstart", sub)) => quickstart::run(&matches, sub),
        Some((group, sub)) => operations::run(&matches, group, sub),
        None => ExitCode::from(2),
    }
}

/// Flags shared by commands that print JSON.
pub fn flag(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name)
        .long(name)
        .action(ArgAction::SetTrue)
        .help(help)
}
