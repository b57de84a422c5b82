//! `telegent quickstart`: the Quick Start journey, step by step, with the typed SDK.
//!
//! token → message route → voice route → available numbers → provision → subscriber → send a
//! message → look it up. Without credentials it starts an embedded sandbox and says so.

use clap::{ArgMatches, Command};
use std::process::ExitCode;
use telegent::models::*;

pub fn command() -> Command {
    Command::new("quickstart").about(
        "Run the Quick Start journey (against an embedded sandbox unless credentials are given)",
    )
}

pub fn run(global: &ArgMatches, _matches: &ArgMatches) -> ExitCode {
    let (client, key, secret, _sandbox) = match crate::client_from(global) {
        Ok(Some(client)) => {
            let key = global
                .get_one::<String>("account-key")
                .cloned()
                .unwrap_or_default();
            let secret = global
                .get_one::<String>("account-secret")
                .cloned()
                .unwrap_or_default();
            println!(
                "Running the quick start against {}",
                client.inner().config().base_url
            );
            (client, key, secret, None)
        }
        Ok(None) if global.get_one::<String>("base-url").is_some() => {
            eprintln!("error: --base-url (or TELEGENT_BASE_URL) was given without credentials: also give --account-key and --account-secret (or TELEGENT_ACCOUNT_KEY and TELEGENT_ACCOUNT_SECRET), or neither to use an embedded sandbox");
            return ExitCode::from(2);
        }
        Ok(None) => match telegent_sandbox::Sandbox::start() {
            Ok(sandbox) => {
                println!(
                    "No TELEGENT_* credentials given: started an embedded sandbox at {}",
                    sandbox.base_url()
                );
                let client = match sandbox.blocking_client() {
                    Ok(c) => c,
                    Err(e) => return crate::report(&e),
                };
                (
                    client,
                    sandbox.account_key().to_string(),
                    sandbox.account_secret().to_string(),
                    Some(sandbox),
                )
            }
            Err(e) => {
                eprintln!("error: could not start the embedded sandbox: {e}");
                return ExitCode::FAILURE;
            }
        },
        Err(e) => return crate::report(&e),
    };
    match journey(&client, &key, &secret) {
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
        &format!("POST /v1.0/message/outbound {{From: {number}, To: [+18015550123], Body}}"),
    );
    let sent = client.messages().send(&SendMessageRequest::new(
        ["+18015550123".into()],
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
