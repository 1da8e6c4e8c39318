// Lines as stored may predate today's limits (metadata_json had no depth or item limit
// before; rows can also come from elsewhere than ingestion). Every reader takes its rows
// through here, so what a page, an API answer, the live tail or an export does with one line
// is bounded by those limits, whatever the row holds: an oversized field never leaves
// SQLite, and metadata of a shape ingestion refuses is left out, with a note saying so.
import { sql } from "drizzle-orm";
import type { LogLine } from "./append.ts";
import { MAX_MESSAGE_CHARS, MAX_METADATA_BYTES, METADATA_LIMITS } from "./lines.ts";
import { formatBytes } from "../http/body.ts";
import { jsonShapeProblem } from "../http/json_shape.ts";

/** A row as LINE_COLUMNS selects it. */
export interface StoredRow {
  id: number;
  ts: number;
  level: number;
  message: string;
  /** Null when there is none, or when it is over the size limit (see metadata_chars). */
  metadata_json: string | null;
  metadata_chars: number | null;
}

/**
 * The columns of a line, from a table or subquery named `l`. A message is never longer than
 * MAX_MESSAGE_CHARS when ingested, and metadata never longer than MAX_METADATA_BYTES (so
 * never more characters than that): anything longer is cut or left behind here.
 */
export const LINE_COLUMNS = sql.raw(
  `l.id, l.ts, l.level, substr(l.message, 1, ${MAX_MESSAGE_CHARS + 1}) AS message, ` +
    `CASE WHEN length(l.metadata_json) <= ${MAX_METADATA_BYTES} THEN l.metadata_json END ` +
    `AS metadata_json, length(l.metadata_json) AS metadata_chars`,
);

/** A stored row as a line within today's limits; `truncated` says what was cut or left out. */
export function storedLine(row: StoredRow): LogLine {
  const notes: string[] = [];
  let message = row.message;
  // A quick test first: a string of at most that many UTF-16 units has no more characters.
  if (message.length > MAX_MESSAGE_CHARS && [...message].length > MAX_MESSAGE_CHARS) {
    message = [...message].slice(0, MAX_MESSAGE_CHARS).join("");
    notes.push(`message is cut at ${MAX_MESSAGE_CHARS} characters`);
  }
  const metadata = storedMetadata(row);
  if (typeof metadata === "string") notes.push(`metadata_json is left out (it ${metadata})`);
  return {
    id: Number(row.id),
    ts: new Date(Number(row.ts)),
    level: Number(row.level),
    message,
    metadata: typeof metadata === "string" ? null : metadata,
    truncated: notes.length
      ? `this line was stored before today's limits: ${notes.join("; ")}`
      : null,
  };
}

function storedMetadata(row: StoredRow): Record<string, unknown> | null | string {
  if (row.metadata_chars === null) return null;
  if (row.metadata_json === null) {
    return `must be at most ${formatBytes(MAX_METADATA_BYTES)} as JSON`;
  }
  let value: unknown;
  try {
    value = JSON.parse(row.metadata_json);
  } catch {
    value = undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return "must be a JSON object or null";
  }
  const problem = jsonShapeProblem(value, METADATA_LIMITS);
  return problem ?? value as Record<string, unknown>;
}
