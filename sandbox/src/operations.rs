//! What each of the 149 operations does to the sandbox's state, and the rules the docs state.
//!
//! Most operations are plain create / get / update / delete / list on one kind of record; the
//! table in [`execute`] says which. The rest (provisioning, sending, porting, status changes,
//! guardian lists, billing links) have small handlers below, each enforcing the documented rule
//! it owns with the API's own error shape. A handler must never panic on any input: every lookup
//! of a request field is fallible and answers 400 or 404.

use crate::index::Field;
use crate::render::render;
use crate::spec::Op;
use crate::state::{field, flag, recipients, text, Exhausted, Occupied, Record, Store};
use serde_json::{json, Map, Value};

/// An error answer: `{"StatusCode": status, "Message": message}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub message: String,
}

pub type Outcome = Result<Value, ApiError>;

fn err(status: u16, message: impl Into<String>) -> ApiError {
    ApiError {
        status,
        message: message.into(),
    }
}

/// A create that found its key in use: refused, never an overwrite.
impl From<Occupied> for ApiError {
    fn from(Occupied(key): Occupied) -> ApiError {
        err(409, format!("Conflict: {key} already exists."))
    }
}

impl From<Exhausted> for ApiError {
    fn from(_: Exhausted) -> ApiError {
        err(409, "Conflict: no unused id is left to give.")
    }
}

/// A kind of record: its collection, id field and id prefix.
#[derive(Clone, Copy, Debug)]
pub struct Kind {
    pub collection: &'static str,
    pub id: &'static str,
    pub prefix: &'static str,
}

macro_rules! kinds {
    ($($name:ident = $collection:literal, $id:literal, $prefix:literal;)*) => {
        $(pub const $name: Kind = Kind { collection: $collection, id: $id, prefix: $prefix };)*
    };
}

// Each prefix is the one its create operation's 200 example shows (`numbers.provision` answers
// `PhoneNumberId: "NID-…"`, `schedules.create` `ScheduleId: "SID-…"`); `documented_ids.rs` checks
// every answer against its example. Orders differ by operation: provisioning and status changes
// answer `JNUOID-`, port-ins and port-outs `JNOID-`.
kinds! {
    DISTRIBUTORS = "distributors", "DistributorId", "DID";
    ACCOUNTS = "accounts", "AccountId", "AID";
    SUBSCRIBERS = "subscribers", "SubscriberId", "TSUID";
    MESSAGE_ROUTES = "message_routes", "MessageRouteId", "MRID";
    VOICE_ROUTES = "voice_routes", "CallRouteId", "CRID";
    NUMBERS = "numbers", "Number", "NID";
    ORDERS = "orders", "OrderId", "JNOID";
    MESSAGES = "messages", "MessageId", "TMID";
    SERVICES = "services", "ServiceId", "SID";
    SERVICE_ITEMS = "service_items", "ServiceId", "SIID";
    PRODUCTS = "products", "ProductId", "PRID";
    PACKAGES = "packages", "PackageId", "PID";
    PACKAGE_ITEMS = "package_items", "PackageItemId", "PIID";
    SUBSCRIPTIONS = "subscriptions", "SubscriptionId", "SUB";
    THRESHOLDS = "thresholds", "ThresholdId", "THID";
    THRESHOLD_ASSIGNMENTS = "threshold_assignments", "ThresholdAssignmentId", "TAID";
    FEATURES = "features", "FeatureId", "FEID";
    FEATURE_ASSIGNMENTS = "feature_assignments", "FeatureAssignmentId", "FAID";
    MESSAGE_FILTERS = "message_filters", "FilterId", "MFID";
    CALL_FILTERS = "call_filters", "FilterId", "CFID";
    GUARDIAN_FEATURES = "guardian_features", "SubscriberId", "GFID";
    RELATIONS = "relations", "RelationId", "GRID";
    WORKGROUPS = "workgroups", "WorkgroupId", "WID";
    ACTIVITIES = "workgroup_activities", "WorkgroupActivityId", "WAID";
    SCHEDULES = "schedules", "ScheduleId", "SID";
    WEBHOOKS = "webhooks", "WebhookId", "WHID";
    VOICEMAIL = "voicemail", "PhoneNumber", "VMID";
    DATA_USAGE = "data_usage", "Number", "DUID";
    E911 = "e911", "PhoneNumber", "E9ID";
    SIMS = "sims", "ICCID", "SIM";
}

/// The fields of a number that listings and lookups find it by.
const ICCID: Field = Field::Text("Iccid");
const TNID: Field = Field::Text("Tnid");
const STATUS: Field = Field::Folded("Status");

/// Which kind a reference field points at (`AssignedSubscriberId` -> subscribers).
pub fn kind_of_reference(key: &str) -> Option<Kind> {
    let k = key.to_ascii_lowercase();
    Some(match k.as_str() {
        "distributorid" => DISTRIBUTORS,
        "accountid" | "fromaccountid" | "toaccountid" => ACCOUNTS,
        "subscriberid" | "parentsubscriberid" | "childsubscriberid" | "assignedsubscriberid" => {
            SUBSCRIBERS
        }
        "messagerouteid" => MESSAGE_ROUTES,
        "callrouteid" | "voicerouteid" => VOICE_ROUTES,
        "serviceid" => SERVICES,
        "productid" => PRODUCTS,
        "packageid" => PACKAGES,
        "packageitemid" => PACKAGE_ITEMS,
        "subscriptionid" => SUBSCRIPTIONS,
        "thresholdid" => THRESHOLDS,
        "thresholdassignmentid" => THRESHOLD_ASSIGNMENTS,
        "featureid" => FEATURES,
        "featureassignmentid" => FEATURE_ASSIGNMENTS,
        "messagefilterid" => MESSAGE_FILTERS,
        "callfilterid" => CALL_FILTERS,
        "workgroupid" => WORKGROUPS,
        "workgroupactivityid" => ACTIVITIES,
        "scheduleid" => SCHEDULES,
        "webhookid" => WEBHOOKS,
        "messageid" => MESSAGES,
        "orderid" => ORDERS,
        _ => return None,
    })
}

/// Everything a handler sees.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub op: &'a Op,
    pub query: Record,
    pub body: Record,
    /// The account the sandbox's credentials belong to.
    pub account_id: String,
    pub now: chrono::DateTime<chrono::Utc>,
}

impl Ctx<'_> {
    fn now_text(&self) -> String {
        self.now.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
    }

    /// A request value from the body, else the query (names matched ignoring case).
    fn arg(&self, name: &str) -> Option<String> {
        text(&self.body, name).or_else(|| text(&self.query, name))
    }

    fn need(&self, name: &str) -> Result<String, ApiError> {
        self.arg(name)
            .ok_or_else(|| err(400, format!("Bad request: {name} is required.")))
    }

    fn render(&self, record: &Record) -> Value {
        render(&self.op.template, record, None)
    }

    fn render_list(&self, context: &Record, items: &[Record]) -> Value {
        render(&self.op.template, context, Some(items))
    }
}

/// Looks a record up, or answers 404 in the API's words.
fn find(store: &Store, kind: Kind, id: &str) -> Result<Record, ApiError> {
    store.get(kind.collection, id).cloned().ok_or_else(|| {
        err(
            404,
            format!("Not found: no {} {id} on this account.", kind.id),
        )
    })
}

fn require_ref(store: &Store, key: &str, id: &str) -> Result<(), ApiError> {
    match kind_of_reference(key) {
        Some(kind) => find(store, kind, id).map(|_| ()),
        None => Ok(()),
    }
}

/// Checks that every id the body refers to exists (404 otherwise), except `skip`.
fn check_refs(ctx: &Ctx, skip: &[&str]) -> Result<(), ApiError> {
    for (key, value) in &ctx.body {
        if skip.iter().any(|s| s.eq_ignore_ascii_case(key)) {
            continue;
        }
        if let Some(id) = value.as_str().filter(|s| !s.is_empty()) {
            require_ref(ctx.store, key, id)?;
        }
    }
    Ok(())
}

