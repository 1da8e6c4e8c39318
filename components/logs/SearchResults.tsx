// The lines of a search across contexts, newest first, each with a link to its context's
// viewer at that line; "Older lines" continues below.
import type { ContextSummary } from "@/lib/contexts/contexts.ts";
import type { FoundLine } from "@/lib/logs/search.ts";
import { linePath } from "@/lib/logs/search_json.ts";
import { logJson } from "@/lib/logs/json.ts";
import { LogLine } from "@/components/contexts/LogLine.tsx";
import { withParams } from "@/components/contexts/links.ts";
import { ui } from "@/components/styles.ts";

export function SearchResults(props: {
  lines: FoundLine[];
  contexts: Map<string, ContextSummary>;
  q: string | null;
  nextBeforeId: number | null;
  sticky: Record<string, string>;
  filtered: boolean;
  showDate: boolean;
}) {
  if (!props.lines.length) {
    return (
      <div class="rounded-lg bg-white px-4 py-10 text-center text-sm text-slate-600 ring-1 ring-slate-200">
        {props.filtered
          ? (
            <>
              <p>No lines of your contexts match these filters.</p>
              <a href="/logs" class={`mt-2 inline-block ${ui.link}`}>Show every line</a>
            </>
          )
          : <p>No log lines yet. Runtimes send them to their contexts.</p>}
      </div>
    );
  }
  return (
    <div class="overflow-hidden rounded-lg bg-white ring-1 ring-slate-200">
      <ol id="log-lines" class="logs" aria-label="Log lines, newest first">
        {props.lines.map(({ contextId, line }) => {
          const context = props.contexts.get(contextId);
          const href = linePath(contextId, line.id);
          return (
            <LogLine
              line={logJson(line)}
              q={props.q}
              permalink={href}
              showDate={props.showDate}
              context={contextLabel(contextId, context)}
            />
          );
        })}
      </ol>
      {props.nextBeforeId !== null && (
        <a
          href={withParams("/logs", props.sticky, { before_id: String(props.nextBeforeId) })}
          class="block border-t border-slate-100 px-3 py-2 text-center text-sm font-medium text-indigo-700 hover:bg-slate-50"
        >
          ↓ Older lines
        </a>
      )}
    </div>
  );
}

/** How a line names its context: the package it runs, else the start of its id. */
function contextLabel(id: string, context: ContextSummary | undefined): string {
  return context?.packageName ?? id.slice(0, 8);
}
