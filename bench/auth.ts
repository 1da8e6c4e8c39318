// deno-lint-ignore-file no-console -- benchmark output
// Login throughput, and what resolving a session adds to a page, in one run.
import { fmt, load, machine, percentile, startAppProcess, writeSection } from "./lib.ts";
import { BENCH_PASSWORD, seedAccounts } from "./seed.ts";
import { openDatabase } from "../lib/db/client.ts";
import { validateSessionToken } from "../lib/auth/sessions.ts";

/** Logs in as fast as `concurrency` clients can for `seconds`, rotating accounts and client IPs. */
let attempts = 0;

async function loginLoad(url: string, emails: string[], seconds: number, concurrency: number) {
  const latencies: number[] = [];
  let failures = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      // Numbered across calls, so the warm-up does not reuse the measured run's accounts.
      const i = attempts++;
      // Each account and each address stays under the login limit (10 per 5 minutes).
      const email = emails[Math.floor(i / 9) % emails.length]!;
      const started = performance.now();
      const res = await fetch(`${url}/v1/auth/login`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        },
        body: JSON.stringify({ email, password: BENCH_PASSWORD }),
      });
      await res.body?.cancel();
      latencies.push(performance.now() - started);
      if (res.status !== 200) failures++;
    }
  }));
  return {
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    failures,
    total: latencies.length,
  };
}

export async function benchAuth(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "inactu-bench-auth-" });
  try {
    const url = `file:${dir}/bench.db`;
    const seeded = await seedAccounts(url, 400);
    await using app = await startAppProcess({
      env: { DATABASE_URL: url, BLOB_DIR: `${dir}/blobs`, TRUSTED_PROXIES: "1" },
    });

    await loginLoad(app.url, seeded.emails, 2, 8);
    const login = await loginLoad(app.url, seeded.emails, 10, 8);

    // The same page, signed out and signed in: /forgot renders for both.
    const page = `${app.url}/forgot`;
    await load(page, { seconds: 2 });
    await load(page, { seconds: 2, headers: { cookie: seeded.cookie } });
    const anon = await load(page, { seconds: 10 });
    const authed = await load(page, { seconds: 10, headers: { cookie: seeded.cookie } });
    // With the server saturated, 1/throughput is the server time per request.
    const addedUs = (1 / authed.requestsPerSec - 1 / anon.requestsPerSec) * 1e6;

    // In-process: the session lookup alone (one indexed join and a constant-time compare).
    const database = await openDatabase({ url });
    const token = seeded.cookie.slice("session=".length);
    const now = new Date();
    for (let i = 0; i < 500; i++) await validateSessionToken(database, token, now);
    const N = 5000;
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await validateSessionToken(database, token, now);
    const lookupUs = (performance.now() - t0) / N * 1000;
    database.close();

    const md = `## Accounts: login throughput and session lookup (issue 3)

\`deno task bench auth\` (${new Date().toISOString().slice(0, 10)}, ${await machine()}).

**Login** (\`POST /v1/auth/login\`, Argon2id m=19 MiB t=2 p=1, native): ${
      fmt(login.perSecond, 1)
    } logins/s with 8
concurrent clients for 10 s (${login.total} logins, ${login.failures} failures), p50 ${
      fmt(login.p50, 1)
    } ms, p99 ${fmt(login.p99, 1)} ms.
The client rotates 400 accounts and client addresses (X-Forwarded-For behind TRUSTED_PROXIES=1) so every account and
address stays under the login rate limit; the cost is the password hash by design.

**Session resolution on a page** (\`GET /forgot\`, autocannon, 16 connections, 10 s each, same run):

| | requests/s | p50 ms | p99 ms |
|---|---:|---:|---:|
| signed out | ${fmt(anon.requestsPerSec)} | ${anon.p50} | ${anon.p99} |
| signed in (session cookie) | ${fmt(authed.requestsPerSec)} | ${authed.p50} | ${authed.p99} |

Added server time per request, from the throughput difference: **${
      fmt(Math.max(addedUs, 0), 0)
    } µs**. The lookup alone
(\`validateSessionToken\`, in-process, mean of ${N}): **${
      fmt(lookupUs, 1)
    } µs**. Target: under 1 ms.`;
    await writeSection("auth", md);
    console.log(md);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
