// Asking for a mailed link: a fresh verification link, or a password reset link. The answer
// and the work are the same whether or not the address has an account (docs/security.md, P4).
import type { z } from "zod";
import type { Services } from "../services.ts";
import { type Actor, can } from "../access/policy.ts";
import { parseInput } from "../validation.ts";
import { passwordResetEmail, verificationEmail } from "../mail/templates.ts";
import { getAccount } from "./accounts.ts";
import { issueEmailTokenToQuery } from "./email_tokens.ts";
import { limitQuery, LIMITS } from "./limits.ts";
import { EmailInput } from "./inputs.ts";
import { networkOf, sendInBackground } from "./flows.ts";

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
