import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { getPublicPackage } from "@/lib/packages/packages.ts";
import { publicPackageStamp, publicPageKey } from "@/lib/packages/public_stamp.ts";
import { loadPackageTrust } from "@/lib/packages/trust.ts";
import { renderReadme } from "@/lib/packages/readme.ts";
import { ui } from "@/components/styles.ts";
import { PackageView } from "@/components/packages/PackageView.tsx";
import { isoDate } from "@/components/packages/format.ts";
import { cachedPublicPage } from "@/lib/http/public_cache.ts";
import { publicPlaceOf, relocated } from "@/lib/packages/moves.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { downloadStats, versionTotals } from "@/lib/packages/downloads.ts";

export const access: RouteAccess = "page";

export const handler = define.handlers({
  async GET(ctx) {
    const handle = ctx.params.handle!;
    const name = ctx.params.name!;
    if (handle !== handle.toLowerCase() || name !== name.toLowerCase()) {
      return ctx.redirect(`/@${handle.toLowerCase()}/${name.toLowerCase()}`, 308);
    }
    const { services } = ctx.state;
    const { db, config, clock } = services;
    // A private package, a missing one and an unknown handle are the same 404.
    const stamp = await publicPackageStamp(services, handle, name);
    if (!stamp) {
      // A public package transferred away from here: its new place, permanently.
      const place = await publicPlaceOf(db, handle, name);
      if (place) return ctx.redirect(relocated(ctx.url, 1, place), 308);
      throw new HttpError(404, "Page not found");
    }
    // Every change to the package or its versions (publish, deprecate, yank, metadata) moves
    // updated_at, and a flush of download counts moves the package's total, so the page
    // rendered under this key is still the page. Only two changes and a view within one
    // millisecond could leave a stale page here, until the next change.
    const key = publicPageKey(handle, stamp);
    const cached = cachedPublicPage(ctx.state, key);
    if (cached) return cached;
    const pkg = await getPublicPackage(db, handle, name);
    if (!pkg) throw new HttpError(404, "Page not found");
    const [trust, downloads, versionDownloads] = await Promise.all([
      loadPackageTrust(db, pkg),
      downloadStats(db, { packageId: pkg.id }, { now: clock() }),
      versionTotals(db, pkg.id),
    ]);
    const versions = trust.versions;
    ctx.state.title = `${pkg.name} by @${handle}`;
    ctx.state.description = pkg.description ?? `${pkg.name}, a signed inactu skill.`;
    return page({
      pkg,
      handle,
      versions,
      trust,
      readmeHtml: pkg.readme ? await renderReadme(pkg.readme) : null,
      origin: config.publicOrigin,
      downloads,
      versionDownloads,
    });
  },
});

export default define.page<typeof handler>(function PublicPackage({ data }) {
  return (
    <PackageView
      pkg={data.pkg}
      handle={data.handle}
      versions={data.versions}
      trust={data.trust}
      versionHref={(v) =>
        `/@${data.handle}/${data.pkg.name}/versions/${encodeURIComponent(v.version)}`}
      readmeHtml={data.readmeHtml}
      origin={data.origin}
      downloads={data.downloads}
      versionDownloads={data.versionDownloads}
      owner={false}
      emptyReadme="This package has no readme."
      crumbs={
        <>
          <a href={`/@${data.handle}`} class={`font-mono ${ui.link}`}>@{data.handle}</a>
          {" / "}
          <span class="font-mono">{data.pkg.name}</span>
        </>
      }
      // Dates, not "3 minutes ago": the page must be the same bytes tomorrow.
      when={(date) => (
        <time dateTime={date.toISOString()} title={date.toISOString()}>{isoDate(date)}</time>
      )}
    />
  );
});
