import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Database, Db } from "../db/client.ts";
import { apiTokens, owners, users } from "../db/schema.ts";
import { type Account, accountColumns, nativeAccount, nativeDate } from "./accounts.ts";
import { prepared } from "../db/prepared.ts";
import { digestsEqual, randomSecret, sha256Hex } from "./secrets.ts";
import { DAY, MINUTE } from "../time.ts";

/** What a token may do. Sessions may do everything; a bearer token only what it was granted. */
export const SCOPES = [
  "packages:read",
  "packages:publish",
  "packages:keys",
  "contexts:read",
  "contexts:write",
  "audit:read",
] as const;
export type Scope = typeof SCOPES[number];

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  "packages:read": "List and download your packages, including private ones",
  "packages:publish": "Create packages, publish versions, change package settings",
  "packages:keys": "Add and retire the signer keys your packages pin (not needed to publish)",
  "contexts:read": "List contexts and read their logs",
  "contexts:write": "Register contexts, change their status and send logs (for runtimes)",
  "audit:read": "Read your audit log",
};

/** Recognizable by secret scanners: `inactu_` + token id (hex) + `_` + 256-bit secret. */
export const TOKEN_PREFIX = "inactu_";
const TOKEN = /^inactu_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
export const MAX_TOKEN_DAYS = 365;
export const DEFAULT_TOKEN_DAYS = 90;
const LAST_USED_INTERVAL_MS = MINUTE;

