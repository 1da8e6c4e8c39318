import type { Db } from "../db/client.ts";
import { DomainError } from "../errors.ts";
import { hitQuery, RATE_LIMITS, type RateLimitPolicy, wouldAllow } from "./rate_limit.ts";

/** A policy and the key prefix it counts under (one row per prefix and subject). */
export interface NamedLimit extends RateLimitPolicy {
  key: string;
  /** What the 429 tells the user, before "try again in ...". */
  message: string;
}

export const LIMITS = {
  loginPerIp: {
    ...RATE_LIMITS.login,
    key: "login:ip",
    message: "Too many sign-in attempts from your network",
  },
  loginPerAccount: {
    ...RATE_LIMITS.login,
    key: "login:account",
    message: "Too many sign-in attempts for this account",
  },
  // 50 an hour (rate_limit.ts says why), checked after the input is accepted: typos, a taken
  // handle or a weak password never use up a classroom's shared budget.
  signupPerIp: {
    ...RATE_LIMITS.signup,
    key: "signup:ip",
    message: "Too many sign-ups from your network",
  },
  forgotPerAccount: {
    ...RATE_LIMITS.forgotPassword,
    key: "forgot:account",
    message: "Too many password reset requests for this address",
  },
  // Not in docs/security.md R2's list, but an address-based limit alone lets one client mail many
  // addresses; this caps that per network at the same rate.
  forgotPerIp: {
    limit: 20,
    windowMs: RATE_LIMITS.forgotPassword.windowMs,
    key: "forgot:ip",
    message: "Too many password reset requests from your network",
  },
  verifyResend: {
    ...RATE_LIMITS.resendVerification,
    key: "verify-resend",
    message: "Too many verification emails requested",
  },
  publishPerOwner: { ...RATE_LIMITS.publish, key: "publish:owner", message: "Too many publishes" },
  // Uploads staged for the publish form's review step hold blob storage until collected.
  stagePerOwner: { ...RATE_LIMITS.publish, key: "stage:owner", message: "Too many uploads" },
  // Per user, not per token: a user can mint tokens without limit, and each would bring a
  // budget of its own.
  ingestPerUser: {
    ...RATE_LIMITS.logIngestion,
    key: "ingest:user",
    message: "Too many log requests for this account",
  },
  invitePerOrg: {
    ...RATE_LIMITS.invitationsPerOrg,
    key: "invite:org",
    message: "Too many invitations sent for this organization",
  },
  invitePerInviter: {
    ...RATE_LIMITS.invitationsPerInviter,
    key: "invite:user",
    message: "You have sent too many invitations",
  },
  receiptsPerUser: {
    ...RATE_LIMITS.logIngestion,
    key: "receipts:user",
    message: "Too many receipt requests for this account",
  },
} as const satisfies Record<string, NamedLimit>;

/** Whether `subject` is still within the policy now, without counting a hit. */
export function withinLimit(
  db: Db,
  policy: NamedLimit,
  subject: string,
  now: Date,
): Promise<boolean> {
  return wouldAllow(db, `${policy.key}:${subject}`, { ...policy, now });
}

/** Counts a hit for `subject` and throws 429 with Retry-After once the policy is exceeded. */
export async function enforceLimit(
  db: Db,
  policy: NamedLimit,
  subject: string,
  now: Date,
): Promise<void> {
  const counted = limitQuery(db, policy, subject, now);
  counted.enforce(await counted.query);
}

/**
 * The same check as a statement for the caller's batch, `enforce`, which throws the 429 from
 * the statement's result, and `allowedSql`, a condition later statements of the batch can
 * carry so that they do nothing once the limit is exceeded.
 */
export function limitQuery(db: Db, policy: NamedLimit, subject: string, now: Date) {
  const counted = hitQuery(db, `${policy.key}:${subject}`, {
    limit: policy.limit,
    windowMs: policy.windowMs,
    now,
  });
  const enforce = (rows: Parameters<typeof counted.outcome>[0]) => {
    const result = counted.outcome(rows);
    if (result.allowed) return;
    const seconds = result.retryAfterSeconds;
    const wait = seconds >= 3600
      ? `${Math.ceil(seconds / 3600)} hours`
      : seconds >= 120
      ? `${Math.ceil(seconds / 60)} minutes`
      : `${seconds} seconds`;
    throw new DomainError("rate_limited", `${policy.message}; try again in ${wait}`, {
      retryAfterSeconds: seconds,
    });
  };
  return { query: counted.query, enforce, allowedSql: counted.allowedSql };
}
