// Wake-ups for live tails in this process: a write calls notifyLines, and every tail of that
// context re-reads the database at once. Tails also poll, so lines written by another
// instance arrive too, a little later. Keyed by database, like lib/db/prepared.ts, so two
// apps in one process (tests) never wake each other.
import type { Db } from "../db/client.ts";

type Listener = () => void;

const byDb = new WeakMap<Db, Map<string, Set<Listener>>>();

/** Calls `listener` after lines are written to the context; returns the unsubscribe. */
export function onLines(db: Db, contextId: string, listener: Listener): () => void {
  let contexts = byDb.get(db);
  if (!contexts) byDb.set(db, contexts = new Map());
  let listeners = contexts.get(contextId);
  if (!listeners) contexts.set(contextId, listeners = new Set());
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) contexts.delete(contextId);
  };
}

/** Wakes every tail of the context in this process. */
export function notifyLines(db: Db, contextId: string): void {
  const listeners = byDb.get(db)?.get(contextId);
  if (!listeners) return;
  for (const listener of [...listeners]) listener();
}
