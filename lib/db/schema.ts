// The whole data model. drizzle-kit generates migrations/ from this file; CI fails when the
// two disagree. Timestamps are integer milliseconds since the epoch (Date in TypeScript);
// the API renders them as RFC 3339.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

/** Who can own packages, contexts and tokens: a user now, an organization later. */
export const owners = sqliteTable("owners", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: ["user", "org"] }).notNull(),
  userId: text("user_id").unique().references(() => users.id, { onDelete: "cascade" }),
  /** Lowercase; names the owner in public URLs (/@handle). */
  handle: text("handle").notNull().unique(),
  createdAt: timestamp("created_at").notNull(),
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

/**
 * Every blob the store may hold. A row is written (or touched) before the blob itself, so a
 * crash never leaves a blob the database does not know of; GC removes rows and blobs that no
 * version references once `touched_at` is older than the grace period.
 */
export const blobs = sqliteTable("blobs", {
  digest: text("digest").primaryKey(),
  size: integer("size").notNull(),
  mediaType: text("media_type").notNull(),
  createdAt: timestamp("created_at").notNull(),
  touchedAt: timestamp("touched_at").notNull(),
}, (t) => [index("blobs_touched").on(t.touchedAt)]);

/**
 * Uploads waiting for review on the publish form. Only the user who uploaded one may review or
 * publish it, and only until `expires_at`; GC keeps the blob while a row references it.
 */
