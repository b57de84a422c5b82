// The Node runner of the shared conformance suite (tests/conformance/README.md). Every case goes
// through the package's public, typed API: `client.<group>.<method>({...})` with the names the
// manifest gives Node, results read back with `toWire`, errors judged by their class's fields.
// Run directly, it ends with the line `N passed, M failed`.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { Client, Sandbox, TelegentError, toWire } from "../index.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CASES = join(ROOT, "tests", "conformance", "cases");
const MANIFEST = new Map(JSON.parse(readFileSync(join(ROOT, "spec", "operations.json"), "utf8")).operations.map((op) => [op.id, op]));

class Failure extends Error {}

/**
 * A JSON number kept as written (`300.0` stays `300.0`): the requests a wire case expects are
 * compared exactly by the sandbox, and a JavaScript number cannot tell `300.0` from `300`.
 */
class ExactNumber {
  constructor(text) {
    this.text = text;
  }
  toJSON() {
    return Number(this.text);
  }
}

/** JSON.parse, with every number an `ExactNumber`. */
function parseExact(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i += 1;
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === "{") {
      i += 1;
      const out = {};
      ws();
      if (text[i] === "}") return (i += 1), out;
      for (;;) {
        ws();
        const key = string();
        ws();
        i += 1; // ':'
        out[key] = value();
        ws();
        if (text[i] === ",") i += 1;
        else return (i += 1), out;
      }
    }
    if (c === "[") {
      i += 1;
      const out = [];
      ws();
      if (text[i] === "]") return (i += 1), out;
      for (;;) {
        out.push(value());
        ws();
        if (text[i] === ",") i += 1;
        else return (i += 1), out;
      }
    }
    if (c === '"') return string();
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?|^true|^false|^null/.exec(text.slice(i, i + 64));
    if (!m) throw new Error(`bad JSON at ${i}`);
    i += m[0].length;
    if (m[0] === "true") return true;
    if (m[0] === "false") return false;
    if (m[0] === "null") return null;
    return new ExactNumber(m[0]);
  };
  const string = () => {
    const start = i;
    i += 1;
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i += 1;
    return JSON.parse(text.slice(start, i));
  };
  return value();
}

/** Exact numbers as plain numbers (for calls and comparisons). */
function plain(value) {
  if (value instanceof ExactNumber) return Number(value.text);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** JSON text with exact numbers written as they were read. */
function stringifyExact(value) {
  if (value instanceof ExactNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(stringifyExact).join(",")}]`;
  if (value && typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${stringifyExact(v)}`).join(",")}}`;
  return JSON.stringify(value);
}

export function loadCases(root = CASES) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".json")) files.push(path);
    }
  };
  walk(root);
  files.sort();
  const out = [];
  for (const path of files) {
    const value = parseExact(readFileSync(path, "utf8"));
    for (const c of Array.isArray(value) ? value : [value]) out.push([path, { ...plain(c), exchanges: c.exchanges }]);
  }
  return out;
}

class Target {
  constructor(sandbox) {
    this.baseUrl = sandbox.baseUrl;
    this.accountKey = sandbox.accountKey;
    this.accountSecret = sandbox.accountSecret;
  }

  async init() {
    this.accountId = (await this.admin("GET", "info")).account_id;
  }

  async admin(method, path, body) {
    const response = await fetch(`${this.baseUrl}/__sandbox/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: method === "GET" ? undefined : stringifyExact(body ?? {}),
    });
    return response.json();
  }

  client(options = {}) {
    const o = { accountKey: this.accountKey, accountSecret: this.accountSecret, baseUrl: this.baseUrl };
    if ("max_retries" in options) o.maxRetries = options.max_retries;
    if ("timeout_ms" in options) o.timeoutMs = options.timeout_ms;
    if ("token_scope" in options) o.tokenScope = options.token_scope;
    return new Client(o);
  }

  substitute(value, saved) {
    if (typeof value === "string") return this.text(value, saved);
    if (Array.isArray(value)) return value.map((v) => this.substitute(v, saved));
    if (value instanceof ExactNumber) return value;
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.substitute(v, saved)]));
    return value;
  }

  lookup(name, saved) {
    const fixed = { base_url: this.baseUrl, account_key: this.accountKey, account_secret: this.accountSecret, account_id: this.accountId };
    if (name in fixed) return fixed[name];
    const unknown = new Failure(`the reference \${${name}} names nothing saved`);
    const parts = name.split(".");
    if (!(parts[0] in saved)) throw unknown;
    let value = saved[parts[0]];
    for (const part of parts.slice(1)) {
      if (Array.isArray(value) && /^\d+$/.test(part) && Number(part) < value.length) value = value[Number(part)];
      else if (value && typeof value === "object" && !Array.isArray(value) && part in value) value = value[part];
      else throw unknown;
    }
    return value;
  }

  text(text, saved) {
    if (!text.includes("${")) return text;
    if (text.startsWith("${") && text.endsWith("}") && text.split("${").length === 2) return this.lookup(text.slice(2, -1), saved);
    let out = "";
    let rest = text;
    while (rest.includes("${")) {
      const start = rest.indexOf("${");
      const end = rest.indexOf("}", start);
      if (end < 0) break;
      const value = this.lookup(rest.slice(start + 2, end), saved);
      out += rest.slice(0, start) + (typeof value === "string" ? value : JSON.stringify(value));
      rest = rest.slice(end + 1);
    }
    return out + rest;
  }
}

