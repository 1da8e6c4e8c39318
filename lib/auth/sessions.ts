import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Database, Db } from "../db/client.ts";
import { owners, sessions, users } from "../db/schema.ts";
import { type Account, accountColumns, nativeAccount, nativeDate } from "./accounts.ts";
import { prepared } from "../db/prepared.ts";
import { digestsEqual, randomSecret, sha256Hex } from "./secrets.ts";
import { DAY, HOUR } from "../time.ts";

/** A session ends after 14 days without use, and 30 days after sign-in whatever happens. */
export const SESSION_IDLE_MS = 14 * DAY;
export const SESSION_ABSOLUTE_MS = 30 * DAY;
/** last_seen_at (and the sliding expiry) is written at most this often. */
export const LAST_SEEN_INTERVAL_MS = HOUR;

export interface SessionInfo {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  absoluteExpiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

// `<uuid>.<43 base64url chars>`; anything else (tampered, truncated, 8 KB of junk) is no session.
const TOKEN =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** A new session: the cookie token (shown once) and the insert to run, alone or in a batch. */
export function newSession(
  db: Db,
  input: { userId: string; userAgent?: string | null; ip?: string | null },
  now: Date,
) {
  const id = crypto.randomUUID();
  const secret = randomSecret();
  const row = {
    id,
    userId: input.userId,
    secretHash: sha256Hex(secret),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
    absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    userAgent: input.userAgent?.slice(0, 256) ?? null,
    ip: input.ip ?? null,
  };
  return {
    token: `${id}.${secret}`,
    session: row as SessionInfo,
    insert: db.insert(sessions).values(row),
  };
}

// Every authenticated request runs this lookup: on an embedded database it goes through a
// natively prepared statement (see Database.nativeGet), elsewhere through Drizzle.
const SESSION_BY_ID = `SELECT s.id, s.user_id, s.secret_hash, s.created_at, s.last_seen_at,
  s.expires_at, s.absolute_expires_at, s.revoked_at, s.user_agent, s.ip,
  u.id, u.email, u.email_verified_at, u.created_at, o.id, o.handle
  FROM sessions s JOIN users u ON u.id = s.user_id JOIN owners o ON o.user_id = u.id
  WHERE s.id = ? LIMIT 1`;

interface SessionRow {
  session: SessionInfo;
  secretHash: string;
  revokedAt: Date | null;
  account: Account;
}

async function findSession(database: Database, id: string): Promise<SessionRow | null> {
  if (database.nativeGet) {
    const r = database.nativeGet(SESSION_BY_ID, [id]);
    if (!r) return null;
    return {
      session: {
        id: String(r[0]),
        userId: String(r[1]),
        createdAt: nativeDate(r[3])!,
        lastSeenAt: nativeDate(r[4])!,
        expiresAt: nativeDate(r[5])!,
        absoluteExpiresAt: nativeDate(r[6])!,
        userAgent: r[8] as string | null,
        ip: r[9] as string | null,
      },
      secretHash: String(r[2]),
      revokedAt: nativeDate(r[7]),
      account: nativeAccount(r, 10),
    };
  }
  const [row] = await prepared(
    database.db,
    "session-by-id",
    (db) =>
      db.select({ session: sessions, account: accountColumns }).from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .innerJoin(owners, eq(owners.userId, users.id))
        .where(eq(sessions.id, sql.placeholder("id"))).limit(1).prepare(),
  ).all({ id });
  if (!row) return null;
  const { secretHash, revokedAt, ...session } = row.session;
  return { session, secretHash, revokedAt, account: row.account };
}

/** The session and account a cookie token belongs to, or null for anything invalid, revoked or expired. */
export async function validateSessionToken(
  database: Database,
  token: string,
  now: Date,
): Promise<{ session: SessionInfo; account: Account } | null> {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const [, id, secret] = m as unknown as [string, string, string];
  const row = await findSession(database, id);
  if (!row || !digestsEqual(sha256Hex(secret), row.secretHash)) return null;
  const t = now.getTime();
  const { session } = row;
  if (
    row.revokedAt || t >= session.expiresAt.getTime() || t >= session.absoluteExpiresAt.getTime()
  ) {
    return null;
  }
  return { session, account: row.account };
}

/** Records activity: slides the idle expiry forward, writing at most once an hour. */
export async function touchSession(db: Db, session: SessionInfo, now: Date): Promise<void> {
  const t = now.getTime();
  if (t - session.lastSeenAt.getTime() < LAST_SEEN_INTERVAL_MS) return;
  session.lastSeenAt = now;
  session.expiresAt = new Date(Math.min(t + SESSION_IDLE_MS, session.absoluteExpiresAt.getTime()));
  await db.update(sessions).set({ lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt })
    .where(eq(sessions.id, session.id));
}

/** A user's sessions that can still be used, newest first. */
export async function listSessions(db: Db, userId: string, now: Date): Promise<SessionInfo[]> {
  const rows = await db.select({
    id: sessions.id,
    userId: sessions.userId,
    createdAt: sessions.createdAt,
    lastSeenAt: sessions.lastSeenAt,
    expiresAt: sessions.expiresAt,
    absoluteExpiresAt: sessions.absoluteExpiresAt,
    userAgent: sessions.userAgent,
    ip: sessions.ip,
  }).from(sessions)
    .where(
      and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)),
    )
    .orderBy(desc(sessions.lastSeenAt));
  return rows.filter((s) => s.absoluteExpiresAt.getTime() > now.getTime());
}

/** The update that revokes one session of a user (for batching with its audit event). */
export function revokeSessionQuery(db: Db, userId: string, sessionId: string, now: Date) {
  return db.update(sessions).set({ revokedAt: now })
    .where(
      and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)),
    );
}

/** The update that revokes every session of a user except `keepId` (if given). */
export function revokeSessionsQuery(db: Db, userId: string, now: Date, keepId?: string) {
  return db.update(sessions).set({ revokedAt: now })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        keepId ? ne(sessions.id, keepId) : undefined,
      ),
    );
}
