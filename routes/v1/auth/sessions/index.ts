import { define } from "@/lib/define.ts";
import { listOwnSessions } from "@/lib/auth/manage.ts";
import { SessionJson, sessionJson } from "@/lib/auth/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "session.manage";

export const api = describe({
  GET: {
    summary: "Your signed-in browser sessions",
    responses: {
      200: { description: "Sessions", json: z.object({ sessions: z.array(SessionJson) }) },
    },
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const { sessions, currentId } = await listOwnSessions(ctx.state.services, ctx.state.actor);
    return Response.json({ sessions: sessions.map((s) => sessionJson(s, currentId)) });
  },
});
