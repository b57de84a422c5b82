//! Named profiles: the config file (TOML) and `telegent profiles list|set`.
//!
//! ```toml
//! [profiles.default]
//! base_url = "http://127.0.0.1:8787"
//! account_key = "DID-sandbox-account-key"
//! account_secret = "sandbox-secret"
//!
//! [profiles.prod]
//! account_key = "DID-..."
//! account_secret = "..."
//! timeout = 10        # seconds, fractions allowed
//! deadline = 60       # seconds, a whole call with its retries
//! max_retries = 2
//! ```
//!
//! The file is `$TELEGENT_CONFIG`, else `$XDG_CONFIG_HOME/telegent/config.toml`, else
//! `~/.config/telegent/config.toml`. On unix a file holding a secret is refused while other users
//! may read or write it; `profiles set` writes it readable by its owner only. No message quotes
//! the file's text: an error names the line and the key, never a value.

use crate::settings;
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;
use toml_edit::{DocumentMut, Item, Table, Value};

pub const ENV_CONFIG: &str = "TELEGENT_CONFIG";

/// The keys a profile may hold.
const KEYS: [&str; 6] = [
    "account_key",
    "account_secret",
    "base_url",
    "timeout",
    "deadline",
    "max_retries",
];

/// Where the config file is (whether or not it exists).
pub fn config_path() -> Option<PathBuf> {
    if let Some(path) = settings::env(ENV_CONFIG) {
        return Some(PathBuf::from(path));
    }
    let xdg = settings::env("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = xdg.or_else(|| {
        settings::env("HOME")
            .or_else(|| settings::env("USERPROFILE"))
            .map(|home| PathBuf::from(home).join(".config"))
    })?;
    Some(base.join("telegent").join("config.toml"))
}

/// One profile's settings.
#[derive(Default, Clone)]
pub struct Profile {
    pub account_key: Option<String>,
    pub account_secret: Option<String>,
    pub base_url: Option<String>,
    pub timeout: Option<Duration>,
    pub deadline: Option<Duration>,
    pub max_retries: Option<u32>,
}

/// The config file, read and checked.
pub struct ConfigFile {
    path: PathBuf,
    doc: DocumentMut,
}

impl ConfigFile {
    /// Reads the file; `None` when it does not exist.
    pub fn load(path: &Path) -> Result<Option<ConfigFile>, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let parsed = text.parse::<DocumentMut>();
        let holds_secret = match &parsed {
            Ok(doc) => holds_secret(doc),
            Err(_) => text.contains("secret"),
        };
        if holds_secret {
            check_private(path)?;
        }
        let doc = parsed.map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            format!(
                "{} is not valid TOML (line {line}): {}",
                path.display(),
                e.message()
            )
        })?;
        let file = ConfigFile {
            path: path.to_path_buf(),
            doc,
        };
        file.profiles()?;
        Ok(Some(file))
    }

    fn profiles(&self) -> Result<Option<&Table>, String> {
        match self.doc.get("profiles") {
            None => Ok(None),
            Some(item) => item.as_table().map(Some).ok_or_else(|| {
                format!(
                    "{}: `profiles` must be a table of profiles ([profiles.NAME])",
                    self.path.display()
                )
            }),
        }
    }

    /// The profiles' names, in the file's order.
    pub fn names(&self) -> Vec<String> {
        self.profiles()
            .ok()
            .flatten()
            .map(|t| t.iter().map(|(k, _)| k.to_string()).collect())
            .unwrap_or_default()
    }

    /// A profile's settings, checked; `None` when the file has no profile of that name.
    pub fn profile(&self, name: &str) -> Result<Option<Profile>, String> {
        let Some(item) = self.profiles()?.and_then(|t| t.get(name)) else {
            return Ok(None);
        };
        let place = format!("{}: [profiles.{name}]", self.path.display());
        let table = item
            .as_table_like()
            .ok_or_else(|| format!("{place} must be a table"))?;
        let mut profile = Profile::default();
        for (key, item) in table.iter() {
            let value = item.as_value();
            let text = || {
                value
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .ok_or_else(|| format!("{place} {key} must be text (in quotes)"))
            };
            let secs = || {
                value
                    .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
                    .and_then(|s| settings::seconds(&s.to_string()).ok())
                    .ok_or_else(|| {
                        format!("{place} {key} must be a number of seconds greater than zero")
                    })
            };
            match key {
                "account_key" => profile.account_key = Some(text()?),
                "account_secret" => profile.account_secret = Some(text()?),
                "base_url" => profile.base_url = Some(text()?),
                "timeout" => profile.timeout = Some(secs()?),
                "deadline" => profile.deadline = Some(secs()?),
                "max_retries" => {
                    profile.max_retries = Some(
                        value
                            .and_then(Value::as_integer)
                            .and_then(|n| u32::try_from(n).ok())
                            .ok_or_else(|| {
                                format!("{place} max_retries must be a whole number from 0")
                            })?,
                    )
                }
                other => {
                    return Err(format!(
                        "{place} has an unknown key {other:?} (known: {})",
                        KEYS.join(", ")
                    ))
                }
            }
        }
        Ok(Some(profile))
    }
}

