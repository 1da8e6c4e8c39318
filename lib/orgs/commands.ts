// Creating, changing and deleting organizations (docs/adr/0010). Each command parses its input,
// asks the policy (through orgFor) and writes its audit event in the same batch.
import { count, eq } from "drizzle-orm";
import { command } from "../validation.ts";
import { authorizeOwn } from "../access/policy.ts";
import { DomainError } from "../errors.ts";
import { organizations, orgMembers, owners, packages } from "../db/schema.ts";
import { isHandleTaken, isUniqueViolation } from "../auth/accounts.ts";
import { auditInsert } from "../audit/audit.ts";
import { auditActor } from "../access/policy.ts";
import { CreateOrg, OrgRef, UpdateOrg } from "./inputs.ts";
import { orgFor } from "./access.ts";
import { orgAudit } from "./audit.ts";
import { getOrgByHandle, type Organization, userEmail } from "./orgs.ts";

const HANDLE_TAKEN = "handle: is taken; choose another";

/** Creates an organization with the actor as its first owner (a verified account only). */
export const createOrg = command(CreateOrg, async (s, a, input): Promise<Organization> => {
  const actor = authorizeOwn(a, "org.create");
  const me = await userEmail(s.db, actor.userId);
  if (!me?.verified) {
    throw new DomainError("forbidden", "verify your email address before creating an organization");
  }
  const conflict = () =>
    new DomainError("conflict", HANDLE_TAKEN, {
      issues: [{ field: "handle", message: HANDLE_TAKEN }],
    });
  if (await isHandleTaken(s.db, input.handle)) throw conflict();
  const now = s.clock();
  const id = crypto.randomUUID();
  const org: Organization = {
    id,
    handle: input.handle,
    displayName: input.display_name,
    description: input.description ?? null,
    url: input.url ?? null,
    createdAt: now,
  };
  try {
    await s.db.batch([
      s.db.insert(owners).values({ id, kind: "org", handle: org.handle, createdAt: now }),
      s.db.insert(organizations).values({
        ownerId: id,
        displayName: org.displayName,
        description: org.description,
        url: org.url,
        createdAt: now,
        updatedAt: now,
      }),
      s.db.insert(orgMembers).values({
        orgId: id,
        userId: actor.userId,
        role: "owner",
        createdAt: now,
      }),
      orgAudit(s.db, actor, id, {
        action: "org.create",
        targetType: "org",
        targetId: id,
        metadata: { handle: org.handle },
      }, now),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
  return org;
});

/** Changes the display name, description or URL (owners and admins). */
export const updateOrg = command(UpdateOrg, async (s, actor, input): Promise<Organization> => {
  const { org } = await orgFor(s, actor, "org.update", input.org);
  const patch = {
    ...(input.display_name !== undefined ? { displayName: input.display_name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.url !== undefined ? { url: input.url } : {}),
  };
  const changed = Object.entries(patch).filter(([k, v]) => org[k as keyof Organization] !== v)
    .map(([k]) => k);
  if (changed.length === 0) return org;
  const now = s.clock();
  await s.db.batch([
    s.db.update(organizations).set({ ...patch, updatedAt: now })
      .where(eq(organizations.ownerId, org.id)),
    orgAudit(s.db, actor, org.id, {
      action: "org.update",
      targetType: "org",
      targetId: org.id,
      metadata: { changed },
    }, now),
  ]);
  return { ...org, ...patch };
});

/**
 * Deletes an organization (owners only) with its members, teams and invitations. Its audit log
 * goes with it, so the deletion is recorded in the log of the owner who did it.
 */
export const deleteOrg = command(OrgRef, async (s, actor, input): Promise<void> => {
  const { org } = await orgFor(s, actor, "org.delete", input.org);
  const [owned] = await s.db.select({ n: count() }).from(packages).where(
    eq(packages.ownerId, org.id),
  );
  if (owned!.n > 0) {
    throw new DomainError(
      "conflict",
      "this organization still owns packages; transfer or delete them first",
    );
  }
  const now = s.clock();
  await s.db.batch([
    s.db.delete(owners).where(eq(owners.id, org.id)),
    auditInsert(s.db, auditActor(actor)!, {
      action: "org.delete",
      targetType: "org",
      targetId: org.id,
      metadata: { handle: org.handle },
    }, now),
  ]);
});

/** The organization and the actor's role, for the pages and GET /v1/orgs/{org}. */
export async function readOrg(
  s: Parameters<typeof orgFor>[0],
  actor: Parameters<typeof orgFor>[1],
  handle: string,
) {
  return await orgFor(s, actor, "org.read", handle);
}

export { getOrgByHandle };
