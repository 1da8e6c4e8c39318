import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { owners, users } from "../db/schema.ts";
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

export const HANDLE_RULES =
  "2 to 39 characters: lowercase letters, digits and hyphens, starting with a letter or digit";

// Handles name public URLs (/@handle) and must not collide with our own paths or suggest
// that someone speaks for the service.
export const RESERVED_HANDLES = new Set([
  "about",
  "account",
  "accounts",
  "admin",
  "administrator",
  "api",
  "app",
  "assets",
  "audit",
  "billing",
  "blog",
  "contexts",
  "dashboard",
  "dev",
  "docs",
  "explore",
  "forgot",
  "help",
  "inactu",
  "login",
  "logout",
  "mail",
  "me",
  "new",
  "null",
  "org",
  "orgs",
  "owner",
  "packages",
  "provenact",
  "register",
  "reset",
  "root",
  "security",
  "settings",
  "signin",
  "signup",
  "static",
  "status",
  "support",
  "system",
  "team",
  "teams",
  "tokens",
  "undefined",
  "user",
  "users",
  "v1",
  "v2",
  "verify",
  "www",
]);

/** Trimmed, NFC-normalized, lowercased: how emails are stored and compared. */
export function normalizeEmail(email: string): string {
  return email.trim().normalize("NFC").toLowerCase();
}

/** Lowercased handle, or an error message saying what is allowed. */
export function checkHandle(input: string): { handle: string } | { error: string } {
  const handle = input.trim().toLowerCase();
  if (handle.length < 2 || handle.length > 39 || !/^[a-z0-9][a-z0-9-]*$/.test(handle)) {
    return { error: `Handle must be ${HANDLE_RULES}` };
  }
  if (RESERVED_HANDLES.has(handle)) {
    return { error: `The handle "${handle}" is reserved; choose another` };
  }
  return { handle };
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
  const userId = crypto.randomUUID();
  const ownerId = crypto.randomUUID();
  const email = normalizeEmail(input.email);
  const actor: Actor = { ownerId, userId, ip: input.ip, userAgent: input.userAgent };
  try {
    await db.batch([
      db.insert(users).values({
        id: userId,
        email,
        passwordHash: input.passwordHash,
        createdAt: now,
        updatedAt: now,
      }),
      db.insert(owners).values({
        id: ownerId,
        kind: "user",
        userId,
        handle: input.handle,
        createdAt: now,
      }),
      auditInsert(
        db,
        actor,
        { action: "account.signup", targetType: "user", targetId: userId },
        now,
      ),
    ]);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if (await findAccountByEmail(db, email)) return { conflict: "email" };
    if (await isHandleTaken(db, input.handle)) return { conflict: "handle" };
    throw error;
  }
  return {
    account: {
      userId,
      ownerId,
      email,
      handle: input.handle,
      emailVerifiedAt: null,
      createdAt: now,
    },
  };
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
