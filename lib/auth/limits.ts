import type { Db } from "../db/client.ts";
import { HttpError } from "../framework/http_error.ts";
import { hit, RATE_LIMITS, type RateLimitPolicy } from "./rate_limit.ts";

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
  // Not in SECURITY.md's list, but an address-based limit alone lets one client mail many
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
} as const satisfies Record<string, NamedLimit>;

/** Counts a hit for `subject` and throws 429 with Retry-After once the policy is exceeded. */
export async function enforceLimit(
  db: Db,
  policy: NamedLimit,
  subject: string,
  now: Date,
): Promise<void> {
  const result = await hit(db, `${policy.key}:${subject}`, {
    limit: policy.limit,
    windowMs: policy.windowMs,
    now,
  });
  if (result.allowed) return;
  const seconds = result.retryAfterSeconds;
  const wait = seconds >= 3600
    ? `${Math.ceil(seconds / 3600)} hours`
    : seconds >= 120
    ? `${Math.ceil(seconds / 60)} minutes`
    : `${seconds} seconds`;
  throw new HttpError(429, `${policy.message}; try again in ${wait}`, {
    headers: { "retry-after": String(seconds) },
  });
}
