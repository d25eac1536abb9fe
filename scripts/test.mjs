#!/usr/bin/env node
// The whole test run, as `npm test` calls it (after the build):
//  1. every suite on the default store (SQLite);
//  2. the API, SDK, query, security, model and event suites again on PostgreSQL (each server or
//     event harness in its own schema), when PostgreSQL answers on 127.0.0.1:5432. Without it the
//     second pass is skipped loudly, or fails when DOPPEL_REQUIRE_SERVICES=1 (CI).
//     test/store and test/cluster run their PostgreSQL parts in the first pass already; test/cli
//     and test/dtdl do not depend on the store.
import { spawnSync } from "node:child_process";
import { connect } from "node:net";

const vitest = ["node_modules/vitest/vitest.mjs", "run"];
const postgresSuites = ["test/graph", "test/http", "test/query", "test/auth", "test/models", "test/events"];

function run(args, env) {
  const result = spawnSync(process.execPath, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

const extra = process.argv.slice(2);
let status = run([...vitest, ...extra], {});
if (extra.length === 0) {
  if (await reachable("127.0.0.1", 5432)) {
    console.log("\n== Second pass: the same API and event suites on the PostgreSQL store ==\n");
    status = run([...vitest, ...postgresSuites], { DOPPEL_TEST_STORE: "postgres" }) || status;
  } else if (process.env.DOPPEL_REQUIRE_SERVICES === "1") {
    console.error("PostgreSQL is not reachable on 127.0.0.1:5432, and DOPPEL_REQUIRE_SERVICES=1 requires it.");
    status = 1;
  } else {
    const bar = "!".repeat(72);
    console.warn(`\n${bar}\n!! SKIPPED the PostgreSQL pass: nothing answers on 127.0.0.1:5432.\n${bar}\n`);
  }
}
process.exit(status);
