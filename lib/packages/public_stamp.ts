// The freshness check of public package pages (routes/@[handle]/[name]): the package's id and
// last change, which every change to it or its versions moves. It runs on every view, 304s
// included, so it is the cheapest read the database allows: a natively prepared statement on
// an embedded database; on a remote one an answer kept in process for at most
// `publicPageMaxStaleMs` (config), the documented bound within which a change made on any
// instance shows on every other (docs/benchmarks.md, "The read path").
import { and, eq, sql } from "drizzle-orm";
import type { Services } from "../services.ts";
import { owners, packages } from "../db/schema.ts";
import { prepared } from "../db/prepared.ts";
import { isPublicOwner } from "./packages.ts";
import { dayOf } from "./downloads.ts";

export interface PublicStamp {
  id: string;
  /** packages.updated_at in milliseconds. */
  updatedAt: number;
  /** packages.download_count: a flush of download counts changes the page (its chart). */
  downloads: number;
  /** The UTC day the stamp was read on: the chart's 30-day window moves with it. */
  day: string;
}

const STAMP_SQL =
  `SELECT p.id, p.updated_at, p.download_count FROM packages p JOIN owners o ON o.id = p.owner_id
  WHERE o.handle = ? AND p.name = ? AND p.visibility = 'public'
  AND (o.kind <> 'user' OR EXISTS (SELECT 1 FROM users u
    WHERE u.id = o.user_id AND u.email_verified_at IS NOT NULL))
  LIMIT 1`;

/** Answers kept by services (one map per app), with the time they were read. */
const kept = new WeakMap<Services, Map<string, { stamp: PublicStamp | null; at: number }>>();
const MAX_KEPT = 10_000;

/** A public package's stamp, or null for a private, missing or unpublishable one alike. */
export async function publicPackageStamp(
  s: Services,
  handle: string,
  name: string,
): Promise<PublicStamp | null> {
  const { nativeGet } = s.database;
  if (nativeGet && s.config.publicPageMaxStaleMs === 0) {
    const row = nativeGet(STAMP_SQL, [handle, name]);
    return row ? stampOf(s, row[0], row[1], row[2]) : null;
  }
  let answers = kept.get(s);
  if (!answers) kept.set(s, answers = new Map());
  const key = `${handle}/${name}`;
  const now = s.clock().getTime();
  const hit = answers.get(key);
  if (hit && now - hit.at < s.config.publicPageMaxStaleMs) return hit.stamp;
  const stamp = await readStamp(s, handle, name);
  if (answers.size >= MAX_KEPT) answers.clear();
  answers.set(key, { stamp, at: now });
  return stamp;
}

async function readStamp(s: Services, handle: string, name: string) {
  const { nativeGet } = s.database;
  if (nativeGet) {
    const row = nativeGet(STAMP_SQL, [handle, name]);
    return row ? stampOf(s, row[0], row[1], row[2]) : null;
  }
  const [row] = await prepared(
    s.db,
    "public-package-stamp",
    (db) =>
      db.select({
        id: packages.id,
        updatedAt: packages.updatedAt,
        downloads: packages.downloadCount,
      }).from(packages)
        .innerJoin(owners, eq(owners.id, packages.ownerId))
        .where(and(
          eq(owners.handle, sql.placeholder("handle")),
          eq(packages.name, sql.placeholder("name")),
          eq(packages.visibility, "public"),
          isPublicOwner(),
        ))
        .limit(1).prepare(),
  ).all({ handle, name });
  return row ? stampOf(s, row.id, row.updatedAt.getTime(), row.downloads) : null;
}

function stampOf(s: Services, id: unknown, updatedAt: unknown, downloads: unknown): PublicStamp {
  return {
    id: String(id),
    updatedAt: Number(updatedAt),
    downloads: Number(downloads),
    day: dayOf(s.clock()),
  };
}

/** The key a public package page is kept under: it changes whenever the page would. */
export function publicPageKey(handle: string, stamp: PublicStamp): string {
  return `@${handle}/${stamp.id}/${stamp.updatedAt}/${stamp.downloads}/${stamp.day}`;
}
