// The loader of the access policy for organizations: it fetches the actor's membership row and
// hands it to the one decision (lib/access/policy.ts `authorize`), so roles stay rows of the
// policy, never checks in routes. It runs on every request, for sessions and tokens alike.
import type { Services } from "../services.ts";
import {
  type Action,
  type Actor,
  authorize,
  type OrgRole,
  type UserActor,
} from "../access/policy.ts";
import { DomainError } from "../errors.ts";
import { getOrgByHandle, type Organization, roleIn } from "./orgs.ts";

/** One answer for a missing organization and one the actor may not see. */
export const ORG_NOT_FOUND = "organization not found";

export interface OrgAccess {
  org: Organization;
  /** The actor's role (null never reaches here: a non-member is refused). */
  role: OrgRole;
  actor: UserActor;
}

/** The organization `handle` when the policy allows `action` to the actor; else it throws. */
export async function orgFor(
  s: Services,
  actor: Actor,
  action: Action,
  handle: string,
): Promise<OrgAccess> {
  if (actor.kind !== "user") throw new DomainError("unauthenticated", "sign in first");
  const org = await getOrgByHandle(s.db, handle);
  const role = org ? await roleIn(s.db, org.id, actor.userId) : null;
  authorize(actor, action, org ? { ownerId: org.id, role } : null, ORG_NOT_FOUND);
  return { org: org!, role: role!, actor };
}

/** Throws unless the actor's role allows `action` too (a second check on the same org). */
export function also(access: OrgAccess, action: Action): void {
  authorize(access.actor, action, { ownerId: access.org.id, role: access.role }, ORG_NOT_FOUND);
}
