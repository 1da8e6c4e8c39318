// deno-lint-ignore-file no-console -- a command-line entry point
// An example runtime client: it registers contexts and streams their logs and execution
// receipts through the public API with an API token, the way a real runtime would.
//
//   INACTU_TOKEN=inactu_... deno task simulate --url http://localhost:8000 [options]
//
//   --contexts N        contexts to run (default 3)
//   --rate N            log lines per second per context, on average (default 4)
//   --package NAME@VER  link the contexts to one of your published versions
//   --region NAME       region to report (default local-dev)
//   --duration S        stop after S seconds (default: run until Ctrl-C)
//
// The token needs the contexts:write scope; with packages:read too, the receipts name the
// linked version's artifact (and its capabilities), so the Runs tab links them to it. It comes from INACTU_TOKEN, or is asked for
// (without echo) in a terminal; never from an argument, which `deno task` prints with its
// command line and the shell keeps in its history. On Ctrl-C (or at the end of --duration)
// every context is reported as stopped before the process exits.

import { makeReceipt, simulatedCapsUsed } from "../lib/receipts/make.ts";
import { sha256DigestOfText } from "../lib/packages/bundle/digest.ts";

/** What the simulator needs to know; the demo passes these in directly. */
export interface SimulatorOptions {
  url: string;
  token: string;
  contexts?: number;
  rate?: number;
  package?: { name: string; version: string };
  region?: string;
  /** Milliseconds to run; forever when absent. */
  durationMs?: number;
  /** Stops the simulator (Ctrl-C does this in the command-line tool). */
  signal?: AbortSignal;
  log?: (message: string) => void;
}

/** An error the server answered with, `{"error": "..."}`, that retrying will not fix. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(`${status}: ${message}`);
  }
}

/**
 * A small client for the control plane API. It waits as long as a 429's Retry-After says,
 * retries network errors and 5xx answers with growing pauses, and gives up on other errors.
 */
export class ControlClient {
  constructor(
    readonly url: string,
    readonly token: string,
    readonly signal?: AbortSignal,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 1;; attempt++) {
      let res: Response;
      try {
        res = await fetch(new URL(path, this.url), {
          method,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: this.signal,
        });
      } catch (error) {
        if (this.signal?.aborted || attempt >= 5) throw error;
        await pause(backoff(attempt), this.signal);
        continue;
      }
      if (res.ok) return await res.json() as T;
      const message = await res.json().then((b) => b.error ?? res.statusText, () => res.statusText);
      if (res.status === 429) {
        // The server says how long; waiting exactly that avoids hammering it.
        const seconds = Number(res.headers.get("retry-after") ?? "1");
        await pause(Math.max(1, seconds) * 1000, this.signal);
        continue;
      }
      if (res.status >= 500 && attempt < 5) {
        await pause(backoff(attempt), this.signal);
        continue;
      }
      throw new ApiError(res.status, message);
    }
  }
}

function backoff(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}

interface Line {
  severity: "debug" | "info" | "warn" | "error";
  message: string;
  metadata_json?: Record<string, unknown>;
}

const ROUTES = ["/v1/items", "/v1/search", "/v1/orders", "/v1/users", "/healthz"];

/** Plausible lines of a runtime serving requests with a skill. */
export function makeLine(skill: string, n: number, random = Math.random): Line {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const id = () => Math.floor(random() * 0xffffff).toString(16).padStart(6, "0");
  const ms = Math.round(2 + random() ** 3 * 400);
  const r = random();
  if (r < 0.25) {
    return pick([
      { severity: "debug", message: `wasm instance reused from pool (${1 + (n % 8)}/8 busy)` },
      { severity: "debug", message: `fuel used: ${Math.round(random() * 90_000)} of 1000000` },
      {
        severity: "debug",
        message: `cache lookup key=user:${Math.floor(random() * 500)} hit=${random() < 0.8}`,
      },
    ] as Line[]);
  }
  if (r < 0.85) {
    const route = pick(ROUTES);
    const status = random() < 0.93 ? 200 : pick([201, 204, 304, 404]);
    return random() < 0.6
      ? {
        severity: "info",
        message: `GET ${route}/${Math.floor(random() * 9000)} ${status} ${ms}ms`,
        metadata_json: { request_id: `req-${id()}`, route, status, duration_ms: ms },
      }
      : {
        severity: "info",
        message: `invoke ${skill}#run ok in ${ms}ms`,
        metadata_json: { request_id: `req-${id()}`, input_bytes: Math.floor(random() * 4096) },
      };
  }
  if (r < 0.95) {
    return pick([
      {
        severity: "warn",
        message: `slow response from upstream inventory-svc after ${
          1000 + ms * 8
        }ms; retrying (attempt ${1 + (n % 3)}/3)`,
      },
      {
        severity: "warn",
        message: `memory at ${70 + Math.floor(random() * 25)}% of the 64 MiB limit`,
      },
    ] as Line[]);
  }
  return pick([
    {
      severity: "error",
      message: "upstream timeout: connection reset by peer",
      metadata_json: { upstream: "inventory-svc:443", request_id: `req-${id()}` },
    },
    {
      severity: "error",
      message: "capability denied: fs.read /etc/shadow is outside the manifest's /data",
      metadata_json: { capability: "fs.read", path: "/etc/shadow" },
    },
    {
      severity: "error",
      message:
        `skill trapped: unreachable executed\n  at run (skill.wasm+0x${id()})\n  at invoke (${skill})`,
    },
  ] as Line[]);
}

