// Changing a context's details (name, labels, runtime): one UPDATE and its audit event in one
// batch, only when something actually changes, so a form saved twice records one change.
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { contexts } from "../db/schema.ts";
import { type Actor, auditInsert } from "../audit/audit.ts";
import { type ContextSummary, findContext } from "./contexts.ts";
import { auditDetails, type StoredDetails } from "./details.ts";

/** The fields of `next` whose value differs from the context's. */
function changes(context: ContextSummary, next: Partial<StoredDetails>): Partial<StoredDetails> {
  const out: Partial<StoredDetails> = {};
  for (const [key, value] of Object.entries(next) as [keyof StoredDetails, unknown][]) {
    if (JSON.stringify(context[key] ?? null) !== JSON.stringify(value ?? null)) {
      (out as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

/** Sets the given details on the owner's context; null when it is not theirs. */
export async function changeContextDetails(
  db: Db,
  actor: Actor,
  context: ContextSummary,
  next: Partial<StoredDetails>,
  now: Date,
): Promise<ContextSummary | null> {
  const changed = changes(context, next);
  const fields = Object.keys(changed) as (keyof StoredDetails)[];
  if (fields.length === 0) return context;
  await db.batch([
    db.update(contexts).set(changed)
      .where(and(eq(contexts.id, context.id), eq(contexts.ownerId, actor.ownerId))),
    auditInsert(db, actor, {
      action: "context.update",
      targetType: "context",
      targetId: context.id,
      metadata: {
        changed: fields.map((f) => API_NAMES[f]),
        ...auditDetails(changed),
      },
    }, now),
  ]);
  return await findContext(db, actor.ownerId, context.id);
}

const API_NAMES: Record<keyof StoredDetails, string> = {
  name: "name",
  labels: "labels",
  runtimeName: "runtime_name",
  runtimeVersion: "runtime_version",
  host: "host",
};
