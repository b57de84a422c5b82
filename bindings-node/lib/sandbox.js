"use strict";
// `Sandbox`: the whole Telegent API in-process on a loopback port, for offline development and
// tests. Its credentials are development values, safe to show. A process that used one exits by
// itself once it is stopped.

const native = require("./native.js");
const { Client } = require("./client.js");
const { fromNative, InvalidInputError, InternalError } = require("./errors.js");

const FAULT_OPTIONS = ["status", "times", "body", "headers", "retryAfterMs", "delayMs", "delayWhen", "reset", "corrupt"];

class Sandbox {
  constructor(handle) {
    Object.defineProperty(this, "_native", { value: handle });
  }

  /** Starts a sandbox: `{ port, seed, tokenTtlMs, dataDir, fixtures }`, all optional. */
  static async start(options = {}) {
    if (typeof native.NativeSandbox !== "function") {
      throw new InternalError("this build of @telegent/sdk has no embedded sandbox", { kind: "internal", operation: "sandbox" });
    }
    try {
      return new Sandbox(await native.NativeSandbox.start(options));
    } catch (e) {
      throw fromNative(e);
    }
  }

  get baseUrl() {
    return this._native.baseUrl;
  }

  get accountKey() {
    return this._native.accountKey;
  }

  get accountSecret() {
    return this._native.accountSecret;
  }

  /** The account the sandbox's credentials act as. */
  get accountId() {
    return this._native.accountId;
  }

  /** A client pointed at this sandbox (other client options may be given). */
  client(options = {}) {
    return new Client({ ...options, accountKey: this.accountKey, accountSecret: this.accountSecret, baseUrl: this.baseUrl });
  }

  /** How many times an operation really ran (an unknown operation id is an `InvalidInputError`). */
  executions(operation) {
    try {
      return this._native.executions(operation);
    } catch (e) {
      throw fromNative(e);
    }
  }

  /**
   * Makes the next `times` requests to `operation` (an id, or `"*"`) fail as told:
   * `{ status, times, body, headers, retryAfterMs, delayMs, delayWhen, reset, corrupt }`.
   */
  fault(operation, options = {}) {
    for (const key of Object.keys(options)) {
      if (!FAULT_OPTIONS.includes(key)) throw new TypeError(`fault has no option ${JSON.stringify(key)} (it has: ${FAULT_OPTIONS.join(", ")})`);
    }
    const fault = { times: options.times ?? 1, delay: options.delayWhen ?? "before" };
    if (operation === "*") fault.path = "*";
    else fault.operation = operation;
    if (options.status !== undefined) fault.status = options.status;
    if (options.body !== undefined) fault.body = options.body;
    const headers = { ...(options.headers ?? {}) };
    if (options.retryAfterMs !== undefined) headers["Retry-After"] = String(options.retryAfterMs / 1000);
    if (Object.keys(headers).length) fault.headers = headers;
    if (options.delayMs !== undefined) {
      if (!Number.isFinite(options.delayMs) || options.delayMs < 0) {
        throw new InvalidInputError(`delayMs must be a non-negative number, not ${options.delayMs}`, { kind: "invalid_input", operation: "sandbox.fault" });
      }
      fault.delay_ms = Math.round(options.delayMs);
    }
    if (options.reset !== undefined) fault.reset = options.reset;
    if (options.corrupt !== undefined) fault.corrupt = options.corrupt;
    try {
      this._native.fault(JSON.stringify(fault));
    } catch (e) {
      throw fromNative(e);
    }
  }

  /** Drops every queued fault, keeping records and counters. */
  clearFaults() {
    this._native.clearFaults();
  }

  /** Back to the starting state: records, counters, faults and token lifetime. */
  reset() {
    this._native.reset();
  }

  /** Stops the sandbox (idempotent). */
  async stop() {
    await this._native.stop();
  }

  toString() {
    return `Sandbox(${this.baseUrl})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")]() {
    return this.toString();
  }
}

module.exports = { Sandbox };
