//! The Quick Start journey with the typed async client against the embedded sandbox.

use telegent::models::*;
use telegent_sandbox::Sandbox;

#[tokio::test]
async fn the_quick_start_journey_works_end_to_end() {
    let sandbox = Sandbox::start().unwrap();
    let client = sandbox.client().unwrap();

    let token = client
        .tokens()
        .create(&CreateTokenRequest::new(
            sandbox.account_key(),
            sandbox.account_secret(),
        ))
        .await
        .unwrap();
    assert_eq!(token.successful, Some(true));

    let route = client
        .message_routes()
        .create(&CreateMessageRouteRequest::new(
            "In",
            "https://example.com/in",
            MessageUrlMethod::Post,
        ))
        .await
        .unwrap();
    let voice = client
        .voice_routes()
        .create(&CreateVoiceRouteRequest::new("Trunk", RouteType::Trunk))
        .await
        .unwrap();
    let available = client
        .numbers()
        .search_available(&SearchAvailableNumberRequest {
            area_code: Some("801".into()),
            ..SearchAvailableNumberRequest::new(NumberType::Mobile, true, true)
        })
        .await
        .unwrap();
    assert!(available.results_total.unwrap_or(0) > 0);

    let order = client
        .numbers()
        .provision(&ProvisionNumberRequest {
            message_route_id: route.message_route_id.clone(),
            voice_route_id: voice.call_route_id.clone(),
            ..ProvisionNumberRequest::new(
                NumberType::Mvno,
                MessageType::P2p,
                true,
                true,
                ProductType::SmsPlusDataPlusVoice,
            )
        })
        .await
        .unwrap();
    let number = order.phone_number_assigned.clone().unwrap();
    assert!(number.starts_with("+1"));

    let subscriber = client
        .subscribers()
        .create(&CreateSubscriberRequest::new(
            "Pat",
            "pat@example.com",
            [number.clone()],
            Role::Subscriber,
            "pw",
            sandbox.account_id(),
        ))
        .await
        .unwrap();
    assert!(subscriber.subscriber_id.unwrap().starts_with("TSUID-"));

    let sent = client
        .messages()
        .send(&SendMessageRequest::new(
            ["+18015550100".into()],
            number.clone(),
            "Hello",
        ))
        .await
        .unwrap();
    let id = sent.message_id.unwrap();
    let found = client
        .messages()
        .get(&GetMessageParams {
            message_id: Some(id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        (
            found.message_id.as_deref(),
            found.from.as_deref(),
            found.body.as_deref()
        ),
        (Some(id.as_str()), Some(number.as_str()), Some("Hello"))
    );
    assert_eq!(sandbox.executions("messages.send"), 1);
}
