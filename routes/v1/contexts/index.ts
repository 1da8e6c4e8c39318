import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { readJson } from "@/lib/http/body.ts";
import { intParam, parseQuery } from "@/lib/http/query.ts";
import { actorOf, requireScope } from "@/lib/auth/guards.ts";
import { createContext, findOwnedVersion } from "@/lib/contexts/contexts.ts";
import { ContextListQuery, decodeContextCursor, listContexts } from "@/lib/contexts/list.ts";
import { checkCreate, CreateContextBody } from "@/lib/contexts/input.ts";
import { contextJson } from "@/lib/contexts/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const ListQuery = ContextListQuery.extend({ limit: intParam(1, 200).optional() });

export const access: RouteAccess = { GET: "context.read", POST: "context.write" };

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireScope(ctx, "contexts:read");
    const q = parseQuery(ctx.url, ListQuery);
    const sort = q.sort ?? "-started";
    const cursor = q.cursor === undefined ? undefined : decodeContextCursor(q.cursor, sort);
    if (cursor === null) {
      throw new HttpError(
        400,
        "query parameter cursor: is not a cursor this list gave out for this sort",
      );
    }
    const page = await listContexts(ctx.state.services.db, user.ownerId, {
      status: q.status,
      region: q.region,
      packageName: q.package,
      sort,
      cursor,
      limit: q.limit ?? 50,
    });
    return Response.json({
      contexts: page.contexts.map(contextJson),
      next_cursor: page.nextCursor,
    });
  },

  async POST(ctx) {
    const user = requireScope(ctx, "contexts:write");
    const body = await readJson(ctx.req, CreateContextBody, { maxBytes: 16 * 1024 });
    const checked = checkCreate(body);
    if ("error" in checked) throw new HttpError(400, checked.error);
    const { db, clock } = ctx.state.services;
    const { status, region, link } = checked.value;
    let versionId: string | null = null;
    if (link) {
      versionId = await findOwnedVersion(db, user.ownerId, link.name, link.version);
      if (!versionId) throw new HttpError(404, "package version not found");
    }
    const context = await createContext(db, actorOf(ctx, user), {
      status,
      region,
      packageVersionId: versionId,
      packageName: link?.name ?? null,
      packageVersion: link?.version ?? null,
    }, clock());
    return Response.json({ context: contextJson(context) }, { status: 201 });
  },
});
