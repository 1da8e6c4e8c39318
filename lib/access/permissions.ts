// The permission tables of the access policy (lib/access/policy.ts): every action and what it
// takes (ACTIONS), and who may do it to a resource by their relation to its owner
// (PERMISSIONS, ADR 0010's table). Deny by default: an action without a row cannot be allowed.
import type { Scope } from "../auth/api_tokens.ts";

export interface Rule {
  /** The scope an API token needs; sessions hold every scope. */
  scope?: Scope;
  /** Only a browser session may do this (docs/security.md S8: tokens never manage credentials). */
  session?: true;
  /** Said in refusals: "API tokens cannot <this>". */
  describe: string;
  /** About the token's user, not an owner's resource: any token of the user may (who am I). */
  identity?: true;
}

/** Every action and what it takes; a new action is a new row. */
export const ACTIONS = {
  "account.read": { identity: true, describe: "read the account" },
  "account.manage": { session: true, describe: "change the password" },
  "session.manage": { session: true, describe: "list or revoke sessions" },
  "session.end": { session: true, describe: "sign out; revoke the token instead" },
  "token.manage": { session: true, describe: "list, create or revoke API tokens" },
  "audit.read": { scope: "audit:read", describe: "read the audit log" },
  "package.read": { scope: "packages:read", describe: "read private packages" },
  "package.publish": { scope: "packages:publish", describe: "publish packages" },
  "package.update": { scope: "packages:publish", describe: "change packages" },
  "package.create": { scope: "packages:publish", describe: "create packages here" },
  // Moving a package changes who controls it: session-only, like managing people (S8).
  "package.transfer": { session: true, describe: "transfer packages" },
  // Its own scope: a leaked publish token must not be able to pin the key it signs with.
  "package.keys": { scope: "packages:keys", describe: "change a package's signer keys" },
  "context.read": { scope: "contexts:read", describe: "read contexts and logs" },
  "context.write": { scope: "contexts:write", describe: "report contexts and logs" },
  // Alerts watch the owner's logs (docs/alerts.md): reading them is reading logs; changing
  // them (where notifications go) takes the write scope.
  "alert.read": { scope: "contexts:read", describe: "read alerts" },
  "alert.manage": { scope: "contexts:write", describe: "create, change or delete alerts" },
  // Organizations (docs/adr/0010). Reading is for members; managing people is session-only,
  // like managing credentials (S8), since roles decide who may publish.
  "org.read": { scope: "packages:read", describe: "read the organization" },
  "org.list": { scope: "packages:read", describe: "list your organizations" },
  "org.create": { session: true, describe: "create organizations" },
  "org.join": { session: true, describe: "accept or decline invitations" },
  "org.leave": { session: true, describe: "leave organizations" },
  "org.update": { session: true, describe: "change the organization's settings" },
  "org.members": { session: true, describe: "manage the organization's members" },
  "org.invitations": { session: true, describe: "manage the organization's invitations" },
  "org.teams": { session: true, describe: "manage the organization's teams" },
  "org.owners": { session: true, describe: "manage the organization's owners" },
  "org.delete": { session: true, describe: "delete the organization" },
  "org.audit": { scope: "audit:read", describe: "read the organization's audit log" },
  // Tokens are credentials: listing and revoking them is session-only like token.manage (S8).
  "org.tokens": { session: true, describe: "list or revoke the organization's API tokens" },
  // Listing an owner's packages: members see the list, filtered to what they may read.
  "package.list": { scope: "packages:read", describe: "list packages" },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof ACTIONS;

/** A role in an organization (org_members.role). */
export type OrgRole = "owner" | "admin" | "member";

/** What a team may do to one package of its organization (team_packages.permission). */
export type TeamGrant = "read" | "publish" | "admin";

/**
 * What the actor is to a resource's owner: the owner itself (their own user owner), a role in
 * the organization that owns it (loaded per request, lib/orgs/access.ts), for a plain member of
 * the organization the best grant their teams have on the package (lib/orgs/grants.ts), or
 * nothing.
 */
export type Relation =
  | "self"
  | OrgRole
  | "team_admin"
  | "team_publish"
  | "team_read"
  | "none";

/** A resource that belongs to an owner (a package, a context, a staged upload, a token). */
export interface Owned {
  ownerId: string;
  /** Packages only: a public package can be read by anyone. */
  visibility?: "public" | "private";
  /** The actor's role in the owning organization, when the owner is one (else omitted). */
  role?: OrgRole | null;
  /** Packages of an organization: the best grant of the actor's teams on it (members only). */
  grant?: TeamGrant | null;
}

/** allow; forbid (403: they may see it, not change it); hide (404, like a missing one). */
export type Grant = "allow" | "forbid" | "hide";
export type Row = Record<Relation, Grant>;

/**
 * A row of the table. Team grants only ever describe a plain member's access to a package, so
 * outside the package rows a member with a grant is answered as a member.
 */
function row(
  grants: Record<"self" | OrgRole | "none", Grant>,
  teams: Partial<Record<TeamGrant, Grant>> = {},
): Row {
  const { member } = grants;
  return {
    ...grants,
    team_admin: teams.admin ?? member,
    team_publish: teams.publish ?? member,
    team_read: teams.read ?? member,
  };
}

const SELF_ONLY = row({
  self: "allow",
  owner: "hide",
  admin: "hide",
  member: "hide",
  none: "hide",
});
const ORG_ADMINS = row({
  self: "hide",
  owner: "allow",
  admin: "allow",
  member: "forbid",
  none: "hide",
});
const OWN_OR_ADMINS = row({
  self: "allow",
  owner: "allow",
  admin: "allow",
  member: "forbid",
  none: "hide",
});
const MEMBERS = row({
  self: "allow",
  owner: "allow",
  admin: "allow",
  member: "allow",
  none: "hide",
});

/**
 * Who may do each action to a resource, by relation: ADR 0010's table. A member reaches an
 * organization's package only through a team's grant on it (or by being owner or admin).
 */
export const PERMISSIONS: Record<Action, Row> = {
  "account.read": SELF_ONLY,
  "account.manage": SELF_ONLY,
  "session.manage": SELF_ONLY,
  "session.end": SELF_ONLY,
  "token.manage": SELF_ONLY,
  "audit.read": SELF_ONLY,
  "package.read": row(
    { self: "allow", owner: "allow", admin: "allow", member: "hide", none: "hide" },
    { read: "allow", publish: "allow", admin: "allow" },
  ),
  "package.publish": row(
    { self: "allow", owner: "allow", admin: "allow", member: "forbid", none: "hide" },
    { read: "forbid", publish: "allow", admin: "allow" },
  ),
  "package.update": row(
    { self: "allow", owner: "allow", admin: "allow", member: "forbid", none: "hide" },
    { read: "forbid", publish: "forbid", admin: "allow" },
  ),
  // Signer keys are managed in the package's settings: the settings row of ADR 0010's table.
  "package.keys": row(
    { self: "allow", owner: "allow", admin: "allow", member: "forbid", none: "hide" },
    { read: "forbid", publish: "forbid", admin: "allow" },
  ),
  "package.create": OWN_OR_ADMINS,
  "package.transfer": OWN_OR_ADMINS,
  "context.read": MEMBERS,
  "context.write": MEMBERS,
  "org.read": { ...MEMBERS, self: "hide" },
  "alert.read": SELF_ONLY,
  "alert.manage": SELF_ONLY,
  "org.list": SELF_ONLY,
  "org.create": SELF_ONLY,
  "org.join": SELF_ONLY,
  "org.leave": { ...MEMBERS, self: "hide" },
  "org.update": ORG_ADMINS,
  "org.members": ORG_ADMINS,
  "org.invitations": ORG_ADMINS,
  "org.teams": ORG_ADMINS,
  "org.owners": row({
    self: "hide",
    owner: "allow",
    admin: "forbid",
    member: "forbid",
    none: "hide",
  }),
  "org.delete": row({
    self: "hide",
    owner: "allow",
    admin: "forbid",
    member: "forbid",
    none: "hide",
  }),
  "org.audit": ORG_ADMINS,
  "org.tokens": ORG_ADMINS,
  "package.list": MEMBERS,
};
