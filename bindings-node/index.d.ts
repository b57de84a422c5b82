// Types of @telegent/sdk. The groups, methods, parameter objects, models and enums are generated
// from the SDK's manifest into lib/generated/api.d.ts; this file declares the hand-written rest.

import type { ClientGroups, InboundMessage, DeliveryReport, WebhookEvent } from "./lib/generated/api";

export * from "./lib/generated/api";

/** Settings of a client. Durations are in milliseconds. */
export interface ClientOptions {
  /** The account key tokens are minted from. */
  accountKey?: string;
  /** The account secret (never logged or shown). */
  accountSecret?: string;
  /** The API's address (default `https://api.telegent.com`); plain `http://` only to loopback unless `allowInsecureHttp`. */
  baseUrl?: string;
  /** Limit of one attempt (default 30 000); each retry gets its own. */
  timeoutMs?: number;
  /** Limit for opening a connection (default 10 000). */
  connectTimeoutMs?: number;
  /** Limit of a whole call, retries and waits included (the deadline). */
  totalTimeoutMs?: number;
  /** Retries of a failed attempt that is safe to repeat (default 2); a call that may have reached the server and is not idempotent (sending an SMS) is never resent. */
  maxRetries?: number;
  /** Most pages an `*All()` walk fetches before it fails instead of stopping silently (default 100 000). */
  maxPages?: number;
  /** `"per_endpoint"` (one short-lived token per endpoint, the default) or `"shared"`. */
  tokenScope?: "per_endpoint" | "shared";
  /** Appended to the SDK's user agent. */
  userAgent?: string;
  /** An `http://` or `https://` proxy URL. */
  proxy?: string;
  /** Allow `http://` off loopback (trusted networks only). */
  allowInsecureHttp?: boolean;
}

/** Settings of one call, overriding the client's. */
export interface CallOptions {
  /** Limit of one attempt, in milliseconds. */
  timeoutMs?: number;
  /** Retries of a failed attempt that is safe to repeat. */
  maxRetries?: number;
  /** Limit of the whole call, retries and waits included, in milliseconds. */
  totalTimeoutMs?: number;
  /** Most pages an `*All()` walk fetches. */
  maxPages?: number;
  /** Cancels the call (its request is dropped; the promise rejects with an `AbortError`). */
  signal?: AbortSignal;
  /** Query keys sent exactly as given, whether the SDK knows them or not. */
  extraQuery?: Record<string, unknown>;
  /** Body keys sent exactly as given (a `null` here sends an explicit JSON null). */
  extraBody?: Record<string, unknown>;
}

/** A Telegent client: one property per area of the API, one Promise-returning method per operation. */
export interface Client extends ClientGroups {}
export declare class Client {
  constructor(options?: ClientOptions);
  /** A client from `TELEGENT_ACCOUNT_KEY`, `TELEGENT_ACCOUNT_SECRET` and `TELEGENT_BASE_URL`. */
  static fromEnv(options?: Omit<ClientOptions, "accountKey" | "accountSecret">): Client;
  /** The API address calls go to. */
  readonly baseUrl: string;
  /** The same client (connections, tokens) with other settings for its calls. */
  withOptions(options: Pick<ClientOptions, "timeoutMs" | "maxRetries" | "totalTimeoutMs" | "maxPages">): Client;
  /** Calls any operation by its id (`"numbers.provision"`) with wire-named JSON; resolves to JSON. */
  call(operationId: string, query?: Record<string, unknown> | null, body?: Record<string, unknown> | null, options?: CallOptions): Promise<unknown>;
}

/** Options of `Sandbox.start`. */
export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Ids are deterministic per seed. */
  seed?: number;
  /** How long its tokens live. */
  tokenTtlMs?: number;
  /** Keep state in this directory across restarts. */
  dataDir?: string;
  /** Start with the records the docs' examples refer to (default true). */
  fixtures?: boolean;
}

/** A fault the sandbox answers with, for testing how code copes. */
export interface FaultOptions {
  status?: number;
  times?: number;
  body?: unknown;
  headers?: Record<string, string>;
  retryAfterMs?: number;
  delayMs?: number;
  delayWhen?: "before" | "after";
  reset?: "before" | "after";
  corrupt?: "truncated" | "not_json" | "empty";
}

/** The whole Telegent API in-process on a loopback port. */
export declare class Sandbox {
  private constructor();
  static start(options?: SandboxOptions): Promise<Sandbox>;
  readonly baseUrl: string;
  readonly accountKey: string;
  readonly accountSecret: string;
  readonly accountId: string;
  client(options?: Omit<ClientOptions, "accountKey" | "accountSecret" | "baseUrl">): Client;
  /** How many times an operation really ran. */
  executions(operation: string): number;
  /** Makes the next requests to `operation` (an id, or `"*"`) fail as told. */
  fault(operation: string, options?: FaultOptions): void;
  clearFaults(): void;
  reset(): void;
  stop(): Promise<void>;
}

/** Every error of the SDK. */
export declare class TelegentError extends Error {
  /** `not_found`, `rate_limited`, `invalid_input`, ... */
  readonly kind: string;
  /** HTTP status, when an answer arrived. */
  readonly status: number | null;
  /** The operation id (`messages.send`). */
  readonly operation: string;
  /** The server's request id. */
  readonly requestId: string | null;
  /** How many times the call was retried. */
  readonly retries: number;
  /** How long the server asked to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | null;
  /** Per-field problems: the caller's parameter path (`to[0]`, `messageEnabled`) -> messages. */
  readonly fieldErrors: Record<string, string[]>;
  /** The start of an unreadable answer. */
  readonly bodyExcerpt: string | null;
  /** The API's message or the SDK's explanation, without the operation and status. */
  readonly detail: string;
}
export declare class AuthenticationError extends TelegentError {}
export declare class PermissionDeniedError extends TelegentError {}
export declare class NotFoundError extends TelegentError {}
export declare class ConflictError extends TelegentError {}
export declare class InvalidRequestError extends TelegentError {}
export declare class RateLimitError extends TelegentError {}
export declare class ServerError extends TelegentError {}
export declare class TimeoutError extends TelegentError {}
export declare class NetworkError extends TelegentError {}
export declare class DecodeError extends TelegentError {}
export declare class InvalidInputError extends TelegentError {}
export declare class InternalError extends TelegentError {}
export declare class AbortError extends TelegentError {}

/** The wire form of any object this SDK returned: wire names, unknown fields and explicit nulls included. */
export declare function toWire(value: unknown): unknown;

/** One event of the SDK's core. */
export interface LogEvent {
  level: "debug" | "info" | "warn" | "error";
  target: string;
  message: string;
}
/** Sends the SDK's events at `level` or above to `handler`. */
export declare function setLogger(handler: (event: LogEvent) => void, level?: LogEvent["level"]): boolean;

export declare function parseInboundMessage(body: Buffer | string): InboundMessage;
export declare function parseDeliveryReport(body: Buffer | string): DeliveryReport;
export declare function parseEvent(body: Buffer | string): WebhookEvent;
export declare function verifyCredentials(authorization: string | null | undefined, credentials: { username?: string; password?: string; token?: string }): boolean;

export declare const version: string;
