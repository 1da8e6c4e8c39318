import type { ContextSummary } from "@/lib/contexts/contexts.ts";
import type { ContextSort } from "@/lib/contexts/list.ts";
import { RelativeTime } from "@/components/time.tsx";
import { ui } from "@/components/styles.ts";
import { StatusBadge } from "./badges.tsx";
import { DataTable } from "@/components/DataTable.tsx";
import { Labels } from "./Labels.tsx";

/** The contexts as a table; the two time columns sort by link (URL state). */
export function ContextsTable(
  props: {
    contexts: ContextSummary[];
    now: Date;
    sort: ContextSort;
    sortHref: (sort: ContextSort) => string;
    /** The list filtered by one label (`key=value`). */
    labelHref: (label: string) => string;
  },
) {
  const { now } = props;
  return (
    <div class="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <DataTable
        head={
          <>
            <th scope="col" class="px-3 py-2.5 sm:px-4">Context</th>
            <th scope="col" class="px-3 py-2.5 sm:px-4">Status</th>
            <th scope="col" class="hidden px-4 py-2.5 sm:table-cell">Region</th>
            <th scope="col" class="hidden px-4 py-2.5 sm:table-cell">Package</th>
            <SortHeader label="Started" sortKey="started" {...props} extra="hidden md:table-cell" />
            <th scope="col" class="hidden px-4 py-2.5 lg:table-cell">Ended</th>
            <SortHeader
              label="Last activity"
              short="Active"
              sortKey="activity"
              {...props}
              extra=""
            />
          </>
        }
      >
        {props.contexts.map((c) => (
          <tr class="hover:bg-slate-50">
            <td class="px-3 py-2.5 sm:px-4">
              {c.name
                ? (
                  <>
                    <a href={`/contexts/${c.id}`} class={`${ui.link} break-all`} title={c.id}>
                      {c.name}
                    </a>
                    <span class="block font-mono text-xs text-slate-500">{c.id.slice(0, 8)}</span>
                  </>
                )
                : (
                  <a href={`/contexts/${c.id}`} class={`${ui.link} font-mono`} title={c.id}>
                    {c.id.slice(0, 8)}
                  </a>
                )}
              {/* Phones have no room for these columns; they go under the id. */}
              <span class="mt-0.5 block font-mono text-xs text-slate-500 sm:hidden">
                {c.region}
                {c.packageName && ` · ${c.packageName}@${c.packageVersion}`}
              </span>
              <div class="mt-1 max-w-xs">
                <Labels labels={c.labels} href={props.labelHref} />
              </div>
            </td>
            <td class="px-3 py-2.5 sm:px-4">
              <StatusBadge status={c.status} />
            </td>
            <td class="hidden px-4 py-2.5 font-mono text-slate-700 sm:table-cell">{c.region}</td>
            <td class="hidden px-4 py-2.5 sm:table-cell">
              {c.packageName
                ? (
                  <a
                    href={`/packages/${encodeURIComponent(c.packageName)}`}
                    class="font-mono text-slate-800 underline-offset-2 hover:text-indigo-700 hover:underline"
                  >
                    {c.packageName}
                    <span class="text-slate-500">@{c.packageVersion}</span>
                  </a>
                )
                : <span class="text-slate-500">none</span>}
            </td>
            <td class="hidden whitespace-nowrap px-4 py-2.5 text-slate-600 md:table-cell">
              <RelativeTime date={c.startedAt} now={now} />
            </td>
            <td class="hidden whitespace-nowrap px-4 py-2.5 text-slate-600 lg:table-cell">
              {c.endedAt
                ? <RelativeTime date={c.endedAt} now={now} />
                : <span class="text-slate-500" title="Not ended">—</span>}
            </td>
            <td class="px-3 py-2.5 text-slate-600 sm:whitespace-nowrap sm:px-4">
              <RelativeTime date={c.lastActivityAt} now={now} />
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function SortHeader(
  props: {
    label: string;
    /** A shorter label for phones, where the table is narrow. */
    short?: string;
    sortKey: "started" | "activity";
    sort: ContextSort;
    sortHref: (sort: ContextSort) => string;
    extra: string;
  },
) {
  const active = props.sort.endsWith(props.sortKey);
  const descending = props.sort.startsWith("-");
  // Newest first on the first click; the other way round on the next.
  const next = (active && descending ? props.sortKey : `-${props.sortKey}`) as ContextSort;
  return (
    <th
      scope="col"
      class={`whitespace-nowrap px-3 py-2.5 sm:px-4 ${props.extra}`}
      aria-sort={active ? (descending ? "descending" : "ascending") : undefined}
    >
      <a
        href={props.sortHref(next)}
        class={`inline-flex items-center gap-1 rounded hover:text-slate-800 ${ui.focus}`}
      >
        {props.short
          ? (
            <>
              <span class="sm:hidden">{props.short}</span>
              <span class="hidden sm:inline">{props.label}</span>
            </>
          )
          : props.label}
        <span aria-hidden="true" class={active ? "text-slate-800" : "text-slate-300"}>
          {active && !descending ? "↑" : "↓"}
        </span>
      </a>
    </th>
  );
}
