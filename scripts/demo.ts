// deno-lint-ignore-file no-console -- a command-line entry point
// npm run demo (deno task demo): a fresh demo database in data/demo/ with a demo user, a few
// packages published from signed bundles built here, contexts in every status, and the
// example runtime client (scripts/simulate.ts) streaming logs through the public API until
// Ctrl-C, so the live tail moves. Everything goes through the HTTP API as CI and runtimes
// would; only the demo accounts and the demo token are written directly. Organizations are on
// (ORGS_ENABLED): the demo user owns "acme", with a second member and a team (demo_org.ts).
import { createApp } from "../main.ts";
import { parseConfig } from "../lib/config.ts";
import { openDatabase } from "../lib/db/client.ts";
import { migrateDatabase } from "../lib/db/migrate.ts";
import { createAccount, markVerifiedQuery } from "../lib/auth/accounts.ts";
import { hashPassword } from "../lib/auth/password.ts";
import { newApiToken } from "../lib/auth/api_tokens.ts";
import {
  buildBundle,
  generateSigner,
  packArchive,
  type Signer,
} from "../lib/packages/bundle/pack.ts";
import { buildRunModule } from "../lib/packages/bundle/wasm.ts";
import { ControlClient, makeLine, runSimulator, stopOnCtrlC } from "./simulate.ts";
import { HOUR } from "../lib/time.ts";
import { createMemberAccount, MEMBER, ORG, seedOrg } from "./demo_org.ts";

const DIR = "data/demo";
const EMAIL = "demo@example.com";
const PASSWORD = "demo-password-2026";

const PACKAGES = [
  {
    name: "echo.minimal",
    versions: ["0.1.0", "0.2.0"],
    capabilities: [],
    public: true,
    description: "Echoes its input; the smallest useful skill",
  },
  {
    name: "extract.text",
    versions: ["1.0.0"],
    capabilities: [{ kind: "fs.read", value: "/data" }],
    public: true,
    description: "Pulls plain text out of documents under /data",
  },
  {
    name: "billing.sync",
    versions: ["0.3.1"],
    capabilities: [{ kind: "net.http", value: "https://billing.internal.example" }],
    public: false,
    description: "Syncs invoices with the billing service (private)",
  },
];

const env = Deno.env.toObject();
const port = env.PORT ?? "8000";
const config = parseConfig({
  ...env,
  DATABASE_URL: `file:${DIR}/demo.db`,
  BLOB_DIR: `${DIR}/blobs`,
  PORT: port,
  PUBLIC_ORIGIN: `http://localhost:${port}`,
  BIND_ADDRESS: "127.0.0.1",
  ACCESS_LOG: "false",
  ORGS_ENABLED: "true",
});
const origin = config.publicOrigin;

await Deno.remove(DIR, { recursive: true }).catch(() => {});
await Deno.mkdir(DIR, { recursive: true });
const token = await createDemoAccount();
await createMemberAccount(config);

const app = await createApp(config);
const server = Deno.serve(
  { hostname: "127.0.0.1", port: config.port, onListen: () => {} },
  (req, info) => app.fetch(req, info as never),
);
const client = new ControlClient(origin, token);

const published = await publishPackages();
await seedContexts(published);
const orgToken = await seedOrg(origin, { email: EMAIL, password: PASSWORD });

console.log(`
inactu control demo is running

  open       ${origin}/login
  email      ${EMAIL}
  password   ${PASSWORD}
  API token  ${token}
  org        @${ORG} (owner: you; member: ${MEMBER.email} / ${MEMBER.password}; team: core)
  acme token ${orgToken} (acts for @${ORG}: contexts)
  data       ${DIR}/ (deleted and made again on every run)

Two simulated runtimes stream logs through the API; open Contexts and switch on the live tail.
Ctrl-C stops them (they report "stopped") and the server.
`);

const signal = stopOnCtrlC("\nstopping...");
const running = published.findLast((p) => p.name === "echo.minimal");
await runSimulator({
  url: origin,
  token,
  contexts: 2,
  rate: 3,
  region: "eu-west-1",
  package: running ? { name: running.name, version: running.version } : undefined,
  signal,
});
// Open live tails would hold a graceful shutdown for minutes; give them a moment, no more.
await Promise.race([server.shutdown(), new Promise((r) => setTimeout(r, 2000))]);
app.close();
Deno.exit(0);

