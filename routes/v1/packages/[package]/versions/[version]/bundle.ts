import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { requireScope } from "@/lib/auth/guards.ts";
import { getOwnPackage } from "@/lib/packages/packages.ts";
import { getVersion } from "@/lib/packages/versions.ts";
import { downloadResponse } from "@/lib/packages/download.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireScope(ctx, "packages:read");
    const { db } = ctx.state.services;
    const pkg = await getOwnPackage(db, user.ownerId, ctx.params.package!);
    if (!pkg) throw new HttpError(404, "package not found");
    const version = await getVersion(db, pkg.id, ctx.params.version!);
    if (!version) throw new HttpError(404, "package version not found");
    return downloadResponse(ctx.state.services, ctx.req, {
      name: pkg.name,
      version,
      part: "bundle",
      public: false,
    });
  },
});
