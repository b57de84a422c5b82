"use strict";
// `Client`: every Telegent operation as a Promise-returning method with one object of named
// parameters. Calls run on the SDK's own I/O thread (the event loop never waits), an
// `AbortSignal` cancels one, and failures are `TelegentError` subclasses. Secrets are never
// logged, printed or put in an error.

const native = require("./native.js");
const resources = require("./generated/resources.js");
const { paramsToWire, fromWire, isPlainObject, schema } = require("./convert.js");
const { fromNative, invalidInput, AbortError } = require("./errors.js");

const CLIENT_OPTIONS = ["accountKey", "accountSecret", "baseUrl", "timeoutMs", "connectTimeoutMs", "totalTimeoutMs", "maxRetries", "maxPages", "tokenScope", "userAgent", "proxy", "allowInsecureHttp"];
const CALL_OPTIONS = ["timeoutMs", "maxRetries", "totalTimeoutMs", "maxPages", "signal"];

function checkKeys(what, given, allowed) {
  if (given === undefined || given === null) return {};
  if (!isPlainObject(given)) throw new TypeError(`${what} must be an object, not ${typeof given}`);
  for (const key of Object.keys(given)) {
    if (!allowed.includes(key)) throw new TypeError(`${what} has no option ${JSON.stringify(key)} (it has: ${allowed.join(", ")})`);
  }
  return given;
}

function nativeCallOptions(options) {
  const out = {};
  for (const key of ["timeoutMs", "maxRetries", "totalTimeoutMs", "maxPages"]) {
    if (options[key] !== undefined && options[key] !== null) out[key] = options[key];
  }
  return Object.keys(out).length ? out : null;
}

function json(value) {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function wrapNative(fn) {
  try {
    return fn();
  } catch (e) {
    throw fromNative(e);
  }
}

class Client {
  /**
   * @param {import("../index").ClientOptions} [options]
   */
  constructor(options = {}) {
    checkKeys("Client options", options, CLIENT_OPTIONS);
    const { maxPages, ...rest } = options;
    let nativeClient = wrapNative(() => new native.NativeClient(rest));
    if (maxPages !== undefined) nativeClient = wrapNative(() => nativeClient.withOptions({ maxPages }));
    this._init(nativeClient);
  }

  _init(nativeClient) {
    Object.defineProperty(this, "_native", { value: nativeClient });
    resources.attach(this);
  }

  /** A client from `TELEGENT_ACCOUNT_KEY`, `TELEGENT_ACCOUNT_SECRET` and `TELEGENT_BASE_URL`. */
  static fromEnv(options = {}) {
    checkKeys("Client.fromEnv options", options, CLIENT_OPTIONS.filter((k) => k !== "accountKey" && k !== "accountSecret"));
    const env = process.env;
    const key = env.TELEGENT_ACCOUNT_KEY;
    const secret = env.TELEGENT_ACCOUNT_SECRET;
    if (!key || !secret) {
      throw invalidInput("client", "no account key or secret: pass accountKey and accountSecret, or set TELEGENT_ACCOUNT_KEY and TELEGENT_ACCOUNT_SECRET");
    }
    const baseUrl = options.baseUrl ?? (env.TELEGENT_BASE_URL || undefined);
    return new Client({ ...options, accountKey: key, accountSecret: secret, ...(baseUrl ? { baseUrl } : {}) });
  }

  /** The API address calls go to. */
  get baseUrl() {
    return this._native.baseUrl;
  }

  /** The same client (connections, tokens) with other settings for its calls. */
  withOptions(options) {
    checkKeys("withOptions options", options, ["timeoutMs", "maxRetries", "totalTimeoutMs", "maxPages"]);
    const client = Object.create(Client.prototype);
    client._init(wrapNative(() => this._native.withOptions(nativeCallOptions(options) ?? {})));
    return client;
  }

  /**
   * Calls any operation by its id (`"numbers.provision"`) with wire-named JSON; resolves to JSON.
   * Every key must be one the operation has, in its place.
   */
  call(operationId, query = null, body = null, options = {}) {
    return this._send(String(operationId), query, body, null, null, options, true).then((raw) => JSON.parse(raw));
  }

  /** Where every generated method ends: node-named parameters in, a typed answer out. */
  _request(operation, params, options = {}) {
    const entry = schema.operations[operation];
    let parts;
    try {
      options = checkKeys(`${operation} options`, options, [...CALL_OPTIONS, "extraQuery", "extraBody"]);
      parts = paramsToWire(operation, entry, params);
    } catch (e) {
      return Promise.reject(e);
    }
    return this._send(operation, parts.query, parts.body, options.extraQuery, options.extraBody, options, false).then((raw) => fromWire(entry.result, JSON.parse(raw)));
  }

  _send(operation, query, body, extraQuery, extraBody, options, wireNames) {
    let texts;
    try {
      checkKeys(`${operation} options`, options, [...CALL_OPTIONS, "extraQuery", "extraBody"]);
      for (const [name, part] of [["extraQuery", extraQuery], ["extraBody", extraBody]]) {
        if (part !== undefined && part !== null && !isPlainObject(part)) throw invalidInput(operation, `${name} must be a JSON object (a plain object), not ${typeof part}`);
      }
      texts = [json(query), json(body), json(extraQuery), json(extraBody)];
    } catch (e) {
      return Promise.reject(e);
    }
    const signal = options.signal;
    if (signal && signal.aborted) return Promise.reject(aborted(operation));
    const abort = signal ? new native.NativeAbort() : null;
    const onAbort = () => abort.abort();
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
    let pending;
    try {
      pending = this._native.call(operation, ...texts, nativeCallOptions(options), wireNames, abort);
    } catch (e) {
      if (signal) signal.removeEventListener("abort", onAbort);
      return Promise.reject(fromNative(e));
    }
    return pending.then(
      (raw) => {
        if (signal) signal.removeEventListener("abort", onAbort);
        return raw;
      },
      (e) => {
        if (signal) signal.removeEventListener("abort", onAbort);
        throw fromNative(e);
      },
    );
  }

  /** Every item of a paging operation, as an async iterable fetching pages lazily. */
  _pages(operation, params, options = {}) {
    const client = this;
    const entry = schema.operations[operation];
    return {
      [Symbol.asyncIterator]() {
        return walk(client, operation, entry, params, options);
      },
    };
  }

  toString() {
    return `Client(${this.baseUrl})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")]() {
    return this.toString();
  }
}

function aborted(operation) {
  return new AbortError(`the call was aborted (operation ${operation})`, { kind: "aborted", operation });
}

async function* walk(client, operation, entry, params, options) {
  options = checkKeys(`${operation} options`, options, [...CALL_OPTIONS, "extraQuery", "extraBody"]);
  const { query, body } = paramsToWire(operation, entry, params);
  const fields = entry.pages.in === "body" ? body : query;
  const extra = entry.pages.in === "body" ? options.extraBody : options.extraQuery;
  const pages = wrapNative(() => client._native.pages(operation, json(fields), json(extra), nativeCallOptions(options)));
  const signal = options.signal;
  for (;;) {
    if (signal && signal.aborted) throw aborted(operation);
    let raw;
    try {
      raw = await pages.next();
    } catch (e) {
      throw fromNative(e);
    }
    if (raw === null) return;
    yield fromWire(entry.pages.item, JSON.parse(raw));
  }
}

module.exports = { Client };