fn merge(into: &mut Record, from: &Record) {
    for (k, v) in from {
        let existing = into.keys().find(|x| x.eq_ignore_ascii_case(k)).cloned();
        into.insert(existing.unwrap_or_else(|| k.clone()), v.clone());
    }
}

fn create(ctx: &mut Ctx, kind: Kind) -> Outcome {
    check_refs(ctx, &[kind.id])?;
    let id = ctx.store.unused_id(kind.collection, kind.prefix)?;
    let mut record = ctx.body.clone();
    record.insert(kind.id.into(), json!(id));
    record.entry("AccountId").or_insert(json!(ctx.account_id));
    record.entry("Active").or_insert(json!(true));
    record.insert("CreatedOn".into(), json!(ctx.now_text()));
    ctx.store.insert(kind.collection, &id, record.clone())?;
    Ok(ctx.render(&record))
}

fn get(ctx: &mut Ctx, kind: Kind, param: &str) -> Outcome {
    let id = ctx.need(param)?;
    let record = find(ctx.store, kind, &id)?;
    Ok(ctx.render(&record))
}

fn update(ctx: &mut Ctx, kind: Kind, key: &str) -> Outcome {
    let id = ctx.need(key)?;
    check_refs(ctx, &[key])?;
    let body = ctx.body.clone();
    let record = ctx
        .store
        .update(kind.collection, &id, |record| {
            merge(record, &body);
            record.clone()
        })
        .ok_or_else(|| {
            err(
                404,
                format!("Not found: no {} {id} on this account.", kind.id),
            )
        })?;
    Ok(ctx.render(&record))
}

fn delete(ctx: &mut Ctx, kind: Kind, key: &str) -> Outcome {
    let id = ctx.need(key)?;
    let mut record = ctx.store.remove(kind.collection, &id).ok_or_else(|| {
        err(
            404,
            format!("Not found: no {} {id} on this account.", kind.id),
        )
    })?;
    mark_deleted(ctx, &mut record);
    Ok(ctx.render(&record))
}

/// Fills the confirmation fields delete answers carry (`...Status`, `Successful`, `DateDeleted`).
fn mark_deleted(ctx: &Ctx, record: &mut Record) {
    if let Value::Object(keys) = &ctx.op.template {
        for key in keys.keys() {
            if key.ends_with("Status") {
                record.insert(key.clone(), json!("Deleted"));
            }
        }
    }
    record.insert("Successful".into(), json!(true));
    record.insert("DateDeleted".into(), json!(ctx.now_text()));
}

fn list(ctx: &mut Ctx, kind: Kind) -> Outcome {
    let items = match ctx.arg("Filter").filter(|f| !f.eq_ignore_ascii_case("all")) {
        Some(filter) => {
            let active = filter.eq_ignore_ascii_case("active").to_string();
            owned(
                ctx.store
                    .page_where(kind.collection, Field::Active, &active, 0, usize::MAX),
            )
        }
        None => owned(ctx.store.page(kind.collection, 0, usize::MAX)),
    };
    let context = list_context(ctx);
    Ok(ctx.render_list(&context, &items))
}

/// Listed records, to render (the store lends them; the answer is built after it changes).
fn owned(records: Vec<&Record>) -> Vec<Record> {
    records.into_iter().cloned().collect()
}

/// Which page a request asks for and how big pages are (1-based; bad numbers fall back).
fn page_window(
    ctx: &Ctx,
    page_key: &str,
    size_key: Option<&str>,
    default_size: usize,
) -> Result<(usize, usize), ApiError> {
    let number = |key: &str| -> Result<Option<usize>, ApiError> {
        match ctx.arg(key) {
            None => Ok(None),
            Some(text) => text.trim().parse::<usize>().map(Some).map_err(|_| {
                err(
                    400,
                    format!("Bad request: {key} must be a whole number, not {text:?}."),
                )
            }),
        }
    };
    let page = number(page_key)?.unwrap_or(1).max(1);
    let size = match size_key {
        Some(key) => number(key)?.filter(|n| *n > 0).unwrap_or(default_size),
        None => default_size,
    };
    Ok((page, size))
}

/// Where page `page` of `size` starts (a page far past the end starts past it, never overflows).
fn offset(page: usize, size: usize) -> usize {
    (page - 1).saturating_mul(size)
}

fn list_context(ctx: &Ctx) -> Record {
    let mut context = Record::new();
    context.insert("AccountId".into(), json!(ctx.account_id));
    if let Some(f) = ctx.arg("Filter") {
        context.insert("Filter".into(), json!(f));
    }
    context
}