fn holds_secret(doc: &DocumentMut) -> bool {
    doc.get("profiles")
        .and_then(Item::as_table_like)
        .is_some_and(|profiles| {
            profiles.iter().any(|(_, p)| {
                p.as_table_like()
                    .is_some_and(|t| t.contains_key("account_secret"))
            })
        })
}

/// Refuses a file that holds a secret while others than its owner may read or write it.
#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .permissions()
        .mode()
        & 0o777;
    if mode & 0o077 != 0 {
        return Err(format!(
            "{} holds an account secret but its permissions ({mode:04o}) let other users read or change it; \
             refusing to use it. Fix: chmod 600 {}",
            path.display(),
            path.display()
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path) -> Result<(), String> {
    Ok(())
}

pub fn command() -> Command {
    let setting = |id: &'static str, value: &'static str, help: &'static str| {
        Arg::new(id).long(id).value_name(value).help(help)
    };
    Command::new("profiles")
        .about("List or save named profiles of settings (credentials, base URL, limits)")
        .long_about(format!(
            "List or save named profiles of settings (credentials, base URL, limits).\n\n\
             Operations read the profile named by --profile or TELEGENT_PROFILE, or else the one named \
             \"default\". A flag beats its TELEGENT_* variable, which beats the profile.\n\n\
             The file is $TELEGENT_CONFIG, else $XDG_CONFIG_HOME/telegent/config.toml, else \
             ~/.config/telegent/config.toml (TOML: [profiles.NAME] with {}). A file holding a \
             secret must be readable by its owner only (chmod 600).",
            KEYS.join(", ")
        ))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("list")
                .about("Names and base URLs of the saved profiles (never their secrets); * marks the one in use"),
        )
        .subcommand(
            Command::new("set")
                .about("Create or change a profile (the file is written readable by you only)")
                .arg(
                    Arg::new("name")
                        .required(true)
                        .value_name("NAME")
                        .help("Profile name (letters, digits, - and _)"),
                )
                .arg(setting("account-key", "KEY", "Account key"))
                .arg(setting(
                    "account-secret",
                    "SECRET",
                    "Account secret (visible to other users of the machine while this runs: prefer --account-secret-stdin)",
                ))
                .arg(
                    Arg::new("account-secret-stdin")
                        .long("account-secret-stdin")
                        .action(ArgAction::SetTrue)
                        .conflicts_with("account-secret")
                        .help("Read the account secret from the first line of standard input"),
                )
                .arg(setting("base-url", "URL", "API base URL"))
                .arg(
                    setting("timeout", "SECONDS", "Limit for one attempt")
                        .value_parser(settings::seconds),
                )
                .arg(
                    setting("deadline", "SECONDS", "Limit for a whole call, retries included")
                        .value_parser(settings::seconds),
                )
                .arg(
                    setting("max-retries", "N", "Retries after a failed attempt")
                        .value_parser(clap::value_parser!(u32)),
                ),
        )
}

