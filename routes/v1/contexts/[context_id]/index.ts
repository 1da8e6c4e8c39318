import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { contextFor, setContextStatus } from "@/lib/contexts/commands.ts";
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
    summary: "Change a context's status, its capability policy, or both",
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
   * A status change (a real one also writes the compatible log line and an audit event)
   * and/or a new capability policy. Both are checked before either is applied.
   */
  async PATCH(ctx) {
    const { services, actor } = ctx.state;
    const id = ctx.params.context_id!;
    const body = await readJson(ctx.req, PatchContextBody, { maxBytes: 64 * 1024 });
    const policyGiven = body.capability_policy !== undefined;
    if (policyGiven) checkContextPolicy(body.capability_policy);
    const context = policyGiven && body.status === undefined
      ? await contextFor(services, actor, "context.write", id)
      : await setContextStatus(services, actor, { id, status: body.status });
    const policy = policyGiven
      ? await setContextPolicy(services, actor, { id, policy: body.capability_policy })
      : await contextPolicy(services.db, context.id);
    return Response.json({ context: contextJson(context), capability_policy: policy });
  },
});
