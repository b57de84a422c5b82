//! `telegent quickstart`: the Quick Start journey, step by step, with the typed SDK.
//!
//! token → message route → voice route → available numbers → provision → subscriber → send a
//! message → look it up. It runs against an embedded sandbox unless `--live` is given: the journey
//! buys a number and sends an SMS, so it must never touch a real account just because
//! `TELEGENT_*` happens to be set in the shell. `--live` says what it will do before doing it and
//! sends its one message only to the number the user names with `--to`.

use clap::{Arg, ArgAction, ArgMatches, Command};
use std::process::ExitCode;
use telegent::models::*;

/// Where the embedded sandbox's quick start sends its message (no one receives it).
const SANDBOX_RECIPIENT: &str = "+18015550123";

pub fn command() -> Command {
    Command::new("quickstart")
        .about("Run the Quick Start journey against an embedded sandbox (or, with --live, your account)")
        .arg(
            Arg::new("live")
                .long("live")
                .action(ArgAction::SetTrue)
                .requires("to")
                .help("Run against the account of the global options (flags, TELEGENT_* variables or profile) instead of an embedded sandbox. This creates a message route and a voice route, provisions (buys) one number in area 801, creates a subscriber and sends one SMS to --to"),
        )
        .arg(
            Arg::new("to")
                .long("to")
                .value_name("E164")
                .requires("live")
                .help("With --live: the number (yours) the quick start's one SMS is sent to"),
        )
        .disable_help_flag(true)
        .args(crate::settings::args())
        .arg(crate::settings::help_arg())
}

pub fn run(global: &ArgMatches, matches: &ArgMatches) -> ExitCode {
    let levels = [matches, global];
    if matches.get_flag("live") {
        let to = matches.get_one::<String>("to").cloned().unwrap_or_default();
        return run_live(&levels, &to);
    }
    run_in_sandbox(&levels)
}

fn run_live(levels: &[&ArgMatches], to: &str) -> ExitCode {
    let settings = match crate::settings::resolve(levels) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let client = match crate::settings::client(&settings) {
        Ok(Some(client)) => client,
        Ok(None) => {
            eprintln!("error: --live needs credentials: give --account-key and --account-secret, set TELEGENT_ACCOUNT_KEY and TELEGENT_ACCOUNT_SECRET, or name a profile with --profile");
            return ExitCode::from(2);
        }
        Err(e) => return crate::report(&e),
    };
    let key = settings.account_key.clone().unwrap_or_default();
    let secret = settings.account_secret.clone().unwrap_or_default();
    println!(
        "Running the quick start LIVE against {}: it creates a message route and a voice route, \
         provisions (buys) one number in area 801, creates a subscriber and sends one SMS to {to}.",
        client.inner().config().base_url
    );
    finish(journey(&client, &key, &secret, to))
}

