import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { readJson } from "@/lib/http/body.ts";
import { actorOf, requireScope } from "@/lib/auth/guards.ts";
import { changeContextStatus } from "@/lib/contexts/contexts.ts";
import { CONTEXT_NOT_FOUND, requireContext } from "@/lib/contexts/guard.ts";
import { checkStatus, PatchContextBody } from "@/lib/contexts/input.ts";
import { contextJson } from "@/lib/contexts/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { GET: "context.read", PATCH: "context.write" };

export const handler = define.handlers({
  async GET(ctx) {
    const { context } = await requireContext(ctx, "contexts:read");
    return Response.json({ context: contextJson(context) });
  },

  /** A status change; a real one also writes the compatible log line and an audit event. */
  async PATCH(ctx) {
    const user = requireScope(ctx, "contexts:write");
    const body = await readJson(ctx.req, PatchContextBody, { maxBytes: 16 * 1024 });
    const status = checkStatus(body.status);
    if ("error" in status) throw new HttpError(400, status.error);
    const { db, clock } = ctx.state.services;
    const result = await changeContextStatus(
      db,
      actorOf(ctx, user),
      ctx.params.context_id!,
      status.value,
      clock(),
    );
    if (!result) throw new HttpError(404, CONTEXT_NOT_FOUND);
    return Response.json({ context: contextJson(result.context) });
  },
});
