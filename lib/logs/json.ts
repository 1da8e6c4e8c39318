// How log lines look in the /v1 API: the existing API's ContextLogEntry, in its field order,
// with an RFC 3339 `ts` (ADR 0005).
import type { LogLine } from "./append.ts";
import { severityOf } from "./severity.ts";

export function logJson(line: LogLine) {
  return {
    id: line.id,
    ts: line.ts.toISOString(),
    severity: severityOf(line.level),
    message: line.message,
    metadata_json: line.metadata,
  };
}
