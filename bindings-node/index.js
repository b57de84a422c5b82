"use strict";
// @telegent/sdk: the Telegent mPaaS API for Node. See README.md; types in index.d.ts.

const { Client } = require("./lib/client.js");
const { Sandbox } = require("./lib/sandbox.js");
const { toWire } = require("./lib/convert.js");
const errors = require("./lib/errors.js");
const webhooks = require("./lib/webhooks.js");
const { setLogger } = require("./lib/logging.js");
const native = require("./lib/native.js");

module.exports = {
  Client,
  Sandbox,
  toWire,
  setLogger,
  version: native.version,
  TelegentError: errors.TelegentError,
  AuthenticationError: errors.AuthenticationError,
  PermissionDeniedError: errors.PermissionDeniedError,
  NotFoundError: errors.NotFoundError,
  ConflictError: errors.ConflictError,
  InvalidRequestError: errors.InvalidRequestError,
  RateLimitError: errors.RateLimitError,
  ServerError: errors.ServerError,
  TimeoutError: errors.TimeoutError,
  NetworkError: errors.NetworkError,
  DecodeError: errors.DecodeError,
  InvalidInputError: errors.InvalidInputError,
  InternalError: errors.InternalError,
  AbortError: errors.AbortError,
  parseInboundMessage: webhooks.parseInboundMessage,
  parseDeliveryReport: webhooks.parseDeliveryReport,
  parseEvent: webhooks.parseEvent,
  verifyCredentials: webhooks.verifyCredentials,
};
