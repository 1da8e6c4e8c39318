// Pieces of the alert pages: the state badge, the condition in words, the secret shown once,
// and the delivery log.
import type { Alert, AlertDelivery } from "@/lib/alerts/alerts.ts";
import { severityOf } from "@/lib/logs/severity.ts";
import { BADGE_TONES } from "@/components/StatusBadge.tsx";
import { DataTable, EmptyList } from "@/components/DataTable.tsx";
import { exactTime } from "@/components/time.tsx";
import { ui } from "@/components/styles.ts";
import CopyButton from "@/islands/CopyButton.tsx";

const BADGE =
  "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

export function AlertState({ state }: { state: Alert["state"] }) {
  return state === "firing"
    ? <span class={`${BADGE} ${BADGE_TONES.red}`}>Firing</span>
    : <span class={`${BADGE} ${BADGE_TONES.emerald}`}>OK</span>;
}

/** "More than 10 error lines matching "timeout" within 5 minutes". */
export function conditionText(a: Alert): string {
  const severity = severityOf(a.minLevel);
  const level = severity === "error" ? "error" : `${severity}-or-worse`;
  const text = a.query ? ` containing "${a.query}"` : "";
  const where = a.contextId ? ` in context ${a.contextId.slice(0, 8)}` : "";
  return `More than ${a.threshold} ${level} lines${text}${where} within ${a.windowMinutes} min`;
}

export function targetsText(a: Alert): string {
  return [a.notifyEmail ? "email" : null, a.webhookUrl ? "webhook" : null].filter(Boolean)
    .join(" and ");
}

export function SecretOnce({ secret }: { secret: string }) {
  return (
    <div
      class="space-y-3 rounded-lg bg-emerald-50 p-5 ring-1 ring-inset ring-emerald-200"
      role="status"
    >
      <p class="text-sm font-semibold text-emerald-900">
        Alert created. Copy its webhook secret now: it will not be shown again.
      </p>
      <div class="flex flex-wrap items-center gap-3">
        <code
          id="webhook-secret"
          class="min-w-0 flex-1 break-all rounded bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-emerald-200"
        >
          {secret}
        </code>
        <CopyButton text={secret} label="Copy secret" />
      </div>
      <p class="text-xs text-emerald-900">
        Each webhook request carries <code class="font-mono">X-Inactu-Signature: sha256=</code>
        the hex HMAC-SHA256 of the raw body under this secret; compare it in constant time before
        trusting the body.
      </p>
    </div>
  );
}

export function DeliveryLog({ deliveries }: { deliveries: AlertDelivery[] }) {
  if (!deliveries.length) {
    return <EmptyList>No notifications yet: one is sent when the alert fires.</EmptyList>;
  }
  return (
    <div class={`${ui.card} overflow-x-auto`}>
      <DataTable
        head={
          <>
            <th class="px-3 py-2 sm:px-4">Time</th>
            <th class="hidden px-4 py-2 sm:table-cell">Event</th>
            <th class="px-3 py-2 sm:px-4">Target</th>
            <th class="hidden px-4 py-2 sm:table-cell">Attempt</th>
            <th class="px-3 py-2 sm:px-4">Result</th>
          </>
        }
      >
        {deliveries.map((d) => (
          <tr data-delivery={d.id}>
            <td class="px-3 py-2 align-top text-slate-600 sm:whitespace-nowrap sm:px-4">
              {exactTime(d.attemptedAt ?? d.dueAt)}
              <span class="block text-slate-900 sm:hidden">{d.event}</span>
            </td>
            <td class="hidden px-4 py-2 align-top sm:table-cell">{d.event}</td>
            <td class="max-w-[10rem] px-3 py-2 align-top sm:max-w-[16rem] sm:px-4">
              <span class="font-medium">{d.target}</span>{" "}
              <span class="break-all text-xs text-slate-600 sm:text-sm">{d.destination}</span>
            </td>
            <td class="hidden px-4 py-2 align-top sm:table-cell">{d.attempt}</td>
            <td class="px-3 py-2 align-top sm:px-4">
              {resultText(d)}
              <span class="block text-xs text-slate-600 sm:hidden">attempt {d.attempt}</span>
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function resultText(d: AlertDelivery): string {
  const code = d.statusCode === null ? "" : ` (${d.statusCode})`;
  switch (d.status) {
    case "delivered":
      return `delivered${code}`;
    case "failed":
      return `failed${code}: ${d.error ?? "unknown error"}`;
    case "sending":
      return "sending";
    case "scheduled":
      return `scheduled for ${exactTime(d.dueAt)}`;
  }
}
