// How the Node package behaves for its users: Promises off the event loop, cancellation, errors
// as real Error subclasses with fields, lazy async paging, refusing bad input before sending.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  AbortError,
  Client,
  InvalidInputError,
  NotFoundError,
  RateLimitError,
  Sandbox,
  TelegentError,
  toWire,
  parseInboundMessage,
  verifyCredentials,
} from "../index.mjs";

let sandbox;
let client;

before(async () => {
  sandbox = await Sandbox.start();
  client = sandbox.client();
});

after(async () => {
  await sandbox.stop();
});

test("a call resolves to a plain object with the manifest's node names", async () => {
  const route = await client.messageRoutes.create({ routeName: "Main", messageUrl: "https://example.com/in", messageUrlMethod: "POST" });
  assert.match(route.messageRouteId, /^MRID-/);
  assert.equal(Object.getPrototypeOf(route), Object.prototype);
});

test("toWire gives an answer back in wire names", async () => {
  const route = await client.messageRoutes.create({ routeName: "Wire", messageUrl: "https://example.com/in", messageUrlMethod: "POST" });
  const wire = toWire(route);
  assert.equal(wire.MessageRouteId, route.messageRouteId);
  assert.equal(wire.messageRouteId, undefined);
});

test("fields the SDK does not know are kept under their wire names", async () => {
  const message = parseInboundMessage(JSON.stringify({ Message_ID: "TMID-1", Owner: "+1", To: ["+2"], From: "+3", Message_Body: "hi", Segment: 1, Novel: "kept" }));
  assert.equal(message.Novel, "kept");
  assert.equal(toWire(message).Novel, "kept");
});

test("the event loop keeps turning while calls are slow", async () => {
  sandbox.fault("numbers.list", { delayMs: 300, times: 3 });
  let ticks = 0;
  const timer = setInterval(() => (ticks += 1), 10);
  await Promise.all([client.numbers.list(), client.numbers.list(), client.numbers.list()]);
  clearInterval(timer);
  assert.ok(ticks >= 15, `the timer fired only ${ticks} times in 300 ms`);
});

test("a thousand concurrent calls all resolve", async () => {
  const answers = await Promise.all(Array.from({ length: 1000 }, () => client.numbers.list({ pageNumber: 1 })));
  assert.equal(answers.length, 1000);
  assert.ok(answers.every((a) => Array.isArray(a.numbers ?? a.Numbers ?? Object.values(a).find(Array.isArray))));
});

