import type { ComponentChildren } from "preact";
import type { ContextSummary } from "@/lib/contexts/contexts.ts";
import { exactTime, RelativeTime } from "@/components/time.tsx";
import { ui } from "@/components/styles.ts";
import CopyButton from "@/islands/CopyButton.tsx";
import { StatusBadge } from "./badges.tsx";

/** The context at a glance: status, where it runs, what it runs, and when. */
export function SummaryCard(
  props: { context: ContextSummary; now: Date; lines: number; oldest: Date | null },
) {
  const { context: c, now } = props;
  return (
    <dl
      class={`${ui.card} grid grid-cols-2 gap-x-6 gap-y-4 p-5 text-sm sm:grid-cols-3 lg:grid-cols-4`}
    >
      <Item label="Status">
        <StatusBadge status={c.status} />
      </Item>
      <Item label="Region">
        <span class="font-mono">{c.region}</span>
      </Item>
      <Item label="Package">
        {c.packageName
          ? (
            <a
              href={`/packages/${encodeURIComponent(c.packageName)}`}
              class={`${ui.link} font-mono`}
            >
              {c.packageName}@{c.packageVersion}
            </a>
          )
          : <span class="text-slate-500">none</span>}
      </Item>
      {/* Only when reported: the viewer page stays light for contexts that say nothing. */}
      {(c.runtimeName || c.runtimeVersion) && (
        <Item label="Runtime">
          <span class="break-all font-mono">
            {[c.runtimeName, c.runtimeVersion].filter(Boolean).join(" ")}
          </span>
        </Item>
      )}
      {c.host && (
        <Item label="Host">
          <span class="break-all font-mono">{c.host}</span>
        </Item>
      )}
      <Item label="Last activity">
        <RelativeTime date={c.lastActivityAt} now={now} />
      </Item>
      <Item label="Started">
        <span title={exactTime(c.startedAt)}>
          <RelativeTime date={c.startedAt} now={now} />
        </span>
      </Item>
      <Item label="Ended">
        {c.endedAt
          ? <RelativeTime date={c.endedAt} now={now} />
          : <span class="text-slate-500">not ended</span>}
      </Item>
      <Item label="Log lines kept">
        {props.lines.toLocaleString("en-US")}
        {props.oldest && (
          <span class="block text-xs text-slate-500">since {exactTime(props.oldest)}</span>
        )}
      </Item>
      <Item label="Context id">
        <span class="flex min-w-0 items-center gap-2">
          <code class="truncate font-mono text-xs text-slate-700" title={c.id}>{c.id}</code>
          <CopyButton text={c.id} label="Copy" />
        </span>
      </Item>
    </dl>
  );
}

function Item(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="min-w-0 space-y-1">
      <dt class="text-xs font-medium uppercase tracking-wide text-slate-500">{props.label}</dt>
      <dd class="text-slate-900">{props.children}</dd>
    </div>
  );
}
