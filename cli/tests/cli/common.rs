//! Shared fixtures: the binary with a clean environment, a sandbox to run it against, a server
//! that records what reaches the wire, config files, and help snapshots.

#![allow(dead_code)]

use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::mpsc::{channel, Receiver};
use telegent_sandbox::Sandbox;

/// Every variable the binary reads; tests set the ones they mean.
const VARIABLES: [&str; 10] = [
    "TELEGENT_BASE_URL",
    "TELEGENT_ACCOUNT_KEY",
    "TELEGENT_ACCOUNT_SECRET",
    "TELEGENT_PROFILE",
    "TELEGENT_CONFIG",
    "TELEGENT_TIMEOUT",
    "TELEGENT_DEADLINE",
    "TELEGENT_MAX_RETRIES",
    "XDG_CONFIG_HOME",
    "HOME",
];

/// `telegent` with none of the user's settings: no `TELEGENT_*` variables, a config file that
/// does not exist, help 100 columns wide.
pub fn telegent() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_telegent"));
    for var in VARIABLES {
        cmd.env_remove(var);
    }
    cmd.env("TELEGENT_CONFIG", "/nonexistent/telegent-tests/config.toml")
        .env("COLUMNS", "100");
    cmd
}

/// `telegent` with the sandbox's `TELEGENT_*` settings.
pub fn telegent_for(sandbox: &Sandbox) -> Command {
    let mut cmd = telegent();
    cmd.env("TELEGENT_BASE_URL", sandbox.base_url())
        .env("TELEGENT_ACCOUNT_KEY", sandbox.account_key())
        .env("TELEGENT_ACCOUNT_SECRET", sandbox.account_secret());
    cmd
}

/// Runs `telegent <args>` with the sandbox's `TELEGENT_*` settings.
pub fn against(sandbox: &Sandbox, args: &[&str]) -> Output {
    telegent_for(sandbox).args(args).output().unwrap()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The text a successful command printed.
pub fn succeeded(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}", stderr(out));
    stdout(out)
}

/// The JSON a successful command printed.
pub fn printed(out: &Output) -> Value {
    serde_json::from_str(&succeeded(out)).unwrap()
}

/// Asserts the command was refused as invalid input (exit 2) and gives what it said.
pub fn refused(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(2),
        "stdout: {}\nstderr: {}",
        stdout(out),
        stderr(out)
    );
    stderr(out)
}

/// Queues a sandbox fault on a path.
pub fn fault(
    sandbox: &Sandbox,
    path: &str,
    set: impl FnOnce(&mut telegent_sandbox::faults::Fault),
) {
    let mut fault = telegent_sandbox::faults::Fault {
        path: path.into(),
        times: 1,
        ..Default::default()
    };
    set(&mut fault);
    sandbox.inject(fault);
}

/// A request as it reached the recording server.
pub struct Recorded {
    /// `POST /v1.0/message/outbound`, with the query if any.
    pub line: String,
    pub body: Value,
}

/// A server on loopback that hands over every request it gets (token requests too), answering
/// a token request with a token and any other with `200 {}`.
pub fn recording_server() -> (String, Receiver<Recorded>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (sender, requests) = channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let (head, body) = read_request(&mut stream);
            let answer = if head.contains("/OAuth2/tokens") {
                r#"{"token":"t","successful":true,"tokenExpiry":"12/31/2099 11:59:59 PM"}"#
            } else {
                "{}"
            };
            // Recorded before it is answered: once the command has its answer, it is here.
            let recorded = Recorded {
                line: head.lines().next().unwrap_or_default().to_string(),
                body: serde_json::from_str(&body).unwrap_or(Value::Null),
            };
            if sender.send(recorded).is_err() {
                return;
            }
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
                answer.len()
            );
        }
    });
    (base, requests)
}

fn read_request(stream: &mut std::net::TcpStream) -> (String, String) {
    let mut data = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).unwrap_or(0);
        if n == 0 {
            break;
        }
        data.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&data);
        if let Some(head_end) = text.find("\r\n\r\n") {
            let length = text[..head_end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            if data.len() >= head_end + 4 + length {
                let text = text.into_owned();
                return (
                    text[..head_end].to_string(),
                    text[head_end + 4..].to_string(),
                );
            }
        }
    }
    (String::from_utf8_lossy(&data).into_owned(), String::new())
}

/// Runs `telegent <args>` against the recording server and gives the last request it sent: the
/// operation's (after the token's).
pub fn sent(args: &[&str]) -> Recorded {
    let (base, requests) = recording_server();
    let out = telegent()
        .args([
            "--base-url",
            &base,
            "--account-key",
            "DID-key",
            "--account-secret",
            "secret",
        ])
        .args(args)
        .output()
        .unwrap();
    succeeded(&out);
    requests.try_iter().last().expect("a request was sent")
}

/// A config file holding `text`, with these permissions, in a directory of its own.
pub struct ConfigFile {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn config_file(text: &str, mode: u32) -> ConfigFile {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    set_mode(&path, mode);
    ConfigFile { _dir: dir, path }
}

#[cfg(unix)]
pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
pub fn set_mode(_path: &Path, _mode: u32) {}

#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// `telegent` reading the given config file.
pub fn with_config(config: &ConfigFile) -> Command {
    let mut cmd = telegent();
    cmd.env("TELEGENT_CONFIG", &config.path);
    cmd
}

/// A profile section pointing at the sandbox.
pub fn profile_for(name: &str, sandbox: &Sandbox) -> String {
    format!(
        "[profiles.{name}]\nbase_url = \"{}\"\naccount_key = \"{}\"\naccount_secret = \"{}\"\n",
        sandbox.base_url(),
        sandbox.account_key(),
        sandbox.account_secret()
    )
}

/// Compares `actual` with the committed snapshot `cli/tests/snapshots/<name>.txt`, exactly;
/// `UPDATE_SNAPSHOTS=1` rewrites the snapshot instead.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}: run with UPDATE_SNAPSHOTS=1 to write it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from {} from line {}:\n--- expected\n{}\n--- actual\n{}\n(UPDATE_SNAPSHOTS=1 accepts the new text)",
            path.display(),
            line + 1,
            expected.lines().skip(line).take(5).collect::<Vec<_>>().join("\n"),
            actual.lines().skip(line).take(5).collect::<Vec<_>>().join("\n"),
        );
    }
}
