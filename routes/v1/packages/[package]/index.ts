import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { readJson } from "@/lib/http/body.ts";
import { actorOf } from "@/lib/auth/guards.ts";
import { updatePackage } from "@/lib/packages/packages.ts";
import { ownPackageOr404 } from "@/lib/packages/guards.ts";
import { PackagePatch } from "@/lib/packages/metadata.ts";
import { packageJson } from "@/lib/packages/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { GET: "package.read", PATCH: "package.update" };

export const handler = define.handlers({
  async GET(ctx) {
    const { user, pkg } = await ownPackageOr404(ctx, "packages:read");
    return Response.json({ package: packageJson(pkg, { owner: user.handle, readme: true }) });
  },
  async PATCH(ctx) {
    const { user, pkg } = await ownPackageOr404(ctx, "packages:publish");
    const { db, clock } = ctx.state.services;
    const patch = await readJson(ctx.req, PackagePatch, { maxBytes: 256 * 1024 });
    const result = await updatePackage(db, actorOf(ctx, user), pkg, patch, clock());
    if ("archived" in result) {
      throw new HttpError(
        409,
        `package ${pkg.name} is archived and read-only; send {"archived": false} to unarchive it first`,
      );
    }
    return Response.json({
      package: packageJson(result.package, { owner: user.handle, readme: true }),
    });
  },
});
