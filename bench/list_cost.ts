// deno-lint-ignore-file no-console -- a command-line tool
// In-process CPU cost per request of the landing page and of /packages signed in with 1,000
// packages, without sockets or a load generator (steadier than throughput on a busy machine):
// `deno run -A bench/list_cost.ts [requests per round]`; add `--cpu-prof` before the script to
// profile both. Rounds alternate the two pages; each figure is the median over the rounds.
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
    const rows = (html.match(/<li class="flex flex-col/g) ?? []).length;
    if (rows !== 20) throw new Error(`/packages showed ${rows} packages, not 20`);
    const time = async (f: () => Promise<string>) => {
      const started = performance.now();
      for (let i = 0; i < PER_ROUND; i++) await f();
      return ((performance.now() - started) * 1000) / PER_ROUND;
    };
    await time(landing);
    await time(list);
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2 === 0) a.push(await time(landing)), b.push(await time(list));
      else b.push(await time(list)), a.push(await time(landing));
    }
    const ratios = a.map((x, i) => b[i]! / x);
    console.log(`/ : ${fmt(median(a))} µs/request (${a.map((x) => fmt(x)).join(", ")})`);
    console.log(
      `/packages, 1,000 packages: ${fmt(median(b))} µs/request (${
        b.map((x) => fmt(x)).join(", ")
      })`,
    );
    console.log(
      `cost relative to the landing page: ${fmt(median(ratios), 2)}x (${
        ratios.map((x) => fmt(x, 2)).join(", ")
      }); /packages is ${fmt(html.length)} bytes`,
    );
  } finally {
    app.close();
  }
} finally {
  await Deno.remove(dir, { recursive: true });
}