/// Runs operation `ctx.op`.
pub fn execute(ctx: &mut Ctx) -> Outcome {
    match ctx.op.id.as_str() {
        "tokens.create" => Err(err(500, "tokens are minted by the auth layer")),
        // numbers
        "numbers.search_available" => search_available(ctx),
        "numbers.provision" => provision(ctx),
        "numbers.port_ins.create" => port_in(ctx),
        "numbers.port_ins.check_eligibility" => port_in_eligibility(ctx),
        "numbers.port_ins.update" => order_update(ctx, None),
        "numbers.port_ins.cancel" => order_update(ctx, Some("Cancelled")),
        "numbers.refresh_nnid" => refresh_nnid(ctx),
        "numbers.voicemail.get" => per_number(ctx, VOICEMAIL, "PhoneNumber", PerNumber::Get),
        "numbers.voicemail.activate" => per_number(
            ctx,
            VOICEMAIL,
            "PhoneNumber",
            PerNumber::Set(&[("VoicemailEnabled", true), ("VoicemailActivated", true)]),
        ),
        "numbers.voicemail.update" => {
            per_number(ctx, VOICEMAIL, "PhoneNumber", PerNumber::Set(&[]))
        }
        "numbers.voicemail.delete" => per_number(ctx, VOICEMAIL, "PhoneNumber", PerNumber::Delete),
        "numbers.port_out" => port_out(ctx),
        "numbers.get_order" => get(ctx, ORDERS, "OrderId"),
        "numbers.list" => inventory(ctx),
        "numbers.get" => number_details(ctx),
        "numbers.update" => number_update(ctx),
        "numbers.update_status" => status_change(ctx),
        "numbers.data_usage.set_limit"
        | "numbers.data_usage.get_settings"
        | "numbers.data_usage.update_renewal_info" => data_usage(ctx, true),
        "numbers.data_usage.get" => data_usage(ctx, false),
        "numbers.get_device_details" => device_details(ctx),
        "numbers.reactivate" => reactivate(ctx),
        "numbers.e911_address.update" => e911_update(ctx),
        "numbers.e911_address.get" => e911_get(ctx),
        // messaging
        "message_routes.create" => create(ctx, MESSAGE_ROUTES),
        "message_routes.get" => get(ctx, MESSAGE_ROUTES, "MessageRouteId"),
        "message_routes.update" => update(ctx, MESSAGE_ROUTES, "MessageRouteId"),
        "message_routes.delete" => delete_route(ctx, MESSAGE_ROUTES, "MessageRouteId", "MRID"),
        "message_routes.list" => list(ctx, MESSAGE_ROUTES),
        "messages.send" => send(ctx),
        "messages.get" => get(ctx, MESSAGES, "MessageId"),
        "messages.search" => search_messages(ctx, "PhoneNumber", "Results"),
        "messages.filter" => search_messages(ctx, "PhoneNumber", "Results"),
        "messages.report_device_delivery" => device_delivery(ctx),
        // voice
        "voice_routes.create" => create(ctx, VOICE_ROUTES),
        "voice_routes.get" => get(ctx, VOICE_ROUTES, "CallRouteId"),
        "voice_routes.update" => update(ctx, VOICE_ROUTES, "CallRouteId"),
        "voice_routes.delete" => delete_route(ctx, VOICE_ROUTES, "CallRouteId", "CallRouteId"),
        "voice_routes.list" => list(ctx, VOICE_ROUTES),
        // billing
        "services.list" => list(ctx, SERVICES),
        "services.get" => get(ctx, SERVICES, "ServiceId"),
        "services.create" => create(ctx, SERVICES),
        "services.update" => update(ctx, SERVICES, "ServiceId"),
        "services.delete" => delete(ctx, SERVICES, "ServiceId"),
        "services.items.list" => children(ctx, SERVICE_ITEMS, "ServiceId", SERVICES),
        "services.items.add" => service_item_add(ctx),
        "services.items.update" => update(ctx, SERVICE_ITEMS, "ServiceId"),
        "services.items.delete" => delete(ctx, SERVICE_ITEMS, "ServiceId"),
        "products.list" | "products.list_for_distributor" => list(ctx, PRODUCTS),
        "products.get" => get(ctx, PRODUCTS, "ProductId"),
        "products.create" => create(ctx, PRODUCTS),
        "products.update" => update(ctx, PRODUCTS, "ProductId"),
        "products.delete" => delete(ctx, PRODUCTS, "ProductId"),
        "packages.list" | "packages.list_for_distributor" => list(ctx, PACKAGES),
        "packages.get" => get(ctx, PACKAGES, "PackageId"),
        "packages.create" => create(ctx, PACKAGES),
        "packages.update" => update(ctx, PACKAGES, "PackageId"),
        "packages.delete" => delete(ctx, PACKAGES, "PackageId"),
        "packages.list_subscriptions" => package_subscriptions(ctx),
        "packages.items.list" => children(ctx, PACKAGE_ITEMS, "PackageId", PACKAGES),
        "packages.items.add" => create(ctx, PACKAGE_ITEMS),
        "packages.items.update" => update(ctx, PACKAGE_ITEMS, "PackageItemId"),
        "packages.items.delete" => delete(ctx, PACKAGE_ITEMS, "PackageItemId"),
        "subscriptions.list" | "subscriptions.list_for_distributor" => list(ctx, SUBSCRIPTIONS),
        "subscriptions.get" => get(ctx, SUBSCRIPTIONS, "SubscriptionId"),
        "subscriptions.create" => {
            ctx.query.clear();
            create(ctx, SUBSCRIPTIONS)
        }
        "subscriptions.update" => update(ctx, SUBSCRIPTIONS, "SubscriptionId"),
        "subscriptions.delete" => delete(ctx, SUBSCRIPTIONS, "SubscriptionId"),
        "subscriptions.thresholds.get" => get(ctx, THRESHOLDS, "ThresholdId"),
        "subscriptions.thresholds.add" => create(ctx, THRESHOLDS),
        "subscriptions.thresholds.update" => update(ctx, THRESHOLDS, "ThresholdId"),
        "subscriptions.thresholds.delete" => delete(ctx, THRESHOLDS, "ThresholdId"),
        "subscriptions.thresholds.assignments.list" => {
            children(ctx, THRESHOLD_ASSIGNMENTS, "ThresholdId", THRESHOLDS)
        }
        "subscriptions.thresholds.assignments.add" => create(ctx, THRESHOLD_ASSIGNMENTS),
        "subscriptions.thresholds.assignments.update" => {
            update(ctx, THRESHOLD_ASSIGNMENTS, "ThresholdAssignmentId")
        }
        "subscriptions.thresholds.assignments.delete" => {
            delete(ctx, THRESHOLD_ASSIGNMENTS, "ThresholdAssignmentId")
        }
        "subscriptions.features.get" => get(ctx, FEATURES, "FeatureId"),
        "subscriptions.features.add" => create(ctx, FEATURES),
        "subscriptions.features.update" => update(ctx, FEATURES, "FeatureId"),
        "subscriptions.features.delete" => delete(ctx, FEATURES, "FeatureId"),
        "subscriptions.features.assignments.list" => {
            children(ctx, FEATURE_ASSIGNMENTS, "FeatureId", FEATURES)
        }
        "subscriptions.features.assignments.add" => create(ctx, FEATURE_ASSIGNMENTS),
        "subscriptions.features.assignments.update" => {
            update(ctx, FEATURE_ASSIGNMENTS, "FeatureAssignmentId")
        }
        "subscriptions.features.assignments.delete" => {
            delete(ctx, FEATURE_ASSIGNMENTS, "FeatureAssignmentId")
        }
        "sims.update_status" => sim_status(ctx, None),
        "sims.clear_status" => sim_status(ctx, Some("Active")),
        // organisation
        "distributors.get" => get(ctx, DISTRIBUTORS, "DistributorId"),
        "distributors.create" => create_distributor(ctx),
        "distributors.update" => update(ctx, DISTRIBUTORS, "DistributorId"),
        "accounts.get" => get(ctx, ACCOUNTS, "AccountId"),
        "accounts.create" => create(ctx, ACCOUNTS),
        "accounts.update" => {
            let id = ctx
                .arg("AccountId")
                .unwrap_or_else(|| ctx.account_id.clone());
            ctx.body.insert("AccountId".into(), json!(id));
            update(ctx, ACCOUNTS, "AccountId")
        }
        "accounts.list" => first_of(ctx, ACCOUNTS),
        "subscribers.list" => subscribers_page(ctx),
        "subscribers.get" => get_subscriber(ctx),
        "subscribers.create" => create_subscriber(ctx),
        "subscribers.update" => update_subscriber(ctx),
        "subscribers.transfer" => transfer(ctx),
        // guardian
        "guardian.message_filters.create" => create_filter(ctx, MESSAGE_FILTERS),
        "guardian.message_filters.list" => list_filters(ctx, MESSAGE_FILTERS),
        "guardian.message_filters.update" => update(ctx, MESSAGE_FILTERS, "FilterId"),
        "guardian.message_filters.delete" => delete(ctx, MESSAGE_FILTERS, "MessageFilterId"),
        "guardian.message_filters.get_keywords" => {
            keywords(ctx, MESSAGE_FILTERS, "MessageFilterId")
        }
        "guardian.message_filters.allowed_contacts.list" => filter_list(
            ctx,
            MESSAGE_FILTERS,
            "MessageFilterId",
            "AllowedContacts",
            Edit::Read,
        ),
        "guardian.message_filters.allowed_contacts.add" => filter_list(
            ctx,
            MESSAGE_FILTERS,
            "MessageFilterId",
            "AllowedContacts",
            Edit::Add("Contacts"),
        ),
        "guardian.message_filters.allowed_contacts.remove" => filter_list(
            ctx,
            MESSAGE_FILTERS,
            "MessageFilterId",
            "AllowedContacts",
            Edit::Remove("Contacts"),
        ),
        "guardian.message_filters.blocked_contacts.list" => filter_list(
            ctx,
            MESSAGE_FILTERS,
            "MessageFilterId",
            "BlockedContacts",
            Edit::Read,
        ),
        "guardian.message_filters.blocked_contacts.add" => filter_list(
            ctx,
            MESSAGE_FILTERS,
            "MessageFilterId",
            "BlockedContacts",
            Edit::Add("Contacts"),
        ),
        "guardian.message_filters.blocked_contacts.remove" => filter_list(
            ctx,
            MESSAGE_FILTERS,
            "MessageFilterId",
            "BlockedContacts",
            Edit::Remove("Contacts"),
        ),
        "guardian.call_filters.create" => create_filter(ctx, CALL_FILTERS),
        "guardian.call_filters.list" => list_filters(ctx, CALL_FILTERS),
        "guardian.call_filters.update" => update(ctx, CALL_FILTERS, "FilterId"),
        "guardian.call_filters.delete" => delete(ctx, CALL_FILTERS, "CallFilterId"),
        "guardian.call_filters.get_keywords" => keywords(ctx, CALL_FILTERS, "CallFilterId"),
        "guardian.call_filters.allowed_numbers.list" => filter_list(
            ctx,
            CALL_FILTERS,
            "CallFilterId",
            "AllowedNumbers",
            Edit::Read,
        ),
        "guardian.call_filters.allowed_numbers.add" => filter_list(
            ctx,
            CALL_FILTERS,
            "CallFilterId",
            "AllowedNumbers",
            Edit::Add("Numbers"),
        ),
        "guardian.call_filters.allowed_numbers.remove" => filter_list(
            ctx,
            CALL_FILTERS,
            "CallFilterId",
            "AllowedNumbers",
            Edit::Remove("Numbers"),
        ),
        "guardian.call_filters.blocked_numbers.list" => filter_list(
            ctx,
            CALL_FILTERS,
            "CallFilterId",
            "BlockedNumbers",
            Edit::Read,
        ),
        "guardian.call_filters.blocked_numbers.add" => filter_list(
            ctx,
            CALL_FILTERS,
            "CallFilterId",
            "BlockedNumbers",
            Edit::Add("Numbers"),
        ),
        "guardian.call_filters.blocked_numbers.remove" => filter_list(
            ctx,
            CALL_FILTERS,
            "CallFilterId",
            "BlockedNumbers",
            Edit::Remove("Numbers"),
        ),
        "guardian.features.configure" => guardian_features(ctx, true),
        "guardian.features.get" => guardian_features(ctx, false),
        "guardian.relations.create" => relation_create(ctx),
        "guardian.relations.get_parent" => relation_view(ctx, "ParentSubscriberId"),
        "guardian.relations.get_child" => relation_view(ctx, "ChildSubscriberId"),
        "guardian.relations.delete" => relation_delete(ctx),
        // voice workgroups and schedules
        "workgroups.create" => create(ctx, WORKGROUPS),
        "workgroups.get" => get(ctx, WORKGROUPS, "WorkgroupId"),
        "workgroups.update" => update(ctx, WORKGROUPS, "WorkgroupId"),
        "workgroups.delete" => delete(ctx, WORKGROUPS, "WorkgroupId"),
        "workgroups.list" => list(ctx, WORKGROUPS),
        "workgroups.activities.create" => create(ctx, ACTIVITIES),
        "workgroups.activities.update" => update(ctx, ACTIVITIES, "WorkgroupActivityId"),
        "workgroups.activities.delete" => delete(ctx, ACTIVITIES, "WorkgroupActivityId"),
        "schedules.create" => create(ctx, SCHEDULES),
        "schedules.get" => get(ctx, SCHEDULES, "ScheduleId"),
        "schedules.update" => update(ctx, SCHEDULES, "ScheduleId"),
        "schedules.delete" => delete_schedule(ctx),
        "schedules.list" => list(ctx, SCHEDULES),
        // webhooks
        "webhooks.create" => create(ctx, WEBHOOKS),
        "webhooks.get" => get(ctx, WEBHOOKS, "WebhookId"),
        "webhooks.update" => update(ctx, WEBHOOKS, "WebhookId"),
        "webhooks.delete" => delete(ctx, WEBHOOKS, "WebhookId"),
        "webhooks.list" => list(ctx, WEBHOOKS),
        other => Err(err(501, format!("the sandbox does not implement {other}"))),
    }
}

