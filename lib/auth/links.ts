// The flows behind mailed links: verification and password reset. A link works once, and
// using it (or changing the password) ends every other outstanding link of its kind. A link
// never silently switches a browser that is signed in as someone else: the caller must pass
// `signOut` after showing who is signed in and whom the link is for (the API never does).
import type { z } from "zod";
import type { Services } from "../services.ts";
import { type Actor, can } from "../access/policy.ts";
import { DomainError } from "../errors.ts";
import { parseInput } from "../validation.ts";
import { passwordResetEmail, verificationEmail } from "../mail/templates.ts";
import { auditInsert } from "../audit/audit.ts";
import { type Account, getAccount, markVerifiedQuery } from "./accounts.ts";
import { hashPassword } from "./password.ts";
import {
  consumeEmailToken,
  type EmailTokenPurpose,
  issueEmailTokenToQuery,
  type LinkHolder,
  peekEmailToken,
  revokeEmailTokensQuery,
} from "./email_tokens.ts";
import { limitQuery, LIMITS } from "./limits.ts";
import { EmailInput, ResetInput, VerifyInput } from "./inputs.ts";
import {
  accountActor,
  networkOf,
  replacePassword,
  sendInBackground,
  type SignedIn,
  signInWrites,
  signOutWrites,
} from "./flows.ts";

/** The browser is signed in as another account than the link's: ask before switching. */
export interface OtherAccount {
  signedInAs: string;
  linkFor: string;
}

/** The visitor chose "sign out and continue" on the page that named both accounts. */
export interface LinkChoice {
  signOut?: boolean;
}

/** The refusal of a link used while signed in as someone else (it never switches silently). */
export const OTHER_ACCOUNT =
  "you are signed in as another account than this link's; sign out first, then use the link";

export const VERIFY_LINK_FAILED =
  "This verification link is invalid, already used or expired; ask for a new one";
export const RESET_LINK_FAILED =
  "This reset link is invalid, already used or expired; ask for a new one";

/** Whom a still-usable link is for, and whether the browser is signed in as someone else. */
export async function inspectLink(
  s: Services,
  actor: Actor,
  input: { token: string; purpose: EmailTokenPurpose },
): Promise<{ holder: LinkHolder; other: OtherAccount | null } | null> {
  const holder = await peekEmailToken(s.db, input, s.clock());
  if (!holder) return null;
  const current = browserOf(actor);
  const other = current && current.userId !== holder.userId
    ? await getAccount(s.db, current.userId)
    : null;
  return { holder, other: other ? { signedInAs: other.email, linkFor: holder.email } : null };
}

// The browser session a link is used from, if any (an API token is no browser to switch).
function browserOf(actor: Actor): Extract<Actor, { via: "session" }> | null {
  return actor.kind === "user" && actor.via === "session" ? actor : null;
}

/**
 * Redeems a verification link: marks the address verified, ends the user's other
 * verification links and, unless this browser is already signed in as that user, signs it
 * in (`sessionToken`).
 */
export async function verifyEmail(
  s: Services,
  actor: Actor,
  input: z.input<typeof VerifyInput>,
  choice: LinkChoice = {},
): Promise<{ account: Account; sessionToken: string | null }> {
  const { token } = parseInput(VerifyInput, input);
  const inspected = await inspectLink(s, actor, { token, purpose: "verify" });
  if (!inspected) throw new DomainError("invalid", VERIFY_LINK_FAILED);
  if (inspected.other && !choice.signOut) throw new DomainError("conflict", OTHER_ACCOUNT);
  const now = s.clock();
  const redeemed = await consumeEmailToken(s.db, { token, purpose: "verify" }, now);
  const account = redeemed ? await getAccount(s.db, redeemed.userId) : null;
  // A link is bound to the address it was sent to.
  if (!account || account.email !== redeemed!.email) {
    throw new DomainError("invalid", VERIFY_LINK_FAILED);
  }
  const writes = [
    markVerifiedQuery(s.db, account.userId, now),
    revokeEmailTokensQuery(s.db, account.userId, ["verify"], now),
    auditInsert(s.db, accountActor(account, actor), {
      action: "account.verify",
      targetType: "user",
      targetId: account.userId,
      metadata: { email: account.email },
    }, now),
  ] as const;
  let sessionToken: string | null = null;
  if (browserOf(actor)?.userId === account.userId) {
    await s.db.batch(writes);
  } else {
    const signIn = signInWrites(s, account, actor, now, { method: "verification_link" });
    await s.db.batch([...writes, ...signOutOf(s, actor, choice, now), ...signIn.writes]);
    sessionToken = signIn.token;
  }
  return { account: { ...account, emailVerifiedAt: account.emailVerifiedAt ?? now }, sessionToken };
}

