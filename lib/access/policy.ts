// The one access policy (docs/architecture.md, "Access"): who may do what to which resource.
// Deny by default: an action that is not in ACTIONS cannot be allowed, and every allowance is
// a row here. Routes declare the action they perform (lib/http/access.ts checks the parts that
// need no resource before the handler runs); domain commands ask `can` again with the resource.
import type { Scope } from "../auth/api_tokens.ts";
import { DomainError } from "../errors.ts";
import type { Actor as AuditActor } from "../audit/audit.ts";

/** Where a request came from, recorded with what it changed. */
export interface Origin {
  ip: string | null;
  userAgent: string | null;
}

/** Who is asking: nobody, or a user through a browser session or an API token. */
export type Actor =
  | ({ kind: "anonymous" } & Origin)
  | ({ kind: "user"; userId: string; ownerId: string; via: "session"; sessionId: string } & Origin)
  | ({
    kind: "user";
    userId: string;
    ownerId: string;
    via: "token";
    tokenId: string;
    scopes: readonly Scope[];
    /**
     * The one owner the token acts for (docs/adr/0010): the user's own owner, or an
     * organization chosen when the token was made. Any other owner's resource is refused.
     */
    actsFor: string;
  } & Origin);

/** The actor as audit events record it (lib/audit/audit.ts); null for nobody. */
export function auditActor(actor: Actor): AuditActor | null {
  if (actor.kind === "anonymous") return null;
  return {
    ownerId: actor.ownerId,
    userId: actor.userId,
    tokenId: actor.via === "token" ? actor.tokenId : null,
    ip: actor.ip,
    userAgent: actor.userAgent,
  };
}

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
type Grant = "allow" | "forbid" | "hide";
type Row = Record<Relation, Grant>;

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

/** The owner a request acts for: a token's one owner, or (a session) the user's own. */
export function actingOwnerId(actor: UserActor): string {
  return actor.via === "token" ? actor.actsFor : actor.ownerId;
}

/**
 * The actor's relation to a resource's owner. A token that acts for another owner is nothing
 * to the resource (so it is refused like a missing one), whatever its user's role there; a
 * token never exceeds its user's role, which is loaded for each request.
 */
export function relationOf(actor: UserActor, resource: Owned, action?: Action): Relation {
  const identity = action !== undefined && "identity" in ACTIONS[action];
  if (actor.via === "token" && !identity && resource.ownerId !== actor.actsFor) return "none";
  if (resource.ownerId === actor.ownerId) return "self";
  if (resource.role === "member" && resource.grant) return `team_${resource.grant}`;
  return resource.role ?? "none";
}

/**
 * A package (a resource with a visibility) is refused as missing (404) to whoever may not read
 * it, and as forbidden (403) to whoever may: ADR 0010, "one they may read but not change".
 */
function packageRefusal(relation: Relation, resource: Owned): Grant {
  const readable = resource.visibility === "public" ||
    PERMISSIONS["package.read"][relation] === "allow";
  return readable ? "forbid" : "hide";
}

export type Denial =
  | { reason: "unauthenticated" }
  | { reason: "scope"; scope: Scope }
  | { reason: "session_only"; describe: string }
  /** The resource is someone else's: refused exactly as if it did not exist. */
  | { reason: "not_found" }
  /** The actor may see the resource but their role may not do this. */
  | { reason: "role"; describe: string; relation: Relation };

export type Decision = { allowed: true } | ({ allowed: false } & Denial);

const ALLOW: Decision = { allowed: true };

/**
 * Whether `actor` may perform `action` on `resource` (or, without a resource, whether the
 * actor could perform it on something of their own: what a route checks before loading).
 */
export function can(actor: Actor, action: Action, resource?: Owned): Decision {
  if (action === "package.read" && resource?.visibility === "public") return ALLOW;
  if (actor.kind === "anonymous") return { allowed: false, reason: "unauthenticated" };
  const rule: Rule = ACTIONS[action];
  if (actor.via === "token") {
    if (rule.session) return { allowed: false, reason: "session_only", describe: rule.describe };
    if (rule.scope && !actor.scopes.includes(rule.scope)) {
      return { allowed: false, reason: "scope", scope: rule.scope };
    }
  }
  if (!resource) return ALLOW;
  const relation = relationOf(actor, resource, action);
  let grant = PERMISSIONS[action][relation];
  if (grant !== "allow" && resource.visibility) grant = packageRefusal(relation, resource);
  if (grant === "hide") return { allowed: false, reason: "not_found" };
  if (grant === "forbid") {
    return { allowed: false, reason: "role", describe: rule.describe, relation };
  }
  return ALLOW;
}

/**
 * Throws unless `can` allows: a resource of someone else's reads as missing, with the same
 * `notFound` message a missing one gets.
 */
export function authorize(
  actor: Actor,
  action: Action,
  resource: Owned | null,
  notFound: string,
): asserts resource is Owned {
  if (!resource) throw new DomainError("not_found", notFound);
  const decision = can(actor, action, resource);
  if (decision.allowed) return;
  switch (decision.reason) {
    case "unauthenticated":
      throw new DomainError("unauthenticated", "sign in, or send an API token");
    case "scope":
      throw new DomainError("forbidden", `this API token lacks the ${decision.scope} scope`);
    case "session_only":
      throw new DomainError(
        "forbidden",
        `API tokens cannot ${decision.describe}; sign in with a browser session`,
      );
    case "not_found":
      throw new DomainError("not_found", notFound);
    case "role":
      throw new DomainError(
        "forbidden",
        decision.relation === "none"
          ? `this package belongs to someone else; you cannot ${decision.describe} there`
          : `your role in this organization cannot ${decision.describe}`,
      );
  }
}

/** An actor who is signed in, by browser session or API token. */
export type UserActor = Extract<Actor, { kind: "user" }>;

/**
 * Throws unless `can` allows `action` on the actor's own account (their sessions, tokens,
 * audit log); returns the actor, signed in.
 */
export function authorizeOwn(actor: Actor, action: Action): UserActor {
  authorize(actor, action, { ownerId: actor.kind === "user" ? actor.ownerId : "" }, "not found");
  return actor as UserActor;
}
