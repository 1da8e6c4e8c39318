import type { PackageListRow } from "@/lib/packages/packages.ts";
import { ui } from "@/components/styles.ts";
import { StatusBadge, TagList } from "./Badges.tsx";
import { Pager, SearchField, SortSelect } from "./ListControls.tsx";
import { isoDate } from "./format.ts";
import type { PackageListQueryValues } from "@/lib/packages/list_query.ts";

/** Search and sort for a public list, as a GET form (the state lives in the URL). */
export function PublicSearch(
  { query, placeholder }: { query: PackageListQueryValues; placeholder: string },
) {
  return (
    <form
      method="get"
      role="search"
      class="grid grid-cols-[minmax(0,1fr)_auto] items-end gap-3 sm:grid-cols-[minmax(0,1fr)_12rem_auto]"
    >
      <SearchField value={query.q ?? ""} placeholder={placeholder} />
      <SortSelect value={query.sort} />
      <button type="submit" class={ui.buttonSecondary}>Search</button>
    </form>
  );
}

/** Public packages as cards: name (with the owner when `showOwner`), description, facts. */
export function PublicPackageList(props: {
  packages: (PackageListRow & { handle: string })[];
  showOwner: boolean;
  url: URL;
  nextCursor: string | null;
  empty: string;
}) {
  if (props.packages.length === 0) {
    return (
      <p class="rounded-lg bg-white px-4 py-10 text-center text-sm text-slate-600 ring-1 ring-slate-200">
        {props.empty}
      </p>
    );
  }
  return (
    <>
      <ul class="grid gap-4 md:grid-cols-2" aria-label="Packages">
        {props.packages.map((p) => (
          <li class={`${ui.card} flex flex-col gap-2 p-5`}>
            <div class="flex flex-wrap items-center gap-2">
              <a
                href={`/@${p.handle}/${p.name}`}
                class={`min-w-0 break-all font-mono font-semibold text-slate-900 hover:text-indigo-700 rounded-sm ${ui.focus}`}
              >
                {props.showOwner && <span class="font-normal text-slate-500">@{p.handle}/</span>}
                {p.name}
              </a>
              {p.deprecatedAt && <StatusBadge status="deprecated" />}
              {p.archivedAt && <StatusBadge status="archived" />}
            </div>
            <p class="text-sm text-slate-600 break-words">
              {p.description ?? <span class={ui.absent}>No description</span>}
            </p>
            <TagList tags={p.tags} search={props.showOwner ? "/explore" : `/@${p.handle}`} />
            <p class="mt-auto flex flex-wrap gap-x-4 pt-1 text-xs text-slate-500">
              <span>
                Latest <span class="font-mono text-slate-700">{p.latestVersion ?? "none"}</span>
              </span>
              {p.lastPublishedAt && (
                <span>
                  Published{" "}
                  <time dateTime={p.lastPublishedAt.toISOString()}>
                    {isoDate(p.lastPublishedAt)}
                  </time>
                </span>
              )}
            </p>
          </li>
        ))}
      </ul>
      <Pager url={props.url} nextCursor={props.nextCursor} />
    </>
  );
}
