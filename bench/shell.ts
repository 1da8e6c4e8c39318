// deno-lint-ignore-file no-console -- benchmark output
// The shell page through the framework layer versus the same bytes as a constant string from
// plain Hono, /packages signed in with 1,000 packages versus the landing page, and cold start
// to the first /healthz 200.
import {
  fmt,
  interleaved,
  load,
  loadAverage,
  machine,
  median,
  startAppProcess,
  writeSection,
} from "./lib.ts";
import { seedAccounts, seedRegistry } from "./seed.ts";

const ROUNDS = 5;
const ROUND_SECONDS = 4;

export async function benchShell(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "inactu-bench-" });
  try {
    const env = { DATABASE_URL: `file:${dir}/bench.db`, BLOB_DIR: `${dir}/blobs` };
    // Cold start twice: a fresh database (migrations run) and an existing one.
    const coldFresh: number[] = [];
    const coldWarm: number[] = [];
    for (let i = 0; i < 5; i++) {
      const fresh = { ...env, DATABASE_URL: `file:${dir}/cold-${i}.db` };
      await using a = await startAppProcess({ env: fresh });
      coldFresh.push(a.startupMs);
    }
    for (let i = 0; i < 5; i++) {
      await using a = await startAppProcess({
        env: { ...env, DATABASE_URL: `file:${dir}/cold-0.db` },
      });
      coldWarm.push(a.startupMs);
    }

    // One account owning 1,000 packages, signed in by a session cookie, for /packages.
    const seeded = await seedAccounts(env.DATABASE_URL, 1);
    await seedRegistry(env.DATABASE_URL, seeded.userIds[0]!);
    await using app = await startAppProcess({ env });
    const page = await (await fetch(`${app.url}/`)).text();
    const list = await listPage(app.url, seeded.cookie);
    await Deno.writeTextFile(`${dir}/page.html`, page);
    await using constant = await startAppProcess({
      entry: "bench/constant_server.ts",
      env: { BENCH_BODY_FILE: `${dir}/page.html` },
    });
    // The constant server's throughput swings with the machine's load from run to run, so
    // the two are measured in alternating rounds and the ratio is the median of the rounds'.
    const loadBefore = await loadAverage();
    const pair = await interleaved(
      (seconds) => load(`${app.url}/`, { seconds }),
      (seconds) => load(`${constant.url}/`, { seconds }),
      { rounds: ROUNDS, seconds: ROUND_SECONDS },
    );
    const { a: rendered, b: baseline, ratio } = pair;
    // The floor of our own listener: the same constant through lib/server/front.ts.
    await using front = await startAppProcess({
      entry: "bench/constant_front.ts",
      env: { BENCH_BODY_FILE: `${dir}/page.html` },
    });
    const floor = await interleaved(
      (seconds) => load(`${front.url}/`, { seconds }),
      (seconds) => load(`${constant.url}/`, { seconds }),
      { rounds: ROUNDS, seconds: ROUND_SECONDS },
    );
    // Cost per request relative to the landing page: its requests/s over /packages'.
    const packages = await interleaved(
      (seconds) => load(`${app.url}/`, { seconds }),
      (seconds) => load(`${app.url}/packages`, { seconds, headers: { cookie: seeded.cookie } }),
      { rounds: ROUNDS, seconds: ROUND_SECONDS },
    );

    const md = `## Shell page, /packages signed in, and cold start (issues 2 and 15)

\`deno task bench shell\` (${
      new Date().toISOString().slice(0, 10)
    }, ${await machine()}; load average ${loadBefore} when the throughput rounds
started; load from autocannon in a separate Node process, 16 connections, ${ROUNDS} alternating
rounds of ${ROUND_SECONDS} s per server (the order swapped each round) after a 2 s warm-up each,
each figure the median over its server's rounds; the landing page is ${
      fmt(page.length)
    } bytes with one island).

| what | requests/s | p50 ms | p99 ms | errors |
|---|---:|---:|---:|---:|
| landing page rendered through lib/framework (Preact SSR, layouts, island) | ${
      fmt(rendered.requestsPerSec)
    } | ${rendered.p50} | ${rendered.p99} | ${rendered.errors + rendered.non2xx} |
| the same bytes as a constant string from plain Hono | ${
      fmt(baseline.requestsPerSec)
    } | ${baseline.p50} | ${baseline.p99} | ${baseline.errors + baseline.non2xx} |
| the same constant through this app's own HTTP server (lib/server/front.ts), in alternating rounds with plain Hono | ${
      fmt(floor.a.requestsPerSec)
    } | ${floor.a.p50} | ${floor.a.p99} | ${floor.a.errors + floor.a.non2xx} |
| \`/packages\` signed in, an account owning 1,000 packages (a page of 20, ${
      fmt(list.length)
    } bytes) | ${fmt(packages.b.requestsPerSec)} | ${packages.b.p50} | ${packages.b.p99} | ${
      packages.b.errors + packages.b.non2xx
    } |
| the landing page again, in alternating rounds with \`/packages\` | ${
      fmt(packages.a.requestsPerSec)
    } | ${packages.a.p50} | ${packages.a.p99} | ${packages.a.errors + packages.a.non2xx} |

Rendered / constant throughput, the median of the per-round ratios: **${
      fmt(ratio * 100)
    }%** (target: at least 33%); per round ${pair.ratios.map((r) => `${fmt(r * 100)}%`).join(", ")}.

The floor: a constant answer through this app's own server runs at **${
      fmt(floor.ratio * 100)
    }%** of plain Hono's rate (median of the per-round ratios; per round ${
      floor.ratios.map((r) => `${fmt(r * 100)}%`).join(", ")
    }), so a page that cost nothing to render would reach that.

Cost per request of \`/packages\` (signed in, 1,000 packages) relative to the landing page, the
landing page's requests/s over \`/packages\`', the median of the per-round ratios: **${
      fmt(packages.ratio, 2)
    }x** (target: at most 2x); per round ${packages.ratios.map((r) => `${fmt(r, 2)}x`).join(", ")}.

Cold start, process spawn to the first \`/healthz\` 200, median of 5: **${
      fmt(median(coldWarm))
    } ms** with an existing
database, ${fmt(median(coldFresh))} ms with a fresh one (migrations applied). Target: under 500 ms.
Runs: existing ${coldWarm.map((x) => fmt(x)).join(", ")} ms; fresh ${
      coldFresh.map((x) => fmt(x)).join(", ")
    } ms.`;
    await writeSection("shell", md);
    console.log(md);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The signed-in /packages page, checked to be the list (not a redirect to the sign-in page). */
async function listPage(url: string, cookie: string): Promise<string> {
  const res = await fetch(`${url}/packages`, { headers: { cookie }, redirect: "manual" });
  const html = await res.text();
  const rows = html.match(/href="\/packages\/pkg\d{4}"/g)?.length ?? 0;
  if (res.status !== 200 || rows !== 20) {
    throw new Error(`/packages answered ${res.status} with ${rows} packages, not 200 with 20`);
  }
  return html;
}
