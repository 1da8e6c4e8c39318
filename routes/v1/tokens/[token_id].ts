import { revokeToken } from "@/lib/auth/manage.ts";
import { revokeRoute } from "@/lib/http/revoke_route.ts";

export const { access, api, handler } = revokeRoute({
  access: "token.manage",
  summary: "Revoke one of your API tokens",
  param: "token_id",
  revoke: revokeToken,
});
