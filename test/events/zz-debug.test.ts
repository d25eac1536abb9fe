import { it } from "vitest";
import { startEventHarness } from "/work/main/test/events/support/eventHarness.js";
it("debug", async () => {
  const h = await startEventHarness();
  const { spawn } = await import("node:child_process");
  const p = spawn("curl", ["-skN", "-i", "--max-time", "2", h.url + "/events/stream"]);
  let out = "";
  p.stdout.on("data", (d) => (out += d));
  p.stderr.on("data", (d) => (out += d));
  await new Promise((r) => setTimeout(r, 500));
  h.commit([{ twinId: "x" }]);
  await new Promise((r) => p.on("exit", r));
  console.log(out);
  await h.close();
});
