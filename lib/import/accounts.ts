// Imported users become accounts with no usable password (NextAuth's hashes are not kept): they
// sign in after "forgot password", which also verifies an address the export did not.
import { and, eq, sql } from "drizzle-orm";
import type { Services } from "../services.ts";
import { auditEvents } from "../db/schema.ts";
import { auditInsert } from "../audit/audit.ts";
import {
  type Account,
  findAccountByEmail,
  isHandleTaken,
  markVerifiedQuery,
  newAccountWrites,
  NO_PASSWORD,
  normalizeEmail,
} from "../auth/accounts.ts";
import type { UserLine } from "./format.ts";
import { handleBase, handleSource, uniqueHandle } from "./handles.ts";

export type UserResult =
  | { outcome: "imported" | "unchanged"; account: Account; note?: string }
  | { outcome: "refused"; reason: string };

/** Whether this account was created by an import (its signup event says so). */
async function wasImported(s: Services, userId: string): Promise<boolean> {
  const [row] = await s.db.select({ id: auditEvents.id }).from(auditEvents).where(and(
    eq(auditEvents.action, "account.signup"),
    eq(auditEvents.targetId, userId),
    sql`json_extract(${auditEvents.metadata}, '$.source') = 'import'`,
  )).limit(1);
  return !!row;
}

/**
 * Finds or creates the account of an exported user. An address that already has an account is
 * that account only when an import made it or its owner verified it: an unverified sign-up
 * with someone else's address must not receive their packages.
 */
export async function importUser(
  s: Services,
  user: UserLine,
  options: { dryRun: boolean; claimed: Set<string> },
): Promise<UserResult> {
  const email = normalizeEmail(user.email);
  const existing = await findAccountByEmail(s.db, email);
  if (existing) {
    if (await wasImported(s, existing.userId)) return { outcome: "unchanged", account: existing };
    if (existing.emailVerifiedAt) {
      // Nothing about the account is written, so this reads the same on every run.
      const note = `merged into the existing verified account @${existing.handle}`;
      return { outcome: "unchanged", account: existing, note };
    }
    return {
      outcome: "refused",
      reason: "an unverified account with this email already exists; its owner must verify " +
        "the address (or it expires after 7 days), then run the import again",
    };
  }
  const wanted = handleBase(handleSource(user));
  const handle = await uniqueHandle(
    wanted,
    async (h) => !options.claimed.has(h) && !await isHandleTaken(s.db, h),
  );
  options.claimed.add(handle);
  const now = s.clock();
  const built = newAccountWrites(s.db, { email, handle, passwordHash: NO_PASSWORD }, now);
  const verifiedAt = user.email_verified_at ?? null;
  const account = { ...built.account, emailVerifiedAt: verifiedAt };
  const notes = [
    handle === wanted
      ? ""
      : `handle "${wanted}" is taken or not allowed, so the account is @${handle}`,
    // lib/auth/purge.ts deletes accounts not verified within 7 days, with their packages.
    user.email_verified_at ? "" : "email not verified: the account and its packages are " +
      "deleted after 7 days unless the owner verifies it through forgot password",
  ].filter(Boolean);
  const note = notes.length ? notes.join("; ") : undefined;
  if (options.dryRun) return { outcome: "imported", account, note };
  const actor = { ownerId: account.ownerId, userId: account.userId, userAgent: "deno task import" };
  await s.db.batch([
    ...built.writes,
    ...(verifiedAt ? [markVerifiedQuery(s.db, account.userId, verifiedAt)] : []),
    auditInsert(s.db, actor, {
      action: "account.signup",
      targetType: "user",
      targetId: account.userId,
      metadata: { source: "import", old_id: user.id },
    }, now),
  ]);
  return { outcome: "imported", account, note };
}
