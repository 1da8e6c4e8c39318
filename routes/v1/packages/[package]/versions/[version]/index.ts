import { define } from "@/lib/define.ts";
import { versionFor } from "@/lib/packages/access.ts";
import { packageRef } from "@/lib/http/package_ref.ts";
import { VersionJson, versionJson } from "@/lib/packages/json.ts";
import { loadPackageTrust } from "@/lib/packages/trust.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { describe } from "@/lib/openapi/describe.ts";
import { downloadStats } from "@/lib/packages/downloads.ts";

export const access: RouteAccess = "package.read";

export const api = describe({
  GET: {
    summary: "One version, with its manifest and downloads of the last 30 days",
    responses: {
      200: {
        description: "The version",
        json: z.object({ package: z.string(), version: VersionJson }),
      },
    },
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const s = ctx.state.services;
    const { pkg, version } = await versionFor(s, ctx.state.actor, "package.read", {
      ...packageRef(ctx),
      version: ctx.params.version!,
    });
    const [{ trust }, downloads] = await Promise.all([
      loadPackageTrust(s.db, pkg),
      downloadStats(s.db, { packageId: pkg.id, versionId: version.id }, { now: s.clock() }),
    ]);
    return Response.json({
      package: pkg.name,
      version: versionJson(version, trust.get(version.id)!, { manifest: true, downloads }),
    });
  },
});
