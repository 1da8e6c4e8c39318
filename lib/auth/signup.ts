// Sign-up. Nothing a visitor can observe depends on whether the address is registered: the
// answer, the mail count, the handle (taken afterwards either way, and /@handle a 404 either
// way until an address is verified) and the work done. Both paths hash the password, run the
// same reads, then one batch of the same four inserts (users, owners, audit_events,
// email_tokens), and mail the address once.
import type { Services } from "../define.ts";
import { accountExistsEmail, verificationEmail } from "../mail/templates.ts";
import { auditInsert } from "../audit/audit.ts";
import {
  type Account,
  conflictOf,
  findAccountByEmail,
  handleReservationWrites,
  isHandleTaken,
  newAccountWrites,
  normalizeEmail,
} from "./accounts.ts";
import { checkHandle } from "./handles.ts";
import { checkPasswordPolicy, hashPassword } from "./password.ts";
import { newEmailToken } from "./email_tokens.ts";
import { enforceLimit, LIMITS } from "./limits.ts";
import { checkEmail, type FieldErrors, type RequestMeta, sendInBackground } from "./flows.ts";

/**
 * Signs up. A new address gets an unverified account and a verification link. An address
 * that has an account gets a mail with a reset link (which also lets the real owner take over
 * an account someone else signed up with and never verified), and the handle is held by a
 * reservation that expires like an unverified account. Only a taken handle is reported. No
 * session is created: the verification link signs the user in.
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

  const passwordHash = await hashPassword(input.password);
  const email = normalizeEmail(input.email);
  // Twice at most: a new address registered by a concurrent sign-up is then an existing one.
  for (let attempt = 0; attempt < 2; attempt++) {
    const holder = await findAccountByEmail(s.db, email);
    const built = holder
      ? existingAddress(s, holder, handle.handle, meta, now)
      : newAddress(s, { email, handle: handle.handle, passwordHash }, meta, now);
    try {
      await s.db.batch(built.writes);
    } catch (error) {
      const conflict = await conflictOf(s.db, error, { email, handle: handle.handle });
      if (conflict === "handle") return { errors: { handle: handleTaken(handle.handle) } };
      if (conflict === "email" && !holder) continue;
      throw error;
    }
    sendInBackground(s, email, built.mail);
    return { ok: true };
  }
  throw new Error("sign-up kept colliding with a concurrent one");
}

function newAddress(
  s: Services,
  input: { email: string; handle: string; passwordHash: string },
  meta: RequestMeta,
  now: Date,
) {
  const created = newAccountWrites(s.db, input, now);
  const { userId, ownerId } = created.account;
  const link = newEmailToken(s.db, { userId, email: input.email, purpose: "verify" }, now);
  return {
    writes: [
      ...created.writes,
      auditInsert(s.db, { ownerId, userId, ...meta }, {
        action: "account.signup",
        targetType: "user",
        targetId: userId,
      }, now),
      link.insert,
    ] as const,
    mail: verificationEmail({
      publicOrigin: s.config.publicOrigin,
      token: link.token,
      email: input.email,
    }),
  };
}

function existingAddress(
  s: Services,
  holder: Account,
  handle: string,
  meta: RequestMeta,
  now: Date,
) {
  const reservation = handleReservationWrites(s.db, handle, now);
  const link = newEmailToken(s.db, {
    userId: holder.userId,
    email: holder.email,
    purpose: "reset",
  }, now);
  return {
    writes: [
      ...reservation.writes,
      // The owner sees the attempt in their audit log; the actor is not one of our users.
      auditInsert(s.db, { ownerId: holder.ownerId, userId: null, ...meta }, {
        action: "account.signup_attempt",
        targetType: "user",
        targetId: holder.userId,
        metadata: { handle },
      }, now),
      link.insert,
    ] as const,
    mail: accountExistsEmail({
      publicOrigin: s.config.publicOrigin,
      token: link.token,
      email: holder.email,
      handle: holder.handle,
      verified: holder.emailVerifiedAt !== null,
    }),
  };
}

function handleTaken(handle: string): string {
  return `The handle "${handle}" is taken; choose another`;
}
