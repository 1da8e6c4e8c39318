// deno-lint-ignore-file no-console -- benchmark output
// Where one 10 MiB publish spends its time, in process (no socket): the whole request through
// `app.fetch`, then each stage of the pipeline on its own with the same bytes. Wall time, CPU
// of the process (user + system, every thread) and of the JS thread alone, median of the rounds.
//   deno run -A bench/publish_stages.ts [rounds]
import process from "node:process";
import { createApp } from "../main.ts";
import { parseConfig } from "../lib/config.ts";
import { createLogger } from "../lib/log.ts";
import { readUpload } from "../lib/http/upload.ts";
import { readArchive } from "../lib/packages/bundle/archive.ts";
import { decompressArchive } from "../lib/packages/bundle/decompress.ts";
import { readTar } from "../lib/packages/bundle/tar.ts";
import { resolveLimits } from "../lib/packages/bundle/limits.ts";
import { verifyBundle } from "../lib/packages/bundle/verify.ts";
import { HashedBytes, sha256Digest } from "../lib/artifacts/digest.ts";
import { LocalBlobStore } from "../lib/artifacts/local_store.ts";
import { median } from "./lib.ts";
import { seedAccounts } from "./seed.ts";
import { bundle } from "./packages.ts";

const ROUNDS = Number(Deno.args[0] ?? 7);
const SIZE = 10 * 1024 * 1024;
const ORIGIN = "http://localhost:8000";

type Timing = { wall: number; cpu: number; js: number };
const times = new Map<string, Timing[]>();

/** On-CPU milliseconds of the JS thread (the first field of its schedstat is nanoseconds). */
function jsThreadMs(): number {
  const stat = Deno.readTextFileSync(`/proc/self/task/${Deno.pid}/schedstat`);
  return Number(stat.split(" ")[0]) / 1e6;
}

async function timed<T>(stage: string, run: () => Promise<T> | T): Promise<T> {
  const js = jsThreadMs();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const list = times.get(stage) ?? [];
  list.push({ wall, cpu: (used.user + used.system) / 1000, js: jsThreadMs() - js });
  times.set(stage, list);
  return result;
}

/** The multipart body `curl -F bundle=@...` sends, as one buffer, and its Content-Type. */
async function multipart(archive: Uint8Array) {
  const form = new FormData();
  form.set("bundle", new Blob([archive as Uint8Array<ArrayBuffer>]), "bundle.tar.gz");
  const res = new Response(form);
  return { type: res.headers.get("content-type")!, body: new Uint8Array(await res.arrayBuffer()) };
}

function request(path: string, cookie: string, body: { type: string; body: Uint8Array }) {
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: {
      cookie,
      origin: ORIGIN,
      "content-type": body.type,
      "content-length": String(body.body.byteLength),
    },
    body: body.body as Uint8Array<ArrayBuffer>,
  });
}

const dir = await Deno.makeTempDir({ prefix: "publish-stages-" });
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
  const store = new LocalBlobStore(`${dir}/stage-blobs`);
  const publishOne = async (b: { name: string; archive: Uint8Array }) => {
    const body = await multipart(b.archive);
    const res = await timed(
      "app.fetch (whole publish)",
      () => app.fetch(request(`/v1/packages/${b.name}/versions`, cookie, body)),
    );
    const text = await res.text();
    if (res.status !== 201) throw new Error(`publish answered ${res.status}: ${text}`);
  };
  await publishOne(await bundle("bench.small", "0.0.1", 64 * 1024, 1));
  for (let i = 0; i < ROUNDS; i++) {
    const b = await bundle("bench.big", `1.${i}.0`, SIZE, i + 1);
    if (i === 1) times.clear(); // round 0 warms up the code paths
    await publishOne(b);
    const s = await bundle("bench.stages", `1.${i}.0`, SIZE, 1000 + i);
    const body = await multipart(s.archive);
    const { upload } = await timed(
      "read body + multipart parse",
      () => readUpload(request("/x", cookie, body)),
    );
    const archive = (upload as { bytes: Uint8Array }).bytes;
    const tar = await timed(
      "  inflate (gzip)",
      () => decompressArchive(archive, "tar.gz", { maxBytes: 64 * SIZE }),
    );
    await timed("  read tar", () => readTar(tar, resolveLimits()));
    const { files } = await timed("unpack (inflate + tar)", () => readArchive(archive));
    const report = await timed(
      "verify (9 steps)",
      () => verifyBundle(files, { experimentalManifests: false }),
    );
    if (!report.ok) throw new Error(`the bundle did not verify: ${report.error?.message}`);
    const wasm = files.get("skill.wasm")!;
    await timed("  sha256 of the wasm", () => sha256Digest(wasm));
    const digest = await timed("sha256 of the archive", () => sha256Digest(archive));
    const hashedArchive = await HashedBytes.of(archive);
    // What publish does: neither blob is hashed again (HashedBytes), both written at once.
    await timed("blob puts (both at once)", () =>
      Promise.all([
        store.put(digest, hashedArchive),
        store.put(report.artifactDigest!, report.artifact!),
      ]));
    await timed("  write + fsync of one 10 MiB file", async () => {
      const file = await Deno.open(`${dir}/plain-${i}`, { write: true, create: true });
      await file.write(archive);
      await file.sync();
      file.close();
    });
  }
  app.close();
  console.log(`${ROUNDS - 1} rounds, medians in ms; load ${Deno.loadavg()[0]}`);
  console.log(`${"stage".padEnd(40)}    wall process CPU JS thread`);
  for (const [stage, list] of times) {
    const [wall, cpu, js] = (["wall", "cpu", "js"] as const).map((k) =>
      median(list.map((t) => t[k])).toFixed(1)
    );
    console.log(`${stage.padEnd(40)} ${wall!.padStart(7)} ${cpu!.padStart(11)} ${js!.padStart(9)}`);
  }
} finally {
  await Deno.remove(dir, { recursive: true });
}
