"use strict";
// Webhook receivers: the body Telegent POSTs, parsed into a typed payload (node names), and the
// Basic/Bearer credential check, in constant time (done by the binding layer).

const native = require("./native.js");
const { fromWire } = require("./convert.js");
const { fromNative } = require("./errors.js");

function parse(kind, type, body) {
  try {
    return fromWire(type, JSON.parse(native.parseWebhook(kind, body)));
  } catch (e) {
    throw fromNative(e);
  }
}

/** An inbound message POSTed to a route's `MessageUrl` (`Buffer` or string body). */
const parseInboundMessage = (body) => parse("inbound_message", "InboundMessage", body);
/** A delivery report POSTed to a route's `CallbackMessageUrl`. */
const parseDeliveryReport = (body) => parse("delivery_report", "DeliveryReport", body);
/** An account event POSTed to a webhook subscription. */
const parseEvent = (body) => parse("event", "WebhookEvent", body);

/** Whether an `Authorization` header carries the route's credentials (`{ username, password }` or `{ token }`). */
function verifyCredentials(authorization, credentials = {}) {
  try {
    return native.verifyWebhook(authorization ?? null, credentials.username ?? null, credentials.password ?? null, credentials.token ?? null);
  } catch (e) {
    throw fromNative(e);
  }
}

module.exports = { parseInboundMessage, parseDeliveryReport, parseEvent, verifyCredentials };