/** Calls `operation` through the typed API, mapping wire names to the manifest's Node names. */
async function call(client, operation, query, body) {
  const entry = MANIFEST.get(operation);
  if (entry === undefined) return client.call(operation, query, body);
  let target = client;
  const path = entry.call.node.split(".").slice(1);
  for (const part of path.slice(0, -1)) target = target[part];
  const method = path[path.length - 1];
  const params = {};
  const options = {};
  const extra = { query: {}, body: {} };
  for (const [location, given] of [["query", query], ["body", body]]) {
    if (given === null || given === undefined) continue;
    if (typeof given !== "object" || Array.isArray(given)) {
      options[location === "query" ? "extraQuery" : "extraBody"] = given;
      continue;
    }
    for (const [wire, value] of Object.entries(given)) {
      const spec = entry.parameters.find((p) => p.in === location && p.wire === wire) ?? entry.parameters.find((p) => p.in === location && p.wire.toLowerCase() === wire.toLowerCase());
      // An explicit null has no named form (null means "not given"): it goes as an extra.
      if (spec === undefined || spec.node in params || value === null) extra[location][wire] = value;
      else params[spec.node] = value;
    }
  }
  if (Object.keys(extra.query).length) options.extraQuery = extra.query;
  if (Object.keys(extra.body).length && options.extraBody === undefined) options.extraBody = extra.body;
  return toWire(await target[method](params, options));
}

function same(expected, actual) {
  if (Array.isArray(expected) && Array.isArray(actual)) return expected.length === actual.length && expected.every((v, i) => same(v, actual[i]));
  if (expected && actual && typeof expected === "object" && typeof actual === "object" && !Array.isArray(expected) && !Array.isArray(actual)) {
    const a = Object.keys(expected).sort();
    const b = Object.keys(actual).sort();
    return a.length === b.length && a.every((k, i) => k === b[i] && same(expected[k], actual[k]));
  }
  return expected === actual;
}

function contains(part, whole, at) {
  if (part && whole && typeof part === "object" && typeof whole === "object" && !Array.isArray(part) && !Array.isArray(whole)) {
    for (const [k, v] of Object.entries(part)) {
      if (!(k in whole)) throw new Failure(`${at}.${k} is missing`);
      contains(v, whole[k], `${at}.${k}`);
    }
  } else if (Array.isArray(part) && Array.isArray(whole) && part.length === whole.length) {
    part.forEach((v, i) => contains(v, whole[i], `${at}[${i}]`));
  } else if (!same(part, whole)) {
    throw new Failure(`${at} is ${JSON.stringify(whole)}, expected ${JSON.stringify(part)}`);
  }
}

function nodeNames(operation, wires) {
  const params = MANIFEST.get(operation)?.parameters ?? [];
  return wires.map((wire) => params.find((p) => p.wire === wire)?.node ?? wire);
}

function judge(outcome, result, error, operation) {
  const expected = outcome.error;
  if (error === null && expected === undefined) {
    if ("result" in outcome && !same(outcome.result, result)) throw new Failure(`result differs:\n  expected ${JSON.stringify(outcome.result)}\n  got      ${JSON.stringify(result)}`);
    if ("result_contains" in outcome) contains(outcome.result_contains, result, "result");
    return;
  }
  if (error === null) throw new Failure(`expected a ${expected.kind} error, got the result ${JSON.stringify(result)}`);
  if (expected === undefined) throw new Failure(`expected a result, got the error ${error.message}`);
  const wrong = [];
  if (error.kind !== expected.kind) wrong.push(`kind ${error.kind} (expected ${expected.kind})`);
  if ("status" in expected && error.status !== expected.status) wrong.push(`status ${error.status} (expected ${expected.status})`);
  if ("message" in expected && error.detail !== expected.message) wrong.push(`message ${JSON.stringify(error.detail)} (expected ${JSON.stringify(expected.message)})`);
  if ("message_contains" in expected && !error.detail.includes(expected.message_contains)) wrong.push(`message ${JSON.stringify(error.detail)} (expected it to contain ${JSON.stringify(expected.message_contains)})`);
  if ("fields" in expected) {
    const named = Object.keys(error.fieldErrors).sort();
    const want = nodeNames(operation, expected.fields).sort();
    if (JSON.stringify(named) !== JSON.stringify(want)) wrong.push(`fields ${JSON.stringify(named)} (expected ${JSON.stringify(want)})`);
  }
  if ("request_id" in expected && error.requestId !== expected.request_id) wrong.push(`request id ${error.requestId} (expected ${expected.request_id})`);
  if ("retries" in expected && error.retries !== expected.retries) wrong.push(`${error.retries} retries (expected ${expected.retries})`);
  if ("retry_after_ms" in expected && error.retryAfterMs !== expected.retry_after_ms) wrong.push(`retry-after ${error.retryAfterMs} (expected ${expected.retry_after_ms} ms)`);
  if (wrong.length) throw new Failure(`wrong error (${error.message}): ${wrong.join(", ")}`);
}

