import { define } from "@/lib/define.ts";
import { listOwnSessions } from "@/lib/auth/manage.ts";
import { sessionJson } from "@/lib/auth/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "session.manage";

export const handler = define.handlers({
  async GET(ctx) {
    const { sessions, currentId } = await listOwnSessions(ctx.state.services, ctx.state.actor);
    return Response.json({ sessions: sessions.map((s) => sessionJson(s, currentId)) });
  },
});