// ---- numbers ----

fn number_record(store: &Store, number: &str) -> Result<Record, ApiError> {
    store
        .get(NUMBERS.collection, number)
        .cloned()
        .ok_or_else(|| not_provisioned(number))
}

fn not_provisioned(number: &str) -> ApiError {
    err(
        404,
        format!("Not found: {number} is not provisioned on this account."),
    )
}

fn search_available(ctx: &mut Ctx) -> Outcome {
    const PER_PAGE: usize = 10;
    const TOTAL: usize = 35;
    let (page, _) = page_window(ctx, "PageNumber", None, PER_PAGE)?;
    let area = ctx.arg("AreaCode").unwrap_or_else(|| "801".into());
    let zip = ctx.arg("ZipCode").unwrap_or_default();
    let start = (page - 1) * PER_PAGE;
    let items: Vec<Record> = (start..TOTAL.min(start + PER_PAGE))
        .map(|i| {
            let mut r = Record::new();
            r.insert("NGP".into(), json!(format!("{area}-{i:03}")));
            r.insert("AreaCode".into(), json!(area.parse::<u32>().unwrap_or(801)));
            r.insert(
                "Zipcode".into(),
                json!(if zip.is_empty() {
                    format!("{:05}", 84000 + i)
                } else {
                    zip.clone()
                }),
            );
            r
        })
        .collect();
    let mut context = ctx.body.clone();
    context.insert(
        "RequestId".into(),
        json!(format!("T-{:05}", ctx.store.tick())),
    );
    context.insert("RequestDate".into(), json!(ctx.now_text()));
    context.insert("AreaCode".into(), json!(area));
    context.insert("PageNumber".into(), json!(page));
    context.insert("ResultsTotal".into(), json!(TOTAL));
    Ok(ctx.render_list(&context, &items))
}

fn provision(ctx: &mut Ctx) -> Outcome {
    let Some(route) = ctx.arg("MessageRouteId") else {
        return Err(err(
            400,
            "Bad request: provisioning requires a message route (MessageRouteId).",
        ));
    };
    find(ctx.store, MESSAGE_ROUTES, &route)?;
    let voice = flag(&ctx.body, "VoiceEnabled").unwrap_or(false);
    match ctx.arg("VoiceRouteId") {
        Some(v) => {
            find(ctx.store, VOICE_ROUTES, &v)?;
        }
        None if voice => {
            return Err(err(
                400,
                "Bad request: VoiceEnabled numbers require a voice route (VoiceRouteId).",
            ))
        }
        None => {}
    }
    let number_type = ctx.arg("NumberType").unwrap_or_default();
    let message_type = ctx.arg("MessageType").unwrap_or_default();
    if number_type.eq_ignore_ascii_case("iot") && !message_type.eq_ignore_ascii_case("p2p") {
        return Err(err(
            400,
            "Bad request: iot numbers support p2p messaging only.",
        ));
    }
    check_refs(ctx, &[])?;
    let area = ctx
        .arg("AreaCode")
        .filter(|a| a.len() == 3)
        .unwrap_or_else(|| "801".into());
    let number = unassigned_number(ctx.store, &area)?;
    let iccid = match ctx.arg("ICCID") {
        Some(given) => given,
        None => unused_iccid(ctx.store)?,
    };
    let order_id = ctx.store.unused_id(ORDERS.collection, "JNUOID")?;
    let tnid = unused_tnid(ctx.store)?;
    let mut record = ctx.body.clone();
    for (k, v) in [
        ("Number", json!(number)),
        ("Tnid", json!(tnid)),
        ("OrderId", json!(order_id)),
        ("Status", json!("Active")),
        ("Iccid", json!(iccid)),
        (
            "Classification",
            json!(if number_type.eq_ignore_ascii_case("iot") {
                "IoT"
            } else {
                "MVNO"
            }),
        ),
        (
            "OriginalDatePurchased",
            json!(ctx.now.format("%m/%d/%Y").to_string()),
        ),
        (
            "QrActivationLink",
            json!(format!("https://sandbox.telegent.test/qr/{tnid}")),
        ),
        ("SwapsRemaining", json!(2)),
        ("AccountId", json!(ctx.account_id)),
    ] {
        record.insert(k.into(), v);
    }
    if let Some(s) = ctx.arg("AssignedSubscriberId") {
        record.insert("AssignedSubscriberId".into(), json!(s));
    }
    ctx.store.insert(NUMBERS.collection, &number, record)?;
    let mut order = Record::new();
    for (k, v) in [
        ("OrderId", json!(order_id)),
        ("OrderDate", json!(ctx.now_text())),
        ("OrderStatus", json!("Complete")),
        ("OrderType", json!("Provision")),
        ("PhoneNumberAssigned", json!(number)),
        ("PhoneNumberId", json!(tnid)),
        (
            "QRCode",
            json!(format!("https://sandbox.telegent.test/qr/{tnid}")),
        ),
        ("ICCID", json!(iccid)),
        ("ErrorMessage", json!("")),
        (
            "SubscriberId",
            json!(ctx.arg("AssignedSubscriberId").unwrap_or_default()),
        ),
        ("ZipCode", json!(ctx.arg("ZipCode").unwrap_or_default())),
        (
            "PhoneNumbersOrdered",
            json!([{"Number": number, "Status": "Complete"}]),
        ),
    ] {
        order.insert(k.into(), v);
    }
    ctx.store
        .insert(ORDERS.collection, &order_id, order.clone())?;
    Ok(ctx.render(&order))
}

