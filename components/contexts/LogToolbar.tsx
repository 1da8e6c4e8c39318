// The bar above the log lines: the live tail switch, how many lines are shown, UTC or local
// times, the way back to the newest lines, and the downloads.
import type { LogView } from "@/lib/logs/viewer.ts";
import LiveToggle from "@/islands/LiveToggle.tsx";
import TimeToggle from "@/islands/TimeToggle.tsx";

export function LogToolbar(
  props: {
    view: LogView;
    filtered: boolean;
    live: boolean;
    /** The newest lines with the same filters. */
    newest: string;
    download: (format: string) => string;
  },
) {
  const { view } = props;
  const n = view.lines.length;
  const away = view.hasNewer || view.line !== null || view.filter.beforeId !== null;
  return (
    // `bar` (static/log-viewer.css) styles its links and buttons once, not on each of them.
    <div class="bar flex flex-wrap items-center justify-between gap-x-4 gap-y-2 text-sm">
      <div class="flex flex-wrap items-center gap-x-4 gap-y-2">
        {view.tailable && <LiveToggle on={props.live} />}
        <p class="text-slate-600" role="status">
          {n === 0
            ? "No lines to show."
            : `${n} line${n === 1 ? "" : "s"}${
              props.filtered ? " matching the filters" : ""
            }, oldest at the top.`}
        </p>
      </div>
      <div class="flex flex-wrap items-center gap-x-3 gap-y-2">
        <TimeToggle />
        <a href={props.newest}>{away ? "Newest" : "Refresh"}</a>
        <span class="space-x-2 whitespace-nowrap">
          <span class="text-slate-500">Download:</span>
          <a href={props.download("ndjson")} download>NDJSON</a>
          <a href={props.download("csv")} download>CSV</a>
        </span>
      </div>
    </div>
  );
}
