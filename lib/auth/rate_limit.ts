// Fixed-window rate limits stored in the database, so they hold across instances
// (docs/security.md "Rate limits"). Each check is one atomic statement: no read-then-write race.
//
// Keys name the action, the kind of subject and the subject: `login:ip:203.0.113.9`,
// `login:account:ada@example.com` (the normalized email), `publish:owner:<owner id>`.
import { eq, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { rateLimits } from "../db/schema.ts";
import { HOUR, MINUTE } from "../time.ts";

export interface RateLimitPolicy {
  /** Hits allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Hits left in this window after this one. */
  remaining: number;
  /** For `Retry-After` when refused: whole seconds until the window ends; 0 when allowed. */
  retryAfterSeconds: number;
}

/** The default policies of docs/security.md R2. */
export const RATE_LIMITS = {
  /** Per account and, separately, per client IP. */
  login: { limit: 10, windowMs: 5 * MINUTE },
  /**
   * Per client IP, counting accepted sign-ups only (refused input costs nothing). A school
   * class or an office shares one address behind NAT: 50 an hour lets a class of 30-40 sign up
   * together, with room for a few second accounts, while one client can still start only 50
   * verification mails an hour to addresses of its choosing.
   */
  signup: { limit: 50, windowMs: HOUR },
  /** Per account. */
  forgotPassword: { limit: 5, windowMs: 24 * HOUR },
  /** Per account. */
  resendVerification: { limit: 3, windowMs: 6 * HOUR },
  /** Per owner. */
  publish: { limit: 60, windowMs: HOUR },
  /**
   * Per API token: 10 requests a second on average, sustained. A runtime batches lines, so
   * this is generous for real use and still caps what one leaked token can write.
   */
  logIngestion: { limit: 600, windowMs: MINUTE },
  /**
   * Invitations mail strangers, so each is capped twice: per organization (a day's hiring
   * drive fits) and per inviter (one admin's session, or a stolen one, cannot spray mail).
   */
  invitationsPerOrg: { limit: 100, windowMs: 24 * HOUR },
  invitationsPerInviter: { limit: 20, windowMs: HOUR },
} as const satisfies Record<string, RateLimitPolicy>;

/** The longest window above; rows older than this are expired under every policy. */
export const LONGEST_WINDOW_MS = Math.max(...Object.values(RATE_LIMITS).map((p) => p.windowMs));

/** Counts one hit against `key` and says whether it is within the policy. */
export async function hit(
  db: Db,
  key: string,
  options: RateLimitPolicy & { now: Date },
): Promise<RateLimitResult> {
  const counted = hitQuery(db, key, options);
  return counted.outcome(await counted.query);
}

/**
 * The same hit as one statement for the caller's batch (so a flow's writes share one commit),
 * and the function that reads its result.
 */
export function hitQuery(db: Db, key: string, options: RateLimitPolicy & { now: Date }) {
  const { limit, windowMs } = options;
  const now = options.now.getTime();
  // In DO UPDATE SET every right-hand side reads the row as it was before the update, so both
  // CASEs see the old window start (SQLite "UPSERT", and "UPDATE" on assignments).
  const expired = windowOver(options);
  const query = db.insert(rateLimits)
    .values({ key, windowStartedAt: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        windowStartedAt:
          sql`CASE WHEN ${expired} THEN ${now} ELSE ${rateLimits.windowStartedAt} END`,
        count: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
      },
    })
    .returning({ windowStartedAt: rateLimits.windowStartedAt, count: rateLimits.count });
  const outcome = (rows: { windowStartedAt: number; count: number }[]): RateLimitResult => {
    const row = rows[0];
    if (!row) throw new Error(`Rate limit upsert for ${key} returned no row`);
    const allowed = row.count <= limit;
    // Clamped to the window: another instance's clock may run ahead of ours.
    const left = Math.min(row.windowStartedAt + windowMs - now, windowMs);
    return {
      allowed,
      remaining: Math.max(0, limit - row.count),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(left / 1000)),
    };
  };
  // True inside the same transaction, after the upsert, exactly when `outcome` says allowed.
  const allowedSql = sql`(SELECT ${rateLimits.count} FROM ${rateLimits}
    WHERE ${rateLimits.key} = ${key}) <= ${limit}`;
  return { query, outcome, allowedSql };
}

/**
 * Whether a hit now would be allowed, without counting one: a look before costly work that the
 * counted check (`hitQuery`) decides later.
 */
export async function wouldAllow(
  db: Db,
  key: string,
  options: RateLimitPolicy & { now: Date },
): Promise<boolean> {
  // The hits counted in the current window: none once it is over (the same rule as hitQuery).
  const [row] = await db.select({
    count: sql<number>`CASE WHEN ${windowOver(options)} THEN 0 ELSE ${rateLimits.count} END`,
  }).from(rateLimits).where(eq(rateLimits.key, key));
  return (row?.count ?? 0) < options.limit;
}

/**
 * Whether a counter's window is over at `now`: once `windowMs` has passed since it started.
 * The one statement of the rule, for counting a hit and for looking without counting.
 */
function windowOver({ limit, windowMs, now }: RateLimitPolicy & { now: Date }): SQL {
  if (!Number.isInteger(limit) || limit < 0 || !Number.isInteger(windowMs) || windowMs <= 0) {
    throw new RangeError("Rate limit needs a whole limit >= 0 and a whole windowMs > 0");
  }
  return sql`${rateLimits.windowStartedAt} <= ${now.getTime() - windowMs}`;
}

/** Forgets the count for `key`, for example after a successful login. */
export async function resetLimit(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/**
 * Deletes counters whose window started before `now - olderThanMs`; returns how many. The
 * default keeps every row that some policy could still be counting in.
 */
export async function purgeExpiredLimits(
  db: Db,
  now: Date,
  options: { olderThanMs?: number } = {},
): Promise<number> {
  const cutoff = now.getTime() - (options.olderThanMs ?? LONGEST_WINDOW_MS);
  const result = await db.delete(rateLimits).where(lt(rateLimits.windowStartedAt, cutoff));
  return result.rowsAffected;
}
