// The account flows, shared by the pages and the JSON API: each validates, rate-limits, does
// its writes in one batch with the audit event, and sends mail outside any transaction.
import { z } from "zod";
import type { BatchItem } from "drizzle-orm/batch";
import type { Services } from "../define.ts";
import { HttpError } from "../framework/http_error.ts";
import { type MailContent, passwordChangedEmail } from "../mail/templates.ts";
import { type Actor, auditInsert } from "../audit/audit.ts";
import {
  type Account,
  failedLoginQuery,
  findAccountByEmail,
  getPasswordHash,
  loginSucceededQuery,
  markVerifiedQuery,
  normalizeEmail,
  setPasswordQuery,
} from "./accounts.ts";
import {
  checkPasswordPolicy,
  dummyVerify,
  hashPassword,
  isPasswordTooLong,
  PASSWORD_TOO_LONG,
  verifyPassword,
} from "./password.ts";
import {
  newSession,
  revokeSessionQuery,
  revokeSessionsQuery,
  type SessionInfo,
} from "./sessions.ts";
import { revokeEmailTokensQuery } from "./email_tokens.ts";
import { revokeUserApiTokensQuery } from "./api_tokens.ts";
import { enforceLimit, limitQuery, LIMITS } from "./limits.ts";

/** Per-field messages for a form; `form` is for errors that belong to no one field. */
export type FieldErrors = Partial<
  Record<"email" | "handle" | "password" | "current_password" | "form", string>
>;

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

/** A new browser session to set as the cookie. */
export interface SignedIn {
  account: Account;
  sessionToken: string;
}

const EMAIL = z.email().max(254);

export function checkEmail(input: string): string | null {
  return EMAIL.safeParse(normalizeEmail(input)).success
    ? null
    : "Enter a valid email address, such as you@example.com";
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
  meta: RequestMeta,
  now: Date,
  metadata?: Record<string, string>,
) {
  const session = newSession(s.db, {
    userId: account.userId,
    userAgent: meta.userAgent,
    ip: meta.ip,
  }, now);
  const writes = [
    session.insert,
    auditInsert(s.db, actorFor(account, meta), {
      action: "auth.login",
      targetType: "session",
      targetId: session.session.id,
      metadata,
    }, now),
  ] as const;
  return { writes, token: session.token };
}

/** Who acts, for audit events, from an account and the request it came with. */
export function actorFor(account: Account, meta: RequestMeta): Actor {
  return {
    ownerId: account.ownerId,
    userId: account.userId,
    ip: meta.ip,
    userAgent: meta.userAgent,
  };
}

/**
 * Checks email and password; one message for every failure. Known and unknown addresses do the
 * same work: one batch (both rate-limit hits and an "auth.login_failed" event that only a
 * known address gets), then a real or a dummy hash. On success that event becomes the
 * "auth.login" event of the new session, so a failed attempt writes nothing more.
 */
