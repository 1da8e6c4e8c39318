import type { ContextSummary } from "@/lib/contexts/contexts.ts";
import { ui } from "@/components/styles.ts";
import { TabNav } from "@/components/TabNav.tsx";
import { StatusBadge } from "./badges.tsx";
import { Labels } from "./Labels.tsx";

/**
 * The breadcrumb, heading (the context's name, else its id), labels and Logs | Runs tabs
 * every page of one context starts with.
 */
export function ContextHeader(
  { context, tab, editHref }: {
    context: ContextSummary;
    tab: "logs" | "runs";
    /** The details form, when the page offers it and does not show it already. */
    editHref?: string | null;
  },
) {
  const base = `/contexts/${context.id}`;
  return (
    <div class="space-y-4">
      <nav aria-label="Breadcrumb" class="text-sm text-slate-600">
        <a href="/contexts" class={ui.link}>Contexts</a>
        <span class="px-1.5 text-slate-400" aria-hidden="true">/</span>
        <span class={context.name ? "break-all" : "font-mono"}>
          {context.name ?? context.id.slice(0, 8)}
        </span>
      </nav>
      <div class="flex flex-wrap items-center gap-3">
        <h1 class={context.name ? `${ui.h1} break-all` : ui.h1}>
          {context.name ?? (
            <>
              Context <span class="font-mono">{context.id.slice(0, 8)}</span>
            </>
          )}
        </h1>
        <StatusBadge status={context.status} />
        <span class="text-sm text-slate-600">
          in <span class="font-mono">{context.region}</span>
        </span>
        {/* Few classes: the viewer page counts its bytes (tests/contexts/viewer_test.ts). */}
        {editHref && <a href={editHref} class="text-sm text-indigo-700">Edit details</a>}
      </div>
      <Labels
        labels={context.labels}
        href={(label) => `/contexts?label=${encodeURIComponent(label)}`}
      />
      <TabNav
        label="Context"
        tabs={[
          { href: base, label: "Logs", current: tab === "logs" },
          { href: `${base}/runs`, label: "Runs", current: tab === "runs" },
        ]}
      />
    </div>
  );
}
