import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { parseQuery } from "@/lib/http/query.ts";
import { type PackageOwnRow, packageStatus } from "@/lib/packages/packages.ts";
import { listOwnPackageRows } from "@/lib/packages/list.ts";
import { cursorParam, OwnPackageListQuery, PAGE_SIZE } from "@/lib/packages/list_query.ts";
import { VerifyBanner } from "@/components/VerifyBanner.tsx";
import { relative, RelativeTime } from "@/components/time.tsx";
import { cachedMarkup, markupCache } from "@/lib/framework/render.ts";
import { ui } from "@/components/styles.ts";
import { StatusBadge } from "@/components/packages/Badges.tsx";
import {
  Pager,
  SearchField,
  SortSelect,
  StatusSelect,
  VisibilitySelect,
} from "@/components/packages/ListControls.tsx";
import { Command } from "@/components/packages/Command.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    const query = parseQuery(ctx.url, OwnPackageListQuery);
    const { services: s, actor } = ctx.state;
    const { clock, config } = s;
    const result = await listOwnPackageRows(s, actor, {
      ...query,
      cursor: cursorParam(query),
      limit: PAGE_SIZE.page,
    });
    ctx.state.title = "Packages";
    return page({
      owner: result.owner,
      packages: result.packages,
      nextCursor: result.nextCursor,
      key: result.key,
      query,
      filtered: !!(query.q || query.visibility || query.status || query.cursor),
      now: clock(),
      origin: config.publicOrigin,
    });
  },
});

export default define.page<typeof handler>(function Packages({ data, state, url }) {
  const user = state.user!;
  const { query } = data;
  const empty = data.packages.length === 0;
  // The owner (?owner=, from the header's switcher) stays on the filters and Clear.
  const clear = query.owner ? `/packages?owner=${encodeURIComponent(query.owner)}` : "/packages";
  return (
    <div class="space-y-6">
      <div class="flex flex-wrap items-end justify-between gap-4">
        <div class="space-y-1">
          <h1 class={ui.h1}>Packages</h1>
          <p class={ui.muted}>
            {data.owner.kind === "org" ? "Signed skill bundles of the organization" : (
              "Signed skill bundles in your repository"
            )}, <span class="font-mono">@{data.owner.handle}</span>.
          </p>
        </div>
        <a href="/packages/new" class={ui.buttonPrimary}>Publish a package</a>
      </div>
      {!user.emailVerifiedAt && <VerifyBanner email={user.email} />}
      {empty && !data.filtered ? <EmptyState origin={data.origin} /> : (
        <>
          <form
            method="get"
            role="search"
            class="grid grid-cols-2 items-end gap-3 sm:grid-cols-[minmax(0,1fr)_9rem_9rem_11rem_auto]"
          >
            <SearchField value={query.q ?? ""} placeholder="Name or description" />
            <VisibilitySelect value={query.visibility} />
            <StatusSelect value={query.status} />
            <SortSelect value={query.sort} />
            {query.owner && <input type="hidden" name="owner" value={query.owner} />}
            <button type="submit" class={ui.buttonSecondary}>
              Apply
            </button>
          </form>
          {empty
            ? (
              <div class="rounded-lg bg-white px-4 py-10 text-center ring-1 ring-slate-200 space-y-2">
                <p class="text-sm text-slate-700">No packages match these filters.</p>
                <a href={clear} class={`text-sm ${ui.link}`}>Clear the filters</a>
              </div>
            )
            : (
              cachedMarkup(
                rowsKey(data),
                () => (
                  <ul class={`${ui.card} divide-y divide-slate-100`} aria-label="Your packages">
                    {data.packages.map((p) => <PackageRow key={p.id} pkg={p} now={data.now} />)}
                  </ul>
                ),
                ROWS,
              )
            )}
          <Pager url={url} nextCursor={data.nextCursor} />
        </>
      )}
    </div>
  );
});

// The rows of a page are rendered once per contents (the list's key names its packages) and
// "N minutes ago" texts: the only part of a row that depends on the time.
const ROWS = markupCache(16 * 1024 * 1024);

function rowsKey(data: { key: string; packages: readonly PackageOwnRow[]; now: Date }): string {
  let key = data.key;
  for (const p of data.packages) {
    key += `\u0000${p.lastPublishedAt ? relative(p.lastPublishedAt, data.now) : ""}`;
  }
  return key;
}

// Made once, not per row.
const NAME =
  `break-all font-mono font-semibold text-slate-900 hover:text-indigo-700 rounded-sm ${ui.focus}`;

function PackageRow({ pkg, now }: { pkg: PackageOwnRow; now: Date }) {
  const status = packageStatus(pkg);
  return (
    <li class="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center">
      <div class="min-w-0 flex-1 space-y-1">
        <div class="flex flex-wrap items-center gap-2">
          <a
            href={`/packages/${pkg.name}`}
            class={NAME}
          >
            {pkg.name}
          </a>
          <StatusBadge status={pkg.visibility} />
          {status !== "active" && <StatusBadge status={status} />}
        </div>
        <p class="truncate text-sm text-slate-600">
          {pkg.description ?? <span class={ui.absent}>No description</span>}
        </p>
      </div>
      <dl class="grid flex-none grid-cols-2 gap-x-6 text-sm sm:w-72">
        <div>
          <dt class="text-xs text-slate-500">Latest version</dt>
          <dd class="font-mono text-slate-900">
            {pkg.latestVersion ?? <span class={`font-sans ${ui.absent}`}>none yet</span>}
          </dd>
        </div>
        <div>
          <dt class="text-xs text-slate-500">Last published</dt>
          <dd class="text-slate-900">
            {pkg.lastPublishedAt
              ? <RelativeTime date={pkg.lastPublishedAt} now={now} />
              : <span class={ui.absent}>never</span>}
          </dd>
        </div>
      </dl>
    </li>
  );
}

const FILE = `${ui.code} whitespace-nowrap`;

function EmptyState({ origin }: { origin: string }) {
  const example = `curl -X POST ${origin}/v1/packages/echo.minimal/versions \\
  -H "Authorization: Bearer $INACTU_TOKEN" \\
  -F bundle=@echo.minimal-0.1.0.tar.gz`;
  return (
    <section class={`${ui.card} p-6 sm:p-8`} aria-labelledby="empty">
      <div class="grid gap-8 lg:grid-cols-2 lg:items-center">
        <div class="space-y-3">
          <h2 id="empty" class={ui.h2}>Publish your first skill</h2>
          <p class="text-sm text-slate-600 leading-relaxed">
            A package holds the versions of one skill: a signed bundle with{" "}
            <code class={FILE}>manifest.json</code>, <code class={FILE}>skill.wasm</code>,{" "}
            <code class={FILE}>signatures.json</code> and{" "}
            <code class={FILE}>public-keys.json</code>. Every upload is verified before it is
            stored, and new packages are private until you make them public.
          </p>
          <div class="flex flex-wrap gap-3 pt-1">
            <a href="/packages/new" class={ui.buttonPrimary}>Upload a bundle</a>
            <a href="/settings/tokens" class={ui.buttonSecondary}>Create an API token</a>
          </div>
        </div>
        <div class="min-w-0 space-y-2">
          <Command label="Or publish from CI" code={example} />
          <p class="text-xs text-slate-500">
            Use a token with the <code class={ui.code}>packages:publish</code>{" "}
            scope. The package is created by its first version.
          </p>
        </div>
      </div>
    </section>
  );
}
