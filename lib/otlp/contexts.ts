// Which context an OTLP resource's records go to. `inactu.context.id` names one of the
// caller's contexts; otherwise `service.name` (with `service.instance.id`) picks the context
// registered for that service instance, registering it on its first export, named after it
// and with its runtime and host (OpenTelemetry semantic conventions) as details.
import { and, eq } from "drizzle-orm";
import type { Services } from "../services.ts";
import { contexts } from "../db/schema.ts";
import {
  actingOwnerId,
  type Actor,
  auditActor,
  authorize,
  type UserActor,
} from "../access/policy.ts";
import { withRole } from "../orgs/access.ts";
import { DomainError } from "../errors.ts";
import { CONTEXT_NOT_FOUND, contextFor } from "../contexts/commands.ts";
import { type ContextSummary, createContext, selectSummaries } from "../contexts/contexts.ts";
import { ContextDetails, type ContextDetailsInput, detailColumns } from "../contexts/details.ts";
import { checkText } from "../logs/text.ts";
import { MAX_REGION_CHARS } from "../contexts/input.ts";
import type { JsonValue } from "./request.ts";

export const CONTEXT_ATTRIBUTE = "inactu.context.id";

/** Where a resource's records go, or why they are all rejected. */
export type Destination = { context: ContextSummary } | { error: string };

function str(attributes: Record<string, JsonValue>, key: string): string | null {
  const value = attributes[key];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** A resource's context; `cache` keeps one lookup per resource within a request. */
export async function destinationOf(
  s: Services,
  actor: Actor,
  attributes: Record<string, JsonValue>,
  cache: Map<string, Promise<Destination>>,
): Promise<Destination> {
  const id = str(attributes, CONTEXT_ATTRIBUTE);
  const service = str(attributes, "service.name");
  const key = id !== null
    ? `id:${id}`
    : service !== null
    ? JSON.stringify([service, str(attributes, "service.instance.id")])
    : null;
  if (key === null) {
    return {
      error: `a resource has neither ${CONTEXT_ATTRIBUTE} nor service.name; ` +
        "set service.name (OTEL_SERVICE_NAME) or the id of a context",
    };
  }
  let found = cache.get(key);
  if (!found) {
    found = id !== null ? byId(s, actor, id) : byService(s, actor, key, attributes);
    cache.set(key, found);
  }
  return await found;
}

async function byId(s: Services, actor: Actor, id: string): Promise<Destination> {
  try {
    return { context: await contextFor(s, actor, "context.write", id) };
  } catch (error) {
    if (error instanceof DomainError && error.kind === "not_found") {
      return { error: `${CONTEXT_ATTRIBUTE} ${id}: ${CONTEXT_NOT_FOUND}` };
    }
    throw error;
  }
}

async function find(s: Services, ownerId: string, key: string): Promise<ContextSummary | null> {
  const [row] = await selectSummaries(s.db)
    .where(and(eq(contexts.ownerId, ownerId), eq(contexts.otelResource, key))).limit(1);
  return row ?? null;
}

async function byService(
  s: Services,
  actor: Actor,
  key: string,
  attributes: Record<string, JsonValue>,
): Promise<Destination> {
  if (actor.kind !== "user") throw new DomainError("unauthenticated", "sign in first");
  // As registerContext: the owner the request acts for (an organization, for its tokens).
  const ownerId = actingOwnerId(actor);
  authorize(actor, "context.write", await withRole(s, actor, { ownerId }), CONTEXT_NOT_FOUND);
  const existing = await find(s, ownerId, key);
  if (existing) return { context: existing };
  try {
    return { context: await register(s, actor, ownerId, key, attributes) };
  } catch (error) {
    // Another export of the same instance registered it first (the unique index).
    const raced = await find(s, ownerId, key);
    if (raced) return { context: raced };
    throw error;
  }
}

function register(
  s: Services,
  actor: UserActor,
  ownerId: string,
  key: string,
  attributes: Record<string, JsonValue>,
): Promise<ContextSummary> {
  const [service, instance] = JSON.parse(key) as [string, string | null];
  const region = checkText("region", str(attributes, "cloud.region") ?? "otlp", {
    max: MAX_REGION_CHARS,
  });
  const env = str(attributes, "deployment.environment.name") ??
    str(attributes, "deployment.environment");
  return createContext(s.db, { ...auditActor(actor)!, ownerId }, {
    status: "running",
    region: "value" in region && region.value ? region.value : "otlp",
    packageVersionId: null,
    packageName: null,
    packageVersion: null,
    details: detailColumns(details({
      name: (instance ? `${service}/${instance}` : service).slice(0, 128),
      labels: env ? { env } : undefined,
      runtime_name: str(attributes, "process.runtime.name") ?? undefined,
      runtime_version: str(attributes, "process.runtime.version") ?? undefined,
      host: str(attributes, "host.name") ?? undefined,
    })),
    otelResource: key,
  }, s.clock());
}

/** The details that pass their rules; a resource's odd host name never blocks its logs. */
function details(input: Record<string, unknown>): ContextDetailsInput {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const one = ContextDetails.safeParse({ [field]: value });
    if (one.success) Object.assign(out, one.data);
  }
  return out as ContextDetailsInput;
}
