// One log line, the same on the server-rendered page and in the live tail island.
import { SeverityBadge } from "./badges.tsx";
import { highlightParts } from "./highlight.ts";
import { previewJson } from "./json_preview.ts";

/**
 * Characters of metadata a line shows; the permalinked line shows up to FULL_CHARS, which is
 * more than any metadata within the ingestion limits (16 KiB, 20 levels, 1,000 items) takes.
 */
export const METADATA_PREVIEW_CHARS = 2000;
export const METADATA_FULL_CHARS = 100_000;

/** A line as the API and the live tail send it. */
export interface LogLineData {
  id: number;
  ts: string;
  severity: string;
  message: string;
  metadata_json: Record<string, unknown> | null;
  /** Set when a line stored before today's limits was cut (lib/logs/stored.ts). */
  truncated?: string;
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
          <Metadata
            value={line.metadata_json}
            full={!!props.highlighted}
            permalink={props.permalink}
          />
        )}
        {line.truncated && <p class="mt-0.5 text-xs text-amber-800">{line.truncated}</p>}
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

function Metadata(props: { value: Record<string, unknown>; full: boolean; permalink: string }) {
  const max = props.full ? METADATA_FULL_CHARS : METADATA_PREVIEW_CHARS;
  const { text, cut } = previewJson(props.value, max);
  return (
    <details class="mt-0.5" open={props.full}>
      <summary class="cursor-pointer select-none text-xs text-slate-500 hover:text-slate-700">
        metadata
      </summary>
      <pre class="mt-1 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs text-slate-700 ring-1 ring-inset ring-slate-200">{text}</pre>
      {cut && (
        <p class="mt-0.5 text-xs text-slate-600" data-metadata-cut>
          Truncated after {max.toLocaleString("en")} characters.{" "}
          {!props.full && (
            <a href={props.permalink} class="font-medium text-indigo-700 hover:underline">
              Show the whole line
            </a>
          )}
        </p>
      )}
    </details>
  );
}
