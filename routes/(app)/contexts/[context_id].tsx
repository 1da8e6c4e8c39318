import { type Ctx, define } from "@/lib/define.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { type FieldErrors, fieldErrors, formFailure } from "@/lib/http/errors.ts";
import { updateContext } from "@/lib/contexts/commands.ts";
import type { ContextSummary } from "@/lib/contexts/contexts.ts";
import { DETAIL_FIELDS, parseLabelText } from "@/lib/contexts/details.ts";
import {
  DetailsForm,
  detailsOf,
  detailsSubmitted,
  type DetailsValues,
} from "@/components/contexts/DetailsForm.tsx";
import { page } from "@/lib/framework/handlers.ts";
import { routeContext } from "@/lib/http/route_context.ts";
import { loadLogView, type LogView, VIEW_PAGE_LINES } from "@/lib/logs/viewer.ts";
import { rfc3339 } from "@/lib/logs/time.ts";
import { severityOf } from "@/lib/logs/severity.ts";
import { retentionCutoff } from "@/lib/logs/retention.ts";
import { formatFields } from "@/lib/logs/fields.ts";
import { FormError } from "@/components/forms.tsx";
import { exactTime } from "@/components/time.tsx";
import { ui } from "@/components/styles.ts";
import { ContextHeader } from "@/components/contexts/ContextHeader.tsx";
import { SummaryCard } from "@/components/contexts/SummaryCard.tsx";
import { LogFilters } from "@/components/contexts/LogFilters.tsx";
import { Histogram } from "@/components/contexts/Histogram.tsx";
import { LogList } from "@/components/contexts/LogList.tsx";
import { LogToolbar } from "@/components/contexts/LogToolbar.tsx";
import { withParams } from "@/components/contexts/links.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = { GET: "session", POST: "session" };

async function load(
  ctx: Ctx,
  context: ContextSummary,
  form: { values: DetailsValues; errors: FieldErrors } | null = null,
  status?: number,
) {
  const { db, clock, config } = ctx.state.services;
  const now = clock();
  const view = await loadLogView(db, context.id, ctx.url, {
    now,
    retentionDays: config.logRetentionDays,
  });
  ctx.state.title = context.name ?? `Context ${context.id.slice(0, 8)}`;
  return page({
    context,
    view,
    now,
    retentionDays: config.logRetentionDays,
    keptSince: retentionCutoff(now, config.logRetentionDays),
    live: ctx.url.searchParams.get("live") === "1",
    form: form ??
      (ctx.url.searchParams.get("edit") === "1"
        ? { values: detailsOf(context), errors: null }
        : null),
  }, { status: status ?? (view.error ? 400 : 200) });
}

export const handler = define.handlers({
  async GET(ctx) {
    return await load(ctx, await routeContext(ctx, "context.read"));
  },
  /** The details form: the same command as PATCH /v1/contexts/{id}; blank fields clear. */
  async POST(ctx) {
    const f = formFields(await readForm(ctx.req));
    const values = detailsSubmitted(f);
    try {
      const context = await updateContext(ctx.state.services, ctx.state.actor, {
        id: ctx.params.context_id!,
        body: { ...values, labels: parseLabelText(values.labels) },
      });
      return ctx.redirect(`/contexts/${context.id}`, 303);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const context = await routeContext(ctx, "context.read");
      const errors = fieldErrors(failure, DETAIL_FIELDS);
      return await load(ctx, context, { values, errors }, failure.status);
    }
  },
});

/** The filters that every link of the viewer keeps (cursors are not kept). */
function stickyParams(view: LogView): Record<string, string> {
  const f = view.filter;
  const out: Record<string, string> = {};
  if (view.preset) out.range = view.preset;
  else {
    if (view.custom.from) out.from = rfc3339(view.custom.from);
    if (view.custom.to) out.to = rfc3339(view.custom.to);
  }
  if (f.level !== null) out.severity = severityOf(f.level);
  if (f.minLevel !== null && f.minLevel > 0) out.min_severity = severityOf(f.minLevel);
  if (f.q) out.q = f.q;
  if (f.fields?.length) out.fields = formatFields(f.fields);
  if (f.limit !== VIEW_PAGE_LINES) out.limit = String(f.limit);
  return out;
}

