import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { readJson } from "@/lib/http/body.ts";
import { intParam, parseQuery } from "@/lib/http/query.ts";
import { actorOf, requireScope } from "@/lib/auth/guards.ts";
import { createPackage } from "@/lib/packages/packages.ts";
import { listOwnPackages } from "@/lib/packages/list.ts";
import { cursorParam, OwnPackageListQuery } from "@/lib/packages/list_query.ts";
import { NewPackage } from "@/lib/packages/metadata.ts";
import { packageJson } from "@/lib/packages/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { GET: "package.read", POST: "package.publish" };

export const ListQuery = OwnPackageListQuery.extend({ limit: intParam(1, 100).optional() })
  .strict();

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireScope(ctx, "packages:read");
    const q = parseQuery(ctx.url, ListQuery);
    const page = await listOwnPackages(ctx.state.services.db, user.ownerId, {
      ...q,
      cursor: cursorParam(q),
      limit: q.limit ?? 50,
    });
    return Response.json({
      packages: page.packages.map((p) => packageJson(p, { owner: user.handle })),
      next_cursor: page.nextCursor,
    });
  },
  async POST(ctx) {
    const user = requireScope(ctx, "packages:publish");
    const body = await readJson(ctx.req, NewPackage);
    const { db, clock } = ctx.state.services;
    const created = await createPackage(db, actorOf(ctx, user), {
      name: body.name.trim(),
      visibility: body.visibility ?? "private",
      description: body.description?.trim() || null,
    }, clock());
    if ("invalid" in created) throw new HttpError(400, created.invalid);
    if ("conflict" in created) throw new HttpError(409, "package already exists for owner");
    return Response.json({ package: packageJson(created.package, { owner: user.handle }) }, {
      status: 201,
    });
  },
});