/// A phone number in `area` that no number on the account holds: the generator may repeat,
/// an assignment never does.
fn unassigned_number(store: &mut Store, area: &str) -> Result<String, ApiError> {
    store
        .unused(
            |s, n| s.contains(NUMBERS.collection, n),
            |s| format!("+1{area}{}", s.digits(7)),
        )
        .map_err(|_| {
            err(
                409,
                format!("Conflict: no unassigned numbers are left in area code {area}."),
            )
        })
}

/// An ICCID no number holds (number details and SIM status find a number by it).
fn unused_iccid(store: &mut Store) -> Result<String, ApiError> {
    let taken = |s: &Store, iccid: &str| s.count_where(NUMBERS.collection, ICCID, iccid) > 0;
    Ok(store.unused(taken, |s| format!("89012{}", s.digits(14)))?)
}

/// A number id (`Tnid`, answered as `PhoneNumberId`) no number holds.
pub fn unused_tnid(store: &mut Store) -> Result<String, ApiError> {
    let taken = |s: &Store, id: &str| s.count_where(NUMBERS.collection, TNID, id) > 0;
    Ok(store.unused(taken, |s| s.new_id(NUMBERS.prefix))?)
}

fn new_order(
    ctx: &mut Ctx,
    order_type: &str,
    status: &str,
    number: &str,
) -> Result<Record, ApiError> {
    let id = ctx.store.unused_id(ORDERS.collection, ORDERS.prefix)?;
    let mut order = ctx.body.clone();
    order.insert("OrderId".into(), json!(id));
    order.insert("OrderDate".into(), json!(ctx.now_text()));
    order.insert("OrderType".into(), json!(order_type));
    order.insert("OrderStatus".into(), json!(status));
    order.insert("Status".into(), json!(status));
    order.insert("PhoneNumber".into(), json!(number));
    order.insert(
        "PhoneNumbersOrdered".into(),
        json!([{"Number": number, "Status": status}]),
    );
    ctx.store.insert(ORDERS.collection, &id, order.clone())?;
    Ok(order)
}

/// The sandbox completes a port-in at once: the number joins the inventory, Active, and a
/// cancelled port-in takes it out again.
fn port_in(ctx: &mut Ctx) -> Outcome {
    let number = ctx.need("PortInNumber")?;
    if ctx.store.contains(NUMBERS.collection, &number) {
        return Err(err(
            409,
            format!("Conflict: {number} is already on this account."),
        ));
    }
    let order = new_order(ctx, "PortIn", "Complete", &number)?;
    let tnid = unused_tnid(ctx.store)?;
    let mut record = Record::new();
    for (k, v) in [
        ("Number", json!(number)),
        ("Tnid", json!(tnid)),
        (
            "OrderId",
            field(&order, "OrderId").cloned().unwrap_or_default(),
        ),
        ("NumberType", json!("mobile")),
        ("MessageEnabled", json!(false)),
        ("VoiceEnabled", json!(false)),
        ("Status", json!("Active")),
        ("AccountId", json!(ctx.account_id)),
    ] {
        record.insert(k.into(), v);
    }
    if let Some(iccid) = ctx.arg("ICCID") {
        record.insert("Iccid".into(), json!(iccid));
    }
    ctx.store.insert(NUMBERS.collection, &number, record)?;
    Ok(ctx.render(&order))
}

fn port_in_eligibility(ctx: &mut Ctx) -> Outcome {
    let number = ctx.need("PhoneNumber")?;
    let already = ctx.store.contains(NUMBERS.collection, &number);
    let mut r = ctx.body.clone();
    r.insert("Eligible".into(), json!(!already));
    r.insert(
        "CurrentCarrier".into(),
        json!(if already { "Telegent" } else { "Other Carrier" }),
    );
    r.insert("NumberType".into(), json!("mobile"));
    r.insert(
        "Message".into(),
        json!(if already {
            "The number is already on this account."
        } else {
            "The number can be ported in."
        }),
    );
    Ok(ctx.render(&r))
}

fn order_update(ctx: &mut Ctx, status: Option<&str>) -> Outcome {
    let id = ctx.need("OrderId")?;
    let body = ctx.body.clone();
    let new_status = status.unwrap_or("Updated");
    let order = ctx
        .store
        .update(ORDERS.collection, &id, |order| {
            if text(order, "Status").as_deref() == Some("Cancelled") {
                return Err(err(409, format!("Conflict: order {id} is cancelled.")));
            }
            merge(order, &body);
            order.insert("Status".into(), json!(new_status));
            order.insert("OrderStatus".into(), json!(new_status));
            order.insert("Message".into(), json!(format!("Order {new_status}.")));
            Ok(order.clone())
        })
        .ok_or_else(|| err(404, format!("Not found: no order {id}.")))??;
    // A cancelled port-in takes its number out again.
    if status == Some("Cancelled") && text(&order, "OrderType").as_deref() == Some("PortIn") {
        if let Some(number) = text(&order, "PhoneNumber") {
            ctx.store.remove(NUMBERS.collection, &number);
        }
    }
    Ok(ctx.render(&order))
}

fn port_out(ctx: &mut Ctx) -> Outcome {
    let number = ctx.need("PortOutNumber")?;
    let pin = ctx.need("PortOutPIN")?;
    let record = number_record(ctx.store, &number)?;
    if text(&record, "PortOutPin").is_some_and(|expected| expected != pin) {
        return Err(err(403, "Forbidden: the port-out PIN does not match."));
    }
    ctx.store.remove(NUMBERS.collection, &number);
    let order = new_order(ctx, "PortOut", "Submitted", &number)?;
    Ok(ctx.render(&order))
}

fn refresh_nnid(ctx: &mut Ctx) -> Outcome {
    let number = ctx.need("PhoneNumber")?;
    number_record(ctx.store, &number)?;
    let mut r = ctx.body.clone();
    r.insert("NNID".into(), json!(ctx.store.digits(10)));
    r.insert("Successful".into(), json!(true));
    Ok(ctx.render(&r))
}

enum PerNumber<'a> {
    Get,
    Set(&'a [(&'a str, bool)]),
    Delete,
}

/// Settings kept per provisioned number (voicemail).
fn per_number(ctx: &mut Ctx, kind: Kind, key: &str, action: PerNumber) -> Outcome {
    let number = ctx.need(key)?;
    number_record(ctx.store, &number)?;
    let mut record = ctx
        .store
        .get(kind.collection, &number)
        .cloned()
        .unwrap_or_default();
    record.insert(key.into(), json!(number));
    match action {
        PerNumber::Get => {}
        PerNumber::Set(flags) => {
            let body = ctx.body.clone();
            merge(&mut record, &body);
            for (k, v) in flags {
                record.insert((*k).into(), json!(v));
            }
            ctx.store.put(kind.collection, &number, record.clone());
        }
        PerNumber::Delete => {
            ctx.store
                .remove(kind.collection, &number)
                .ok_or_else(|| err(404, format!("Not found: {number} has no voicemail.")))?;
            record.insert("VoicemailEnabled".into(), json!(false));
            record.insert("Message".into(), json!("Voicemail deleted."));
        }
    }
    record.insert("Successful".into(), json!(true));
    Ok(ctx.render(&record))
}

fn inventory(ctx: &mut Ctx) -> Outcome {
    let (page, size) = page_window(ctx, "PageNumber", Some("TotalNumbersRequested"), 10)?;
    let filter = ctx.arg("Filter").filter(|f| !f.eq_ignore_ascii_case("all"));
    let store = &ctx.store;
    let (items, total) = match &filter {
        Some(status) => (
            store.page_where(NUMBERS.collection, STATUS, status, offset(page, size), size),
            store.count_where(NUMBERS.collection, STATUS, status),
        ),
        None => (
            store.page(NUMBERS.collection, offset(page, size), size),
            store.len(NUMBERS.collection),
        ),
    };
    let items = owned(items);
    let mut context = list_context(ctx);
    context.insert("PageNumber".into(), json!(page));
    context.insert("TotalResults".into(), json!(total));
    Ok(ctx.render_list(&context, &items))
}

