// deno-lint-ignore-file no-console -- benchmark output
// The package registry (issue 4): publishing a 10 MiB bundle next to its floor, with the
// server's peak memory growth, then the package pages with 1,000 packages and 10,000 versions.
import { fmt, load, machine, median, percentile, startAppProcess, writeSection } from "./lib.ts";
import { seedAccounts, seedRegistry } from "./seed.ts";
import { LocalBlobStore } from "../lib/artifacts/local_store.ts";
import { sha256Digest } from "../lib/artifacts/digest.ts";
import { buildBundle, generateSigner, packArchive } from "../lib/packages/bundle/pack.ts";
import { buildRunModule, padModule } from "../lib/packages/bundle/wasm.ts";

const MiB = 1024 * 1024;
const WASM_BYTES = 10 * MiB;
const RUNS = 5;

/** The server process's pid, from the socket it listens on (startAppProcess does not say). */
async function serverPid(url: string): Promise<number> {
  const port = new URL(url).port;
  const out = await new Deno.Command("ss", { args: ["-ltnpH", `sport = :${port}`] }).output();
  const pid = /pid=(\d+)/.exec(new TextDecoder().decode(out.stdout))?.[1];
  if (!pid) throw new Error(`no process listens on port ${port}`);
  return Number(pid);
}

async function status(pid: number, field: "VmRSS" | "VmHWM"): Promise<number> {
  const text = await Deno.readTextFile(`/proc/${pid}/status`);
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)![1]) * 1024;
}

const signers = new Map<string, ReturnType<typeof generateSigner>>();

/** A signed bundle whose wasm is exactly `size` bytes of incompressible (seeded) fill. */
export async function bundle(name: string, version: string, size: number, seed: number) {
  // One key per package, as a publisher has: a package pins the keys of its first version.
  let signer = signers.get(name);
  if (!signer) signers.set(name, signer = generateSigner("bench-signer"));
  const key = await signer;
  const wasm = padModule(buildRunModule(), size, { fill: "random", seed });
  const files = await buildBundle(wasm, {
    name,
    version,
    capabilities: [{ kind: "fs.read", value: "/data" }],
    signers: [key],
  });
  return { name, wasm, archive: await packArchive(files, { format: "tar.gz" }) };
}

type Body = "multipart" | "raw";

async function publishOne(
  url: string,
  cookie: string,
  b: { name: string; archive: Uint8Array },
  kind: Body,
) {
  const blob = new Blob([b.archive as Uint8Array<ArrayBuffer>], { type: "application/gzip" });
  const form = new FormData();
  form.set("bundle", blob, "bench.tar.gz");
  const started = performance.now();
  const res = await fetch(`${url}/v1/packages/${b.name}/versions`, {
    method: "POST",
    headers: { cookie, origin: url },
    body: kind === "multipart" ? form : blob,
  });
  await res.body?.cancel();
  const ms = performance.now() - started;
  if (res.status !== 201) throw new Error(`publish answered ${res.status}`);
  return ms;
}

/**
 * Publish time and peak memory growth of the server, next to the floor of the same work. Each
 * run starts a fresh server, warms it up with a small publish, then publishes 10 MiB twice:
 * the first shows what a publish needs above an idle server, the second what it needs once
 * the heap has grown for the first.
 */
