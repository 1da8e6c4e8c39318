// The loader of the access policy for organizations: it fetches the actor's membership row and
// hands it to the one decision (lib/access/policy.ts `authorize`), so roles stay rows of the
// policy, never checks in routes. It runs on every request, for sessions and tokens alike.
import type { Services } from "../services.ts";
import { eq, sql } from "drizzle-orm";
import { owners } from "../db/schema.ts";
import { prepared } from "../db/prepared.ts";
import { selectRows } from "../db/rows.ts";
import {
  actingOwnerId,
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

/** What a list is scoped to: an owner, user or organization, and the actor's role in it. */
export interface OwnerScope {
  ownerId: string;
  handle: string;
  kind: "user" | "org";
  role: OrgRole | null;
}

export const OWNER_NOT_FOUND = "owner not found";

const OWNER_COLUMNS = { id: owners.id, handle: owners.handle, kind: owners.kind };

/**
 * The owner a list shows (`?owner=handle`; without one, the owner the request acts for) when
 * the policy allows `action` on it: the actor's own, or an organization they belong to (a
 * token: only the owner it acts for). Anyone else's reads as a missing owner.
 */
export async function ownerFor(
  s: Services,
  actor: Actor,
  action: Action,
  handle: string | undefined,
): Promise<OwnerScope> {
  if (actor.kind !== "user") throw new DomainError("unauthenticated", "sign in first");
  const wanted = handle?.trim().toLowerCase();
  // The actor's own owner was read with their session or token for this request: no read.
  if (
    wanted === undefined ? actingOwnerId(actor) === actor.ownerId : wanted === actor.ownerHandle
  ) {
    authorize(actor, action, { ownerId: actor.ownerId, role: null }, OWNER_NOT_FOUND);
    return { ownerId: actor.ownerId, handle: actor.ownerHandle, kind: "user", role: null };
  }
  // Anyone else's (an organization's) is a prepared read (lib/db/rows.ts).
  const by = wanted === undefined ? "id" : "handle";
  const query = prepared(
    s.db,
    `owner-by-${by}`,
    (db) =>
      db.select(OWNER_COLUMNS).from(owners).where(eq(owners[by], sql.placeholder("value")))
        .limit(1).prepare(),
  );
  const [row] = await selectRows(s.database, query, OWNER_COLUMNS, {
    value: wanted ?? actingOwnerId(actor),
  });
  const role = row && row.kind === "org" ? await roleIn(s.db, row.id, actor.userId) : null;
  authorize(actor, action, row ? { ownerId: row.id, role } : null, OWNER_NOT_FOUND);
  return { ownerId: row!.id, handle: row!.handle, kind: row!.kind, role };
}

/**
 * `resource` with the actor's role in the organization that owns it, read for this request
 * (so a removal or a demotion counts at once); a user-owned resource costs no lookup.
 */
export async function withRole<T extends { ownerId: string }>(
  s: Services,
  actor: Actor,
  resource: T | null,
): Promise<(T & { role: OrgRole | null }) | null> {
  if (!resource) return null;
  const own = actor.kind !== "user" || resource.ownerId === actor.ownerId;
  const role = own ? null : await roleIn(s.db, resource.ownerId, actor.userId);
  return { ...resource, role };
}
