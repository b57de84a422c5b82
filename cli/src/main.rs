//! `telegent`: the sandbox, the quick-start journey, and every Telegent operation from the shell.
//!
//! Operation subcommands are built from the manifest (`spec/operations.json`), so the CLI always
//! has exactly the SDK's operations under the SDK's names: `telegent numbers provision --json
//! '{...}'` or `--number-type mvno --message-enabled ...`. Settings come from flags, then
//! `TELEGENT_*` variables, then a named profile (`settings.rs`, `profiles.rs`). Output is JSON on
//! stdout unless `-o` says otherwise (`output.rs`); progress and errors go to stderr; invalid
//! input exits 2, any other failure 1, with the API's message. Secrets are never printed except
//! the sandbox's own development credentials, which are printed so you can use them.

mod operations;
mod output;
mod profiles;
mod quickstart;
mod sandbox;
mod settings;

use clap::{Arg, ArgAction, Command};
use std::process::ExitCode;

/// Help is wrapped to the terminal, at most this wide (`COLUMNS` sets the width exactly).
const MAX_HELP_WIDTH: usize = 100;

fn cli() -> Command {
    let cmd = Command::new("telegent")
        .about("The Telegent SDK's command line: a local sandbox of the whole API, the quick-start journey, and every operation")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .args(settings::args())
        .subcommand(sandbox::command())
        .subcommand(quickstart::command())
        .subcommand(profiles::command())
        .subcommands(operations::commands());
    match settings::env("COLUMNS").and_then(|c| c.trim().parse::<usize>().ok()) {
        Some(width) => cmd.term_width(width),
        None => cmd.max_term_width(MAX_HELP_WIDTH),
    }
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
        Some(("profiles", sub)) => profiles::run(&matches, sub),
        Some((group, sub)) => operations::run(&matches, group, sub),
        None => ExitCode::from(2),
    }
}

/// A switch (`--name`), off unless given.
pub fn flag(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name)
        .long(name)
        .action(ArgAction::SetTrue)
        .help(help)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        super::cli().debug_assert();
    }
}