export const stagedUploads = sqliteTable("staged_uploads", {
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  digest: text("digest").notNull(),
  createdAt: timestamp("created_at").notNull(),
  expiresAt: timestamp("expires_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.userId, t.digest] }),
  index("staged_uploads_digest").on(t.digest),
  index("staged_uploads_expires").on(t.expiresAt),
]);

export const packages = sqliteTable("packages", {
  id: text("id").primaryKey(),
  ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  visibility: text("visibility", { enum: ["private", "public"] }).notNull().default("private"),
  description: text("description"),
  tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  readme: text("readme"),
  homepage: text("homepage"),
  repository: text("repository"),
  deprecatedAt: timestamp("deprecated_at"),
  deprecationMessage: text("deprecation_message"),
  unlistedAt: timestamp("unlisted_at"),
  archivedAt: timestamp("archived_at"),
  /** Denormalized for listings: the highest stable (else highest) non-deprecated version. */
  latestVersion: text("latest_version"),
  lastPublishedAt: timestamp("last_published_at"),
  versionCount: integer("version_count").notNull().default(0),
  /**
   * Denormalized: the sum of version_downloads, added by the same batch that flushes them, so
   * the public page's freshness stamp sees new counts without reading them.
   */
  downloadCount: integer("download_count").notNull().default(0),
  createdAt: timestamp("created_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
}, (t) => [
  uniqueIndex("packages_owner_name").on(t.ownerId, t.name),
  // One per listing order, so a page of the owner's packages never sorts them all.
  index("packages_owner_updated").on(t.ownerId, t.updatedAt, t.id),
  index("packages_owner_created").on(t.ownerId, t.createdAt, t.id),
  index("packages_public").on(t.visibility, t.unlistedAt, t.updatedAt),
  check("packages_visibility", sql`${t.visibility} IN ('private', 'public')`),
]);

export const packageVersions = sqliteTable("package_versions", {
  id: text("id").primaryKey(),
  packageId: text("package_id").notNull().references(() => packages.id, { onDelete: "cascade" }),
  /** As published, build metadata included. */
  version: text("version").notNull(),
  /** The version without build metadata: 1.0.0+a and 1.0.0+b are the same version. */
  versionKey: text("version_key").notNull(),
  /**
   * A text key that sorts in semver precedence order (lib/packages/version_order.ts), so the
   * latest version is one ORDER BY inside the publish transaction, with no race.
   */
  versionOrder: text("version_order").notNull(),
  prerelease: integer("prerelease", { mode: "boolean" }).notNull(),
  artifactDigest: text("artifact_digest").notNull(),
  archiveDigest: text("archive_digest").notNull(),
  archiveSize: integer("archive_size").notNull(),
  /** application/gzip, application/zstd or application/x-tar, as uploaded. */
  archiveMediaType: text("archive_media_type").notNull(),
  wasmSize: integer("wasm_size").notNull(),
  manifest: text("manifest_json", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  manifestHash: text("manifest_hash").notNull(),
  keysDigest: text("keys_digest").notNull(),
  /** JSON array of `{signer, algorithm, key_digest, verified}`. */
  signers: text("signers_json", { mode: "json" }).$type<Record<string, unknown>[]>().notNull(),
  publishedByUserId: text("published_by_user_id").notNull().references(() => users.id),
  publishedAt: timestamp("published_at").notNull(),
  deprecatedAt: timestamp("deprecated_at"),
  deprecationMessage: text("deprecation_message"),
  /**
   * Yanked: still downloadable by exact version and digest, but never chosen by resolution
   * nor as the latest version (lib/packages/yank.ts). The reason is required.
   */
  yankedAt: timestamp("yanked_at"),
  yankReason: text("yank_reason"),
}, (t) => [
  uniqueIndex("package_versions_key").on(t.packageId, t.versionKey),
  index("package_versions_published").on(t.packageId, t.publishedAt),
  index("package_versions_order").on(t.packageId, t.versionOrder),
  // Garbage collection asks whether any version references a blob.
  index("package_versions_archive").on(t.archiveDigest),
  index("package_versions_artifact").on(t.artifactDigest),
]);

/**
 * Downloads per version and UTC day. Counted in memory and added here in batches
 * (lib/packages/downloads.ts), so a download never waits for a database write.
 */
export const versionDownloads = sqliteTable("version_downloads", {
  versionId: text("version_id").notNull().references(() => packageVersions.id, {
    onDelete: "cascade",
  }),
  packageId: text("package_id").notNull().references(() => packages.id, { onDelete: "cascade" }),
  /** YYYY-MM-DD, UTC. */
  day: text("day").notNull(),
  count: integer("count").notNull(),
}, (t) => [
  primaryKey({ columns: [t.versionId, t.day] }),
  index("version_downloads_package_day").on(t.packageId, t.day),
]);

/**
 * The signer keys a package trusts (docs/adr/0011-trust-model.md). Pinned from the first
 * publish (or, for a package published before pinning, from its versions at the first change);
 * a later version must be signed by an active one. `fingerprint` is the sha256 of the raw
 * 32-byte Ed25519 public key, the `key_digest` of package_versions.signers.
 */
export const packageSignerKeys = sqliteTable("package_signer_keys", {
  id: text("id").primaryKey(),
  packageId: text("package_id").notNull().references(() => packages.id, { onDelete: "cascade" }),
  /** The signer id the key was first seen (or added) under. */
  signer: text("signer").notNull(),
  algorithm: text("algorithm").notNull(),
  fingerprint: text("fingerprint").notNull(),
  /** Base64 of the raw key when known (pasted, or read from a bundle); null when back-filled. */
  publicKey: text("public_key"),
  status: text("status", { enum: ["active", "retired"] }).notNull(),
  /** first_publish, rotation (signed with a pinned key), settings (added by an admin), history. */
  addedVia: text("added_via", { enum: ["first_publish", "rotation", "settings", "history"] })
    .notNull(),
  /** The version that brought the key; null when added in the settings. */
  addedInVersion: text("added_in_version"),
  addedByUserId: text("added_by_user_id").references(() => users.id, { onDelete: "set null" }),
  addedAt: timestamp("added_at").notNull(),
  retiredAt: timestamp("retired_at"),
  retiredByUserId: text("retired_by_user_id").references(() => users.id, {
    onDelete: "set null",
  }),
}, (t) => [
  uniqueIndex("package_signer_keys_fingerprint").on(t.packageId, t.fingerprint),
  check("package_signer_keys_status", sql`${t.status} IN ('active', 'retired')`),
]);

/** Runtime instances that run skills, as runtimes report them. */
export const contexts = sqliteTable("contexts", {
  id: text("id").primaryKey(),
  ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "cascade" }),
  packageVersionId: text("package_version_id").references(() => packageVersions.id, {
    onDelete: "set null",
  }),
  status: text("status", { enum: ["starting", "running", "stopped", "failed"] }).notNull(),
  region: text("region").notNull(),
  startedAt: timestamp("started_at").notNull(),
  endedAt: timestamp("ended_at"),
  /** Newest log line or status change; started_at until then. */
  lastActivityAt: timestamp("last_activity_at").notNull(),
  /** What people call it (optional, not unique): "checkout-eu", "api/7f3a". */
  name: text("name"),
  /** `key=value` labels as a JSON object of strings (lib/contexts/details.ts bounds them). */
  labels: text("labels_json", { mode: "json" }).$type<Record<string, string>>(),
  runtimeName: text("runtime_name"),
  runtimeVersion: text("runtime_version"),
  host: text("host"),
  /**
   * The OpenTelemetry resource a context was registered for (service.name and
   * service.instance.id), so later exports from it find the same context; unique per owner
   * so that two concurrent first exports register one.
   */
  otelResource: text("otel_resource"),
  /** The capability policy (spec/policy/policy.schema.json) its runs are checked against. */
  capabilityPolicy: text("capability_policy_json", { mode: "json" }).$type<
    Record<string, unknown>
  >(),
}, (t) => [
  index("contexts_owner_started").on(t.ownerId, t.startedAt),
  uniqueIndex("contexts_owner_otel_resource").on(t.ownerId, t.otelResource),
  check("contexts_status", sql`${t.status} IN ('starting', 'running', 'stopped', 'failed')`),
]);

/** Log lines; `id` only grows (AUTOINCREMENT), so it is the keyset cursor and SSE event id. */
export const contextLogs = sqliteTable("context_logs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  contextId: text("context_id").notNull().references(() => contexts.id, { onDelete: "cascade" }),
  ts: timestamp("ts").notNull(),
  /** 0 debug, 1 info, 2 warn, 3 error: an integer so min_severity is a range. */
  level: integer("level").notNull(),
  message: text("message").notNull(),
  metadata: text("metadata_json", { mode: "json" }).$type<Record<string, unknown>>(),
}, (t) => [
  index("context_logs_context_id").on(t.contextId, t.id),
  index("context_logs_context_ts").on(t.contextId, t.ts),
  index("context_logs_context_level").on(t.contextId, t.level, t.id),
  check("context_logs_level", sql`${t.level} BETWEEN 0 AND 3`),
]);