fn number_details(ctx: &mut Ctx) -> Outcome {
    let by_number = ctx.arg("Number").or_else(|| ctx.arg("PhoneNumber"));
    if let (None, Some(iccid)) = (&by_number, ctx.arg("ICCID")) {
        let found = owned(
            ctx.store
                .page_where(NUMBERS.collection, ICCID, &iccid, 0, 1),
        )
        .pop();
        let record =
            found.ok_or_else(|| err(404, format!("Not found: no number with ICCID {iccid}.")))?;
        return Ok(ctx.render(&record));
    }
    let number = ctx
        .arg("Number")
        .or_else(|| ctx.arg("PhoneNumber"))
        .ok_or_else(|| {
            err(
                400,
                "Bad request: Number, PhoneNumber or ICCID is required.",
            )
        })?;
    let record = number_record(ctx.store, &number)?;
    Ok(ctx.render(&record))
}

fn number_update(ctx: &mut Ctx) -> Outcome {
    let number = ctx.need("Number")?;
    check_refs(ctx, &[])?;
    let body = ctx.body.clone();
    let mut out = ctx
        .store
        .update(NUMBERS.collection, &number, |record| {
            merge(record, &body);
            record.clone()
        })
        .ok_or_else(|| not_provisioned(&number))?;
    out.insert(
        "UpdateOrderId".into(),
        json!(format!("JNUOID-{}", number.trim_start_matches('+'))),
    );
    out.insert("UpdateOrderDate".into(), json!(ctx.now_text()));
    out.insert("UpdateOrderStatus".into(), json!("Complete"));
    Ok(ctx.render(&out))
}

fn requested_numbers(ctx: &Ctx) -> Result<Vec<String>, ApiError> {
    let list = field(&ctx.body, "PhoneNumbers")
        .and_then(Value::as_array)
        .ok_or_else(|| err(400, "Bad request: PhoneNumbers is required."))?;
    let numbers: Vec<String> = list
        .iter()
        .filter_map(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => text(o, "Number").or_else(|| text(o, "PhoneNumber")),
            _ => None,
        })
        .collect();
    if numbers.is_empty() {
        return Err(err(400, "Bad request: PhoneNumbers is empty."));
    }
    Ok(numbers)
}

fn status_change(ctx: &mut Ctx) -> Outcome {
    let change = ctx.need("StatusChange")?;
    let numbers = requested_numbers(ctx)?;
    for n in &numbers {
        number_record(ctx.store, n)?;
    }
    let status = match change.to_ascii_lowercase().as_str() {
        "activate" => "Active",
        "cancel" => "Cancelled",
        "park" => "Parked",
        _ => "Active",
    };
    let mut changed = Vec::new();
    for n in &numbers {
        let qr_code = ctx.store.update(NUMBERS.collection, n, |r| {
            r.insert("Status".into(), json!(status));
            text(r, "QrActivationLink").unwrap_or_default()
        });
        if let Some(qr_code) = qr_code {
            changed.push(json!({"Number": n, "QrCode": qr_code}));
        }
    }
    let id = ctx.store.unused_id(ORDERS.collection, "JNUOID")?;
    let mut order = Record::new();
    order.insert("OrderId".into(), json!(id));
    order.insert("OrderDate".into(), json!(ctx.now_text()));
    order.insert("OrderStatus".into(), json!("Complete"));
    order.insert("ChangeType".into(), json!(change));
    order.insert(
        "EffectiveDate".into(),
        json!(ctx.arg("EffectiveDate").unwrap_or_default()),
    );
    order.insert("Numbers".into(), json!(changed));
    order.insert("OrderType".into(), json!("StatusChange"));
    ctx.store.insert(ORDERS.collection, &id, order.clone())?;
    Ok(ctx.render(&order))
}

fn data_usage(ctx: &mut Ctx, write: bool) -> Outcome {
    let numbers = requested_numbers(ctx)?;
    let mut rows = Vec::new();
    for n in &numbers {
        number_record(ctx.store, n)?;
        let mut settings = ctx
            .store
            .get(DATA_USAGE.collection, n)
            .cloned()
            .unwrap_or_default();
        if write {
            let mut body = ctx.body.clone();
            body.remove("PhoneNumbers");
            merge(&mut settings, &body);
            ctx.store.put(DATA_USAGE.collection, n, settings.clone());
        }
        settings.insert("Number".into(), json!(n));
        settings.insert("PhoneNumber".into(), json!(n));
        rows.push(Value::Object(settings));
    }
    let mut r = ctx.body.clone();
    r.insert("PhoneNumbers".into(), json!(rows));
    r.insert("Status".into(), json!("Success"));
    r.insert(
        "StatusMessage".into(),
        json!(if write {
            "Settings saved."
        } else {
            "Current settings."
        }),
    );
    Ok(ctx.render(&r))
}

fn device_details(ctx: &mut Ctx) -> Outcome {
    let number = ctx.need("PhoneNumber")?;
    let mut r = number_record(ctx.store, &number)?;
    r.insert("PhoneNumber".into(), json!(number));
    r.insert("IMEI".into(), json!(format!("35{}", &ctx.store.digits(13))));
    r.insert("DeviceModel".into(), json!("Sandbox Phone"));
    r.insert("DeviceName".into(), json!("sandbox-device"));
    r.insert("StatusMessage".into(), json!("Device registered."));
    Ok(ctx.render(&r))
}

fn reactivate(ctx: &mut Ctx) -> Outcome {
    let number = ctx.need("PhoneNumber")?;
    let mut out = ctx
        .store
        .update(NUMBERS.collection, &number, |r| {
            r.insert("Status".into(), json!("Active"));
            r.clone()
        })
        .ok_or_else(|| not_provisioned(&number))?;
    out.insert("PhoneNumber".into(), json!(number));
    Ok(ctx.render(&out))
}

fn e911_update(ctx: &mut Ctx) -> Outcome {
    let number = ctx.need("PhoneNumber")?;
    number_record(ctx.store, &number)?;
    let mut address = ctx.body.clone();
    address.remove("PhoneNumber");
    let mut record = Record::new();
    record.insert("PhoneNumber".into(), json!(number));
    record.insert("E911Address".into(), Value::Object(address));
    ctx.store.put(E911.collection, &number, record.clone());
    record.insert("Status".into(), json!("Updated"));
    record.insert("StatusMessage".into(), json!("E911 address saved."));
    Ok(ctx.render(&record))
}

fn e911_get(ctx: &mut Ctx) -> Outcome {
    let number = ctx.need("PhoneNumber")?;
    number_record(ctx.store, &number)?;
    let mut record = ctx
        .store
        .get(E911.collection, &number)
        .cloned()
        .ok_or_else(|| err(404, format!("Not found: {number} has no E911 address.")))?;
    record.insert("AccountId".into(), json!(ctx.account_id));
    Ok(ctx.render(&record))
}

fn sim_status(ctx: &mut Ctx, status: Option<&str>) -> Outcome {
    let iccid = ctx.need("ICCID")?;
    let status = status
        .map(String::from)
        .or_else(|| ctx.arg("SimStatus"))
        .unwrap_or_else(|| "Active".into());
    let known_number = ctx.store.count_where(NUMBERS.collection, ICCID, &iccid) > 0;
    let mut record = match ctx.store.get(SIMS.collection, &iccid).cloned() {
        Some(record) => record,
        None if known_number => Record::new(),
        None => return Err(err(404, format!("Not found: no SIM with ICCID {iccid}."))),
    };
    let body = ctx.body.clone();
    merge(&mut record, &body);
    record.insert("ICCID".into(), json!(iccid));
    record.insert("SimStatus".into(), json!(status));
    ctx.store.put(SIMS.collection, &iccid, record.clone());
    record.insert("Successful".into(), json!(true));
    Ok(ctx.render(&record))
}

// ---- messaging ----

