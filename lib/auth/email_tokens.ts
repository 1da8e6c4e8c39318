import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { emailTokens } from "../db/schema.ts";
import { randomSecret, sha256Hex } from "./secrets.ts";

import { RESET_TOKEN_TTL_MS, VERIFY_TOKEN_TTL_MS } from "../mail/templates.ts";

export type EmailTokenPurpose = "verify" | "reset";

/** How long a mailed link works (the mails say so): verification 24 h, password reset 1 h. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify: VERIFY_TOKEN_TTL_MS,
  reset: RESET_TOKEN_TTL_MS,
};

/** Issues a single-use link token (256 random bits); only its SHA-256 is stored. */
export async function issueEmailToken(
  db: Db,
  input: { userId: string; email: string; purpose: EmailTokenPurpose },
  now: Date,
): Promise<string> {
  const token = randomSecret();
  await db.insert(emailTokens).values({
    id: crypto.randomUUID(),
    userId: input.userId,
    purpose: input.purpose,
    email: input.email,
    tokenHash: sha256Hex(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_MS[input.purpose]),
  });
  return token;
}

/**
 * Consumes a token in one conditional UPDATE, so two concurrent redemptions cannot both win.
 * Null when it is unknown, of another purpose, used or expired.
 */
export async function consumeEmailToken(
  db: Db,
  input: { token: string; purpose: EmailTokenPurpose },
  now: Date,
): Promise<{ userId: string; email: string } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(input.token)) return null;
  const [row] = await db.update(emailTokens).set({ usedAt: now })
    .where(and(
      eq(emailTokens.tokenHash, sha256Hex(input.token)),
      eq(emailTokens.purpose, input.purpose),
      isNull(emailTokens.usedAt),
      gt(emailTokens.expiresAt, now),
    ))
    .returning({ userId: emailTokens.userId, email: emailTokens.email });
  return row ?? null;
}

/** Whether a token would be accepted now, without using it (to show the form or an error). */
export async function peekEmailToken(
  db: Db,
  input: { token: string; purpose: EmailTokenPurpose },
  now: Date,
): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(input.token)) return false;
  const [row] = await db.select({ id: emailTokens.id }).from(emailTokens)
    .where(and(
      eq(emailTokens.tokenHash, sha256Hex(input.token)),
      eq(emailTokens.purpose, input.purpose),
      isNull(emailTokens.usedAt),
      gt(emailTokens.expiresAt, now),
    )).limit(1);
  return !!row;
}
