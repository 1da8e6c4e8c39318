// Sign-up. Nothing a visitor can observe depends on whether the address is registered: the
// answer, the mail count, the handle (taken afterwards either way, and /@handle a 404 either
// way until an address is verified) and the work done. Both paths hash the password, run the
// same reads, then one batch of the same four inserts (users, owners, audit_events,
// email_tokens), and mail the address once.
import type { z } from "zod";
import type { Services } from "../services.ts";
import type { Actor, Origin } from "../access/policy.ts";
import { DomainError, type FieldIssue } from "../errors.ts";
import { fieldIssues } from "../validation.ts";
import { accountExistsEmail, verificationEmail } from "../mail/templates.ts";
import { auditInsert } from "../audit/audit.ts";
import {
  type Account,
  conflictOf,
  findAccountByEmail,
  handleReservationWrites,
  isHandleTaken,
  newAccountWrites,
} from "./accounts.ts";
import { hashPassword } from "./password.ts";
import { newEmailToken } from "./email_tokens.ts";
import { enforceLimit, LIMITS } from "./limits.ts";
import { SignUpInput } from "./inputs.ts";
import { networkOf, sendInBackground } from "./flows.ts";

/**
 * Signs up. A new address gets an unverified account and a verification link. An address
 * that has an account gets a mail with a reset link (which also lets the real owner take over
 * an account someone else signed up with and never verified), and the handle is held by a
 * reservation that expires like an unverified account. Only a taken handle is reported. No
 * session is created: the verification link signs the user in.
 */
export async function signUp(
  s: Services,
  actor: Actor,
  input: z.input<typeof SignUpInput>,
): Promise<void> {
  const parsed = SignUpInput.safeParse(input);
  const issues: FieldIssue[] = parsed.success ? [] : fieldIssues(parsed.error);
  // A taken handle is reported with the other problems (handles are public anyway).
  const wanted = parsed.success ? parsed.data.handle : SignUpInput.shape.handle.safeParse(
    (input as { handle?: unknown })?.handle,
  ).data;
  if (wanted && !issues.some((i) => i.field === "handle") && await isHandleTaken(s.db, wanted)) {
    issues.push(handleTaken(wanted));
    issues.sort((a, b) => FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field));
  }
  if (!parsed.success || issues.length > 0) {
    throw new DomainError("invalid", issues[0]!.message, { issues });
  }
  const { email, handle, password } = parsed.data;
  const now = s.clock();
  await enforceLimit(s.db, LIMITS.signupPerIp, networkOf(actor), now);
  const meta: Origin = { ip: actor.ip, userAgent: actor.userAgent };
  const passwordHash = await hashPassword(password);
  // Twice at most: a new address registered by a concurrent sign-up is then an existing one.
  for (let attempt = 0; attempt < 2; attempt++) {
    const holder = await findAccountByEmail(s.db, email);
    const built = holder
      ? existingAddress(s, holder, handle, meta, now)
      : newAddress(s, { email, handle, passwordHash }, meta, now);
    try {
      await s.db.batch(built.writes);
    } catch (error) {
      const conflict = await conflictOf(s.db, error, { email, handle });
      if (conflict === "handle") {
        throw new DomainError("invalid", handleTaken(handle).message, {
          issues: [handleTaken(handle)],
        });
      }
      if (conflict === "email" && !holder) continue;
      throw error;
    }
    sendInBackground(s, email, built.mail);
    return;
  }
  throw new Error("sign-up kept colliding with a concurrent one");
}

function newAddress(
  s: Services,
  input: { email: string; handle: string; passwordHash: string },
  meta: Origin,
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
  meta: Origin,
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

const FIELDS = Object.keys(SignUpInput.shape);

function handleTaken(handle: string): FieldIssue {
  return { field: "handle", message: `handle: The handle "${handle}" is taken; choose another` };
}
