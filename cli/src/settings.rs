//! Where a command's connection settings come from: its flags, then the `TELEGENT_*` variables,
//! then a profile of the config file (`--profile`, `TELEGENT_PROFILE`, or the one named
//! `default`). Each setting is taken from the first of those that has it.
//!
//! The settings are options of every operation (and of the top-level command, so `telegent
//! --profile prod numbers list` and `telegent numbers list --profile prod` are the same), listed
//! under "Global options". Variables are read here rather than by clap, so help never shows
//! their values. No message names a secret's value.

use crate::profiles::{ConfigFile, Profile};
use clap::{Arg, ArgAction, ArgMatches};
use std::time::Duration;

pub const HEADING: &str = "Global options";

pub const ENV_PROFILE: &str = "TELEGENT_PROFILE";
pub const ENV_ACCOUNT_KEY: &str = telegent::config::ENV_ACCOUNT_KEY;
pub const ENV_ACCOUNT_SECRET: &str = telegent::config::ENV_ACCOUNT_SECRET;
pub const ENV_BASE_URL: &str = telegent::config::ENV_BASE_URL;
pub const ENV_TIMEOUT: &str = "TELEGENT_TIMEOUT";
pub const ENV_DEADLINE: &str = "TELEGENT_DEADLINE";
pub const ENV_MAX_RETRIES: &str = "TELEGENT_MAX_RETRIES";

/// The profile used when none is named.
pub const DEFAULT_PROFILE: &str = "default";

/// The options every operation takes: which profile, where the API is, the credentials and the
/// limits of a call.
pub fn args() -> Vec<Arg> {
    let arg = |id: &'static str, value: &'static str, help: &'static str| {
        Arg::new(id)
            .long(id)
            .value_name(value)
            .help(help)
            .help_heading(HEADING)
    };
    vec![
        arg(
            "profile",
            "NAME",
            "Profile of the config file to take settings from [env: TELEGENT_PROFILE] [default: the profile named \"default\", if any]",
        ),
        arg(
            "base-url",
            "URL",
            "API base URL [env: TELEGENT_BASE_URL] [default: https://api.telegent.com]",
        ),
        arg(
            "account-key",
            "KEY",
            "Account key tokens are minted from [env: TELEGENT_ACCOUNT_KEY]",
        ),
        arg(
            "account-secret",
            "SECRET",
            "Account secret tokens are minted from [env: TELEGENT_ACCOUNT_SECRET] (a flag is visible to other users of the machine: prefer the variable or a profile)",
        ),
        arg(
            "timeout",
            "SECONDS",
            "Limit for one attempt, in seconds; fractions allowed (0.5) [env: TELEGENT_TIMEOUT] [default: 30]",
        )
        .value_parser(seconds),
        arg(
            "deadline",
            "SECONDS",
            "Limit for a whole call in seconds: its token, every attempt and every wait between attempts [env: TELEGENT_DEADLINE] [default: enough for every attempt allowed]",
        )
        .value_parser(seconds),
        arg(
            "max-retries",
            "N",
            "Retries after a failed attempt, when retrying is safe (a call that is not idempotent is never resent once it may have reached the server) [env: TELEGENT_MAX_RETRIES] [default: 2]",
        )
        .value_parser(clap::value_parser!(u32)),
    ]
}

/// `-h, --help`, listed with the global options.
pub fn help_arg() -> Arg {
    Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help("Print help (-h for a summary)")
        .help_heading(HEADING)
}

/// A positive, finite number of seconds, fractions allowed.
pub fn seconds(text: &str) -> Result<Duration, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s > 0.0)
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .ok_or_else(|| "must be a number of seconds greater than zero, like 10 or 0.5".to_string())
}

fn retries(text: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .map_err(|_| "must be a whole number from 0".to_string())
}

/// Every connection setting of one command, resolved.
#[derive(Default)]
pub struct Settings {
    pub account_key: Option<String>,
    pub account_secret: Option<String>,
    pub base_url: Option<String>,
    pub timeout: Option<Duration>,
    pub deadline: Option<Duration>,
    pub max_retries: Option<u32>,
}

/// A value given on the command line, at the most specific level that has it (the operation's
/// own command first, then `telegent` itself).
pub fn flag<T: Clone + Send + Sync + 'static>(levels: &[&ArgMatches], id: &str) -> Option<T> {
    levels
        .iter()
        .find_map(|m| m.try_get_one::<T>(id).ok().flatten().cloned())
}

/// A variable's value; empty counts as unset.
pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn env_parsed<T>(name: &str, parse: fn(&str) -> Result<T, String>) -> Result<Option<T>, String> {
    env(name)
        .map(|text| parse(&text).map_err(|e| format!("{name} {e}")))
        .transpose()
}

