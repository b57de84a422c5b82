//! The Quick Start journey with the typed async client against the embedded sandbox.

use telegent::models::*;
use telegent_sandbox::Sandbox;

#[tokio::test]
async fn the_quick_start_journey_works_end_to_end() {
    let sandbox = Sandbox::start().unwrap();
    let client = sandbox.client().unwrap();

    let token = client
        .tokens()
        .create(&CreateTokenRequest {
            account_key: sandbox.account_key().into(),
            account_secret: sandbox.account_secret().into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(token.successful, Some(true));

    let route = client
        .message_routes()
        .create(&CreateMessageRouteRequest {
            route_name: "In".into(),
            message_url: "https://example.com/in".into(),
            message_url_method: MessageUrlMethod::Post,
            ..Default::default()
        })
        .await
        .unwrap();
    let voice = client
        .voice_routes()
        .create(&CreateVoiceRouteRequest {
            route_name: "Trunk".into(),
            route_type: RouteType::Trunk,
            ..Default::default()
        })
        .await
        .unwrap();
    let available = client
        .numbers()
        .search_available(&SearchAvailableNumberRequest {
            number_type: NumberType::Mobile,
            message_enabled: true,
            voice_enabled: true,
            area_code: Some("801".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(available.results_total.unwrap_or(0) > 0);

    let order = client
        .numbers()
        .provision(&ProvisionNumberRequest {
            number_type: NumberType::Mvno,
            message_type: MessageType::P2p,
            message_enabled: true,
            voice_enabled: true,
            product_type: ProductType::SmsPlusDataPlusVoice,
            message_route_id: route.message_route_id.clone(),
            voice_route_id: voice.call_route_id.clone(),
            ..Default::default()
        })
        .await
        .unwrap();
    let number = order.phone_number_assigned.clone().unwrap();
    assert!(number.starts_with("+1"));

    let subscriber = client
        .subscribers()
        .create(&CreateSubscriberRequest {
            name: "Pat".into(),
            email: "pat@example.com".into(),
            phone_numbers: vec![number.clone()],
            role: Role::Subscriber,
            password: "pw".into(),
            account_id: sandbox.account_id().into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(subscriber.subscriber_id.unwrap().starts_with("TSUID-"));

    let sent = client
        .messages()
        .send(&SendMessageRequest {
            from: number.clone(),
            to: vec![Recipient {
                number: Some("+18015550100".into()),
                ..Default::default()
            }],
            body: "Hello".into(),
            ..Default::default()
        })
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
