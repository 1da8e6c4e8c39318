import { define } from "@/lib/define.ts";
import { ownVersionOr404 } from "@/lib/packages/guards.ts";
import { versionJson } from "@/lib/packages/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "package.read";

export const handler = define.handlers({
  async GET(ctx) {
    const { pkg, version } = await ownVersionOr404(ctx, "packages:read");
    return Response.json({ package: pkg.name, version: versionJson(version, { manifest: true }) });
  },
});
