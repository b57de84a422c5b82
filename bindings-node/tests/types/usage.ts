// Type tests: compiled by `tsc --strict --noEmit` (tests/types/tsconfig.json). Correct calls must
// type-check; each line after `@ts-expect-error` is a wrong call that must NOT type-check (tsc
// fails on an unused `@ts-expect-error`).
import { Client, NotFoundError, RateLimitError, Sandbox, TelegentError, toWire } from "../../index";
import type { Message, NumberType, NumbersProvisionParams } from "../../index";

async function correct(): Promise<void> {
  const sandbox = await Sandbox.start();
  const client: Client = sandbox.client({ timeoutMs: 5000 });
  const sent: Message = await client.messages.send({ from: "+18018018011", to: ["+18015737111", { number: "+18015737112" }], body: "Hello" });
  const status: string | undefined = sent.status;
  const params: NumbersProvisionParams = { numberType: "mvno", messageType: "p2p", messageEnabled: true, voiceEnabled: false, productType: "Sms+Data" };
  const kind: NumberType = "iot";
  await client.numbers.provision(params, { signal: AbortSignal.timeout(1000), maxRetries: 0 });
  for await (const number of client.numbers.listAll()) {
    const e164: string | undefined = number.number;
    void e164;
  }
  void client.numbers.portIns.checkEligibility;
  const wire = toWire(sent);
  const raw = await client.call("messages.get", { MessageId: "x" });
  try {
    await client.messages.get({ messageId: "TMID-x" });
  } catch (e) {
    if (e instanceof NotFoundError) console.log(e.status, e.requestId, e.operation);
    if (e instanceof RateLimitError) console.log(e.retryAfterMs);
    if (e instanceof TelegentError) console.log(e.kind, e.fieldErrors);
  }
  void status, kind, wire, raw;
  await sandbox.stop();
}

async function wrong(client: Client): Promise<void> {
  // @ts-expect-error a required parameter (body) is missing
  await client.messages.send({ from: "+1", to: ["+1"] });
  // @ts-expect-error an unknown parameter
  await client.messages.send({ from: "+1", to: ["+1"], body: "x", bodyy: "x" });
  // @ts-expect-error a value not among the enum's
  await client.numbers.provision({ numberType: "landline", messageType: "p2p", messageEnabled: true, voiceEnabled: false, productType: "Sms+Data" });
  // @ts-expect-error a boolean given as text
  await client.numbers.update({ number: "+1", messageEnabled: "yes" });
  // @ts-expect-error an operation that does not exist
  await client.messages.sned({});
  // @ts-expect-error an unknown client option
  new Client({ accountKey: "k", accountSecret: "s", timeout: 3 });
  // @ts-expect-error a field the answer does not have
  (await client.messages.get({ messageId: "x" })).messageBody.length;
}

void correct, wrong;
