import type { PublishOwner } from "../../../src/events/sinks/mqtt/mqttConnection.js";

/** Records how each message an `MqttConnection` published settled: "ok" or the error's message. */
export class PublishCollector implements PublishOwner {
  readonly results: string[] = [];
  settled = 0;
  private waiters: (() => void)[] = [];

  settle(index: number, error: Error | undefined): void {
    this.results[index] = error ? error.message : "ok";
    this.settled++;
    for (const wake of this.waiters) wake();
  }

  /** Resolves once `count` messages settled; rejects after `timeoutMs` with how many did. */
  whenSettled(count: number, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.settled < count) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.settled} of ${count} messages settled within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
      };
      this.waiters.push(check);
      check();
    });
  }
}
