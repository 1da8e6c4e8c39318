// The flows behind mailed links: verification and password reset. A link works once, and
// using it (or changing the password) ends every other outstanding link of its kind. A link
// never silently switches a browser that is signed in as someone else: the caller must pass
// `signOut` after showing who is signed in and whom the link is for.
import type { Services } from "../define.ts";
import { passwordResetEmail, verificationEmail } from "../mail/templates.ts";
import { auditInsert } from "../audit/audit.ts";
import { type Account, getAccount, markVerifiedQuery, normalizeEmail } from "./accounts.ts";
import { checkPasswordPolicy, hashPassword } from "./password.ts";
import type { SessionInfo } from "./sessions.ts";
import {
  consumeEmailToken,
  type EmailTokenPurpose,
  issueEmailTokenToQuery,
  type LinkHolder,
  peekEmailToken,
  revokeEmailTokensQuery,
} from "./email_tokens.ts";
import { limitQuery, LIMITS } from "./limits.ts";
import {
  actorFor,
  checkEmail,
  type FieldErrors,
  replacePassword,
  type RequestMeta,
  sendInBackground,
  type SignedIn,
  signInWrites,
  signOutWrites,
} from "./flows.ts";

/** The request a link is used from: who is signed in with a browser session, if anyone. */
export interface LinkRequest extends RequestMeta {
  current: { account: Account; session: SessionInfo } | null;
  /** The visitor chose "sign out and continue" on the page that named both accounts. */
  signOut?: boolean;
}

/** The browser is signed in as another account than the link's: ask before switching. */
export interface OtherAccount {
  otherAccount: { signedInAs: string; linkFor: string };
}

/** The API's 409 for a link used while signed in as someone else (it never switches). */
export const OTHER_ACCOUNT_API_ERROR =
  "you are signed in as another account than this link's; sign out first, then use the link";

const LINK_FAILED = "This reset link is invalid, already used or expired; ask for a new one";

/** Whom a still-usable link is for, and whether the browser is signed in as someone else. */
export async function inspectLink(
  s: Services,
  input: { token: string; purpose: EmailTokenPurpose },
  request: Pick<LinkRequest, "current">,
): Promise<{ holder: LinkHolder; other: OtherAccount | null } | null> {
  const holder = await peekEmailToken(s.db, input, s.clock());
  if (!holder) return null;
  const current = request.current?.account;
  const other = current && current.userId !== holder.userId
    ? { otherAccount: { signedInAs: current.email, linkFor: holder.email } }
    : null;
  return { holder, other };
}

/**
 * Redeems a verification link: marks the address verified, ends the user's other
 * verification links and, unless this browser is already signed in as that user, signs it
 * in. Null for an unknown, used or expired link.
 */
export async function verifyEmail(
  s: Services,
  token: string,
  request: LinkRequest,
): Promise<{ account: Account; sessionToken: string | null } | OtherAccount | null> {
  const inspected = await inspectLink(s, { token, purpose: "verify" }, request);
  if (!inspected) return null;
  if (inspected.other && !request.signOut) return inspected.other;
  const now = s.clock();
  const redeemed = await consumeEmailToken(s.db, { token, purpose: "verify" }, now);
  const account = redeemed ? await getAccount(s.db, redeemed.userId) : null;
  // A link is bound to the address it was sent to.
  if (!account || account.email !== redeemed!.email) return null;
  const writes = [
    markVerifiedQuery(s.db, account.userId, now),
    revokeEmailTokensQuery(s.db, account.userId, ["verify"], now),
    auditInsert(s.db, actorFor(account, request), {
      action: "account.verify",
      targetType: "user",
      targetId: account.userId,
      metadata: { email: account.email },
    }, now),
  ] as const;
  let sessionToken: string | null = null;
  if (request.current?.account.userId === account.userId) {
    await s.db.batch(writes);
  } else {
    const signIn = signInWrites(s, account, request, now, { method: "verification_link" });
    await s.db.batch([...writes, ...signOutOf(s, request, now), ...signIn.writes]);
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
  input: { token: string; password: string },
  request: LinkRequest,
): Promise<{ errors: FieldErrors } | OtherAccount | SignedIn> {
  const policy = checkPasswordPolicy(input.password);
  if (policy) return { errors: { password: policy } };
  const inspected = await inspectLink(s, { token: input.token, purpose: "reset" }, request);
  if (inspected?.other && !request.signOut) return inspected.other;
  const passwordHash = await hashPassword(input.password);
  const now = s.clock();
  const redeemed = await consumeEmailToken(s.db, { token: input.token, purpose: "reset" }, now);
  const account = redeemed ? await getAccount(s.db, redeemed.userId) : null;
  if (!account || account.email !== redeemed!.email) return { errors: { form: LINK_FAILED } };
  // A reset proves control of the address, so an unverified account becomes verified.
  const sessionToken = await replacePassword(
    s,
    account,
    passwordHash,
    "password.reset",
    request,
    now,
    signOutOf(s, request, now),
  );
  return {
    account: { ...account, emailVerifiedAt: account.emailVerifiedAt ?? now },
    sessionToken,
  };
}

// The session of another account that this browser signs out of, when it chose to.
function signOutOf(s: Services, request: LinkRequest, now: Date) {
  const current = request.current;
  return current && request.signOut
    ? signOutWrites(s, current.account, current.session, request, now)
    : [];
}

/** Sends a fresh verification link to a signed-in account, unless it is verified already. */
export async function resendVerification(s: Services, account: Account): Promise<void> {
  await mailVerification(s, account.email);
}

/** Resends a verification link by address (from the sign-in page); same answer for any address. */
export async function resendVerificationTo(
  s: Services,
  address: string,
): Promise<{ errors: FieldErrors } | { ok: true }> {
  const emailError = checkEmail(address);
  if (emailError) return { errors: { email: emailError } };
  await mailVerification(s, normalizeEmail(address));
  return { ok: true };
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
  address: string,
  meta: RequestMeta,
): Promise<{ errors: FieldErrors } | { ok: true }> {
  const emailError = checkEmail(address);
  if (emailError) return { errors: { email: emailError } };
  const now = s.clock();
  const email = normalizeEmail(address);
  const perAccount = limitQuery(s.db, LIMITS.forgotPerAccount, email, now);
  const perIp = limitQuery(s.db, LIMITS.forgotPerIp, meta.ip, now);
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
  return { ok: true };
}
