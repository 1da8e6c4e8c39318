// What callers do with contexts, each one command taking (services, actor, input): find one
// (read or write access), register one, change its status. Every decision about who may is
// the access policy's; a context of someone else reads exactly like a missing one.
import { and, eq } from "drizzle-orm";
import type { Services } from "../services.ts";
import { contexts } from "../db/schema.ts";
import { actingOwnerId, type Actor, auditActor, authorize } from "../access/policy.ts";
import { ownerFor, withRole } from "../orgs/access.ts";
import { DomainError, invalid } from "../errors.ts";
import {
  changeContextStatus,
  type ContextSummary,
  createContext,
  findOwnedVersion,
  isContextId,
  selectSummaries,
} from "./contexts.ts";
import {
  checkCreate,
  checkStatus,
  type CreateContextBody,
  type PatchContextBody,
} from "./input.ts";
import { ContextDetails, DETAIL_FIELDS, detailColumns } from "./details.ts";
import { changeContextDetails } from "./update.ts";
import { parseInput } from "../validation.ts";
import { contextFacets, type ContextListQuery, decodeContextCursor, listContexts } from "./list.ts";
import { checkContextPolicy } from "./policy.ts";
import type { z } from "zod";

/** The existing API's answer for a context that is missing or someone else's (one body). */
export const CONTEXT_NOT_FOUND = "context not found";

/** A context and the owner it belongs to (a user or an organization). */
export type OwnedContext = ContextSummary & { ownerId: string };

/**
 * The context `id` when the policy allows `action` on it (the actor's role in an owning
 * organization is read for this request); else not_found like a missing one.
 */
export async function contextFor(
  s: Services,
  actor: Actor,
  action: "context.read" | "context.write",
  id: string,
): Promise<OwnedContext> {
  const [row] = isContextId(id)
    ? await selectSummaries(s.db, { ownerId: contexts.ownerId })
      .where(and(eq(contexts.id, id.toLowerCase()))).limit(1)
    : [];
  const resource = await withRole(s, actor, row ?? null);
  authorize(actor, action, resource, CONTEXT_NOT_FOUND);
  return row!;
}

/**
 * Registers a context for the owner the request acts for (a token's one owner, such as an
 * organization; a session's own user), linked to one of that owner's versions if named.
 */
export async function registerContext(
  s: Services,
  actor: Actor,
  body: z.infer<typeof CreateContextBody>,
): Promise<ContextSummary> {
  const { status: _s, region: _r, package: _p, version: _v, capability_policy: _c, ...rest } = body;
  const checked = checkCreate(body);
  if ("error" in checked) throw new DomainError("invalid", checked.error);
  const details = detailColumns(parseInput(ContextDetails, rest));
  if (actor.kind !== "user") throw new DomainError("unauthenticated", "sign in first");
  const ownerId = actingOwnerId(actor);
  authorize(actor, "context.write", await withRole(s, actor, { ownerId }), CONTEXT_NOT_FOUND);
  const { status, region, link } = checked.value;
  const capabilityPolicy = checkContextPolicy(body.capability_policy);
  let versionId: string | null = null;
  if (link) {
    versionId = await findOwnedVersion(s.db, ownerId, link.name, link.version);
    if (!versionId) throw new DomainError("not_found", "package version not found");
  }
  // The event goes to the log of the context's owner (an organization's, for its contexts).
  return await createContext(s.db, { ...auditActor(actor)!, ownerId }, {
    status,
    region,
    packageVersionId: versionId,
    packageName: link?.name ?? null,
    packageVersion: link?.version ?? null,
    details,
    capabilityPolicy,
  }, s.clock());
}

/** Sets a context's status; a real change also logs the compatible line and an audit event. */
export async function setContextStatus(
  s: Services,
  actor: Actor,
  input: { id: string; status: unknown },
): Promise<ContextSummary> {
  const status = checkStatus(input.status);
  if ("error" in status) throw invalid("status", status.error);
  const context = await contextFor(s, actor, "context.write", input.id);
  const result = await changeContextStatus(
    s.db,
    { ...auditActor(actor)!, ownerId: context.ownerId },
    context.id,
    status.value,
    s.clock(),
  );
  if (!result) throw new DomainError("not_found", CONTEXT_NOT_FOUND);
  return result.context;
}

/**
 * Changes a context's status and details (PATCH /v1/contexts/{id} and the context page's form).
 * Without any detail the status is required, as the existing API had it, unless the caller
 * changes something else (the capability policy, lib/contexts/policy_command.ts). The body is
 * checked before the context is looked up, so a bad one reads the same whoever's it names.
 */
export async function updateContext(
  s: Services,
  actor: Actor,
  input: { id: string; body: z.infer<typeof PatchContextBody>; statusOptional?: boolean },
): Promise<ContextSummary> {
  const { status: rawStatus, capability_policy: _policy, ...rest } = input.body;
  const withDetails = DETAIL_FIELDS.some((f) => rest[f] !== undefined);
  const optional = withDetails || input.statusOptional === true;
  const status = rawStatus === undefined && optional ? null : checkStatus(rawStatus);
  if (status && "error" in status) throw invalid("status", status.error);
  const details = detailColumns(parseInput(ContextDetails, rest));
  let context = await contextFor(s, actor, "context.write", input.id);
  if (withDetails) {
    const changed = await changeContextDetails(
      s.db,
      { ...auditActor(actor)!, ownerId: context.ownerId },
      context,
      details,
      s.clock(),
    );
    if (!changed) throw new DomainError("not_found", CONTEXT_NOT_FOUND);
    context = { ...changed, ownerId: context.ownerId };
  }
  if (!status) return context;
  return await setContextStatus(s, actor, { id: context.id, status: status.value });
}

/**
 * A page of one owner's contexts (`owner`, a handle: the actor's own or an organization's they
 * belong to; by default the owner the request acts for) and the counts for the filters, for
 * the page and the API.
 */
export async function listOwnContexts(
  s: Services,
  actor: Actor,
  input: { query: z.infer<typeof ContextListQuery>; limit: number; facets?: boolean },
) {
  const q = input.query;
  const owner = await ownerFor(s, actor, "context.read", q.owner);
  const sort = q.sort ?? "-started";
  const cursor = q.cursor === undefined ? undefined : decodeContextCursor(q.cursor, sort);
  if (cursor === null) {
    throw invalid(
      "cursor",
      "query parameter cursor: is not a cursor this list gave out for this sort. " +
        "This page link is out of date; go back to the first page",
    );
  }
  const [list, facets] = await Promise.all([
    listContexts(s.db, owner.ownerId, {
      status: q.status,
      region: q.region,
      packageName: q.package,
      name: q.name,
      labels: q.label,
      sort,
      cursor,
      limit: input.limit,
    }),
    input.facets ? contextFacets(s.db, owner.ownerId) : null,
  ]);
  return { ...list, facets, sort, paged: cursor !== undefined, owner };
}