pub fn run(global: &ArgMatches, matches: &ArgMatches) -> ExitCode {
    let outcome = match matches.subcommand() {
        Some(("list", _)) => list(global),
        Some(("set", sub)) => set(sub),
        _ => Err("unknown command".into()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn list(global: &ArgMatches) -> Result<(), String> {
    let path = config_path().ok_or("no config file location (set TELEGENT_CONFIG or HOME)")?;
    let Some(file) = ConfigFile::load(&path)? else {
        eprintln!(
            "No profiles: {} does not exist (`telegent profiles set NAME ...` creates it).",
            path.display()
        );
        return Ok(());
    };
    let in_use =
        settings::named_profile(&[global]).unwrap_or_else(|| settings::DEFAULT_PROFILE.into());
    let mut rows = vec![(String::new(), "NAME".to_string(), "BASE URL".to_string())];
    for name in file.names() {
        let profile = file.profile(&name)?.unwrap_or_default();
        let url = profile
            .base_url
            .unwrap_or_else(|| format!("{} (default)", telegent::config::DEFAULT_BASE_URL));
        let mark = if name == in_use { "*" } else { "" };
        rows.push((mark.to_string(), name, url));
    }
    let width = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
    let mut out = std::io::stdout().lock();
    for (mark, name, url) in rows {
        let _ = writeln!(out, "{mark:1} {name:width$}  {url}");
    }
    Ok(())
}

fn set(matches: &ArgMatches) -> Result<(), String> {
    let name = matches
        .get_one::<String>("name")
        .cloned()
        .unwrap_or_default();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(format!(
            "profile name {name:?} may hold only letters, digits, - and _"
        ));
    }
    let mut secret = matches.get_one::<String>("account-secret").cloned();
    if matches.get_flag("account-secret-stdin") {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the secret from standard input: {e}"))?;
        let line = line.trim_end_matches(['\r', '\n']).to_string();
        if line.is_empty() {
            return Err("standard input held no secret".into());
        }
        secret = Some(line);
    }
    let mut values: Vec<(&str, Value)> = Vec::new();
    for (id, key) in [("account-key", "account_key"), ("base-url", "base_url")] {
        if let Some(v) = matches.get_one::<String>(id) {
            values.push((key, v.as_str().into()));
        }
    }
    if let Some(s) = secret {
        values.push(("account_secret", s.into()));
    }
    for (id, key) in [("timeout", "timeout"), ("deadline", "deadline")] {
        if let Some(d) = matches.get_one::<Duration>(id) {
            let secs = d.as_secs_f64();
            values.push((
                key,
                if secs.fract() == 0.0 {
                    (secs as i64).into()
                } else {
                    secs.into()
                },
            ));
        }
    }
    if let Some(n) = matches.get_one::<u32>("max-retries") {
        values.push(("max_retries", i64::from(*n).into()));
    }
    if values.is_empty() {
        return Err("nothing to set: give at least one of --account-key, --account-secret(-stdin), --base-url, --timeout, --deadline, --max-retries".into());
    }

    let path = config_path().ok_or("no config file location (set TELEGENT_CONFIG or HOME)")?;
    let mut doc = match std::fs::read_to_string(&path) {
        Ok(text) => text.parse::<DocumentMut>().map_err(|e| {
            format!(
                "{} is not valid TOML: {} (fix or remove it first)",
                path.display(),
                e.message()
            )
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => DocumentMut::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    if !doc.contains_key("profiles") {
        let mut profiles = Table::new();
        profiles.set_implicit(true);
        doc.insert("profiles", Item::Table(profiles));
    }
    let profiles = doc["profiles"]
        .as_table_mut()
        .ok_or_else(|| format!("{}: `profiles` must be a table of profiles", path.display()))?;
    let entry = profiles
        .entry(&name)
        .or_insert_with(|| Item::Table(Table::new()));
    let table = entry
        .as_table_like_mut()
        .ok_or_else(|| format!("{}: [profiles.{name}] must be a table", path.display()))?;
    for (key, value) in values {
        table.insert(key, Item::Value(value));
    }
    write_private(&path, &doc.to_string())?;
    println!("Saved profile {name:?} in {}", path.display());
    Ok(())
}

/// Writes the file readable and writable by its owner only, replacing it in one step.
fn write_private(path: &Path, text: &str) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(fail)?;
    }
    let temp = path.with_extension(format!("toml.{}.tmp", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&temp).and_then(|mut f| {
        f.write_all(text.as_bytes())?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&temp, path)) {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(e));
    }
    Ok(())
}