/**
 * Sets a new password from a reset link (single use, consumed atomically), revokes every
 * session, API token and link of the user, and signs this browser in afresh.
 */
export async function resetPassword(
  s: Services,
  actor: Actor,
  input: z.input<typeof ResetInput>,
  choice: LinkChoice = {},
): Promise<SignedIn> {
  const { token, password } = parseInput(ResetInput, input);
  const inspected = await inspectLink(s, actor, { token, purpose: "reset" });
  if (inspected?.other && !choice.signOut) throw new DomainError("conflict", OTHER_ACCOUNT);
  const passwordHash = await hashPassword(password);
  const now = s.clock();
  const redeemed = await consumeEmailToken(s.db, { token, purpose: "reset" }, now);
  const account = redeemed ? await getAccount(s.db, redeemed.userId) : null;
  if (!account || account.email !== redeemed!.email) {
    throw new DomainError("invalid", RESET_LINK_FAILED);
  }
  // A reset proves control of the address, so an unverified account becomes verified.
  const sessionToken = await replacePassword(
    s,
    account,
    { passwordHash, action: "password.reset" },
    actor,
    now,
    signOutOf(s, actor, choice, now),
  );
  return {
    account: { ...account, emailVerifiedAt: account.emailVerifiedAt ?? now },
    sessionToken,
  };
}

// The session of another account that this browser signs out of, when it chose to.
function signOutOf(s: Services, actor: Actor, choice: LinkChoice, now: Date) {
  const current = browserOf(actor);
  return current && choice.signOut ? signOutWrites(s, current, now) : [];
}

/**
 * Mails a fresh verification link: to the signed-in browser's own account, or else to the
 * address given (the same answer for any address), unless it is verified already.
 */
export async function resendVerification(s: Services, actor: Actor, input: unknown): Promise<void> {
  const own = actor.kind === "user" && can(actor, "account.manage").allowed
    ? await getAccount(s.db, actor.userId)
    : null;
  await mailVerification(s, own ? own.email : parseInput(EmailInput, input).email);
}

// One batch whether the address is unknown, verified or waiting: the rate-limit hit and an
// INSERT ... SELECT that only inserts for an unverified account, so both paths share one commit.
async function mailVerification(s: Services, address: string): Promise<void> {
  const now = s.clock();
  const limit = limitQuery(s.db, LIMITS.verifyResend, address, now);
  const link = issueEmailTokenToQuery(s.db, {
    email: address,
    purpose: "verify",
    unverifiedOnly: true,
    when: [limit.allowedSql],
  }, now);
  const [counted, issued] = await s.db.batch([limit.query, link.query]);
  limit.enforce(counted);
  const holder = link.holder(issued);
  if (!holder) return;
  sendInBackground(
    s,
    holder.email,
    verificationEmail({
      publicOrigin: s.config.publicOrigin,
      token: link.token,
      email: holder.email,
    }),
  );
}

/** Mails a reset link when the address has an account; the answer and the work never say which. */
export async function requestPasswordReset(
  s: Services,
  actor: Actor,
  input: z.input<typeof EmailInput>,
): Promise<void> {
  const { email } = parseInput(EmailInput, input);
  const now = s.clock();
  const perAccount = limitQuery(s.db, LIMITS.forgotPerAccount, email, now);
  const perIp = limitQuery(s.db, LIMITS.forgotPerIp, networkOf(actor), now);
  const link = issueEmailTokenToQuery(s.db, {
    email,
    purpose: "reset",
    when: [perAccount.allowedSql, perIp.allowedSql],
  }, now);
  const [accountCount, ipCount, issued] = await s.db.batch([
    perAccount.query,
    perIp.query,
    link.query,
  ]);
  perAccount.enforce(accountCount);
  perIp.enforce(ipCount);
  if (link.holder(issued)) {
    sendInBackground(
      s,
      email,
      passwordResetEmail({ publicOrigin: s.config.publicOrigin, token: link.token, email }),
    );
  }
}