/** The one owner a token acts for (docs/adr/0010): its user's own, or an organization. */
export interface TokenOwner {
  id: string;
  handle: string;
  kind: "user" | "org";
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  owner: TokenOwner;
  scopes: Scope[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Whether a token can be used at `now`; a revoked token reads as revoked even once expired. */
export function tokenStatus(info: ApiTokenInfo, now: Date): "active" | "expired" | "revoked" {
  if (info.revokedAt) return "revoked";
  return info.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

function toUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${
    hex.slice(20)
  }`;
}

/**
 * A new token of a user, acting for one owner (`ownerId`, the user's own unless `owner` names
 * an organization), and the insert to run (alone or in a batch); the secret is in `token` and
 * is never stored or shown again.
 */
export function newApiToken(
  db: Db,
  input: {
    ownerId: string;
    userId: string;
    name: string;
    scopes: Scope[];
    days: number;
    owner?: TokenOwner;
  },
  now: Date,
) {
  const id = crypto.randomUUID();
  const secret = randomSecret();
  const { owner: _, ...row } = input;
  const info: ApiTokenInfo = {
    id,
    name: input.name,
    owner: input.owner ?? { id: input.ownerId, handle: "", kind: "user" },
    scopes: [...new Set(input.scopes)].sort() as Scope[],
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.days * DAY),
    lastUsedAt: null,
    revokedAt: null,
  };
  const { owner: __, ...columns } = info;
  const insert = db.insert(apiTokens).values({
    ...columns,
    ownerId: row.ownerId,
    userId: row.userId,
    secretHash: sha256Hex(secret),
  });
  return { token: `${TOKEN_PREFIX}${id.replaceAll("-", "")}_${secret}`, info, insert };
}

// Every bearer request runs this lookup; see SESSION_BY_ID in sessions.ts for why it is raw.
// The account is the user's (their own owner, o); the token acts for its owner (a).
const TOKEN_BY_ID = `SELECT t.id, t.name, t.scopes, t.created_at, t.expires_at, t.last_used_at,
  t.revoked_at, t.secret_hash, u.id, u.email, u.email_verified_at, u.created_at, o.id, o.handle,
  a.id, a.handle, a.kind
  FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN owners o ON o.user_id = u.id
  JOIN owners a ON a.id = t.owner_id
  WHERE t.id = ? LIMIT 1`;

/** The owner a token acts for, joined under this name. */
const acting = alias(owners, "acting");

async function findToken(
  database: Database,
  id: string,
): Promise<{ info: ApiTokenInfo; secretHash: string; account: Account } | null> {
  if (database.nativeGet) {
    const r = database.nativeGet(TOKEN_BY_ID, [id]);
    if (!r) return null;
    return {
      info: {
        id: String(r[0]),
        name: String(r[1]),
        scopes: JSON.parse(String(r[2])) as Scope[],
        createdAt: nativeDate(r[3])!,
        expiresAt: nativeDate(r[4])!,
        lastUsedAt: nativeDate(r[5]),
        revokedAt: nativeDate(r[6]),
        owner: { id: String(r[14]), handle: String(r[15]), kind: r[16] as TokenOwner["kind"] },
      },
      secretHash: String(r[7]),
      account: nativeAccount(r, 8),
    };
  }
  const [row] = await prepared(
    database.db,
    "api-token-by-id",
    (db) =>
      db.select({ token: apiTokens, account: accountColumns, owner: ownerColumns })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .innerJoin(owners, eq(owners.userId, users.id))
        .innerJoin(acting, eq(acting.id, apiTokens.ownerId))
        .where(eq(apiTokens.id, sql.placeholder("id"))).limit(1).prepare(),
  ).all({ id });
  if (!row) return null;
  const { secretHash, ownerId: _o, userId: _u, ...info } = row.token;
  return { info: { ...info, owner: row.owner } as ApiTokenInfo, secretHash, account: row.account };
}

/** The token and its account for a bearer value, or null when invalid, revoked or expired. */
export async function authenticateApiToken(
  database: Database,
  token: string,
  now: Date,
): Promise<{ info: ApiTokenInfo; account: Account } | null> {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const found = await findToken(database, toUuid(m[1]!));
  if (!found || !digestsEqual(sha256Hex(m[2]!), found.secretHash)) return null;
  const { info } = found;
  if (tokenStatus(info, now) !== "active") return null;
  return { info, account: found.account };
}

/** The id a token's value names (whether or not the token exists), or null if malformed. */
export function tokenIdOf(token: string): string | null {
  const m = TOKEN.exec(token);
  return m ? toUuid(m[1]!) : null;
}

/** Records a successful use of a token, at most once a minute. */
export async function touchApiToken(db: Db, info: ApiTokenInfo, now: Date): Promise<void> {
  if (info.lastUsedAt && now.getTime() - info.lastUsedAt.getTime() < LAST_USED_INTERVAL_MS) return;
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, info.id));
}

const ownerColumns = { id: acting.id, handle: acting.handle, kind: acting.kind };

/** The columns that make an ApiTokenInfo (with `acting` joined): never the secret's hash. */
const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  scopes: apiTokens.scopes,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  owner: ownerColumns,
};

function selectTokens(db: Db) {
  return db.select(tokenColumns).from(apiTokens)
    .innerJoin(acting, eq(acting.id, apiTokens.ownerId));
}

/** A user's tokens, whatever owner each acts for, newest first, revoked ones included. */
export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenInfo[]> {
  const rows = await selectTokens(db).where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
  return rows as ApiTokenInfo[];
}

/** The tokens that act for an owner (an organization's), each with its user's handle. */
export async function listOwnerApiTokens(
  db: Db,
  ownerId: string,
): Promise<(ApiTokenInfo & { userId: string; user: string })[]> {
  const rows = await db.select({ ...tokenColumns, userId: apiTokens.userId, user: owners.handle })
    .from(apiTokens).innerJoin(acting, eq(acting.id, apiTokens.ownerId))
    .innerJoin(owners, eq(owners.userId, apiTokens.userId))
    .where(eq(apiTokens.ownerId, ownerId)).orderBy(desc(apiTokens.createdAt));
  return rows as (ApiTokenInfo & { userId: string; user: string })[];
}

/** The update that revokes one of a user's tokens (for batching with its audit event). */
export function revokeApiTokenQuery(db: Db, userId: string, id: string, now: Date) {
  return db.update(apiTokens).set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

/** The update that revokes a token acting for an owner (an organization's admins revoke it). */
export function revokeOwnerApiTokenQuery(db: Db, ownerId: string, id: string, now: Date) {
  return db.update(apiTokens).set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.ownerId, ownerId), isNull(apiTokens.revokedAt)));
}

/** The update that revokes every token a user created. */
export function revokeUserApiTokensQuery(db: Db, userId: string, now: Date) {
  return db.update(apiTokens).set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

/** How many of a user's tokens still work (not revoked, not expired). */
export async function countActiveApiTokens(db: Db, userId: string, now: Date): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)` }).from(apiTokens).where(and(
    eq(apiTokens.userId, userId),
    isNull(apiTokens.revokedAt),
    gt(apiTokens.expiresAt, now),
  ));
  return Number(rows[0]?.n ?? 0);
}

/** One token of a user, or null. */
export async function getApiToken(
  db: Db,
  userId: string,
  id: string,
): Promise<ApiTokenInfo | null> {
  const all = await selectTokens(db).where(
    and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)),
  ).limit(1);
  return (all[0] as ApiTokenInfo | undefined) ?? null;
}
