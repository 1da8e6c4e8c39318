import { define } from "@/lib/define.ts";
import { pingDatabase } from "@/lib/db/health.ts";
import { SERVICE_NAME, SERVICE_VERSION } from "@/lib/version.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "public";

// Same shape as the inactu control API's health check; 503 when the database does not answer.
export const handler = define.handlers({
  async GET(ctx) {
    const ok = await pingDatabase(ctx.state.services.db);
    return Response.json({
      status: ok ? "ok" : "unavailable",
      service: SERVICE_NAME,
      version: SERVICE_VERSION,
      database_enabled: ok,
    }, { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } });
  },
});
