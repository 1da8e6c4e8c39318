// The flows behind mailed links: verification and password reset. A link works once, and
// using it (or changing the password) ends every other outstanding link of its kind. A link
// never silently switches a browser that is signed in as someone else: the caller must pass
// `signOut` after showing who is signed in and whom the link is for (the API never does).
import type { z } from "zod";
import type { Services } from "../services.ts";
import type { Actor } from "../access/policy.ts";
import { DomainError } from "../errors.ts";
import { parseInput } from "../validation.ts";
import { auditInsert } from "../audit/audit.ts";
import { type Account, getAccount, markVerifiedQuery } from "./accounts.ts";
import { hashPassword } from "./password.ts";
import {
  consumeEmailToken,
  type EmailTokenPurpose,
  type LinkHolder,
  peekEmailToken,
  revokeEmailTokensQuery,
} from "./email_tokens.ts";
import { ResetInput, VerifyInput } from "./inputs.ts";
import { countActiveApiTokens } from "./api_tokens.ts";
import {
  accountActor,
  replacePassword,
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
): Promise<{ holder: LinkHolder; other: OtherAccount | null; apiTokens: number } | null> {
  const now = s.clock();
  const holder = await peekEmailToken(s.db, input, now);
  if (!holder) return null;
  const current = browserOf(actor);
  const other = current && current.userId !== holder.userId
    ? await getAccount(s.db, current.userId)
    : null;
  // A reset form offers to revoke the holder's working API tokens, and says how many.
  const apiTokens = input.purpose === "reset"
    ? await countActiveApiTokens(s.db, holder.userId, now)
    : 0;
  return {
    holder,
    other: other ? { signedInAs: other.email, linkFor: holder.email } : null,
    apiTokens,
  };
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
 * session and link of the user (and every API token when `revoke_tokens`), and signs this
 * browser in afresh.
 */
export async function resetPassword(
  s: Services,
  actor: Actor,
  input: z.input<typeof ResetInput>,
  choice: LinkChoice = {},
): Promise<SignedIn & { revokedTokens: number }> {
  const { token, password, revoke_tokens } = parseInput(ResetInput, input);
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
  const replaced = await replacePassword(
    s,
    account,
    { passwordHash, action: "password.reset", revokeTokens: revoke_tokens },
    actor,
    now,
    signOutOf(s, actor, choice, now),
  );
  return {
    account: { ...account, emailVerifiedAt: account.emailVerifiedAt ?? now },
    ...replaced,
  };
}

// The session of another account that this browser signs out of, when it chose to.
function signOutOf(s: Services, actor: Actor, choice: LinkChoice, now: Date) {
  const current = browserOf(actor);
  return current && choice.signOut ? signOutWrites(s, current, now) : [];
}
