import { and, eq, gt, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { emailTokens, users } from "../db/schema.ts";
import { randomSecret, sha256Hex } from "./secrets.ts";

import { RESET_TOKEN_TTL_MS, VERIFY_TOKEN_TTL_MS } from "../mail/templates.ts";

export type EmailTokenPurpose = "verify" | "reset";

/** How long a mailed link works (the mails say so): verification 24 h, password reset 1 h. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify: VERIFY_TOKEN_TTL_MS,
  reset: RESET_TOKEN_TTL_MS,
};

/** Whom a link was mailed to: its user and the address it was bound to. */
export interface LinkHolder {
  userId: string;
  email: string;
}

/** The insert of a single-use link token (256 random bits; only its SHA-256 is stored). */
export function newEmailToken(
  db: Db,
  input: { userId: string; email: string; purpose: EmailTokenPurpose },
  now: Date,
) {
  const token = randomSecret();
  const insert = db.insert(emailTokens).values({
    id: crypto.randomUUID(),
    userId: input.userId,
    purpose: input.purpose,
    email: input.email,
    tokenHash: sha256Hex(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_MS[input.purpose]),
  });
  return { insert, token };
}

/** Issues a single-use link token for a known user. */
export async function issueEmailToken(
  db: Db,
  input: { userId: string; email: string; purpose: EmailTokenPurpose },
  now: Date,
): Promise<string> {
  const { insert, token } = newEmailToken(db, input, now);
  await insert;
  return token;
}

/**
 * A link token for whichever user has this (normalized) address, as one INSERT ... SELECT for
 * the caller's batch: the same statement runs whether or not the address is registered, so the
 * work does not tell. `unverifiedOnly` restricts it to an account not verified yet. `holder`
 * reads the statement's result: whom the link is for, or null when nothing was inserted.
 */
export function issueEmailTokenToQuery(
  db: Db,
  input: {
    email: string;
    purpose: EmailTokenPurpose;
    unverifiedOnly?: boolean;
    /** Conditions that must also hold, such as a rate limit's `allowedSql`. */
    when?: SQL[];
  },
  now: Date,
) {
  const token = randomSecret();
  const expiresAt = now.getTime() + EMAIL_TOKEN_TTL_MS[input.purpose];
  const conditions = [
    ...(input.unverifiedOnly ? [sql`${users.emailVerifiedAt} IS NULL`] : []),
    ...(input.when ?? []),
  ].map((c) => sql` AND ${c}`);
  const query = db.all<{ user_id: string; email: string }>(sql`
    INSERT INTO ${emailTokens} (id, user_id, purpose, email, token_hash, created_at, expires_at)
    SELECT ${crypto.randomUUID()}, ${users.id}, ${input.purpose}, ${users.email},
      ${sha256Hex(token)}, ${now.getTime()}, ${expiresAt}
    FROM ${users} WHERE ${users.email} = ${input.email}${sql.join(conditions)}
    RETURNING user_id, email`);
  const holder = (rows: { user_id: string; email: string }[]): LinkHolder | null => {
    const row = rows[0];
    return row ? { userId: row.user_id, email: row.email } : null;
  };
  return { query, token, holder };
}

/**
 * Consumes a token in one conditional UPDATE, so two concurrent redemptions cannot both win.
 * Null when it is unknown, of another purpose, used or expired. The caller's batch must also
 * run `revokeEmailTokensQuery`: using one link ends every other link of its kind.
 */
export async function consumeEmailToken(
  db: Db,
  input: { token: string; purpose: EmailTokenPurpose },
  now: Date,
): Promise<LinkHolder | null> {
  if (!isTokenShaped(input.token)) return null;
  const [row] = await db.update(emailTokens).set({ usedAt: now })
    .where(liveToken(input, now))
    .returning({ userId: emailTokens.userId, email: emailTokens.email });
  return row ?? null;
}

/** The row of this token while it may still be used: its purpose, unused and unexpired. */
function liveToken(input: { token: string; purpose: EmailTokenPurpose }, now: Date): SQL {
  return and(
    eq(emailTokens.tokenHash, sha256Hex(input.token)),
    eq(emailTokens.purpose, input.purpose),
    isNull(emailTokens.usedAt),
    gt(emailTokens.expiresAt, now),
  )!;
}

/** Whom a token would be accepted for now, without using it (to choose which page to show). */
export async function peekEmailToken(
  db: Db,
  input: { token: string; purpose: EmailTokenPurpose },
  now: Date,
): Promise<LinkHolder | null> {
  if (!isTokenShaped(input.token)) return null;
  const [row] = await db.select({ userId: emailTokens.userId, email: emailTokens.email })
    .from(emailTokens)
    .where(liveToken(input, now)).limit(1);
  return row ?? null;
}

/**
 * Ends every outstanding link of these kinds for a user, for the batch of the change that
 * makes them pointless: a link used, the address verified, the password or the email changed.
 */
export function revokeEmailTokensQuery(
  db: Db,
  userId: string,
  purposes: readonly EmailTokenPurpose[],
  now: Date,
) {
  return db.update(emailTokens).set({ usedAt: now }).where(and(
    eq(emailTokens.userId, userId),
    inArray(emailTokens.purpose, [...purposes]),
    isNull(emailTokens.usedAt),
  ));
}

function isTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
