// Search across all of an owner's contexts, newest first (by line id, which grows across
// contexts), as a merge of per-context reads (readLines) so that every filter keeps the index
// walk it has within one context.
//
// Not a scan of every line of every context: each candidate context's newest line below the
// cursor ("top") is one seek in (context_id, id); contexts are then read in descending order
// of top, and reading stops as soon as the next context's top is below the page's last line
// (no line of it could make the page). Later reads are confined to ids above that line. So a
// page reads at most `limit` lines from each context that holds one of the page's lines.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import type { ContextStatus } from "../contexts/contexts.ts";
import type { LogLine } from "./append.ts";
import type { LogFilter } from "./filter.ts";
import { MAX_TS_FUTURE_MS, MAX_TS_PAST_MS } from "./lines.ts";
import { readLines } from "./read.ts";
import { int } from "./span.ts";

/** Which of an owner's contexts a search covers. */
export interface ContextScope {
  ownerId: string;
  contextId?: string | null;
  status?: ContextStatus | null;
  packageName?: string | null;
}

export interface FoundLine {
  contextId: string;
  line: LogLine;
}

export interface SearchPage {
  /** Newest first. */
  lines: FoundLine[];
  /** Where the next page starts (its before_id), or null at the end. */
  nextBeforeId: number | null;
}

/** Contexts read at once while merging. */
const PARALLEL_READS = 4;

interface Candidate {
  id: string;
  top: number;
}

/**
 * The contexts of the scope that may hold a line matching the time range, each with its newest
 * line id below `beforeId`, highest first. Line times are at most a day before and five
 * minutes after their arrival, which is between the context's start and its last activity.
 */
export async function candidateContexts(
  db: Db,
  scope: ContextScope,
  filter: Pick<LogFilter, "from" | "to" | "beforeId">,
): Promise<Candidate[]> {
  const where: SQL[] = [sql`c.owner_id = ${scope.ownerId}`];
  if (scope.contextId) where.push(sql`c.id = ${scope.contextId}`);
  if (scope.status) where.push(sql`c.status = ${scope.status}`);
  if (scope.packageName) {
    where.push(sql`c.package_version_id IN (SELECT v.id FROM package_versions v
      JOIN packages p ON p.id = v.package_id
      WHERE p.owner_id = ${scope.ownerId} AND p.name = ${scope.packageName})`);
  }
  if (filter.from) {
    where.push(sql`c.last_activity_at >= ${filter.from.getTime() - MAX_TS_FUTURE_MS}`);
  }
  if (filter.to) where.push(sql`c.started_at <= ${filter.to.getTime() + MAX_TS_PAST_MS}`);
  const below = filter.beforeId === null ? sql`` : sql` AND l.id < ${int(filter.beforeId)}`;
  const rows = await db.all<{ id: string; top: number | null }>(
    sql`SELECT c.id, (SELECT max(l.id) FROM context_logs l
        WHERE l.context_id = c.id${below}) AS top
      FROM contexts c WHERE ${sql.join(where, sql` AND `)}`,
  );
  return rows.filter((r) => r.top !== null).map((r) => ({ id: r.id, top: Number(r.top) }))
    .sort((a, b) => b.top - a.top);
}

/** The context holding line `id`, when it is one of the owner's (a cursor must be). */
export async function ownerLineContext(
  db: Db,
  ownerId: string,
  id: number,
): Promise<string | null> {
  const [row] = await db.all<{ id: string }>(
    sql`SELECT c.id FROM context_logs l JOIN contexts c ON c.id = l.context_id
      WHERE l.id = ${int(id)} AND c.owner_id = ${ownerId}`,
  );
  return row?.id ?? null;
}

/** One page of lines matching `filter` across the scope's contexts, newest first. */
export async function searchLogs(
  db: Db,
  scope: ContextScope,
  filter: LogFilter,
): Promise<SearchPage> {
  const candidates = await candidateContexts(db, scope, filter);
  const limit = filter.limit;
  let found: FoundLine[] = [];
  // The highest id where a bounded text scan stopped: below it, that context is unread, so
  // this page ends there.
  let frontier: number | null = null;
  let unread = false;
  let i = 0;
  for (; i < candidates.length;) {
    const above = floorOf(found, limit, frontier);
    if (above !== null && candidates[i]!.top <= above) break;
    const batch = candidates.slice(i, i + PARALLEL_READS)
      .filter((c) => above === null || c.top > above);
    i += PARALLEL_READS;
    const afterId = above === null ? filter.afterId : Math.max(above, filter.afterId ?? 0);
    const pages = await Promise.all(
      batch.map((c) =>
        readLines(db, c.id, { ...filter, afterId, limit }, { direction: "desc" })
          .then((page) => ({ page, contextId: c.id }))
      ),
    );
    for (const { page, contextId } of pages) {
      found.push(...page.lines.map((line) => ({ contextId, line })));
      if (!page.more) continue;
      if (page.lines.length < limit && page.resumeId !== null) {
        frontier = Math.max(frontier ?? 0, page.resumeId);
      } else unread = true;
    }
    found.sort((a, b) => b.line.id - a.line.id);
    found = found.slice(0, limit + 1);
  }
  const kept = frontier === null ? found : found.filter((f) => f.line.id >= frontier!);
  const lines = kept.slice(0, limit);
  const full = lines.length === limit &&
    (kept.length > limit || unread || i < candidates.length || frontier !== null);
  const nextBeforeId = full ? lines[lines.length - 1]!.line.id : frontier;
  return { lines, nextBeforeId };
}

/** Ids at or below this cannot make the page (exclusive floor), or null while any can. */
function floorOf(found: FoundLine[], limit: number, frontier: number | null): number | null {
  const kth = found.length >= limit ? found[limit - 1]!.line.id : null;
  const scan = frontier === null ? null : frontier - 1;
  if (kth === null) return scan;
  return scan === null ? kth : Math.max(kth, scan);
}
