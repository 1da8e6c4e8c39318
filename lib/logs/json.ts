// How log lines look in the /v1 API: the existing API's ContextLogEntry, in its field order,
// with an RFC 3339 `ts` (ADR 0005). A line stored before today's limits also says what of it
// was cut or left out (`truncated`), so no reader takes a shortened line for the whole one.
import { z } from "zod";
import type { LogLine } from "./append.ts";
import { SEVERITIES, severityOf } from "./severity.ts";

export const LogJson = z.object({
  id: z.number().int(),
  ts: z.string().meta({ format: "date-time" }),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  metadata_json: z.record(z.string(), z.unknown()).nullable(),
  truncated: z.string().optional(),
}).strict().meta({ id: "LogLine" });

export function logJson(line: LogLine): z.infer<typeof LogJson> {
  return {
    id: line.id,
    ts: line.ts.toISOString(),
    severity: severityOf(line.level),
    message: line.message,
    metadata_json: line.metadata,
    ...(line.truncated === null ? {} : { truncated: line.truncated }),
  };
}
