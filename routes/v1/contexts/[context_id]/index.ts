import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { updateContext } from "@/lib/contexts/commands.ts";
import { checkContextPolicy, contextPolicy } from "@/lib/contexts/policy.ts";
import { setContextPolicy } from "@/lib/contexts/policy_command.ts";
import { routeContext } from "@/lib/http/route_context.ts";
import { PatchContextBody } from "@/lib/contexts/input.ts";
import { ContextJson, contextJson } from "@/lib/contexts/json.ts";
import { STATUSES } from "@/lib/contexts/contexts.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { describe, raw } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = { GET: "context.read", PATCH: "context.write" };

// PATCH answers the capability policy beside `context`, which keeps the existing API's shape;
// GET answers exactly as the existing API does (the policy alone: GET .../policy).
const Answer = z.object({
  context: ContextJson,
  capability_policy: z.record(z.string(), z.unknown()).nullable(),
});

export const api = describe({
  GET: {
    summary: "One of your contexts",
    responses: { 200: { description: "The context", json: z.object({ context: ContextJson }) } },
  },
  PATCH: {
    summary: "Change a context's status, capability policy, name, labels or runtime",
    body: {
      content: {
        "application/json": raw({
          type: "object",
          properties: {
            status: { enum: [...STATUSES] },
            capability_policy: {
              type: ["object", "string", "null"],
              description: "A policy (spec/policy/policy.schema.json) as JSON or a YAML " +
                "document; null removes it",
            },
            name: { type: ["string", "null"], description: "Up to 128 characters; null clears" },
            labels: {
              type: ["object", "null"],
              additionalProperties: { type: "string" },
              description: "Up to 16 key=value labels; they replace the old ones, null clears",
            },
            runtime_name: { type: ["string", "null"] },
            runtime_version: { type: ["string", "null"] },
            host: { type: ["string", "null"] },
          },
          additionalProperties: false,
        }),
      },
    },
    responses: { 200: { description: "The context and its capability policy", json: Answer } },
    errors: [409],
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const context = await routeContext(ctx, "context.read");
    return Response.json({ context: contextJson(context) });
  },

  /**
   * A status change (a real one also writes the compatible log line and an audit event), a
   * new capability policy, and changes of name, labels and runtime (a field left out is left
   * alone, null clears it). All are checked before any is applied.
   */
  async PATCH(ctx) {
    const { services, actor } = ctx.state;
    const id = ctx.params.context_id!;
    const body = await readJson(ctx.req, PatchContextBody, { maxBytes: 64 * 1024 });
    const policyGiven = body.capability_policy !== undefined;
    if (policyGiven) checkContextPolicy(body.capability_policy);
    const context = await updateContext(services, actor, { id, body, statusOptional: policyGiven });
    const policy = policyGiven
      ? await setContextPolicy(services, actor, { id, policy: body.capability_policy })
      : await contextPolicy(services.db, context.id);
    return Response.json({ context: contextJson(context), capability_policy: policy });
  },
});