export async function logIn(
  s: Services,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<{ errors: FieldErrors } | SignedIn> {
  const now = s.clock();
  if (isPasswordTooLong(input.password)) {
    return { errors: { password: PASSWORD_TOO_LONG } };
  }
  const address = normalizeEmail(input.email);
  const perIp = limitQuery(s.db, LIMITS.loginPerIp, meta.ip, now);
  const perAccount = limitQuery(s.db, LIMITS.loginPerAccount, address, now);
  const [ipCount, accountCount, recorded] = await s.db.batch([
    perIp.query,
    perAccount.query,
    failedLoginQuery(s.db, address, {
      ...meta,
      when: [perIp.allowedSql, perAccount.allowedSql],
    }, now),
  ]);
  perIp.enforce(ipCount);
  perAccount.enforce(accountCount);
  const account = checkEmail(input.email) ? null : await findAccountByEmail(s.db, address);
  const ok = account
    ? await verifyPassword(account.passwordHash, input.password)
    : await dummyVerify();
  const eventId = recorded[0]?.id;
  if (!account || !ok || eventId === undefined) {
    return { errors: { form: "Email or password is incorrect" } };
  }
  const { passwordHash: _, ...acct } = account;
  const session = newSession(
    s.db,
    { userId: acct.userId, userAgent: meta.userAgent, ip: meta.ip },
    now,
  );
  await s.db.batch([session.insert, loginSucceededQuery(s.db, eventId, session.session.id)]);
  return { account: acct, sessionToken: session.token };
}

/** Ends the current session. */
export async function logOut(
  s: Services,
  account: Account,
  session: SessionInfo,
  meta: RequestMeta,
): Promise<void> {
  await s.db.batch(signOutWrites(s, account, session, meta, s.clock()));
}

/** The revocation of one session and its "auth.logout" event, for the caller's batch. */
export function signOutWrites(
  s: Services,
  account: Account,
  session: SessionInfo,
  meta: RequestMeta,
  now: Date,
) {
  return [
    revokeSessionQuery(s.db, account.userId, session.id, now),
    auditInsert(s.db, actorFor(account, meta), {
      action: "auth.logout",
      targetType: "session",
      targetId: session.id,
    }, now),
  ] as const;
}

/** Changes the password (the current one is required), revokes every session and token, signs in afresh. */
export async function changePassword(
  s: Services,
  account: Account,
  input: { current: string; next: string },
  meta: RequestMeta,
): Promise<{ errors: FieldErrors } | SignedIn> {
  if (isPasswordTooLong(input.current)) {
    return { errors: { current_password: "Current password is incorrect" } };
  }
  const policy = checkPasswordPolicy(input.next);
  if (policy) return { errors: { password: policy } };
  const now = s.clock();
  await enforceLimit(s.db, LIMITS.loginPerAccount, account.email, now);
  const hash = await getPasswordHash(s.db, account.userId);
  if (!hash || !await verifyPassword(hash, input.current)) {
    return { errors: { current_password: "Current password is incorrect" } };
  }
  const passwordHash = await hashPassword(input.next);
  const sessionToken = await replacePassword(
    s,
    account,
    passwordHash,
    "password.change",
    meta,
    now,
  );
  return { account, sessionToken };
}

/**
 * Stores a new password hash and, in the same batch, revokes every session, API token and
 * mailed link of the user (and `signOut`: another account's session), opens a fresh session for this browser and records the event; then tells the
 * owner by mail. A reset also marks the address verified: the link proved control of it.
 */
export async function replacePassword(
  s: Services,
  account: Account,
  passwordHash: string,
  action: "password.reset" | "password.change",
  meta: RequestMeta,
  now: Date,
  signOut: readonly BatchItem<"sqlite">[] = [],
): Promise<string> {
  const session = newSession(s.db, {
    userId: account.userId,
    userAgent: meta.userAgent,
    ip: meta.ip,
  }, now);
  await s.db.batch([
    setPasswordQuery(s.db, account.userId, passwordHash, now),
    revokeSessionsQuery(s.db, account.userId, now),
    revokeUserApiTokensQuery(s.db, account.userId, now),
    revokeEmailTokensQuery(s.db, account.userId, ["verify", "reset"], now),
    ...(action === "password.reset" ? [markVerifiedQuery(s.db, account.userId, now)] : []),
    ...signOut,
    session.insert,
    auditInsert(s.db, actorFor(account, meta), {
      action,
      targetType: "user",
      targetId: account.userId,
    }, now),
  ]);
  sendInBackground(
    s,
    account.email,
    passwordChangedEmail({
      publicOrigin: s.config.publicOrigin,
      email: account.email,
      changedAt: now,
    }),
  );
  return session.token;
}

/** Turns field errors into the API's single-message 400. */
export function apiError(errors: FieldErrors): HttpError {
  const [field, message] = Object.entries(errors)[0] ?? ["form", "invalid input"];
  return new HttpError(400, field === "form" ? message! : `${field}: ${message}`);
}
