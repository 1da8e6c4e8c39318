// A line of a search across contexts in the /v1 API: the context's line (LogJson), plus the
// context it belongs to and where the viewer shows it.
import { z } from "zod";
import type { ContextSummary } from "../contexts/contexts.ts";
import { LogJson, logJson } from "./json.ts";
import type { FoundLine } from "./search.ts";

export const SearchLogJson = LogJson.extend({
  context_id: z.string(),
  context_package: z.string().nullable(),
  /** The line in its context's viewer (a path on this site). */
  url: z.string(),
}).strict().meta({ id: "SearchLogLine" });

/** The viewer's permalink for a line of a context. */
export function linePath(contextId: string, lineId: number): string {
  return `/contexts/${contextId}?line=${lineId}#L${lineId}`;
}

export function searchLogJson(
  found: FoundLine,
  contexts: Map<string, ContextSummary>,
): z.infer<typeof SearchLogJson> {
  const context = contexts.get(found.contextId);
  return {
    ...logJson(found.line),
    context_id: found.contextId,
    context_package: context?.packageName
      ? `${context.packageName}@${context.packageVersion}`
      : null,
    url: linePath(found.contextId, found.line.id),
  };
}
