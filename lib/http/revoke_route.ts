// The /v1 routes that revoke one of the caller's credentials by id (a session, an API token):
// one shape, so their declaration, description and 204 answer cannot drift apart.
import { define } from "../define.ts";
import type { Services } from "../services.ts";
import type { Actor } from "../access/policy.ts";
import { describe, type RouteApi } from "../openapi/describe.ts";
import type { RouteAccess } from "./access.ts";

/** DELETE that passes the path parameter `param` as the id to `revoke` and answers 204. */
export function revokeRoute(options: {
  access: RouteAccess;
  summary: string;
  param: string;
  revoke: (s: Services, actor: Actor, input: { id: string }) => Promise<void>;
}) {
  const { access, summary, param, revoke } = options;
  const api: RouteApi = describe({
    DELETE: { summary, responses: { 204: { description: "Revoked" } } },
  });
  const handler = define.handlers({
    async DELETE(ctx) {
      await revoke(ctx.state.services, ctx.state.actor, { id: ctx.params[param]! });
      return new Response(null, { status: 204 });
    },
  });
  return { access, api, handler };
}
