// Node side-by-side benchmarks: @telegent/sdk against undici's `request` and global `fetch` on the
// same sandbox endpoint with the same token (sequential latency; throughput at concurrency 64),
// and its require time and installed size against twilio's.
//
// Run (after scripts/test built the addon): cd bench/node && npm install && node bench.mjs
// Sides run in this one process, interleaved round by round; medians are compared.

import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { request, Agent } from "undici";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const sdkDir = join(here, "..", "..", "bindings-node");
const { Sandbox } = require(sdkDir);

const ROUNDS = 7;
const SEQUENTIAL = 300;
const CALLS = 2048;
const CONCURRENCY = 64;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function sequentialUs(call) {
  const start = performance.now();
  for (let i = 0; i < SEQUENTIAL; i++) await call();
  return ((performance.now() - start) / SEQUENTIAL) * 1000;
}

async function throughput(call) {
  let next = 0;
  const worker = async () => {
    while (next < CALLS) {
      next += 1;
      await call();
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return CALLS / ((performance.now() - start) / 1000);
}

async function interleaved(sides, measure) {
  for (const side of sides) await measure(side);
  const results = sides.map(() => []);
  for (let r = 0; r < ROUNDS; r++) for (const [i, side] of sides.entries()) results[i].push(await measure(side));
  return results.map(median);
}

function loadMs(specifier, cwd) {
  const runs = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    execFileSync(process.execPath, ["-e", `require(${JSON.stringify(specifier)})`], { cwd });
    runs.push(performance.now() - start);
  }
  return median(runs);
}

function duKb(path) {
  return Number(execFileSync("du", ["-sk", path]).toString().split("\t")[0]);
}

const sandbox = await Sandbox.start();
try {
  const client = sandbox.client();
  const base = sandbox.baseUrl;
  const path = "/v1.0/message/details";
  const token = (await (await fetch(`${base}/v1.0/OAuth2/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ AccountKey: sandbox.accountKey, AccountSecret: sandbox.accountSecret, ApiEndpoint: base + path }) })).json()).token;
  const route = await client.messageRoutes.create({ routeName: "b", messageUrl: "https://example.com", messageUrlMethod: "POST" });
  const order = await client.numbers.provision({ numberType: "mvno", messageType: "p2p", messageEnabled: true, voiceEnabled: false, productType: "Sms+Data", messageRouteId: route.messageRouteId });
  const sent = await client.messages.send({ from: order.phoneNumberAssigned, to: ["+18015550100"], body: "bench" });
  const url = `${base}${path}?MessageId=${encodeURIComponent(sent.messageId)}`;
  const headers = { authorization: `Bearer ${token}` };
  const dispatcher = new Agent({ connections: CONCURRENCY });

  const tele = () => client.messages.get({ messageId: sent.messageId });
  const und = async () => (await request(url, { headers, dispatcher })).body.json();
  const fet = async () => (await fetch(url, { headers })).json();

  const [tSeq, uSeq, fSeq] = await interleaved([tele, und, fet], sequentialUs);
  const [tThr, uThr, fThr] = await interleaved([tele, und, fet], throughput);

  const tLoad = loadMs(sdkDir, here);
  const wLoad = loadMs("twilio", here);
  const tSize = duKb(join(here, "..", "..", "target", "node-package", "app", "node_modules", "@telegent", "sdk"));
  const twilioDir = join(here, "..", "..", "target", "bench-twilio-size");
  execFileSync("sh", ["-c", `rm -rf ${twilioDir} && mkdir -p ${twilioDir} && cd ${twilioDir} && echo '{"private":true}' > package.json && npm install --silent --no-audit --no-fund twilio@6.3.1`]);
  const wSize = duKb(join(twilioDir, "node_modules"));

  console.log("| measurement | @telegent/sdk | peer | ratio | target |");
  console.log("|---|---|---|---|---|");
  console.log(`| sequential \`client.messages.get\` vs undici \`request\` (µs/call) | ${tSeq.toFixed(0)} | ${uSeq.toFixed(0)} | ${(tSeq / uSeq).toFixed(2)}× | — |`);
  console.log(`| sequential \`client.messages.get\` vs \`fetch\` (µs/call) | ${tSeq.toFixed(0)} | ${fSeq.toFixed(0)} | ${(tSeq / fSeq).toFixed(2)}× | — |`);
  console.log(`| throughput at concurrency ${CONCURRENCY} vs undici \`request\` (calls/s) | ${tThr.toFixed(0)} | ${uThr.toFixed(0)} | ${(tThr / uThr).toFixed(2)}× | ≥ 1.5× |`);
  console.log(`| throughput at concurrency ${CONCURRENCY} vs \`fetch\` (calls/s) | ${tThr.toFixed(0)} | ${fThr.toFixed(0)} | ${(tThr / fThr).toFixed(2)}× | — |`);
  console.log(`| \`require\` time, whole process (ms) vs \`require("twilio")\` | ${tLoad.toFixed(0)} | ${wLoad.toFixed(0)} | ${(tLoad / wLoad).toFixed(2)}× | ≤ 0.5× |`);
  console.log(`| installed size (KiB, with dependencies) vs twilio | ${tSize} | ${wSize} | ${(tSize / wSize).toFixed(2)}× | ≤ 0.5× |`);
  console.log(`\n${ROUNDS} interleaved rounds after a warm-up round per side; ${SEQUENTIAL} sequential calls or ${CALLS} calls at concurrency ${CONCURRENCY} per round, one warm client per side; medians.`);
} finally {
  await sandbox.stop();
}