/**
 * Execution receipts a context's runtime reported (spec/execution-receipt*.schema.json), each
 * verified before it is stored; `id` only grows, so it is the keyset cursor.
 */
export const contextReceipts = sqliteTable("context_receipts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  contextId: text("context_id").notNull().references(() => contexts.id, { onDelete: "cascade" }),
  receiptHash: text("receipt_hash").notNull(),
  /** "0" or "1.0.0-draft". */
  schemaVersion: text("schema_version").notNull(),
  artifact: text("artifact").notNull(),
  /** The owner's version whose artifact digest the receipt names, when there is one. */
  packageVersionId: text("package_version_id").references(() => packageVersions.id, {
    onDelete: "set null",
  }),
  capsUsed: text("caps_used_json", { mode: "json" }).$type<string[]>().notNull(),
  /** When the run happened in Unix seconds, as the runtime says (timestamp; v1: finished_at). */
  ranAt: integer("ran_at").notNull(),
  receivedAt: timestamp("received_at").notNull(),
  receipt: text("receipt_json", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
}, (t) => [
  uniqueIndex("context_receipts_hash").on(t.contextId, t.receiptHash),
  index("context_receipts_context_id").on(t.contextId, t.id),
]);

/**
 * Lines per context, UTC minute (by each line's own `ts`) and level, kept by the same batch
 * that writes the lines: the log viewer's histogram reads these instead of counting lines.
 */
export const contextLogCounts = sqliteTable("context_log_counts", {
  contextId: text("context_id").notNull().references(() => contexts.id, { onDelete: "cascade" }),
  /** The minute's start, in milliseconds since the epoch. */
  minute: integer("minute").notNull(),
  level: integer("level").notNull(),
  lines: integer("lines").notNull(),
}, (t) => [primaryKey({ columns: [t.contextId, t.minute, t.level] })]);

// Organizations (docs/adr/0010): an `owners` row of kind 'org' plus the rows below. Every
// access decision reads the membership rows on each request, so a removal takes effect at once.

