// Smoke test of the native module alone (no package, no dependencies): `node tests-native/smoke.mjs`
// after `bash scripts/build-native.sh`. TELEGENT_NODE_NATIVE names another .node file to load.
// It must end by itself: a native module that kept the event loop alive would hang it here.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
import assert from "node:assert/strict";

const here = path.dirname(fileURLToPath(import.meta.url));
const modulePath =
  process.env.TELEGENT_NODE_NATIVE ?? path.join(here, "..", "telegent.linux-x64-gnu.node");
const native = createRequire(import.meta.url)(modulePath);
const MARKER = "TELEGENT_ERROR:";

/** The error record a rejection or a throw carries. */
function record(error) {
  assert.ok(error instanceof Error, `not an Error: ${error}`);
  assert.ok(error.message.startsWith(MARKER), `no marker: ${error.message}`);
  return JSON.parse(error.message.slice(MARKER.length));
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return record(error);
  }
  assert.fail("the promise resolved");
}

const started = performance.now();
const logLines = [];
assert.equal(native.setLogger((level, target, message) => logLines.push([level, target, message]), "info"), true);
assert.equal(typeof native.version, "string");

const sandbox = await native.NativeSandbox.start({ seed: 7 });
assert.match(sandbox.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
const client = new native.NativeClient({
  accountKey: sandbox.accountKey,
  accountSecret: sandbox.accountSecret,
  baseUrl: sandbox.baseUrl,
});
assert.equal(client.baseUrl, sandbox.baseUrl);

// One call by id, wire-named JSON in and out.
const first = JSON.parse(await client.call("numbers.list", '{"PageNumber":1}', null, null, null, null, true, null));
assert.ok(Array.isArray(first.PhoneNumbers), JSON.stringify(first).slice(0, 200));
assert.equal(client.tokensMinted(), 1);

// Every page.
const pages = client.pages("numbers.list", null, null, null);
let items = 0;
for (let item = await pages.next(); item !== null; item = await pages.next()) {
  assert.equal(typeof JSON.parse(item), "object");
  items += 1;
}
const fetched = pages.takePages();
assert.ok(fetched.length >= 1 && fetched.every(([page, n, ms]) => page >= 1 && n >= 0 && ms >= 0), JSON.stringify(fetched));
assert.equal(fetched.reduce((sum, [, n]) => sum + n, 0), items);

// Bad input rejects (never throws) with an invalid_input record; bad paging input throws.
const bad = await rejection(client.call("numbers.list", '{"Bogus":1}', null, null, null, null, true, null));
assert.equal(bad.kind, "invalid_input");
assert.equal(bad.operation, "numbers.list");
assert.match(bad.message, /Bogus/);
assert.equal((await rejection(client.call("numbers.list", null, null, null, null, { timeoutMs: -1 }, true, null))).kind, "invalid_input");
assert.equal((await rejection(client.call("numbers.list", null, null, null, null, { maxRetries: 1.5 }, true, null))).kind, "invalid_input");
assert.throws(() => client.pages("numbers.get", null, null, null), (e) => record(e).kind === "invalid_input");
assert.throws(() => new native.NativeClient({ tokenScope: "everywhere" }), (e) => record(e).kind === "invalid_input");
assert.throws(() => client.withOptions({ timeoutMs: NaN }), (e) => record(e).kind === "invalid_input");

// An aborted call rejects at once with kind "aborted", and its request is dropped.
sandbox.fault(JSON.stringify({ operation: "numbers.list", delay_ms: 2000 }));
const abort = new native.NativeAbort();
const abortStarted = performance.now();
const slow = client.call("numbers.list", '{"PageNumber":1}', null, null, null, null, true, abort);
setTimeout(() => abort.abort(), 100);
const aborted = await rejection(slow);
const abortMs = performance.now() - abortStarted;
assert.equal(aborted.kind, "aborted");
assert.equal(aborted.message, "the call was aborted");
assert.equal(aborted.operation, "numbers.list");
assert.ok(abort.aborted);
assert.ok(abortMs < 1000, `the abort took ${abortMs} ms`);
sandbox.clearFaults();

// Many calls at once.
const concurrentStarted = performance.now();
const answers = await Promise.all(
  Array.from({ length: 1000 }, () => client.call("numbers.list", '{"PageNumber":1}', null, null, null, null, true, null)),
);
const concurrentMs = performance.now() - concurrentStarted;
assert.ok(answers.every((text) => JSON.parse(text).PhoneNumbers !== undefined));
assert.ok(sandbox.executions("numbers.list") >= 1001);

// A retried call is logged through setLogger (retries are INFO events of the core).
sandbox.fault(JSON.stringify({ operation: "numbers.list", status: 503, times: 1 }));
await client.call("numbers.list", '{"PageNumber":1}', null, null, null, null, true, null);
await new Promise((resolve) => setTimeout(resolve, 50));
assert.ok(logLines.some(([level, target]) => level === "info" && target.startsWith("telegent")), JSON.stringify(logLines));

await sandbox.stop();
await sandbox.stop(); // idempotent
console.log(
  `smoke: ok — ${items} items on ${fetched.length} pages, abort after ${abortMs.toFixed(0)} ms, ` +
    `1000 concurrent calls in ${concurrentMs.toFixed(0)} ms, ${logLines.length} log lines, ` +
    `${(performance.now() - started).toFixed(0)} ms in all`,
);
