// The registry: blobs and staged uploads, packages, their versions, download counts and
// pinned signer keys.
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
import { timestamp } from "./columns.ts";
import { owners, users } from "./accounts.ts";

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
