"use strict";
// The SDK's log hook: core events (a retry and why, a re-minted token, at "debug" every attempt
// and every page) handed to a function of yours, from the binding layer's log sink. Secrets are
// already redacted, and no argument, body or phone number is ever in an event.

const native = require("./native.js");

const LEVELS = ["debug", "info", "warn", "error"];

/**
 * Sends the SDK's events at `level` or above to `handler({ level, target, message })`. Returns
 * false when another logger of the process's Rust side was installed first.
 */
function setLogger(handler, level = "info") {
  if (typeof handler !== "function") throw new TypeError("setLogger needs a function");
  if (!LEVELS.includes(level)) throw new TypeError(`level must be one of ${LEVELS.join(", ")}, not ${JSON.stringify(level)}`);
  return native.setLogger((lvl, target, message) => handler({ level: lvl, target, message }), level);
}

module.exports = { setLogger };
