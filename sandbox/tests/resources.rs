//! Create → get → update → delete for every kind of record the sandbox keeps, through the SDK.

mod common;

use common::{provision_body, world, World};
use serde_json::{json, Value};
use telegent::ErrorKind;

/// One round: create, read back, change one field, read the change, delete, and see it gone.
struct Round<'a> {
    create: (&'a str, Value),
    id: &'a str,
    get: &'a str,
    get_param: &'a str,
    update: (&'a str, &'a str, Value),
    delete: (&'a str, &'a str),
}

fn round(w: &World, r: Round) {
    let created = w.call(r.create.0, r.create.1.clone());
    let id = created[r.id]
        .as_str()
        .unwrap_or_else(|| panic!("{} answered no {}: {created}", r.create.0, r.id))
        .to_string();
    let read = w.query(r.get, json!({ r.get_param: id }));
    assert_eq!(
        read[r.id],
        id.as_str(),
        "{} reads back what {} created",
        r.get,
        r.create.0
    );
    let (update, field, value) = r.update;
    let mut change = json!({ r.id: id });
    change[field] = value.clone();
    w.call(update, change);
    assert_eq!(
        w.query(r.get, json!({ r.get_param: id }))[field],
        value,
        "{update} changed {field}"
    );
    let (delete, key) = r.delete;
    w.call(delete, json!({ key: id }));
    assert_eq!(
        w.fails(r.get, Some(json!({ r.get_param: id })), None)
            .kind(),
        ErrorKind::NotFound,
        "{delete} removed it"
    );
}

#[test]
fn message_routes() {
    let w = world();
    round(
        &w,
        Round {
            create: (
                "message_routes.create",
                json!({"RouteName": "In", "MessageUrl": "https://example.com/in", "MessageUrlMethod": "POST"}),
            ),
            id: "MessageRouteId",
            get: "message_routes.get",
            get_param: "MessageRouteId",
            update: ("message_routes.update", "RouteName", json!("Renamed")),
            delete: ("message_routes.delete", "MessageRouteId"),
        },
    );
}

#[test]
fn voice_routes() {
    let w = world();
    round(
        &w,
        Round {
            create: (
                "voice_routes.create",
                json!({"RouteName": "Trunk", "RouteType": "Trunk"}),
            ),
            id: "CallRouteId",
            get: "voice_routes.get",
            get_param: "CallRouteID",
            update: ("voice_routes.update", "RouteName", json!("Renamed")),
            delete: ("voice_routes.delete", "CallRouteId"),
        },
    );
}

#[test]
fn services() {
    let w = world();
    round(
        &w,
        Round {
            create: (
                "services.create",
                json!({"ServiceName": "Voicemail", "Cost": "1.00"}),
            ),
            id: "ServiceId",
            get: "services.get",
            get_param: "ServiceId",
            update: ("services.update", "ServiceName", json!("Visual voicemail")),
            delete: ("services.delete", "ServiceId"),
        },
    );
}

#[test]
fn products() {
    let w = world();
    round(
        &w,
        Round {
            create: (
                "products.create",
                json!({"SKU": "SKU-1", "Description": "Plan", "Type": "Plan", "Cost": 1, "BillingFrequency": "MRC"}),
            ),
            id: "ProductId",
            get: "products.get",
            get_param: "ProductId",
            update: ("products.update", "Description", json!("Better plan")),
            delete: ("products.delete", "ProductId"),
        },
    );
}

#[test]
fn packages_and_their_items() {
    let w = world();
    round(
        &w,
        Round {
            create: (
                "packages.create",
                json!({"PackageName": "Family", "Type": "Plan", "Price": 10, "Monthly": true}),
            ),
            id: "PackageId",
            get: "packages.get",
            get_param: "PackageId",
            update: ("packages.update", "PackageName", json!("Family plus")),
            delete: ("packages.delete", "PackageId"),
        },
    );
    let package = w.call(
        "packages.create",
        json!({"PackageName": "P", "Type": "Plan", "Price": 1, "Monthly": true}),
    )["PackageId"]
        .as_str()
        .unwrap()
        .to_string();
    let product = w.call("products.create", json!({"SKU": "S", "Description": "D", "Type": "Plan", "Cost": 1, "BillingFrequency": "MRC"}))["ProductId"].as_str().unwrap().to_string();
    let item = w.call(
        "packages.items.add",
        json!({"PackageId": package, "ProductId": product, "Price": 2}),
    )["PackageItemId"]
        .as_str()
        .unwrap()
        .to_string();
    w.call(
        "packages.items.update",
        json!({"PackageId": package, "PackageItemId": item, "Price": 3}),
    );
    let items = w.query("packages.items.list", json!({"PackageId": package}));
    assert_eq!(items[0]["Price"], 3.0);
    w.call(
        "packages.items.delete",
        json!({"PackageId": package, "PackageItemId": item}),
    );
    assert_eq!(
        w.query("packages.items.list", json!({"PackageId": package})),
        json!([])
    );
}

