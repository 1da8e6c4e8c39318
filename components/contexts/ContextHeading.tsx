import type { ContextSummary } from "@/lib/contexts/contexts.ts";
import { ui } from "@/components/styles.ts";
import { StatusBadge } from "./badges.tsx";
import { Labels } from "./Labels.tsx";

/** The context page's breadcrumb and heading: its name (else its id), status, region, labels. */
export function ContextHeading(
  props: {
    context: ContextSummary; /** The details form, when not shown already. */
    editHref: string | null;
  },
) {
  const { context } = props;
  return (
    <>
      <nav aria-label="Breadcrumb" class="text-sm text-slate-600">
        <a href="/contexts" class={ui.link}>Contexts</a>
        <span class="px-1.5 text-slate-400" aria-hidden="true">/</span>
        <span class={context.name ? "break-all" : "font-mono"}>
          {context.name ?? context.id.slice(0, 8)}
        </span>
      </nav>
      <div class="space-y-2">
        <div class="flex flex-wrap items-center gap-3">
          <h1 class={`${ui.h1} min-w-0 break-all`}>
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
          {props.editHref && <a href={props.editHref} class={ui.buttonSmall}>Edit details</a>}
        </div>
        <Labels
          labels={context.labels}
          href={(label) => `/contexts?label=${encodeURIComponent(label)}`}
        />
      </div>
    </>
  );
}