interface Running {
  id: string;
  sent: number;
  runs: number;
}

/** The artifact and capabilities the simulated runs report; unlinked when unknown. */
async function runTarget(
  client: ControlClient,
  pkg: SimulatorOptions["package"],
  log: (message: string) => void,
): Promise<{ artifact: string; capabilities: { kind: string; value: string }[] }> {
  const skill = pkg?.name ?? "echo.minimal";
  const fallback = { artifact: await sha256DigestOfText(skill), capabilities: [] };
  if (!pkg) return fallback;
  try {
    const { version } = await client.request<{
      version: { artifact_digest: string; manifest?: { capabilities?: [] } };
    }>("GET", `/v1/packages/${pkg.name}/versions/${encodeURIComponent(pkg.version)}`);
    return {
      artifact: version.artifact_digest,
      capabilities: version.manifest?.capabilities ?? [],
    };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    log(
      `receipts will not link to ${pkg.name}@${pkg.version} (${error.message}); ` +
        "a token with packages:read lets them",
    );
    return fallback;
  }
}

/** Registers contexts and streams lines until stopped; reports them stopped at the end. */
export async function runSimulator(options: SimulatorOptions): Promise<void> {
  const log = options.log ?? ((m: string) => console.log(m));
  const stop = new AbortController();
  options.signal?.addEventListener("abort", () => stop.abort(), { once: true });
  const timer = options.durationMs === undefined
    ? undefined
    : setTimeout(() => stop.abort(), options.durationMs);
  const client = new ControlClient(options.url, options.token, stop.signal);
  const skill = options.package?.name ?? "echo.minimal";
  const rate = options.rate ?? 4;
  const running: Running[] = [];
  for (let i = 0; i < (options.contexts ?? 3); i++) {
    const { context } = await client.request<{ context: { id: string } }>("POST", "/v1/contexts", {
      status: "starting",
      region: options.region ?? "local-dev",
      ...(options.package
        ? { package: options.package.name, version: options.package.version }
        : {}),
    });
    await client.request("POST", `/v1/contexts/${context.id}/logs`, {
      severity: "info",
      message: `runtime booting ${skill}; instantiating skill.wasm`,
    });
    await client.request("PATCH", `/v1/contexts/${context.id}`, { status: "running" });
    running.push({ id: context.id, sent: 0, runs: 0 });
    log(`context ${context.id} is running: ${options.url}/contexts/${context.id}`);
  }
  const target = await runTarget(client, options.package, log);
  const started = Date.now();
  let reported = started;
  try {
    while (!stop.signal.aborted) {
      // Each context flushes what it buffered over the last second, as one batch.
      await Promise.all(running.map(async (c) => {
        const n = poisson(rate);
        if (n === 0) return;
        const lines = Array.from({ length: n }, () => makeLine(skill, c.sent++));
        await client.request("POST", `/v1/contexts/${c.id}/logs`, lines);
        // A run now and then, each with its execution receipt, hashed as the spec says.
        const runs = Math.min(poisson(rate / 8), 20);
        if (runs === 0) return;
        const receipts = await Promise.all(Array.from({ length: runs }, () => {
          const n = c.runs++;
          return makeReceipt({
            artifact: target.artifact,
            input: `${c.id} input ${n}`,
            output: `${c.id} output ${n}`,
            capsUsed: simulatedCapsUsed(target.capabilities),
            timestamp: Math.floor(Date.now() / 1000),
          });
        }));
        await client.request("POST", `/v1/contexts/${c.id}/receipts`, receipts);
      }));
      if (Date.now() - reported >= 30_000) {
        reported = Date.now();
        const total = running.reduce((a, c) => a + c.sent, 0);
        log(`sent ${total} lines in ${Math.round((reported - started) / 1000)} s`);
      }
      await pause(1000, stop.signal);
    }
  } catch (error) {
    if (!stop.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    // A fresh client: the stopping one's signal has already fired.
    const closing = new ControlClient(options.url, options.token);
    await Promise.all(
      running.map((c) =>
        closing.request("PATCH", `/v1/contexts/${c.id}`, { status: "stopped" }).catch((e) =>
          log(`could not report ${c.id} stopped: ${e instanceof Error ? e.message : e}`)
        )
      ),
    );
    log(`stopped ${running.length} contexts`);
  }
}

/**
 * An AbortSignal that the first Ctrl-C fires (after printing `message`); a second press quits
 * at once, without waiting for the contexts to be reported stopped.
 */
export function stopOnCtrlC(message: string): AbortSignal {
  const stop = new AbortController();
  let stoppingSince = 0;
  Deno.addSignalListener("SIGINT", () => {
    // `deno task` passes Ctrl-C on as well, so one press can arrive twice: only a second
    // press a moment later means "quit without reporting the contexts stopped".
    if (stop.signal.aborted) {
      if (Date.now() - stoppingSince > 1000) Deno.exit(130);
      return;
    }
    stoppingSince = Date.now();
    console.log(message);
    stop.abort();
  });
  return stop.signal;
}

/** A Poisson-distributed count with mean `mean` (Knuth), so batches vary like real traffic. */
function poisson(mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = Math.random(); p > limit; p *= Math.random()) k++;
  return k;
}

