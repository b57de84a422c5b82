"use strict";
// The SDK's errors as real `Error` subclasses, one per core error kind, built from the binding
// layer's error record (which carries every detail the core has and its one text). Nothing here
// re-words a message, and no record ever holds a secret.

const MARKER = "TELEGENT_ERROR:";

class TelegentError extends Error {
  /**
   * @param {string} message the full text (the core's wording, the same in every language)
   * @param {object} [details]
   */
  constructor(message, details = {}) {
    super(message);
    this.name = new.target.name;
    this.kind = details.kind ?? "internal";
    this.status = details.status ?? null;
    this.operation = details.operation ?? "";
    this.requestId = details.requestId ?? null;
    this.retries = details.retries ?? 0;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.fieldErrors = details.fieldErrors ?? {};
    this.bodyExcerpt = details.bodyExcerpt ?? null;
    this.detail = details.detail ?? message;
  }
}

class AuthenticationError extends TelegentError {}
class PermissionDeniedError extends TelegentError {}
class NotFoundError extends TelegentError {}
class ConflictError extends TelegentError {}
class InvalidRequestError extends TelegentError {}
class RateLimitError extends TelegentError {}
class ServerError extends TelegentError {}
class TimeoutError extends TelegentError {}
class NetworkError extends TelegentError {}
class DecodeError extends TelegentError {}
class InvalidInputError extends TelegentError {}
class InternalError extends TelegentError {}
/** The call was cancelled through its `AbortSignal`. */
class AbortError extends TelegentError {}

const BY_KIND = {
  authentication: AuthenticationError,
  permission_denied: PermissionDeniedError,
  not_found: NotFoundError,
  conflict: ConflictError,
  invalid_request: InvalidRequestError,
  rate_limited: RateLimitError,
  server: ServerError,
  timeout: TimeoutError,
  network: NetworkError,
  decode: DecodeError,
  invalid_input: InvalidInputError,
  internal: InternalError,
  aborted: AbortError,
};

/** The error for one record of the binding layer (`kind`, `status`, `message`, ...). */
function fromRecord(record) {
  const Class = BY_KIND[record.kind] ?? TelegentError;
  const fieldErrors = {};
  for (const [path, messages] of record.fieldErrors ?? []) fieldErrors[path] = messages;
  return new Class(record.display || record.message, {
    kind: record.kind,
    status: record.status,
    operation: record.operation,
    requestId: record.requestId,
    retries: record.retries,
    retryAfterMs: record.retryAfterMs,
    fieldErrors,
    bodyExcerpt: record.bodyExcerpt,
    detail: record.message,
  });
}

/** The SDK's error for what the native addon threw; anything else is rethrown as it is. */
function fromNative(e) {
  const text = e && typeof e.message === "string" ? e.message : "";
  const at = text.indexOf(MARKER);
  if (at < 0) return e;
  let record;
  try {
    record = JSON.parse(text.slice(at + MARKER.length));
  } catch {
    return new InternalError(`an error the SDK could not read: ${text.slice(0, 200)}`);
  }
  return fromRecord(record);
}

/** A caller's mistake found before anything was sent. */
function invalidInput(operation, message, fieldErrors = {}) {
  return new InvalidInputError(`invalid input: ${message} (operation ${operation})`, {
    kind: "invalid_input",
    operation,
    fieldErrors,
    detail: message,
  });
}

module.exports = {
  TelegentError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  InvalidRequestError,
  RateLimitError,
  ServerError,
  TimeoutError,
  NetworkError,
  DecodeError,
  InvalidInputError,
  InternalError,
  AbortError,
  fromNative,
  invalidInput,
};
