import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { parseQuery } from "@/lib/http/query.ts";
import { getOwnerByHandle } from "@/lib/packages/packages.ts";
import { listPublicPackages } from "@/lib/packages/list.ts";
import { cursorParam, PackageListQuery, PAGE_SIZE } from "@/lib/packages/list_query.ts";
import { ui } from "@/components/styles.ts";
import { PublicPackageList, PublicSearch } from "@/components/packages/PublicList.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";
import { getOrgByHandle } from "@/lib/orgs/orgs.ts";

export const access: RouteAccess = "page";

export const handler = define.handlers({
  async GET(ctx) {
    const handle = ctx.params.handle!;
    // One address per profile: /@Alice is /@alice.
    if (handle !== handle.toLowerCase()) {
      return ctx.redirect(`/@${handle.toLowerCase()}${ctx.url.search}`, 308);
    }
    const query = parseQuery(ctx.url, PackageListQuery);
    const { db } = ctx.state.services;
    const owner = await getOwnerByHandle(db, handle);
    if (!owner) throw new HttpError(404, "Page not found");
    const result = await listPublicPackages(ctx.state.services, {
      ...query,
      cursor: cursorParam(query),
      ownerId: owner.id,
      limit: PAGE_SIZE.page,
    });
    // An organization shows its display name (docs/adr/0010), only with ORGS_ENABLED.
    const org = ctx.state.services.config.orgsEnabled
      ? await getOrgByHandle(db, owner.handle)
      : null;
    ctx.state.title = org ? `${org.displayName} (@${owner.handle})` : `@${owner.handle}`;
    ctx.state.description = `Public inactu skills published by @${owner.handle}.`;
    return page({ handle: owner.handle, org, query, ...result });
  },
});

export default define.page<typeof handler>(function Profile({ data, url }) {
  const searching = !!(data.query.q || data.query.cursor);
  return (
    <div class="space-y-6">
      <div class="space-y-1">
        {data.org && <h1 class={ui.h1}>{data.org.displayName}</h1>}
        {data.org?.description && <p class="text-slate-700">{data.org.description}</p>}
        {!data.org && (
          <h1 class="font-mono text-2xl font-semibold tracking-tight text-slate-900">
            @{data.handle}
          </h1>
        )}
        <p class={ui.muted}>
          Public skills published by {data.org ? "the organization " : ""}@{data.handle}.
        </p>
      </div>
      {(data.packages.length > 0 || searching) && (
        <PublicSearch query={data.query} placeholder={`Search @${data.handle}'s packages`} />
      )}
      <PublicPackageList
        packages={data.packages}
        showOwner={false}
        url={url}
        nextCursor={data.nextCursor}
        empty={searching
          ? "No public packages match this search."
          : `@${data.handle} has no public packages yet.`}
      />
    </div>
  );
});