const USAGE = [
  "usage: INACTU_TOKEN=TOKEN deno task simulate --url URL [--contexts N] [--rate N]",
  "       [--package NAME@VERSION] [--region NAME] [--duration SECONDS]",
  "Without INACTU_TOKEN, the token is asked for in the terminal.",
].join("\n");

function parseArgs(args: string[]): Omit<SimulatorOptions, "token"> {
  const value = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? undefined : args[i + 1];
  };
  if (args.some((a) => a === "--token" || a.startsWith("--token="))) {
    console.error(
      "--token would print the token: `deno task` shows its command line, and the shell keeps " +
        "it in its history. Set INACTU_TOKEN instead, or leave it out to be asked for it",
    );
    Deno.exit(2);
  }
  const url = value("url");
  if (!url) {
    console.error(USAGE);
    Deno.exit(2);
  }
  const number = (name: string, fallback?: number) => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) {
      console.error(`--${name} must be a number, got ${v}`);
      Deno.exit(2);
    }
    return n;
  };
  const pkg = value("package");
  const at = pkg?.lastIndexOf("@") ?? -1;
  const duration = number("duration");
  return {
    url: url.replace(/\/$/, ""),
    contexts: number("contexts", 3),
    rate: number("rate", 4),
    package: pkg && at > 0 ? { name: pkg.slice(0, at), version: pkg.slice(at + 1) } : undefined,
    region: value("region"),
    durationMs: duration === undefined ? undefined : duration * 1000,
  };
}

/** The token from INACTU_TOKEN, else typed at a terminal prompt that shows nothing. */
async function readToken(): Promise<string> {
  const fromEnv = Deno.env.get("INACTU_TOKEN")?.trim();
  if (fromEnv) return fromEnv;
  if (!Deno.stdin.isTerminal()) {
    console.error(USAGE);
    Deno.exit(2);
  }
  const encoder = new TextEncoder();
  await Deno.stdout.write(encoder.encode("API token (contexts:write; not shown as you type): "));
  Deno.stdin.setRaw(true);
  let token = "";
  try {
    const byte = new Uint8Array(1);
    while (await Deno.stdin.read(byte) === 1) {
      const c = byte[0]!;
      if (c === 3) Deno.exit(130); // Ctrl-C
      if (c === 13 || c === 10 || c === 4) break;
      token = c === 127 || c === 8 ? token.slice(0, -1) : token + String.fromCharCode(c);
    }
  } finally {
    Deno.stdin.setRaw(false);
    await Deno.stdout.write(encoder.encode("\n"));
  }
  if (!token.trim()) {
    console.error("no token given");
    Deno.exit(2);
  }
  return token.trim();
}

if (import.meta.main) {
  const options = parseArgs(Deno.args);
  const token = await readToken();
  const signal = stopOnCtrlC("\nstopping... (Ctrl-C again to quit at once)");
  try {
    await runSimulator({ ...options, token, signal });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    Deno.exit(1);
  }
  Deno.exit(0);
}
