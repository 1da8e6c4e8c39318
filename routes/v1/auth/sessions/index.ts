import { define } from "@/lib/define.ts";
import { requireSession } from "@/lib/auth/guards.ts";
import { listSessions } from "@/lib/auth/sessions.ts";
import { sessionJson } from "@/lib/auth/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "session.manage";

export const handler = define.handlers({
  async GET(ctx) {
    const { user, session } = requireSession(ctx, "list sessions");
    const { db, clock } = ctx.state.services;
    const sessions = await listSessions(db, user.userId, clock());
    return Response.json({ sessions: sessions.map((s) => sessionJson(s, session.id)) });
  },
});
