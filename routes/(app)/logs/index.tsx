import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { DomainError } from "@/lib/errors.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { searchOwnLogs } from "@/lib/logs/search_query.ts";
import type { FilterForm } from "@/lib/logs/viewer.ts";
import { severityOf } from "@/lib/logs/severity.ts";
import { dateTimeLocalValue, rfc3339 } from "@/lib/logs/time.ts";
import { STATUSES } from "@/lib/contexts/contexts.ts";
import { FormError } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";
import { LogFilters } from "@/components/contexts/LogFilters.tsx";
import { withParams } from "@/components/contexts/links.ts";
import { LogsTabs } from "@/components/logs/LogsTabs.tsx";
import { SearchResults } from "@/components/logs/SearchResults.tsx";

export const access: RouteAccess = "session";

type Result = Awaited<ReturnType<typeof searchOwnLogs>>;

export const handler = define.handlers({
  async GET(ctx) {
    const { services, actor } = ctx.state;
    ctx.state.title = "Logs";
    try {
      const result = await searchOwnLogs(services, actor, { url: ctx.url, page: true });
      return page({ result, error: null, now: services.clock() });
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== "invalid") throw error;
      return page({ result: null, error: error.message, now: services.clock() }, { status: 400 });
    }
  },
});

/** The filters every link keeps (not the cursor). */
function stickyOf(result: Result): Record<string, string> {
  const f = result.filter;
  const out: Record<string, string> = {};
  if (result.preset) out.range = result.preset;
  else {
    if (f.from) out.from = rfc3339(f.from);
    if (f.to) out.to = rfc3339(f.to);
  }
  if (f.level !== null) out.severity = severityOf(f.level);
  if (f.minLevel !== null && f.minLevel > 0) out.min_severity = severityOf(f.minLevel);
  if (f.q) out.q = f.q;
  if (result.scope.contextId) out.context = result.scope.contextId;
  if (result.scope.status) out.status = result.scope.status;
  if (result.scope.packageName) out.package = result.scope.packageName;
  return out;
}

function formOf(result: Result | null, url: URL): FilterForm {
  if (!result) {
    const get = (name: string) => url.searchParams.get(name) ?? "";
    return {
      preset: null,
      from: get("from"),
      to: get("to"),
      q: get("q"),
      minSeverity: get("min_severity"),
      exact: get("severity"),
    };
  }
  const f = result.filter;
  return {
    preset: result.preset,
    from: !result.preset && f.from ? dateTimeLocalValue(f.from) : "",
    to: f.to ? dateTimeLocalValue(f.to) : "",
    q: f.q ?? "",
    minSeverity: f.minLevel !== null && f.minLevel > 0 ? severityOf(f.minLevel) : "",
    exact: f.level !== null ? severityOf(f.level) : "",
  };
}

export default define.page<typeof handler>(function LogsPage({ data, url }) {
  const { result } = data;
  const sticky = result ? stickyOf(result) : {};
  const filtered = Object.keys(sticky).length > 0;
  const status = url.searchParams.get("status") ?? "";
  const context = result?.scope.contextId ?? null;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const lines = result?.lines ?? [];
  const showDate = lines.some((l) => day(l.line.ts) !== day(data.now));
  return (
    <div class="space-y-6">
      <link rel="stylesheet" href="/log-viewer.css" />
      <div class="space-y-1">
        <h1 class={ui.h1}>Logs</h1>
        <p class={ui.muted}>
          Every line of all your contexts, newest first. Times are UTC.
        </p>
      </div>
      <LogsTabs path={url.pathname} />
      <LogFilters path="/logs" sticky={sticky} values={formOf(result, url)} />
      <div class="flex flex-wrap items-end gap-3 text-sm">
        <div class="space-y-1">
          <label for="log-status" class={ui.label}>Contexts</label>
          <select id="log-status" name="status" form="log-filters" class={ui.input}>
            <option value="">Every status</option>
            {STATUSES.map((s) => <option key={s} value={s} selected={s === status}>{s}</option>)}
          </select>
        </div>
        {context && (
          <p class="flex items-center gap-2 py-1.5">
            <input type="hidden" name="context" value={context} form="log-filters" />
            <span class="rounded bg-slate-100 px-2 py-1 font-medium">
              only context <span class="font-mono">{context.slice(0, 8)}</span>
            </span>
            <a href={withParams("/logs", sticky, { context: null })} class={ui.link}>
              all contexts
            </a>
          </p>
        )}
        <a href={alertLink(sticky)} class={`ml-auto ${ui.link}`}>Alert me on these lines</a>
      </div>
      {data.error && <FormError message={`These filters do not work: ${data.error}`} />}
      {result && (
        <SearchResults
          lines={result.lines}
          contexts={result.contexts}
          q={result.filter.q}
          nextBeforeId={result.nextBeforeId}
          sticky={sticky}
          filtered={filtered}
          showDate={showDate}
        />
      )}
    </div>
  );
});

/** The new-alert form, filled in with this search's text, severity and context. */
function alertLink(sticky: Record<string, string>): string {
  const { q, min_severity, severity, context } = sticky;
  return withParams("/logs/alerts/new", {}, {
    q: q ?? null,
    min_severity: min_severity ?? severity ?? null,
    context_id: context ?? null,
  });
}
