import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { parseQuery } from "@/lib/http/query.ts";
import { listPublicPackages } from "@/lib/packages/list.ts";
import { cursorParam, PackageListQuery, PAGE_SIZE } from "@/lib/packages/list_query.ts";
import { ui } from "@/components/styles.ts";
import { PublicPackageList, PublicSearch } from "@/components/packages/PublicList.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "page";

export const handler = define.handlers({
  async GET(ctx) {
    const query = parseQuery(ctx.url, PackageListQuery);
    const result = await listPublicPackages(ctx.state.services, {
      ...query,
      cursor: cursorParam(query),
      limit: PAGE_SIZE.page,
    });
    ctx.state.title = query.q ? `Explore: ${query.q}` : "Explore public packages";
    ctx.state.description = "Search the public, signed WebAssembly skills published here.";
    return page({ query, ...result });
  },
});

export default define.page<typeof handler>(function Explore({ data, url }) {
  return (
    <div class="space-y-6">
      <div class="space-y-1">
        <h1 class={ui.h1}>Explore public packages</h1>
        <p class={ui.muted}>
          Signed WebAssembly skills that their owners made public. Every version was verified before
          it was stored.
        </p>
      </div>
      <PublicSearch query={data.query} placeholder="Search by name, description or tag" />
      <PublicPackageList
        packages={data.packages}
        showOwner
        url={url}
        nextCursor={data.nextCursor}
        empty={data.query.q ? "No public packages match this search." : "No public packages yet."}
      />
    </div>
  );
});
