// Contexts: runtime instances as runtimes report them. Every query is scoped to an owner; a
// context of someone else is null here and 404 in the routes, exactly like a missing one.
import { and, eq, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import { contexts, packages, packageVersions } from "../db/schema.ts";
import { type Actor, auditInsert } from "../audit/audit.ts";
import { notifyLines } from "../logs/live.ts";
import { moveLineToStore } from "../logs/store.ts";
import { MINUTE_MS } from "../logs/append.ts";
import { auditDetails, type Labels, type StoredDetails } from "./details.ts";

export const STATUSES = ["starting", "running", "stopped", "failed"] as const;
export type ContextStatus = typeof STATUSES[number];
/** The compatible validation message (docs/compat/inactu-control-api.md §2.6). */
export const STATUS_MESSAGE = "status must be one of: starting, running, stopped, failed";

export function isStatus(value: string): value is ContextStatus {
  return (STATUSES as readonly string[]).includes(value);
}

/** A context with its linked package version's name and number (null when unlinked). */
export interface ContextSummary {
  id: string;
  status: ContextStatus;
  region: string;
  startedAt: Date;
  endedAt: Date | null;
  packageName: string | null;
  packageVersion: string | null;
  lastActivityAt: Date;
  name: string | null;
  labels: Labels | null;
  runtimeName: string | null;
  runtimeVersion: string | null;
  host: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Context ids are UUIDs; anything else can only be "not found" (ADR 0005). */
export function isContextId(id: string): boolean {
  return UUID.test(id);
}

export const summaryColumns = {
  id: contexts.id,
  status: contexts.status,
  region: contexts.region,
  startedAt: contexts.startedAt,
  endedAt: contexts.endedAt,
  packageName: packages.name,
  packageVersion: packageVersions.version,
  lastActivityAt: contexts.lastActivityAt,
  name: contexts.name,
  labels: contexts.labels,
  runtimeName: contexts.runtimeName,
  runtimeVersion: contexts.runtimeVersion,
  host: contexts.host,
};

/** SELECT summaryColumns FROM contexts with the package version's name and number joined. */
export function selectSummaries<Extra extends Record<string, SQLiteColumn>>(
  db: Db,
  extra?: Extra,
) {
  return db.select({ ...summaryColumns, ...extra } as typeof summaryColumns & Extra).from(contexts)
    .leftJoin(packageVersions, eq(packageVersions.id, contexts.packageVersionId))
    .leftJoin(packages, eq(packages.id, packageVersions.packageId));
}

/** One of the owner's contexts, or null (missing, malformed id, or someone else's). */
export async function findContext(
  db: Db,
  ownerId: string,
  id: string,
): Promise<ContextSummary | null> {
  if (!isContextId(id)) return null;
  const [row] = await selectSummaries(db)
    .where(and(eq(contexts.id, id.toLowerCase()), eq(contexts.ownerId, ownerId))).limit(1);
  return row ?? null;
}

/** The id of the owner's published `name`@`version`, or null. */
export async function findOwnedVersion(
  db: Db,
  ownerId: string,
  name: string,
  version: string,
): Promise<string | null> {
  const [row] = await db.select({ id: packageVersions.id }).from(packageVersions)
    .innerJoin(packages, eq(packages.id, packageVersions.packageId))
    .where(
      and(
        eq(packages.ownerId, ownerId),
        eq(packages.name, name),
        eq(packageVersions.version, version),
      ),
    ).limit(1);
  return row?.id ?? null;
}

/** Registers a context and records its audit event in one batch. */
export async function createContext(
  db: Db,
  actor: Actor,
  input: {
    status: ContextStatus;
    region: string;
    packageVersionId: string | null;
    packageName: string | null;
    packageVersion: string | null;
    details?: Partial<StoredDetails>;
    /** The OpenTelemetry resource it stands for (lib/otlp/contexts.ts). */
    otelResource?: string;
    /** A parsed capability policy (lib/contexts/policy.ts), or none. */
    capabilityPolicy?: Record<string, unknown> | null;
  },
  now: Date,
): Promise<ContextSummary> {
  const id = crypto.randomUUID();
  const details: StoredDetails = {
    name: null,
    labels: null,
    runtimeName: null,
    runtimeVersion: null,
    host: null,
    ...input.details,
  };
  await db.batch([
    db.insert(contexts).values({
      id,
      ownerId: actor.ownerId,
      packageVersionId: input.packageVersionId,
      status: input.status,
      region: input.region,
      startedAt: now,
      // The existing API leaves ended_at null on create, whatever the status.
      endedAt: null,
      lastActivityAt: now,
      ...details,
      otelResource: input.otelResource ?? null,
      capabilityPolicy: input.capabilityPolicy ?? null,
    }),
    auditInsert(db, actor, {
      action: "context.create",
      targetType: "context",
      targetId: id,
      metadata: {
        status: input.status,
        region: input.region,
        ...(input.packageName ? { package: input.packageName, version: input.packageVersion } : {}),
        ...auditDetails(details),
        ...(input.capabilityPolicy ? { capability_policy: input.capabilityPolicy } : {}),
      },
    }, now),
  ]);
  return {
    id,
    status: input.status,
    region: input.region,
    startedAt: now,
    endedAt: null,
    packageName: input.packageName,
    packageVersion: input.packageVersion,
    lastActivityAt: now,
    ...details,
  };
}

/** The severity of the status-change line, as the existing API chooses it. */
function levelForStatus(status: ContextStatus): number {
  return status === "failed" ? 3 : status === "stopped" ? 2 : 1;
}

/**
 * Sets a context's status. A real change also writes the compatible log line
 * (`context status changed: a -> b`), its per-minute count and an audit event; all of it is
 * one batch whose statements read the previous status themselves, so two concurrent changes
 * each log the transition they actually made. Null when the context is not the owner's.
 */
export async function changeContextStatus(
  db: Db,
  actor: Actor,
  id: string,
  status: ContextStatus,
  now: Date,
): Promise<{ context: ContextSummary; changed: boolean } | null> {
  if (!isContextId(id)) return null;
  const contextId = id.toLowerCase();
  const at = now.getTime();
  const mine =
    sql`FROM contexts WHERE id = ${contextId} AND owner_id = ${actor.ownerId} AND status <> ${status}`;
  const level = levelForStatus(status);
  const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  const [logged, , , updated] = await db.batch([
    db.run(sql`INSERT INTO context_logs (context_id, ts, level, message, metadata_json)
      SELECT id, ${at}, ${level}, 'context status changed: ' || status || ' -> ' || ${status},
        json_object('event', 'context.status_changed', 'from', status, 'to', ${status},
          'actor_user_id', ${actor.userId ?? null}, 'source', 'control-plane')
      ${mine} RETURNING id, ts, level, message, metadata_json`),
    db.run(sql`INSERT INTO context_log_counts (context_id, minute, level, lines)
      SELECT id, ${minute}, ${level}, 1 ${mine}
      ON CONFLICT (context_id, minute, level) DO UPDATE SET lines = lines + 1`),
    db.run(sql`INSERT INTO audit_events (owner_id, actor_user_id, actor_token_id, action,
        target_type, target_id, ip, user_agent, metadata_json, created_at)
      SELECT owner_id, ${actor.userId ?? null}, ${actor.tokenId ?? null}, 'context.status',
        'context', id, ${actor.ip ?? null}, ${actor.userAgent ?? null},
        json_object('from', status, 'to', ${status}), ${at}
      ${mine}`),
    // In SET, `status` still reads the old value, so last activity moves only on a change.
    db.run(sql`UPDATE contexts SET status = ${status},
        ended_at = CASE WHEN ${status} IN ('stopped', 'failed') THEN COALESCE(ended_at, ${at})
          ELSE NULL END,
        last_activity_at = CASE WHEN status <> ${status} THEN max(last_activity_at, ${at})
          ELSE last_activity_at END
      WHERE id = ${contextId} AND owner_id = ${actor.ownerId}`),
  ]);
  if (updated.rowsAffected === 0) return null;
  // RETURNING rows, not rowsAffected: libSQL counts no rows affected by a statement returning rows.
  const changed = logged.rows.length > 0;
  if (changed) {
    notifyLines(db, contextId);
    await moveLineToStore(db, contextId, logged.rows[0]!);
  }
  const context = await findContext(db, actor.ownerId, contextId);
  return context ? { context, changed } : null;
}
