import { connect } from "node:net";

/** Loopback services the suites may need, with the ports the machines run them on. */
export const loopbackServices = {
  mosquitto: { host: "127.0.0.1", port: 1883, url: "mqtt://127.0.0.1:1883" },
  nats: { host: "127.0.0.1", port: 4222, url: "nats://127.0.0.1:4222" },
  rabbitmq: { host: "127.0.0.1", port: 5672, url: "amqp://guest:guest@127.0.0.1:5672" },
  postgres: { host: "127.0.0.1", port: 5432, url: "postgres://postgres@127.0.0.1:5432/test" },
} as const;

export type ServiceName = keyof typeof loopbackServices;

/** Whether something accepts TCP connections on the port (within `timeoutMs`). */
export function isReachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * Answers whether a suite can run against the service. When it cannot: with
 * `DOPPEL_REQUIRE_SERVICES=1` (CI) this throws, so the suite fails; otherwise it prints a loud
 * message and answers false, and the suite skips (`describe.runIf(...)`).
 */
export async function requireService(name: ServiceName, suite: string): Promise<boolean> {
  const { host, port } = loopbackServices[name];
  if (await isReachable(host, port)) return true;
  return skipOrFail(`${suite}: ${name} is not reachable on ${host}:${port}`, "Start it");
}

/**
 * What a suite does when something it needs is missing: throws under `DOPPEL_REQUIRE_SERVICES=1`
 * (CI), so the suite fails; otherwise prints `message` loudly and answers false, and the suite skips.
 */
export function skipOrFail(message: string, remedy: string): false {
  if (process.env.DOPPEL_REQUIRE_SERVICES === "1") {
    throw new Error(`${message}, and DOPPEL_REQUIRE_SERVICES=1 requires it.`);
  }
  console.warn(
    `\n${"!".repeat(72)}\n!! SKIPPED ${message}.\n!! ${remedy}, or set DOPPEL_REQUIRE_SERVICES=1 to fail instead.\n${"!".repeat(72)}\n`,
  );
  return false;
}
