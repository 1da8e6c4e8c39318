import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { listOwnAlerts } from "@/lib/alerts/commands.ts";
import { DataTable, EmptyList } from "@/components/DataTable.tsx";
import { Notice } from "@/components/forms.tsx";
import { exactTime } from "@/components/time.tsx";
import { ui } from "@/components/styles.ts";
import { LogsTabs } from "@/components/logs/LogsTabs.tsx";
import { AlertState, conditionText, targetsText } from "@/components/logs/AlertParts.tsx";

export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    ctx.state.title = "Alerts";
    const alerts = await listOwnAlerts(ctx.state.services, ctx.state.actor);
    const deleted = ctx.url.searchParams.get("notice") === "deleted";
    return page({ alerts, deleted });
  },
});

export default define.page<typeof handler>(function AlertsPage({ data, url }) {
  return (
    <div class="space-y-6">
      <div class="flex flex-wrap items-end justify-between gap-3">
        <div class="space-y-1">
          <h1 class={ui.h1}>Logs</h1>
          <p class={ui.muted}>Alerts watch your logs and notify you by email or webhook.</p>
        </div>
        <a href="/logs/alerts/new" class={ui.buttonPrimary}>New alert</a>
      </div>
      <LogsTabs path={url.pathname} />
      {data.deleted && <Notice tone="success">The alert was deleted.</Notice>}
      {data.alerts.length === 0
        ? <EmptyList>No alerts yet. Create one to hear when errors spike.</EmptyList>
        : (
          <div class={`${ui.card} overflow-x-auto`}>
            <DataTable
              head={
                <>
                  <th class="px-4 py-2">Alert</th>
                  <th class="px-4 py-2">State</th>
                  <th class="hidden px-4 py-2 sm:table-cell">Notifies</th>
                  <th class="hidden px-4 py-2 md:table-cell">Last checked</th>
                </>
              }
            >
              {data.alerts.map((a) => (
                <tr>
                  <td class="px-4 py-3">
                    <a href={`/logs/alerts/${a.id}`} class={ui.link}>{a.name}</a>
                    <p class="mt-0.5 text-xs text-slate-600">{conditionText(a)}</p>
                  </td>
                  <td class="px-4 py-3">
                    <AlertState state={a.state} />
                  </td>
                  <td class="hidden px-4 py-3 sm:table-cell">{targetsText(a)}</td>
                  <td class="hidden whitespace-nowrap px-4 py-3 text-slate-600 md:table-cell">
                    {a.lastEvaluatedAt
                      ? `${exactTime(a.lastEvaluatedAt)} (${a.lastCount} lines)`
                      : <span class={ui.absent}>not yet</span>}
                  </td>
                </tr>
              ))}
            </DataTable>
          </div>
        )}
    </div>
  );
});
