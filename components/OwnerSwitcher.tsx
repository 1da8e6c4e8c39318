import { ui } from "./styles.ts";

/** The list views the switcher filters by owner; anywhere else it goes to packages. */
export const LISTS = ["/packages", "/contexts"];

/**
 * The header's owner switcher (docs/adr/0010): "you" and each of the user's organizations,
 * each a link to the packages or contexts list of that owner (`?owner=`), so the choice lives
 * in the URL and nowhere else. A <details> element: it works before any script loads.
 */
export function OwnerSwitcher(
  { me, orgs, list, shown }: {
    me: string;
    orgs: string[];
    /** The list this page is, if one of LISTS. */
    list: string | null;
    /** The organization that list shows (`?owner=`), or null for the user's own. */
    shown: string | null;
  },
) {
  const section = list ?? "/packages";
  const onList = list !== null;
  const current = shown ?? me;
  const href = (handle: string) =>
    handle === me ? section : `${section}?owner=${encodeURIComponent(handle)}`;
  const item = `block truncate rounded px-3 py-1.5 ${ui.focus}`;
  return (
    <details class="relative">
      <summary
        class={`flex cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1 font-mono text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50 [&::-webkit-details-marker]:hidden ${ui.focus}`}
      >
        <span class="sr-only">Switch owner, showing</span>
        <span class="max-w-[9rem] truncate" data-owner={current}>@{current}</span>
        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
          <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" stroke-width="1.5" />
        </svg>
      </summary>
      <div class="absolute right-0 z-30 mt-2 w-60 rounded-lg bg-white p-1.5 text-sm shadow-lg ring-1 ring-slate-200">
        <p class="px-3 pb-1 pt-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
          Show {section === "/contexts" ? "contexts" : "packages"} of
        </p>
        <ul>
          {[me, ...orgs].map((handle) => (
            <li>
              <a
                href={href(handle)}
                aria-current={onList && handle === current ? "page" : undefined}
                class={`${item} font-mono ${
                  onList && handle === current
                    ? "bg-slate-100 text-slate-900"
                    : "text-slate-700 hover:bg-slate-50"
                }`}
              >
                @{handle}
                {handle === me && <span class="ml-1 font-sans text-slate-500">(you)</span>}
              </a>
            </li>
          ))}
        </ul>
        <div class="mt-1 border-t border-slate-100 pt-1">
          <a href="/orgs" class={`${item} text-slate-700 hover:bg-slate-50`}>Your organizations</a>
          <a href="/orgs/new" class={`${item} text-slate-700 hover:bg-slate-50`}>
            New organization
          </a>
        </div>
      </div>
    </details>
  );
}
