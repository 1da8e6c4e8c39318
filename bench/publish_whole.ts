// deno-lint-ignore-file no-console -- benchmark output
// One 10 MiB multipart publish at a time through `app.fetch` (no socket), as JSON: medians of
// wall time, process CPU (every thread: user + system) and the JS thread's own CPU (its
// schedstat), after two warm-up publishes. It imports only what every version of the app has,
// so old and new code can be compared by running it alternately in two checkouts:
//   deno run -A bench/publish_whole.ts [publishes] [seed]
import process from "node:process";
import { createApp } from "../main.ts";
import { parseConfig } from "../lib/config.ts";
import { createLogger } from "../lib/log.ts";
import { median } from "./lib.ts";
import { seedAccounts } from "./seed.ts";
import { bundle } from "./packages.ts";

const COUNT = Number(Deno.args[0] ?? 8);
const SEED = Number(Deno.args[1] ?? 0);
const ORIGIN = "http://localhost:8000";

/** On-CPU milliseconds of the JS thread (the first field of its schedstat is nanoseconds). */
function jsThreadMs(): number {
  const stat = Deno.readTextFileSync(`/proc/self/task/${Deno.pid}/schedstat`);
  return Number(stat.split(" ")[0]) / 1e6;
}

const dir = await Deno.makeTempDir({ prefix: "publish-whole-" });
try {
  const url = `file:${dir}/app.db`;
  const { cookie } = await seedAccounts(url, 1);
  const config = parseConfig({
    APP_ENV: "test",
    DATABASE_URL: url,
    BLOB_DIR: `${dir}/blobs`,
    ACCESS_LOG: "false",
    PUBLIC_ORIGIN: ORIGIN,
  });
  const app = await createApp(config, { logger: createLogger(() => {}) });
  const bodies = [];
  for (let i = 0; i < COUNT + 2; i++) {
    const small = i === 0;
    const b = await bundle(
      small ? "bench.small" : "bench.big",
      `1.${i}.0`,
      small ? 64 * 1024 : 10 * 1024 * 1024,
      SEED * 100 + i,
    );
    const form = new FormData();
    form.set("bundle", new Blob([b.archive as Uint8Array<ArrayBuffer>]), "bundle.tar.gz");
    const encoded = new Response(form);
    const type = encoded.headers.get("content-type")!;
    bodies.push({ name: b.name, type, body: new Uint8Array(await encoded.arrayBuffer()) });
  }
  const wall: number[] = [], cpu: number[] = [], js: number[] = [];
  for (const [i, b] of bodies.entries()) {
    const req = new Request(`${ORIGIN}/v1/packages/${b.name}/versions`, {
      method: "POST",
      headers: {
        cookie,
        origin: ORIGIN,
        "content-type": b.type,
        "content-length": String(b.body.byteLength),
      },
      body: b.body,
    });
    const [js0, cpu0, t0] = [jsThreadMs(), process.cpuUsage(), performance.now()];
    const res = await app.fetch(req);
    await res.text();
    const used = process.cpuUsage(cpu0);
    if (res.status !== 201) throw new Error(`publish answered ${res.status}`);
    if (i < 2) continue; // the small and the first 10 MiB publish warm up
    wall.push(performance.now() - t0);
    cpu.push((used.user + used.system) / 1000);
    js.push(jsThreadMs() - js0);
  }
  app.close();
  const ms = (xs: number[]) => Math.round(median(xs) * 10) / 10;
  console.log(JSON.stringify({
    wallMs: ms(wall),
    processCpuMs: ms(cpu),
    jsThreadCpuMs: ms(js),
    walls: wall.map(Math.round),
    load: Deno.loadavg()[0],
  }));
} finally {
  await Deno.remove(dir, { recursive: true });
}
