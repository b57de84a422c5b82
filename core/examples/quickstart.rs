//! The Quick Start journey with the async client: token, message route, voice route, available
//! numbers, provision, subscriber, send a message, look it up.
//!
//! With `TELEGENT_ACCOUNT_KEY`/`TELEGENT_ACCOUNT_SECRET` (and optionally `TELEGENT_BASE_URL`) set,
//! it runs against that server. Without them it starts a minimal local stand-in first and says
//! so (the full stateful sandbox is `telegent sandbox`).

use telegent::models::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = match telegent::Client::from_env() {
        Ok(client) => client,
        Err(_) => {
            let base = stand_in::start().await;
            println!("no TELEGENT_* credentials: using a local stand-in at {base}");
            telegent::Client::builder()
                .credentials("DID-quickstart", "quickstart-secret")
                .base_url(base)
                .build()?
        }
    };

    let route = client
        .message_routes()
        .create(&CreateMessageRouteRequest::new(
            "Main SMS Webhook",
            "https://example.com/inbound",
            MessageUrlMethod::Post,
        ))
        .await?;
    println!(
        "1. message route  {}",
        route.message_route_id.as_deref().unwrap_or("?")
    );

    let voice = client
        .voice_routes()
        .create(&CreateVoiceRouteRequest::new(
            "Main trunk",
            RouteType::Trunk,
        ))
        .await?;
    println!(
        "2. voice route    {}",
        voice.call_route_id.as_deref().unwrap_or("?")
    );

    let mut search = SearchAvailableNumberRequest::new(NumberType::Mobile, true, true);
    search.area_code = Some("201".into());
    let available = client.numbers().search_available(&search).await?;
    println!(
        "3. availability   {} numbers in area 201",
        available.results_total.unwrap_or(0)
    );

    let order = ProvisionNumberRequest {
        area_code: Some("201".into()),
        message_route_id: route.message_route_id.clone(),
        voice_route_id: voice.call_route_id.clone(),
        ..ProvisionNumberRequest::new(
            NumberType::Mvno,
            MessageType::P2p,
            true,
            true,
            ProductType::SmsPlusDataPlusVoice,
        )
    };
    let provisioned = client.numbers().provision(&order).await?;
    println!(
        "4. provisioned    order {}",
        provisioned.order_id.as_deref().unwrap_or("?")
    );

    let subscriber = client
        .subscribers()
        .create(&CreateSubscriberRequest::new(
            "Pat",
            "pat@example.com",
            ["+18018018011".to_string()],
            Role::Subscriber,
            "a-strong-password",
            "AID-00000000-0000-0000-0000-000000000001",
        ))
        .await?;
    println!(
        "5. subscriber     {}",
        subscriber.subscriber_id.as_deref().unwrap_or("?")
    );

    let sent = client
        .messages()
        .send(&SendMessageRequest::new(
            ["+18015737111".into()],
            "+18018018011",
            "Hello from the Telegent SDK",
        ))
        .await?;
    let id = sent.message_id.clone().unwrap_or_default();
    println!("6. sent message   {id}");

    let found = client
        .messages()
        .get(&GetMessageParams {
            message_id: Some(id),
            ..Default::default()
        })
        .await?;
    println!(
        "7. looked up      status {}",
        found.status.as_deref().unwrap_or("?")
    );
    Ok(())
}

/// A few canned answers, enough for the journey above.
mod stand_in {
    use axum::routing::{get, post};
    use axum::Json;
    use serde_json::json;

    pub async fn start() -> String {
        let app = axum::Router::new()
            .route("/v1.0/OAuth2/tokens", post(|| async { Json(json!({"token": "local-token", "successful": true, "tokenExpiry": "12/31/2099 11:59:59 PM"})) }))
            .route("/v1.0/message/routes", post(|| async { Json(json!({"MessageRouteId": "MRID-00000000-0000-0000-0000-000000000001"})) }))
            .route("/v1.0/voice/routes", post(|| async { Json(json!({"CallRouteId": "CRID-00000000-0000-0000-0000-000000000001"})) }))
            .route("/v1.0/numbers/availability", post(|| async { Json(json!({"AreaCode": "201", "ResultsTotal": 7700})) }))
            .route("/v1.0/numbers/provision", post(|| async { Json(json!({"OrderId": "JNOID-00000000-0000-0000-0000-000000000001"})) }))
            .route("/v1.0/subscribers/create", post(|| async { Json(json!({"SubscriberId": "TSUID-00000000-0000-0000-0000-000000000001"})) }))
            .route("/v1.0/message/outbound", post(|| async { Json(json!({"MessageId": "TMID-00000000000000000001", "Status": "Queued"})) }))
            .route("/v1.0/message/details", get(|| async { Json(json!({"MessageId": "TMID-00000000000000000001", "Status": "Delivered"})) }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let addr = listener.local_addr().expect("bound address");
        tokio::spawn(async move { axum::serve(listener, app).await.expect("stand-in server") });
        format!("http://{addr}")
    }
}