async function benchPublish(dir: string, kind: Body) {
  const url = `file:${dir}/publish-${kind}.db`;
  const seeded = await seedAccounts(url, 1);
  const times: number[] = [];
  const first: number[] = [];
  const second: number[] = [];
  const floors: number[] = [];
  const store = new LocalBlobStore(`${dir}/floor-${kind}-blobs`);
  let archiveBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const small = await bundle("bench.small", `0.0.${i}`, 64 * 1024, i + 1);
    const bigs = [
      await bundle("bench.big", `1.${i}.0`, WASM_BYTES, 2 * i + 1),
      await bundle("bench.big", `1.${i}.1`, WASM_BYTES, 2 * i + 2),
    ];
    archiveBytes = bigs[0]!.archive.byteLength;
    {
      await using app = await startAppProcess({
        env: { DATABASE_URL: url, BLOB_DIR: `${dir}/publish-${kind}-blobs` },
      });
      const pid = await serverPid(app.url);
      await publishOne(app.url, seeded.cookie, small, kind);
      for (const [n, big] of bigs.entries()) {
        // Writing 5 to clear_refs resets VmHWM, so the peak is this publish's own.
        await Deno.writeTextFile(`/proc/${pid}/clear_refs`, "5");
        const before = await status(pid, "VmRSS");
        times.push(await publishOne(app.url, seeded.cookie, big, kind));
        (n === 0 ? first : second).push((await status(pid, "VmHWM")) - before);
      }
    }
    // The floor: what any publish must do with these bytes, in this process, on the same disk.
    for (const big of bigs) {
      const started = performance.now();
      const [a, w] = await Promise.all([sha256Digest(big.archive), sha256Digest(big.wasm)]);
      await store.put(a, big.archive);
      await store.put(w, big.wasm);
      floors.push(performance.now() - started);
    }
  }
  // The next kind starts without this one's 400 MiB of blobs on the disk: kept, they made
  // whichever kind ran second take half again as long, its floor included.
  for (const blobs of ["publish", "floor"]) {
    await Deno.remove(`${dir}/${blobs}-${kind}-blobs`, { recursive: true }).catch(() => {});
  }
  return {
    archiveBytes,
    ms: median(times),
    times,
    floorMs: median(floors),
    first: median(first),
    firsts: first,
    second: median(second),
    seconds: second,
  };
}

/** Sequential latencies of first views (renders, not the in-process cache) of many pages. */
async function firstViews(urls: string[]) {
  const ms: number[] = [];
  for (const url of urls) {
    const started = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    ms.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  }
  return { p50: percentile(ms, 0.5), p99: percentile(ms, 0.99) };
}

async function benchPages(dir: string) {
  const url = `file:${dir}/pages.db`;
  const seeded = await seedAccounts(url, 1);
  const started = performance.now();
  const handle = await seedRegistry(url, seeded.userIds[0]!);
  const seedMs = performance.now() - started;
  await using app = await startAppProcess({
    env: { DATABASE_URL: url, BLOB_DIR: `${dir}/pages-blobs` },
  });
  const list = `${app.url}/packages`;
  // Public packages are those whose number is not a multiple of 4.
  const publicPage = (n: number) => `${app.url}/@${handle}/pkg${String(n).padStart(4, "0")}`;
  const pub = publicPage(501);
  const first = await fetch(pub);
  const bytes = (await first.arrayBuffer()).byteLength;
  const etag = first.headers.get("etag")!;
  if (first.status !== 200 || !etag) throw new Error(`the public page answered ${first.status}`);
  const cookie = { cookie: seeded.cookie };
  await load(list, { seconds: 2, headers: cookie });
  await load(pub, { seconds: 2 });
  const renders = await firstViews(
    Array.from({ length: 250 }, (_, i) => publicPage(i * 4 + 1)).filter((u) => u !== pub),
  );
  return {
    seedMs,
    bytes,
    renders,
    list: await load(list, { seconds: 10, headers: cookie }),
    pub: await load(pub, { seconds: 10 }),
    notModified: await load(pub, { seconds: 10, headers: { "if-none-match": etag } }),
  };
}

