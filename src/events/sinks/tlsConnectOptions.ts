import type { ConnectionOptions } from "node:tls";
import type { EndpointTls } from "../endpoints/endpointDefinition.js";

/**
 * An endpoint's `tls` as Node's `tls.connect` takes it, which is what every client here hands its
 * TLS options to (https.Agent, the MQTT connection, amqplib, nats.js). Undefined without `tls`, so
 * a client keeps its own defaults (nats.js reads any `tls` object as "TLS required").
 */
export function tlsConnectOptions(tls: EndpointTls | undefined): ConnectionOptions | undefined {
  if (tls === undefined) return undefined;
  return {
    ...(tls.ca === undefined ? {} : { ca: tls.ca }),
    ...(tls.cert === undefined ? {} : { cert: tls.cert }),
    ...(tls.key === undefined ? {} : { key: tls.key }),
    ...(tls.servername === undefined ? {} : { servername: tls.servername }),
    ...(tls.insecureSkipVerify === true ? { rejectUnauthorized: false } : {}),
  };
}