/** An organization's profile; its handle is its `owners` row's. */
export const organizations = sqliteTable("organizations", {
  ownerId: text("owner_id").primaryKey().references(() => owners.id, { onDelete: "cascade" }),
  displayName: text("display_name").notNull(),
  description: text("description"),
  url: text("url"),
  createdAt: timestamp("created_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
});

export const orgMembers = sqliteTable("org_members", {
  orgId: text("org_id").notNull().references(() => owners.id, { onDelete: "cascade" }),
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  role: text("role", { enum: ["owner", "admin", "member"] }).notNull(),
  createdAt: timestamp("created_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.userId] }),
  index("org_members_user").on(t.userId),
  check("org_members_role", sql`${t.role} IN ('owner', 'admin', 'member')`),
]);

export const teams = sqliteTable("teams", {
  id: text("id").primaryKey(),
  orgId: text("org_id").notNull().references(() => owners.id, { onDelete: "cascade" }),
  /** Lowercase; names the team in URLs. */
  slug: text("slug").notNull(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at").notNull(),
}, (t) => [uniqueIndex("teams_org_slug").on(t.orgId, t.slug)]);

/** Team members must be members of the team's organization (removal deletes these rows too). */
export const teamMembers = sqliteTable("team_members", {
  teamId: text("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
}, (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user").on(t.userId)]);

/** What a team may do to one of its organization's packages. */
export const teamPackages = sqliteTable("team_packages", {
  teamId: text("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  packageId: text("package_id").notNull().references(() => packages.id, { onDelete: "cascade" }),
  permission: text("permission", { enum: ["read", "publish", "admin"] }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.teamId, t.packageId] }),
  index("team_packages_package").on(t.packageId),
  check("team_packages_permission", sql`${t.permission} IN ('read', 'publish', 'admin')`),
]);

/**
 * Where a package was before a transfer (docs/adr/0010): its old owner and name answer with a
 * permanent redirect to wherever the package is now. A package created later under the same
 * owner and name wins over the move.
 */
export const packageMoves = sqliteTable("package_moves", {
  ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  packageId: text("package_id").notNull().references(() => packages.id, { onDelete: "cascade" }),
  movedAt: timestamp("moved_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.ownerId, t.name] }),
  index("package_moves_package").on(t.packageId),
]);

/** Invitations by email; only SHA-256 of the mailed token is stored. */
export const orgInvitations = sqliteTable("org_invitations", {
  id: text("id").primaryKey(),
  orgId: text("org_id").notNull().references(() => owners.id, { onDelete: "cascade" }),
  /** Normalized like users.email. */
  email: text("email").notNull(),
  role: text("role", { enum: ["owner", "admin", "member"] }).notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  invitedByUserId: text("invited_by_user_id").references(() => users.id, {
    onDelete: "set null",
  }),
  createdAt: timestamp("created_at").notNull(),
  expiresAt: timestamp("expires_at").notNull(),
  acceptedAt: timestamp("accepted_at"),
  declinedAt: timestamp("declined_at"),
  revokedAt: timestamp("revoked_at"),
}, (t) => [
  index("org_invitations_org").on(t.orgId, t.createdAt),
  index("org_invitations_email").on(t.email),
]);

// Alerts (docs/alerts.md): saved searches over an owner's logs with a threshold, evaluated
// on a schedule by whichever instance holds the `alerts` lease.

/** An alert: "more than `threshold` lines of level >= min_level matching q in window_minutes". */
export const alerts = sqliteTable("alerts", {
  id: text("id").primaryKey(),
  ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  /** The search text, passed to the log filter as the viewer's `q` is. */
  query: text("query"),
  minLevel: integer("min_level").notNull(),
  /** Only this context's lines; null: every context of the owner. */
  contextId: text("context_id").references(() => contexts.id, { onDelete: "cascade" }),
  threshold: integer("threshold").notNull(),
  windowMinutes: integer("window_minutes").notNull(),
  /** Mail the owner's address on each transition. */
  notifyEmail: integer("notify_email", { mode: "boolean" }).notNull(),
  webhookUrl: text("webhook_url"),
  /**
   * The HMAC key for webhook bodies. Kept readable (the evaluator signs with it) and shown to
   * the owner once; never in an API answer after creation, a page, a log or an audit event.
   */
  webhookSecret: text("webhook_secret").notNull(),
  state: text("state", { enum: ["ok", "firing"] }).notNull(),
  stateChangedAt: timestamp("state_changed_at"),
  lastEvaluatedAt: timestamp("last_evaluated_at"),
  lastCount: integer("last_count"),
  /** The newest transition's notification: its deliveries are written only if it is this one. */
  lastNotificationId: text("last_notification_id"),
  createdAt: timestamp("created_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
}, (t) => [
  index("alerts_owner").on(t.ownerId, t.createdAt),
  check("alerts_state", sql`${t.state} IN ('ok', 'firing')`),
]);

/**
 * One notification attempt each: a transition schedules attempt 1 of each target; a failed
 * attempt schedules the next with a doubled delay, up to the bound. The alert's page lists them.
 */
export const alertDeliveries = sqliteTable("alert_deliveries", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  alertId: text("alert_id").notNull().references(() => alerts.id, { onDelete: "cascade" }),
  /** Shared by every attempt of one notification (the webhook's X-Inactu-Delivery). */
  notificationId: text("notification_id").notNull(),
  event: text("event", { enum: ["firing", "resolved"] }).notNull(),
  target: text("target", { enum: ["email", "webhook"] }).notNull(),
  /** The address or URL, as it was when scheduled. */
  destination: text("destination").notNull(),
  attempt: integer("attempt").notNull(),
  /** The JSON body (the webhook's bytes, signed as they are). */
  payload: text("payload").notNull(),
  /** scheduled, then sending (claimed by one sender), then delivered or failed. */
  status: text("status", { enum: ["scheduled", "sending", "delivered", "failed"] }).notNull(),
  dueAt: timestamp("due_at").notNull(),
  attemptedAt: timestamp("attempted_at"),
  statusCode: integer("status_code"),
  error: text("error"),
}, (t) => [
  index("alert_deliveries_alert").on(t.alertId, t.id),
  index("alert_deliveries_due").on(t.status, t.dueAt),
]);

/**
 * Leases for work one instance at a time should do (the alert evaluator): a holder keeps the
 * row by renewing it before `expires_at`; anyone may take it once it has expired.
 */
export const jobLeases = sqliteTable("job_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: integer("expires_at").notNull(),
});
