// Shared pieces of the benchmarks: start the built app in its own process, drive load from a
// separate Node process (autocannon), and write a section of docs/benchmarks.md.

export interface ServerProcess extends AsyncDisposable {
  url: string;
  /** Milliseconds from spawn to the first 200 from /healthz. */
  startupMs: number;
}

/** Starts `main.ts` (or another entry) on a free port with the given environment. */
export function startAppProcess(
  options: {
    entry?: string;
    env?: Record<string, string>;
    probe?: string;
    /** Deno's flags before the entry; the default is `-A` and the V8 flag of `deno task start`. */
    flags?: string[];
  } = {},
): Promise<ServerProcess> {
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const flags = options.flags ?? ["-A", START_V8_FLAGS];
  return startProcess({
    command: Deno.execPath(),
    args: ["run", ...flags, options.entry ?? "main.ts"],
    env: { PORT: String(port), PUBLIC_ORIGIN: url, ACCESS_LOG: "false", ...options.env },
    url,
    probe: options.probe ?? "/healthz",
  });
}

/** The permission and V8 flags of `deno task start`, read from deno.json. */
export function productionFlags(): string[] {
  const config = JSON.parse(Deno.readTextFileSync(new URL("../deno.json", import.meta.url)));
  const words = String(config.tasks.start.command).split(/\s+/);
  return words.slice(words.indexOf("run") + 1, words.indexOf("main.ts"));
}

/** The V8 flags of `deno task start` (ADR 0001). */
const START_V8_FLAGS = productionFlags().find((w) => w.startsWith("--v8-flags="))!;

/** Spawns a server and waits for `url + probe` to answer 200 (30 s at most). */
export async function startProcess(options: {
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  url: string;
  probe: string;
}): Promise<ServerProcess> {
  const { url } = options;
  const started = performance.now();
  const child = new Deno.Command(options.command, {
    args: options.args,
    env: options.env,
    cwd: options.cwd,
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  const probe = `${url}${options.probe}`;
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
      await child.status;
      throw new Error(`${probe} did not answer 200 within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const startupMs = performance.now() - started;
  let stopped = false;
  return {
    url,
    startupMs,
    // Idempotent, so a caller may stop a server early and still hold it in `await using`.
    async [Symbol.asyncDispose]() {
      if (stopped) return;
      stopped = true;
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

export function freePort(): number {
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

/** Two loads measured in alternating short rounds, and what they give side by side. */
export interface Interleaved {
  a: LoadResult;
  b: LoadResult;
  /** a's requests/s over b's, one per round. */
  ratios: number[];
  /** The median of `ratios`: drift in the machine's load hits both sides of a round alike. */
  ratio: number;
}

/**
 * Runs `a` and `b` in `rounds` alternating rounds (the order swapped each round, so neither
 * side always runs first) after one warm-up each. Each side's figures are the medians over its
 * rounds.
 */
export async function interleaved(
  a: (seconds: number) => Promise<LoadResult>,
  b: (seconds: number) => Promise<LoadResult>,
  options: { rounds?: number; seconds?: number; warmup?: number } = {},
): Promise<Interleaved> {
  const rounds = options.rounds ?? 5;
  const seconds = options.seconds ?? 4;
  await a(options.warmup ?? 2);
  await b(options.warmup ?? 2);
  const as: LoadResult[] = [];
  const bs: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      as.push(await a(seconds));
      bs.push(await b(seconds));
    } else {
      bs.push(await b(seconds));
      as.push(await a(seconds));
    }
  }
  const ratios = as.map((r, i) => r.requestsPerSec / bs[i]!.requestsPerSec);
  return { a: medianLoad(as), b: medianLoad(bs), ratios, ratio: median(ratios) };
}

/** Per-figure medians of several rounds; errors and totals are summed. */
function medianLoad(rs: LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => rs.reduce((n, r) => n + f(r), 0);
  return {
    requestsPerSec: median(rs.map((r) => r.requestsPerSec)),
    p50: median(rs.map((r) => r.p50)),
    p99: median(rs.map((r) => r.p99)),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    total: sum((r) => r.total),
  };
}

/** The 1-minute load average of the machine, for the record next to the figures. */
export async function loadAverage(): Promise<string> {
  return (await Deno.readTextFile("/proc/loadavg").catch(() => "?")).split(" ")[0]!;
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
