// Organizations (docs/adr/0010): an `owners` row of kind 'org' plus the rows below. Every
// access decision reads the membership rows on each request, so a removal takes effect at once.
import { sql } from "drizzle-orm";
import { check, index, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { timestamp } from "./columns.ts";
import { owners, users } from "./accounts.ts";
import { packages } from "./packages.ts";

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
