// Counting an alert's matching lines: at most `cap` are read, through the same per-context
// reads as the viewer and the search, so a busy window costs no more than threshold + 1 lines.
import type { Db } from "../db/client.ts";
import { candidateContexts, type ContextScope } from "../logs/search.ts";
import { readLines } from "../logs/read.ts";
import { MAX_LOG_LIMIT } from "../logs/filter.ts";

export interface CountFilter {
  q: string | null;
  minLevel: number;
  from: Date;
  to: Date;
}

/** How many lines match, counting no further than `cap`. */
export async function countMatching(
  db: Db,
  scope: ContextScope,
  filter: CountFilter,
  cap: number,
): Promise<number> {
  const contexts = await candidateContexts(db, scope, { ...filter, beforeId: null });
  let count = 0;
  for (const context of contexts) {
    let beforeId: number | null = null;
    while (count < cap) {
      const page = await readLines(db, context.id, {
        level: null,
        minLevel: filter.minLevel > 0 ? filter.minLevel : null,
        q: filter.q,
        from: filter.from,
        to: filter.to,
        beforeId,
        afterId: null,
        limit: Math.min(cap - count, MAX_LOG_LIMIT),
      }, { direction: "desc" });
      count += page.lines.length;
      if (!page.more || page.resumeId === null) break;
      beforeId = page.resumeId;
    }
    if (count >= cap) break;
  }
  return Math.min(count, cap);
}
