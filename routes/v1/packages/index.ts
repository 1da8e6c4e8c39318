import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import { intParam, parseQuery } from "@/lib/http/query.ts";
import { createPackage } from "@/lib/packages/commands.ts";
import { listOwnPackages } from "@/lib/packages/list.ts";
import { cursorParam, OwnPackageListQuery, PAGE_SIZE } from "@/lib/packages/list_query.ts";
import { NewPackage } from "@/lib/packages/metadata.ts";
import { PackageJson, packageJson } from "@/lib/packages/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = { GET: "package.read", POST: "package.publish" };

export const ListQuery = OwnPackageListQuery.extend({
  limit: intParam(1, PAGE_SIZE.apiMax).optional(),
}).strict();

export const handler = define.handlers({
  async GET(ctx) {
    const { services: s, actor } = ctx.state;
    const q = parseQuery(ctx.url, ListQuery);
    const page = await listOwnPackages(s, actor, {
      ...q,
      cursor: cursorParam(q),
      limit: q.limit ?? PAGE_SIZE.api,
    });
    // The old API answered every package at once; a client that ignores paging sees the Link.
    const headers = new Headers();
    if (page.nextCursor) {
      const next = new URL(ctx.url.pathname + ctx.url.search, s.config.publicOrigin);
      next.searchParams.set("cursor", page.nextCursor);
      headers.set("link", `<${next.href}>; rel="next"`);
    }
    return Response.json({
      packages: page.packages.map((p) => packageJson(p, { owner: page.owner.handle })),
      next_cursor: page.nextCursor,
    }, { headers });
  },
  async POST(ctx) {
    const { services: s, actor, user } = ctx.state;
    const pkg = await createPackage(s, actor, await readJson(ctx.req, NewPackage));
    return Response.json({ package: packageJson(pkg, { owner: user!.handle }) }, { status: 201 });
  },
});

export const api = describe({
  GET: {
    summary: "Your packages, or an organization's (owner=handle), 50 a page, newest first",
    description: "Follow next_cursor (or the Link rel=next header) for the next page.",
    query: ListQuery,
    responses: {
      200: {
        description: "A page; next_cursor continues it (null at the end)",
        json: z.object({ packages: z.array(PackageJson), next_cursor: z.string().nullable() }),
        headers: { link: 'The next page, rel="next" (absent on the last page)' },
      },
    },
  },
  POST: {
    summary: "Create a package",
    body: {
      content: { "application/json": NewPackage },
      example: { name: "hello", visibility: "private" },
    },
    responses: { 201: { description: "Created", json: z.object({ package: PackageJson }) } },
    errors: [409],
  },
});
