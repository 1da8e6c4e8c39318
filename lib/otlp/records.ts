// An OTLP log record as one of our lines. The record is turned into the line a runtime
// would have sent (severity, message, metadata_json, ts) and checked by the same checkLine
// as every other line, so the limits and their messages are the ingestion's own.
import { checkLine, type NewLogLine } from "../logs/lines.ts";
import type { Severity } from "../logs/severity.ts";
import type { JsonValue, OtlpRecord } from "./request.ts";

/**
 * SeverityNumber ranges (OpenTelemetry logs data model, "Field: SeverityNumber"): 1-4 TRACE
 * and 5-8 DEBUG are debug, 9-12 info, 13-16 warn, 17-20 ERROR and 21-24 FATAL error.
 * Unspecified (0) falls back to the severity text, then to info.
 */
export function severityOf(severityNumber: number, severityText: string): Severity {
  if (severityNumber >= 1 && severityNumber <= 8) return "debug";
  if (severityNumber >= 9 && severityNumber <= 12) return "info";
  if (severityNumber >= 13 && severityNumber <= 16) return "warn";
  if (severityNumber >= 17) return "error";
  const word = severityText.trim().toLowerCase();
  if (/^(trace|debug)/.test(word)) return "debug";
  if (/^warn/.test(word)) return "warn";
  if (/^(err|fatal|crit|alert|emerg)/.test(word)) return "error";
  return "info";
}

/** The body as the line's message: text as is, anything else as JSON. */
function messageOf(record: OtlpRecord): string {
  const body = record.body;
  const text = typeof body === "string" ? body : body == null ? "" : JSON.stringify(body);
  if (text.trim() !== "") return text;
  return record.eventName || record.severityText || "(empty log record)";
}

/** The attributes, with the record's trace context, scope and severity text beside them. */
function metadataOf(record: OtlpRecord, scope: string): Record<string, JsonValue> | null {
  const metadata: Record<string, JsonValue> = { ...record.attributes };
  if (record.traceId) metadata.trace_id = record.traceId;
  if (record.spanId) metadata.span_id = record.spanId;
  if (scope) metadata.scope = scope;
  if (record.severityText) metadata.severity_text = record.severityText;
  if (record.eventName) metadata.event_name = record.eventName;
  return Object.keys(metadata).length ? metadata : null;
}

// checkLine names the fields of our own lines; the OTLP sender knows them by these names.
const FIELD_NAMES: [RegExp, string][] = [
  [/^ts /, "timeUnixNano "],
  [/^metadata_json /, "attributes "],
  [/^message /, "body "],
];

/** The line to store, or why the record is rejected. */
export function lineOf(record: OtlpRecord, scope: string, now: Date): NewLogLine | string {
  const ms = record.timeMs ?? record.observedMs;
  // Past the year 9999 there is no RFC 3339 text to check; it is far in the future anyway.
  if (ms !== null && ms >= 253_402_300_800_000) {
    return "timeUnixNano must not be more than 5 minutes in the future";
  }
  const line = checkLine({
    severity: severityOf(record.severityNumber, record.severityText),
    message: messageOf(record),
    metadata_json: metadataOf(record, scope),
    ts: ms === null ? null : new Date(ms).toISOString(),
  }, now.getTime());
  if (typeof line !== "string") return line;
  const renamed = FIELD_NAMES.find(([pattern]) => pattern.test(line));
  return renamed ? line.replace(renamed[0], renamed[1]) : line;
}
