//! Named profiles: settings from the config file, below the variables and the flags; the file
//! must be private; no secret is ever printed.

use super::common::*;
use telegent_sandbox::{Sandbox, SandboxConfig};

/// A base URL where nothing listens.
const NOWHERE: &str = "http://127.0.0.1:9";

#[test]
fn a_named_profile_supplies_the_credentials_and_the_base_url() {
    let sandbox = Sandbox::start().unwrap();
    let config = config_file(&profile_for("dev", &sandbox), 0o600);
    let out = with_config(&config)
        .args(["--profile", "dev", "accounts", "list"])
        .output()
        .unwrap();
    succeeded(&out);
    assert_eq!(sandbox.executions("accounts.list"), 1);
}

#[test]
fn the_profile_may_be_named_after_the_command_too() {
    let sandbox = Sandbox::start().unwrap();
    let config = config_file(&profile_for("dev", &sandbox), 0o600);
    let out = with_config(&config)
        .args(["accounts", "list", "--profile", "dev"])
        .output()
        .unwrap();
    succeeded(&out);
}

#[test]
fn the_default_profile_is_used_when_none_is_named() {
    let sandbox = Sandbox::start().unwrap();
    let config = config_file(&profile_for("default", &sandbox), 0o600);
    succeeded(
        &with_config(&config)
            .args(["accounts", "list"])
            .output()
            .unwrap(),
    );
}

#[test]
fn telegent_profile_names_the_profile() {
    let sandbox = Sandbox::start().unwrap();
    let config = config_file(&profile_for("dev", &sandbox), 0o600);
    let out = with_config(&config)
        .env("TELEGENT_PROFILE", "dev")
        .args(["accounts", "list"])
        .output()
        .unwrap();
    succeeded(&out);
}

