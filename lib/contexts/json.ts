// How contexts look in the /v1 API: the existing API's ContextSummary, field for field and in
// its order, with RFC 3339 times (ADR 0005) and absent values as null.
import type { ContextSummary } from "./contexts.ts";

export function contextJson(c: ContextSummary) {
  return {
    id: c.id,
    status: c.status,
    region: c.region,
    started_at: c.startedAt.toISOString(),
    ended_at: c.endedAt ? c.endedAt.toISOString() : null,
    package: c.packageName,
    version: c.packageVersion,
    last_activity: c.lastActivityAt.toISOString(),
  };
}
