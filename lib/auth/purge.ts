// Unverified accounts expire: an address or a handle that nobody proves control of is freed
// again. Runs in the server every hour and in `deno task purge`.
import { and, eq, isNull, lte } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { users } from "../db/schema.ts";
import { startPeriodic } from "../jobs.ts";
import { errorFields, type Logger } from "../log.ts";
import { UNVERIFIED_ACCOUNT_TTL_MS } from "../mail/templates.ts";

const HOUR_MS = 60 * 60_000;

/**
 * Deletes accounts (and the handle reservations that look like them) whose address was not
 * verified within UNVERIFIED_ACCOUNT_TTL_MS of signing up, freeing the address and the
 * handle; their sessions, links, tokens, packages and audit events go with them. One
 * statement per account, so one that cannot be deleted does not hold the others back.
 */
export async function purgeUnverifiedAccounts(
  db: Db,
  now: Date,
  logger?: Logger,
): Promise<{ deleted: number; failed: number }> {
  const cutoff = new Date(now.getTime() - UNVERIFIED_ACCOUNT_TTL_MS);
  const expired = and(isNull(users.emailVerifiedAt), lte(users.createdAt, cutoff));
  const rows = await db.select({ id: users.id }).from(users).where(expired);
  const result = { deleted: 0, failed: 0 };
  for (const { id } of rows) {
    try {
      // The condition again: the address may have been verified since the select.
      const done = await db.delete(users).where(and(eq(users.id, id), expired));
      result.deleted += done.rowsAffected;
    } catch (error) {
      result.failed++;
      logger?.error("unverified account purge failed", { user_id: id, ...errorFields(error) });
    }
  }
  return result;
}

/** Purges a minute after start and then every hour; returns the function that stops it. */
export function startAccountPurge(
  services: { db: Db; clock: () => Date; logger: Logger },
  options: { firstAfterMs?: number; everyMs?: number } = {},
): () => void {
  const { db, clock, logger } = services;
  return startPeriodic("unverified account purge", async () => {
    const result = await purgeUnverifiedAccounts(db, clock(), logger);
    if (result.deleted || result.failed) logger.info("unverified account purge", result);
  }, { firstAfterMs: options.firstAfterMs ?? 60_000, everyMs: options.everyMs ?? HOUR_MS, logger });
}
