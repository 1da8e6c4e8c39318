// One log line, the same on the server-rendered page and in the live tail island: a compact
// row (time, severity, message, key metadata fields) that opens on click to show the whole
// message and the metadata. Styled by static/log-viewer.css, so each row stays small: the
// viewer shows hundreds of them.
import { highlightParts } from "./highlight.ts";
import { previewJson } from "./json_preview.ts";
import { keyFields } from "./key_fields.ts";
import { formatLineTime, type TimeMode } from "./log_time.ts";

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
    mode?: TimeMode;
    /** The line's context, when lines of several are listed (the /logs search). */
    context?: string;
  },
) {
  const { line } = props;
  const keys = keyFields(line.metadata_json);
  // Every row opens (a click, or Enter on its summary) to show the whole message, the
  // metadata and the line's link; the severity is a word, styled by static/log-viewer.css
  // rather than the badge component, whose classes would cost ~130 bytes on every row.
  return (
    <li id={`L${line.id}`} class={props.highlighted ? "hl" : undefined}>
      <details open={props.highlighted}>
        <summary>
          <time dateTime={line.ts}>
            {formatLineTime(line.ts, props.mode ?? "utc", !!props.showDate)}
          </time>
          <span class={`s ${line.severity}`}>{line.severity}</span>
          {props.context && <span class="c">{props.context}</span>}
          <span class="m">
            {highlightParts(line.message, props.q).map((part, i) =>
              part.match ? <mark key={i}>{part.text}</mark> : part.text
            )}
          </span>
          {keys.text && <span class="k">{keys.text}</span>}
        </summary>
        {!keys.complete && (
          <Metadata
            value={line.metadata_json!}
            full={!!props.highlighted}
            permalink={props.permalink}
          />
        )}
        {line.truncated && <p>{line.truncated}</p>}
        <a href={props.permalink}>
          {props.context
            ? `Line ${line.id} in context ${props.context}`
            : `Link to line ${line.id}`}
        </a>
      </details>
    </li>
  );
}

function Metadata(props: { value: Record<string, unknown>; full: boolean; permalink: string }) {
  const max = props.full ? METADATA_FULL_CHARS : METADATA_PREVIEW_CHARS;
  const { text, cut } = previewJson(props.value, max);
  return (
    <>
      <pre>{text}</pre>
      {cut && (
        <p data-metadata-cut>
          Truncated after {max.toLocaleString("en")} characters.{" "}
          {!props.full && <a href={props.permalink}>Show the whole line</a>}
        </p>
      )}
    </>
  );
}
