//! The rules the Telegent docs state, enforced by the sandbox with the API's own errors, seen
//! through the SDK's typed errors.

mod common;

use common::{provision_body, world};
use serde_json::json;
use telegent::ErrorKind;

#[test]
fn provisioning_requires_a_message_route() {
    let w = world();
    let mut body = provision_body("x", None);
    body.as_object_mut().unwrap().remove("MessageRouteId");
    let e = w.fails("numbers.provision", None, Some(body));
    assert_eq!(
        (e.kind(), e.status()),
        (ErrorKind::InvalidRequest, Some(400))
    );
    assert!(e.message().contains("MessageRouteId"), "{}", e.message());
}

#[test]
fn provisioning_with_an_unknown_route_is_not_found() {
    let w = world();
    let e = w.fails(
        "numbers.provision",
        None,
        Some(provision_body("MRID-nope", None)),
    );
    assert_eq!(e.kind(), ErrorKind::NotFound);
}

#[test]
fn voice_enabled_numbers_need_a_voice_route() {
    let w = world();
    let route = w.message_route();
    let mut body = provision_body(&route, None);
    body["VoiceEnabled"] = json!(true);
    let e = w.fails("numbers.provision", None, Some(body));
    assert_eq!(e.status(), Some(400));
    assert!(e.message().contains("VoiceRouteId"), "{}", e.message());
}

#[test]
fn iot_numbers_are_p2p_only() {
    let w = world();
    let route = w.message_route();
    let mut body = provision_body(&route, None);
    body["NumberType"] = json!("iot");
    body["MessageType"] = json!("a2p");
    let e = w.fails("numbers.provision", None, Some(body.clone()));
    assert_eq!(e.status(), Some(400));
    body["MessageType"] = json!("p2p");
    assert!(w
        .client
        .call_json("numbers.provision", None, Some(body))
        .is_ok());
}

#[test]
fn subscriber_email_is_unique() {
    let w = world();
    w.subscriber("pat@example.com");
    let e = w.fails(
        "subscribers.create",
        None,
        Some(json!({"Name": "P2", "Email": "PAT@example.com", "PhoneNumbers": [], "Role": "Subscriber", "Password": "pw", "AccountId": w.sandbox.account_id()})),
    );
    assert_eq!((e.kind(), e.status()), (ErrorKind::Conflict, Some(409)));
}

#[test]
fn unknown_ids_are_not_found() {
    let w = world();
    for (id, params) in [
        (
            "message_routes.get",
            json!({"MessageRouteId": "MRID-missing"}),
        ),
        ("messages.get", json!({"MessageId": "TMID-missing"})),
        ("subscribers.get", json!({"SubscriberId": "TSUID-missing"})),
        ("numbers.get", json!({"PhoneNumber": "+10000000000"})),
    ] {
        let e = w.fails(id, Some(params), None);
        assert_eq!(e.kind(), ErrorKind::NotFound, "{id}");
    }
}

#[test]
fn a_missing_required_field_is_a_bad_request() {
    let w = world();
    let (status, body) = w.raw_post(
        "/v1.0/message/routes",
        json!({"MessageUrl": "https://x", "MessageUrlMethod": "POST"}),
    );
    assert_eq!(status, 400);
    assert_eq!(body["StatusCode"], 400);
    assert!(
        body["Message"]
            .as_str()
            .unwrap_or_default()
            .contains("RouteName"),
        "{body}"
    );
}

#[test]
fn an_empty_required_field_is_a_bad_request() {
    let w = world();
    let e = w.fails(
        "message_routes.create",
        None,
        Some(json!({"RouteName": "", "MessageUrl": "https://x", "MessageUrlMethod": "POST"})),
    );
    assert_eq!(e.status(), Some(400));
    assert!(e.message().contains("RouteName"), "{}", e.message());
}

#[test]
fn a_value_outside_an_enum_is_a_bad_request() {
    let w = world();
    let e = w.fails(
        "message_routes.create",
        None,
        Some(json!({"RouteName": "r", "MessageUrl": "https://x", "MessageUrlMethod": "PUT"})),
    );
    assert_eq!(e.status(), Some(400));
    assert!(e.message().contains("MessageUrlMethod"), "{}", e.message());
}

#[test]
fn a_route_still_assigned_to_numbers_cannot_be_deleted() {
    let w = world();
    let (_, route) = w.number();
    let e = w.fails(
        "message_routes.delete",
        None,
        Some(json!({"MessageRouteId": route})),
    );
    assert_eq!((e.kind(), e.status()), (ErrorKind::Conflict, Some(409)));
    let unused = w.message_route();
    assert!(w
        .client
        .call_json(
            "message_routes.delete",
            None,
            Some(json!({"MessageRouteId": unused}))
        )
        .is_ok());
}

#[test]
fn a_voice_route_still_assigned_cannot_be_deleted() {
    let w = world();
    let route = w.message_route();
    let voice = w.voice_route();
    w.call("numbers.provision", provision_body(&route, Some(&voice)));
    let e = w.fails(
        "voice_routes.delete",
        None,
        Some(json!({"CallRouteId": voice})),
    );
    assert_eq!(e.status(), Some(409));
}

#[test]
fn a_schedule_assigned_to_a_workgroup_cannot_be_deleted() {
    let w = world();
    let schedule = w.call("schedules.create", json!({"Name": "Office hours"}))["ScheduleId"]
        .as_str()
        .unwrap()
        .to_string();
    w.call(
        "workgroups.create",
        json!({"Name": "Support", "Type": "IVR", "ScheduleId": schedule}),
    );
    let e = w.fails(
        "schedules.delete",
        None,
        Some(json!({"ScheduleId": schedule})),
    );
    assert_eq!(e.status(), Some(409));
}