fn run_in_sandbox(levels: &[&ArgMatches]) -> ExitCode {
    use crate::settings::{env, flag, ENV_ACCOUNT_KEY, ENV_ACCOUNT_SECRET, ENV_BASE_URL};
    let configured = ["account-key", "account-secret", "base-url", "profile"]
        .iter()
        .any(|name| flag::<String>(levels, name).is_some())
        || [ENV_ACCOUNT_KEY, ENV_ACCOUNT_SECRET, ENV_BASE_URL]
            .iter()
            .any(|var| env(var).is_some());
    if configured {
        println!("TELEGENT_* settings (or their flags, or a profile) are not used: the quick start runs against an embedded sandbox. Pass --live --to <your number> to run it against your account.");
    }
    let sandbox = match telegent_sandbox::Sandbox::start() {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("error: could not start the embedded sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("Started an embedded sandbox at {}", sandbox.base_url());
    let client = match sandbox.blocking_client() {
        Ok(c) => c,
        Err(e) => return crate::report(&e),
    };
    finish(journey(
        &client,
        sandbox.account_key(),
        sandbox.account_secret(),
        SANDBOX_RECIPIENT,
    ))
}

fn finish(outcome: telegent::Result<String>) -> ExitCode {
    match outcome {
        Ok(message_id) => {
            println!("\nQuick start complete: message {message_id} was sent and found.");
            ExitCode::SUCCESS
        }
        Err(e) => crate::report(&e),
    }
}

fn step(n: u32, what: &str, request: &str) {
    println!("\n{n}. {what}\n   → {request}");
}

fn journey(
    client: &telegent::blocking::Client,
    key: &str,
    secret: &str,
    recipient: &str,
) -> telegent::Result<String> {
    step(
        1,
        "Get a token",
        "POST /v1.0/OAuth2/tokens {AccountKey, AccountSecret}",
    );
    let token = client
        .tokens()
        .create(&CreateTokenRequest::new(key, secret))?;
    println!("   ✓ token minted (successful: {}), expires {} — the SDK mints and caches its own from here on", token.successful.unwrap_or(false), token.token_expiry.as_deref().unwrap_or("?"));

    step(
        2,
        "Create a message route",
        "POST /v1.0/message/routes {RouteName, MessageUrl, MessageUrlMethod}",
    );
    let route = client
        .message_routes()
        .create(&CreateMessageRouteRequest::new(
            "Quick start inbound",
            "https://example.com/telegent/inbound",
            MessageUrlMethod::Post,
        ))?;
    let route_id = route.message_route_id.clone().unwrap_or_default();
    println!("   ✓ message route {route_id}");

    step(
        3,
        "Create a voice route",
        "POST /v1.0/voice/routes {RouteName, RouteType}",
    );
    let voice = client.voice_routes().create(&CreateVoiceRouteRequest {
        voice_url: Some("https://example.com/telegent/voice".into()),
        ..CreateVoiceRouteRequest::new("Quick start trunk", RouteType::Url)
    })?;
    let voice_id = voice.call_route_id.clone().unwrap_or_default();
    println!("   ✓ voice route {voice_id}");

    step(
        4,
        "Search available numbers",
        "POST /v1.0/numbers/availability {NumberType: mobile, AreaCode: 801}",
    );
    let available = client
        .numbers()
        .search_available(&SearchAvailableNumberRequest {
            area_code: Some("801".into()),
            ..SearchAvailableNumberRequest::new(NumberType::Mobile, true, true)
        })?;
    println!(
        "   ✓ {} numbers available in area 801",
        available.results_total.unwrap_or(0)
    );

    step(5, "Provision a number", "POST /v1.0/numbers/provision {NumberType: mvno, MessageType: p2p, MessageRouteId, VoiceRouteId, ...}");
    let order = client.numbers().provision(&ProvisionNumberRequest {
        area_code: Some("801".into()),
        message_route_id: Some(route_id),
        voice_route_id: Some(voice_id),
        ..ProvisionNumberRequest::new(
            NumberType::Mvno,
            MessageType::P2p,
            true,
            true,
            ProductType::SmsPlusDataPlusVoice,
        )
    })?;
    let number = order.phone_number_assigned.clone().unwrap_or_default();
    println!(
        "   ✓ provisioned {number} (order {}, {})",
        order.order_id.as_deref().unwrap_or("?"),
        order.order_status.as_deref().unwrap_or("?")
    );

    step(
        6,
        "Create a subscriber",
        "POST /v1.0/subscribers/create {Name, Email, PhoneNumbers, Role, Password, AccountId}",
    );
    let account = client.accounts().list()?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let subscriber = client.subscribers().create(&CreateSubscriberRequest::new(
        "Quick Start",
        format!("quickstart-{stamp}@example.com"),
        [number.clone()],
        Role::Subscriber,
        format!("qs-{stamp}"),
        account.account_id.unwrap_or_default(),
    ))?;
    println!(
        "   ✓ subscriber {}",
        subscriber.subscriber_id.as_deref().unwrap_or("?")
    );

    step(
        7,
        "Send a message",
        &format!("POST /v1.0/message/outbound {{From: {number}, To: [{recipient}], Body}}"),
    );
    let sent = client.messages().send(&SendMessageRequest::new(
        [recipient.into()],
        number.clone(),
        "Hello from the Telegent SDK quick start",
    ))?;
    let message_id = sent.message_id.clone().unwrap_or_default();
    println!(
        "   ✓ message {message_id} ({})",
        sent.status.as_deref().unwrap_or("?")
    );

    step(
        8,
        "Look the message up",
        &format!("GET /v1.0/message/details?MessageId={message_id}"),
    );
    let found = client
        .messages()
        .get(&GetMessageParams::new(message_id.clone()))?;
    println!(
        "   ✓ {} from {} — status {}",
        found.message_id.as_deref().unwrap_or("?"),
        found.from.as_deref().unwrap_or("?"),
        found.status.as_deref().unwrap_or("?")
    );
    Ok(message_id)
}
