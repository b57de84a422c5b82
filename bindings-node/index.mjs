// ESM entry of @telegent/sdk: the same objects as the CommonJS entry (one module instance).
import sdk from "./index.js";

export const {
  Client,
  Sandbox,
  toWire,
  setLogger,
  version,
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
  parseInboundMessage,
  parseDeliveryReport,
  parseEvent,
  verifyCredentials,
} = sdk;
export default sdk;
