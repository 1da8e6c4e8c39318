// The one access policy (docs/architecture.md, "Access"): who may do what to which resource.
// Who asks is an Actor (actor.ts); what each action takes and who may do it are the tables of
// permissions.ts; this module decides (`can`, `authorize`) and re-exports both, so callers
// import the policy from one place. Deny by default: an action that is not in ACTIONS cannot
// be allowed. Routes declare the action they perform (lib/http/access.ts checks the parts that
// need no resource before the handler runs); domain commands ask `can` again with the resource.
import type { Scope } from "../auth/api_tokens.ts";
import { DomainError } from "../errors.ts";
import type { Actor, UserActor } from "./actor.ts";
import {
  type Action,
  ACTIONS,
  type Grant,
  type Owned,
  PERMISSIONS,
  type Relation,
  type Rule,
} from "./permissions.ts";

export * from "./actor.ts";
export * from "./permissions.ts";

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

/**
 * Throws unless `can` allows `action` on the actor's own account (their sessions, tokens,
 * audit log); returns the actor, signed in.
 */
export function authorizeOwn(actor: Actor, action: Action): UserActor {
  authorize(actor, action, { ownerId: actor.kind === "user" ? actor.ownerId : "" }, "not found");
  return actor as UserActor;
}
