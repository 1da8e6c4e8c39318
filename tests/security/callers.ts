// The kinds of caller the authorization matrix tries against every route, built directly
// with the auth services (fresh for each route, so a route that signs out or revokes cannot
// disturb the next one).
import type { TestApp } from "../helpers/app.ts";
import { newSession, revokeSessionQuery } from "@/lib/auth/sessions.ts";
import { newApiToken, type Scope, SCOPES } from "@/lib/auth/api_tokens.ts";
import { sessions } from "@/lib/db/schema.ts";
import { eq } from "drizzle-orm";

export const CALLERS = [
  "anon",
  "owner",
  "other",
  "revoked",
  "expired",
  "noScope",
  "token",
] as const;
export type Caller = typeof CALLERS[number];

export interface Person {
  userId: string;
  ownerId: string;
}

export interface Fixtures {
  headers: Record<Caller, Record<string, string>>;
  /** A second session and a token of the owner, for routes that take an id. */
  spareSessionId: string;
  spareTokenId: string;
}

async function sessionCookie(
  app: TestApp,
  userId: string,
): Promise<{ cookie: string; id: string }> {
  const s = newSession(
    app.services.db,
    { userId, userAgent: "matrix", ip: "127.0.0.1" },
    app.clock.now(),
  );
  await s.insert;
  return { cookie: `session=${s.token}`, id: s.session.id };
}

async function token(
  app: TestApp,
  p: Person,
  scopes: Scope[],
): Promise<{ token: string; id: string }> {
  const t = newApiToken(app.services.db, {
    ownerId: p.ownerId,
    userId: p.userId,
    name: "matrix",
    scopes,
    days: 30,
  }, app.clock.now());
  await t.insert;
  return { token: t.token, id: t.info.id };
}

/** Fresh credentials for every kind of caller; the `noScope` token has every scope but `lacks`. */
export async function buildFixtures(
  app: TestApp,
  owner: Person,
  other: Person,
  lacks: Scope,
): Promise<Fixtures> {
  const db = app.services.db;
  const now = app.clock.now();
  const [own, spare, theirs, revoked, expired] = await Promise.all([
    sessionCookie(app, owner.userId),
    sessionCookie(app, owner.userId),
    sessionCookie(app, other.userId),
    sessionCookie(app, owner.userId),
    sessionCookie(app, owner.userId),
  ]);
  await revokeSessionQuery(db, owner.userId, revoked.id, now);
  await db.update(sessions).set({ expiresAt: new Date(now.getTime() - 1) }).where(
    eq(sessions.id, expired.id),
  );
  const [all, narrow, spareToken] = await Promise.all([
    token(app, owner, [...SCOPES]),
    token(app, owner, SCOPES.filter((s) => s !== lacks)),
    token(app, owner, ["packages:read"]),
  ]);
  const browser = (cookie: string) => ({ cookie, origin: app.config.publicOrigin });
  return {
    headers: {
      anon: { origin: app.config.publicOrigin },
      owner: browser(own.cookie),
      other: browser(theirs.cookie),
      revoked: browser(revoked.cookie),
      expired: browser(expired.cookie),
      noScope: { authorization: `Bearer ${narrow.token}` },
      token: { authorization: `Bearer ${all.token}` },
    },
    spareSessionId: spare.id,
    spareTokenId: spareToken.id,
  };
}

/** A digest of every table, to prove a denied request changed nothing. */
export async function snapshot(app: TestApp): Promise<string> {
  const tables = (await app.services.database.client.execute(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' AND name <> '__drizzle_migrations' ORDER BY name",
  )).rows.map((r) => ({ name: String(r.name), sql: String(r.sql) }));
  const parts: string[] = [];
  for (const { name: t, sql } of tables) {
    // A WITHOUT ROWID table has no rowid; it is read in its primary key's order.
    const order = /WITHOUT ROWID\s*$/i.test(sql) ? "" : " ORDER BY rowid";
    const rows = await app.services.database.client.execute(`SELECT * FROM "${t}"${order}`);
    parts.push(t, JSON.stringify(rows.rows));
  }
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(parts.join("\n")));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
