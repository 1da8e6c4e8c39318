import { eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { auditEvents, owners, users } from "../db/schema.ts";
import { type Actor, auditInsert } from "../audit/audit.ts";

/** A signed-up person: the user row and the owner row that names their namespace. */
export interface Account {
  userId: string;
  ownerId: string;
  email: string;
  handle: string;
  emailVerifiedAt: Date | null;
  createdAt: Date;
}

/** Trimmed, NFC-normalized, lowercased: how emails are stored and compared. */
export function normalizeEmail(email: string): string {
  return email.trim().normalize("NFC").toLowerCase();
}

/** The columns that make an Account, for queries that join users and owners. */
export const accountColumns = {
  userId: users.id,
  ownerId: owners.id,
  email: users.email,
  handle: owners.handle,
  emailVerifiedAt: users.emailVerifiedAt,
  createdAt: users.createdAt,
};

/** A timestamp as a native (raw) read returns it, epoch milliseconds, or null. */
export function nativeDate(v: unknown): Date | null {
  return v === null ? null : new Date(Number(v));
}

/**
 * The Account in a native row from column `at` on, selected in this order:
 * u.id, u.email, u.email_verified_at, u.created_at, o.id, o.handle.
 */
export function nativeAccount(r: unknown[], at: number): Account {
  return {
    userId: String(r[at]),
    email: String(r[at + 1]),
    emailVerifiedAt: nativeDate(r[at + 2]),
    createdAt: nativeDate(r[at + 3])!,
    ownerId: String(r[at + 4]),
    handle: String(r[at + 5]),
  };
}

/** The account with this (normalized) email, with its password hash, or null. */
export async function findAccountByEmail(
  db: Db,
  email: string,
): Promise<(Account & { passwordHash: string }) | null> {
  const [row] = await db.select({ ...accountColumns, passwordHash: users.passwordHash })
    .from(users).innerJoin(owners, eq(owners.userId, users.id))
    .where(eq(users.email, normalizeEmail(email))).limit(1);
  return row ?? null;
}

/** The account of a user id, or null. */
export async function getAccount(db: Db, userId: string): Promise<Account | null> {
  const [row] = await db.select(accountColumns).from(users)
    .innerJoin(owners, eq(owners.userId, users.id)).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

/** Whether an owner already has this handle (handles are stored lowercase). */
export async function isHandleTaken(db: Db, handle: string): Promise<boolean> {
  const [row] = await db.select({ id: owners.id }).from(owners).where(eq(owners.handle, handle))
    .limit(1);
  return !!row;
}

/**
 * The inserts of a new, unverified user and its owner row, for the caller's batch.
 * `handle` must have passed checkHandle.
 */
export function newAccountWrites(
  db: Db,
  input: { email: string; handle: string; passwordHash: string },
  now: Date,
) {
  const account: Account = {
    userId: crypto.randomUUID(),
    ownerId: crypto.randomUUID(),
    email: normalizeEmail(input.email),
    handle: input.handle,
    emailVerifiedAt: null,
    createdAt: now,
  };
  const writes = [
    db.insert(users).values({
      id: account.userId,
      email: account.email,
      passwordHash: input.passwordHash,
      createdAt: now,
      updatedAt: now,
    }),
    db.insert(owners).values({
      id: account.ownerId,
      kind: "user",
      userId: account.userId,
      handle: input.handle,
      createdAt: now,
    }),
  ] as const;
  return { account, writes };
}

// A reservation's address is unique and unroutable (RFC 2606 reserves .invalid), and its
// password hash is not a PHC string, so nobody can sign in to it or be mailed through it.
const RESERVATION_DOMAIN = "handle-reservation.invalid";
// Also the hash of an imported account (lib/import): it signs in only after "forgot password".
export const NO_PASSWORD = "!";

/**
 * The inserts that hold a handle for a sign-up whose address already has an account: an
 * unverified placeholder account, so the handle reads as taken, /@handle is a 404 and it is
 * freed by the same purge, exactly as for a new account (nothing tells the two apart).
 */
export function handleReservationWrites(db: Db, handle: string, now: Date) {
  const id = crypto.randomUUID();
  return newAccountWrites(db, {
    email: `${id}@${RESERVATION_DOMAIN}`,
    handle,
    passwordHash: NO_PASSWORD,
  }, now);
}

/**
 * Creates the user, its owner row and the signup audit event in one batch. A unique
 * violation (two signups racing) is reported as the conflicting field, never thrown.
 */
export async function createAccount(
  db: Db,
  input: {
    email: string;
    handle: string;
    passwordHash: string;
    ip?: string | null;
    userAgent?: string | null;
  },
  now: Date,
): Promise<{ account: Account } | { conflict: "email" | "handle" }> {
  const { account, writes } = newAccountWrites(db, input, now);
  const actor: Actor = {
    ownerId: account.ownerId,
    userId: account.userId,
    ip: input.ip,
    userAgent: input.userAgent,
  };
  try {
    await db.batch([
      ...writes,
      auditInsert(db, actor, {
        action: "account.signup",
        targetType: "user",
        targetId: account.userId,
      }, now),
    ]);
  } catch (error) {
    const conflict = await conflictOf(db, error, account);
    if (conflict) return { conflict };
    throw error;
  }
  return { account };
}

/** Which field a failed account insert collided on, or null when it was something else. */
export async function conflictOf(
  db: Db,
  error: unknown,
  input: { email: string; handle: string },
): Promise<"email" | "handle" | null> {
  if (!isUniqueViolation(error)) return null;
  if (await findAccountByEmail(db, input.email)) return "email";
  if (await isHandleTaken(db, input.handle)) return "handle";
  return null;
}

/** The update that marks an email verified (idempotent: the first time is kept). */
export function markVerifiedQuery(db: Db, userId: string, now: Date) {
  return db.update(users).set({
    emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.getTime()})`,
    updatedAt: now,
  })
    .where(eq(users.id, userId));
}

/** The update that replaces a user's password hash. */
export function setPasswordQuery(db: Db, userId: string, passwordHash: string, now: Date) {
  return db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId));
}

/** The stored password hash of a user. */
export async function getPasswordHash(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(
    eq(users.id, userId),
  ).limit(1);
  return row?.hash ?? null;
}

/** True for a SQLite UNIQUE (or PRIMARY KEY) constraint failure, however the driver wraps it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const text = `${(e as { code?: string }).code ?? ""} ${(e as Error).message ?? ""}`;
    if (/SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)|UNIQUE constraint failed/.test(text)) return true;
  }
  return false;
}

/**
 * An "auth.login_failed" event for the account with this address, as one INSERT ... SELECT for
 * the caller's batch: the same statement runs (and inserts nothing) for an unknown address, so
 * a sign-in attempt costs the same either way. `when` holds conditions that must also hold,
 * such as rate limits' `allowedSql`. The result holds the new event's id, if any.
 */
export function failedLoginQuery(
  db: Db,
  email: string,
  meta: { ip?: string | null; userAgent?: string | null; when?: SQL[] },
  now: Date,
) {
  const conditions = (meta.when ?? []).map((c) => sql` AND ${c}`);
  return db.all<{ id: number }>(sql`
    INSERT INTO ${auditEvents} (owner_id, actor_user_id, action, target_type, target_id, ip,
      user_agent, created_at)
    SELECT ${owners.id}, ${users.id}, 'auth.login_failed', 'user', ${users.id},
      ${meta.ip ?? null}, ${meta.userAgent ?? null}, ${now.getTime()}
    FROM ${users} INNER JOIN ${owners} ON ${owners.userId} = ${users.id}
    WHERE ${users.email} = ${normalizeEmail(email)}${sql.join(conditions)}
    RETURNING id`);
}

/** Turns the event `failedLoginQuery` recorded into the "auth.login" event of a new session. */
export function loginSucceededQuery(db: Db, eventId: number, sessionId: string) {
  return db.update(auditEvents).set({
    action: "auth.login",
    targetType: "session",
    targetId: sessionId,
  }).where(eq(auditEvents.id, eventId));
}
