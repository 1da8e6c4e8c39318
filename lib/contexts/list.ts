// Listing an owner's contexts: filters, two sort keys in either direction, and keyset
// cursors. A cursor names its sort and the last row's key; it only ever positions a query
// that is already scoped to the caller's owner, so a forged one can reveal nothing, and one
// that does not decode, or was made for another sort, is refused (400).
import { and, asc, desc, eq, gt, lt, or, type SQL, sql } from "drizzle-orm";
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { contexts, packages, packageVersions } from "../db/schema.ts";
import {
  type ContextStatus,
  type ContextSummary,
  isContextId,
  isStatus,
  selectSummaries,
  STATUSES,
} from "./contexts.ts";
import { MAX_REGION_CHARS } from "./input.ts";
import { type LabelFilter, MAX_NAME_CHARS, parseLabelFilter } from "./details.ts";
import { likeContains } from "../db/like.ts";

export const CONTEXT_SORTS = ["-started", "started", "-activity", "activity"] as const;
export type ContextSort = typeof CONTEXT_SORTS[number];

/** The list's filter, sort and cursor parameters (the contexts page and GET /v1/contexts). */
export const ContextListQuery = z.object({
  status: z.string().refine(isStatus, "must be one of: starting, running, stopped, failed")
    .optional(),
  region: z.string().max(MAX_REGION_CHARS, `must be at most ${MAX_REGION_CHARS} characters`)
    .optional(),
  package: z.string().max(128, "must be at most 128 characters").optional(),
  name: z.string().max(MAX_NAME_CHARS, `must be at most ${MAX_NAME_CHARS} characters`).optional()
    .meta({ description: "Part of the name, any case" }),
  label: z.string().max(2048, "must be at most 2048 characters").transform((text, ctx) => {
    const filter = parseLabelFilter(text);
    if (typeof filter === "string") ctx.addIssue({ code: "custom", message: filter });
    return typeof filter === "string" ? z.NEVER : filter;
  }).optional().meta({ description: "Labels every context has: key=value or key, by commas" }),
  sort: z.enum(CONTEXT_SORTS, `must be one of: ${CONTEXT_SORTS.join(", ")}`).optional(),
  cursor: z.string().max(512, "is not a cursor this list gave out").optional(),
  /** Whose contexts: your handle or an organization's you belong to (default: yours). */
  owner: z.string().max(64, "must be a handle of at most 64 characters").optional(),
});

export interface ContextListOptions {
  status?: ContextStatus;
  region?: string;
  packageName?: string;
  name?: string;
  labels?: LabelFilter;
  sort: ContextSort;
  cursor?: ContextCursor;
  limit: number;
}

export interface ContextCursor {
  sort: ContextSort;
  key: number;
  id: string;
}

function encodeContextCursor(cursor: ContextCursor): string {
  return encodeBase64urlNoPadding(
    new TextEncoder().encode(`${cursor.sort}|${cursor.key}|${cursor.id}`),
  );
}

/** The cursor, when `text` is one this code made for `sort`; otherwise null. */
export function decodeContextCursor(text: string, sort: ContextSort): ContextCursor | null {
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(
      decodeBase64urlIgnorePadding(text),
    );
  } catch {
    return null;
  }
  const [s, key, id, ...rest] = decoded.split("|");
  if (rest.length || s !== sort || !key || !/^\d{1,15}$/.test(key) || !id || !isContextId(id)) {
    return null;
  }
  return { sort, key: Number(key), id };
}

/** A page of the owner's contexts and the cursor of the next one (null on the last page). */
export async function listContexts(
  db: Db,
  ownerId: string,
  options: ContextListOptions,
): Promise<{ contexts: ContextSummary[]; nextCursor: string | null }> {
  const column = options.sort.endsWith("started") ? contexts.startedAt : contexts.lastActivityAt;
  const descending = options.sort.startsWith("-");
  const conditions: (SQL | undefined)[] = [
    eq(contexts.ownerId, ownerId),
    options.status ? eq(contexts.status, options.status) : undefined,
    options.region ? eq(contexts.region, options.region) : undefined,
    options.packageName ? eq(packages.name, options.packageName) : undefined,
    options.name ? sql`${contexts.name} LIKE ${likeContains(options.name)} ESCAPE '\\'` : undefined,
    ...(options.labels ?? []).map(([key, value]) =>
      sql`EXISTS (SELECT 1 FROM json_each(${contexts.labels}) WHERE key = ${key}${
        value === null ? sql`` : sql` AND value = ${value}`
      })`
    ),
  ];
  if (options.cursor) {
    const { key, id } = options.cursor;
    const beyond = descending ? lt : gt;
    conditions.push(
      or(beyond(sql`${column}`, key), and(eq(sql`${column}`, key), beyond(contexts.id, id))),
    );
  }
  const order = descending ? desc : asc;
  const rows = await selectSummaries(db).where(and(...conditions))
    .orderBy(order(column), order(contexts.id)).limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > options.limit && last
    ? encodeContextCursor({
      sort: options.sort,
      key: (options.sort.endsWith("started") ? last.startedAt : last.lastActivityAt).getTime(),
      id: last.id,
    })
    : null;
  return { contexts: page, nextCursor };
}

/** What the owner's contexts can be filtered by, and how many there are in each status. */
export async function contextFacets(db: Db, ownerId: string): Promise<{
  regions: string[];
  packages: string[];
  byStatus: Record<ContextStatus, number>;
}> {
  const [regions, names, statuses] = await Promise.all([
    db.selectDistinct({ region: contexts.region }).from(contexts)
      .where(eq(contexts.ownerId, ownerId)).orderBy(contexts.region).limit(200),
    db.selectDistinct({ name: packages.name }).from(contexts)
      .innerJoin(packageVersions, eq(packageVersions.id, contexts.packageVersionId))
      .innerJoin(packages, eq(packages.id, packageVersions.packageId))
      .where(eq(contexts.ownerId, ownerId)).orderBy(packages.name).limit(200),
    db.select({ status: contexts.status, n: sql<number>`count(*)` }).from(contexts)
      .where(eq(contexts.ownerId, ownerId)).groupBy(contexts.status),
  ]);
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<
    ContextStatus,
    number
  >;
  for (const row of statuses) byStatus[row.status] = Number(row.n);
  return {
    regions: regions.map((r) => r.region),
    packages: names.map((r) => r.name),
    byStatus,
  };
}
