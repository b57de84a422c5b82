//! `conformance run` runs every case against an embedded sandbox (or `--base-url` with
//! `--account-key`/`--account-secret`) and ends with `N passed, M failed`;
//! `conformance generate [--check]` writes or checks the spec-derived wire cases.

use std::process::ExitCode;
use telegent_conformance::{case, cases_dir, generate, runner};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    match args.first().map(String::as_str) {
        Some("generate") => {
            let check = args.iter().any(|a| a == "--check");
            match generate::write(&cases_dir().join("wire/generated"), check) {
                Ok(drift) if drift.is_empty() => {
                    println!("149 generated wire cases are up to date");
                    ExitCode::SUCCESS
                }
                Ok(drift) if check => {
                    eprintln!("generated wire cases differ from the spec: {} file(s), e.g. {}; run `cargo run -p telegent-conformance -- generate`", drift.len(), drift[0].display());
                    ExitCode::FAILURE
                }
                Ok(drift) => {
                    println!("wrote {} generated wire case file(s)", drift.len());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Some("run") => {
            let dir = flag("--cases").map(Into::into).unwrap_or_else(cases_dir);
            let cases = match case::load(&dir) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("error: {e}");
                    println!("{}", runner::summary(0, 1));
                    return ExitCode::FAILURE;
                }
            };
            let _sandbox;
            let target = match flag("--base-url") {
                Some(url) => runner::Target::new(
                    &url,
                    &flag("--account-key").unwrap_or_default(),
                    &flag("--account-secret").unwrap_or_default(),
                ),
                None => match telegent_sandbox::Sandbox::start() {
                    Ok(s) => {
                        let t =
                            runner::Target::new(&s.base_url(), s.account_key(), s.account_secret());
                        _sandbox = s;
                        t
                    }
                    Err(e) => Err(e.to_string()),
                },
            };
            let target = match target {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("error: {e}");
                    println!("{}", runner::summary(0, cases.len()));
                    return ExitCode::FAILURE;
                }
            };
            let (passed, failed) = runner::run_all(&target, &cases, |line| eprintln!("{line}"));
            let wire = cases
                .iter()
                .filter(|(_, c)| matches!(c, case::Case::Wire(_)))
                .count();
            eprintln!("rust: {wire} wire cases, {} flow cases", cases.len() - wire);
            println!("{}", runner::summary(passed, failed));
            if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        _ => {
            eprintln!("usage: conformance run [--cases DIR] [--base-url URL --account-key K --account-secret S] | conformance generate [--check]");
            ExitCode::from(2)
        }
    }
}
