import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { readJson } from "@/lib/http/body.ts";
import { actorOf, requireScope } from "@/lib/auth/guards.ts";
import { getOwnPackage, updatePackage } from "@/lib/packages/packages.ts";
import { PackagePatch } from "@/lib/packages/metadata.ts";
import { packageJson } from "@/lib/packages/json.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireScope(ctx, "packages:read");
    const pkg = await getOwnPackage(ctx.state.services.db, user.ownerId, ctx.params.package!);
    if (!pkg) throw new HttpError(404, "package not found");
    return Response.json({ package: packageJson(pkg, { owner: user.handle, readme: true }) });
  },
  async PATCH(ctx) {
    const user = requireScope(ctx, "packages:publish");
    const { db, clock } = ctx.state.services;
    const pkg = await getOwnPackage(db, user.ownerId, ctx.params.package!);
    if (!pkg) throw new HttpError(404, "package not found");
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
