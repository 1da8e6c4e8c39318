// deno-lint-ignore-file no-console -- benchmark output
// deno run -A bench/auth_paths.ts [samples]: how long login, resend, forgot-password and
// sign-up take for a registered and for an unknown address (security issue, finding 9). The
// two paths of each flow alternate request by request on the real app (in process, real
// libSQL file, real Argon2id), so drift in the machine's load hits both alike; it prints the
// medians and how often the registered path was the slower one (about 50% when they match).
import { createApp } from "../main.ts";
import { parseConfig } from "../lib/config.ts";
import { createLogger } from "../lib/log.ts";
import type { Mailer } from "../lib/mail/mailer.ts";
import type { RequestInfo } from "../lib/framework/context.ts";
import { fmt, median } from "./lib.ts";

const PASSWORD = "correct horse battery staple";
const samples = Number(Deno.args[0] ?? 200);

const dir = await Deno.makeTempDir({ prefix: "inactu-bench-paths-" });
// A clock the benchmark moves, so no rate limit is reached however many samples run.
let now = Date.now();
const discard: Mailer = { send: () => Promise.resolve() };
const app = await createApp(
  parseConfig({
    APP_ENV: "test",
    DATABASE_URL: `file:${dir}/bench.db`,
    BLOB_DIR: `${dir}/blobs`,
    ACCESS_LOG: "false",
  }),
  { mailer: discard, clock: () => new Date(now), logger: createLogger(() => {}) },
);
const origin = app.services.config.publicOrigin;
let ip = 0;

function post(path: string, body: unknown): Promise<Response> {
  const n = ++ip;
  const info: RequestInfo = {
    remoteAddr: { hostname: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, port: 1 },
  };
  return app.fetch(
    new Request(new URL(path, origin), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    info,
  );
}

async function timed(path: string, body: unknown): Promise<number> {
  const started = performance.now();
  const res = await post(path, body);
  await res.body?.cancel();
  const ms = performance.now() - started;
  if (res.status >= 500 || res.status === 429) throw new Error(`${path}: ${res.status}`);
  return ms;
}

// One registered, verified address and one registered, unverified one.
await post("/v1/auth/signup", { email: "known@example.com", handle: "known", password: PASSWORD });
await post("/v1/auth/signup", { email: "wait@example.com", handle: "wait", password: PASSWORD });
await app.services.database.client.execute({
  sql: "UPDATE users SET email_verified_at = ? WHERE email = 'known@example.com'",
  args: [now],
});

type Body = (i: number, registered: boolean) => unknown;
const flows: [string, string, Body][] = [
  ["login (wrong password)", "/v1/auth/login", (_, r) => ({
    email: r ? "known@example.com" : "nobody@example.com",
    password: "not the password",
  })],
  ["resend verification", "/v1/auth/verify/resend", (_, r) => ({
    email: r ? "wait@example.com" : "nobody@example.com",
  })],
  ["forgot password", "/v1/auth/password/forgot", (_, r) => ({
    email: r ? "known@example.com" : "nobody@example.com",
  })],
  ["sign-up", "/v1/auth/signup", (i, r) => ({
    email: r ? "known@example.com" : `new${i}@example.com`,
    handle: `h${i}-${r ? "r" : "n"}`,
    password: PASSWORD,
  })],
];

console.log(`${samples} samples per path, interleaved; medians in ms`);
console.log("flow                      registered   unknown   registered slower");
for (const [name, path, body] of flows) {
  const registered: number[] = [];
  const unknown: number[] = [];
  let slower = 0;
  for (let i = -10; i < samples; i++) {
    // Past every rate-limit window (the longest is a day), and alternating which goes first.
    now += 25 * 60 * 60 * 1000;
    const first = i % 2 === 0;
    const a = await timed(path, body(i + 10, first));
    const b = await timed(path, body(i + 10, !first));
    if (i < 0) continue; // warm-up
    const [r, u] = first ? [a, b] : [b, a];
    registered.push(r);
    unknown.push(u);
    if (r > u) slower++;
  }
  console.log(
    `${name.padEnd(24)} ${fmt(median(registered), 2).padStart(12)} ${
      fmt(median(unknown), 2).padStart(9)
    } ${fmt((100 * slower) / samples).padStart(18)}%`,
  );
}

app.close();
await Deno.remove(dir, { recursive: true });
