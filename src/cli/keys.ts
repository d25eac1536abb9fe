import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  apiKeyView,
  createApiKey,
  deleteRoleAssignment,
  putRoleAssignment,
  revokeApiKey,
} from "../auth/accessAdmin.js";
import { AccessSnapshot, type ConfiguredAccess } from "../auth/accessSnapshot.js";
import { isDoppelError } from "../errors/catalogue.js";
import { openStore, storeEnvironmentVariable } from "../store/openStore.js";
import type { AuthStore } from "../store/ports/authStore.js";
import type { Store } from "../store/store.js";

const usage = `Usage: doppel keys <sub-command> [options]

Manage API keys and role assignments in a server's store (works while it runs; changes take
effect within a second, on every node of a PostgreSQL cluster).

  create --name NAME [--role ROLE]... [--scope JSON] [--expires DATE]
                        create a key, print it once; --role also assigns roles to it
  list                  list keys (never their secrets)
  revoke ID             revoke a key
  assign --principal TYPE:ID --role ROLE [--scope JSON] [--id ID]
                        assign a role (TYPE: user, group, appRole, apiKey)
  unassign ID           delete a role assignment
  assignments           list role assignments kept in the store
  roles                 list the roles that can be assigned

Options:
  --store URL           the server's store, as for doppel serve: postgres://user@host:5432/db[?schema=doppel]
                        or a SQLite file (default: env DOPPEL_STORE, else DIR/doppel.db)
  --data DIR            the server's data directory (default ./.doppel)`;

export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

/** `doppel keys ...`: thin over the same functions the admin API uses. */
export async function keysCommand(argv: string[], out: CliOutput = console): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: "string", default: "./.doppel" },
      store: { type: "string" },
      name: { type: "string" },
      role: { type: "string", multiple: true },
      scope: { type: "string" },
      expires: { type: "string" },
      principal: { type: "string" },
      id: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  const [sub, ...rest] = positionals;
  if (values.help || sub === undefined) {
    out.log(usage);
    return values.help ? 0 : 2;
  }
  const location =
    values.store ?? (process.env[storeEnvironmentVariable] || undefined) ?? join(resolve(values.data), "doppel.db");
  let store: Store;
  try {
    // A short-lived client: a connection or two is plenty, and the server warns about the database.
    store = await openStore(location, { poolSize: 2, queryPoolSize: 1, log: () => undefined });
  } catch (error) {
    out.error(`doppel keys: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  try {
    return await run(sub, rest, values, store.auth, out);
  } catch (error) {
    out.error(`doppel keys: ${isDoppelError(error) || error instanceof Error ? error.message : String(error)}`);
    return isDoppelError(error) ? 1 : 2;
  } finally {
    await store.close();
  }
}

type Values = { name?: string; role?: string[]; scope?: string; expires?: string; principal?: string; id?: string };

async function run(sub: string, args: string[], values: Values, store: AuthStore, out: CliOutput): Promise<number> {
  const access = async () => new AccessSnapshot(await store.loadAccess(), noConfiguredAccess);
  switch (sub) {
    case "create": {
      const created = await createApiKey(store, { name: values.name, expiresAt: values.expires }, "cli");
      for (const role of values.role ?? []) {
        await putRoleAssignment(store, await access(), `key-${created.id}-${slug(role)}`, {
          principal: { type: "apiKey", id: created.id },
          role,
          scope: parseScope(values.scope),
        });
      }
      out.log(`id:  ${created.id}`);
      out.log(`key: ${created.key}`);
      out.log("Store the key now: it is not shown again. Send it as 'Authorization: Bearer <key>'.");
      return 0;
    }
    case "list":
      for (const key of (await access()).apiKeys.values()) out.log(JSON.stringify(apiKeyView(key)));
      return 0;
    case "revoke":
      await revokeApiKey(store, required(args[0], "revoke needs the key id"));
      out.log(`revoked ${args[0]}`);
      return 0;
    case "assign": {
      const id = values.id ?? randomUUID();
      const { assignment } = await putRoleAssignment(store, await access(), id, {
        principal: required(values.principal, "assign needs --principal TYPE:ID"),
        role: required(values.role?.[0], "assign needs --role"),
        scope: parseScope(values.scope),
      });
      out.log(JSON.stringify(assignment));
      return 0;
    }
    case "unassign":
      await deleteRoleAssignment(store, await access(), required(args[0], "unassign needs the assignment id"));
      out.log(`deleted ${args[0]}`);
      return 0;
    case "assignments":
      for (const a of (await access()).assignments) out.log(JSON.stringify(a));
      return 0;
    case "roles":
      for (const role of (await access()).roleList()) out.log(`${role.name}\t${role.dataActions.join(", ")}`);
      return 0;
    default:
      out.error(`doppel keys: unknown sub-command '${sub}'\n\n${usage}`);
      return 2;
  }
}

const noConfiguredAccess: ConfiguredAccess = { roles: [], assignments: [] };

function parseScope(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`--scope must be JSON, e.g. '{"kind":"models","models":["dtmi:example:Room;1"]}'`);
  }
}

function required<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new Error(message);
  return value;
}

function slug(text: string): string {
  return (
    text
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 64) || "role"
  );
}