fn send(ctx: &mut Ctx) -> Outcome {
    let from = ctx.need("From")?;
    let number = ctx
        .store
        .get(NUMBERS.collection, &from)
        .cloned()
        .ok_or_else(|| {
            err(
                400,
                format!("Bad request: From {from} is not a number provisioned on this account."),
            )
        })?;
    if !flag(&number, "MessageEnabled").unwrap_or(false) {
        return Err(err(
            400,
            format!("Bad request: From {from} is not enabled for messaging."),
        ));
    }
    if text(&number, "Status").is_some_and(|s| !s.eq_ignore_ascii_case("active")) {
        return Err(err(400, format!("Bad request: From {from} is not active.")));
    }
    let to = recipients(&ctx.body);
    if to.is_empty() {
        return Err(err(400, "Bad request: To needs at least one recipient."));
    }
    let has_media = ["MmsMedia", "MmsBase64"].iter().any(|k| {
        field(&ctx.body, k)
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
    });
    let id = ctx.store.unused(
        |s, id| s.contains(MESSAGES.collection, id),
        |s| format!("{}-{}", MESSAGES.prefix, s.digits(20)),
    )?;
    let mut record = ctx.body.clone();
    for (k, v) in [
        ("MessageId", json!(id)),
        ("Direction", json!("Outbound")),
        (
            "Type",
            json!(text(&number, "MessageType").unwrap_or_else(|| "p2p".into())),
        ),
        ("Cost", json!(0.0045)),
        ("Status", json!("Queued")),
        (
            "To",
            json!(to.iter().map(|n| json!({"Number": n})).collect::<Vec<_>>()),
        ),
        (
            "Owner",
            json!(ctx.arg("Owner").unwrap_or_else(|| from.clone())),
        ),
        ("CreatedOn", json!(ctx.now_text())),
        ("MessageType", json!(if has_media { "mms" } else { "sms" })),
        ("Region", json!("US")),
    ] {
        record.insert(k.into(), v);
    }
    ctx.store.insert(MESSAGES.collection, &id, record.clone())?;
    Ok(ctx.render(&record))
}

fn search_messages(ctx: &mut Ctx, number_key: &str, size_key: &str) -> Outcome {
    let number = ctx
        .arg(number_key)
        .ok_or_else(|| err(400, "Bad request: PhoneNumber is required."))?;
    let (page, size) = page_window(ctx, "Page", Some(size_key), 25)?;
    let (at, store) = (offset(page, size), &ctx.store);
    let items = owned(store.page_where(MESSAGES.collection, Field::Parties, &number, at, size));
    let total = store.count_where(MESSAGES.collection, Field::Parties, &number);
    let mut context = Record::new();
    context.insert("PhoneNumber".into(), json!(number));
    context.insert("ResultsTotalRecords".into(), json!(total));
    context.insert("ResultsPages".into(), json!(total.div_ceil(size)));
    context.insert("Page".into(), json!(page));
    context.insert("Total".into(), json!(total));
    if ctx.op.id == "messages.filter" {
        context.insert("Results".into(), json!(size));
    }
    Ok(ctx.render_list(&context, &items))
}

fn device_delivery(ctx: &mut Ctx) -> Outcome {
    let id = ctx.need("MessageId")?;
    let body = ctx.body.clone();
    let delivered_on = ctx.now.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let m = ctx
        .store
        .update(MESSAGES.collection, &id, |m| {
            merge(m, &body);
            m.insert("DeviceDeliveryStatus".into(), json!("Delivered"));
            m.entry("DeliveredOn").or_insert(json!(delivered_on));
            m.clone()
        })
        .ok_or_else(|| err(404, format!("Not found: no message {id}.")))?;
    Ok(ctx.render(&m))
}

fn delete_route(ctx: &mut Ctx, kind: Kind, key: &str, echo_key: &str) -> Outcome {
    let id = ctx.need(key)?;
    find(ctx.store, kind, &id)?;
    let number_field = if kind.collection == MESSAGE_ROUTES.collection {
        "MessageRouteId"
    } else {
        "VoiceRouteId"
    };
    let in_use = ctx
        .store
        .count_where(NUMBERS.collection, Field::Text(number_field), &id);
    if in_use > 0 {
        return Err(err(409, format!("Conflict: route {id} is still assigned to {in_use} number(s); move them to another route first.")));
    }
    let mut record = ctx.store.remove(kind.collection, &id).unwrap_or_default();
    mark_deleted(ctx, &mut record);
    record.insert(echo_key.into(), json!(id));
    Ok(ctx.render(&record))
}

// ---- billing ----

fn children(ctx: &mut Ctx, kind: Kind, parent_key: &'static str, parent: Kind) -> Outcome {
    let parent_id = ctx.need(parent_key)?;
    let parent_record = find(ctx.store, parent, &parent_id)?;
    let items = owned(ctx.store.page_where(
        kind.collection,
        Field::Text(parent_key),
        &parent_id,
        0,
        usize::MAX,
    ));
    if ctx.op.template.is_array() {
        return Ok(ctx.render_list(&Record::new(), &items));
    }
    Ok(ctx.render_list(&parent_record, &items))
}

fn service_item_add(ctx: &mut Ctx) -> Outcome {
    let service = ctx.need("ServiceId")?;
    find(ctx.store, SERVICES, &service)?;
    let mut record = ctx.body.clone();
    record.insert("Successful".into(), json!(true));
    record.entry("Active").or_insert(json!(true));
    // A service has one item (update and delete name it by the service): a second add is refused.
    ctx.store
        .insert(SERVICE_ITEMS.collection, &service, record.clone())
        .map_err(|_| {
            err(
                409,
                format!("Conflict: service {service} already has an item; change it with services.items.update."),
            )
        })?;
    Ok(ctx.render(&record))
}

fn package_subscriptions(ctx: &mut Ctx) -> Outcome {
    let id = ctx.need("PackageId")?;
    let package = find(ctx.store, PACKAGES, &id)?;
    let subs = owned(ctx.store.page_where(
        SUBSCRIPTIONS.collection,
        Field::Text("PackageId"),
        &id,
        0,
        usize::MAX,
    ));
    Ok(ctx.render_list(&package, &subs))
}

// ---- organisation ----

fn create_distributor(ctx: &mut Ctx) -> Outcome {
    let id = ctx
        .store
        .unused_id(DISTRIBUTORS.collection, DISTRIBUTORS.prefix)?;
    let secret = ctx.store.new_id("SEC");
    let mut record = ctx.body.clone();
    record.insert("DistributorId".into(), json!(id));
    record.insert("AccountKey".into(), json!(id));
    record.insert("Secret".into(), json!(secret));
    record.insert("TotalAccounts".into(), json!(0));
    ctx.store
        .insert(DISTRIBUTORS.collection, &id, record.clone())?;
    Ok(ctx.render(&record))
}

fn first_of(ctx: &mut Ctx, kind: Kind) -> Outcome {
    let first = ctx
        .store
        .first(kind.collection)
        .cloned()
        .unwrap_or_default();
    Ok(ctx.render(&first))
}

fn subscribers_page(ctx: &mut Ctx) -> Outcome {
    let (page, size) = page_window(ctx, "PageNumber", Some("TotalPerPage"), 25)?;
    let items = owned(
        ctx.store
            .page(SUBSCRIBERS.collection, offset(page, size), size),
    );
    let mut context = Record::new();
    context.insert("PageNumber".into(), json!(page));
    context.insert(
        "TotalSubscribers".into(),
        json!(ctx.store.len(SUBSCRIBERS.collection)),
    );
    Ok(ctx.render_list(&context, &items))
}

/// Whether a subscriber other than `except` has `email` (ignoring case). Subscribers are keyed
/// by their id, so the index answers without reading one.
fn email_taken(store: &Store, email: &str, except: Option<&str>) -> bool {
    store
        .keys_where(SUBSCRIBERS.collection, Field::Folded("Email"), email)
        .into_iter()
        .any(|id| Some(id) != except)
}

fn attach_account(ctx: &Ctx, record: &mut Record) {
    if let Some(account) =
        text(record, "AccountId").and_then(|a| ctx.store.get(ACCOUNTS.collection, &a).cloned())
    {
        record.insert("Account".into(), Value::Object(account));
    }
}

fn get_subscriber(ctx: &mut Ctx) -> Outcome {
    let id = ctx.need("SubscriberId")?;
    let mut record = find(ctx.store, SUBSCRIBERS, &id)?;
    attach_account(ctx, &mut record);
    Ok(ctx.render(&record))
}

