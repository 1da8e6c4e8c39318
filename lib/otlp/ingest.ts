// An OTLP logs export: each resource's records go to its context through the one append
// (lib/logs/append.ts). Records that cannot be stored (a context that is not the caller's, a
// timestamp out of range, a message too long) are rejected one by one and counted, as OTLP's
// partial success reports them; the rest are stored.
import type { Services } from "../services.ts";
import type { Actor } from "../access/policy.ts";
import { appendLogs } from "../logs/append.ts";
import { MAX_BATCH_LINES, type NewLogLine } from "../logs/lines.ts";
import { type Destination, destinationOf } from "./contexts.ts";
import { lineOf } from "./records.ts";
import type { OtlpResource } from "./request.ts";

export interface ExportResult {
  accepted: number;
  rejected: number;
  /** The first problem and how many others there were; empty when nothing was rejected. */
  errorMessage: string;
}

/** Stores what it can of an export; see ExportResult. */
export async function exportLogs(
  s: Services,
  actor: Actor,
  resources: OtlpResource[],
): Promise<ExportResult> {
  const now = s.clock();
  const cache = new Map<string, Promise<Destination>>();
  const problems: string[] = [];
  let rejected = 0;
  const byContext = new Map<string, NewLogLine[]>();
  for (const [i, resource] of resources.entries()) {
    const count = resource.scopes.reduce((n, scope) => n + scope.records.length, 0);
    if (count === 0) continue;
    const destination = await destinationOf(s, actor, resource.attributes, cache);
    if ("error" in destination) {
      rejected += count;
      problems.push(`resourceLogs[${i}]: ${destination.error}`);
      continue;
    }
    const lines = byContext.get(destination.context.id) ?? [];
    byContext.set(destination.context.id, lines);
    for (const [j, scope] of resource.scopes.entries()) {
      for (const [k, record] of scope.records.entries()) {
        const line = lineOf(record, scope.name, now);
        if (typeof line !== "string") lines.push(line);
        else {
          rejected++;
          problems.push(`resourceLogs[${i}].scopeLogs[${j}].logRecords[${k}]: ${line}`);
        }
      }
    }
  }
  let accepted = 0;
  for (const [contextId, lines] of byContext) {
    for (let at = 0; at < lines.length; at += MAX_BATCH_LINES) {
      accepted += (await appendLogs(s.db, contextId, lines.slice(at, at + MAX_BATCH_LINES), now))
        .length;
    }
  }
  const others = problems.length - 1;
  const errorMessage = problems.length === 0
    ? ""
    : `${rejected} log record${rejected === 1 ? "" : "s"} rejected: ${problems[0]}${
      others > 0 ? ` (and ${others} more problem${others === 1 ? "" : "s"})` : ""
    }`;
  return { accepted, rejected, errorMessage };
}