/** The demo user (verified) and an API token for publishing and reporting. */
async function createDemoAccount(): Promise<string> {
  const database = await openDatabase(config.database);
  try {
    await migrateDatabase(database);
    const now = new Date();
    const created = await createAccount(database.db, {
      email: EMAIL,
      handle: "demo",
      passwordHash: await hashPassword(PASSWORD),
    }, now);
    if (!("account" in created)) throw new Error("could not create the demo account");
    await markVerifiedQuery(database.db, created.account.userId, now);
    const t = newApiToken(database.db, {
      ownerId: created.account.ownerId,
      userId: created.account.userId,
      name: "demo runtime and CI",
      scopes: ["packages:read", "packages:publish", "contexts:read", "contexts:write"],
      days: 30,
    }, now);
    await t.insert;
    return t.token;
  } finally {
    database.close();
  }
}

/** Publishes every demo version as CI would; returns what was published. */
async function publishPackages(): Promise<{ name: string; version: string }[]> {
  const signer: Signer = await generateSigner("demo-ci");
  const done: { name: string; version: string }[] = [];
  for (const [i, pkg] of PACKAGES.entries()) {
    for (const version of pkg.versions) {
      const files = await buildBundle(buildRunModule({ value: 40 + i }), {
        name: pkg.name,
        version,
        capabilities: pkg.capabilities,
        signers: [signer],
      });
      const archive = await packArchive(files, { format: "tar.gz" });
      const res = await fetch(`${origin}/v1/packages/${pkg.name}/versions`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/gzip" },
        body: archive as Uint8Array<ArrayBuffer>,
      });
      if (res.status !== 201) {
        console.error(`publishing ${pkg.name}@${version}: ${res.status} ${await res.text()}`);
        continue;
      }
      await res.body?.cancel();
      done.push({ name: pkg.name, version });
    }
    const res = await fetch(`${origin}/v1/packages/${pkg.name}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        description: pkg.description,
        ...(pkg.public ? { visibility: "public" } : {}),
      }),
    });
    if (!res.ok) console.error(`updating ${pkg.name}: ${res.status} ${await res.text()}`);
    await res.body?.cancel();
  }
  console.log(`published ${done.map((p) => `${p.name}@${p.version}`).join(", ") || "nothing"}`);
  return done;
}

/** Contexts in every status, with a day of history where it helps the histogram. */
async function seedContexts(published: { name: string; version: string }[]): Promise<void> {
  const link = (name: string) => {
    const p = published.findLast((v) => v.name === name);
    return p ? { package: p.name, version: p.version } : {};
  };
  const register = async (status: string, region: string, pkg: string) =>
    (await client.request<{ context: { id: string } }>("POST", "/v1/contexts", {
      status,
      region,
      ...link(pkg),
    })).context.id;
  const send = (id: string, lines: unknown) =>
    client.request("POST", `/v1/contexts/${id}/logs`, lines);
  const now = Date.now();

  // A worker that ran all day and was stopped an hour ago: 23 hours of history.
  const stopped = await register("running", "us-east-1", "extract.text");
  for (let batch = 0; batch < 8; batch++) {
    const lines = Array.from({ length: 1000 }, (_, i) => {
      const at = now - 23 * HOUR + ((batch * 1000 + i) / 8000) * 22 * HOUR;
      // A bad half hour in the afternoon, so the histogram has something to click on.
      const incident = Math.abs(at - (now - 9 * HOUR)) < HOUR / 2;
      const line = makeLine("extract.text", i);
      return incident && i % 3 === 0
        ? { severity: "error", message: "upstream timeout: connection reset by peer", ts: iso(at) }
        : { ...line, ts: iso(at) };
    });
    await send(stopped, lines);
  }
  await client.request("PATCH", `/v1/contexts/${stopped}`, { status: "stopped" });

  // One that crashed.
  const failed = await register("starting", "ap-south-1", "billing.sync");
  await send(failed, [
    {
      severity: "info",
      message: "runtime booting billing.sync; instantiating skill.wasm",
      ts: iso(now - 2 * HOUR),
    },
    {
      severity: "warn",
      message: "billing.internal.example answered 503; retrying (attempt 1/3)",
      ts: iso(now - 2 * HOUR + 4000),
    },
    {
      severity: "warn",
      message: "billing.internal.example answered 503; retrying (attempt 2/3)",
      ts: iso(now - 2 * HOUR + 9000),
    },
    {
      severity: "error",
      message:
        "skill trapped: unreachable executed\n  at sync_invoices (skill.wasm+0x2f1c)\n  at run (skill.wasm+0x0a40)",
      metadata_json: { exit_code: 134, attempts: 3 },
      ts: iso(now - 2 * HOUR + 15000),
    },
  ]);
  await client.request("PATCH", `/v1/contexts/${failed}`, { status: "failed" });

  // One still starting up.
  const starting = await register("starting", "eu-central-1", "echo.minimal");
  await send(starting, {
    severity: "info",
    message: "pulling echo.minimal@0.2.0 and verifying its signature",
  });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