fn create_subscriber(ctx: &mut Ctx) -> Outcome {
    let email = ctx.need("Email")?;
    if email_taken(ctx.store, &email, None) {
        return Err(err(
            409,
            format!("Conflict: a subscriber with e-mail {email} already exists."),
        ));
    }
    check_refs(ctx, &[])?;
    let id = ctx
        .store
        .unused_id(SUBSCRIBERS.collection, SUBSCRIBERS.prefix)?;
    let mut record = ctx.body.clone();
    record.remove("Password");
    record.insert("SubscriberId".into(), json!(id));
    attach_account(ctx, &mut record);
    ctx.store
        .insert(SUBSCRIBERS.collection, &id, record.clone())?;
    Ok(ctx.render(&record))
}

fn update_subscriber(ctx: &mut Ctx) -> Outcome {
    let id = ctx.need("SubscriberId")?;
    if let Some(email) = ctx.arg("Email") {
        if email_taken(ctx.store, &email, Some(&id)) {
            return Err(err(
                409,
                format!("Conflict: a subscriber with e-mail {email} already exists."),
            ));
        }
    }
    ctx.body.remove("Password");
    update(ctx, SUBSCRIBERS, "SubscriberId")
}

fn transfer(ctx: &mut Ctx) -> Outcome {
    let id = ctx.need("SubscriberId")?;
    let from = ctx.need("FromAccountId")?;
    let to = ctx.need("ToAccountId")?;
    find(ctx.store, ACCOUNTS, &to)?;
    let mut record = find(ctx.store, SUBSCRIBERS, &id)?;
    if text(&record, "AccountId").is_some_and(|current| current != from) {
        return Err(err(
            400,
            format!("Bad request: subscriber {id} does not belong to account {from}."),
        ));
    }
    record.insert("AccountId".into(), json!(to));
    attach_account(ctx, &mut record);
    let moved = record.clone();
    ctx.store
        .update(SUBSCRIBERS.collection, &id, |r| *r = moved);
    Ok(ctx.render(&record))
}

// ---- guardian ----

fn create_filter(ctx: &mut Ctx, kind: Kind) -> Outcome {
    let subscriber = ctx.need("SubscriberId")?;
    find(ctx.store, SUBSCRIBERS, &subscriber)?;
    create(ctx, kind)
}

/// A subscriber's filters, a phone's, or both's: found from the indexes, so only the filters
/// answered are read.
fn list_filters(ctx: &mut Ctx, kind: Kind) -> Outcome {
    let store = &ctx.store;
    let by = |field: &'static str, value: &Option<String>| {
        value
            .as_ref()
            .map(|v| store.keys_where(kind.collection, Field::Text(field), v))
    };
    let (subscriber, phone) = (ctx.arg("SubscriberId"), ctx.arg("Phone"));
    let keys = match (by("SubscriberId", &subscriber), by("Phone", &phone)) {
        (None, None) => None,
        (Some(keys), None) | (None, Some(keys)) => Some(keys),
        (Some(a), Some(b)) => Some(a.into_iter().filter(|k| b.contains(k)).collect()),
    };
    let items: Vec<Record> = match keys {
        None => owned(store.page(kind.collection, 0, usize::MAX)),
        Some(keys) => keys
            .into_iter()
            .filter_map(|k| store.get(kind.collection, k).cloned())
            .collect(),
    };
    Ok(ctx.render_list(&Record::new(), &items))
}

enum Edit {
    Read,
    Add(&'static str),
    Remove(&'static str),
}

fn filter_list(ctx: &mut Ctx, kind: Kind, id_key: &str, list_key: &str, edit: Edit) -> Outcome {
    let id = ctx.need(id_key)?;
    let given = match edit {
        Edit::Read => None,
        Edit::Add(k) | Edit::Remove(k) => Some(
            field(&ctx.body, k)
                .and_then(Value::as_array)
                .cloned()
                .ok_or_else(|| err(400, format!("Bad request: {k} is required.")))?,
        ),
    };
    let out = ctx
        .store
        .update(kind.collection, &id, |filter| {
            let mut current: Vec<Value> = field(filter, list_key)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if let Some(given) = given {
                if matches!(edit, Edit::Add(_)) {
                    for v in given {
                        if !current.contains(&v) {
                            current.push(v);
                        }
                    }
                } else {
                    current.retain(|v| !given.contains(v));
                }
                filter.insert(list_key.into(), Value::Array(current.clone()));
            }
            let mut out = filter.clone();
            out.insert("__list".into(), Value::Array(current));
            out
        })
        .ok_or_else(|| err(404, format!("Not found: no filter {id}.")))?;
    Ok(ctx.render(&out))
}

fn keywords(ctx: &mut Ctx, kind: Kind, id_key: &str) -> Outcome {
    let id = ctx.need(id_key)?;
    let filter = find(ctx.store, kind, &id)?;
    let parsed = text(&filter, "KeywordFilter")
        .and_then(|t| telegent::lenient::json_in_string(&t))
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default();
    Ok(ctx.render(&parsed))
}

fn guardian_features(ctx: &mut Ctx, write: bool) -> Outcome {
    let id = ctx.need("SubscriberId")?;
    find(ctx.store, SUBSCRIBERS, &id)?;
    let mut record = ctx
        .store
        .get(GUARDIAN_FEATURES.collection, &id)
        .cloned()
        .unwrap_or_default();
    record.insert("SubscriberId".into(), json!(id));
    if write {
        let body = ctx.body.clone();
        merge(&mut record, &body);
        ctx.store
            .put(GUARDIAN_FEATURES.collection, &id, record.clone());
    }
    Ok(ctx.render(&record))
}

fn relation_key(parent: &str, child: &str) -> String {
    format!("{parent}|{child}")
}

fn relation_create(ctx: &mut Ctx) -> Outcome {
    let parent = ctx.need("ParentSubscriberId")?;
    let child = ctx.need("ChildSubscriberId")?;
    if parent == child {
        return Err(err(
            400,
            "Bad request: a subscriber cannot be their own guardian.",
        ));
    }
    find(ctx.store, SUBSCRIBERS, &parent)?;
    find(ctx.store, SUBSCRIBERS, &child)?;
    let key = relation_key(&parent, &child);
    let record = ctx.body.clone();
    ctx.store
        .insert(RELATIONS.collection, &key, record.clone())
        .map_err(|_| err(409, "Conflict: this guardian relation already exists."))?;
    Ok(ctx.render(&record))
}

fn relation_view(ctx: &mut Ctx, own_key: &'static str) -> Outcome {
    let id = ctx.need(own_key)?;
    find(ctx.store, SUBSCRIBERS, &id)?;
    let items = owned(ctx.store.page_where(
        RELATIONS.collection,
        Field::Text(own_key),
        &id,
        0,
        usize::MAX,
    ));
    let mut context = Record::new();
    context.insert(own_key.into(), json!(id));
    Ok(ctx.render_list(&context, &items))
}

fn relation_delete(ctx: &mut Ctx) -> Outcome {
    let parent = ctx.need("ParentSubscriberId")?;
    let child = ctx.need("ChildSubscriberId")?;
    let mut record = ctx
        .store
        .remove(RELATIONS.collection, &relation_key(&parent, &child))
        .ok_or_else(|| err(404, "Not found: no such guardian relation."))?;
    mark_deleted(ctx, &mut record);
    Ok(ctx.render(&record))
}

fn delete_schedule(ctx: &mut Ctx) -> Outcome {
    let id = ctx.need("ScheduleId")?;
    find(ctx.store, SCHEDULES, &id)?;
    // Workgroups are keyed by their id: the index names them without reading one.
    let users = ctx
        .store
        .keys_where(WORKGROUPS.collection, Field::Text("ScheduleId"), &id);
    if !users.is_empty() {
        return Err(err(
            409,
            format!(
                "Conflict: schedule {id} is assigned to workgroup(s) {}.",
                users.join(", ")
            ),
        ));
    }
    delete(ctx, SCHEDULES, "ScheduleId")
}

/// A record's fields, for the fixtures and tests.
pub fn record(pairs: &[(&str, Value)]) -> Record {
    let mut m = Map::new();
    for (k, v) in pairs {
        m.insert((*k).to_string(), v.clone());
    }
    m
}
