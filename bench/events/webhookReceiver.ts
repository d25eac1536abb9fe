/**
 * The receiver of the webhook target: a bare node:https server, run as a child process so its CPU
 * is not the bench's. Every POST is read to its end, counted and answered 204; `GET /count`
 * answers the number of POSTs so far.
 *
 *   node dist/bench/events/webhookReceiver.js <cert.pem> <key.pem>
 *
 * Prints `listening <port>` when ready.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:https";

const [certFile, keyFile] = process.argv.slice(2);
if (!certFile || !keyFile) throw new Error("usage: webhookReceiver <cert> <key>");

let received = 0;
const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (request, response) => {
  if (request.method !== "POST") {
    response.end(String(received));
    return;
  }
  request.on("end", () => {
    received++;
    response.writeHead(204).end();
  });
  request.resume();
});
server.listen(0, () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => process.exit(0));
