// Signing in and out, and changing the password: commands taking (services, actor, input),
// shared by the pages and the JSON API.
import type { z } from "zod";
import type { Services } from "../services.ts";
import { type Actor, authorizeOwn } from "../access/policy.ts";
import { DomainError, invalid } from "../errors.ts";
import { parseInput } from "../validation.ts";
import {
  failedLoginQuery,
  findAccountByEmail,
  getAccount,
  getPasswordHash,
  loginSucceededQuery,
  normalizeEmail,
} from "./accounts.ts";
import { dummyVerify, hashPassword, verifyPassword } from "./password.ts";
import { newSession } from "./sessions.ts";
import { enforceLimit, limitQuery, LIMITS } from "./limits.ts";
import { ChangePasswordInput, Email, SignInInput } from "./inputs.ts";
import { networkOf, replacePassword, type SignedIn, signOutWrites } from "./flows.ts";

/** The one answer to a wrong address or password, whichever it was. */
export const SIGN_IN_FAILED = "Email or password is incorrect";

/**
 * Checks email and password; one message for every failure. Known and unknown addresses do the
 * same work: one batch (both rate-limit hits and an "auth.login_failed" event that only a
 * known address gets), then a real or a dummy hash. On success that event becomes the
 * "auth.login" event of the new session, so a failed attempt writes nothing more.
 */
export async function signIn(
  s: Services,
  actor: Actor,
  input: z.input<typeof SignInInput>,
): Promise<SignedIn> {
  const data = parseInput(SignInInput, input);
  const now = s.clock();
  const address = normalizeEmail(data.email);
  const perIp = limitQuery(s.db, LIMITS.loginPerIp, networkOf(actor), now);
  const perAccount = limitQuery(s.db, LIMITS.loginPerAccount, address, now);
  const [ipCount, accountCount, recorded] = await s.db.batch([
    perIp.query,
    perAccount.query,
    failedLoginQuery(s.db, address, {
      ip: actor.ip,
      userAgent: actor.userAgent,
      when: [perIp.allowedSql, perAccount.allowedSql],
    }, now),
  ]);
  perIp.enforce(ipCount);
  perAccount.enforce(accountCount);
  const found = Email.safeParse(data.email).success
    ? await findAccountByEmail(s.db, address)
    : null;
  const ok = found ? await verifyPassword(found.passwordHash, data.password) : await dummyVerify();
  const eventId = recorded[0]?.id;
  if (!found || !ok || eventId === undefined) {
    throw new DomainError("unauthenticated", SIGN_IN_FAILED);
  }
  const { passwordHash: _, ...account } = found;
  const session = newSession(
    s.db,
    { userId: account.userId, userAgent: actor.userAgent, ip: actor.ip },
    now,
  );
  await s.db.batch([session.insert, loginSucceededQuery(s.db, eventId, session.session.id)]);
  return { account, sessionToken: session.token };
}

/** Ends the actor's browser session (API tokens are revoked instead, never signed out). */
export async function signOut(s: Services, actor: Actor): Promise<void> {
  const user = authorizeOwn(actor, "session.end");
  if (user.via !== "session") throw new DomainError("forbidden", "sign out with a browser session");
  await s.db.batch(signOutWrites(s, user, s.clock()));
}

/**
 * Changes the password (the current one is required), revokes every session and mailed link
 * of the user (and every API token when `revoke_tokens`), and signs this browser in afresh.
 */
export async function changePassword(
  s: Services,
  actor: Actor,
  input: z.input<typeof ChangePasswordInput>,
): Promise<SignedIn & { revokedTokens: number }> {
  const data = parseInput(ChangePasswordInput, input);
  const user = authorizeOwn(actor, "account.manage");
  const account = await getAccount(s.db, user.userId);
  if (!account) throw new DomainError("not_found", "account not found");
  const now = s.clock();
  await enforceLimit(s.db, LIMITS.loginPerAccount, account.email, now);
  const hash = await getPasswordHash(s.db, account.userId);
  if (!hash || !await verifyPassword(hash, data.current_password)) {
    throw invalid("current_password", "current_password: Current password is incorrect");
  }
  const passwordHash = await hashPassword(data.password);
  const replaced = await replacePassword(
    s,
    account,
    { passwordHash, action: "password.change", revokeTokens: data.revoke_tokens },
    actor,
    now,
  );
  return { account, ...replaced };
}
