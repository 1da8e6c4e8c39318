// The log lines of the viewer: a box that scrolls from the bottom (newest) up, with a link to
// older lines at its top and newer ones at its foot, the live tail's lines below them, and an
// empty state that says why.
import type { LogView } from "@/lib/logs/viewer.ts";
import { logJson } from "@/lib/logs/json.ts";
import { ui } from "@/components/styles.ts";
import LogTail from "@/islands/LogTail.tsx";
import { LogLine } from "./LogLine.tsx";
import { withParams } from "./links.ts";

const PAGE_LINK =
  "block px-3 py-2 text-center text-sm font-medium text-indigo-700 hover:bg-slate-50";

export function LogList(
  props: {
    view: LogView;
    contextId: string;
    /** The viewer's path, and the filters its links keep. */
    path: string;
    sticky: Record<string, string>;
    filtered: boolean;
    showDate: boolean;
    streamUrl: string;
  },
) {
  const { view, path, sticky, showDate } = props;
  const f = view.filter;
  const first = view.lines[0];
  const last = view.lines[view.lines.length - 1];
  // Relative, so each of a hundred rows does not repeat the path.
  const permalink = "?line=";
  // Box: `flex-col-reverse` starts it scrolled to the bottom, where the newest line is, with
  // no JavaScript; overflow-anchor is off because the island keeps the reader's place itself.
  return (
    <div
      data-log-scroll
      class="flex max-h-[70vh] flex-col-reverse overflow-y-auto rounded-lg bg-white ring-1 ring-slate-200 [overflow-anchor:none]"
    >
      <div>
        {view.hasOlder && first && (
          <a
            href={withParams(path, sticky, { before_id: String(first.id) })}
            class={`${PAGE_LINK} border-b border-slate-100`}
          >
            ↑ Older lines
          </a>
        )}
        {view.error
          ? (
            <p class="px-4 py-10 text-center text-sm text-slate-600">
              Correct the filters above, or <a href={path} class={ui.link}>clear them</a>.
            </p>
          )
          : view.lines.length === 0
          ? (
            <EmptyLogs
              contextId={props.contextId}
              filtered={props.filtered}
              path={path}
              hasAny={view.extent.lines > 0}
            />
          )
          : (
            <ol id="log-lines" class="logs" aria-label="Log lines">
              {view.lines.map((line) => (
                <LogLine
                  line={logJson(line)}
                  q={f.q}
                  permalink={`${permalink}${line.id}#L${line.id}`}
                  highlighted={line.id === view.line}
                  showDate={showDate}
                />
              ))}
            </ol>
          )}
        {view.hasNewer && last && (
          <a
            href={withParams(path, sticky, { after_id: String(last.id) })}
            class={`${PAGE_LINK} border-t border-slate-100`}
          >
            ↓ Newer lines
          </a>
        )}
        {view.tailable && (
          <LogTail
            streamUrl={props.streamUrl}
            q={f.q}
            permalink={permalink}
            showDate={showDate}
          />
        )}
      </div>
    </div>
  );
}

function EmptyLogs(props: { contextId: string; filtered: boolean; path: string; hasAny: boolean }) {
  if (props.filtered && props.hasAny) {
    return (
      <div class="px-4 py-10 text-center text-sm text-slate-600">
        <p>No lines match these filters.</p>
        <a href={props.path} class={`mt-2 inline-block ${ui.link}`}>Show every line</a>
      </div>
    );
  }
  return (
    <div class="space-y-2 px-4 py-10 text-center text-sm text-slate-600">
      <p class="font-medium text-slate-800">No log lines yet.</p>
      <p>
        A runtime sends them with{" "}
        <code class={ui.code}>POST /v1/contexts/{props.contextId}/logs</code>{" "}
        and an API token that has <code class={ui.code}>contexts:write</code>.
      </p>
    </div>
  );
}
