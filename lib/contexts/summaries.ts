import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { contexts } from "../db/schema.ts";
import { type ContextSummary, selectSummaries } from "./contexts.ts";

/** The owner's contexts among `ids`, by id (the lines of a search link to them). */
export async function findContextSummaries(
  db: Db,
  ownerId: string,
  ids: string[],
): Promise<Map<string, ContextSummary>> {
  if (!ids.length) return new Map();
  const rows = await selectSummaries(db)
    .where(and(eq(contexts.ownerId, ownerId), inArray(contexts.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}
