// The live tail: Server-Sent Events of a context's new lines that match a filter. A write in
// this process wakes the tail at once (live.ts); a poll every POLL_MS catches lines written
// by other instances. Every connection is bounded (duration, events, queued bytes), so is
// their number, per owner and in all; each is resumable: each event's id is the line id, so
// EventSource reconnects with Last-Event-ID and misses nothing.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import type { LogFilter } from "./filter.ts";
import { logJson } from "./json.ts";
import { onLines } from "./live.ts";
import { readLines } from "./read.ts";
import { logStoreOf } from "./store.ts";
import { MINUTE } from "../time.ts";

export interface TailLimits {
  pollMs: number;
  heartbeatMs: number;
  maxDurationMs: number;
  maxEvents: number;
  /** Lines read per query while catching up. */
  chunk: number;
  /** Bytes queued for a client that does not read, before the stream is ended. */
  maxQueuedBytes: number;
}

export const TAIL_LIMITS: TailLimits = {
  pollMs: 1000,
  heartbeatMs: 15_000,
  maxDurationMs: 10 * MINUTE,
  maxEvents: 20_000,
  chunk: 500,
  maxQueuedBytes: 1024 * 1024,
};

/** Live tails one owner may hold open in this process. */
export const MAX_TAILS_PER_OWNER = 10;
/**
 * Live tails this process holds open in all: each one polls the database, so owners without
 * number (signing up is free) must not add up to more than the database can answer.
 */
export const MAX_TAILS = 100;

/** How a refused tail is answered: the owner's own limit is a 429, the server's a 503. */
export const TAIL_REFUSED = {
  owner: {
    status: 429,
    retryAfter: 5,
    message:
      `at most ${MAX_TAILS_PER_OWNER} live tails may be open at once; close one and try again`,
  },
  server: {
    status: 503,
    retryAfter: 30,
    message: `the server has its most live tails open (${MAX_TAILS}); try again in 30 seconds`,
  },
} as const;

interface Slots {
  total: number;
  byOwner: Map<string, number>;
}

// Per database, which is per app: two apps in one process (tests) count apart.
const open = new WeakMap<Db, Slots>();

/**
 * Takes one of the owner's tail slots, and one of the process's; returns its release, or
 * which limit is reached.
 */
export function acquireTailSlot(
  db: Db,
  ownerId: string,
): { release: () => void } | { refused: "owner" | "server" } {
  let slots = open.get(db);
  if (!slots) open.set(db, slots = { total: 0, byOwner: new Map() });
  const counts = slots.byOwner;
  const n = counts.get(ownerId) ?? 0;
  if (n >= MAX_TAILS_PER_OWNER) return { refused: "owner" };
  if (slots.total >= MAX_TAILS) return { refused: "server" };
  counts.set(ownerId, n + 1);
  slots.total++;
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      slots.total--;
      const left = (counts.get(ownerId) ?? 1) - 1;
      if (left <= 0) counts.delete(ownerId);
      else counts.set(ownerId, left);
    },
  };
}

/** The newest line id of a context, or 0 when it has none. */
export function newestLineId(db: Db, contextId: string): Promise<number> {
  return logStoreOf(db).newestId(contextId);
}

export async function newestLineIdLibsql(db: Db, contextId: string): Promise<number> {
  const [row] = await db.all<{ id: number | null }>(
    sql`SELECT max(id) AS id FROM context_logs WHERE context_id = ${contextId}`,
  );
  return Number(row?.id ?? 0);
}

/** An SSE body streaming the context's lines after `afterId` that match `filter`. */
export function tailStream(
  db: Db,
  contextId: string,
  filter: LogFilter,
  afterId: number,
  options: { limits?: Partial<TailLimits>; onClose?: () => void } = {},
): ReadableStream<Uint8Array> {
  const limits = { ...TAIL_LIMITS, ...options.limits };
  const encoder = new TextEncoder();
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | null = null;
  // Set by a write that happens while a query runs, so that wake-up is not lost.
  let pending = false;
  const unsubscribe = onLines(db, contextId, () => {
    pending = true;
    wake?.();
  });

  function finish() {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    wake?.();
    unsubscribe();
    options.onClose?.();
  }

  async function run(controller: ReadableStreamDefaultController<Uint8Array>) {
    const send = (text: string) => controller.enqueue(encoder.encode(text));
    const started = Date.now();
    let lastWrite = started;
    let last = afterId;
    let sent = 0;
    send(`retry: 2000\n: tailing from line ${afterId}\n\n`);
    while (!closed) {
      pending = false;
      const newest = await newestLineId(db, contextId);
      let behind = false;
      if (newest > last) {
        const page = await readLines(
          db,
          contextId,
          { ...filter, afterId: last, beforeId: null, limit: limits.chunk },
          { direction: "asc", maxId: newest },
        );
        for (const line of page.lines) {
          send(`id: ${line.id}\ndata: ${JSON.stringify(logJson(line))}\n\n`);
          sent++;
        }
        if (page.lines.length) lastWrite = Date.now();
        behind = page.more;
        last = page.more && page.resumeId !== null ? page.resumeId : newest;
      }
      if (closed) break;
      const queued = -(controller.desiredSize ?? 0);
      if (
        sent >= limits.maxEvents || Date.now() - started >= limits.maxDurationMs ||
        queued > limits.maxQueuedBytes
      ) break;
      if (behind || pending) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, limits.pollMs);
      });
      wake = null;
      clearTimeout(timer);
      if (!closed && Date.now() - lastWrite >= limits.heartbeatMs) {
        send(": keep-alive\n\n");
        lastWrite = Date.now();
      }
    }
    if (!closed) {
      finish();
      controller.close();
    }
  }

  return new ReadableStream<Uint8Array>({
    start(controller) {
      run(controller).catch((error) => {
        if (closed) return;
        finish();
        controller.error(error);
      });
    },
    cancel() {
      finish();
    },
  }, new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }));
}
