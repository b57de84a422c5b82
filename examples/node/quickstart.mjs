// The quick-start journey in Node: create a message route, provision a number on it, send an SMS
// and read it back — against an embedded sandbox (no account needed). With TELEGENT_ACCOUNT_KEY
// and TELEGENT_ACCOUNT_SECRET set and `--live`, the same code runs against the real API.
// @ts-check
import { Client, Sandbox, TelegentError } from "@telegent/sdk";

const live = process.argv.includes("--live");
const sandbox = live ? null : await Sandbox.start();
const client = sandbox ? sandbox.client() : Client.fromEnv();

try {
  const route = await client.messageRoutes.create({ routeName: "Main", messageUrl: "https://example.com/in", messageUrlMethod: "POST" });
  console.log(`route ${route.messageRouteId}`);
  const order = await client.numbers.provision({
    numberType: "mvno",
    messageType: "p2p",
    messageEnabled: true,
    voiceEnabled: false,
    productType: "Sms+Data",
    messageRouteId: route.messageRouteId,
  });
  const number = order.phoneNumberAssigned;
  if (!number) throw new Error("no number was assigned");
  console.log(`number ${number}`);
  const sent = await client.messages.send({ from: number, to: ["+18015550100"], body: "Hello from Node" });
  const message = await client.messages.get({ messageId: sent.messageId ?? "" });
  let numbers = 0;
  for await (const _ of client.numbers.listAll()) numbers += 1;
  console.log(`message ${sent.messageId} is ${message.status}; the account has ${numbers} numbers`);
} catch (e) {
  if (e instanceof TelegentError) console.error(`${e.name}: ${e.message}`);
  throw e;
} finally {
  await sandbox?.stop();
}
