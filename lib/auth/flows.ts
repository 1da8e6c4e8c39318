// The account flows, shared by the pages and the JSON API: each validates, rate-limits, does
// its writes in one batch with the audit event, and sends mail outside any transaction.
import { z } from "zod";
import type { Services } from "../define.ts";
import { HttpError } from "../framework/http_error.ts";
import {
  accountExistsEmail,
  type MailContent,
  passwordChangedEmail,
  passwordResetEmail,
  verificationEmail,
} from "../mail/templates.ts";
import { type Actor, auditInsert, recordAudit } from "../audit/audit.ts";
import {
  type Account,
  checkHandle,
  createAccount,
  findAccountByEmail,
  getAccount,
  getPasswordHash,
  isHandleTaken,
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
import { consumeEmailToken, issueEmailToken } from "./email_tokens.ts";
import { revokeUserApiTokensQuery } from "./api_tokens.ts";
import { enforceLimit, LIMITS } from "./limits.ts";

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

function checkEmail(input: string): string | null {
  return EMAIL.safeParse(normalizeEmail(input)).success
    ? null
    : "Enter a valid email address, such as you@example.com";
}

/** Sends mail without making the request wait or fail on it: delivery problems are logged. */
function sendInBackground(s: Services, to: string, content: MailContent): void {
  s.mailer.send({ to, ...content }).catch((error) =>
    s.logger.error("mail delivery failed", { to, subject: content.subject, error: String(error) })
  );
}

/**
 * Issues a single-use link of `purpose` for the account's address and mails it: a
 * verification link at signup and on resend, a reset link on request.
 */
async function mailLink(
  s: Services,
  account: { userId: string; email: string },
  purpose: "verify" | "reset",
  now: Date,
): Promise<void> {
  const token = await issueEmailToken(s.db, {
    userId: account.userId,
    email: account.email,
    purpose,
  }, now);
  const template = purpose === "verify" ? verificationEmail : passwordResetEmail;
  sendInBackground(
    s,
    account.email,
    template({ publicOrigin: s.config.publicOrigin, token, email: account.email }),
  );
}

/**
 * A new session for this browser and its "auth.login" audit event, as writes for the caller's
 * batch, and the token to set as the cookie.
 */
function signInWrites(
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
 * Signs up. The answer is the same whether or not the email is registered (an existing
 * owner gets a mail saying someone tried); only a taken handle is reported, as handles are
 * public anyway. No session is created: the verification link signs the user in.
 */
export async function signUp(
  s: Services,
  input: { email: string; handle: string; password: string },
  meta: RequestMeta,
): Promise<{ errors: FieldErrors } | { ok: true }> {
  const now = s.clock();
  await enforceLimit(s.db, LIMITS.signupPerIp, meta.ip, now);
  const errors: FieldErrors = {};
  const emailError = checkEmail(input.email);
  if (emailError) errors.email = emailError;
  const handle = checkHandle(input.handle);
  if ("error" in handle) errors.handle = handle.error;
  const passwordError = checkPasswordPolicy(input.password);
  if (passwordError) errors.password = passwordError;
  if (!errors.handle && "handle" in handle && await isHandleTaken(s.db, handle.handle)) {
    errors.handle = handleTaken(handle.handle);
  }
  if (Object.keys(errors).length > 0 || !("handle" in handle)) return { errors };

  // Hash before looking the email up, so both paths spend the same time.
  const passwordHash = await hashPassword(input.password);
  const existing = await findAccountByEmail(s.db, input.email);
  const created = existing ? null : await createAccount(s.db, {
    email: input.email,
    handle: handle.handle,
    passwordHash,
    ip: meta.ip,
    userAgent: meta.userAgent,
  }, now);
  if (created && "conflict" in created && created.conflict === "handle") {
    return { errors: { handle: handleTaken(handle.handle) } };
  }
  if (created && "account" in created) {
    await mailLink(s, created.account, "verify", now);
  } else {
    const to = normalizeEmail(input.email);
    sendInBackground(s, to, accountExistsEmail({ publicOrigin: s.config.publicOrigin, email: to }));
  }
  return { ok: true };
}

function handleTaken(handle: string): string {
  return `The handle "${handle}" is taken; choose another`;
}

/** Checks email and password; one message for every failure, and a dummy hash for unknown emails. */
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
  await enforceLimit(s.db, LIMITS.loginPerIp, meta.ip, now);
  await enforceLimit(s.db, LIMITS.loginPerAccount, address, now);
  const account = checkEmail(input.email) ? null : await findAccountByEmail(s.db, address);
  const ok = account
    ? await verifyPassword(account.passwordHash, input.password)
    : await dummyVerify();
  if (!account || !ok) {
    if (account) {
      await recordAudit(s.db, actorFor(account, meta), {
        action: "auth.login_failed",
        targetType: "user",
        targetId: account.userId,
      }, now);
    }
    return { errors: { form: "Email or password is incorrect" } };
  }
  const { passwordHash: _, ...acct } = account;
  const signIn = signInWrites(s, acct, meta, now);
  await s.db.batch(signIn.writes);
  return { account: acct, sessionToken: signIn.token };
}

/** Ends the current session. */
export async function logOut(
  s: Services,
  account: Account,
  session: SessionInfo,
  meta: RequestMeta,
): Promise<void> {
  const now = s.clock();
  await s.db.batch([
    revokeSessionQuery(s.db, account.userId, session.id, now),
    auditInsert(s.db, actorFor(account, meta), {
      action: "auth.logout",
      targetType: "session",
      targetId: session.id,
    }, now),
  ]);
}

/**
 * Redeems a verification link: marks the address verified and, unless this browser is
 * already signed in as that user, signs it in. Null for an unknown, used or expired link.
 */
export async function verifyEmail(
  s: Services,
  token: string,
  meta: RequestMeta & { signedInUserId?: string | null },
): Promise<{ account: Account; sessionToken: string | null } | null> {
  const now = s.clock();
  const redeemed = await consumeEmailToken(s.db, { token, purpose: "verify" }, now);
  if (!redeemed) return null;
  const account = await getAccount(s.db, redeemed.userId);
  // A link is bound to the address it was sent to.
  if (!account || account.email !== redeemed.email) return null;
  const writes = [
    markVerifiedQuery(s.db, account.userId, now),
    auditInsert(s.db, actorFor(account, meta), {
      action: "account.verify",
      targetType: "user",
      targetId: account.userId,
      metadata: { email: account.email },
    }, now),
  ] as const;
  let sessionToken: string | null = null;
  if (meta.signedInUserId === account.userId) {
    await s.db.batch(writes);
  } else {
    const signIn = signInWrites(s, account, meta, now, { method: "verification_link" });
    await s.db.batch([...writes, ...signIn.writes]);
    sessionToken = signIn.token;
  }
  return { account: { ...account, emailVerifiedAt: account.emailVerifiedAt ?? now }, sessionToken };
}

/** Sends a fresh verification link to a signed-in, unverified account. */
export async function resendVerification(s: Services, account: Account): Promise<void> {
  const now = s.clock();
  await enforceLimit(s.db, LIMITS.verifyResend, account.userId, now);
  if (account.emailVerifiedAt) return;
  await mailLink(s, account, "verify", now);
}

/** Resends a verification link by address (from the sign-in page); same answer for any address. */
export async function resendVerificationTo(
  s: Services,
  address: string,
): Promise<{ errors: FieldErrors } | { ok: true }> {
  const emailError = checkEmail(address);
  if (emailError) return { errors: { email: emailError } };
  const now = s.clock();
  await enforceLimit(s.db, LIMITS.verifyResend, normalizeEmail(address), now);
  const account = await findAccountByEmail(s.db, address);
  if (account && !account.emailVerifiedAt) {
    const { passwordHash: _, ...acct } = account;
    await resendVerification(s, acct);
  }
  return { ok: true };
}

/** Mails a reset link when the address has an account; the answer never says which. */
export async function requestPasswordReset(
  s: Services,
  address: string,
  meta: RequestMeta,
): Promise<{ errors: FieldErrors } | { ok: true }> {
  const emailError = checkEmail(address);
  if (emailError) return { errors: { email: emailError } };
  const now = s.clock();
  await enforceLimit(s.db, LIMITS.forgotPerAccount, normalizeEmail(address), now);
  await enforceLimit(s.db, LIMITS.forgotPerIp, meta.ip, now);
  const account = await findAccountByEmail(s.db, address);
  if (account) await mailLink(s, account, "reset", now);
  return { ok: true };
}

/**
 * Sets a new password from a reset link (single use, consumed atomically), revokes every
 * session and API token of the user, and signs this browser in afresh.
 */
export async function resetPassword(
  s: Services,
  input: { token: string; password: string },
  meta: RequestMeta,
): Promise<{ errors: FieldErrors } | SignedIn> {
  const policy = checkPasswordPolicy(input.password);
  if (policy) return { errors: { password: policy } };
  const passwordHash = await hashPassword(input.password);
  const now = s.clock();
  const redeemed = await consumeEmailToken(s.db, { token: input.token, purpose: "reset" }, now);
  const account = redeemed ? await getAccount(s.db, redeemed.userId) : null;
  if (!account || account.email !== redeemed!.email) {
    return {
      errors: { form: "This reset link is invalid, already used or expired; ask for a new one" },
    };
  }
  // A reset proves control of the address, so an unverified account becomes verified.
  const sessionToken = await replacePassword(s, account, passwordHash, "password.reset", meta, now);
  return {
    account: { ...account, emailVerifiedAt: account.emailVerifiedAt ?? now },
    sessionToken,
  };
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
 * Stores a new password hash and, in the same batch, revokes every session and API token of
 * the user, opens a fresh session for this browser and records the event; then tells the
 * owner by mail. A reset also marks the address verified: the link proved control of it.
 */
async function replacePassword(
  s: Services,
  account: Account,
  passwordHash: string,
  action: "password.reset" | "password.change",
  meta: RequestMeta,
  now: Date,
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
    ...(action === "password.reset" ? [markVerifiedQuery(s.db, account.userId, now)] : []),
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