export default define.page<typeof handler>(function ContextPage({ data, url }) {
  const { context, view, now } = data;
  const path = url.pathname;
  const sticky = stickyParams(view);
  const f = view.filter;
  const apiQuery = new URLSearchParams(
    Object.entries({ ...sticky, range: "", limit: "" }).filter(([, v]) => v),
  );
  if (f.from) apiQuery.set("from", rfc3339(f.from));
  const download = (format: string) =>
    `/v1/contexts/${context.id}/logs/export?${new URLSearchParams({
      ...Object.fromEntries(apiQuery),
      format,
      order: "asc",
    })}`;
  const stream = `/v1/contexts/${context.id}/logs/stream?${new URLSearchParams({
    ...Object.fromEntries(apiQuery),
    after_id: String(view.tailFrom),
  })}`;
  const first = view.lines[0];
  const last = view.lines[view.lines.length - 1];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  // Times alone, unless the lines span days or are not from today.
  const showDate = !!first && !!last &&
    (day(first.ts) !== day(last.ts) || day(last.ts) !== day(now));
  const filtered = Object.keys(sticky).some((k) => k !== "limit");
  return (
    <div class="space-y-6">
      <link rel="stylesheet" href="/log-viewer.css" />
      <ContextHeader
        context={context}
        tab="logs"
        // The logs page is at its byte budget (tests/contexts/viewer_test.ts): the Runs tab links
        // to the form, which this page shows with ?edit=1.
        editHref={null}
      />
      <SummaryCard
        context={context}
        now={now}
        lines={view.extent.lines}
        oldest={view.extent.oldest}
      />
      {data.form && (
        <DetailsForm action={path} values={data.form.values} errors={data.form.errors} />
      )}

      <section class="space-y-4" aria-labelledby="logs">
        <div class="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="logs" class={ui.h2}>Logs</h2>
          <p class="text-xs text-slate-500">
            Kept for {data.retentionDays} days: lines from before {exactTime(data.keptSince)}{" "}
            are deleted.
          </p>
        </div>
        <LogFilters
          path={path}
          sticky={sticky}
          values={view.form}
        />
        {view.error && <FormError message={`These filters do not work: ${view.error}`} />}
        {view.histogram && view.histogram.total > 0 && (
          <div class={`${ui.card} p-4`}>
            <Histogram
              data={view.histogram}
              caption={`Lines per ${bucketLabel(view.histogram.bucketMs)}${
                view.histogram.textApplied ? "" : " (all text: too many matches to count)"
              }; select a bar to zoom in`}
              hrefFor={(from, to) =>
                // Relative and with readable colons: one link per bar adds up.
                withParams("", sticky, {
                  range: null,
                  from: from.toISOString().replace(".000Z", "Z"),
                  to: rfc3339(new Date(to.getTime() - 1)),
                }).replaceAll("%3A", ":")}
            />
          </div>
        )}
        {view.lineHidden && (
          <p class="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
            Line {view.line} does not match these filters, so it is not shown.{" "}
            <a href={`${path}?line=${view.line}#L${view.line}`} class={ui.link}>
              Show it among every line
            </a>
          </p>
        )}
        {!view.error && (
          <LogToolbar
            view={view}
            filtered={filtered}
            live={data.live}
            newest={withParams(path, sticky)}
            download={download}
          />
        )}
        <LogList
          view={view}
          contextId={context.id}
          path={path}
          sticky={sticky}
          filtered={filtered}
          showDate={showDate}
          streamUrl={stream}
        />
      </section>
    </div>
  );
});

function bucketLabel(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 60) return minutes === 1 ? "minute" : `${minutes} minutes`;
  const hours = minutes / 60;
  if (hours < 24) return hours === 1 ? "hour" : `${hours} hours`;
  return ms === 86_400_000 ? "day" : `${hours / 24} days`;
}
