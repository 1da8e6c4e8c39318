// Accounts: owners (a user or an organization), users, sessions, single-use email tokens,
// API tokens, the audit log and the rate-limit counters.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { timestamp } from "./columns.ts";

/** Who can own packages, contexts and tokens: a user now, an organization later. */
export const owners = sqliteTable("owners", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: ["user", "org"] }).notNull(),
  userId: text("user_id").unique().references(() => users.id, { onDelete: "cascade" }),
  /** Lowercase; names the owner in public URLs (/@handle). */
  handle: text("handle").notNull().unique(),
  createdAt: timestamp("created_at").notNull(),
  /**
   * Moved by every write to one of the owner's packages (SQLite triggers, migration 0013), so
   * an unchanged value means an unchanged package list (lib/packages/list_cache.ts).
   */
  packagesVersion: integer("packages_version").notNull().default(0),
}, (t) => [
  check("owners_kind_user", sql`${t.kind} <> 'user' OR ${t.userId} IS NOT NULL`),
]);

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  /** Trimmed, NFC-normalized and lowercased, so lookups are case-insensitive. */
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  emailVerifiedAt: timestamp("email_verified_at"),
  createdAt: timestamp("created_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
});

/** Browser sessions. The cookie holds `<id>.<secret>`; only SHA-256(secret) is stored. */
export const sessions = sqliteTable("sessions", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  secretHash: text("secret_hash").notNull(),
  createdAt: timestamp("created_at").notNull(),
  lastSeenAt: timestamp("last_seen_at").notNull(),
  /** Sliding inactivity expiry, pushed forward when last_seen_at is written. */
  expiresAt: timestamp("expires_at").notNull(),
  absoluteExpiresAt: timestamp("absolute_expires_at").notNull(),
  revokedAt: timestamp("revoked_at"),
  userAgent: text("user_agent"),
  ip: text("ip"),
}, (t) => [index("sessions_user").on(t.userId)]);

/** Single-use links for email verification and password reset; only SHA-256 is stored. */
export const emailTokens = sqliteTable("email_tokens", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  purpose: text("purpose", { enum: ["verify", "reset"] }).notNull(),
  /** The address the link was sent to: a token is void once the user's email changes. */
  email: text("email").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: timestamp("created_at").notNull(),
  expiresAt: timestamp("expires_at").notNull(),
  usedAt: timestamp("used_at"),
}, (t) => [index("email_tokens_user").on(t.userId, t.purpose)]);

/** Tokens for CLIs, CI and runtimes: `inactu_<id>_<secret>`, only SHA-256(secret) stored. */
export const apiTokens = sqliteTable("api_tokens", {
  id: text("id").primaryKey(),
  ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "cascade" }),
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  secretHash: text("secret_hash").notNull(),
  /** JSON array of scope names, such as ["packages:read", "contexts:write"]. */
  scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull(),
  createdAt: timestamp("created_at").notNull(),
  expiresAt: timestamp("expires_at").notNull(),
  lastUsedAt: timestamp("last_used_at"),
  revokedAt: timestamp("revoked_at"),
}, (t) => [index("api_tokens_owner").on(t.ownerId)]);

/** What happened to an owner's account and resources, newest last; never holds a secret. */
export const auditEvents = sqliteTable("audit_events", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "cascade" }),
  actorUserId: text("actor_user_id"),
  actorTokenId: text("actor_token_id"),
  action: text("action").notNull(),
  targetType: text("target_type"),
  targetId: text("target_id"),
  ip: text("ip"),
  userAgent: text("user_agent"),
  metadata: text("metadata_json", { mode: "json" }).$type<Record<string, unknown>>(),
  createdAt: timestamp("created_at").notNull(),
}, (t) => [index("audit_events_owner").on(t.ownerId, t.id)]);

/** Fixed-window counters, one row per key (such as `login:ip:203.0.113.9`). */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStartedAt: integer("window_started_at").notNull(),
  count: integer("count").notNull(),
});
