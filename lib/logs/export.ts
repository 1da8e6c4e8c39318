// Downloads of a filtered set of lines, newest first (the API's order) or oldest first (the
// viewer's order, top to bottom), streamed a page at a time and capped.
// CSV cells that a spreadsheet would run as a formula get a leading apostrophe (OWASP, "CSV
// injection"); NDJSON is the API's own JSON, one line per log line.
import type { Db } from "../db/client.ts";
import type { LogLine } from "./append.ts";
import type { LogFilter } from "./filter.ts";
import { logJson } from "./json.ts";
import { readLines } from "./read.ts";
import { severityOf } from "./severity.ts";

export const EXPORT_MAX_LINES = 100_000;
const PAGE = 1000;

export type ExportFormat = "ndjson" | "csv";
/** "desc": newest first, the newest `limit` lines; "asc": oldest first, the oldest `limit`. */
export type ExportOrder = "asc" | "desc";

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  ndjson: "application/x-ndjson; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

/** A CSV cell: quoted, quotes doubled, and defused when it would start a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r|%]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

function csvRow(line: LogLine): string {
  return [
    String(line.id),
    line.ts.toISOString(),
    severityOf(line.level),
    csvCell(line.message),
    line.metadata === null ? "" : csvCell(JSON.stringify(line.metadata)),
  ].join(",") + "\r\n";
}

/**
 * The lines matching `filter` in `order`, at most `filter.limit` of them, as a stream that
 * reads the next page only when the client has taken the previous one.
 */
export function exportStream(
  db: Db,
  contextId: string,
  filter: LogFilter,
  format: ExportFormat,
  order: ExportOrder = "desc",
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const cap = Math.min(filter.limit, EXPORT_MAX_LINES);
  const asc = order === "asc";
  // The cursor that moves: down from `beforeId` newest first, up from `afterId` oldest first.
  let cursor = asc ? filter.afterId : filter.beforeId;
  let written = 0;
  let header = format === "csv";
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    // A pull that enqueues nothing is not called again, and the download would hang: so it
    // reads on until it has a chunk to hand over or the end. Every read moves the cursor on
    // (a short page of a bounded text scan says where the scan stopped), so this ends.
    async pull(controller) {
      if (header) {
        header = false;
        controller.enqueue(encoder.encode("id,ts,severity,message,metadata_json\r\n"));
      }
      while (!cancelled) {
        const page = await readLines(db, contextId, {
          ...filter,
          ...(asc ? { afterId: cursor } : { beforeId: cursor }),
          limit: Math.min(PAGE, cap - written),
        }, { direction: order });
        const text = page.lines.map((line) =>
          format === "csv" ? csvRow(line) : `${JSON.stringify(logJson(line))}\n`
        ).join("");
        written += page.lines.length;
        const moved = page.resumeId !== null &&
          (cursor === null || (asc ? page.resumeId > cursor : page.resumeId < cursor));
        cursor = page.resumeId;
        const done = !page.more || !moved || written >= cap;
        if (text) controller.enqueue(encoder.encode(text));
        if (done) controller.close();
        if (text || done) return;
      }
    },
    cancel() {
      cancelled = true;
    },
  });
}