#[test]
fn subscriptions_thresholds_and_features() {
    let w = world();
    let subscriber = w.subscriber("sub@example.com");
    let package = w.call(
        "packages.create",
        json!({"PackageName": "P", "Type": "Plan", "Price": 1, "Monthly": true}),
    )["PackageId"]
        .as_str()
        .unwrap()
        .to_string();
    round(
        &w,
        Round {
            create: (
                "subscriptions.create",
                json!({"SubscriberId": subscriber, "PackageId": package, "Type": "Plan"}),
            ),
            id: "SubscriptionId",
            get: "subscriptions.get",
            get_param: "SubscriptionId",
            update: ("subscriptions.update", "Type", json!("Addon")),
            delete: ("subscriptions.delete", "SubscriptionId"),
        },
    );
    round(
        &w,
        Round {
            create: (
                "subscriptions.thresholds.add",
                json!({"ThresholdName": "Data cap", "ThresholdAmount": 5}),
            ),
            id: "ThresholdId",
            get: "subscriptions.thresholds.get",
            get_param: "ThresholdId",
            update: (
                "subscriptions.thresholds.update",
                "ThresholdName",
                json!("Bigger cap"),
            ),
            delete: ("subscriptions.thresholds.delete", "ThresholdId"),
        },
    );
    round(
        &w,
        Round {
            create: (
                "subscriptions.features.add",
                json!({"FeatureName": "Roaming"}),
            ),
            id: "FeatureId",
            get: "subscriptions.features.get",
            get_param: "FeatureId",
            update: (
                "subscriptions.features.update",
                "FeatureName",
                json!("Intl roaming"),
            ),
            delete: ("subscriptions.features.delete", "FeatureId"),
        },
    );
}

#[test]
fn distributors_and_accounts() {
    let w = world();
    let d = w.call(
        "distributors.create",
        json!({"DistributorName": "Reseller"}),
    );
    let id = d["DistributorId"].as_str().unwrap();
    w.call(
        "distributors.update",
        json!({"DistributorId": id, "DistributorName": "Reseller 2"}),
    );
    assert_eq!(
        w.query("distributors.get", json!({"DistributorId": id}))["DistributorName"],
        "Reseller 2"
    );
    let a = w.call("accounts.create", json!({"AccountName": "Shop"}));
    let aid = a["AccountId"].as_str().unwrap();
    w.call(
        "accounts.update",
        json!({"AccountId": aid, "AccountName": "Shop 2"}),
    );
    assert_eq!(
        w.query("accounts.get", json!({"AccountId": aid}))["AccountName"],
        "Shop 2"
    );
}

#[test]
fn subscribers_and_their_transfer() {
    let w = world();
    let id = w.subscriber("a@example.com");
    w.call(
        "subscribers.update",
        json!({"SubscriberId": id, "Name": "Alex"}),
    );
    assert_eq!(
        w.query("subscribers.get", json!({"SubscriberId": id}))["Name"],
        "Alex"
    );
    let other = w.call("accounts.create", json!({"AccountName": "Other"}))["AccountId"]
        .as_str()
        .unwrap()
        .to_string();
    let moved = w.call(
        "subscribers.transfer",
        json!({"SubscriberId": id, "FromAccountId": w.sandbox.account_id(), "ToAccountId": other}),
    );
    assert_eq!(moved["Account"]["AccountId"], other.as_str());
    let e = w.fails("subscribers.transfer", None, Some(json!({"SubscriberId": id, "FromAccountId": w.sandbox.account_id(), "ToAccountId": other})));
    assert_eq!(
        e.status(),
        Some(400),
        "the subscriber is no longer in the first account"
    );
}

