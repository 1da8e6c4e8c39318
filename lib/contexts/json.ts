// How contexts look in the /v1 API: the existing API's ContextSummary, field for field and in
// its order, with RFC 3339 times (ADR 0005) and absent values as null.
import { z } from "zod";
import { type ContextSummary, STATUSES } from "./contexts.ts";

const time = z.string().meta({ format: "date-time" });

export const ContextJson = z.object({
  id: z.string(),
  status: z.enum(STATUSES),
  region: z.string(),
  started_at: time,
  ended_at: time.nullable(),
  package: z.string().nullable(),
  version: z.string().nullable(),
  last_activity: time,
  name: z.string().nullable(),
  labels: z.record(z.string(), z.string()).meta({ description: "key=value labels" }),
  runtime_name: z.string().nullable(),
  runtime_version: z.string().nullable(),
  host: z.string().nullable(),
}).strict().meta({ id: "Context" });

export function contextJson(c: ContextSummary): z.infer<typeof ContextJson> {
  return {
    id: c.id,
    status: c.status,
    region: c.region,
    started_at: c.startedAt.toISOString(),
    ended_at: c.endedAt ? c.endedAt.toISOString() : null,
    package: c.packageName,
    version: c.packageVersion,
    last_activity: c.lastActivityAt.toISOString(),
    name: c.name,
    labels: c.labels ?? {},
    runtime_name: c.runtimeName,
    runtime_version: c.runtimeVersion,
    host: c.host,
  };
}
