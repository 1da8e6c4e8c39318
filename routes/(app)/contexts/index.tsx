import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { parseQuery } from "@/lib/http/query.ts";
import { STATUSES } from "@/lib/contexts/contexts.ts";
import { ContextListQuery, type ContextSort } from "@/lib/contexts/list.ts";
import { listOwnContexts } from "@/lib/contexts/commands.ts";
import { ui } from "@/components/styles.ts";
import { ContextsTable } from "@/components/contexts/ContextsTable.tsx";
import { ReportIn } from "@/components/contexts/ReportIn.tsx";
import { withParams } from "@/components/contexts/links.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const PAGE = 50;

export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    ctx.state.title = "Contexts";
    const q = parseQuery(ctx.url, ContextListQuery);
    const { clock, config } = ctx.state.services;
    const { facets, ...list } = await listOwnContexts(ctx.state.services, ctx.state.actor, {
      query: q,
      limit: PAGE,
      facets: true,
    });
    const filters: Record<string, string> = {};
    for (const key of ["status", "region", "package", "owner", "name"] as const) {
      if (q[key]) filters[key] = q[key]!;
    }
    // As typed (parseQuery made it a filter): the links and the field keep the text.
    const label = ctx.url.searchParams.get("label")?.trim();
    if (label) filters.label = label;
    if (q.sort) filters.sort = q.sort;
    return page({
      ...list,
      facets: facets!,
      filters,
      now: clock(),
      origin: config.publicOrigin,
    });
  },
});

export default define.page<typeof handler>(function Contexts({ data, url }) {
  const { facets, filters } = data;
  const total = Object.values(facets.byStatus).reduce((a, b) => a + b, 0);
  const filtered = ["status", "region", "package", "name", "label"].some((k) => k in filters);
  const href = (changes: Record<string, string | null>) =>
    withParams(url.pathname, filters, { cursor: null, ...changes });
  // The owner (?owner=, from the header's switcher) stays on every link; Clear keeps it too.
  const all = withParams(url.pathname, filters.owner ? { owner: filters.owner } : {}, {});
  return (
    <div class="space-y-6">
      <div class="space-y-1">
        <h1 class={ui.h1}>
          Contexts
          {data.owner.kind === "org" && (
            <span class="ml-2 font-mono text-lg text-slate-500">@{data.owner.handle}</span>
          )}
        </h1>
        <p class={ui.muted}>
          {total === 0
            ? "Runtime instances that run your skills appear here once they report in."
            : STATUSES.filter((s) => facets.byStatus[s] > 0).map((s) =>
              `${facets.byStatus[s]} ${s}`
            )
              .join(" · ")}
        </p>
      </div>
      {total === 0 ? <ReportIn origin={data.origin} /> : (
        <>
          <form method="get" class="flex flex-wrap items-end gap-3" aria-label="Filter contexts">
            <TextFilter
              name="name"
              label="Name"
              value={filters.name}
              placeholder="part of a name"
            />
            <TextFilter
              name="label"
              label="Labels"
              value={filters.label}
              placeholder="env=prod, team"
            />
            <Select
              name="status"
              label="Status"
              value={filters.status}
              options={STATUSES.map((s) => [s, `${s} (${facets.byStatus[s]})`])}
            />
            <Select
              name="region"
              label="Region"
              value={filters.region}
              options={facets.regions.map((r) => [r, r])}
            />
            <Select
              name="package"
              label="Package"
              value={filters.package}
              options={facets.packages.map((p) => [p, p])}
            />
            {filters.sort && <input type="hidden" name="sort" value={filters.sort} />}
            {filters.owner && <input type="hidden" name="owner" value={filters.owner} />}
            <div class="flex gap-2">
              <button type="submit" class={ui.buttonPrimary}>Filter</button>
              {filtered && <a href={all} class={ui.buttonSecondary}>Clear</a>}
            </div>
          </form>
          {data.contexts.length === 0
            ? (
              <p class="rounded-lg bg-white px-4 py-10 text-center text-sm text-slate-600 ring-1 ring-slate-200">
                No contexts match these filters. <a href={all} class={ui.link}>Show all contexts</a>
              </p>
            )
            : (
              <ContextsTable
                contexts={data.contexts}
                now={data.now}
                sort={data.sort}
                sortHref={(sort: ContextSort) => href({ sort: sort === "-started" ? null : sort })}
                labelHref={(label) => href({ label })}
              />
            )}
          <nav aria-label="Pages" class="flex justify-between text-sm">
            <span>
              {data.paged && <a href={href({})} class={ui.buttonSecondary}>First page</a>}
            </span>
            <span>
              {data.nextCursor && (
                <a href={href({ cursor: data.nextCursor })} class={ui.buttonSecondary}>
                  Next page →
                </a>
              )}
            </span>
          </nav>
        </>
      )}
    </div>
  );
});

function TextFilter(
  props: { name: string; label: string; value?: string; placeholder: string },
) {
  return (
    <div class="space-y-1">
      <label for={`filter-${props.name}`} class={ui.label}>{props.label}</label>
      <input
        id={`filter-${props.name}`}
        name={props.name}
        type="search"
        value={props.value ?? ""}
        placeholder={props.placeholder}
        class={`${ui.input} w-44`}
      />
    </div>
  );
}

function Select(
  props: { name: string; label: string; value?: string; options: [string, string][] },
) {
  return (
    <div class="space-y-1">
      <label for={`filter-${props.name}`} class={ui.label}>{props.label}</label>
      <select id={`filter-${props.name}`} name={props.name} class={ui.input}>
        <option value="">Any</option>
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.value}>{label}</option>
        ))}
      </select>
    </div>
  );
}