async function attempt(client, operation, query, body) {
  try {
    return [await call(client, operation, query, body), null];
  } catch (e) {
    if (e instanceof TelegentError) return [null, e];
    throw e;
  }
}

async function runWire(target, c) {
  await target.admin("POST", "script", target.substitute(c.exchanges, {}));
  const client = target.client(c.client ?? {});
  const input = c.input ?? {};
  const query = "params" in input ? target.substitute(input.params, {}) : null;
  const body = "body" in input ? target.substitute(input.body, {}) : null;
  const started = performance.now();
  const [result, error] = await attempt(client, c.operation, query, body);
  const elapsed = performance.now() - started;
  const report = await target.admin("GET", "script");
  if (report.mismatches.length) throw new Failure(`the requests differ from the case: ${report.mismatches.join("; ")}`);
  if (report.remaining !== 0) throw new Failure(`${report.remaining} expected request(s) were never made (served ${report.served})`);
  const atLeast = c.outcome.elapsed_at_least_ms;
  if (atLeast !== undefined && elapsed < atLeast) throw new Failure(`the call took ${elapsed.toFixed(0)} ms, expected at least ${atLeast} ms`);
  judge(c.outcome, result, error, c.operation);
}

async function runFlow(target, c) {
  const saved = {};
  let client = target.client({});
  for (const [i, step] of c.steps.entries()) {
    try {
      if ("client" in step) client = target.client(step.client);
      if ("fault" in step) await target.admin("POST", "faults", target.substitute(step.fault, saved));
      if ("token_ttl_s" in step) await target.admin("POST", "token-ttl", { seconds: step.token_ttl_s });
      if ("wait_ms" in step) await sleep(step.wait_ms);
      if ("tokens_minted" in step) {
        const minted = (await target.admin("GET", "counters")).tokens_minted;
        if (minted !== step.tokens_minted) throw new Failure(`${minted} token(s) minted, expected ${step.tokens_minted}`);
      }
      if ("executions" in step) {
        const counters = (await target.admin("GET", "counters")).operations;
        for (const [op, n] of Object.entries(step.executions)) {
          if ((counters[op] ?? 0) !== n) throw new Failure(`${op} ran ${counters[op] ?? 0} time(s), expected ${n}`);
        }
      }
      if (!("call" in step)) continue;
      const op = step.call;
      const query = "params" in step ? target.substitute(step.params, saved) : null;
      const body = "body" in step ? target.substitute(step.body, saved) : null;
      const [result, error] = await attempt(client, op, query, body);
      if ("save" in step && error === null) saved[step.save] = result;
      if ("expect" in step) {
        try {
          judge(target.substitute(step.expect, saved), result, error, op);
        } catch (f) {
          throw new Failure(`${op}: ${f.message}`);
        }
      } else if (error !== null) {
        throw new Failure(`${op} failed: ${error.message}`);
      }
    } catch (f) {
      throw new Failure(`step ${i + 1}: ${f.message}`);
    }
  }
}

/** Runs every case against one embedded sandbox; never stops at a failure. */
export async function runAll(cases) {
  const failures = [];
  const sandbox = await Sandbox.start();
  try {
    const target = new Target(sandbox);
    await target.init();
    for (const [path, c] of cases) {
      try {
        await target.admin("POST", "reset");
        if (c.kind === "wire") await runWire(target, c);
        else await runFlow(target, c);
      } catch (e) {
        failures.push(`FAIL ${c.name} (${path}): ${e && e.message}`);
      }
    }
  } finally {
    await sandbox.stop();
  }
  return { passed: cases.length - failures.length, failed: failures.length, failures };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cases = loadCases(process.argv[2] ? resolve(process.argv[2]) : CASES);
  const { passed, failed, failures } = await runAll(cases);
  for (const line of failures) console.error(line);
  const wire = cases.filter(([, c]) => c.kind === "wire").length;
  console.error(`node: ${wire} wire cases, ${cases.length - wire} flow cases`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}
