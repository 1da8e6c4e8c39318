import { revokeSession } from "@/lib/auth/manage.ts";
import { revokeRoute } from "@/lib/http/revoke_route.ts";

export const { access, api, handler } = revokeRoute({
  access: "session.manage",
  summary: "Revoke one of your sessions",
  param: "session_id",
  revoke: revokeSession,
});
