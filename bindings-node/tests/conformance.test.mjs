// Every case of the shared conformance suite through the Node package's public API.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadCases, runAll } from "./conformance_runner.mjs";

test("every conformance case passes through the typed Node API", async () => {
  const cases = loadCases();
  assert.ok(cases.length >= 300, `only ${cases.length} cases found`);
  const { passed, failed, failures } = await runAll(cases);
  console.log(`node conformance: ${passed} passed, ${failed} failed of ${cases.length}`);
  assert.equal(failed, 0, failures.slice(0, 20).join("\n"));
});