#[test]
fn guardian_filters_lists_relations_and_features() {
    let w = world();
    let child = w.subscriber("child@example.com");
    let parent = w.subscriber("parent@example.com");
    let filter = w.call(
        "guardian.message_filters.create",
        json!({"SubscriberId": child, "Phone": "+18015550100", "FilterMode": "ACTIVE"}),
    )["FilterId"]
        .as_str()
        .unwrap()
        .to_string();
    w.call(
        "guardian.message_filters.allowed_contacts.add",
        json!({"SubscriberId": child, "MessageFilterId": filter, "Contacts": ["+1111", "+2222"]}),
    );
    w.call(
        "guardian.message_filters.allowed_contacts.remove",
        json!({"SubscriberId": child, "MessageFilterId": filter, "Contacts": ["+1111"]}),
    );
    assert_eq!(
        w.query(
            "guardian.message_filters.allowed_contacts.list",
            json!({"SubscriberId": child, "MessageFilterId": filter})
        ),
        json!(["+2222"])
    );
    w.call(
        "guardian.message_filters.update",
        json!({"FilterId": filter, "FilterMode": "MONITOR_ONLY"}),
    );
    assert_eq!(
        w.query(
            "guardian.message_filters.list",
            json!({"SubscriberId": child})
        )[0]["FilterMode"],
        "MONITOR_ONLY"
    );
    w.call(
        "guardian.message_filters.delete",
        json!({"MessageFilterId": filter}),
    );
    assert_eq!(
        w.query(
            "guardian.message_filters.list",
            json!({"SubscriberId": child})
        ),
        json!([])
    );

    let call_filter = w.call(
        "guardian.call_filters.create",
        json!({"SubscriberId": child, "Phone": "+18015550100", "FilterMode": "CHILD"}),
    )["FilterId"]
        .as_str()
        .unwrap()
        .to_string();
    w.call(
        "guardian.call_filters.blocked_numbers.add",
        json!({"SubscriberId": child, "CallFilterId": call_filter, "Numbers": ["+3333"]}),
    );
    assert_eq!(
        w.query(
            "guardian.call_filters.blocked_numbers.list",
            json!({"SubscriberId": child, "CallFilterId": call_filter})
        ),
        json!(["+3333"])
    );
    w.call(
        "guardian.call_filters.delete",
        json!({"CallFilterId": call_filter}),
    );

    w.call(
        "guardian.relations.create",
        json!({"ParentSubscriberId": parent, "ChildSubscriberId": child, "Relation": "Parent"}),
    );
    let children = w.query(
        "guardian.relations.get_parent",
        json!({"ParentSubscriberId": parent}),
    );
    assert_eq!(children["Children"][0]["ChildSubscriberId"], child.as_str());
    w.call(
        "guardian.relations.delete",
        json!({"ParentSubscriberId": parent, "ChildSubscriberId": child}),
    );
    assert_eq!(
        w.query(
            "guardian.relations.get_parent",
            json!({"ParentSubscriberId": parent})
        )["Children"],
        json!([])
    );

    w.call(
        "guardian.features.configure",
        json!({"SubscriberId": child, "EnableIntelligentGuardianMessages": true}),
    );
    assert_eq!(
        w.query("guardian.features.get", json!({"SubscriberId": child}))
            ["EnableIntelligentGuardianMessages"],
        true
    );
}

