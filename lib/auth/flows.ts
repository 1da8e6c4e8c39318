// What the account commands share: who an event is recorded for, the writes of opening and
// ending a session, replacing a password, and mail sent outside any transaction.
import type { BatchItem } from "drizzle-orm/batch";
import type { Services } from "../services.ts";
import type { Actor, Origin } from "../access/policy.ts";
import { type MailContent, passwordChangedEmail } from "../mail/templates.ts";
import { type Actor as AuditActor, auditInsert } from "../audit/audit.ts";
import { type Account, markVerifiedQuery, setPasswordQuery } from "./accounts.ts";
import { newSession, revokeSessionQuery, revokeSessionsQuery } from "./sessions.ts";
import { revokeEmailTokensQuery } from "./email_tokens.ts";
import { countActiveApiTokens, revokeUserApiTokensQuery } from "./api_tokens.ts";

/** The signed-in account and a new browser session to set as the cookie. */
export interface SignedIn {
  account: Account;
  sessionToken: string;
}

/** The key a per-network limit counts under. */
export function networkOf(actor: Origin): string {
  return actor.ip ?? "unknown";
}

/** Who acts, for audit events: `account`, from where the request came. */
export function accountActor(account: Account, origin: Origin): AuditActor {
  return {
    ownerId: account.ownerId,
    userId: account.userId,
    ip: origin.ip,
    userAgent: origin.userAgent,
  };
}

/** Sends mail without making the request wait or fail on it: delivery problems are logged. */
export function sendInBackground(s: Services, to: string, content: MailContent): void {
  s.mailer.send({ to, ...content }).catch((error) =>
    s.logger.error("mail delivery failed", { to, subject: content.subject, error: String(error) })
  );
}

/**
 * A new session for this browser and its "auth.login" audit event, as writes for the caller's
 * batch, and the token to set as the cookie.
 */
export function signInWrites(
  s: Services,
  account: Account,
  origin: Origin,
  now: Date,
  metadata?: Record<string, string>,
) {
  const session = newSession(s.db, {
    userId: account.userId,
    userAgent: origin.userAgent,
    ip: origin.ip,
  }, now);
  const writes = [
    session.insert,
    auditInsert(s.db, accountActor(account, origin), {
      action: "auth.login",
      targetType: "session",
      targetId: session.session.id,
      metadata,
    }, now),
  ] as const;
  return { writes, token: session.token };
}

/** The revocation of the actor's browser session and its "auth.logout" event, for a batch. */
export function signOutWrites(
  s: Services,
  actor: Extract<Actor, { via: "session" }>,
  now: Date,
) {
  return [
    revokeSessionQuery(s.db, actor.userId, actor.sessionId, now),
    auditInsert(
      s.db,
      {
        ownerId: actor.ownerId,
        userId: actor.userId,
        ip: actor.ip,
        userAgent: actor.userAgent,
      },
      { action: "auth.logout", targetType: "session", targetId: actor.sessionId },
      now,
    ),
  ] as const;
}

/**
 * Stores a new password hash and, in the same batch, revokes every session and mailed link of
 * the user and, when `revokeTokens`, every API token (plus `extra` writes, such as signing out
 * another account), opens a fresh session for this browser and records the event with the
 * choice and the number of working tokens it applied to; then tells the owner by mail. A
 * reset also marks the address verified: the link proved control of it.
 */
export async function replacePassword(
  s: Services,
  account: Account,
  change: {
    passwordHash: string;
    action: "password.reset" | "password.change";
    revokeTokens: boolean;
  },
  origin: Origin,
  now: Date,
  extra: readonly BatchItem<"sqlite">[] = [],
): Promise<{ sessionToken: string; revokedTokens: number }> {
  const { action, revokeTokens } = change;
  const tokens = await countActiveApiTokens(s.db, account.userId, now);
  const session = newSession(s.db, {
    userId: account.userId,
    userAgent: origin.userAgent,
    ip: origin.ip,
  }, now);
  await s.db.batch([
    setPasswordQuery(s.db, account.userId, change.passwordHash, now),
    revokeSessionsQuery(s.db, account.userId, now),
    ...(revokeTokens ? [revokeUserApiTokensQuery(s.db, account.userId, now)] : []),
    revokeEmailTokensQuery(s.db, account.userId, ["verify", "reset"], now),
    ...(action === "password.reset" ? [markVerifiedQuery(s.db, account.userId, now)] : []),
    ...extra,
    session.insert,
    auditInsert(s.db, accountActor(account, origin), {
      action,
      targetType: "user",
      targetId: account.userId,
      metadata: { revoke_tokens: revokeTokens, api_tokens: tokens },
    }, now),
  ]);
  const revokedTokens = revokeTokens ? tokens : 0;
  sendInBackground(
    s,
    account.email,
    passwordChangedEmail({
      publicOrigin: s.config.publicOrigin,
      email: account.email,
      changedAt: now,
      revokedTokens,
    }),
  );
  return { sessionToken: session.token, revokedTokens };
}