export async function benchPackages(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "inactu-bench-packages-" });
  // Other work on the machine skews every figure here; the record says how busy it was.
  const loadavg = (await Deno.readTextFile("/proc/loadavg").catch(() => "?")).split(" ")[0];
  try {
    const multipart = await benchPublish(dir, "multipart");
    const raw = await benchPublish(dir, "raw");
    const pages = await benchPages(dir);
    const row = (what: string, r: Awaited<ReturnType<typeof load>>) =>
      `| ${what} | ${fmt(r.requestsPerSec)} | ${r.p50} | ${r.p99} | ${r.errors} |`;
    const mem = (bytes: number, archive: number) =>
      `${fmt(bytes / MiB, 1)} MiB, **${fmt(bytes / archive, 2)}x**`;
    const publishRow = (what: string, p: Awaited<ReturnType<typeof benchPublish>>) =>
      `| ${what} | ${fmt(p.ms, 1)} | ${fmt(p.floorMs, 1)} | **${fmt(p.ms / p.floorMs, 2)}x** | ${
        mem(p.first, p.archiveBytes)
      } | ${mem(p.second, p.archiveBytes)} |`;
    const md = `## Package registry: publish and package pages (issue 4)

\`deno task bench packages\` (${new Date().toISOString().slice(0, 10)}, ${await machine()}; load
average ${loadavg} when it started).

**Publish of a 10 MiB bundle** (\`POST /v1/packages/bench.big/versions\` signed in; the wasm is
${fmt(WASM_BYTES)} bytes of pseudo-random fill, so the gzip archive is ${
      fmt(multipart.archiveBytes)
    } bytes; a fresh version
each time; ${RUNS} fresh servers, each warmed up by a 64 KiB publish, then two 10 MiB publishes;
medians). Publish time is from sending the request to the 201 over loopback. The floor,
measured in the same run, is what any publish must do with these bytes: sha-256 of the archive
and of the wasm, then both written to a local blob store on the same disk (temp file, fsync,
rename). Memory is the server process's peak resident set during the request
(VmHWM, reset through \`/proc/<pid>/clear_refs\` before it) minus its VmRSS just before: it
counts everything the publish makes resident, request buffers, unpacked files and garbage not yet
collected alike, which \`Deno.memoryUsage()\` sampled around the call would miss.

| request body | publish ms | floor ms | publish / floor (target < 2x) | peak memory growth, first publish (target < 3x the bundle) | the same, second publish |
|---|---:|---:|---:|---:|---:|
${publishRow("multipart \`bundle\` (\`curl -F\`, the web form)", multipart)}
${publishRow("the raw archive (\`Content-Type: application/gzip\`)", raw)}

Runs, multipart: ${multipart.times.map((t) => fmt(t)).join(", ")} ms; growth ${
      multipart.firsts.map((g) => fmt(g / MiB, 1)).join(", ")
    } MiB (first publish), ${multipart.seconds.map((g) => fmt(g / MiB, 1)).join(", ")} MiB (second).

Runs, raw: ${raw.times.map((t) => fmt(t)).join(", ")} ms; growth ${
      raw.firsts.map((g) => fmt(g / MiB, 1)).join(", ")
    } MiB (first), ${raw.seconds.map((g) => fmt(g / MiB, 1)).join(", ")} MiB. What a
publish holds: the request body in one buffer of its Content-Length (a form's parts are views into
it), the unpacked tar in one buffer sized from the gzip trailer, and the wasm as a view into the
tar; hashing reads the bytes in place (ADR 0008). Before those changes the first publish grew
the server by 52 MiB (5.2x): WebCrypto's digest copied each input, and the body's and gunzip's
chunks waited for a garbage collection that a publish rarely triggers.

**Package pages** with 1,000 packages and 10,000 versions of one owner (seeded through the
tables in ${
      fmt(pages.seedMs / 1000, 1)
    } s; 750 public; each with a 40-section readme), autocannon, 16
connections, 10 s each after a 2 s warm-up:

| page | requests/s | p50 ms | p99 ms | errors |
|---|---:|---:|---:|---:|
${row("\`/packages\` (signed in: session lookup, first page of 20)", pages.list)}
${
      row(
        `public package page \`/@bench0/pkg0501\` (${fmt(pages.bytes)} bytes, 10 versions)`,
        pages.pub,
      )
    }
${row("the same with a matching \`If-None-Match\` (304)", pages.notModified)}

\`/packages\` reads one page through the index on \`packages(owner_id, updated_at, id)\` and
leaves the readmes out of list queries.

Public page p99: **${pages.pub.p99} ms** (target: under 25 ms). A public package page is
rendered once per change of the package and then served from an in-process cache keyed by the
package id and its \`updated_at\` (one indexed query per request); the first view after a change
renders it (readme included): p50 ${fmt(pages.renders.p50, 1)} ms, p99 ${
      fmt(pages.renders.p99, 1)
    } ms, one request at a time over 249 different packages.`;
    await writeSection("packages", md);
    console.log(md);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