#[test]
fn workgroups_activities_and_schedules() {
    let w = world();
    round(
        &w,
        Round {
            create: ("schedules.create", json!({"Name": "Hours"})),
            id: "ScheduleId",
            get: "schedules.get",
            get_param: "ScheduleId",
            update: ("schedules.update", "Name", json!("Late hours")),
            delete: ("schedules.delete", "ScheduleId"),
        },
    );
    let wg = w.call(
        "workgroups.create",
        json!({"Name": "Support", "Type": "IVR"}),
    )["WorkgroupId"]
        .as_str()
        .unwrap()
        .to_string();
    w.call(
        "workgroups.update",
        json!({"WorkgroupId": wg, "Name": "Support 2"}),
    );
    assert_eq!(
        w.query("workgroups.get", json!({"WorkgroupId": wg}))["Name"],
        "Support 2"
    );
    let activity = w.call(
        "workgroups.activities.create",
        json!({"WorkgroupId": wg, "Type": "User"}),
    )["WorkgroupActivityId"]
        .as_str()
        .unwrap()
        .to_string();
    w.call(
        "workgroups.activities.update",
        json!({"WorkgroupActivityId": activity, "DigitOrder": 2}),
    );
    w.call(
        "workgroups.activities.delete",
        json!({"WorkgroupActivityId": activity}),
    );
    w.client
        .call_json("workgroups.delete", Some(json!({"WorkgroupId": wg})), None)
        .unwrap();
    assert_eq!(
        w.fails("workgroups.get", Some(json!({"WorkgroupId": wg})), None)
            .kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn webhooks() {
    let w = world();
    round(
        &w,
        Round {
            create: (
                "webhooks.create",
                json!({"WebhookUrl": "https://example.com/hook", "SubscribedEvents": "New_Sms"}),
            ),
            id: "WebhookId",
            get: "webhooks.get",
            get_param: "WebhookId",
            update: (
                "webhooks.update",
                "WebhookUrl",
                json!("https://example.com/hook2"),
            ),
            delete: ("webhooks.delete", "WebhookId"),
        },
    );
}

#[test]
fn numbers_and_their_settings() {
    let w = world();
    let (number, _) = w.number();
    assert_eq!(
        w.query("numbers.get", json!({"PhoneNumber": number}))["Status"],
        "Active"
    );
    w.call(
        "numbers.update",
        json!({"Number": number, "CnamFirstName": "Pat"}),
    );
    w.call("numbers.update_status", json!({"StatusChange": "park", "EffectiveDate": "12/31/2026", "PhoneNumbers": [{"Number": number}]}));
    assert_eq!(
        w.query("numbers.get", json!({"PhoneNumber": number}))["Status"],
        "Parked"
    );
    w.call("numbers.reactivate", json!({"PhoneNumber": number}));
    assert_eq!(
        w.query("numbers.get", json!({"PhoneNumber": number}))["Status"],
        "Active"
    );
    w.call(
        "numbers.voicemail.activate",
        json!({"PhoneNumber": number, "Email": "vm@example.com"}),
    );
    assert_eq!(
        w.call("numbers.voicemail.get", json!({"PhoneNumber": number}))["VoicemailEnabled"],
        true
    );
    w.call("numbers.voicemail.delete", json!({"PhoneNumber": number}));
    w.call("numbers.e911_address.update", json!({"PhoneNumber": number, "Street1": "1 Main St", "City": "Provo", "State": "UT", "Zip": "84601"}));
    assert_eq!(
        w.query("numbers.e911_address.get", json!({"PhoneNumber": number}))["E911Address"]["City"],
        "Provo"
    );
    let iccid = w.query("numbers.get", json!({"Number": number}))["Iccid"]
        .as_str()
        .expect("a provisioned number has a SIM")
        .to_string();
    w.call(
        "sims.update_status",
        json!({"ICCID": iccid, "SimStatus": "Suspended"}),
    );
    assert_eq!(
        w.call("sims.clear_status", json!({"ICCID": iccid}))["SimStatus"],
        "Active"
    );
    let out = w.call(
        "numbers.port_out",
        json!({"PortOutNumber": number, "PortOutPIN": "1234"}),
    );
    assert_eq!(
        w.query("numbers.get_order", json!({"OrderId": out["OrderId"]}))["OrderType"],
        "PortOut"
    );
    assert_eq!(
        w.fails("numbers.get", Some(json!({"PhoneNumber": number})), None)
            .kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn port_ins_join_the_inventory_and_cancelling_takes_them_out() {
    let w = world();
    let order = w.call("numbers.port_ins.create", json!({"PortInNumber": "+13855550199", "CurrentCarrierName": "Other", "CurrentAccountNumber": "1", "CurrentAccountPassword": "p", "CurrentBillingAddress": {"Street1": "1 Main"}}));
    assert_eq!(
        w.query("numbers.get", json!({"PhoneNumber": "+13855550199"}))["Status"],
        "Active"
    );
    w.call(
        "numbers.port_ins.cancel",
        json!({"OrderId": order["OrderId"]}),
    );
    assert_eq!(
        w.fails(
            "numbers.get",
            Some(json!({"PhoneNumber": "+13855550199"})),
            None
        )
        .kind(),
        ErrorKind::NotFound
    );
    let _ = provision_body("unused", None);
}
