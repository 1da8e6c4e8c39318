// Shared pieces of the benchmarks: start the built app in its own process, drive load from a
// separate Node process (autocannon), and write a section of docs/benchmarks.md.

export interface ServerProcess extends AsyncDisposable {
  url: string;
  /** Milliseconds from spawn to the first 200 from /healthz. */
  startupMs: number;
}

/** Starts `main.ts` (or another entry) on a free port with the given environment. */
export async function startAppProcess(
  options: { entry?: string; env?: Record<string, string>; probe?: string } = {},
): Promise<ServerProcess> {
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    // The same V8 flag as `deno task start` (ADR 0001).
    args: ["run", "-A", "--v8-flags=--max-semi-space-size=16", options.entry ?? "main.ts"],
    env: { PORT: String(port), PUBLIC_ORIGIN: url, ACCESS_LOG: "false", ...options.env },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  const probe = `${url}${options.probe ?? "/healthz"}`;
  for (;;) {
    try {
      const res = await fetch(probe);
      await res.body?.cancel();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 30_000) {
      child.kill();
      throw new Error(`${probe} did not answer 200 within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const startupMs = performance.now() - started;
  return {
    url,
    startupMs,
    async [Symbol.asyncDispose]() {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = l.addr.port;
  l.close();
  return port;
}

export interface LoadResult {
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

/** Runs autocannon (in Node, a separate process) against one URL. */
export async function load(
  url: string,
  options: { connections?: number; seconds?: number; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  const args = [
    "node_modules/autocannon/autocannon.js",
    "-j",
    "-c",
    String(options.connections ?? 16),
    "-d",
    String(options.seconds ?? 8),
  ];
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push("-H", `${k}=${v}`);
  args.push(url);
  const out = await new Deno.Command("node", { args, stdout: "piped", stderr: "null" }).output();
  const r = JSON.parse(new TextDecoder().decode(out.stdout));
  return {
    requestsPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
}

/** Replaces (or appends) the `<!-- bench:name -->` section of docs/benchmarks.md. */
export async function writeSection(name: string, markdown: string): Promise<void> {
  const path = "docs/benchmarks.md";
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  let doc = await Deno.readTextFile(path).catch(() => "# Benchmarks\n");
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  doc = i !== -1 && j !== -1
    ? doc.slice(0, i) + block + doc.slice(j + end.length)
    : `${doc.trimEnd()}\n\n${block}\n`;
  await Deno.writeTextFile(path, doc);
}

/** Describes the machine, for the record next to the figures. */
export async function machine(): Promise<string> {
  const cpu =
    (await Deno.readTextFile("/proc/cpuinfo").catch(() => "")).match(/model name\s*:\s*(.*)/)
      ?.[1] ??
      "unknown CPU";
  return `${navigator.hardwareConcurrency} cores (${cpu.trim()}), Deno ${Deno.version.deno}`;
}

/** The value below which a fraction `p` of `xs` falls (nearest rank; `xs` is not changed). */
export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export function median(xs: number[]): number {
  return percentile(xs, 0.5);
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}
