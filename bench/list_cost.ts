// deno-lint-ignore-file no-console -- a command-line tool
// In-process CPU cost per request of the landing page and of /packages signed in with 1,000
// packages, without sockets or a load generator: `deno run -A
// --v8-flags=--max-semi-space-size=8,--no-allocation-site-pretenuring bench/list_cost.ts
// [requests per round]` (the V8 flags of
// `deno task start`); add `--cpu-prof` before the script to profile both. Rounds alternate the
// two pages; each figure is the median over the rounds of the process's CPU time per request
// (steadier than wall time when other work shares the machine), wall time beside it.
import { cpuUsage } from "node:process";
import { createApp } from "../main.ts";
import { parseConfig } from "../lib/config.ts";
import { createLogger } from "../lib/log.ts";
import { fmt, median } from "./lib.ts";
import { seedAccounts, seedRegistry } from "./seed.ts";

const PER_ROUND = Number(Deno.args[0] ?? 400);
const ROUNDS = 7;
const ORIGIN = "http://localhost:8000";

const dir = await Deno.makeTempDir({ prefix: "inactu-list-cost-" });
try {
  const url = `file:${dir}/bench.db`;
  const seeded = await seedAccounts(url, 1);
  await seedRegistry(url, seeded.userIds[0]!);
  const config = parseConfig({
    DATABASE_URL: url,
    BLOB_DIR: `${dir}/blobs`,
    ACCESS_LOG: "false",
    PUBLIC_ORIGIN: ORIGIN,
  });
  const app = await createApp(config, { logger: createLogger(() => {}) });
  try {
    const get = async (path: string, headers: Record<string, string>) => {
      const res = await app.fetch(new Request(`${ORIGIN}${path}`, { headers }));
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      return body;
    };
    const landing = () => get("/", {});
    const list = () => get("/packages", { cookie: seeded.cookie });
    const html = await list();
    const rows = (html.match(/href="\/packages\/pkg\d{4}"/g) ?? []).length;
    if (rows !== 20) throw new Error(`/packages showed ${rows} packages, not 20`);
    /** CPU and wall µs per request of one round. */
    const time = async (f: () => Promise<string>) => {
      const cpu = cpuUsage();
      const started = performance.now();
      for (let i = 0; i < PER_ROUND; i++) await f();
      const wall = ((performance.now() - started) * 1000) / PER_ROUND;
      const used = cpuUsage(cpu);
      return { cpu: (used.user + used.system) / PER_ROUND, wall };
    };
    await time(landing);
    await time(list);
    const a: { cpu: number; wall: number }[] = [];
    const b: typeof a = [];
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2 === 0) a.push(await time(landing)), b.push(await time(list));
      else b.push(await time(list)), a.push(await time(landing));
    }
    const line = (rounds: typeof a) =>
      `${fmt(median(rounds.map((x) => x.cpu)))} µs CPU (${
        rounds.map((x) => fmt(x.cpu)).join(", ")
      }), ${fmt(median(rounds.map((x) => x.wall)))} µs wall`;
    const ratios = a.map((x, i) => b[i]!.cpu / x.cpu);
    console.log(`/ : ${line(a)}`);
    console.log(`/packages, 1,000 packages: ${line(b)}`);
    console.log(
      `CPU cost relative to the landing page: ${fmt(median(ratios), 2)}x (${
        ratios.map((x) => fmt(x, 2)).join(", ")
      }); /packages is ${fmt(html.length)} bytes`,
    );
  } finally {
    app.close();
  }
} finally {
  await Deno.remove(dir, { recursive: true });
}