#[test]
fn sending_needs_a_provisioned_from_number() {
    let w = world();
    let e = w.fails(
        "messages.send",
        None,
        Some(json!({"From": "+19999999999", "To": [{"Number": "+18015550100"}], "Body": "hi"})),
    );
    assert_eq!(e.status(), Some(400));
    assert!(e.message().contains("+19999999999"));
}

#[test]
fn sending_needs_a_messaging_enabled_from_number() {
    let w = world();
    let (number, _) = w.number();
    w.call(
        "numbers.update",
        json!({"Number": number, "MessageEnabled": false}),
    );
    let e = w.fails(
        "messages.send",
        None,
        Some(json!({"From": number, "To": [{"Number": "+18015550100"}], "Body": "hi"})),
    );
    assert_eq!(e.status(), Some(400));
    assert!(e.message().contains("messaging"), "{}", e.message());
}

#[test]
fn a_sent_message_can_be_looked_up_and_searched() {
    let w = world();
    let (number, _) = w.number();
    let sent = w.call(
        "messages.send",
        json!({"From": number, "To": [{"Number": "+18015550100"}], "Body": "hello"}),
    );
    let id = sent["MessageId"].as_str().unwrap();
    assert!(id.starts_with("TMID-"));
    let found = w.query("messages.get", json!({"MessageId": id}));
    assert_eq!(found["Body"], "hello");
    let search = w.query("messages.search", json!({"PhoneNumber": "+18015550100"}));
    assert_eq!(search["ResultsTotalRecords"], 1);
    // The wire says `MessageID` here; the SDK writes its model's spelling, `MessageId`.
    assert_eq!(search["Results"][0]["MessageId"], id);
}

#[test]
fn the_inventory_pages_through_every_number() {
    let w = world();
    let route = w.message_route();
    let mut provisioned = Vec::new();
    for _ in 0..23 {
        provisioned.push(
            w.call("numbers.provision", provision_body(&route, None))["PhoneNumberAssigned"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let all: Vec<String> = w
        .client
        .call_json_all("numbers.list", None)
        .unwrap()
        .map(|n| n.unwrap()["Number"].as_str().unwrap().to_string())
        .collect();
    for n in &provisioned {
        assert!(all.contains(n), "{n} missing");
    }
    let page3 = w.query("numbers.list", json!({"PageNumber": "3"}));
    assert_eq!(page3["PageNumber"], 3);
    assert_eq!(page3["TotalResults"].as_u64().unwrap() as usize, all.len());
}

#[test]
fn availability_pages_and_ends() {
    let w = world();
    let page = |n: u32| {
        w.call("numbers.search_available", json!({"NumberType": "mobile", "MessageEnabled": true, "VoiceEnabled": true, "AreaCode": "201", "PageNumber": n}))
    };
    assert_eq!(
        page(1)["AvailableNumberAreas"].as_array().unwrap().len(),
        10
    );
    assert_eq!(page(4)["AvailableNumberAreas"].as_array().unwrap().len(), 5);
    assert_eq!(page(5)["AvailableNumberAreas"].as_array().unwrap().len(), 0);
    assert_eq!(page(1)["ResultsTotal"], 35);
}

#[test]
fn message_search_pages() {
    let w = world();
    let (number, _) = w.number();
    for i in 0..7 {
        w.call(
            "messages.send",
            json!({"From": number, "To": [{"Number": "+18015550111"}], "Body": format!("m{i}")}),
        );
    }
    let page2 = w.query(
        "messages.search",
        json!({"PhoneNumber": "+18015550111", "Page": "2", "Results": "3"}),
    );
    assert_eq!(page2["Results"].as_array().unwrap().len(), 3);
    assert_eq!(page2["ResultsPages"], 3);
    let all: Vec<_> = w
        .client
        .call_json_all(
            "messages.search",
            Some(json!({"PhoneNumber": "+18015550111", "Results": "3"})),
        )
        .unwrap()
        .collect();
    assert_eq!(all.len(), 7);
}

#[test]
fn a_page_number_that_is_not_a_number_is_a_bad_request() {
    let w = world();
    let (status, body) = w.raw_post(
        "/v1.0/numbers/availability",
        json!({"NumberType": "mobile", "MessageEnabled": true, "VoiceEnabled": false, "PageNumber": "two"}),
    );
    assert_eq!(status, 400, "{body}");
    assert!(
        body["Message"]
            .as_str()
            .unwrap_or_default()
            .contains("PageNumber"),
        "{body}"
    );
}

#[test]
fn a_service_has_one_item_and_a_second_add_is_a_conflict() {
    let w = world();
    let service = w.call(
        "services.create",
        json!({"ServiceName": "Voicemail", "Cost": "1.00"}),
    )["ServiceId"]
        .clone();
    w.call(
        "services.items.add",
        json!({"ServiceId": service, "Price": 2}),
    );
    let e = w.fails(
        "services.items.add",
        None,
        Some(json!({"ServiceId": service, "Price": 3})),
    );
    assert_eq!((e.kind(), e.status()), (ErrorKind::Conflict, Some(409)));
    let items = w.query("services.items.list", json!({"ServiceId": service}));
    assert_eq!(items["Items"][0]["Price"], 2.0, "{items}");
}