#[test]
fn a_variable_overrides_the_profile() {
    let sandbox = Sandbox::start().unwrap();
    let text = profile_for("dev", &sandbox).replace(&sandbox.base_url(), NOWHERE);
    let config = config_file(&text, 0o600);
    let out = with_config(&config)
        .env("TELEGENT_BASE_URL", sandbox.base_url())
        .args(["--profile", "dev", "accounts", "list"])
        .output()
        .unwrap();
    succeeded(&out);
    assert!(
        stderr(&out).contains("TELEGENT_BASE_URL is set and overrides"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_flag_overrides_the_variable() {
    let sandbox = Sandbox::start().unwrap();
    let out = telegent_for(&sandbox)
        .env("TELEGENT_BASE_URL", NOWHERE)
        .args(["accounts", "list", "--base-url", &sandbox.base_url()])
        .output()
        .unwrap();
    succeeded(&out);
}

#[test]
fn a_profile_sets_the_limits_of_a_call() {
    let sandbox = Sandbox::start().unwrap();
    fault(&sandbox, "/v1.0/numbers/inventory", |f| {
        f.status = Some(503)
    });
    let text = format!("{}max_retries = 0\n", profile_for("dev", &sandbox));
    let config = config_file(&text, 0o600);
    let out = with_config(&config)
        .args(["--profile", "dev", "numbers", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "not retried: {}", stderr(&out));
}

#[test]
fn a_profile_that_does_not_exist_is_refused_naming_those_that_do() {
    let sandbox = Sandbox::start().unwrap();
    let config = config_file(&profile_for("dev", &sandbox), 0o600);
    let out = with_config(&config)
        .args(["--profile", "prod", "accounts", "list"])
        .output()
        .unwrap();
    let said = refused(&out);
    assert!(said.contains("\"prod\"") && said.contains("dev"), "{said}");
}

#[test]
fn an_unknown_key_in_a_profile_is_refused() {
    let config = config_file("[profiles.default]\naccount_secrte = \"x\"\n", 0o600);
    let out = with_config(&config)
        .args(["accounts", "list"])
        .output()
        .unwrap();
    assert!(refused(&out).contains("\"account_secrte\""));
}

#[cfg(unix)]
#[test]
fn a_config_file_with_a_secret_that_others_can_read_is_refused_with_the_fix() {
    let sandbox = Sandbox::start().unwrap();
    let config = config_file(&profile_for("dev", &sandbox), 0o644);
    let out = with_config(&config)
        .args(["--profile", "dev", "accounts", "list"])
        .output()
        .unwrap();
    let said = refused(&out);
    assert!(
        said.contains(&format!("chmod 600 {}", config.path.display())),
        "{said}"
    );
    assert_eq!(sandbox.executions("accounts.list"), 0);
}

#[cfg(unix)]
#[test]
fn a_config_file_without_a_secret_may_be_readable_by_others() {
    let sandbox = Sandbox::start().unwrap();
    let text = format!(
        "[profiles.default]\nbase_url = \"{}\"\n",
        sandbox.base_url()
    );
    let config = config_file(&text, 0o644);
    let out = with_config(&config)
        .env("TELEGENT_ACCOUNT_KEY", sandbox.account_key())
        .env("TELEGENT_ACCOUNT_SECRET", sandbox.account_secret())
        .args(["accounts", "list"])
        .output()
        .unwrap();
    succeeded(&out);
}

#[cfg(unix)]
#[test]
fn profiles_set_writes_a_file_only_its_owner_can_read() {
    use std::io::Write;
    let sandbox = Sandbox::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("telegent").join("config.toml");
    let mut child = telegent()
        .env("TELEGENT_CONFIG", &path)
        .args(["profiles", "set", "dev", "--base-url", &sandbox.base_url()])
        .args([
            "--account-key",
            sandbox.account_key(),
            "--account-secret-stdin",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{}", sandbox.account_secret()).unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(mode(&path), 0o600);
    let out = telegent()
        .env("TELEGENT_CONFIG", &path)
        .args(["--profile", "dev", "accounts", "list"])
        .output()
        .unwrap();
    succeeded(&out);
}

#[test]
fn profiles_set_keeps_the_other_profiles_and_comments() {
    let config = config_file(
        "# mine\n[profiles.prod]\naccount_key = \"DID-prod\"\n",
        0o600,
    );
    let out = with_config(&config)
        .args([
            "profiles",
            "set",
            "dev",
            "--base-url",
            "http://127.0.0.1:8787",
            "--timeout",
            "2.5",
        ])
        .output()
        .unwrap();
    succeeded(&out);
    let text = std::fs::read_to_string(&config.path).unwrap();
    assert!(
        text.starts_with("# mine\n[profiles.prod]\naccount_key = \"DID-prod\"\n"),
        "{text}"
    );
    assert!(
        text.contains("[profiles.dev]\nbase_url = \"http://127.0.0.1:8787\"\ntimeout = 2.5\n"),
        "{text}"
    );
}

#[test]
fn profiles_list_shows_names_and_base_urls_and_marks_the_one_in_use() {
    let config = config_file(
        "[profiles.default]\nbase_url = \"http://127.0.0.1:8787\"\naccount_secret = \"s\"\n\
         [profiles.prod]\naccount_key = \"DID-prod\"\n",
        0o600,
    );
    let out = with_config(&config)
        .args(["profiles", "list"])
        .output()
        .unwrap();
    assert_eq!(
        succeeded(&out),
        "  NAME     BASE URL\n\
         * default  http://127.0.0.1:8787\n  \
         prod     https://api.telegent.com (default)\n"
    );
}

/// Everything a run printed, both streams.
fn all_printed(cmd: &mut std::process::Command) -> String {
    let out = cmd.output().unwrap();
    format!("{}{}", stdout(&out), stderr(&out))
}

#[test]
fn the_secret_is_never_printed() {
    const SECRET: &str = "s3cr3t-never-shown-7f2a";
    let sandbox = Sandbox::start_with(SandboxConfig {
        account_secret: SECRET.into(),
        ..SandboxConfig::default()
    })
    .unwrap();
    let private = config_file(&profile_for("dev", &sandbox), 0o600);
    let readable = config_file(&profile_for("dev", &sandbox), 0o644);
    let wrong_key = config_file(
        &profile_for("dev", &sandbox).replace(sandbox.account_key(), "DID-wrong"),
        0o600,
    );
    let profile = |config: &ConfigFile, args: &[&str]| {
        let mut cmd = with_config(config);
        cmd.args(["--profile", "dev"]).args(args);
        all_printed(&mut cmd)
    };
    let runs = [
        profile(&private, &["numbers", "list", "-o", "table"]),
        profile(&private, &["numbers", "list", "--all-pages", "-o", "tsv"]),
        profile(&private, &["messages", "get"]),
        profile(
            &private,
            &["messages", "get", "--message-id", "TMID-missing"],
        ),
        profile(&private, &["numbers", "list", "--no-such-flag"]),
        profile(&private, &["numbers", "list", "--help"]),
        profile(&private, &["profiles", "list"]),
        profile(&readable, &["accounts", "list"]),
        profile(&wrong_key, &["accounts", "list"]),
        all_printed(
            telegent_for(&sandbox)
                .env("TELEGENT_BASE_URL", NOWHERE)
                .args(["accounts", "list", "--max-retries", "0"]),
        ),
        all_printed(telegent_for(&sandbox).args(["messages", "send", "--help"])),
    ];
    for (i, printed) in runs.iter().enumerate() {
        assert!(
            !printed.contains(SECRET),
            "run {i} printed the secret:\n{printed}"
        );
        assert!(!printed.is_empty(), "run {i} printed something");
    }
}
