// One log line, the same on the server-rendered page and in the live tail island.
import { SeverityBadge } from "./badges.tsx";
import { highlightParts } from "./highlight.ts";

/** A line as the API and the live tail send it. */
export interface LogLineData {
  id: number;
  ts: string;
  severity: string;
  message: string;
  metadata_json: Record<string, unknown> | null;
}

export function LogLine(
  props: {
    line: LogLineData;
    q: string | null;
    /** The viewer around this line, with it highlighted. */
    permalink: string;
    highlighted?: boolean;
    /** Show the date too, when the lines on screen span more than one day. */
    showDate?: boolean;
  },
) {
  const { line } = props;
  const time = props.showDate
    ? `${line.ts.slice(5, 10)} ${line.ts.slice(11, 23)}`
    : line.ts.slice(11, 23);
  return (
    <li
      id={`L${line.id}`}
      class={`group grid grid-cols-[auto_1fr_auto] items-start gap-x-3 gap-y-0.5 px-3 py-1.5 text-[13px] leading-5 sm:grid-cols-[auto_3rem_minmax(0,1fr)_1.25rem] ${
        props.highlighted ? "bg-amber-50 ring-2 ring-inset ring-amber-300" : "hover:bg-slate-50"
      }`}
    >
      <time
        dateTime={line.ts}
        title={`${line.ts.replace("T", " ").slice(0, 23)} UTC`}
        class="whitespace-nowrap font-mono text-slate-500"
      >
        {time}
      </time>
      <SeverityBadge severity={line.severity} />
      <div class="order-4 col-span-3 min-w-0 sm:order-3 sm:col-span-1">
        <p class="whitespace-pre-wrap break-words font-mono text-slate-900">
          {highlightParts(line.message, props.q).map((part, i) =>
            part.match
              ? (
                <mark key={i} class="rounded-sm bg-yellow-200 px-0.5 text-slate-900">
                  {part.text}
                </mark>
              )
              : part.text
          )}
        </p>
        {line.metadata_json && (
          <details class="mt-0.5">
            <summary class="cursor-pointer select-none text-xs text-slate-500 hover:text-slate-700">
              metadata
            </summary>
            <pre class="mt-1 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs text-slate-700 ring-1 ring-inset ring-slate-200">{JSON.stringify(line.metadata_json, null, 2)}</pre>
          </details>
        )}
      </div>
      <a
        href={props.permalink}
        class="order-3 justify-self-end rounded px-1 font-mono text-slate-300 hover:text-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600 group-hover:text-slate-500 sm:order-4"
        aria-label={`Link to line ${line.id}`}
        title="Link to this line"
      >
        #
      </a>
    </li>
  );
}