test("an AbortSignal cancels an in-flight send, which never runs twice", async () => {
  const number = await provisioned();
  sandbox.fault("messages.send", { delayMs: 1500, delayWhen: "before" });
  const before = sandbox.executions("messages.send");
  const controller = new AbortController();
  const started = performance.now();
  const pending = client.messages.send({ from: number, to: ["+18015550100"], body: "x" }, { signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(pending, (e) => e instanceof AbortError && e instanceof TelegentError && e.operation === "messages.send");
  assert.ok(performance.now() - started < 1000, "the abort did not end the call at once");
  await new Promise((r) => setTimeout(r, 1700));
  assert.ok(sandbox.executions("messages.send") - before <= 1);
  sandbox.clearFaults();
});

test("an already aborted signal rejects before anything is sent", async () => {
  const before = sandbox.executions("numbers.list");
  await assert.rejects(client.numbers.list({}, { signal: AbortSignal.abort() }), AbortError);
  assert.equal(sandbox.executions("numbers.list"), before);
});

test("errors are Error subclasses with their fields set", async () => {
  sandbox.fault("messages.get", { status: 404 });
  const error = await client.messages.get({ messageId: "TMID-none" }).catch((e) => e);
  assert.ok(error instanceof NotFoundError && error instanceof TelegentError && error instanceof Error);
  assert.equal(error.name, "NotFoundError");
  assert.equal(error.kind, "not_found");
  assert.equal(error.status, 404);
  assert.equal(error.operation, "messages.get");
  assert.ok(error.requestId);
  assert.match(error.stack, /NotFoundError/);
});

test("a rate limit carries retryAfterMs", async () => {
  sandbox.fault("numbers.list", { status: 429, retryAfterMs: 3_600_000 });
  const error = await client.numbers.list().catch((e) => e);
  assert.ok(error instanceof RateLimitError);
  assert.equal(error.retryAfterMs, 3_600_000);
  sandbox.clearFaults();
});

test("paging walks every item lazily with for await", async () => {
  const seen = [];
  for await (const number of client.numbers.listAll()) seen.push(number.number);
  assert.ok(seen.length > 10, `only ${seen.length} numbers`);
  assert.equal(new Set(seen).size, seen.length);
});

test("a wrong type names the camelCase parameter before anything is sent", async () => {
  const before = sandbox.executions("numbers.provision");
  const error = await client.numbers
    .provision({ numberType: "mvno", messageType: "p2p", messageEnabled: 2, voiceEnabled: false, productType: "Sms+Data" })
    .catch((e) => e);
  assert.ok(error instanceof InvalidInputError);
  assert.equal(error.detail, "messageEnabled must be boolean, found number");
  assert.deepEqual(error.fieldErrors, { messageEnabled: ["must be boolean, found number"] });
  assert.equal(sandbox.executions("numbers.provision"), before);
});

test("a missing required parameter is named", async () => {
  const error = await client.messages.send({ from: "+18018018011", to: ["+18015737111"] }).catch((e) => e);
  assert.ok(error instanceof InvalidInputError);
  assert.equal(error.detail, "body is required");
});

test("a wrong list item is named by its index", async () => {
  const error = await client.messages.send({ from: "+18018018011", to: ["+18015737111", 5], body: "x" }).catch((e) => e);
  assert.equal(error.detail, "to[1] must be a Recipient object or a string, found number");
});

test("an unknown parameter is refused, not dropped", async () => {
  const error = await client.messages.send({ from: "+1", to: ["+1"], body: "x", bodyy: "x" }).catch((e) => e);
  assert.ok(error instanceof InvalidInputError);
  assert.match(error.detail, /^bodyy is not a parameter of messages.send/);
});

test("an unknown client option is a TypeError naming it", () => {
  assert.throws(() => new Client({ accountKey: "k", accountSecret: "s", timeout: 3 }), (e) => e instanceof TypeError && /"timeout"/.test(e.message));
});

test("option errors use the JavaScript spelling", () => {
  assert.throws(() => new Client({ accountKey: "k", accountSecret: "s", baseUrl: "http://api.example.com" }), (e) => e instanceof InvalidInputError && e.message.includes("{ allowInsecureHttp: true }"));
});

test("an unusable timeout is an invalid input error, never a crash", () => {
  for (const timeoutMs of [-1, Number.NaN, Infinity, 1e300]) {
    assert.throws(() => new Client({ accountKey: "k", accountSecret: "s", baseUrl: "http://127.0.0.1:9", timeoutMs }), InvalidInputError);
  }
});

test("webhook credentials are checked", () => {
  assert.equal(verifyCredentials("Basic YWRtaW46cHc=", { username: "admin", password: "pw" }), true);
  assert.equal(verifyCredentials("Basic YWRtaW46cHc=", { username: "admin", password: "no" }), false);
});

test("a process that used a sandbox exits by itself", () => {
  const script = `import { Sandbox } from ${JSON.stringify(new URL("../index.mjs", import.meta.url).href)};
const s = await Sandbox.start(); const c = s.client(); await c.numbers.list(); await s.stop();`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { timeout: 20_000, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
});

async function provisioned() {
  const route = await client.messageRoutes.create({ routeName: "Send", messageUrl: "https://example.com/in", messageUrlMethod: "POST" });
  const order = await client.numbers.provision({ numberType: "mvno", messageType: "p2p", messageEnabled: true, voiceEnabled: false, productType: "Sms+Data", messageRouteId: route.messageRouteId });
  return order.phoneNumberAssigned;
}
