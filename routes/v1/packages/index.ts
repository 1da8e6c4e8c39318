import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { intParam, parseQuery } from "@/lib/http/query.ts";
import { createPackage } from "@/lib/packages/commands.ts";
import { listOwnPackages } from "@/lib/packages/list.ts";
import { cursorParam, OwnPackageListQuery, PAGE_SIZE } from "@/lib/packages/list_query.ts";
import { NewPackage } from "@/lib/packages/metadata.ts";
import { packageJson } from "@/lib/packages/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { GET: "package.read", POST: "package.publish" };

export const ListQuery = OwnPackageListQuery.extend({
  limit: intParam(1, PAGE_SIZE.apiMax).optional(),
}).strict();

export const handler = define.handlers({
  async GET(ctx) {
    const { services: s, actor, user } = ctx.state;
    const q = parseQuery(ctx.url, ListQuery);
    const page = await listOwnPackages(s, actor, {
      ...q,
      cursor: cursorParam(q),
      limit: q.limit ?? PAGE_SIZE.api,
    });
    return Response.json({
      packages: page.packages.map((p) => packageJson(p, { owner: user!.handle })),
      next_cursor: page.nextCursor,
    });
  },
  async POST(ctx) {
    const { services: s, actor, user } = ctx.state;
    const pkg = await createPackage(s, actor, await readJson(ctx.req, NewPackage));
    return Response.json({ package: packageJson(pkg, { owner: user!.handle }) }, { status: 201 });
  },
});