/// The profile named by `--profile` or `TELEGENT_PROFILE`, if any.
pub fn named_profile(levels: &[&ArgMatches]) -> Option<String> {
    flag::<String>(levels, "profile").or_else(|| env(ENV_PROFILE))
}

/// The settings of a command: flags, then variables, then the profile. An error (a profile
/// that does not exist, a config file that cannot be read or is readable by others, a variable
/// that is not a number) is the user's to fix: exit code 2.
pub fn resolve(levels: &[&ArgMatches]) -> Result<Settings, String> {
    let named = named_profile(levels);
    let profile = load_profile(named.as_deref())?;
    if let (Some(name), Some(p)) = (&named, &profile) {
        for (var, set, what) in [
            (ENV_ACCOUNT_KEY, p.account_key.is_some(), "account key"),
            (
                ENV_ACCOUNT_SECRET,
                p.account_secret.is_some(),
                "account secret",
            ),
            (ENV_BASE_URL, p.base_url.is_some(), "base URL"),
        ] {
            if set && env(var).is_some() && flag::<String>(levels, &flag_of(var)).is_none() {
                eprintln!("warning: {var} is set and overrides the {what} of profile {name:?}");
            }
        }
    }
    let p = profile.unwrap_or_default();
    let text = |id: &str, var: &str, from_profile: Option<String>| {
        flag::<String>(levels, id)
            .or_else(|| env(var))
            .or(from_profile)
    };
    Ok(Settings {
        account_key: text("account-key", ENV_ACCOUNT_KEY, p.account_key),
        account_secret: text("account-secret", ENV_ACCOUNT_SECRET, p.account_secret),
        base_url: text("base-url", ENV_BASE_URL, p.base_url),
        timeout: match flag::<Duration>(levels, "timeout") {
            Some(t) => Some(t),
            None => env_parsed(ENV_TIMEOUT, seconds)?.or(p.timeout),
        },
        deadline: match flag::<Duration>(levels, "deadline") {
            Some(t) => Some(t),
            None => env_parsed(ENV_DEADLINE, seconds)?.or(p.deadline),
        },
        max_retries: match flag::<u32>(levels, "max-retries") {
            Some(n) => Some(n),
            None => env_parsed(ENV_MAX_RETRIES, retries)?.or(p.max_retries),
        },
    })
}

fn flag_of(var: &str) -> String {
    var.trim_start_matches("TELEGENT_")
        .to_ascii_lowercase()
        .replace('_', "-")
}

/// The named profile (which must exist), or else the `default` one if the config file has it.
fn load_profile(named: Option<&str>) -> Result<Option<Profile>, String> {
    let Some(path) = crate::profiles::config_path() else {
        return match named {
            Some(name) => Err(format!(
                "profile {name:?} cannot be read: no config file location (set TELEGENT_CONFIG, XDG_CONFIG_HOME or HOME)"
            )),
            None => Ok(None),
        };
    };
    let file = ConfigFile::load(&path)?;
    match (named, file) {
        (Some(name), None) => Err(format!(
            "profile {name:?} not found: {} does not exist (create it with `telegent profiles set {name} --account-key KEY --account-secret-stdin`)",
            path.display()
        )),
        (Some(name), Some(file)) => match file.profile(name)? {
            Some(p) => Ok(Some(p)),
            None => Err(format!(
                "profile {name:?} not found in {} (profiles: {})",
                path.display(),
                list_or_none(&file.names())
            )),
        },
        (None, Some(file)) => file.profile(DEFAULT_PROFILE),
        (None, None) => Ok(None),
    }
}

fn list_or_none(names: &[String]) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

/// What a command says when it has no credentials.
pub const NO_CREDENTIALS: &str = "no credentials: pass --account-key and --account-secret (and --base-url), set TELEGENT_ACCOUNT_KEY and TELEGENT_ACCOUNT_SECRET (and TELEGENT_BASE_URL), or save a profile: `telegent profiles set default --account-key KEY --account-secret-stdin`; `telegent sandbox` runs a local API to point them at";

/// A client from the settings; `None` when the key or the secret is missing.
pub fn client(settings: &Settings) -> Result<Option<telegent::blocking::Client>, telegent::Error> {
    let (Some(key), Some(secret)) = (&settings.account_key, &settings.account_secret) else {
        return Ok(None);
    };
    let mut builder = telegent::Client::builder()
        .credentials(key, secret)
        .user_agent(concat!("telegent-cli/", env!("CARGO_PKG_VERSION")));
    if let Some(url) = &settings.base_url {
        builder = builder.base_url(url);
    }
    if let Some(timeout) = settings.timeout {
        builder = builder.timeout(timeout);
    }
    if let Some(deadline) = settings.deadline {
        builder = builder.total_timeout(deadline);
    }
    if let Some(retries) = settings.max_retries {
        builder = builder.max_retries(retries);
    }
    builder.build_blocking().map(Some)
}
